"""Log in and out. Argon2 hashes live in ``store/users.py``, session rows in ``store/sessions.py``.

In: the login form (name, password, CSRF token). Out: a session cookie (HttpOnly, SameSite=Lax,
Secure behind HTTPS) that expires with the session; logins and logouts are audit-logged.
Never: says whether the name or the password was wrong, or logs either.

Attempts are throttled per account and per client (``web/_throttle.py``): past the free failures
an attempt made too soon, or during a lockout, is answered 429 with ``Retry-After`` and the
password is not even checked. Failures are audit-logged (``user.login_failed``), and the first
refusal of each delay or lockout (``user.login_locked``).
"""

from __future__ import annotations

import math
from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from tawthiq.app import accounts
from tawthiq.app.accounts import name_key

from .._auth import SESSION_COOKIE, current_user, verify_csrf
from .._render import render
from .._throttle import LoginThrottle, client_key

router = APIRouter(tags=["pages"], include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only a local path: never redirect a login to another site."""
    if not target or not target.startswith("/") or target.startswith("//") or urlparse(target).netloc:
        return "/incidents"
    return target


@router.get("/")
def home(request: Request) -> Response:
    return RedirectResponse("/incidents" if current_user(request) else "/public", status_code=303)


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", {"next": _safe_next(next), "failed": False})


@router.post("/login", dependencies=[Depends(verify_csrf)])
def login(
    request: Request, name: str = Form(...), password: str = Form(...), next: str = Form("/incidents")
) -> Response:
    settings, ws = request.app.state.settings, request.app.state.workspace
    throttle: LoginThrottle = request.app.state.login_throttle
    account, client = name_key(name), client_key(request.client.host if request.client else None)
    seconds, first = throttle.wait(account, client)
    if seconds > 0:
        if first:
            accounts.login_locked(ws, name, client, seconds)
        response = render(
            request,
            "login.html",
            {
                "next": _safe_next(next),
                "failed": True,
                "wait_minutes": max(1, math.ceil(seconds / 60)),
                "name": name,
            },
            status_code=429,
        )
        response.headers["Retry-After"] = str(math.ceil(seconds))
        return response
    found = accounts.login(ws, name, password, settings.session_ttl_seconds, client)
    if found is None:
        throttle.failed(account, client)
        return render(
            request, "login.html", {"next": _safe_next(next), "failed": True, "name": name}, status_code=401
        )
    throttle.succeeded(account)
    _user, cookie, _expires = found
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=settings.session_ttl_seconds,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
    )
    return response


@router.post("/logout", dependencies=[Depends(verify_csrf)])
def logout(request: Request) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        accounts.logout(request.app.state.workspace, cookie, current_user(request))
    response = RedirectResponse("/public", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
