"""The map's background layers and the area a place stands for.

In: ``data/layers/*.geojson``, built by ``scripts/build_map_layers.py`` from
../shared/data/gazetteer/geo (OCHA COD-AB boundaries, Columbia CSR Aleppo neighbourhoods), and a
place as an incident carries it (a :class:`~tawthiq.entities.PlaceRef` dumped to a dict, or a
public place).
Out: each layer's bytes (a GeoJSON FeatureCollection crediting its source and licence) and
:func:`place_area`: the shape the map must draw for a place so that nobody reads a neighbourhood,
a district or "eastern Aleppo" as a street address.
Never: fetches anything or invents a shape: a polygon comes from a layer, a circle's radius from
the precision (documented in docs/web.md).

>>> place_area({"name": "eastern Aleppo", "place_id": "C1007", "precision": "town"})["id"]
'aleppo-part:east'
>>> place_area({"name": "Fardous", "place_id": "aleppo-nbhd:fardous", "precision": "neighbourhood"})["kind"]
'polygon'
>>> place_area({"name": "a street", "precision": "exact", "lat": 36.2, "lon": 37.1}) is None
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from tawthiq.errors import InputError

from ._compass import compass_part

__all__ = ["LAYERS", "layer_bytes", "layer_credits", "place_area"]

# Bottom to top, as the map stacks them.
LAYERS = ("syria", "syria_governorates", "syria_districts", "aleppo_areas", "aleppo_neighbourhoods")
CITY = "C1007"
# "eastern Aleppo", "east Aleppo", "شرق حلب", "حلب الشرقية": the east of the city, not its centre
# (compass_part; a diagonal, "north-east Aleppo", crosses the 2016 line: the whole city)
_HALVES = {"east": "aleppo-part:east", "west": "aleppo-part:west"}
# The radius of the circle drawn for a place known to this precision that no layer has a shape for
# (a town of the towns table, a place outside Syria): a typical extent, in metres.
RADIUS_M = {"town": 2_000, "district": 15_000, "governorate": 40_000, "country": 150_000}


@cache
def layer_bytes(name: str) -> bytes:
    """The layer ``name`` (one of :data:`LAYERS`) as stored: GeoJSON, UTF-8."""
    if name not in LAYERS:
        raise InputError(f"no map layer {name!r}; layers: {', '.join(LAYERS)}", field="layer")
    return (resources.files("tawthiq.gazetteer") / "data" / "layers" / f"{name}.geojson").read_bytes()


@cache
def _layer(name: str) -> dict[str, Any]:
    return json.loads(layer_bytes(name))


def layer_credits() -> list[dict[str, str]]:
    """Each layer's name, attribution, licence and source (for the page and the docs)."""
    out = []
    for name in LAYERS:
        fc = _layer(name)
        out.append({k: fc[k] for k in ("name", "attribution", "licence", "source")})
    return out


@cache
def _shapes() -> dict[str, tuple[str, dict[str, Any], str]]:
    """Feature id -> (layer, properties, geometry type); the lower layer wins a repeated id."""
    out: dict[str, tuple[str, dict[str, Any], str]] = {}
    for name in LAYERS:
        for f in _layer(name)["features"]:
            out.setdefault(f["properties"]["id"], (name, f["properties"], f["geometry"]["type"]))
    return out


def _neighbourhood_radius() -> float:
    return float(_layer("aleppo_neighbourhoods")["neighbourhood_radius_m"])


def place_area(place: Mapping[str, Any]) -> dict[str, Any] | None:
    """The area the map draws for ``place`` instead of a dot; ``None`` for an exact point.

    ``{"kind": "polygon", "layer", "id", "at": [lon, lat]}``: the shape of a
    layer's feature (a neighbourhood, a sector, "eastern Aleppo", the city, a district, a
    governorate, the country), ``at`` being the point inside it where the map puts the incident.
    ``{"kind": "circle", "radius_m"}``: a circle around the place's point, for a neighbourhood
    without a polygon (a median neighbourhood's size), a town (2 km), a district, or a point the
    public view moved (at least the distance it was moved).
    """
    pid = place.get("place_id") or ""
    name = place.get("name") or ""
    precision = place.get("precision")
    moved = float(place.get("fuzzed_within_m") or 0)
    if pid == CITY:
        part = compass_part(name)
        if part is not None and part.within:
            pid = _HALVES.get(part.direction, pid)
    if len(pid) == 8 and pid.startswith("SY") and pid[2:].isdigit():
        pid = pid[:6]  # a sub-district (no polygon in the OCHA copy): its district
    hit = _shapes().get(pid)
    if hit is not None and hit[2] != "Point":
        layer, props, _ = hit  # names are in the layer (the page has it): not repeated per incident
        return {"kind": "polygon", "layer": layer, "id": pid, "at": props["label"]}
    if hit is not None:
        radius = float(hit[1]["radius_m"])
    elif precision == "neighbourhood":
        radius = _neighbourhood_radius()
    else:
        radius = float(RADIUS_M.get(str(precision), 0))
    radius = max(radius, moved)
    return {"kind": "circle", "radius_m": radius} if radius > 0 else None
