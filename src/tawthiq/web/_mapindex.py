"""An in-memory index of incident points for the map's bounding-box queries.

In: ``store.browse.incident_points`` (one pass over the incidents), rebuilt when
``store.browse.data_version`` changes (any audited write, or incidents added or removed).
Out: the ids of incidents in a box, filtered by grade, type and dates, as numpy arrays.
Never: reads the database itself or holds a protected value (points, types and grades only).

Why not SQL: the coordinates live in the incidents' ``places`` JSON, and filtering 100,000 rows
by JSON paths costs seconds per map move on SQLite; numpy over two float arrays costs well under
a millisecond. (A spatial extension — SpatiaLite, PostGIS — would do it in the database; neither
is part of the default, server-less workspace.)
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import numpy as np

from tawthiq.store.browse import IncidentFilter

__all__ = ["MapIndex"]


class MapIndex:
    def __init__(self, points: list[tuple[int, str, str, date | None, int | None, dict[str, Any]]]) -> None:
        self.ids = np.array([p[0] for p in points], dtype=np.int64)
        self.types = np.array([p[1] for p in points], dtype=object)
        self.grades = np.array([p[2] for p in points], dtype=object)
        self.days = np.array([p[3].toordinal() if p[3] else -1 for p in points], dtype=np.int64)
        self.lat = np.array([float(p[5]["lat"]) for p in points], dtype=np.float64)
        self.lon = np.array([float(p[5]["lon"]) for p in points], dtype=np.float64)
        self.props = {p[0]: (p[1], p[2], p[3], p[4], p[5]) for p in points}

    def __len__(self) -> int:
        return len(self.ids)

    def query(self, bbox: tuple[float, float, float, float], f: IncidentFilter, limit: int) -> list[int]:
        """Ids in (west, south, east, north) that pass the filter (``place`` is not handled here)."""
        west, south, east, north = bbox
        mask = (self.lat >= south) & (self.lat <= north) & (self.lon >= west) & (self.lon <= east)
        if f.grade:
            mask &= self.grades == f.grade
        if f.event_type:
            if "." in f.event_type:
                mask &= self.types == f.event_type
            else:
                prefix = f.event_type.rstrip(".") + "."
                mask &= np.array([t.startswith(prefix) for t in self.types], dtype=bool)
        if f.date_from:
            mask &= self.days >= f.date_from.toordinal()
        if f.date_to:
            mask &= (self.days >= 0) & (self.days <= f.date_to.toordinal())
        return [int(i) for i in self.ids[mask][:limit]]

    def feature(self, iid: int, colours: dict[str, str]) -> dict[str, Any]:
        """The GeoJSON feature of one indexed incident (the same shape as ``routers.geo``'s)."""
        etype, grade, day, best, place = self.props[iid]
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": {
                "id": iid, "event_type": etype, "grade": grade, "colour": colours.get(grade),
                "place": place.get("name"), "place_ar": place.get("name_ar"),
                "precision": place.get("precision"), "start": day.isoformat() if day else None,
                "fatalities": best, "url": f"/incidents/{iid}",
            },
        }  # fmt: skip


class MapIndexCache:
    """One :class:`MapIndex` per data version; rebuilt by the first request after a change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: Any = None
        self._index: MapIndex | None = None

    def get(self, version: Any, load) -> MapIndex:
        with self._lock:
            if self._index is None or version != self._version:
                self._index = MapIndex(load())
                self._version = version
            return self._index
