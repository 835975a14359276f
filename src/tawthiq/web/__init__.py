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
    log_level: str = "warning",
) -> None:
    """Run the app with uvicorn until interrupted (``tawthiq serve`` and ``tawthiq demo`` call this)."""
    import uvicorn

    uvicorn.run(create_app(workspace, settings), host=host, port=port, log_level=log_level, access_log=False)
