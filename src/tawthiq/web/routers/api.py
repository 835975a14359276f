"""The JSON API, ``/api/v1``: reports, claims, incidents, places, timeline; OpenAPI at ``/api/docs``.

In: ``Authorization: Bearer <token>`` (``tawthiq tokens create``) or a browser session (whose
writes then need the ``X-CSRF-Token`` header); filters and ``page``/``page_size``.
Out: the same data as the pages' ``.json`` twins, in the one error shape; ``/api/v1/public/…``
needs no token and answers exactly what the public view shows (``tawthiq.policy``).
Never: returns a protected value; writes without the role the pages require.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, Request, Security
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from tawthiq.entities import Grade, ReportStatus, ReviewStatus
from tawthiq.store.users import User

from .._auth import require, verify_csrf
from .._errors import HTTPError
from .._inline import inline
from .._json import incident_json, report_json, report_row_json
from .._query import RecordId, filter_query, incident_filter, page_of, parse_bbox
from .._render import JSONResponse
from .claims import MAX_COUNT, corrections_from
from .geo import collection, incident_feature
from .public import public_list_json

_bearer = HTTPBearer(auto_error=False, description="An API token from `tawthiq tokens create`.")
v1 = APIRouter(prefix="/api/v1", tags=["api"])
public_router = APIRouter(prefix="/public", tags=["public api"])
docs_router = APIRouter(include_in_schema=False)


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    field: str | None = None


class ErrorShape(BaseModel):
    error: ErrorBody


class Paged(BaseModel):
    items: list[dict[str, Any]]
    page: int
    page_size: int
    total: int
    pages: int
    next: int | None = None
    prev: int | None = None
    filters: dict[str, str] = Field(default_factory=dict)


class ReportOut(BaseModel):
    """A report as the analyst sees it (``report_json``): every field of ``entities.Report`` but its
    sender, of which only ``has_protected_sender`` says whether there is one."""

    model_config = ConfigDict(extra="allow")
    id: int
    sha256: str
    title: str | None = None
    published_at: str | None = Field(None, description="at its precision: 2016-12-13, 2016-12 or 2016")
    url: str | None = Field(
        None,
        description="the header's URL:, as written; one that is not http(s) is kept (ingest warned) "
        "and never published",
    )
    metadata: dict[str, str] = Field(
        default_factory=dict,
        description="the header's other keys (CONFLICT:, SAME_EVENT_GROUP: ...), as written, in their "
        "order; a key that names a person (CONTACT:, REPORTER:) holds '‹protected›', never its value",
    )
    has_protected_sender: bool = False
    body: str = ""


class ReportWithClaims(BaseModel):
    report: ReportOut
    claims: list[dict[str, Any]] = Field(description="spans index into report.body")


class Corrections(BaseModel):
    """The fields a correction may change; an unknown field is refused (422), not ignored."""

    model_config = ConfigDict(extra="forbid")
    event_type: str | None = Field(None, description="an event type (taxonomy in DESIGN.md)")
    certainty: str | None = None
    attributed_to: str | None = Field(None, max_length=300)
    fatalities_low: int | None = Field(None, ge=0, le=MAX_COUNT)
    fatalities_high: int | None = Field(None, ge=0, le=MAX_COUNT)
    time_start: date | None = None
    time_end: date | None = None


class Review(BaseModel):
    decision: Literal["accept", "correct", "reject"]
    corrections: Corrections = Field(default_factory=Corrections, description="for 'correct' only")


class Override(BaseModel):
    grade: Grade | None = Field(description="null clears the override")
    reason: str = ""


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorShape},
    401: {"model": ErrorShape},
    403: {"model": ErrorShape},
    404: {"model": ErrorShape},
    422: {"model": ErrorShape},
}


_READ, _REVIEW, _OVERRIDE = require("read"), require("review_claim"), require("override_grade")


async def _reader(request: Request, _token: Any = Security(_bearer)) -> User:
    return await _READ(request)


async def _reviewer(request: Request, _token: Any = Security(_bearer)) -> User:
    return await _REVIEW(request)


async def _documenter(request: Request, _token: Any = Security(_bearer)) -> User:
    return await _OVERRIDE(request)


@v1.get("/reports", response_model=Paged, responses=_ERRORS)
def api_reports(
    request: Request,
    status: ReportStatus | None = None,
    user: User = Depends(_reader),
) -> Any:
    """Reports, newest first; ``status=failed`` lists failed intakes with their reasons."""
    page = page_of(request)
    reports, total = request.app.state.data.reports.page(status, page.offset, page.size)
    items = [report_row_json(r) for r in reports]
    return {"items": items, **page.meta(total)}


@v1.get("/reports/{report_id}", response_model=ReportWithClaims, responses=_ERRORS)
def api_report(request: Request, report_id: RecordId, user: User = Depends(_reader)) -> Any:
    """One report with its text and extracted claims (spans index into ``body``)."""
    found = request.app.state.data.reports.get(report_id)
    if found is None:
        raise HTTPError(404, "not_found", f"no report {report_id}")
    report, claims = found
    return {"report": report_json(report), "claims": [c.model_dump(mode="json") for c in claims]}


@v1.get("/claims", response_model=Paged, responses=_ERRORS)
def api_claims(
    request: Request,
    status: ReviewStatus | None = None,
    user: User = Depends(_reader),
) -> Any:
    page = page_of(request)
    claims, total = request.app.state.data.claims.page(status, page.offset, page.size)
    return {"items": [c.model_dump(mode="json") for c in claims], **page.meta(total)}


@v1.get("/claims/{claim_id}", responses=_ERRORS)
def api_claim(request: Request, claim_id: RecordId, user: User = Depends(_reader)) -> Any:
    found = request.app.state.data.claims.get(claim_id)
    if found is None:
        raise HTTPError(404, "not_found", f"no claim {claim_id}")
    return found[0].model_dump(mode="json")


@v1.post("/claims/{claim_id}/review", responses=_ERRORS, dependencies=[Depends(verify_csrf)])
def api_review(request: Request, claim_id: RecordId, body: Review, user: User = Depends(_reviewer)) -> Any:
    """Accept, correct or reject a claim (reviewer or above); audit-logged with the token's user."""
    status = {"accept": "accepted", "correct": "corrected", "reject": "rejected"}[body.decision]
    corrections = {}
    if body.decision == "correct":
        corrections = corrections_from(
            {k: str(v) for k, v in body.corrections.model_dump(mode="json", exclude_none=True).items()}
        )
        if not corrections:
            raise HTTPError(
                400, "bad_input", "a correction needs at least one corrected field", field="corrections"
            )
    claim = request.app.state.data.claims.review(claim_id, status, corrections, user)
    return claim.model_dump(mode="json")


@v1.get("/incidents", response_model=Paged, responses=_ERRORS)
@inline  # as /incidents (web/_inline.py)
def api_incidents(
    request: Request,
    grade: str | None = None,
    type: str | None = None,
    place: str | None = None,
    user: User = Depends(_reader),
) -> Any:
    """Incidents, newest first. Filters: ``grade`` (the grade shown), ``type`` (or a family such
    as ``attack``), ``place`` (name, Arabic name or gazetteer id), ``from``/``to`` (YYYY-MM-DD).

    Each incident's ``grade`` is the grade shown everywhere, as ``tawthiq incident ID --json``
    says it: an analyst's override when there is one, else the computed grade. Beside it:
    ``computed_grade`` (corroboration's), ``grade_override`` and ``override_reason`` (``null``
    without an override)."""
    f = incident_filter(request)
    page = page_of(request)
    incidents, total = request.app.state.data.incidents.page(f, page.offset, page.size)
    return {"items": [incident_json(i) for i in incidents], **page.meta(total), "filters": filter_query(f)}


@v1.get("/incidents/bbox", responses=_ERRORS)
def api_incidents_bbox(request: Request, bbox: str, user: User = Depends(_reader)) -> Response:
    """GeoJSON of incidents whose first place is in ``bbox`` = west,south,east,north."""
    limit = request.app.state.settings.map_max_markers
    incidents = request.app.state.data.incidents.in_bbox(
        parse_bbox(bbox), incident_filter(request), limit + 1
    )
    return JSONResponse(collection([incident_feature(i) for i in incidents], limit))


@v1.get("/incidents/{incident_id}", responses=_ERRORS)
@inline  # as /incidents/{id}
def api_incident(request: Request, incident_id: RecordId, user: User = Depends(_reader)) -> Any:
    """One incident with its claims, quotes, reports, origins, outlets, grade and rationale.

    ``grade`` is the grade shown (the override when there is one, as the CLI's ``--json``);
    ``computed_grade``, ``grade_override`` and ``override_reason`` say how it came to be."""
    found = request.app.state.data.incidents.get(incident_id)
    if found is None:
        raise HTTPError(404, "not_found", f"no incident {incident_id}")
    return incident_json(*found)


@v1.post("/incidents/{incident_id}/override", responses=_ERRORS, dependencies=[Depends(verify_csrf)])
def api_override(
    request: Request, incident_id: RecordId, body: Override, user: User = Depends(_documenter)
) -> Any:
    """Override the computed grade with a reason (documenter or above); audit-logged. Answers the
    incident: its ``grade`` is now the override, ``computed_grade`` the one it overrides."""
    inc = request.app.state.data.incidents.override_grade(incident_id, body.grade, body.reason, user)
    return incident_json(inc)


@v1.get("/places", response_model=Paged, responses=_ERRORS)
def api_places(request: Request, q: str | None = None, user: User = Depends(_reader)) -> Any:
    """Gazetteer places whose English or Arabic name, variant or id holds ``q`` (the gazetteer
    shipped in the package, with any place of the workspace's own table over it), by id."""
    page = page_of(request)
    places, total = request.app.state.data.incidents.places(q, page.offset, page.size)
    return {"items": [p.model_dump(mode="json") for p in places], **page.meta(total)}


@v1.get("/timeline", responses=_ERRORS)
@inline  # as /timeline
def api_timeline(request: Request, user: User = Depends(_reader)) -> Any:
    """Incidents per first day and event type, under the same filters as the incidents list."""
    f = incident_filter(request)
    counts = request.app.state.data.incidents.timeline(f)
    return {
        "items": [
            {"day": d.isoformat(), "event_type": t, "count": n} for (d, t), n in sorted(counts.items())
        ],
        "filters": filter_query(f),
    }


@public_router.get("/incidents", responses=_ERRORS)
@inline  # as /public/incidents.json
def api_public_incidents(request: Request) -> Any:
    """What the public view shows: no token needed; redacted by the workspace's policy.

    ``withheld``: how many of the workspace's incidents the policy holds back, by rule
    (``incidents``, ``published``, ``withheld``, ``by_rule``: unreviewed_claims, grade,
    publication_delay, undated, small_count). Pages run over the published incidents only:
    ``total``, ``pages``, ``next`` and ``prev`` count them, so ``next`` never leads to an empty page.
    """
    return public_list_json(request)


@public_router.get("/incidents/{incident_id}", responses=_ERRORS)
@inline  # as /public/incidents/{id}
def api_public_incident(request: Request, incident_id: RecordId) -> Any:
    item = request.app.state.data.public.incident(incident_id)
    if item is None:
        raise HTTPError(404, "not_found", f"no public incident {incident_id}")
    return item


v1.include_router(public_router)


@docs_router.get("/api/docs")
def api_docs() -> Response:
    """Swagger UI from the bundled copy (FastAPI's default would load it from a CDN)."""
    page = get_swagger_ui_html(
        openapi_url="/api/v1/openapi.json",
        title="Tawthiq API",
        swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
    )
    # Swagger UI starts itself with one inline script: allowed on this page only.
    page.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'"
    )
    return page


router = APIRouter()
router.include_router(v1)
router.include_router(docs_router)
