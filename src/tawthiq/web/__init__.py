"""web stage: the workspace in the browser, the public view and the JSON API (issue 7).

In: an open workspace (``tawthiq.store``) and :class:`WebSettings`. Out: a FastAPI app
(:func:`create_app`) or a running server (:func:`serve_workspace`). Never: touches the database
except through ``tawthiq.store``; never redacts on its own: the public view and the public API
use ``tawthiq.policy``.
"""

from __future__ import annotations

from typing import Any

from .app import ROUTER_MODULES, create_app
from .settings import WebSettings

__all__ = ["ROUTER_MODULES", "WebSettings", "create_app", "serve_workspace"]


def serve_workspace(
    workspace: Any,
    settings: WebSettings | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    log_level: str = "warning",
) -> None:
    """Run the app with uvicorn until interrupted (``tawthiq serve`` and ``tawthiq demo`` call this).

    With ``workers > 1`` uvicorn starts that many processes (one per core is the useful maximum);
    each opens the workspace itself, and all share the CSRF secret so a form works on any of them.
    uvicorn's own proxy-header handling is off: by default it believes ``X-Forwarded-For`` from
    127.0.0.1, so any local client could choose the address that login throttling and the inquiry
    form's rate limit count. The app believes it only from ``settings.trusted_proxies``.
    """
    import dataclasses
    import json
    import os

    import uvicorn

    settings = settings or WebSettings()
    if workers <= 1:
        uvicorn.run(
            create_app(workspace, settings, freeze_gc=True),
            host=host,
            port=port,
            log_level=log_level,
            access_log=False,
            proxy_headers=False,  # forwarded headers: only from settings.trusted_proxies (app.py)
        )
        return
    os.environ["TAWTHIQ_WEB_WORKSPACE"] = str(workspace.path)
    os.environ["TAWTHIQ_WEB_DB"] = workspace.engine.url.render_as_string(hide_password=False)
    os.environ["TAWTHIQ_WEB_SETTINGS"] = json.dumps(dataclasses.asdict(settings))
    workspace.close()  # the workers open their own; the parent keeps no connection
    uvicorn.run(
        "tawthiq.web._worker:make_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=False,
        proxy_headers=False,
        timeout_worker_healthcheck=_WORKER_HEALTHCHECK_SECONDS,
    )


# uvicorn's supervisor asks each worker every 0.5 s whether it is alive and kills one that has
# not answered in this time. Its default, 5 s, is shorter than a worker's start (imports, the
# workspace, the index) on a busy machine: under a load average of 10 on 2 cores a fresh worker
# was killed before it could answer, and its replacement too, every 4-6 s for as long as the
# load lasted, so one process served everything while the other restarted (docs/web.md,
# Performance). A worker that is really hung is still killed, after a minute.
_WORKER_HEALTHCHECK_SECONDS = 60
