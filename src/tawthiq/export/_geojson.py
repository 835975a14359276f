"""Public GeoJSON export: each public incident as a Point Feature with its properties.

In: an :class:`ExportContext` (policy applied by :func:`public_incidents`: fuzzed points).
Out: ``incidents.geojson`` (RFC 7946 FeatureCollection, WGS84 lon/lat); incidents with no
coordinate are kept with ``geometry: null`` (allowed by RFC 7946 §3.2) so counts match the CSVs.
Each feature's ``area`` is the area the map draws for its place (:func:`tawthiq.gazetteer.place_area`)
computed from the place as published (moved point, ``fuzzed_within_m``), never from the true one:
a circle centred on the published point and at least as wide as the move, or a shipped layer's
polygon chosen by the published place id.
Never: writes a true coordinate the policy fuzzes, or an area derived from one; touches the database.
Built with the ``geojson`` package's types, so the output is validated as it is written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geojson

from tawthiq.gazetteer import place_area

from ._context import INTERNAL_MARKS, ExportContext, admin1_of, place_name, public_incidents
from ._taxonomy import place_scale

__all__ = ["write_geojson"]


def _feature(inc: dict[str, Any], ctx: ExportContext) -> geojson.Feature:
    places = inc.get("places") or []
    point = next((p for p in places if p.get("lat") is not None and p.get("lon") is not None), None)
    first = point or (places[0] if places else {})
    fat = inc.get("fatalities") or {}
    t = inc.get("time") or {}
    props = {
        "id": inc.get("id"),
        "key": inc.get("key"),
        "event_type": inc.get("event_type"),
        "grade": inc.get("grade"),
        "date_start": t.get("start"),
        "date_end": t.get("end"),
        "date_precision": t.get("precision"),
        "place": place_name(first, ctx.places),
        "place_ar": first.get("name_ar"),
        "admin1": admin1_of(first, ctx.places),
        "place_precision": place_scale(first) if first else None,
        "fuzzed_within_m": first.get("fuzzed_within_m"),
        # ``first`` is the published place (policy applied): its area tells no more than its point
        "area": place_area(point) if point else None,
        "fatalities_best": fat.get("best"),
        "fatalities_low": fat.get("low"),
        "fatalities_high": fat.get("high"),
        "fatalities_suppressed_below": fat.get("suppressed_below"),
        "origins": inc.get("origins"),
        "perpetrators": inc.get("perpetrators") or [],
        "rationale": inc.get("rationale"),
        "claims": len(inc.get("claims") or []),
    }
    if ctx.internal:
        props.update({m: inc.get(m) for m in INTERNAL_MARKS})
    geom = geojson.Point((point["lon"], point["lat"])) if point else None
    return geojson.Feature(id=inc.get("id"), geometry=geom, properties=props)


def write_geojson(ctx: ExportContext, out: Path) -> dict[str, Any]:
    feats = [_feature(inc, ctx) for inc in public_incidents(ctx)]
    fc = geojson.FeatureCollection(feats)
    if not fc.is_valid:
        raise ValueError(f"invalid GeoJSON built: {fc.errors()}")  # a bug, not bad input
    (out / "incidents.geojson").write_text(json.dumps(fc, ensure_ascii=False, indent=1), encoding="utf-8")
    return {
        "features": len(feats),
        "without_geometry": sum(f.geometry is None for f in feats),
        "file": "incidents.geojson",
    }
