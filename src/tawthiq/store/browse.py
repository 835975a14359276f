"""Filtered, paginated reads behind the web pages and the API (the review write is ``store/review.py``).

In: a SQLAlchemy session and filters (:class:`IncidentFilter`, a bounding box, page offsets).
Out: seam entities from ``entities.py`` (Report, Claim, Incident, Place, PersonRecord) and totals.
Never: returns an ORM row, decrypts a protected value (a report with a sender gets a masked
placeholder, enough for the policy to know the report is private), or renders anything.

The map asks for a bounding box: coordinates live in the ``places`` JSON column, read with
SQLAlchemy's portable JSON path operators (``json_extract`` on SQLite, ``->>`` on PostgreSQL).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import String, and_, bindparam, cast, func, or_, select
from sqlalchemy.orm import Session

from tawthiq.entities import (
    Claim,
    Fatalities,
    Incident,
    Place,
    PlaceRef,
    Report,
    TimeSpan,
)
from tawthiq.store.claims import claim_from_row
from tawthiq.store.reports import report_from_row
from tawthiq.store.tables import (
    AuditEventRow,
    ClaimRow,
    IncidentClaimRow,
    IncidentRow,
    PersonRecordRow,
    PlaceRow,
    ReportRow,
    SourceRow,
)

__all__ = [
    "IncidentColumns",
    "IncidentFilter",
    "claims_by_ids",
    "claims_for_report",
    "count_incidents",
    "count_incidents_by_day",
    "count_person_records",
    "data_version",
    "get_claim",
    "get_incident",
    "get_report",
    "incident_columns",
    "incidents_by_ids",
    "incidents_in_bbox",
    "incidents_unchanged",
    "list_claims",
    "list_incidents",
    "list_places",
    "list_reports",
    "reports_by_ids",
    "source_kinds",
]


@dataclass(frozen=True)
class IncidentFilter:
    """What the incidents list, the map and the timeline filter on (all optional)."""

    grade: str | None = None
    event_type: str | None = None
    place: str | None = None
    date_from: date | None = None
    date_to: date | None = None


# ---------------------------------------------------------------- rows -> entities


def _report(row: ReportRow, source_label: str | None = None) -> Report:
    return report_from_row(row, source_label, mark_sender=True)


def _places(data: Sequence[Any] | None) -> tuple[PlaceRef, ...]:
    return tuple(PlaceRef.model_validate(p) for p in (data or ()) if isinstance(p, dict))


# Core rows (same attribute names as the ORM class) for list reads: no identity map, no
# change tracking; about half the cost per row of loading ORM objects that are never changed.
_INCIDENTS = IncidentRow.__table__


def _incident(row: Any, links: Iterable[tuple[int, str]] = ()) -> Incident:
    roles: dict[str, list[int]] = defaultdict(list)
    for claim_id, role in links:
        roles[role].append(claim_id)
    return Incident(
        id=row.id,
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
        origins=tuple(row.origins or ()),
        outlets=tuple(row.outlets or ()),
        claim_ids=tuple(sorted(roles["supporting"])),
        contradicting_claim_ids=tuple(sorted(roles["contradicting"])),
        tally_claim_ids=tuple(sorted(roles["tally"])),
        grade_override=row.grade_override,
        override_reason=row.override_reason,
    )


# Statements of the per-request readers, built once: building a select() costs more CPU than
# SQLite needs to answer these primary-key look-ups (the compiled SQL is cached either way).
_IDS = bindparam("ids", expanding=True)
_REPORTS, _SOURCES, _CLAIMS = ReportRow.__table__, SourceRow.__table__, ClaimRow.__table__
_REPORTS_BY_IDS = (
    select(_REPORTS, _SOURCES.c.label)
    .outerjoin(_SOURCES, _SOURCES.c.id == _REPORTS.c.source_id)
    .where(_REPORTS.c.id.in_(_IDS))
)
_CLAIMS_BY_IDS = select(_CLAIMS).where(_CLAIMS.c.id.in_(_IDS)).order_by(_CLAIMS.c.id)
_LINKS = select(IncidentClaimRow.incident_id, IncidentClaimRow.claim_id, IncidentClaimRow.role).where(
    IncidentClaimRow.incident_id.in_(_IDS)
)
_INCIDENT = select(_INCIDENTS).where(IncidentRow.id == bindparam("id"))
_INCIDENTS_BY_IDS = select(_INCIDENTS).where(IncidentRow.id.in_(_IDS)).order_by(IncidentRow.id)
_DATA_VERSION = select(
    select(func.max(AuditEventRow.id)).scalar_subquery(),
    select(func.max(IncidentRow.id)).scalar_subquery(),
    select(func.max(ClaimRow.id)).scalar_subquery(),
)


# ---------------------------------------------------------------- reports and claims


def list_reports(
    s: Session, *, status: str | None = None, offset: int = 0, limit: int = 50
) -> tuple[list[Report], int]:
    """Reports newest first (failed intakes included unless ``status`` says otherwise)."""
    cond = [ReportRow.status == status] if status else []
    total = s.scalar(select(func.count()).select_from(ReportRow).where(*cond)) or 0
    q = (
        select(ReportRow, SourceRow.label)
        .outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
        .where(*cond)
        .order_by(ReportRow.received_at.desc(), ReportRow.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return [_report(r, label) for r, label in s.execute(q)], total


def get_report(s: Session, report_id: int) -> Report | None:
    row = s.execute(
        select(ReportRow, SourceRow.label)
        .outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
        .where(ReportRow.id == report_id)
    ).first()
    return _report(row[0], row[1]) if row else None


def reports_by_ids(s: Session, ids: Iterable[int]) -> dict[int, Report]:
    ids = list(set(ids))
    if not ids:
        return {}
    return {r.id: _report(r, r.label) for r in s.execute(_REPORTS_BY_IDS, {"ids": ids})}


def source_kinds(s: Session, ids: Iterable[int]) -> dict[int, tuple[str, str, str | None]]:
    """(label, kind, origin_group) of sources by id: never their protected identity."""
    ids = list(set(ids))
    if not ids:
        return {}
    q = select(SourceRow.id, SourceRow.label, SourceRow.kind, SourceRow.origin_group).where(
        SourceRow.id.in_(ids)
    )
    return {i: (label, kind, og) for i, label, kind, og in s.execute(q)}


def claims_for_report(s: Session, report_id: int) -> list[Claim]:
    q = select(ClaimRow).where(ClaimRow.report_id == report_id).order_by(ClaimRow.span_start)
    return [claim_from_row(r) for r in s.scalars(q)]


def get_claim(s: Session, claim_id: int) -> Claim | None:
    row = s.get(ClaimRow, claim_id)
    return claim_from_row(row) if row else None


def claims_by_ids(s: Session, ids: Iterable[int]) -> list[Claim]:
    ids = list(set(ids))
    if not ids:
        return []
    return [claim_from_row(r) for r in s.execute(_CLAIMS_BY_IDS, {"ids": ids})]


def list_claims(
    s: Session, *, review_status: str | None = None, offset: int = 0, limit: int = 50
) -> tuple[list[Claim], int]:
    cond = [ClaimRow.review_status == review_status] if review_status else []
    total = s.scalar(select(func.count()).select_from(ClaimRow).where(*cond)) or 0
    q = select(ClaimRow).where(*cond).order_by(ClaimRow.id).offset(offset).limit(limit)
    return [claim_from_row(r) for r in s.scalars(q)], total


# ---------------------------------------------------------------- incidents


def _conditions(f: IncidentFilter) -> list[Any]:
    cond: list[Any] = []
    if f.grade:
        # Spelled out (not COALESCE) so SQLite and PostgreSQL use the grade indexes.
        cond.append(
            or_(
                and_(IncidentRow.grade_override.is_(None), IncidentRow.grade == f.grade),
                IncidentRow.grade_override == f.grade,
            )
        )
    if f.event_type:
        if "." not in f.event_type:  # a family ("attack"): a range, so the type index is used
            family = f.event_type.rstrip(".")
            cond.append(
                or_(
                    IncidentRow.event_type == family,  # a type without a family ("evacuation", "other")
                    and_(IncidentRow.event_type >= family + ".", IncidentRow.event_type < family + "/"),
                )
            )
        else:
            cond.append(IncidentRow.event_type == f.event_type)
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


def _links(s: Session, incident_ids: Sequence[int]) -> dict[int, list[tuple[int, str]]]:
    out: dict[int, list[tuple[int, str]]] = defaultdict(list)
    if not incident_ids:
        return out
    for iid, cid, role in s.execute(_LINKS, {"ids": list(incident_ids)}):
        out[iid].append((cid, role))
    return out


def count_incidents(s: Session, f: IncidentFilter = IncidentFilter()) -> int:
    return s.scalar(select(func.count()).select_from(IncidentRow).where(*_conditions(f))) or 0


def list_incidents(
    s: Session,
    f: IncidentFilter = IncidentFilter(),
    *,
    offset: int = 0,
    limit: int = 50,
    total: int | None = None,
) -> tuple[list[Incident], int]:
    """Incidents newest first, filtered; with the total for pagination (counted unless given)."""
    cond = _conditions(f)
    if total is None:
        total = count_incidents(s, f)
    q = (
        select(_INCIDENTS)
        .where(*cond)
        .order_by(IncidentRow.time_start.desc().nulls_last(), IncidentRow.id.desc())
        .offset(offset)
        .limit(limit)
    )
    rows = list(s.execute(q))
    links = _links(s, [r.id for r in rows])
    return [_incident(r, links.get(r.id, ())) for r in rows], total


def get_incident(s: Session, incident_id: int) -> Incident | None:
    row = s.execute(_INCIDENT, {"id": incident_id}).first()
    if row is None:
        return None
    return _incident(row, _links(s, [row.id]).get(row.id, ()))


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
    return [_incident(r, links.get(r.id, ())) for r in rows]


def incidents_by_ids(s: Session, ids: Sequence[int], *, with_claims: bool = False) -> list[Incident]:
    """Incidents with these ids, in id order."""
    if not ids:
        return []
    rows = list(s.execute(_INCIDENTS_BY_IDS, {"ids": list(ids)}))
    links = _links(s, [r.id for r in rows]) if with_claims else {}
    return [_incident(r, links.get(r.id, ())) for r in rows]


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
        func.coalesce(IncidentRow.grade_override, IncidentRow.grade),
        cast(IncidentRow.time_start, String),
        cast(func.coalesce(IncidentRow.time_end, IncidentRow.time_start), String),
        IncidentRow.fatalities_best,
        cast(IncidentRow.places, String),
    )
    # The DB-API rows as they are: these column types need no SQLAlchemy result processing,
    # which would cost as much again as the query at 100,000 rows.
    result = s.connection().execute(q)
    try:
        rows = result.cursor.fetchall()
    finally:
        result.close()
    if not rows:
        return IncidentColumns((), (), (), (), (), (), ())
    return IncidentColumns(*zip(*rows, strict=True))


def count_incidents_by_day(s: Session, f: IncidentFilter = IncidentFilter()) -> dict[tuple[date, str], int]:
    """{(first day, event type): number of incidents}; undated incidents are left out."""
    day = IncidentRow.time_start
    q = (
        select(day, IncidentRow.event_type, func.count())
        .where(day.is_not(None), *_conditions(f))
        .group_by(day, IncidentRow.event_type)
    )
    return {(d, t): n for d, t, n in s.execute(q)}


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
