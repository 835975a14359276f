"""The one error shape of the web app and the API.

In: an :class:`HTTPError`, a :class:`~tawthiq.errors.TawthiqError`, or FastAPI's validation errors.
Out: ``{"error": {"status": 404, "code": "not_found", "message": "…", "field": null}}`` for JSON
requests (the API and every ``.json`` twin), the same fields in an HTML page otherwise.
Never: puts a traceback, a SQL statement or a protected value in a response.
"""

from __future__ import annotations

from typing import Any

__all__ = ["HTTPError", "error_body"]


class HTTPError(Exception):
    """An error the web layer answers with ``status`` and a stable ``code``."""

    def __init__(self, status: int, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field


def error_body(status: int, code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message, "field": field}}
