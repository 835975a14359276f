"""The web workspace as a FastAPI app: ``create_app(workspace, settings)``.

In: an open :class:`~tawthiq.store.workspace.Workspace` and :class:`WebSettings`.
Out: an ASGI app with every router of :data:`ROUTER_MODULES`, the bundled static files
(``/static``, Leaflet, markercluster and htmx from npm: no CDN, no map tiles), one error shape,
and security headers (a Content-Security-Policy that allows only this origin) on every response,
errors and 500s included; ``Cache-Control: no-store`` on every response to a logged-in request.
Never: opens the workspace itself or reads settings from the environment (``tawthiq serve`` does).

To add a router, write ``web/routers/NAME.py`` with a module-level ``router`` and add ``"NAME"``
to :data:`ROUTER_MODULES`.
"""

from __future__ import annotations

import gc
import importlib
import logging
import threading
import time
from collections.abc import Callable
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qs

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from tawthiq import __version__
from tawthiq.errors import InputError, PermissionDenied, TawthiqError

from ._auth import CSRF_COOKIE, SESSION_COOKIE
from ._data import WebData
from ._errors import HTTPError, error_body
from ._render import JSONResponse, render, template_env, wants_json
from ._throttle import LoginThrottle
from .settings import WebSettings

__all__ = ["ROUTER_MODULES", "create_app"]

# One tuple: each name is a module in tawthiq.web.routers exposing ``router``.
# Requests are matched against the routers in this order, router by router (FastAPI walks each
# included router's routes): the pages asked most come first (issue 18: the public incident page
# was matched against 33 routes of 8 routers before its own, a tenth of its CPU). No two routers
# share a path, so the order decides nothing else.
ROUTER_MODULES: tuple[str, ...] = (
    "incidents",
    "public",
    "auth",
    "reports",
    "claims",
    "geo",
    "timeline",
    "estimates",
    "people",
    "missing",
    "admin",
    "admin_api",
    "protected",
    "api",
)

_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def _logged_in(scope: Any) -> bool:
    """Whether the request carries a credential (a session cookie or a Bearer token) or was
    answered for a user: its response may hold what only that user may see."""
    if scope.get("state", {}).get("user") is not None:
        return True
    for name, value in scope.get("headers", ()):
        if name == b"authorization" or (name == b"cookie" and SESSION_COOKIE.encode() in value):
            return True
    return False


class _CookiesAndHeaders:
    """Pure ASGI middleware: the CSRF cookie minted during the request, the ``lang`` cookie
    when ``?lang=`` chose one, the security headers on every response, and
    ``Cache-Control: no-store`` on every response to a logged-in request (issue 18: after a
    logout, Back must not show a page from the browser's cache). It wraps the whole app, the
    server-error handler included (:class:`_App`), so a 404 and a 500 carry the headers too.

    Not ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware runs each request through
    an extra task and memory stream, about 1 ms of CPU per request.
    """

    def __init__(self, app: Any, secure_cookies: bool, img_origin: str | None = None) -> None:
        self.app = app
        self.secure_cookies = secure_cookies
        # a configured map tile server (settings.map_tile_url) is the only other origin allowed
        csp = (
            _CSP.replace("img-src 'self' data:", f"img-src 'self' data: {img_origin}") if img_origin else _CSP
        )
        self.headers = tuple((n, csp if n == "Content-Security-Policy" else v) for n, v in _HEADERS)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                cookies = Response()  # only to format Set-Cookie values as Starlette does
                new_csrf = scope.get("state", {}).get("new_csrf")
                if new_csrf:
                    cookies.set_cookie(
                        CSRF_COOKIE, new_csrf, httponly=True, samesite="strict", secure=self.secure_cookies
                    )
                lang = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [""])[-1]
                if lang in ("en", "ar"):
                    cookies.set_cookie("lang", lang, samesite="lax", max_age=365 * 86400)
                headers = MutableHeaders(scope=message)
                for name, value in cookies.raw_headers:
                    if name == b"set-cookie":
                        headers.append("set-cookie", value.decode("latin-1"))
                for key, text in self.headers:
                    if key not in headers:
                        headers[key] = text
                if self.secure_cookies and "strict-transport-security" not in headers:
                    headers["Strict-Transport-Security"] = "max-age=31536000"
                # the package's own files (static assets, the map's public layers) hold nothing of the user
                if _logged_in(scope) and not scope.get("path", "").startswith(("/static/", "/map/layers/")):
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


_HEADERS = (
    ("Content-Security-Policy", _CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)

_log = logging.getLogger("tawthiq.web")


class _App(FastAPI):
    """FastAPI with :class:`_CookiesAndHeaders` outside everything, Starlette's
    ServerErrorMiddleware included: ``add_middleware`` would put it inside, and a 500 would go out
    without the security headers."""

    def build_middleware_stack(self) -> Any:
        settings = self.state.settings
        return _CookiesAndHeaders(
            super().build_middleware_stack(), settings.secure_cookies, settings.map_tile_origin
        )


def _error(
    request: Request,
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    *,
    template: str | None = None,
    params: dict[str, Any] | None = None,
) -> Response:
    if status == 401 and not wants_json(request) and request.method == "GET":
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    body = error_body(status, code, message, field)
    if wants_json(request) or "application/json" in request.headers.get("accept", ""):
        return JSONResponse(body, status_code=status)
    # the page translates the message's template (web/_errors.py FIXED_MESSAGES), then fills it
    page = {**body["error"], "template": template, "params": params}
    return render(request, "error.html", page, status_code=status)


async def _no_nul_in_query(request: Request) -> None:
    """Refuse a NUL character in a query parameter (400 naming it). No user types one, and
    PostgreSQL cannot hold one in a text value: ``?user=%00`` was a 500 there (issue 18).

    A coroutine: FastAPI runs a plain ``def`` dependency in the thread pool, and this one runs
    for every request, so as a ``def`` it sent even the pages answered on the event loop
    (``web/_inline.py``) through the pool: a thread hop per request, and no answer at all while
    the pool's threads were all busy with slow requests (issue 18)."""
    for name, value in request.query_params.multi_items():
        if "\x00" in name or "\x00" in value:
            field = name.strip("\x00") or None
            raise HTTPError(400, "bad_input", "a NUL character is not allowed", field=field)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(HTTPError)
    async def _http_error(request: Request, exc: HTTPError) -> Response:
        return _error(
            request, exc.status, exc.code, exc.message, exc.field, template=exc.template, params=exc.params
        )

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> Response:
        return _error(
            request, 400, "bad_input", exc.message, exc.field, template=exc.template, params=exc.params
        )

    @app.exception_handler(PermissionDenied)
    async def _denied(request: Request, exc: PermissionDenied) -> Response:
        return _error(request, 403, "forbidden", str(exc))

    @app.exception_handler(TawthiqError)
    async def _tawthiq_error(request: Request, exc: TawthiqError) -> Response:
        return _error(request, 400, "bad_request", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = tuple(first.get("loc", ()))
        loc = [str(x) for x in where if x not in ("query", "body", "path", "form")]
        if where[:1] == ("path",):
            # /incidents/99999999999999999999 or /incidents/abc names no record: not found
            return _error(request, 404, "not_found", "no such record", ".".join(loc) or None)
        return _error(request, 422, "invalid", str(first.get("msg")), ".".join(loc) or None)

    @app.exception_handler(DataError)
    async def _data_error(request: Request, exc: DataError) -> Response:
        # The database refused a value the request carried (a NUL character in a text, a number
        # past what the column holds) that validation let through: the request is at fault, and
        # the answer names no statement or value.
        _log.warning("database refused a value on %s %s", request.method, request.url.path)
        return _error(request, 400, "bad_input", "the database refused a value in the request")

    @app.exception_handler(Exception)
    async def _server_error(request: Request, exc: Exception) -> Response:
        # Starlette's ServerErrorMiddleware calls this, then re-raises for the server's log.
        # The answer names nothing of the failure: no trace, no statement, no value.
        _log.error("unhandled error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
        body = error_body(500, "server_error", "the server failed to answer; the error has been logged")
        if wants_json(request) or "application/json" in request.headers.get("accept", ""):
            return JSONResponse(body, status_code=500)
        try:
            return render(request, "error.html", body["error"], status_code=500)
        except Exception:  # the page itself may be what fails: fall back to the JSON shape
            return JSONResponse(body, status_code=500)

    @app.exception_handler(StarletteHTTPException)
    async def _starlette(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error(request, exc.status_code, code, str(exc.detail))


def _warm(data: WebData, freeze_gc: bool) -> None:
    """Build the incident index; then, for a server process, freeze what start-up made.

    ``gc.freeze()`` moves every object alive now (the imported libraries, the index) out of
    the collector's reach: a full (generation 2) collection then walks only what was made
    since. Without it each full collection walked ~250,000 objects, 0.5-0.8 s of a busy
    worker's time in which it answered nobody (docs/web.md, Performance). Frozen objects are
    still freed when their last reference goes; only cycles among them are never collected,
    so tests, which make many apps in one process, do not freeze.
    """
    data.incidents.warm()
    if freeze_gc:
        gc.collect()
        gc.freeze()


def create_app(
    workspace: Any,
    settings: WebSettings | None = None,
    *,
    data: WebData | None = None,
    freeze_gc: bool = False,
    clock: Callable[[], float] = time.monotonic,
) -> FastAPI:
    """The app for ``workspace``; ``data`` may be given to share one :class:`WebData`.

    ``freeze_gc``: for a server process (``tawthiq serve``), see :func:`_warm`. ``clock``: the
    monotonic seconds login throttling counts in (a test passes a clock it moves).
    """
    settings = settings or WebSettings()
    data = data or WebData(workspace)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        # Build the map index in the background, so the first map view does not wait for it.
        threading.Thread(target=_warm, args=(data, freeze_gc), name="tawthiq-map-warm", daemon=True).start()
        yield

    app = _App(
        lifespan=lifespan,
        title="Tawthiq",
        version=__version__,
        description="Tawthiq workspace API: reports, claims, incidents, places. "
        "Authenticate with `Authorization: Bearer <token>` (`tawthiq tokens create`).",
        dependencies=[Depends(_no_nul_in_query)],
        docs_url=None,  # served by routers/api.py from the bundled Swagger UI
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.settings = settings
    app.state.workspace = workspace
    app.state.data = data
    app.state.templates = template_env()
    app.state.login_throttle = LoginThrottle(settings, clock)

    if settings.trusted_proxies:
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))

    _install_errors(app)
    from pathlib import Path

    app.mount("/static", StaticFiles(directory=Path(__file__).resolve().parent / "static"), name="static")
    for name in ROUTER_MODULES:
        module = importlib.import_module(f"tawthiq.web.routers.{name}")
        app.include_router(module.router)
    return app
