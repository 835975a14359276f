"""Form errors shown in place: the form comes back with the message and the user's choices.

In: a request whose form failed validation (an :class:`HTTPError` or an
:class:`~tawthiq.errors.InputError` naming the field), the form's fragment and the page it sits
on, and the context that renders them with the user's choices kept.
Out: for htmx, the fragment with the message, status 422 (``static/forms.js`` lets htmx swap a
422 in place; htmx 1.9 swaps no 4xx by default); without JavaScript, the whole page with the
message beside the form, status 400; for a ``.json`` twin, the one error shape.
Never: stores anything (the caller's write has not happened or was rolled back).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from tawthiq.errors import InputError

from ._errors import HTTPError, error_body
from ._render import JSONResponse, render, wants_json

__all__ = ["FORM_ERRORS", "form_error", "is_htmx", "show_form_error"]

FORM_ERRORS = (HTTPError, InputError)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def form_error(exc: HTTPError | InputError) -> dict[str, Any]:
    """``{"message", "field", "code"}`` of a failed form, for the template and the JSON twin
    (with the message's ``template`` and ``params``, which the page translates)."""
    if isinstance(exc, HTTPError):
        return {
            "message": exc.message,
            "field": exc.field,
            "code": exc.code,
            "template": exc.template,
            "params": exc.params,
        }
    return {
        "message": exc.message,
        "field": exc.field,
        "code": "bad_input",
        "template": exc.template,
        "params": exc.params,
    }


def show_form_error(
    request: Request,
    exc: HTTPError | InputError,
    *,
    fragment: str,
    page: str,
    context: dict[str, Any],
) -> Response:
    """The form again with ``error`` in ``context``: a fragment for htmx, else the whole page."""
    error = form_error(exc)
    status = exc.status if isinstance(exc, HTTPError) else 400
    if wants_json(request) or "application/json" in request.headers.get("accept", ""):
        return JSONResponse(
            error_body(status, error["code"], error["message"], error["field"]), status_code=status
        )
    if status != 400:  # not a mistake in the form (403, 404): the usual error page
        raise exc
    ctx = {**context, "error": error}
    if is_htmx(request):
        return render(request, fragment, ctx, status_code=422)
    return render(request, page, ctx, status_code=400)
