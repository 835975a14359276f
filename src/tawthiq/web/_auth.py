"""Who is asking: session cookies, API tokens, roles and CSRF, as FastAPI dependencies.

In: the request (cookie ``tawthiq_session``, ``Authorization: Bearer …``, the CSRF cookie and
form field or ``X-CSRF-Token`` header). Out: the :class:`~tawthiq.store.users.User` or ``None``;
:class:`HTTPError` 401/403 when a role is missing or a CSRF token does not match.
Never: stores a password or a token in clear (argon2 hashes live in ``store/users.py``, SHA-256
digests in ``store/sessions.py`` and ``store/tokens.py``) nor logs a credential.

CSRF is the signed double-submit pattern (OWASP cheat sheet): a random cookie, and in every form
the HMAC of that cookie under the app's secret (itsdangerous signs it). A cross-site page can make
the browser send the cookie but cannot read it, so it cannot forge the form value. Bearer-token
API calls carry no cookie, so they need no CSRF token.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import UTC, datetime

from fastapi import Request
from itsdangerous import BadSignature, URLSafeSerializer
from starlette.concurrency import run_in_threadpool

from tawthiq.app import accounts
from tawthiq.store.users import User

from ._errors import HTTPError
from ._roles import can

__all__ = [
    "CSRF_COOKIE",
    "SESSION_COOKIE",
    "csrf_token_for",
    "current_user",
    "ensure_csrf_cookie",
    "optional_user",
    "require",
    "verify_csrf",
]

SESSION_COOKIE = "tawthiq_session"
CSRF_COOKIE = "tawthiq_csrf"
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _signer(request: Request) -> URLSafeSerializer:
    """The app's CSRF serializer, made once per app (every page signs a token)."""
    state = request.app.state
    signer = getattr(state, "csrf_signer", None)
    if signer is None:
        signer = state.csrf_signer = URLSafeSerializer(state.settings.secret_key, salt="tawthiq-csrf")
    return signer


def ensure_csrf_cookie(request: Request) -> str:
    """The request's CSRF cookie value, minting one (set on the response by middleware) if absent."""
    value = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not value:
        value = secrets.token_urlsafe(24)
        request.state.new_csrf = value
    return value


def csrf_token_for(request: Request) -> str:
    """The value every form on this page carries in its hidden ``csrf_token`` field."""
    return _signer(request).dumps(ensure_csrf_cookie(request))


async def verify_csrf(request: Request) -> None:
    """Dependency for every cookie-authenticated write: 403 unless the token matches the cookie."""
    if request.method not in _UNSAFE:
        return
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return
    cookie = request.cookies.get(CSRF_COOKIE)
    sent: object = request.headers.get("x-csrf-token")
    if not sent:
        form = await request.form()
        sent = form.get("csrf_token")  # a str, or an upload: refused below
    if not cookie or not isinstance(sent, str):
        raise HTTPError(403, "csrf", "missing CSRF token; reload the page and try again")
    try:
        signed_value = _signer(request).loads(sent)
    except BadSignature:
        raise HTTPError(403, "csrf", "bad CSRF token; reload the page and try again") from None
    if not hmac.compare_digest(str(signed_value), cookie):
        raise HTTPError(403, "csrf", "CSRF token does not match this browser; reload the page")


def current_user(request: Request) -> User | None:
    """The logged-in user (session cookie) or the token's user (Bearer), else ``None``."""
    if hasattr(request.state, "user"):
        return request.state.user
    request.state.user = _who(request, peek=False)[0]
    return request.state.user


async def _current_user_on_loop(request: Request) -> User | None:
    """:func:`current_user` for the event loop: the read is inline; when the store would also
    write (a session's or token's last use, at most once a minute, or ending a dead session),
    the look-up runs again in the thread pool, so no write lock is ever waited on in the loop."""
    if hasattr(request.state, "user"):
        return request.state.user
    user, write = _who(request, peek=True)
    if write:
        user = (await run_in_threadpool(_who, request, False))[0]
    request.state.user = user
    return user


async def optional_user(request: Request) -> User | None:
    """Dependency for a page anyone may see that runs on the event loop (the public list): the
    visitor if logged in, else ``None``, read as :func:`require` reads it (a write, if any, in
    the thread pool), so rendering the page's header later reads the user already found.
    A ``.json`` twin shows no user, so it reads none (as before it was inline)."""
    if request.url.path.endswith(".json"):
        return None
    return await _current_user_on_loop(request)


def _who(request: Request, peek: bool) -> tuple[User | None, bool]:
    """(user, whether the store must write) from the Bearer token or the session cookie."""
    ws = request.app.state.workspace
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        token = auth[7:].strip()
        user, write = accounts.peek_token(ws, token) if peek else (accounts.token_user(ws, token), False)
        if user is None:
            raise HTTPError(401, "bad_token", "the API token is unknown, revoked or expired")
        return user, write
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None, False
    now, idle = datetime.now(UTC), request.app.state.settings.idle_ttl_seconds
    if peek:
        return accounts.peek_session(ws, cookie, now, idle)
    return accounts.session_user(ws, cookie, now, idle), False


def require(action: str):
    """Dependency factory: the user, who must be logged in and allowed ``action``.

    The dependency is a coroutine, so FastAPI runs it on the event loop (``web/_inline.py``).
    """

    async def dep(request: Request) -> User:
        user = await _current_user_on_loop(request)
        if user is None:
            raise HTTPError(401, "login_required", "log in to see this page")
        if not can(user.role, action):
            raise HTTPError(
                403,
                "forbidden",
                "your role (%(role)s) may not %(action)s",
                params={"role": user.role, "action": action.replace("_", " ")},
            )
        return user

    return dep
