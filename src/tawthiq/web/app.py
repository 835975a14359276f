"""The web workspace as a FastAPI app: ``create_app(workspace, settings)``.

In: an open :class:`~tawthiq.store.workspace.Workspace` and :class:`WebSettings`.
Out: an ASGI app with every router of :data:`ROUTER_MODULES`, the bundled static files
(``/static``, Leaflet, markercluster and htmx from npm: no CDN, no map tiles), one error shape,
and security headers (a Content-Security-Policy that allows only this origin).
Never: opens the workspace itself or reads settings from the environment (``tawthiq serve`` does).

To add a router, write ``web/routers/NAME.py`` with a module-level ``router`` and add ``"NAME"``
to :data:`ROUTER_MODULES`.
"""

from __future__ import annotations

import gc
import importlib
import threading
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from tawthiq import __version__
from tawthiq.errors import InputError, PermissionDenied, TawthiqError

from ._auth import CSRF_COOKIE
from ._data import WebData
from ._errors import HTTPError, error_body
from ._render import JSONResponse, render, template_env, wants_json
from .settings import WebSettings

__all__ = ["ROUTER_MODULES", "create_app"]

# One tuple: each name is a module in tawthiq.web.routers exposing ``router``.
ROUTER_MODULES: tuple[str, ...] = (
    "auth",
    "reports",
    "claims",
    "incidents",
    "geo",
    "timeline",
    "people",
    "public",
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


class _CookiesAndHeaders:
    """Pure ASGI middleware: the CSRF cookie minted during the request, the ``lang`` cookie
    when ``?lang=`` chose one, and the security headers on every response.

    Not ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware runs each request through
    an extra task and memory stream, about 1 ms of CPU per request.
    """

    def __init__(self, app: Any, secure_cookies: bool) -> None:
        self.app = app
        self.secure_cookies = secure_cookies

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
                for name, value in _HEADERS:
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


_HEADERS = (
    ("Content-Security-Policy", _CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
)


def _error(request: Request, status: int, code: str, message: str, field: str | None = None) -> Response:
    if status == 401 and not wants_json(request) and request.method == "GET":
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    body = error_body(status, code, message, field)
    if wants_json(request) or "application/json" in request.headers.get("accept", ""):
        return JSONResponse(body, status_code=status)
    return render(request, "error.html", body["error"], status_code=status)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(HTTPError)
    async def _http_error(request: Request, exc: HTTPError) -> Response:
        return _error(request, exc.status, exc.code, exc.message, exc.field)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> Response:
        return _error(request, 400, "bad_input", exc.message, exc.field)

    @app.exception_handler(PermissionDenied)
    async def _denied(request: Request, exc: PermissionDenied) -> Response:
        return _error(request, 403, "forbidden", str(exc))

    @app.exception_handler(TawthiqError)
    async def _tawthiq_error(request: Request, exc: TawthiqError) -> Response:
        return _error(request, 400, "bad_request", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        loc = [str(x) for x in first.get("loc", ()) if x not in ("query", "body", "path", "form")]
        return _error(request, 422, "invalid", str(first.get("msg")), ".".join(loc) or None)

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
    data.warm()
    if freeze_gc:
        gc.collect()
        gc.freeze()


def create_app(
    workspace: Any,
    settings: WebSettings | None = None,
    *,
    data: WebData | None = None,
    freeze_gc: bool = False,
) -> FastAPI:
    """The app for ``workspace``; ``data`` may be given to share one :class:`WebData`.

    ``freeze_gc``: for a server process (``tawthiq serve``), see :func:`_warm`.
    """
    settings = settings or WebSettings()
    data = data or WebData(workspace)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        # Build the map index in the background, so the first map view does not wait for it.
        threading.Thread(target=_warm, args=(data, freeze_gc), name="tawthiq-map-warm", daemon=True).start()
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="Tawthiq",
        version=__version__,
        description="Tawthiq workspace API: reports, claims, incidents, places. "
        "Authenticate with `Authorization: Bearer <token>` (`tawthiq tokens create`).",
        docs_url=None,  # served by routers/api.py from the bundled Swagger UI
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.settings = settings
    app.state.workspace = workspace
    app.state.data = data
    app.state.templates = template_env()

    app.add_middleware(_CookiesAndHeaders, secure_cookies=settings.secure_cookies)

    _install_errors(app)
    from pathlib import Path

    app.mount("/static", StaticFiles(directory=Path(__file__).resolve().parent / "static"), name="static")
    for name in ROUTER_MODULES:
        module = importlib.import_module(f"tawthiq.web.routers.{name}")
        app.include_router(module.router)
    return app
