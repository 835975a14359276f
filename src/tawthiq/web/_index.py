"""An in-memory index of every incident: the list's order and counts, and the map's points.

In: ``store.browse.incident_columns`` (one pass over the incidents), rebuilt when
``store.browse.data_version`` changes, unless ``store.browse.incidents_unchanged`` shows that
only other things changed (logins, claim reviews, people…).
Out: for a filter, the number of matching incidents, the ids of one page in the list's order
(newest first), the ids inside a bounding box, and the map's GeoJSON as bytes.
Never: reads the database itself or holds a protected value (types, grades, days, first
places and tolls only); never answers the ``place`` filter (name matching stays in SQL).

Why not SQL: at 100,000 incidents SQLite needs 20–240 ms for a filtered ``COUNT(*)`` and up
to ~100 ms for a first page whose filter cannot use an index for the order (the grade filter
looks at the override too; a type family is a range), and filtering JSON coordinates costs
seconds per map move. numpy over a few arrays answers any combination in well under a
millisecond, so neither counts nor pages need a cache of their own. (A spatial extension —
SpatiaLite, PostGIS — would do the map in the database; neither is part of the default,
server-less workspace.)
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from tawthiq.entities import IncidentFilter
from tawthiq.gazetteer import place_area, place_names
from tawthiq.store.browse import IncidentColumns

__all__ = ["IncidentIndex", "IndexCache"]


def _factorize(values: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """(code per value, distinct values): ``None`` gets code -1 (pandas' hashing, in C)."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def _ordinals(values: Sequence[str | None]) -> np.ndarray:
    """Day ordinals of ISO days (-1 for none); each distinct day is parsed once."""
    codes, days = _factorize(values)
    table = np.array([date.fromisoformat(d[:10]).toordinal() for d in days] + [-1], dtype=np.int64)
    return table[codes]  # code -1 picks the appended -1


def _first_place(text: str | None) -> dict[str, Any] | None:
    """The first place of a places JSON text, when it has coordinates (the map's point)."""
    places = json.loads(text) if text else None
    if places and isinstance(places[0], dict) and places[0].get("lat") is not None:
        return places[0]
    return None


def _marker(place: dict[str, Any] | None) -> tuple[float, float]:
    """(lon, lat) where the map draws an incident at ``place``: the interior point of the polygon
    its place stands for, else the place's own point (nan, nan without a place)."""
    if place is None:
        return (np.nan, np.nan)
    area = place_area(place)
    if area is not None and area["kind"] == "polygon":
        return (float(area["at"][0]), float(area["at"][1]))
    return (float(place["lon"]), float(place["lat"]))


class IncidentIndex:
    """Parallel numpy arrays, one row per incident, in the list's order (day desc, id desc).

    Built with numpy and pandas' factorize from the columns: distinct days, types, grades and
    place lists are few, so each is decoded once (~0.3 s for 100,000 incidents).
    """

    def __init__(self, cols: IncidentColumns, colours: dict[str, str]) -> None:
        ids = np.asarray(cols.ids, dtype=np.int64)
        start = _ordinals(cols.start)
        # The list sorts newest first, undated last, then by id (store.browse.list_incidents).
        order = np.lexsort((ids, start))[::-1]
        self.ids, self.start = ids[order], start[order]
        self.lower = _ordinals(cols.lower)[order]  # what a 'from' date is compared with
        types, type_names = _factorize(cols.event_types)
        self.types = types[order]
        self._type_code = {t: k for k, t in enumerate(type_names)}
        self._type_names = list(type_names)
        family_of = [t.split(".", 1)[0] for t in type_names]
        families = sorted(set(family_of))
        self._family_code = {f: k for k, f in enumerate(families)}
        self.families = np.array([self._family_code[f] for f in family_of] + [-1], dtype=np.int64)[self.types]
        grades, grade_names = _factorize(cols.grades)
        self.grades = grades[order]
        self._grade_code = {g: k for k, g in enumerate(grade_names)}
        self._grade_names = list(grade_names)
        self.best = np.array(cols.fatalities_best, dtype=np.float64)[order]  # None -> nan
        place_codes, place_texts = _factorize(cols.places)
        self._places = [_first_place(t) for t in place_texts] + [None]
        lat = np.array([p["lat"] if p else np.nan for p in self._places], dtype=np.float64)
        lon = np.array([p["lon"] if p else np.nan for p in self._places], dtype=np.float64)
        self._place = place_codes[order]  # index into self._places (-1: the appended None)
        self.lat, self.lon = lat[self._place], lon[self._place]
        self.has_point = ~np.isnan(self.lat)
        # where the map draws each incident: inside the area its place stands for ("eastern Aleppo"
        # is drawn in the east, its stored point is the city's centre); a box holding either matches,
        # so zooming in on the marker keeps it and /map#ID (centred on the stored point) finds it
        marker = [_marker(p) for p in self._places]
        self.mlat = np.array([m[1] for m in marker], dtype=np.float64)[self._place]
        self.mlon = np.array([m[0] for m in marker], dtype=np.float64)[self._place]
        self._colours = colours
        self._features: dict[int, bytes] = {}  # position -> the feature's JSON, made on first use
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.ids)

    def place_counts(self) -> list[tuple[dict[str, Any], int]]:
        """Each place incidents are at (their first place with coordinates, as on the map) and how
        many incidents: most first. Places are one when their gazetteer id (else name and point) is."""
        codes = self._place[self._place >= 0]
        counts = np.bincount(codes, minlength=len(self._places))
        merged: dict[Any, list[Any]] = {}
        for k, n in enumerate(counts.tolist()):
            place = self._places[k]
            if place is None or not n:
                continue
            key = place.get("place_id") or (place.get("name"), place.get("lat"), place.get("lon"))
            if key in merged:
                merged[key][1] += n
            else:
                merged[key] = [place, n]
        return sorted(((p, n) for p, n in merged.values()), key=lambda pn: (-pn[1], str(pn[0].get("name"))))

    def mask(self, f: IncidentFilter) -> np.ndarray:
        """Which incidents pass ``f`` (all but ``place``): the in-memory executor of the query
        model, with the meaning ``IncidentFilter``'s docstring gives (the SQL one's)."""
        mask = np.ones(len(self.ids), dtype=bool)
        if f.grade:
            mask &= self.grades == self._grade_code.get(f.grade, -2)
        if f.exact_type:
            mask &= self.types == self._type_code.get(f.exact_type, -2)
        elif f.family:
            mask &= self.families == self._family_code.get(f.family, -2)
        if f.date_from:
            mask &= self.lower >= f.date_from.toordinal()  # undated (-1) never passes
        if f.date_to:
            mask &= (self.start >= 0) & (self.start <= f.date_to.toordinal())
        return mask

    def page(self, f: IncidentFilter, offset: int, limit: int) -> tuple[list[int], int]:
        """The ids of one list page (newest first) and how many incidents match in all."""
        hits = np.flatnonzero(self.mask(f))
        return [int(i) for i in self.ids[hits[offset : offset + limit]]], len(hits)

    def by_day(self, f: IncidentFilter) -> dict[tuple[date, str], int]:
        """{(first day, event type): number of incidents} passing ``f``; undated ones left out."""
        mask = self.mask(f) & (self.start >= 0)
        n = max(1, len(self._type_names))
        keys, counts = np.unique(self.start[mask] * n + self.types[mask], return_counts=True)
        names = self._type_names
        return {
            (date.fromordinal(int(k) // n), names[int(k) % n]): int(c)
            for k, c in zip(keys, counts, strict=True)
        }

    def _in_box(self, bbox: tuple[float, float, float, float], f: IncidentFilter) -> np.ndarray:
        west, south, east, north = bbox
        mask = self.mask(f) & self.has_point
        point = (self.lat >= south) & (self.lat <= north) & (self.lon >= west) & (self.lon <= east)
        drawn = (self.mlat >= south) & (self.mlat <= north) & (self.mlon >= west) & (self.mlon <= east)
        return np.flatnonzero(mask & (point | drawn))

    def query(self, bbox: tuple[float, float, float, float], f: IncidentFilter, limit: int) -> list[int]:
        """Ids in (west, south, east, north) passing ``f`` (by stored point or drawn marker): the
        ``limit`` lowest, in id order."""
        ids = np.sort(self.ids[self._in_box(bbox, f)])
        return [int(i) for i in ids[:limit]]

    def _feature(self, k: int) -> bytes:
        iid, grade = int(self.ids[k]), self._grade_names[self.grades[k]]
        start = date.fromordinal(int(self.start[k])).isoformat() if self.start[k] >= 0 else None
        best = None if np.isnan(self.best[k]) else int(self.best[k])
        place = self._places[self._place[k]]
        assert place is not None
        names = place_names(place)  # not the name as written: "شرق حلب", not the city's حلب
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": {
                "id": iid, "event_type": self._type_names[self.types[k]], "grade": grade,
                "colour": self._colours.get(grade), "place": names.en or place.get("name"),
                "place_ar": names.ar, "precision": place.get("precision"),
                "area": place_area(place), "start": start, "fatalities": best,
                "url": f"/incidents/{iid}",
            },
        }  # fmt: skip
        return json.dumps(feature, ensure_ascii=False, separators=(",", ":")).encode()

    def map_json(
        self,
        bbox: tuple[float, float, float, float],
        f: IncidentFilter,
        limit: int,
        max_new: int | None = None,
    ) -> bytes | None:
        """The map's FeatureCollection (``routers.geo``'s shape) as JSON bytes.

        Each feature's JSON is made once per index and kept: a map view of thousands of markers
        is then one join, not thousands of dict builds and a large ``json.dumps``. With
        ``max_new``: ``None`` instead when more features than that are still to be made, or
        another thread is making some (the caller then asks again where it may wait).
        """
        hits = self._in_box(bbox, f)
        truncated = len(hits) > limit
        hits = hits[np.argsort(self.ids[hits], kind="stable")[:limit]]  # the lowest ids, as in SQL
        # One hold for the count and the build: with max_new (the event loop) never a wait.
        if not self._lock.acquire(blocking=max_new is None):
            return None
        try:
            if max_new is not None and sum(1 for k in hits.tolist() if k not in self._features) > max_new:
                return None
            parts = []
            for k in hits.tolist():
                frag = self._features.get(k)
                if frag is None:
                    frag = self._features[k] = self._feature(k)
                parts.append(frag)
        finally:
            self._lock.release()
        return b"".join(
            (
                b'{"type":"FeatureCollection","features":[',
                b",".join(parts),
                b'],"truncated":',
                b"true" if truncated else b"false",
                b"}",
            )
        )


def _not_newer(version: Any, than: Any) -> bool:
    """True when every part of ``version`` is at most the same part of ``than``."""
    try:
        return all(a <= b for a, b in zip(version, than, strict=True))
    except (TypeError, ValueError):
        return version == than


class IndexCache:
    """One :class:`IncidentIndex` per data version; rebuilt by the first request after a change."""

    def __init__(self, colours: dict[str, str]) -> None:
        self._lock = threading.Lock()
        self._version: Any = None
        self._index: IncidentIndex | None = None
        self._colours = colours

    def get(
        self,
        version: Any,
        load: Callable[[], IncidentColumns],
        unchanged: Callable[[Any, Any], bool] | None = None,
        *,
        build: bool = True,
    ) -> IncidentIndex | None:
        """The index at ``version``: kept when ``unchanged(old, version)`` says no incident changed.

        A request that read its version just before another request moved the index on gets the
        newer index rather than a rebuild back to its older one (version parts only grow).
        With ``build=False``: ``None`` rather than building, or waiting for another thread's build.
        """
        if not self._lock.acquire(blocking=build):
            return None
        try:
            if self._index is not None and _not_newer(version, self._version):
                return self._index
            # From here version differs from self._version (it is newer, or there is no index).
            if self._index is not None and unchanged is not None and unchanged(self._version, version):
                self._version = version
                return self._index
            if not build:
                return None
            self._index = IncidentIndex(load(), self._colours)
            self._version = version
            return self._index
        finally:
            self._lock.release()
