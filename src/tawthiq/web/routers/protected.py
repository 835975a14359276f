"""Reveal a protected value to a documenter or admin, one deliberate request at a time.

Pages show only that a protected value exists ("protected", with a Reveal button for those
allowed). ``POST /protected/{object}/{id}/{field}`` (CSRF-protected; ``.json`` twin) and
``POST /api/v1/protected/{object}/{id}/{field}`` (token; JSON body ``{"reason": "…"}``) decrypt
one value through ``tawthiq.app.evidence.reveal``, which writes an ``evidence.view`` custody event naming
the user, the record, the field and the user's reason in the same transaction: no value reaches a
screen unrecorded, and none without a reason (a form field ``reason``, at most 300 characters).
Objects and fields: ``report``/``sender``, ``source``/``identity``|``contact``,
``source_contact``/``note``, ``missing_note``/``author_email``|``author_phone``,
``inquiry``/``contact``.
Out: an HTML fragment for htmx (swapped in place of the button), a small page without
JavaScript, or ``{"object", "id", "field", "value"}``; always ``Cache-Control: no-store``. A blank
reason brings the form back in place with the message (status 422 for htmx, 400 otherwise).
Never: reveals on a GET (a link, a prefetch or a crawler cannot trigger a view), to a viewer or
reviewer, or writes the value anywhere but the response.
"""

from __future__ import annotations

from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from tawthiq.errors import InputError
from tawthiq.store.reveal import REASON_MAX_LENGTH, Disclosure
from tawthiq.store.users import User

from .._auth import require, verify_csrf
from .._forms import show_form_error
from .._query import RecordId
from .._render import JSONResponse, render

router = APIRouter(tags=["api"])
_protected = require("see_protected")


class RevealRequest(BaseModel):
    reason: str = Field(
        min_length=1,
        max_length=REASON_MAX_LENGTH,
        description="Why you need to see this value; kept in the evidence.view custody event.",
        examples=["calling the source back about the 14 December report"],
    )


def _reveal(
    request: Request, user: User, obj: str, record_id: int, field: str, reason: str, where: str
) -> str | None:
    from tawthiq.app.evidence import reveal

    disclosure = Disclosure(actor=user.name, reason=reason, where=where)  # no reason: 400, field 'reason'
    value = reveal(request.app.state.workspace, f"{obj}.{field}", record_id, disclosure)
    return value.reveal() if value is not None else None


def _back(request: Request) -> str:
    """The page the button was on (same site only), for the page shown without JavaScript."""
    ref = urlparse(request.headers.get("referer", ""))
    if ref.netloc == request.url.netloc and ref.path.startswith("/") and not ref.path.startswith("//"):
        return ref.path + (f"?{ref.query}" if ref.query else "")
    return "/"


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post(
    "/protected/{obj}/{record_id:int}/{field}", include_in_schema=False, dependencies=[Depends(verify_csrf)]
)
@router.post(
    "/protected/{obj}/{record_id:int}/{field}.json",
    include_in_schema=False,
    dependencies=[Depends(verify_csrf)],
)
def reveal_page(
    request: Request,
    obj: str,
    record_id: RecordId,
    field: str,
    reason: str = Form(""),
    label: str = Form(""),
    user: User = Depends(_protected),
) -> Response:
    try:
        value = _reveal(request, user, obj, record_id, field, reason, "web")
    except InputError as exc:
        if exc.field != "reason":  # an unknown object, field or record: the usual error
            raise
        ctx = {"object": obj, "id": record_id, "field": field, "label": label[:100], "back": _back(request)}
        return _no_store(
            show_form_error(
                request, exc, fragment="_reveal_failed.html", page="reveal_failed.html", context=ctx
            )
        )
    data = {"object": obj, "id": record_id, "field": field, "value": value}
    if request.headers.get("hx-request") == "true":
        return _no_store(render(request, "_revealed.html", data, json_data=data))
    return _no_store(render(request, "revealed.html", {**data, "back": _back(request)}, json_data=data))


@router.post("/api/v1/protected/{obj}/{record_id}/{field}", dependencies=[Depends(verify_csrf)])
def reveal_api(
    request: Request,
    obj: str,
    record_id: RecordId,
    field: str,
    body: RevealRequest,
    user: User = Depends(_protected),
) -> Response:
    """Decrypt one protected value (documenter or admin) for the reason given; recorded, with the
    reason, as an ``evidence.view`` custody event."""
    value = _reveal(request, user, obj, record_id, field, body.reason, "api")
    return _no_store(JSONResponse({"object": obj, "id": record_id, "field": field, "value": value}))
