"""The map of incidents and the places list.

In: a bounding box (``west,south,east,north``) and the incident filters.
Out: ``map.html`` and GeoJSON FeatureCollections of what is in view (at most
``settings.map_max_markers``; ``truncated`` says when more matched), coloured by grade, with
each point's precision so the page can draw a neighbourhood as an area, not a pin.
Never: loads tiles: the page draws gazetteer neighbourhood points on a plain background.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from tawthiq.entities import GRADES, Incident
from tawthiq.store.users import User

from .._auth import require
from .._inline import inline
from .._query import incident_filter, page_of, parse_bbox
from .._render import GRADE_COLOURS, JSONResponse, render

router = APIRouter(tags=["pages"], include_in_schema=False)


def incident_feature(inc: Incident) -> dict[str, Any] | None:
    place = next((p for p in inc.places if p.lat is not None and p.lon is not None), None)
    if place is None:
        return None
    grade = inc.effective_grade
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "id": inc.id,
            "event_type": inc.event_type,
            "grade": grade,
            "colour": GRADE_COLOURS.get(grade),
            "place": place.name,
            "place_ar": place.name_ar,
            "precision": place.precision,
            "start": inc.time.start.isoformat() if inc.time.start else None,
            "fatalities": inc.fatalities.best,
            "url": f"/incidents/{inc.id}",
        },
    }


def public_feature(pub: dict[str, Any]) -> dict[str, Any] | None:
    place = next((p for p in pub.get("places", ()) if p.get("lat") is not None), None)
    if place is None:
        return None
    fat = pub.get("fatalities") or {}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
        "properties": {
            "id": pub.get("id"),
            "event_type": pub.get("event_type"),
            "grade": pub.get("grade"),
            "colour": GRADE_COLOURS.get(pub.get("grade", "")),
            "place": place.get("name"),
            "place_ar": place.get("name_ar"),
            "precision": place.get("precision"),
            "fuzzed_within_m": place.get("fuzzed_within_m"),
            "start": (pub.get("time") or {}).get("start"),
            "fatalities": fat.get("best"),
            "url": f"/public/incidents/{pub.get('id')}",
        },
    }


def collection(features: list[dict[str, Any] | None], limit: int) -> dict[str, Any]:
    """A FeatureCollection of at most ``limit`` features; ask for ``limit + 1`` to learn ``truncated``."""
    feats = [f for f in features[:limit] if f is not None]
    return {"type": "FeatureCollection", "features": feats, "truncated": len(features) > limit}


@router.get("/map")
def map_page(request: Request, user: User = Depends(require("read"))) -> Response:
    return render(request, "map.html", {"data_url": "/map/incidents.json", "grades": GRADES, "public": False})


@router.get("/map/incidents.json")
@inline  # from the index's ready-made features; a cold view or the place filter goes to the pool
def map_data(request: Request, bbox: str | None = None, user: User = Depends(require("read"))) -> Response:
    limit = request.app.state.settings.map_max_markers
    box, f = parse_bbox(bbox), incident_filter(request)
    body = request.app.state.data.map_json(box, f, limit)
    if body is not None:
        return Response(body, media_type="application/json")
    feats = [incident_feature(i) for i in request.app.state.data.incidents_in_bbox(box, f, limit + 1)]
    return JSONResponse(collection(feats, limit))


@cache
def _background() -> dict[str, Any]:
    """The bundled gazetteer's neighbourhoods (public data shipped in the package) as points."""
    from tawthiq.gazetteer import load_gazetteer

    feats = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            "properties": {"id": p.id, "name": p.name_en, "name_ar": p.name_ar, "kind": p.kind},
        }
        for p in load_gazetteer()
        if p.kind == "neighbourhood" and p.lat is not None and p.lon is not None
    ]
    return {"type": "FeatureCollection", "features": feats}


@router.get("/map/places.json")
def map_places() -> Response:
    """The map's background: gazetteer neighbourhoods as labelled dots (no tiles, no login needed)."""
    return JSONResponse(_background())


@router.get("/places")
@router.get("/places.json")
def places_page(request: Request, q: str | None = None, user: User = Depends(require("read"))) -> Response:
    """The places the record's incidents are at, with how many incidents each, most first
    (issue 18: the page listed the workspace's gazetteer table, which nothing fills)."""
    page = page_of(request)
    places, total = request.app.state.data.incident_places(q, page.offset, page.size)
    meta = page.meta(total)
    return render(
        request,
        "places.html",
        {"places": places, "meta": meta, "q": q or ""},
        json_data={"items": places, **meta},
    )
