"""Log in and out. Argon2 hashes and session rows live in ``store/users.py``.

In: the login form (name, password, CSRF token). Out: a session cookie (HttpOnly, SameSite=Lax,
Secure behind HTTPS) that expires with the session; logins and logouts are audit-logged.
Never: says whether the name or the password was wrong, or logs either.
"""

from __future__ import annotations

from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from .._auth import SESSION_COOKIE, current_user, verify_csrf
from .._render import render

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
    settings = request.app.state.settings
    found = request.app.state.data.login(name, password, settings.session_ttl_seconds)
    if found is None:
        return render(request, "login.html", {"next": _safe_next(next), "failed": True}, status_code=401)
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
        request.app.state.data.logout(cookie, current_user(request))
    response = RedirectResponse("/public", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
