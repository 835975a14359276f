"""The web's one door to the workspace: each method is one transaction through ``tawthiq.store``,
or a use case of ``tawthiq.app`` (logins, sessions and tokens: ``app.accounts``).

In: an open :class:`~tawthiq.store.workspace.Workspace` and plain arguments from the routers.
Out: seam entities (and, for the public view, the dicts ``tawthiq.policy`` makes).
Never: builds SQL (``store.browse`` does), reveals a protected value, or shows
the public an unreviewed claim: the public view passes only accepted or corrected claims to
``tawthiq.policy.public_incident``, which then applies grades, delay, fuzzing and suppression.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from datetime import UTC, date, datetime
from typing import Any

from tawthiq.app import accounts
from tawthiq.entities import Claim, Incident, IncidentFilter, Report, Source
from tawthiq.gazetteer import place_area
from tawthiq.policy import (
    WHOLE_RULES,
    Policy,
    facts_withheld_reasons,
    facts_withheld_tally,
    load_policy,
    public_incident,
    public_place,
)
from tawthiq.store import browse
from tawthiq.store import claims as claim_store
from tawthiq.store import reports as report_store
from tawthiq.store.people import load_records
from tawthiq.store.users import User

from ._index import IncidentIndex, IndexCache
from ._inline import leave_loop, on_loop
from ._render import GRADE_COLOURS

__all__ = ["IncidentFilter", "WebData"]


_MISSING = object()


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
    if "rationale" in pub:
        form.rationale_phrases = inc.rationale_phrases
    return form


class _PublicForms:
    """Incidents' public forms by id for one data version and day, the newest :attr:`SIZE` kept.

    Bounded because a form is ~4 KB: the 55,963 published incidents of the 100,000-incident
    benchmark workspace would hold 220 MB once a map had panned over all of them.
    """

    SIZE = 10_000

    def __init__(self) -> None:
        self._forms: OrderedDict[int, dict[str, Any] | None] = OrderedDict()
        self._lock = threading.Lock()

    def lookup(self, incident_id: int) -> Any:
        """The form (``None``: not published), or ``_MISSING`` when it is not kept."""
        return self._forms.get(incident_id, _MISSING)

    def put(self, incident_id: int, form: dict[str, Any] | None) -> None:
        with self._lock:
            self._forms[incident_id] = form
            while len(self._forms) > self.SIZE:
                self._forms.popitem(last=False)

    def __len__(self) -> int:
        return len(self._forms)


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
# A map view that needs more features made than this goes to the thread pool (~10 µs each).
_MAP_NEW_ON_LOOP = 500


class WebData:
    """Reads and writes for the web, each in its own short transaction."""

    def __init__(self, workspace: Any, policy: Policy | None = None) -> None:
        self.ws = workspace
        self.policy = policy if policy is not None else load_policy(workspace.path)
        self._people_index: Any = None
        self._people_count = -1
        self._index = IndexCache(GRADE_COLOURS)
        self._cache: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._public_pass = threading.Lock()  # one pass over the workspace's facts at a time

    # ------------------------------------------------------------ accounts (app.accounts)

    def session_user(self, cookie: str, now: datetime, idle_seconds: int) -> User | None:
        return accounts.session_user(self.ws, cookie, now, idle_seconds)

    def token_user(self, token: str) -> User | None:
        return accounts.token_user(self.ws, token)

    def peek_session(self, cookie: str, now: datetime, idle_seconds: int) -> tuple[User | None, bool]:
        """:meth:`session_user` without its write: (user, whether ``session_user`` must run)."""
        return accounts.peek_session(self.ws, cookie, now, idle_seconds)

    def peek_token(self, token: str) -> tuple[User | None, bool]:
        """:meth:`token_user` without its write: (user, whether ``token_user`` must run)."""
        return accounts.peek_token(self.ws, token)

    def login(
        self, name: str, password: str, ttl_seconds: int, client: str = "unknown"
    ) -> tuple[User, str, datetime] | None:
        """:func:`tawthiq.app.accounts.login`: a new session for the right password, every
        failure audit-logged (``user.login_failed``), never the password."""
        return accounts.login(self.ws, name, password, ttl_seconds, client)

    def login_throttled(self, name: str, client: str, seconds: float) -> None:
        """Audit-log the first refused attempt of a login delay or lockout (``user.login_locked``)."""
        accounts.login_locked(self.ws, name, client, seconds)

    def logout(self, cookie: str, user: User | None) -> None:
        accounts.logout(self.ws, cookie, user)

    # ------------------------------------------------------------ reports and claims

    def reports(self, status: str | None, offset: int, limit: int) -> tuple[list[Report], int]:
        with self.ws.session() as s:
            return report_store.page_reports(s, status=status, offset=offset, limit=limit)

    def report(self, report_id: int) -> tuple[Report, list[Claim]] | None:
        with self.ws.session() as s:
            rep = report_store.get_report(s, report_id, mark_sender=True)
            return (rep, claim_store.claims_for_report(s, report_id)) if rep else None

    def claims(self, review_status: str | None, offset: int, limit: int) -> tuple[list[Claim], int]:
        with self.ws.session() as s:
            return claim_store.list_claims(s, review_status=review_status, offset=offset, limit=limit)

    def claims_with_reports(
        self, review_status: str | None, offset: int, limit: int
    ) -> tuple[list[Claim], dict[int, Report], int]:
        """A page of claims, the reports they come from (title, source label) and the total."""
        with self.ws.session() as s:
            claims, total = claim_store.list_claims(
                s, review_status=review_status, offset=offset, limit=limit
            )
            reports = report_store.reports_by_ids(s, {c.report_id for c in claims if c.report_id})
        return claims, reports, total

    def claim(self, claim_id: int) -> tuple[Claim, Report | None] | None:
        with self.ws.session() as s:
            c = claim_store.get_claim(s, claim_id)
            if c is None:
                return None
            return c, report_store.get_report(s, c.report_id, mark_sender=True) if c.report_id else None

    def review_claim(self, claim_id: int, status: str, corrections: dict[str, Any], user: User) -> Claim:
        """The same use case as ``tawthiq claims approve|reject`` (``app.claims``), as this user."""
        from tawthiq.app.claims import review_claim
        from tawthiq.app.roles import Operator

        return review_claim(
            self.ws, claim_id, status, Operator(actor=user.name, role=user.role), corrections=corrections
        )

    # ------------------------------------------------------------ incidents

    def _cached(self, s: Any, key: Any, compute: Any, version: Any = None) -> Any:
        """``compute()`` once per data version (read from ``s`` unless given).

        Correct because the version is read before ``compute()`` reads the data: a value is
        never filed under a version older than the data it was made from, and every write
        (audited, or adding incidents or claims) moves the version, so the next request after
        a write misses and recomputes. Entities are frozen, so sharing them is safe.
        """
        version = browse.data_version(s) if version is None else version
        full = (key, version)
        kept = self._kept(full)
        if kept is not _MISSING:
            return kept
        value = compute()
        self._keep(full, value)
        return value

    def _kept(self, full: Any) -> Any:
        """The value filed under ``(key, version)``, or ``_MISSING``."""
        with self._lock:
            if full in self._cache:
                self._cache.move_to_end(full)
                return self._cache[full]
        return _MISSING

    def _keep(self, full: Any, value: Any) -> None:
        with self._lock:
            self._cache[full] = value
            while len(self._cache) > 512:
                self._cache.popitem(last=False)

    def per_version(self, key: Any, compute: Any) -> Any:
        """``compute()`` (which may call this object's readers) once per data version and ``key``.

        For the web layer's role- and user-independent parts of a page (the incident rows of
        a list): ``key`` must hold everything the value depends on besides the data (filters,
        page, language); never a user, a role or a CSRF token.
        """
        with self.ws.session() as s:
            version = browse.data_version(s)
        # Not inside that session: ``compute`` opens its own, and a request holding two pooled
        # connections at once can exhaust the pool under load (seen: 30 s waits, then errors).
        return self._cached(None, ("page-part", key), compute, version)

    def _incident_index(self, s: Any, version: Any = None) -> IncidentIndex:
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
            total = self._cached(s, ("count", f), lambda: browse.count_incidents(s, f), version)
            return browse.list_incidents(s, f, offset=offset, limit=limit, total=total)
        ids, total = self._incident_index(s, version).page(f, offset, limit)
        found = {i.id: i for i in browse.incidents_by_ids(s, ids, with_claims=True)}
        return [found[i] for i in ids if i in found], total

    def incidents(self, f: IncidentFilter, offset: int, limit: int) -> tuple[list[Incident], int]:
        """One page of the list (newest first) and the total, from the index; cached per data version."""
        with self.ws.session() as s:
            version = browse.data_version(s)
            return self._cached(
                s, ("incidents", f, offset, limit), lambda: self._page(s, version, f, offset, limit), version
            )

    def incidents_uncached(self, f: IncidentFilter, offset: int, limit: int) -> tuple[list[Incident], int]:
        """:meth:`incidents` without its cache, for a caller that keeps what it makes of the page
        per data version itself (the HTML list's rows, ``per_version``): one cache entry, not two."""
        with self.ws.session() as s:
            return self._page(s, browse.data_version(s), f, offset, limit)

    def incident(self, incident_id: int) -> tuple[Incident, list[Claim], dict[int, Report]] | None:
        with self.ws.session() as s:
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

    def _in_view(
        self,
        s: Any,
        bbox: tuple[float, float, float, float],
        f: IncidentFilter,
        limit: int,
        with_claims: bool,
    ) -> list[Incident]:
        if f.place:  # name matching stays in SQL
            leave_loop()
            return browse.incidents_in_bbox(s, bbox, f, limit=limit, with_claims=with_claims)
        ids = self._incident_index(s).query(bbox, f, limit)
        return browse.incidents_by_ids(s, ids, with_claims=with_claims)

    def warm(self) -> None:
        """Build the incident index now (called in a background thread at start-up)."""
        try:
            with self.ws.session() as s:
                self._incident_index(s)
        except Exception:  # warming is only an optimisation: the first map request builds it again
            return

    def map_json(
        self, bbox: tuple[float, float, float, float], f: IncidentFilter, limit: int
    ) -> bytes | None:
        """The workspace map's GeoJSON straight from the index; ``None`` when SQL must answer (place)."""
        if f.place:
            return None
        with self.ws.session() as s:
            index = self._incident_index(s)
        body = index.map_json(bbox, f, limit, max_new=_MAP_NEW_ON_LOOP if on_loop() else None)
        if body is None:
            leave_loop()
        return body

    def incidents_in_bbox(
        self, bbox: tuple[float, float, float, float], f: IncidentFilter, limit: int
    ) -> list[Incident]:
        with self.ws.session() as s:
            return self._in_view(s, bbox, f, limit, with_claims=False)

    def saved_estimates(self, limit: int = 20) -> list[dict[str, Any]]:
        """The newest estimates ``tawthiq estimate`` saved under the workspace, newest first."""
        from tawthiq.app.estimate import saved_estimates

        return saved_estimates(self.ws, limit)

    def timeline(self, f: IncidentFilter) -> dict[tuple[date, str], int]:
        with self.ws.session() as s:
            if not f.place:
                return self._incident_index(s).by_day(f)

            def by_day() -> dict[tuple[date, str], int]:
                leave_loop()
                return browse.count_incidents_by_day(s, f)

            return self._cached(s, ("timeline", f), by_day)

    def incident_places(self, q: str | None, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """The places the workspace's incidents are at, with how many incidents each (most first),
        matching ``q`` (English or Arabic name, or gazetteer id; case-insensitive substring)."""
        with self.ws.session() as s:
            version = browse.data_version(s)
            rows = self._cached(
                s, ("incident-places",), lambda: self._incident_index(s, version).place_counts(), version
            )
        needle = (q or "").strip().casefold()
        found = [
            {
                "place_id": p.get("place_id"),
                "name": p.get("name"),
                "name_ar": p.get("name_ar"),
                "precision": p.get("precision"),
                "lat": p.get("lat"),
                "lon": p.get("lon"),
                "incidents": n,
            }
            for p, n in rows
            if not needle
            or any(needle in str(p.get(k) or "").casefold() for k in ("name", "name_ar", "place_id"))
        ]
        return found[offset : offset + limit], len(found)

    def places(self, q: str | None, offset: int, limit: int):
        with self.ws.session() as s:
            return browse.list_places(s, q, offset=offset, limit=limit)

    # ------------------------------------------------------------ people

    def search_people(self, q: str, limit: int = 50):
        """Ranked person records; the name index is rebuilt when the number of records changes."""
        from ._people import NameIndex

        with self.ws.session() as s:
            count = browse.count_person_records(s)
            if self._people_index is None or self._people_count != count:
                self._people_index = NameIndex(load_records(s))
                self._people_count = count
        return self._people_index.search(q, limit=limit)

    # ------------------------------------------------------------ the public view (tawthiq.policy)

    def _sources(self, s: Any, reports: dict[int, Report]) -> dict[int, Source]:
        info = report_store.source_kinds(s, [r.source_id for r in reports.values() if r.source_id])
        return {
            i: Source(id=i, label=label, kind=kind, origin_group=og) for i, (label, kind, og) in info.items()
        }

    def _public(self, s: Any, incidents: list[Incident], now: datetime) -> list[dict[str, Any]]:
        return [pub for _, pub in self._public_pairs(s, incidents, now) if pub is not None]

    def _public_pairs(
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

    def public_incidents(
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
            return self._public_page(f, offset, limit, now)
        today = datetime.now(UTC)

        def compute() -> tuple[list[dict[str, Any]], int]:
            leave_loop()  # the policy over a page, and on a new version the whole workspace's facts
            return self._public_page(f, offset, limit, today)

        return self.per_version(("public-page", today.date(), f, offset, limit), compute)

    def _public_page(
        self, f: IncidentFilter, offset: int, limit: int, now: datetime
    ) -> tuple[list[dict[str, Any]], int]:
        public = self._public_state(now)[1]

        def matching() -> list[int]:
            leave_loop()
            with self.ws.session() as s:
                if f.place:  # name matching stays in SQL
                    found, _ = browse.list_incidents(s, f, limit=10**9)
                    ids = [i.id for i in found if i.id is not None]  # stored: every one has an id
                else:
                    ids, _ = self._incident_index(s).page(f, 0, 10**12)
            return [i for i in ids if i in public]

        ids = self.per_version(("public-ids", f, now.date()), matching)
        page = ids[offset : offset + limit]
        with self.ws.session() as s:
            found = {i.id: i for i in browse.incidents_by_ids(s, page, with_claims=True)}
            return self._public(s, [found[i] for i in page if i in found], now), len(ids)

    def public_incident(self, incident_id: int, now: datetime | None = None) -> dict[str, Any] | None:
        """One incident's public form, ``None`` when the policy holds it back (or it does not exist).

        Without ``now``: only an incident of the published set (``_public_state``), its form kept
        per data version and day with the public map's, so a repeated page answers on the loop.
        """
        if now is None:
            today = datetime.now(UTC)
            if incident_id not in self._public_state(today)[1]:
                return None
            forms: _PublicForms = self.per_version(("public-forms", today.date()), _PublicForms)
            kept = forms.lookup(incident_id)
            if kept is not _MISSING:
                return kept
            leave_loop()
            found = self._public_incident(incident_id, today)
            forms.put(incident_id, found)
            return found
        return self._public_incident(incident_id, now)

    def _public_incident(self, incident_id: int, now: datetime) -> dict[str, Any] | None:
        with self.ws.session() as s:
            inc = browse.get_incident(s, incident_id)
            if inc is None:
                return None
            found = self._public(s, [inc], now)
            return found[0] if found else None

    def public_withheld(self, now: datetime | None = None) -> dict[str, Any]:
        """What the public view holds back of the workspace's incidents, by rule
        (``tawthiq.policy.withheld_tally``): once per data version and day (the delay moves daily).
        """
        return self._public_state(now or datetime.now(UTC))[0]

    def _public_state(self, now: datetime) -> tuple[dict[str, Any], frozenset[int]]:
        """The withheld tally and the ids of the incidents published (whole or with the toll
        withheld), per data version and day.

        From :func:`tawthiq.store.browse.publication_facts` (two queries, no claim loaded) and
        the policy's one decision (``facts_withheld_reasons``). Before (issue 18), every incident
        and every claim were loaded as entities: the first public request after any change took
        28.9 s at 100,000 incidents.
        """
        with self.ws.session() as s:
            version = browse.data_version(s)
        full = (("public-state", now.date()), version)
        kept = self._kept(full)
        if kept is not _MISSING:
            return kept
        leave_loop()  # a pass over the workspace: never on the event loop
        # Visitors arriving together after a change wait for one pass instead of each making it
        # (20 clients would each spend 1.3 s of CPU at 100,000 incidents).
        with self._public_pass:
            kept = self._kept(full)
            if kept is not _MISSING:
                return kept
            with self.ws.session() as s:
                facts = browse.publication_facts(s)
            published = frozenset(
                f.id
                for f in facts
                if not any(r in WHOLE_RULES for r in facts_withheld_reasons(f, now, self.policy))
            )
            value = facts_withheld_tally(facts, now, self.policy).as_dict(), published
            self._keep(full, value)
            return value

    def public_in_bbox(
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
        published = self._public_state(now)[1]
        west, south, east, north = bbox
        pad_lat = self.policy.front_line.radius_m / 111_320.0
        cos = min(abs(math.cos(math.radians(max(min(v, 89.0), -89.0)))) for v in (south, north))
        pad_lon = pad_lat / max(cos, 1e-3)
        wide = (west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat)
        with self.ws.session() as s:
            if f.place:  # name matching stays in SQL
                ids = [i.id for i in browse.incidents_in_bbox(s, wide, f, limit=10**9) if i.id is not None]
            else:
                ids = self._incident_index(s).query(wide, f, 10**12)
        ids = [i for i in ids if i in published]
        forms: _PublicForms = self.per_version(("public-forms", now.date()), _PublicForms)
        out: list[dict[str, Any]] = []
        for start in range(0, len(ids), 400):  # 400: under the store's bulk-read bound of 500
            chunk = ids[start : start + 400]
            got = {i: forms.lookup(i) for i in chunk}
            missing = [i for i, form in got.items() if form is _MISSING]
            if missing:
                with self.ws.session() as s:
                    incidents = browse.incidents_by_ids(s, missing, with_claims=True)
                    made = dict(self._public_pairs(s, incidents, now))
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

    def public_place(self, place: Any) -> dict[str, Any]:
        return public_place(place, self.policy)
