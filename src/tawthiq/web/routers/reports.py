"""The inbox of reports (failed intakes with their reasons) and a report with its claims in place.

In: page and status from the query. Out: ``reports.html``/``report.html`` or their ``.json`` twins.
Never: shows a report's protected sender or its source's identity (the store gives a mask, the
page says only "protected"; documenters and admins get a Reveal button, ``routers/protected.py``).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from tawthiq.entities import REPORT_STATUSES
from tawthiq.store.users import User

from .._auth import require
from .._errors import HTTPError
from .._highlight import highlight_spans
from .._json import report_json, report_row_json
from .._query import RecordId, page_of
from .._render import render
from .._roles import can

router = APIRouter(tags=["pages"], include_in_schema=False)


def _source_protected(request: Request, source_id: int | None) -> list[str]:
    """Which protected fields the report's source holds (nothing is decrypted)."""
    if source_id is None:
        return []
    from tawthiq.app.sources import protected_fields

    return protected_fields(request.app.state.workspace, source_id)


@router.get("/reports")
@router.get("/reports.json")
def inbox(request: Request, status: str | None = None, user: User = Depends(require("read"))) -> Response:
    if status and status not in REPORT_STATUSES:
        raise HTTPError(
            400,
            "bad_input",
            "status must be one of %(choices)s",
            field="status",
            params={"choices": REPORT_STATUSES},
        )
    page = page_of(request)
    reports, total = request.app.state.data.reports.page(status, page.offset, page.size)
    meta = page.meta(total)
    items = [report_row_json(r) for r in reports]
    return render(
        request,
        "reports.html",
        {"reports": reports, "meta": meta, "status": status},
        json_data={"items": items, **meta},
    )


@router.get("/reports/{report_id:int}")
@router.get("/reports/{report_id:int}.json")
def report_page(request: Request, report_id: RecordId, user: User = Depends(require("read"))) -> Response:
    found = request.app.state.data.reports.get(report_id)
    if found is None:
        raise HTTPError(404, "not_found", "no report %(id)s", params={"id": report_id})
    report, claims = found
    body = highlight_spans(report.body, [(c.id, c.span[0], c.span[1]) for c in claims if c.id is not None])
    can_reveal = can(user.role, "see_protected")
    return render(
        request,
        "report.html",
        {
            "report": report,
            "claims": claims,
            "body_html": body,
            "can_reveal": can_reveal,
            "source_protected": _source_protected(request, report.source_id) if can_reveal else [],
        },
        json_data={"report": report_json(report), "claims": [c.model_dump(mode="json") for c in claims]},
    )
