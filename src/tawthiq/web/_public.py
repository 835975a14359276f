"""The public view's reads: only what ``tawthiq.policy`` publishes, kept per data version and day.

In: an open workspace, its redaction :class:`~tawthiq.policy.Policy`, the shared
:class:`~tawthiq.web._versions.VersionCache` and the :class:`~tawthiq.web._incidents.IncidentReads`
(whose index answers the filters). Out: incidents' public forms (``policy.public_incident``'s
dicts), a page of them, what is held back by rule, the published incidents inside a map box.
Never: shows the public an unreviewed claim (only accepted or corrected claims reach
``policy.public_incident``, which then applies grades, delay, fuzzing and suppression), nor
filters the map on an incident's true point (only on the point the public sees).
"""

from __future__ import annotations

import math
import threading
from datetime import UTC, datetime
from typing import Any

from tawthiq.entities import Incident, IncidentFilter, Report, Source
from tawthiq.gazetteer import place_area
from tawthiq.policy import (
    WHOLE_RULES,
    Policy,
    facts_withheld_reasons,
    facts_withheld_tally,
    public_incident,
)
from tawthiq.store import browse
from tawthiq.store import claims as claim_store
from tawthiq.store import reports as report_store

from ._incidents import IncidentReads
from ._inline import leave_loop
from ._versions import MISSING, Kept, VersionCache

__all__ = ["PublicForm", "PublicView"]


class PublicForm(dict[str, Any]):
    """An incident's public form (``policy.public_incident``'s dict, its JSON unchanged) that also
    carries the rationale's phrases (``Incident.rationale_phrases``) for the public page to write
    the rationale in the page's language. They are the rationale's own words as data: the page
    shows them only where the policy publishes the rationale; they are in no JSON."""

    rationale_phrases: Any = None


def _public_form(pub: dict[str, Any] | None, inc: Incident) -> PublicForm | None:
    if pub is None:
        return None
    form = PublicForm(pub)
    if "rationale" in pub and pub["rationale"] == inc.rationale:
        # (a rationale that named an individual's source is published with the name taken out: the
        # Arabic page then reads the phrases back from that text, never from the stored phrases)
        form.rationale_phrases = inc.rationale_phrases
    return form


class _PublicForms(Kept):
    """Incidents' public forms by id for one data version and day, the newest :attr:`SIZE` kept.

    Bounded because a form is ~4 KB: the 55,963 published incidents of the 100,000-incident
    benchmark workspace would hold 220 MB once a map had panned over all of them.
    """

    SIZE = 10_000  # a kept value is the form, or None: not published


def _public_points(pub: dict[str, Any] | None) -> list[tuple[float, float]]:
    """(lat, lon) of the first published place with coordinates, and of the marker the public map
    draws inside the area that place stands for (``place_area``: a point of a shipped layer,
    chosen by the published place, so it tells nothing the public form does not)."""
    for place in (pub or {}).get("places") or ():
        if place.get("lat") is not None and place.get("lon") is not None:
            points = [(float(place["lat"]), float(place["lon"]))]
            area = place_area(place)
            if area is not None and area["kind"] == "polygon":
                points.append((float(area["at"][1]), float(area["at"][0])))
            return points
    return []


_REVIEWED = ("accepted", "corrected")


class PublicView:
    """The public pages' and the public API's reads (``/public``, ``/api/v1/public``)."""

    def __init__(
        self, workspace: Any, policy: Policy, versions: VersionCache, incidents: IncidentReads
    ) -> None:
        self.ws = workspace
        self.policy = policy
        self.versions = versions
        self.incidents = incidents
        self._pass = threading.Lock()  # one pass over the workspace's facts at a time

    def _sources(self, s: Any, reports: dict[int, Report]) -> dict[int, Source]:
        info = report_store.source_kinds(s, [r.source_id for r in reports.values() if r.source_id])
        return {
            i: Source(id=i, label=label, kind=kind, origin_group=og) for i, (label, kind, og) in info.items()
        }

    def _forms(self, s: Any, incidents: list[Incident], now: datetime) -> list[dict[str, Any]]:
        return [pub for _, pub in self._pairs(s, incidents, now) if pub is not None]

    def _pairs(
        self, s: Any, incidents: list[Incident], now: datetime
    ) -> list[tuple[int | None, dict[str, Any] | None]]:
        """Each incident's id and its public form (``None``: not published), claims read at once."""
        ids = [cid for inc in incidents for cid in (*inc.claim_ids, *inc.contradicting_claim_ids)]
        claims = [c for c in claim_store.claims_by_ids(s, ids) if c.review_status in _REVIEWED]
        reports = report_store.reports_by_ids(s, [c.report_id for c in claims if c.report_id])
        sources = self._sources(s, reports)
        out: list[tuple[int | None, dict[str, Any] | None]] = []
        for inc in incidents:
            own = set(inc.claim_ids) | set(inc.contradicting_claim_ids)
            mine = [c for c in claims if c.id in own]
            if not mine:  # nothing reviewed yet: the public sees nothing of it
                out.append((inc.id, None))
                continue
            pub = public_incident(inc, mine, now, self.policy, reports=reports, sources=sources)
            out.append((inc.id, _public_form(pub, inc)))
        return out

    def page(
        self, f: IncidentFilter, offset: int, limit: int, now: datetime | None = None
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of the incidents the policy lets the public see, and how many there are.

        Paged over the public incidents themselves (issue 18: paging the workspace's incidents
        and then dropping the held-back ones gave short pages and a "Next" to an empty page).
        Without ``now`` the page is kept per data version, day, filter and page (issue 18: the
        policy ran on every request, in the thread pool), so a repeated page answers on the
        event loop; a write anywhere moves the version, so the next request recomputes it.
        The publication delay is counted in days, so a day's pages are the same all day.
        """
        if now is not None:
            return self._page(f, offset, limit, now)
        today = datetime.now(UTC)

        def compute() -> tuple[list[dict[str, Any]], int]:
            leave_loop()  # the policy over a page, and on a new version the whole workspace's facts
            return self._page(f, offset, limit, today)

        return self.versions.per_version(("public-page", today.date(), f, offset, limit), compute)

    def _page(
        self, f: IncidentFilter, offset: int, limit: int, now: datetime
    ) -> tuple[list[dict[str, Any]], int]:
        public = self.state(now)[1]

        def matching() -> list[int]:
            leave_loop()
            with self.ws.session() as s:
                if f.place:  # name matching stays in SQL
                    found, _ = browse.list_incidents(s, f, limit=10**9)
                    ids = [i.id for i in found if i.id is not None]  # stored: every one has an id
                else:
                    ids, _ = self.incidents.index(s).page(f, 0, 10**12)
            return [i for i in ids if i in public]

        ids = self.versions.per_version(("public-ids", f, now.date()), matching)
        page = ids[offset : offset + limit]
        with self.ws.session() as s:
            found = {i.id: i for i in browse.incidents_by_ids(s, page, with_claims=True)}
            return self._forms(s, [found[i] for i in page if i in found], now), len(ids)

    def incident(self, incident_id: int, now: datetime | None = None) -> dict[str, Any] | None:
        """One incident's public form, ``None`` when the policy holds it back (or it does not exist).

        Without ``now``: only an incident of the published set (:meth:`state`), its form kept
        per data version and day with the public map's, so a repeated page answers on the loop.
        """
        if now is None:
            today = datetime.now(UTC)
            version = self.versions.version()  # read once for both look-ups (issue 18)
            if incident_id not in self.state(today, version)[1]:
                return None
            forms: _PublicForms = self.versions.per_version(
                ("public-forms", today.date()), _PublicForms, version
            )
            kept = forms.lookup(incident_id)
            if kept is not MISSING:
                return kept
            leave_loop()
            found = self._incident(incident_id, today)
            forms.put(incident_id, found)
            return found
        return self._incident(incident_id, now)

    def _incident(self, incident_id: int, now: datetime) -> dict[str, Any] | None:
        with self.ws.session() as s:
            inc = browse.get_incident(s, incident_id)
            if inc is None:
                return None
            found = self._forms(s, [inc], now)
            return found[0] if found else None

    def withheld(self, now: datetime | None = None) -> dict[str, Any]:
        """What the public view holds back of the workspace's incidents, by rule
        (``tawthiq.policy.withheld_tally``): once per data version and day (the delay moves daily).
        """
        return self.state(now or datetime.now(UTC))[0]

    def state(self, now: datetime, version: Any = None) -> tuple[dict[str, Any], frozenset[int]]:
        """The withheld tally and the ids of the incidents published (whole or with the toll
        withheld), per data version and day.

        From :func:`tawthiq.store.browse.publication_facts` (two queries, no claim loaded) and
        the policy's one decision (``facts_withheld_reasons``). Before (issue 18), every incident
        and every claim were loaded as entities: the first public request after any change took
        28.9 s at 100,000 incidents. ``version``: the data version the caller has just read.
        """
        if version is None:
            version = self.versions.version()
        full = (("public-state", now.date()), version)
        kept = self.versions.kept(full)
        if kept is not MISSING:
            return kept
        leave_loop()  # a pass over the workspace: never on the event loop
        # Visitors arriving together after a change wait for one pass instead of each making it
        # (20 clients would each spend 1.3 s of CPU at 100,000 incidents).
        with self._pass:
            kept = self.versions.kept(full)
            if kept is not MISSING:
                return kept
            with self.ws.session() as s:
                facts = browse.publication_facts(s)
            published = frozenset(
                f.id
                for f in facts
                if not any(r in WHOLE_RULES for r in facts_withheld_reasons(f, now, self.policy))
            )
            value = facts_withheld_tally(facts, now, self.policy).as_dict(), published
            self.versions.keep(full, value)
            return value

    def in_bbox(
        self,
        bbox: tuple[float, float, float, float],
        f: IncidentFilter,
        limit: int,
        now: datetime | None = None,
    ) -> list[dict[str, Any]]:
        """Published incidents whose **published** point, or the marker the map draws inside the
        area that point's place stands for, lies in ``bbox``: at most ``limit``, in id order.

        The box is tested against the point the public sees (moved near front lines), never the
        true one: filtering on the true point let anyone find it with ever smaller boxes. So the
        candidates come from a box widened by the policy's fuzzing radius, and each one's public
        form decides. Public forms are kept per data version and day (issue 18: a public map view
        of one dense neighbourhood cost 1.5 s of CPU at 100,000 incidents, on every request).
        """
        now = now or datetime.now(UTC)
        published = self.state(now)[1]
        west, south, east, north = bbox
        pad_lat = self.policy.front_line.radius_m / 111_320.0
        cos = min(abs(math.cos(math.radians(max(min(v, 89.0), -89.0)))) for v in (south, north))
        pad_lon = pad_lat / max(cos, 1e-3)
        wide = (west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat)
        with self.ws.session() as s:
            if f.place:  # name matching stays in SQL
                ids = [i.id for i in browse.incidents_in_bbox(s, wide, f, limit=10**9) if i.id is not None]
            else:
                ids = self.incidents.index(s).query(wide, f, 10**12)
        ids = [i for i in ids if i in published]
        forms: _PublicForms = self.versions.per_version(("public-forms", now.date()), _PublicForms)
        out: list[dict[str, Any]] = []
        for start in range(0, len(ids), 400):  # 400: under the store's bulk-read bound of 500
            chunk = ids[start : start + 400]
            got = {i: forms.lookup(i) for i in chunk}
            missing = [i for i, form in got.items() if form is MISSING]
            if missing:
                with self.ws.session() as s:
                    incidents = browse.incidents_by_ids(s, missing, with_claims=True)
                    made = dict(self._pairs(s, incidents, now))
                for i in missing:
                    got[i] = made.get(i)
                    forms.put(i, got[i])
            for i in chunk:
                pub = got[i]
                if pub is not None and any(
                    west <= lon <= east and south <= lat <= north for lat, lon in _public_points(pub)
                ):
                    out.append(pub)
                    if len(out) >= limit:
                        return out
        return out
