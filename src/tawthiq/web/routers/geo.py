"""The map of incidents and the places list.

In: a bounding box (``west,south,east,north``) and the incident filters.
Out: ``map.html`` and GeoJSON FeatureCollections of what is in view (at most
``settings.map_max_markers``; ``truncated`` says when more matched), coloured by grade, with
each place's ``area`` (:func:`tawthiq.gazetteer.place_area`) so the page draws a neighbourhood,
a district or "eastern Aleppo" as the area it stands for, never as a precise dot; and the
background layers shipped in the package (``/map/layers/NAME.geojson``, with their attribution).
Never: loads tiles unless ``settings.map_tile_url`` names a tile server (off by default).
"""

from __future__ import annotations

from typing import Any, get_args

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from tawthiq.entities import EVENT_TYPES, GRADES, Incident, PlacePrecision
from tawthiq.gazetteer import LAYERS, layer_bytes, layer_credits, place_area
from tawthiq.store.users import User

from .._auth import require
from .._errors import HTTPError
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
            "area": place_area(place.model_dump()),
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
            "area": place_area(place),
            "start": (pub.get("time") or {}).get("start"),
            "fatalities": fat.get("best"),
            "url": f"/public/incidents/{pub.get('id')}",
        },
    }


def collection(features: list[dict[str, Any] | None], limit: int) -> dict[str, Any]:
    """A FeatureCollection of at most ``limit`` features; ask for ``limit + 1`` to learn ``truncated``."""
    feats = [f for f in features[:limit] if f is not None]
    return {"type": "FeatureCollection", "features": feats, "truncated": len(features) > limit}


def map_context(request: Request, data_url: str, public: bool) -> dict[str, Any]:
    """What ``map.html`` needs: the data URL, the layers and their credits, the optional tiles."""
    settings = request.app.state.settings
    return {
        "data_url": data_url,
        "grades": () if public else GRADES,
        "public": public,
        "layers": [f"/map/layers/{name}.geojson" for name in LAYERS],
        "layer_credits": layer_credits(),
        "tile_url": settings.map_tile_url,
        "tile_attribution": settings.map_tile_attribution,
        # internal values a pop-up shows, labelled in the page's language (map.js has no catalogue)
        "map_values": (*EVENT_TYPES, *GRADES, *get_args(PlacePrecision)),
    }


@router.get("/map")
def map_page(request: Request, user: User = Depends(require("read"))) -> Response:
    return render(request, "map.html", map_context(request, "/map/incidents.json", public=False))


@router.get("/map/layers/{name}.geojson")
def map_layer(name: str) -> Response:
    """A background layer shipped in the package (public data, no login): GeoJSON with its credit."""
    if name not in LAYERS:
        raise HTTPError(404, "not_found", f"no map layer {name!r}; layers: {', '.join(LAYERS)}")
    return Response(
        layer_bytes(name),
        media_type="application/geo+json",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/map/incidents.json")
@inline  # from the index's ready-made features; a cold view or the place filter goes to the pool
def map_data(request: Request, bbox: str | None = None, user: User = Depends(require("read"))) -> Response:
    limit = request.app.state.settings.map_max_markers
    box, f = parse_bbox(bbox), incident_filter(request)
    body = request.app.state.data.incidents.map_json(box, f, limit)
    if body is not None:
        return Response(body, media_type="application/json")
    feats = [incident_feature(i) for i in request.app.state.data.incidents.in_bbox(box, f, limit + 1)]
    return JSONResponse(collection(feats, limit))


@router.get("/places")
@router.get("/places.json")
def places_page(request: Request, q: str | None = None, user: User = Depends(require("read"))) -> Response:
    """The places the record's incidents are at, with how many incidents each, most first
    (issue 18: the page listed the workspace's gazetteer table, which nothing fills)."""
    page = page_of(request)
    places, total = request.app.state.data.incidents.places_with_counts(q, page.offset, page.size)
    meta = page.meta(total)
    return render(
        request,
        "places.html",
        {"places": places, "meta": meta, "q": q or ""},
        json_data={"items": places, **meta},
    )
