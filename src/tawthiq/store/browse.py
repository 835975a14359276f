"""The incident reader (filtered, paginated, by ids, in a bounding box), places, data versions.

Reports and claims are read by ``store/reports.py`` and ``store/claims.py``; incidents are
written by ``store/incidents.py``; this module is the one row mapper and reader of incidents,
behind the web pages, the API, the CLI and the exports.

In: a SQLAlchemy session and filters (:class:`~tawthiq.entities.IncidentFilter`, the one query
model of incident filters, re-exported here; a bounding box, page offsets).
Out: seam entities from ``entities.py`` (Incident, Place) and totals.
Never: returns an ORM row, decrypts a protected value, or renders anything.

The map asks for a bounding box: coordinates live in the ``places`` JSON column, read with
SQLAlchemy's portable JSON path operators (``json_extract`` on SQLite, ``->>`` on PostgreSQL).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import String, and_, bindparam, cast, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from tawthiq.entities import (
    Fatalities,
    Incident,
    IncidentFilter,
    Place,
    PlaceRef,
    TimeSpan,
)
from tawthiq.store.session import is_row_id
from tawthiq.store.tables import (
    AuditEventRow,
    ClaimRow,
    IncidentClaimRow,
    IncidentRow,
    PersonRecordRow,
    PlaceRow,
)

__all__ = [
    "IncidentColumns",
    "IncidentFilter",
    "IncidentPublicationFacts",
    "count_incidents",
    "count_incidents_by_day",
    "count_person_records",
    "data_version",
    "find_incidents",
    "get_incident",
    "incident_columns",
    "incident_from_row",
    "incidents_by_ids",
    "incidents_in_bbox",
    "incidents_unchanged",
    "list_incidents",
    "list_places",
    "publication_facts",
]

# The grade shown, in SQL: what ``Incident.effective_grade`` is in Python (the analyst's override,
# else the computed grade). ``_conditions`` spells it out instead, so the grade indexes are used.
_SHOWN_GRADE = func.coalesce(IncidentRow.grade_override, IncidentRow.grade)

# ---------------------------------------------------------------- rows -> entities


def _places(data: Sequence[Any] | None) -> tuple[PlaceRef, ...]:
    return tuple(PlaceRef.model_validate(p) for p in (data or ()) if isinstance(p, dict))


# Core rows (same attribute names as the ORM class) for list reads: no identity map, no
# change tracking; about half the cost per row of loading ORM objects that are never changed.
_INCIDENTS = IncidentRow.__table__


def incident_from_row(
    row: Any, links: Iterable[tuple[int, str]] = (), kinds: Mapping[int, str] | None = None
) -> Incident:
    """An incidents row (ORM object or Core row with the same names) as an :class:`Incident`.

    ``links`` are its ``(claim id, role)`` pairs; with ``kinds`` (claim id -> claim kind) the
    incident's kind is that of its first supporting claim (else first contradicting one).
    """
    roles: dict[str, list[int]] = defaultdict(list)
    for claim_id, role in links:
        roles[role].append(claim_id)
    sup, con = sorted(roles["supporting"]), sorted(roles["contradicting"])
    kind = "incident"
    if kinds is not None:
        kind = kinds.get(sup[0] if sup else (con[0] if con else -1), "incident")
    return Incident(
        id=row.id,
        kind=kind,
        key=row.key,
        event_type=row.event_type,
        places=_places(row.places),
        time=TimeSpan(start=row.time_start, end=row.time_end, precision=row.time_precision),
        fatalities=Fatalities(
            best=row.fatalities_best,
            low=row.fatalities_low,
            high=row.fatalities_high,
            rule=row.fatalities_rule or "",
        ),
        grade=row.grade,
        rationale=row.rationale or "",
        rationale_phrases=row.rationale_phrases,
        origins=tuple(row.origins or ()),
        outlets=tuple(row.outlets or ()),
        claim_ids=tuple(sup),
        contradicting_claim_ids=tuple(con),
        tally_claim_ids=tuple(sorted(roles["tally"])),
        grade_override=row.grade_override,
        override_reason=row.override_reason,
    )


# Statements of the per-request readers, built once: building a select() costs more CPU than
# SQLite needs to answer these primary-key look-ups (the compiled SQL is cached either way).
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_ALL_LINKS = select(
    IncidentClaimRow.incident_id, IncidentClaimRow.claim_id, IncidentClaimRow.role, ClaimRow.kind
).join(ClaimRow, ClaimRow.id == IncidentClaimRow.claim_id)
_LINKS = _ALL_LINKS.where(IncidentClaimRow.incident_id.in_(_IDS))
_INCIDENT = select(_INCIDENTS).where(IncidentRow.id == bindparam("id"))
_INCIDENTS_BY_IDS = select(_INCIDENTS).where(IncidentRow.id.in_(_IDS)).order_by(IncidentRow.id)
_DATA_VERSION = select(
    select(func.max(AuditEventRow.id)).scalar_subquery(),
    select(func.max(IncidentRow.id)).scalar_subquery(),
    select(func.max(ClaimRow.id)).scalar_subquery(),
)


# ---------------------------------------------------------------- incidents


def _conditions(f: IncidentFilter) -> list[Any]:
    """The SQL executor of the query model (``IncidentFilter``'s docstring gives each field's meaning)."""
    cond: list[Any] = []
    if f.grade:
        # Spelled out (not COALESCE) so SQLite and PostgreSQL use the grade indexes.
        cond.append(
            or_(
                and_(IncidentRow.grade_override.is_(None), IncidentRow.grade == f.grade),
                IncidentRow.grade_override == f.grade,
            )
        )
    if family := f.family:  # a range ("attack." <= type < "attack/"), so the type index is used
        cond.append(
            or_(
                IncidentRow.event_type == family,  # a type without a family ("evacuation", "other")
                and_(IncidentRow.event_type >= family + ".", IncidentRow.event_type < family + "/"),
            )
        )
    elif f.exact_type:
        cond.append(IncidentRow.event_type == f.exact_type)
    if f.place:
        # Names, Arabic names and gazetteer ids all live in the places JSON text.
        # The JSON text may hold Arabic as \\u escapes (json.dumps' default), so match both spellings.
        text = func.lower(IncidentRow.places.cast(String))
        escaped = json.dumps(f.place, ensure_ascii=True)[1:-1].lower()
        cond.append(
            or_(text.contains(f.place.lower(), autoescape=True), text.contains(escaped, autoescape=True))
        )
    if f.date_from:
        cond.append(func.coalesce(IncidentRow.time_end, IncidentRow.time_start) >= f.date_from)
    if f.date_to:
        # On time_start itself (not a COALESCE) so the (time_start, id) index bounds the scan;
        # an incident with no start date never matches a date filter.
        cond.append(IncidentRow.time_start <= f.date_to)
    return cond


def _links(
    s: Session, incident_ids: Sequence[int], kinds: dict[int, str] | None = None
) -> dict[int, list[tuple[int, str]]]:
    """Each incident's ``(claim id, role)`` pairs; fills ``kinds`` (claim id -> kind) when given.

    From 500 incidents on, every link is read and the unasked ones dropped: one scan instead of
    an IN list past the database's bound-parameter limit.
    """
    out: dict[int, list[tuple[int, str]]] = defaultdict(list)
    if not incident_ids:
        return out
    rows: Iterable[Any]  # the asked links, or every link filtered
    if len(incident_ids) < 500:
        rows = s.execute(_LINKS, {"ids": list(incident_ids)})
    else:
        wanted = set(incident_ids)
        rows = (r for r in s.execute(_ALL_LINKS) if r[0] in wanted)
    for iid, cid, role, kind in rows:
        out[iid].append((cid, role))
        if kinds is not None:
            kinds[cid] = kind
    return out


def count_incidents(s: Session, f: IncidentFilter = IncidentFilter()) -> int:
    return s.scalar(select(func.count()).select_from(IncidentRow).where(*_conditions(f))) or 0


def find_incidents(
    s: Session,
    f: IncidentFilter = IncidentFilter(),
    *,
    order: Literal["newest", "id"] = "newest",
    offset: int = 0,
    limit: int | None = None,
    with_kind: bool = False,
) -> list[Incident]:
    """Incidents matching ``f`` with their claims, newest first (or in id order); the one reader
    behind the web's lists, the CLI, exports and the corroborate stage's rebuild.

    ``with_kind`` also reads the claims' kinds to tell each incident's kind (``status`` …).
    """
    by = (
        (IncidentRow.time_start.desc().nulls_last(), IncidentRow.id.desc())
        if order == "newest"
        else (IncidentRow.id,)
    )
    q = select(_INCIDENTS).where(*_conditions(f)).order_by(*by).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    rows = list(s.execute(q))
    kinds: dict[int, str] | None = {} if with_kind else None
    links = _links(s, [r.id for r in rows], kinds)
    return [incident_from_row(r, links.get(r.id, ()), kinds) for r in rows]


def list_incidents(
    s: Session,
    f: IncidentFilter = IncidentFilter(),
    *,
    offset: int = 0,
    limit: int = 50,
    total: int | None = None,
) -> tuple[list[Incident], int]:
    """A page of incidents newest first, filtered; with the total for pagination (counted unless given)."""
    if total is None:
        total = count_incidents(s, f)
    return find_incidents(s, f, offset=offset, limit=limit), total


def get_incident(s: Session, incident_id: int, *, with_kind: bool = False) -> Incident | None:
    if not is_row_id(incident_id):
        return None
    row = s.execute(_INCIDENT, {"id": incident_id}).first()
    if row is None:
        return None
    kinds: dict[int, str] | None = {} if with_kind else None
    return incident_from_row(row, _links(s, [row.id], kinds).get(row.id, ()), kinds)


def incidents_in_bbox(
    s: Session,
    bbox: tuple[float, float, float, float],
    f: IncidentFilter = IncidentFilter(),
    *,
    limit: int = 5000,
    with_claims: bool = False,
) -> list[Incident]:
    """Incidents whose first place lies in (west, south, east, north); at most ``limit``.

    ``with_claims`` also fills each incident's claim ids (the public map needs them).
    """
    west, south, east, north = bbox
    lat = IncidentRow.places[0]["lat"].as_float()
    lon = IncidentRow.places[0]["lon"].as_float()
    cond = [*_conditions(f), lat.between(south, north), lon.between(west, east)]
    q = select(_INCIDENTS).where(and_(*cond)).order_by(IncidentRow.id).limit(limit)
    rows = list(s.execute(q))
    links = _links(s, [r.id for r in rows]) if with_claims else {}
    return [incident_from_row(r, links.get(r.id, ())) for r in rows]


def incidents_by_ids(s: Session, ids: Sequence[int], *, with_claims: bool = False) -> list[Incident]:
    """Incidents with these ids, in id order."""
    if not ids:
        return []
    rows = list(s.execute(_INCIDENTS_BY_IDS, {"ids": list(ids)}))
    links = _links(s, [r.id for r in rows]) if with_claims else {}
    return [incident_from_row(r, links.get(r.id, ())) for r in rows]


def data_version(s: Session) -> tuple[int, int, int]:
    """Changes whenever incidents or claims may have: (last audit event, last incident, last claim).

    Every store write is audited, so the last audit event id moves on each change; the last ids
    cover rows inserted in bulk. One statement of three index look-ups, no scan: the web asks
    for it on every list, incident and map request.
    """
    row = s.execute(_DATA_VERSION).one()
    return row[0] or 0, row[1] or 0, row[2] or 0


# Audit actions that never come with a change to an incidents row (every change to one is
# audited as incident.*, or adds a row with a higher id, or is a dump import).
_LEAVES_INCIDENTS = ("user.", "token.", "claim.", "people.", "missing.", "inquiry.", "source.", "evidence.")


def incidents_unchanged(s: Session, old: tuple[int, int, int], new: tuple[int, int, int]) -> bool:
    """True when no incidents row can have changed from data version ``old`` to ``new``.

    So the web keeps its incident index over logins, claim reviews and the like, and rebuilds
    it only after incident writes (or an audit action it does not know).
    """
    if new[1] != old[1] or new[0] < old[0]:
        return False
    actions = s.scalars(
        select(AuditEventRow.action).where(AuditEventRow.id > old[0], AuditEventRow.id <= new[0]).distinct()
    )
    return all(a.startswith(_LEAVES_INCIDENTS) for a in actions)


@dataclass(frozen=True)
class IncidentColumns:
    """The columns of every incident that the web's in-memory index filters, sorts and maps on.

    Parallel sequences, one entry per incident, as the database's text: ``grade`` is the shown
    grade (the override when there is one); ``start`` and ``lower`` (the end day, or the start
    when there is no end: what a ``from`` filter compares) are ISO days or ``None``; ``places``
    is the places JSON text.
    """

    ids: Sequence[int]
    event_types: Sequence[str]
    grades: Sequence[str]
    start: Sequence[str | None]
    lower: Sequence[str | None]
    fatalities_best: Sequence[int | None]
    places: Sequence[str | None]


def incident_columns(s: Session) -> IncidentColumns:
    """One pass over the incidents for the web's in-memory index (lists, counts and the map).

    Days and places are cast to text in SQL, so neither SQLAlchemy nor the driver decodes a
    date or a JSON document per row (the index decodes each distinct value once), and the rows
    are fetched at once and turned into columns by ``zip``: ~0.4 s for 100,000 incidents on
    SQLite (2.6 s before, through entities).
    """
    q = select(
        IncidentRow.id,
        IncidentRow.event_type,
        _SHOWN_GRADE,
        cast(IncidentRow.time_start, String),
        cast(func.coalesce(IncidentRow.time_end, IncidentRow.time_start), String),
        IncidentRow.fatalities_best,
        cast(IncidentRow.places, String),
    )
    rows = _raw_rows(s, q)
    if not rows:
        return IncidentColumns((), (), (), (), (), (), ())
    return IncidentColumns(*zip(*rows, strict=True))


@dataclass(frozen=True, slots=True)
class IncidentPublicationFacts:
    """What the redaction policy reads of one incident to decide whether it is published
    (``tawthiq.policy.PublicationFacts``): the shown grade, its days, its toll, and of its own
    claims (supporting and contradicting) only their review statuses and latest day."""

    id: int
    grade: str
    time_start: date | None
    time_end: date | None
    fatalities_best: int | None
    fatalities_low: int | None
    fatalities_high: int | None
    review_statuses: frozenset[str]
    last_claim_day: date | None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def publication_facts(s: Session) -> list[IncidentPublicationFacts]:
    """:class:`IncidentPublicationFacts` of every incident, in id order, from two queries.

    No claim is loaded: the claims are grouped in SQL by incident and review status (their
    latest day each). Days are read as text and parsed once per distinct value. Replaces
    loading every incident and claim as entities for the public view's filter (issue 18: 28.9 s
    at 100,000 incidents).
    """
    claim_day = func.max(cast(func.coalesce(ClaimRow.time_end, ClaimRow.time_start), String))
    grouped = (
        select(IncidentClaimRow.incident_id, ClaimRow.review_status, claim_day)
        .join(ClaimRow, ClaimRow.id == IncidentClaimRow.claim_id)
        .where(IncidentClaimRow.role.in_(("supporting", "contradicting")))
        .group_by(IncidentClaimRow.incident_id, ClaimRow.review_status)
    )
    days: dict[str | None, date | None] = {None: None}

    def day(text: str | None) -> date | None:
        if text not in days:
            days[text] = _day(text)
        return days[text]

    statuses: dict[int, frozenset[str]] = {}
    last: dict[int, date] = {}
    sets: dict[frozenset[str], frozenset[str]] = {}  # one frozenset per combination of statuses
    for iid, status, text in _raw_rows(s, grouped):
        both = statuses.get(iid, frozenset()) | {status}
        statuses[iid] = sets.setdefault(both, both)
        d = day(text)
        if d is not None and (iid not in last or d > last[iid]):
            last[iid] = d
    q = select(
        IncidentRow.id,
        _SHOWN_GRADE,
        cast(IncidentRow.time_start, String),
        cast(IncidentRow.time_end, String),
        IncidentRow.fatalities_best,
        IncidentRow.fatalities_low,
        IncidentRow.fatalities_high,
    ).order_by(IncidentRow.id)
    none: frozenset[str] = frozenset()
    return [
        IncidentPublicationFacts(
            iid, grade, day(start), day(end), best, low, high, statuses.get(iid, none), last.get(iid)
        )
        for iid, grade, start, end, best, low, high in _raw_rows(s, q)
    ]


def _raw_rows(s: Session, q: Any) -> Sequence[Any]:
    """The DB-API rows of ``q`` as they are (text, integers): no SQLAlchemy result processing,
    which costs as much again as the query on a pass over every incident."""
    result = s.connection().execute(q)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def count_incidents_by_day(s: Session, f: IncidentFilter = IncidentFilter()) -> dict[tuple[date, str], int]:
    """{(first day, event type): number of incidents}; undated incidents are left out."""
    day = IncidentRow.time_start
    q = (
        select(day, IncidentRow.event_type, func.count())
        .where(day.is_not(None), *_conditions(f))
        .group_by(day, IncidentRow.event_type)
    )
    return {(d, t): n for d, t, n in s.execute(q) if d is not None}  # none is: the WHERE


# ---------------------------------------------------------------- places and people


def list_places(
    s: Session, q: str | None = None, *, offset: int = 0, limit: int = 50
) -> tuple[list[Place], int]:
    cond = []
    if q:
        like = f"%{q.lower()}%"
        cond.append(
            or_(
                func.lower(PlaceRow.name_en).like(like),
                PlaceRow.name_ar.like(f"%{q}%"),
                func.lower(PlaceRow.id).like(like),
            )
        )
    total = s.scalar(select(func.count()).select_from(PlaceRow).where(*cond)) or 0
    rows = s.scalars(select(PlaceRow).where(*cond).order_by(PlaceRow.id).offset(offset).limit(limit))
    return [
        Place(
            id=r.id,
            name_en=r.name_en,
            name_ar=r.name_ar,
            variants=tuple(r.variants or ()),
            kind=r.kind,
            parent_id=r.parent_id,
            lat=r.lat,
            lon=r.lon,
            source=r.source,
            licence=r.licence,
        )
        for r in rows
    ], total


def count_person_records(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(PersonRecordRow)) or 0
