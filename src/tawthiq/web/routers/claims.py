"""Claim review: the queue of claims to review, one claim, and accept / correct / reject.

In: the review form (decision, corrected fields, CSRF token) from a reviewer or above.
Out: the claim's partial (HTMX swaps it in place) or a redirect; the change is audit-logged
with the user by ``store.browse.review_claim``. A correction that fails (high below low, a bad
date) comes back in place with the message and the fields as typed (``web/_forms.py``); without
JavaScript, the claim's page with them, status 400. Never: lets a viewer write.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from tawthiq.entities import CERTAINTIES, EVENT_TYPES, REVIEW_STATUSES
from tawthiq.store.users import User

from .._auth import require, verify_csrf
from .._errors import HTTPError
from .._forms import FORM_ERRORS, show_form_error
from .._query import RecordId, page_of, typed_date
from .._render import render

router = APIRouter(tags=["pages"], include_in_schema=False)
_DECISIONS = {"accept": "accepted", "correct": "corrected", "reject": "rejected"}


@router.get("/claims")
@router.get("/claims.json")
def queue(
    request: Request, status: str | None = "unreviewed", user: User = Depends(require("read"))
) -> Response:
    if status == "all":
        status = None
    if status and status not in REVIEW_STATUSES:
        raise HTTPError(
            400,
            "bad_input",
            "status must be one of %(choices)s",
            field="status",
            params={"choices": ("all", *REVIEW_STATUSES)},
        )
    page = page_of(request)
    claims, reports, total = request.app.state.data.claims.page_with_reports(status, page.offset, page.size)
    meta = page.meta(total)
    return render(
        request,
        "claims.html",
        {"claims": claims, "reports": reports, "meta": meta, "status": status or "all"},
        json_data={"items": [c.model_dump(mode="json") for c in claims], **meta},
    )


@router.get("/claims/{claim_id:int}")
@router.get("/claims/{claim_id:int}.json")
def claim_page(request: Request, claim_id: RecordId, user: User = Depends(require("read"))) -> Response:
    found = request.app.state.data.claims.get(claim_id)
    if found is None:
        raise HTTPError(404, "not_found", "no claim %(id)s", params={"id": claim_id})
    claim, report = found
    return render(
        request,
        "claim.html",
        {"claim": claim, "report": report, "event_types": EVENT_TYPES},
        json_data=claim.model_dump(mode="json"),
    )


# The largest toll a correction may give. Past it a number is a typing slip, not a count of
# people, and one past 2**63 - 1 overflowed the database driver (a 500; issue 18).
MAX_COUNT = 10_000_000


def _opt_int(value: str | None, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        n = int(value)
    except ValueError:
        raise HTTPError(
            400, "bad_input", "%(value)r is not a whole number", field=field, params={"value": value}
        ) from None
    if n < 0:
        raise HTTPError(400, "bad_input", "cannot be negative", field=field)
    if n > MAX_COUNT:
        raise HTTPError(400, "bad_input", "at most %(limit)s", field=field, params={"limit": MAX_COUNT})
    return n


def _opt_date(value: str | None, field: str) -> date | None:
    if not value:
        return None
    try:
        return typed_date(value)
    except ValueError:
        raise HTTPError(
            400, "bad_input", "%(value)r is not YYYY-MM-DD", field=field, params={"value": value}
        ) from None


def corrections_from(form: dict[str, str | None]) -> dict[str, object]:
    """The corrected fields of a review form, parsed; empty fields are left as they were."""
    out: dict[str, object] = {}
    if form.get("event_type"):
        if form["event_type"] not in EVENT_TYPES:
            raise HTTPError(
                400,
                "bad_input",
                "%(value)r is not an event type",
                field="event_type",
                params={"value": form["event_type"]},
            )
        out["event_type"] = form["event_type"]
    if form.get("certainty"):
        if form["certainty"] not in CERTAINTIES:
            raise HTTPError(
                400,
                "bad_input",
                "%(value)r is not a certainty",
                field="certainty",
                params={"value": form["certainty"]},
            )
        out["certainty"] = form["certainty"]
    if attributed_to := form.get("attributed_to"):
        out["attributed_to"] = attributed_to.strip()[:300]
    low = _opt_int(form.get("fatalities_low"), "fatalities_low")
    high = _opt_int(form.get("fatalities_high"), "fatalities_high")
    if low is not None and high is not None and high < low:
        raise HTTPError(400, "bad_input", "high is below low", field="fatalities_high")
    if low is not None:
        out["fatalities_low"] = low
    if high is not None:
        out["fatalities_high"] = high
    for key in ("time_start", "time_end"):
        d = _opt_date(form.get(key), key)
        if d is not None:
            out[key] = d
    return out


@router.post("/claims/{claim_id:int}/review", dependencies=[Depends(verify_csrf)])
def review(
    request: Request,
    claim_id: RecordId,
    decision: str = Form(...),
    event_type: str | None = Form(None),
    certainty: str | None = Form(None),
    attributed_to: str | None = Form(None),
    fatalities_low: str | None = Form(None),
    fatalities_high: str | None = Form(None),
    time_start: str | None = Form(None),
    time_end: str | None = Form(None),
    user: User = Depends(require("review_claim")),
) -> Response:
    values = {
        "event_type": event_type,
        "certainty": certainty,
        "attributed_to": attributed_to,
        "fatalities_low": fatalities_low,
        "fatalities_high": fatalities_high,
        "time_start": time_start,
        "time_end": time_end,
    }
    try:
        if decision not in _DECISIONS:
            raise HTTPError(400, "bad_input", "decision must be accept, correct or reject", field="decision")
        corrections = corrections_from(values) if decision == "correct" else {}
        if decision == "correct" and not corrections:
            raise HTTPError(
                400, "bad_input", "a correction needs at least one corrected field", field="decision"
            )
        claim = request.app.state.data.claims.review(claim_id, _DECISIONS[decision], corrections, user)
    except FORM_ERRORS as exc:
        found = request.app.state.data.claims.get(claim_id)
        if found is None:
            raise HTTPError(404, "not_found", "no claim %(id)s", params={"id": claim_id}) from None
        ctx = {"claim": found[0], "report": found[1], "event_types": EVENT_TYPES, "values": values}
        return show_form_error(request, exc, fragment="_claim.html", page="claim.html", context=ctx)
    if request.headers.get("hx-request"):
        return render(request, "_claim.html", {"claim": claim, "event_types": EVENT_TYPES})
    back = f"/reports/{claim.report_id}#claim-{claim.id}" if claim.report_id else f"/claims/{claim.id}"
    return RedirectResponse(back, status_code=303)
