"""An in-memory index of every incident: the list's order and counts, and the map's points.

In: ``store.browse.incident_columns`` (one pass over the incidents), rebuilt when
``store.browse.data_version`` changes (any audited write, or incidents or claims added).
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
from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np

from tawthiq.store.browse import IncidentColumns, IncidentFilter

__all__ = ["IncidentIndex", "IndexCache"]


def _codes(values: list[str]) -> tuple[np.ndarray, dict[str, int]]:
    table: dict[str, int] = {}
    codes = np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int32, count=len(values))
    return codes, table


class IncidentIndex:
    """Parallel numpy arrays, one row per incident, in the list's order (day desc, id desc)."""

    def __init__(self, cols: IncidentColumns, colours: dict[str, str]) -> None:
        n = len(cols.ids)
        ordinal: dict[str | None, int] = {None: -1}  # few distinct days: convert each once

        def day(value: str | None) -> int:
            if value not in ordinal:
                ordinal[value] = date.fromisoformat(value[:10]).toordinal()  # type: ignore[index]
            return ordinal[value]

        ids = np.fromiter(cols.ids, dtype=np.int64, count=n)
        start = np.fromiter((day(v) for v in cols.start), dtype=np.int64, count=n)
        # The list sorts newest first, undated last, then by id (store.browse.list_incidents).
        order = np.lexsort((ids, start))[::-1]
        self.ids = ids[order]
        self.start = start[order]
        # The date filter's lower bound applies to the end day, or the start when there is none.
        end = np.fromiter((day(e or s) for e, s in zip(cols.end, cols.start, strict=True)), np.int64, n)
        self.end = end[order]
        types, self._type_code = _codes(cols.event_types)
        self.types = types[order]
        grades, self._grade_code = _codes(cols.grades)
        self.grades = grades[order]
        families, self._family_code = _codes([t.split(".", 1)[0] for t in cols.event_types])
        self.families = families[order]
        self.has_point = np.fromiter((p is not None for p in cols.place), dtype=bool, count=n)[order]
        self.lat = np.fromiter((p["lat"] if p else np.nan for p in cols.place), np.float64, n)[order]
        self.lon = np.fromiter((p["lon"] if p else np.nan for p in cols.place), np.float64, n)[order]
        self._position = {int(i): k for k, i in enumerate(self.ids)}
        self._cols = cols  # the source rows (original order), for map features
        self._source_row = order
        self._colours = colours
        self._features: dict[int, bytes] = {}  # position -> the feature's JSON, made on first use
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.ids)

    def mask(self, f: IncidentFilter) -> np.ndarray:
        """Which incidents pass ``f`` (all but ``place``), with the SQL filters' meaning."""
        mask = np.ones(len(self.ids), dtype=bool)
        if f.grade:
            mask &= self.grades == self._grade_code.get(f.grade, -1)
        if f.event_type:
            if "." in f.event_type:
                mask &= self.types == self._type_code.get(f.event_type, -1)
            else:
                mask &= self.families == self._family_code.get(f.event_type.rstrip("."), -1)
        if f.date_from:
            mask &= self.end >= f.date_from.toordinal()  # undated (-1) never passes
        if f.date_to:
            mask &= (self.start >= 0) & (self.start <= f.date_to.toordinal())
        return mask

    def count(self, f: IncidentFilter) -> int:
        return int(np.count_nonzero(self.mask(f)))

    def page(self, f: IncidentFilter, offset: int, limit: int) -> tuple[list[int], int]:
        """The ids of one list page (newest first) and how many incidents match in all."""
        hits = np.flatnonzero(self.mask(f))
        return [int(i) for i in self.ids[hits[offset : offset + limit]]], len(hits)

    def _in_box(self, bbox: tuple[float, float, float, float], f: IncidentFilter) -> np.ndarray:
        west, south, east, north = bbox
        mask = self.mask(f) & self.has_point
        mask &= (self.lat >= south) & (self.lat <= north) & (self.lon >= west) & (self.lon <= east)
        return np.flatnonzero(mask)

    def query(self, bbox: tuple[float, float, float, float], f: IncidentFilter, limit: int) -> list[int]:
        """Ids in (west, south, east, north) passing ``f``: the ``limit`` lowest, in id order."""
        ids = np.sort(self.ids[self._in_box(bbox, f)])
        return [int(i) for i in ids[:limit]]

    def _feature(self, k: int) -> bytes:
        row = int(self._source_row[k])
        cols = self._cols
        iid, grade, place, start = cols.ids[row], cols.grades[row], cols.place[row], cols.start[row]
        assert place is not None
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": {
                "id": iid, "event_type": cols.event_types[row], "grade": grade,
                "colour": self._colours.get(grade), "place": place.get("name"),
                "place_ar": place.get("name_ar"), "precision": place.get("precision"),
                "start": start[:10] if start else None, "fatalities": cols.fatalities_best[row],
                "url": f"/incidents/{iid}",
            },
        }  # fmt: skip
        return json.dumps(feature, ensure_ascii=False, separators=(",", ":")).encode()

    def map_json(self, bbox: tuple[float, float, float, float], f: IncidentFilter, limit: int) -> bytes:
        """The map's FeatureCollection (``routers.geo``'s shape) as JSON bytes.

        Each feature's JSON is made once per index and kept: a map view of thousands of markers
        is then one join, not thousands of dict builds and a large ``json.dumps``.
        """
        hits = self._in_box(bbox, f)
        truncated = len(hits) > limit
        if truncated:  # keep the lowest ids, as the SQL path does
            hits = hits[np.argsort(self.ids[hits], kind="stable")[:limit]]
        else:
            hits = hits[np.argsort(self.ids[hits], kind="stable")]
        parts = []
        with self._lock:
            for k in hits.tolist():
                frag = self._features.get(k)
                if frag is None:
                    frag = self._features[k] = self._feature(k)
                parts.append(frag)
        return b"".join(
            (
                b'{"type":"FeatureCollection","features":[',
                b",".join(parts),
                b'],"truncated":',
                b"true" if truncated else b"false",
                b"}",
            )
        )


class IndexCache:
    """One :class:`IncidentIndex` per data version; rebuilt by the first request after a change."""

    def __init__(self, colours: dict[str, str]) -> None:
        self._lock = threading.Lock()
        self._version: Any = None
        self._index: IncidentIndex | None = None
        self._colours = colours

    def get(self, version: Any, load: Callable[[], IncidentColumns]) -> IncidentIndex:
        with self._lock:
            if self._index is None or version != self._version:
                self._index = IncidentIndex(load(), self._colours)
                self._version = version
            return self._index
