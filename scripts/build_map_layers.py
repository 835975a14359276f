#!/usr/bin/env python3
"""Build the map's background layers, shipped in the package, from ../shared/data/gazetteer/geo.

In: the polygon files of ``../shared/data/gazetteer/geo`` (OCHA COD-AB governorates and districts,
the Columbia Center for Spatial Research's Aleppo neighbourhood polygons) and the package's own
``src/tawthiq/gazetteer/data/aleppo_neighbourhoods.tsv`` (gazetteer ids, which CSR polygon each
row's coordinate came from, the municipal sector and the 2016 control status of each place).
Out: ``src/tawthiq/gazetteer/data/layers/*.geojson``, simplified (shapely) and rounded so that the
five files stay under 1 MB together; each is a FeatureCollection whose foreign members
``attribution``, ``licence`` and ``source`` credit where it comes from, and whose features carry
``id`` (a gazetteer id or p-code), ``name``, ``name_ar`` and ``label`` (a point inside the shape,
where the map writes the name and stacks the incidents known only to that area).
Never: fetches anything; the output is deterministic (features sorted by id).

Layers:
- ``syria``: the country's outline (the union of the governorates).
- ``syria_governorates``: 14 governorates (p-codes ``SY01``–``SY14``).
- ``syria_districts``: 61 districts (``SYxxxx``).
- ``aleppo_neighbourhoods``: the CSR polygons, merged per gazetteer place (``aleppo-nbhd:*``,
  ``aleppo-landmark:*``, ``aleppo-district:new-aleppo``; a polygon no gazetteer row took its
  coordinate from keeps the CSR name, id ``csr:<slug>``), and a ``Point`` with ``radius_m`` for each
  gazetteer neighbourhood or landmark without a polygon.
- ``aleppo_areas``: the 12 municipal sectors (the union of their neighbourhoods' polygons), the
  walled Old City (its sector), the city (``C1007``, the union of all polygons) and its two halves
  as reporting names them: ``aleppo-part:east`` (the places in the opposition-held east in 2016,
  ``east_2016=yes``) and ``aleppo-part:west`` (``east_2016=no``), their holes filled (a place
  of unknown status inside the east is still in "eastern Aleppo").

usage: python scripts/build_map_layers.py [SHARED_GAZETTEER_DIR [OUT_DIR]]
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

from shapely import make_valid, set_precision
from shapely.geometry import Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import (
    polylabel,
    unary_union,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SRC = ROOT / ".." / "shared" / "data" / "gazetteer"
GAZ = ROOT / "src" / "tawthiq" / "gazetteer" / "data"
OUT = GAZ / "layers"

OCHA = {
    "attribution": "Administrative boundaries: OCHA Syria / HDX (COD-AB)",
    "licence": "OCHA COD-AB via HDX, generally CC BY-IGO (not verified for the copy used)",
    "source": "github:alahwa/Syria-GeoJson-Maps syr_admin1.geojson, syr_admin2.geojson (commit 81d1da2)",
}
CSR = {
    "attribution": "Aleppo neighbourhoods: Columbia Center for Spatial Research, "
    "Conflict Urbanism: Aleppo (MIT licence, (c) 2019)",
    "licence": "MIT (Columbia Center for Spatial Research, 2019); municipal sectors and 2016 control "
    "status from the Tawthiq gazetteer (UN-Habitat layer, contemporaneous reports; facts only)",
    "source": "github:CenterForSpatialResearch/aleppo_test map/data/Neighborhoods.geojson (commit 3f750b9)",
}
# Degrees: ~500 m for the country and its units (a country-wide view), ~20 m in the city.
ADMIN_TOLERANCE, CITY_TOLERANCE = 0.005, 0.0002
ADMIN_DECIMALS, CITY_DECIMALS = 3, 5
# Polygons of one half of the city touch along streets, not exactly: a 100 m closing fills the
# slivers between them so "eastern Aleppo" is one area, not a mosaic.
CLOSE = 0.001
M_PER_DEG = 111_320.0


def slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def extra(row: dict[str, str]) -> dict[str, str]:
    return dict(kv.split("=", 1) for kv in row["extra"].split(";") if "=" in kv)


def snapped(geom: BaseGeometry, decimals: int) -> BaseGeometry:
    """``geom`` on a grid of 10**-decimals degrees, still valid (plain rounding can make a ring
    cross itself), without the slivers the snapping leaves."""
    geom = polygonal(set_precision(geom, 10**-decimals))
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.area > 0]
    return unary_union(parts)


def rounded(geom: BaseGeometry, decimals: int) -> dict[str, Any]:
    """GeoJSON of a snapped ``geom`` (1e-5 degrees is about 1 m), written with ``decimals``."""

    def walk(c: Any) -> Any:
        if isinstance(c, tuple | list) and c and isinstance(c[0], float | int):
            return [round(float(c[0]), decimals), round(float(c[1]), decimals)]
        return [walk(x) for x in c]

    g = mapping(geom)
    return {"type": g["type"], "coordinates": walk(g["coordinates"])}


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygons of ``geom`` (``make_valid`` may add stray lines)."""
    geom = make_valid(geom)
    if geom.geom_type == "GeometryCollection":
        geom = unary_union([g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")])
    return geom


def simplified(geom: BaseGeometry, tolerance: float) -> BaseGeometry:
    return polygonal(geom.simplify(tolerance, preserve_topology=True))


def feature(
    fid: str, name: str, name_ar: str, geom: BaseGeometry, decimals: int, **props: Any
) -> dict[str, Any]:
    geom = snapped(geom, decimals)
    # the pole of inaccessibility of the largest part: the point deepest inside, where a label
    # (and the incidents known only to this area) reads as "in here", away from every edge
    largest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    label = polylabel(largest, tolerance=10**-decimals)
    return {
        "type": "Feature",
        "id": fid,
        "geometry": rounded(geom, decimals),
        "properties": {
            "id": fid,
            "name": name,
            "name_ar": name_ar,
            **props,
            "label": [round(label.x, decimals), round(label.y, decimals)],
        },
    }


def collection(name: str, credit: dict[str, str], features: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "name": name,
        **credit,
        "built_by": "scripts/build_map_layers.py",
        "features": sorted(features, key=lambda f: f["id"]),
    }


def admin_layers(geo: Path) -> dict[str, dict[str, Any]]:
    layers: dict[str, dict[str, Any]] = {}
    shapes = []
    for level, fname in (
        ("syria_governorates", "syr_admin1.geojson"),
        ("syria_districts", "syr_admin2.geojson"),
    ):
        src = json.loads((geo / fname).read_text("utf-8"))
        feats = []
        for f in src["features"]:
            p = f["properties"]
            geom = polygonal(shape(f["geometry"]))
            if level == "syria_governorates":
                shapes.append(geom)
            extra_props = {"parent": p["ADMIN1_COD"]} if "ADMIN1_COD" in p else {}
            feats.append(
                feature(
                    p["PCODE"],
                    p["NAME_EN"],
                    p["NAME_ARA"],
                    simplified(geom, ADMIN_TOLERANCE),
                    ADMIN_DECIMALS,
                    **extra_props,
                )
            )
        layers[level] = collection(level, OCHA, feats)
    country = simplified(unary_union(shapes), ADMIN_TOLERANCE)
    layers["syria"] = collection("syria", OCHA, [feature("SY", "Syria", "سوريا", country, ADMIN_DECIMALS)])
    return layers


def _csr_names(source: str) -> list[str]:
    """The CSR polygon names a gazetteer row's coordinate was computed from ([] for none)."""
    m = re.search(r"CSR polygons? NAME: ([^)]*)\)", source)
    return [n.strip() for n in m.group(1).split(" + ")] if m else []


def aleppo_layers(geo: Path) -> dict[str, dict[str, Any]]:
    rows = read_tsv(GAZ / "aleppo_neighbourhoods.tsv")
    src = json.loads((geo / "aleppo_neighbourhoods_csr.geojson").read_text("utf-8"))
    by_name: dict[str, list[BaseGeometry]] = {}
    names_ar: dict[str, str] = {}
    for f in src["features"]:
        name = f["properties"]["NAME"]
        by_name.setdefault(name, []).append(polygonal(shape(f["geometry"])))
        names_ar.setdefault(name, f["properties"].get("NAME_A") or "")
    shapes: dict[str, BaseGeometry] = {}  # gazetteer id -> its polygon(s)
    used: set[str] = set()
    for r in rows:
        parts = [g for n in _csr_names(r["source"]) for g in by_name.get(n, ())]
        if parts and r["kind"] in ("neighbourhood", "landmark", "city_district"):
            shapes[r["id"]] = unary_union(parts)
            used.update(_csr_names(r["source"]))
    feats = []
    areas_m2 = []
    for r in rows:
        if r["id"] in shapes:
            geom = simplified(shapes[r["id"]], CITY_TOLERANCE)
            feats.append(feature(r["id"], r["name_en"], r["name_ar"], geom, CITY_DECIMALS, kind=r["kind"]))
            if r["kind"] == "neighbourhood":
                lat = geom.centroid.y
                areas_m2.append(shapes[r["id"]].area * M_PER_DEG**2 * math.cos(math.radians(lat)))
    for name, parts in by_name.items():
        if name not in used:  # cemeteries, parks, the airport: background, not a gazetteer place
            geom = simplified(unary_union(parts), CITY_TOLERANCE)
            feats.append(feature(f"csr:{slug(name)}", name, names_ar[name], geom, CITY_DECIMALS, kind="csr"))
    # A neighbourhood with no polygon: a circle of a median neighbourhood's size around its point.
    areas_m2.sort()
    radius = round(math.sqrt(areas_m2[len(areas_m2) // 2] / math.pi), -1)
    for r in rows:
        if r["id"] not in shapes and r["kind"] in ("neighbourhood", "landmark"):
            lon, lat = float(r["lon"]), float(r["lat"])
            feats.append(
                {
                    "type": "Feature",
                    "id": r["id"],
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "id": r["id"],
                        "name": r["name_en"],
                        "name_ar": r["name_ar"],
                        "kind": r["kind"],
                        "radius_m": radius if r["kind"] == "neighbourhood" else radius / 2,
                        "label": [lon, lat],
                    },
                }
            )
    nbhd = collection("aleppo_neighbourhoods", CSR, feats)
    nbhd["neighbourhood_radius_m"] = radius

    # areas: sectors, Old City, the city and its halves
    by_id = {r["id"]: r for r in rows}
    sector_parts: dict[str, list[BaseGeometry]] = {}
    halves: dict[str, list[BaseGeometry]] = {"yes": [], "no": []}
    for pid, geom in shapes.items():
        e = extra(by_id[pid])
        if e.get("sector"):
            sector_parts.setdefault("aleppo-district:" + slug(e["sector"]), []).append(geom)
        if by_id[pid]["kind"] == "neighbourhood" and e.get("east_2016") in halves:
            halves[e["east_2016"]].append(geom)
    area_feats = []

    def closed(parts: list[BaseGeometry], fill: bool = False) -> BaseGeometry:
        geom = unary_union(parts).buffer(CLOSE).buffer(-CLOSE)
        if fill:  # a half of the city is one stretch of ground: no holes where a place's status is unknown
            geom = unary_union([Polygon(g.exterior) for g in getattr(geom, "geoms", [geom])])
        return simplified(geom, CITY_TOLERANCE * 2)

    for sid, parts in sector_parts.items():
        r = by_id[sid]
        area_feats.append(
            feature(sid, r["name_en"], r["name_ar"], closed(parts), CITY_DECIMALS, kind="sector")
        )
        if sid == "aleppo-district:old-city-sector":
            old = by_id["aleppo-district:old-city"]
            area_feats.append(
                feature(
                    old["id"], old["name_en"], old["name_ar"], closed(parts), CITY_DECIMALS, kind="district"
                )
            )
    area_feats.append(
        feature(
            "aleppo-part:east",
            "eastern Aleppo",
            "شرق حلب",
            closed(halves["yes"], fill=True),
            CITY_DECIMALS,
            kind="part",
        )
    )
    area_feats.append(
        feature(
            "aleppo-part:west",
            "western Aleppo",
            "غرب حلب",
            closed(halves["no"], fill=True),
            CITY_DECIMALS,
            kind="part",
        )
    )
    city = [g for n, parts in by_name.items() for g in parts]
    area_feats.append(feature("C1007", "Aleppo", "حلب", closed(city), CITY_DECIMALS, kind="city"))
    return {"aleppo_neighbourhoods": nbhd, "aleppo_areas": collection("aleppo_areas", CSR, area_feats)}


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else DEFAULT_SRC
    out = Path(argv[2]) if len(argv) > 2 else OUT
    geo = src / "geo"
    if not geo.is_dir():
        print(f"no {geo}: the layers are built from ../shared/data/gazetteer/geo", file=sys.stderr)
        return 1
    layers = {**admin_layers(geo), **aleppo_layers(geo)}
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, fc in sorted(layers.items()):
        text = json.dumps(fc, ensure_ascii=False, separators=(",", ":")) + "\n"
        (out / f"{name}.geojson").write_text(text, "utf-8")
        total += len(text.encode())
        print(f"{name}: {len(fc['features'])} features, {len(text.encode()) / 1024:.0f} KiB")
    # the MIT licence asks for its notice in every copy of the CSR polygons
    licence = geo / "LICENSE-CSR-MIT.txt"
    (out / licence.name).write_text(licence.read_text("utf-8"), "utf-8")
    print(f"total {total / 1024:.0f} KiB in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
