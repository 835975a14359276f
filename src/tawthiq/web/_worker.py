"""The app factory uvicorn calls in each worker process (``tawthiq serve --workers N``).

In: ``TAWTHIQ_WEB_WORKSPACE``, ``TAWTHIQ_WEB_DB`` and ``TAWTHIQ_WEB_SETTINGS`` (JSON), set by
:func:`tawthiq.web.serve_workspace` in the parent. Out: the app. Never: used by anything else.
"""

from __future__ import annotations

import json
import os

from .app import create_app
from .settings import WebSettings


def make_app():
    from tawthiq.store import open_workspace

    ws = open_workspace(os.environ["TAWTHIQ_WEB_WORKSPACE"], db=os.environ.get("TAWTHIQ_WEB_DB") or None)
    return create_app(ws, WebSettings(**json.loads(os.environ["TAWTHIQ_WEB_SETTINGS"])), freeze_gc=True)
