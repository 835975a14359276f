"""One town, one identity: a UCDP event location that is a GeoNames town under another spelling.

In: the rows of the compiled tables (``data/*.tsv``) as :func:`._index.load_gazetteer` reads them.
Out: ``{ucdp id: geonames id}`` for each UCDP town whose point lies within :data:`TWIN_KM` of a
GeoNames town and whose name is the same name spelt another way (:func:`twin_key`): "Kafr Nabl" and
"Kafranbel", "Maarat al-Numaan" and "Ma'arrat an Nu'man", "Sabka" and "As Sabkhah".
Never: joins two towns that only share a name (a namesake farther than :data:`TWIN_KM` is another
town), two towns of one point with different names (Yalda and Babila, Arbin and Kafr Batna), or
two rows of one source; never changes the tables on disk.

Why: ``scripts/build_gazetteer.py`` skips a UCDP location only when its slug is a GeoNames town's
within 5 km, so a town spelt otherwise came in twice. Then an English report ("Kafr Nabl", UCDP's
spelling) and an Arabic one ("كفرنبل", GeoNames' Arabic name) named two ids, and corroboration, which
compares ids first, kept their claims apart (issue 16, item 3: one place, one identity in both
scripts). The merge is done at load, not in the build, so a UCDP id a workspace already stored still
resolves (:meth:`Gazetteer.get` follows the alias).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from tawthiq.gazetteer._names import toponym_key
from tawthiq.geo import km

__all__ = ["TWIN_KM", "find_twins", "twin_key"]

# a UCDP point is the median of its events, GeoNames' the town's centre: the 61 twins of the shipped
# tables lie 0.0-2.0 km apart, and the nearest UCDP and GeoNames towns that share a key but are not
# twins 6.5 km (measured over the tables when this rule was written)
TWIN_KM = 3.0
_CELL = 0.05  # degrees: a grid cell is ~5.5 km, so a twin is in the cell or a neighbour


def twin_key(name: str) -> str:
    """A name's :func:`toponym_key` with every h dropped: transliterations differ in kh/k, sh/s,
    dh/d and in a dotted Ḩ against h ("Sabka" / "As Sabkhah", "Diban" / "Dhiban", "Muhradah" / "Maharda")."""
    return toponym_key(name).replace("h", "")


def _names(row: Mapping[str, str]) -> set[str]:
    """The keys of a row's Latin names: its English name (each side of "Kobane/Ayn al Arab") and its
    variants; a key under two letters says too little, so there the key with its h is asked for."""
    raw = [*row["name_en"].split("/"), *(v for v in row["variants"].split("|") if v)]
    out = set()
    for n in raw:
        if len(k := twin_key(n)) >= 2:
            out.add(k)
        elif len(k := toponym_key(n)) >= 2:
            out.add("=" + k)  # "Hisyah" / "Hisya'" (hs): a short key must be the same with its h
    return out


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return (math.floor(lat / _CELL), math.floor(lon / _CELL))


def find_twins(rows: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """``{ucdp id: geonames id}`` for every UCDP town that is a GeoNames town (the nearest such twin)."""
    rows = list(rows)
    grid: dict[tuple[int, int], list[tuple[float, float, str, set[str]]]] = {}
    for r in rows:
        if r["id"].startswith("geonames:") and r["lat"] and r["lon"]:
            lat, lon = float(r["lat"]), float(r["lon"])
            grid.setdefault(_cell(lat, lon), []).append((lat, lon, r["id"], _names(r)))
    out: dict[str, str] = {}
    for r in rows:
        if not r["id"].startswith("ucdp:") or r["kind"] != "town" or not r["lat"] or not r["lon"]:
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        keys = _names(r)
        ci, cj = _cell(lat, lon)
        best: tuple[float, str] | None = None
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for glat, glon, gid, gkeys in grid.get((ci + di, cj + dj), ()):
                    if not keys & gkeys:
                        continue
                    d = km(lat, lon, glat, glon)
                    if d <= TWIN_KM and (best is None or d < best[0]):
                        best = (d, gid)
        if best is not None:
            out[r["id"]] = best[1]
    return out
