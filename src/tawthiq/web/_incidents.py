"""The web's reads of incidents: the list, one incident, the map, the timeline, the places.

In: an open workspace, the shared :class:`~tawthiq.web._versions.VersionCache`, filters
(``IncidentFilter``) and pages from the routers. Out: seam entities (``Incident``, ``Claim``,
``Report``), the map's GeoJSON bytes, counts by day and place. Never: builds SQL
(``store.browse`` does), answers the ``place`` filter from the index (name matching stays in
SQL), or builds the index on the event loop (``web/_inline.py``: it leaves for the pool).

Most answers come from the in-memory :class:`~tawthiq.web._index.IncidentIndex` at the
workspace's data version, and are kept per version in the shared cache.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tawthiq.entities import Claim, Incident, IncidentFilter, Place, Report
from tawthiq.gazetteer import load_gazetteer, place_names
from tawthiq.store import browse
from tawthiq.store import claims as claim_store
from tawthiq.store import reports as report_store
from tawthiq.store.users import User

from ._index import IncidentIndex, IndexCache
from ._inline import leave_loop, on_loop
from ._render import GRADE_COLOURS
from ._versions import MISSING, Kept, VersionCache

__all__ = ["IncidentReads"]

# A map view that needs more features made than this goes to the thread pool (~10 µs each).
_MAP_NEW_ON_LOOP = 500


class _Recent(Kept):
    """Incident pages' data (incident, claims, reports) by id for one data version, the
    :attr:`SIZE` most recently asked kept: bounded because a page's reports carry their bodies."""

    SIZE = 256
    RECENT = True


class IncidentReads:
    """Incidents, each read in its own short transaction, through the index where it can."""

    def __init__(self, workspace: Any, versions: VersionCache) -> None:
        self.ws = workspace
        self.versions = versions
        self._index = IndexCache(GRADE_COLOURS)

    def index(self, s: Any, version: Any = None) -> IncidentIndex:
        """The in-memory index at the database's current data version (rebuilt after any write).

        On the event loop (``web/_inline.py``) it never builds nor waits for a build: the
        request goes to the thread pool instead.
        """
        version = browse.data_version(s) if version is None else version
        index = self._index.get(
            version,
            lambda: browse.incident_columns(s),
            lambda old, new: browse.incidents_unchanged(s, old, new),
            build=not on_loop(),
        )
        if index is None:
            leave_loop()
        assert index is not None
        return index

    def _page(
        self, s: Any, version: Any, f: IncidentFilter, offset: int, limit: int
    ) -> tuple[list[Incident], int]:
        if f.place:  # name matching stays in SQL; its count is cached per data version
            leave_loop()
            total = self.versions.cached(s, ("count", f), lambda: browse.count_incidents(s, f), version)
            return browse.list_incidents(s, f, offset=offset, limit=limit, total=total)
        ids, total = self.index(s, version).page(f, offset, limit)
        found = {i.id: i for i in browse.incidents_by_ids(s, ids, with_claims=True)}
        return [found[i] for i in ids if i in found], total

    def page(self, f: IncidentFilter, offset: int, limit: int) -> tuple[list[Incident], int]:
        """One page of the list (newest first) and the total, from the index; cached per data version."""
        with self.ws.session() as s:
            version = browse.data_version(s)
            return self.versions.cached(
                s, ("incidents", f, offset, limit), lambda: self._page(s, version, f, offset, limit), version
            )

    def page_uncached(self, f: IncidentFilter, offset: int, limit: int) -> tuple[list[Incident], int]:
        """:meth:`page` without its cache, for a caller that keeps what it makes of the page per
        data version itself (the HTML list's rows, ``per_version``): one cache entry, not two."""
        with self.ws.session() as s:
            return self._page(s, browse.data_version(s), f, offset, limit)

    def get(self, incident_id: int) -> tuple[Incident, list[Claim], dict[int, Report]] | None:
        """One incident with its claims (supporting, contradicting, tallies) and their reports,
        kept per data version for the most recently asked :attr:`_Recent.SIZE` incidents (issue
        18: three reads and their entities on every view of an incident page; now one read of
        the data version when kept). Entities are frozen, so sharing them is safe."""
        with self.ws.session() as s:
            version = browse.data_version(s)
            recent: _Recent = self.versions.cached(s, ("incident-pages",), _Recent, version)
            kept = recent.lookup(incident_id)
            if kept is not MISSING:
                return kept
            found = self._get(s, incident_id)
        recent.put(incident_id, found)
        return found

    def _get(self, s: Any, incident_id: int) -> tuple[Incident, list[Claim], dict[int, Report]] | None:
        inc = browse.get_incident(s, incident_id)
        if inc is None:
            return None
        ids = (*inc.claim_ids, *inc.contradicting_claim_ids, *inc.tally_claim_ids)
        claims = claim_store.claims_by_ids(s, ids)
        reports = report_store.reports_by_ids(s, [c.report_id for c in claims if c.report_id])
        return inc, claims, reports

    def override_grade(self, incident_id: int, grade: str | None, reason: str, user: User) -> Incident:
        """The same use case as ``tawthiq incident --override`` (``app.corroborate``), as this user."""
        from tawthiq.app.corroborate import override_grade

        with self.ws.session(actor=user.name) as s:
            return override_grade(s, incident_id, grade, reason)

    def warm(self) -> None:
        """Build the index now (called in a background thread at start-up)."""
        try:
            with self.ws.session() as s:
                self.index(s)
        except Exception:  # warming is only an optimisation: the first map request builds it again
            return

    def map_json(
        self, bbox: tuple[float, float, float, float], f: IncidentFilter, limit: int
    ) -> bytes | None:
        """The workspace map's GeoJSON straight from the index; ``None`` when SQL must answer (place)."""
        if f.place:
            return None
        with self.ws.session() as s:
            index = self.index(s)
        body = index.map_json(bbox, f, limit, max_new=_MAP_NEW_ON_LOOP if on_loop() else None)
        if body is None:
            leave_loop()
        return body

    def in_bbox(
        self, bbox: tuple[float, float, float, float], f: IncidentFilter, limit: int
    ) -> list[Incident]:
        with self.ws.session() as s:
            if f.place:  # name matching stays in SQL
                leave_loop()
                return browse.incidents_in_bbox(s, bbox, f, limit=limit, with_claims=False)
            ids = self.index(s).query(bbox, f, limit)
            return browse.incidents_by_ids(s, ids, with_claims=False)

    def timeline(self, f: IncidentFilter) -> dict[tuple[date, str], int]:
        with self.ws.session() as s:
            if not f.place:
                return self.index(s).by_day(f)

            def by_day() -> dict[tuple[date, str], int]:
                leave_loop()
                return browse.count_incidents_by_day(s, f)

            return self.versions.cached(s, ("timeline", f), by_day)

    def places_with_counts(self, q: str | None, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """The places the workspace's incidents are at, with how many incidents each (most first),
        matching ``q`` (English or Arabic name, or gazetteer id; case-insensitive substring)."""
        with self.ws.session() as s:
            version = browse.data_version(s)
            rows = self.versions.cached(
                s, ("incident-places",), lambda: self.index(s, version).place_counts(), version
            )
        needle = (q or "").strip().casefold()
        found = []
        for p, n in rows:
            # "name" as the report wrote it (العامرية from an Arabic report); "name_en" and "name_ar"
            # the place's name in each language, the part it names kept (place_names): the page's
            # Name column is the one in its language, never the name as written
            names = place_names(p)
            keys = (p.get("name"), names.en, names.ar, p.get("name_ar"), p.get("place_id"))
            if needle and not any(needle in str(k or "").casefold() for k in keys):
                continue
            found.append(
                {
                    "place_id": p.get("place_id"),
                    "name": p.get("name"),
                    "name_en": names.en,
                    "name_ar": names.ar,
                    "precision": p.get("precision"),
                    "lat": p.get("lat"),
                    "lon": p.get("lon"),
                    "incidents": n,
                }
            )
        return found[offset : offset + limit], len(found)

    def places(self, q: str | None, offset: int, limit: int) -> tuple[list[Place], int]:
        """Gazetteer places (``/api/v1/places``) whose English or Arabic name, variant or id
        holds ``q`` (case-insensitive), by id: the gazetteer shipped in the package (the one
        extraction resolves against), with any place of the workspace's own table over it.
        The table alone was empty in every workspace, since no command fills it."""
        with self.ws.session() as s:
            own, _ = browse.list_places(s, q, offset=0, limit=10**9)
        found = {p.id: p for p in _gazetteer_places(q)}
        found.update({p.id: p for p in own})
        rows = sorted(found.values(), key=lambda p: p.id)
        return rows[offset : offset + limit], len(rows)


def _gazetteer_places(q: str | None) -> list[Place]:
    """The shipped gazetteer's places matching ``q`` (substring of a name, variant or id)."""
    places = load_gazetteer().places.values()
    needle = (q or "").strip().casefold()
    if not needle:
        return list(places)
    return [
        p
        for p in places
        if any(needle in (v or "").casefold() for v in (p.id, p.name_en, p.name_ar, *p.variants))
    ]
