"""The public read-only view: no login, and only what ``tawthiq.policy`` publishes.

In: the same filters as the workspace pages. Out: incidents as ``tawthiq.policy.public_incident``
shapes them (public grades only, after the publication delay, coordinates fuzzed near front
lines, small counts suppressed, private reports' quotes withheld), built only from claims a
reviewer accepted or corrected. Never: shows a protected field, an unreviewed or rejected claim,
a report's body or sender, or anything of an incident the policy holds back (404, as if absent).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from markupsafe import Markup

from tawthiq.entities import IncidentFilter

from .._auth import optional_user
from .._errors import HTTPError
from .._inline import inline
from .._query import RecordId, filter_query, incident_filter, page_of, parse_bbox
from .._render import JSONResponse, fragment, json_bytes, language, render, wants_json
from .geo import collection, map_context, public_feature

router = APIRouter(tags=["public"], include_in_schema=False)


def _public_filter(request: Request) -> IncidentFilter:
    """The request's filters, narrowed to what the publication delay could allow (a prefilter)."""
    f = incident_filter(request)
    cutoff = (datetime.now(UTC) - timedelta(days=request.app.state.data.policy.publication_delay_days)).date()
    to = min(f.date_to, cutoff) if f.date_to else cutoff
    return replace(f, date_to=to)


@router.get("/public", dependencies=[Depends(optional_user)])
@router.get("/public/incidents", dependencies=[Depends(optional_user)])
@router.get("/public/incidents.json", dependencies=[Depends(optional_user)])
@inline  # pages kept per data version and day (PublicView.page); a miss goes to the pool
def public_list(request: Request) -> Response:
    if wants_json(request):
        return public_list_json(request)
    f = _public_filter(request)
    page = page_of(request)
    data = request.app.state.data

    def rows() -> tuple[Markup, int]:
        items, total = data.public.page(f, page.offset, page.size)
        return fragment(request, "_public_rows.html", {"items": items}), total

    # The rows are the same for every visitor: kept per data version, day, language, filter and
    # page (3.4 ms of CPU per request at 100,000 incidents when rendered each time).
    key = ("public-rows", datetime.now(UTC).date(), language(request), f, page.offset, page.size)
    rows_html, total = data.versions.per_version(key, rows)
    return render(
        request,
        "public_incidents.html",
        {
            "rows": rows_html,
            "meta": page.meta(total),
            "query": filter_query(incident_filter(request)),
            "withheld": data.public.withheld(),
        },
    )


def public_list_json(request: Request) -> Response:
    """``/public/incidents.json`` and ``/api/v1/public/incidents``: ``{"items", page, page_size,
    total, pages, next, prev, "withheld"}``, encoded once per data version, day, filter and page.

    The body holds only what the policy publishes (no user, no token), so every visitor may get
    the same bytes. Encoding a page of 50 incidents with their claims (~60 KB) on every request
    was half of its CPU (issue 18).
    """
    data = request.app.state.data
    f = _public_filter(request)
    page = page_of(request)

    def body() -> bytes:
        items, total = data.public.page(f, page.offset, page.size)
        withheld = data.public.withheld()
        return json_bytes({"items": items, **page.meta(total), "withheld": withheld})

    content = data.versions.per_version(
        ("public-json", datetime.now(UTC).date(), f, page.offset, page.size), body
    )
    return Response(content, media_type="application/json")


@router.get("/public/incidents/{incident_id:int}", dependencies=[Depends(optional_user)])
@router.get("/public/incidents/{incident_id:int}.json", dependencies=[Depends(optional_user)])
@inline  # the public form kept per data version and day (PublicView.incident); a miss: the pool
def public_incident_page(request: Request, incident_id: RecordId) -> Response:
    item = request.app.state.data.public.incident(incident_id)
    if item is None:
        raise HTTPError(404, "not_found", "no public incident %(id)s", params={"id": incident_id})
    return render(request, "public_incident.html", {"item": item}, json_data=item)


@router.get("/public/map")
def public_map(request: Request) -> Response:
    return render(request, "map.html", map_context(request, "/public/map/incidents.json", public=True))


@router.get("/public/map/incidents.json")
def public_map_data(request: Request, bbox: str | None = None) -> Response:
    limit = request.app.state.settings.map_max_markers
    items = request.app.state.data.public.in_bbox(parse_bbox(bbox), _public_filter(request), limit + 1)
    return JSONResponse(collection([public_feature(i) for i in items], limit))
