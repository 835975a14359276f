"""Incidents in the database: load claims for corroboration, save incidents, list, override.

In: a session (``Workspace.session()``) and ``Incident`` entities from ``tawthiq.corroborate``.
Out: ``SourcedClaim``/``Report`` entities to corroborate, ``Incident`` entities with ids,
each member claim with its report reference, and a :class:`RebuildResult`.
Never: grades or clusters anything (that is ``corroborate``'s pure work); never writes
without an audit event; never drops an analyst's override when incidents are rebuilt.

Rebuilding is idempotent: an incident whose members did not change keeps its row, id and
key and gets no audit event; an incident whose members changed keeps the id (and the
override) of the old incident it shares most claims with; old incidents nobody inherits
are deleted (audited, with their override recorded in the event's detail).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tawthiq.entities import (
    Claim,
    Count,
    Fatalities,
    Grade,
    Incident,
    PlaceRef,
    Report,
    ReportRef,
    SourcedClaim,
    TimeSpan,
)
from tawthiq.errors import InputError
from tawthiq.store.audit import record_event
from tawthiq.store.tables import ClaimRow, IncidentClaimRow, IncidentRow, ReportRow, SourceRow

__all__ = [
    "MemberClaim",
    "RebuildResult",
    "get_incident",
    "incident_members",
    "list_incidents",
    "load_sourced_claims",
    "override_incident_grade",
    "rebuild_incidents",
]

GRADES = ("confirmed", "fair", "weak", "contested", "discounted")


@dataclass(frozen=True)
class RebuildResult:
    created: int
    updated: int
    unchanged: int
    deleted: int
    overrides_kept: int

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class MemberClaim:
    """One claim of an incident, its role (supporting, contradicting, tally) and its report."""

    role: str
    claim: Claim
    report: ReportRef


# ---------------------------------------------------------------- claims in


def _count(low: int | None, high: int | None, qualifier: str | None) -> Count | None:
    if low is None and high is None and qualifier is None:
        return None
    return Count(low=low, high=high, qualifier=qualifier or "exact")  # type: ignore[arg-type]


def _claim(row: ClaimRow) -> Claim:
    return Claim(
        id=row.id,
        report_id=row.report_id,
        kind=row.kind,
        event_type=row.event_type,  # type: ignore[arg-type]
        quote=row.quote,
        span=(row.span_start, row.span_end),
        places=tuple(PlaceRef.model_validate(p) for p in row.places or ()),
        time=TimeSpan(start=row.time_start, end=row.time_end, precision=row.time_precision),  # type: ignore[arg-type]
        fatalities=_count(row.fatalities_low, row.fatalities_high, row.fatalities_qualifier),
        injured=_count(row.injured_low, row.injured_high, row.injured_qualifier),
        victims=tuple(row.victims or ()),
        perpetrators=tuple(row.perpetrators or ()),
        attributed_to=row.attributed_to,
        certainty=row.certainty,  # type: ignore[arg-type]
        method=row.method,
        confidence=row.confidence,
        review_status=row.review_status,  # type: ignore[arg-type]
    )


def _ref(rep: ReportRow) -> ReportRef:
    return ReportRef(file=rep.file_name, sha256=rep.sha256, title=rep.title)


def load_sourced_claims(session: Session) -> tuple[list[SourcedClaim], list[Report]]:
    """Every claim of every stored report, with its source's label, kind and origin group,
    and the reports' bodies (for copy detection). Protected fields are never read."""
    rows = session.execute(
        select(ClaimRow, ReportRow, SourceRow)
        .join(ReportRow, ClaimRow.report_id == ReportRow.id)
        .outerjoin(SourceRow, ReportRow.source_id == SourceRow.id)
        .where(ReportRow.status == "stored")
        .order_by(ClaimRow.id)
    ).all()
    claims: list[SourcedClaim] = []
    reports: dict[int, Report] = {}
    for claim_row, rep, src in rows:
        claims.append(
            SourcedClaim(
                claim=_claim(claim_row),
                report=_ref(rep),
                report_id=rep.id,
                published=rep.published_at,
                source_label=src.label if src else None,
                source_kind=(src.kind if src else "other"),  # type: ignore[arg-type]
                origin_group=src.origin_group if src else None,
            )
        )
        if rep.id not in reports:
            reports[rep.id] = Report(
                id=rep.id,
                sha256=rep.sha256,
                file_name=rep.file_name,
                published_at=rep.published_at,
                title=rep.title,
                body=rep.body,
                source_label=src.label if src else None,
                source_id=rep.source_id,
            )
    return claims, list(reports.values())


# ---------------------------------------------------------------- incidents out


def _links(inc: Incident) -> dict[int, str]:
    links = {cid: "tally" for cid in inc.tally_claim_ids}
    links.update({cid: "contradicting" for cid in inc.contradicting_claim_ids})
    links.update({cid: "supporting" for cid in inc.claim_ids})
    return links


def _fill(row: IncidentRow, inc: Incident) -> None:
    row.key = inc.key
    row.event_type = inc.event_type
    row.places = [p.model_dump(mode="json") for p in inc.places]
    row.time_start, row.time_end, row.time_precision = inc.time.start, inc.time.end, inc.time.precision
    f = inc.fatalities
    row.fatalities_best, row.fatalities_low, row.fatalities_high = f.best, f.low, f.high
    row.fatalities_rule = f.rule
    row.grade, row.rationale = inc.grade, inc.rationale
    row.origins, row.outlets = list(inc.origins), list(inc.outlets)


def _snapshot(row: IncidentRow, links: dict[int, str]) -> dict[str, Any]:
    return {
        "key": row.key,
        "event_type": row.event_type,
        "places": row.places,
        "time": [str(row.time_start), str(row.time_end), row.time_precision],
        "fatalities": [row.fatalities_best, row.fatalities_low, row.fatalities_high],
        "grade": row.grade,
        "rationale": row.rationale,
        "origins": row.origins,
        "outlets": row.outlets,
        "links": sorted(links.items()),
        "override": [row.grade_override, row.override_reason],
    }


def rebuild_incidents(session: Session, incidents: Sequence[Incident]) -> RebuildResult:
    """Replace the workspace's incidents by ``incidents``, keeping ids and overrides (see module doc)."""
    old_rows = {r.id: r for r in session.execute(select(IncidentRow)).scalars()}
    old_links: dict[int, dict[int, str]] = defaultdict(dict)
    for link in session.execute(select(IncidentClaimRow)).scalars():
        old_links[link.incident_id][link.claim_id] = link.role
    by_key = {r.key: r.id for r in old_rows.values()}
    matched: dict[int, int] = {}  # new index -> old id
    taken: set[int] = set()
    for n, inc in enumerate(incidents):
        if inc.key in by_key and by_key[inc.key] not in taken:
            matched[n] = by_key[inc.key]
            taken.add(by_key[inc.key])
    # members changed: inherit from the old incident sharing most claims (at least half of its own)
    claim_owner: dict[int, list[int]] = defaultdict(list)
    for oid, links in old_links.items():
        for cid, role in links.items():
            if role != "tally":
                claim_owner[cid].append(oid)
    for n, inc in enumerate(incidents):
        if n in matched:
            continue
        overlap: dict[int, int] = defaultdict(int)
        for cid in (*inc.claim_ids, *inc.contradicting_claim_ids):
            for oid in claim_owner.get(cid, ()):
                if oid not in taken:
                    overlap[oid] += 1
        if overlap:
            oid = max(overlap, key=lambda o: (overlap[o], -o))
            old_size = sum(1 for r in old_links[oid].values() if r != "tally")
            if overlap[oid] * 2 >= old_size:
                matched[n] = oid
                taken.add(oid)
    deleted = 0
    for oid, row in old_rows.items():
        if oid in taken:
            continue
        record_event(
            session,
            "incident.delete",
            "incident",
            oid,
            before=_snapshot(row, old_links[oid]),
            detail=(
                f"override {row.grade_override} dropped with the incident" if row.grade_override else None
            ),
        )
        session.execute(delete(IncidentClaimRow).where(IncidentClaimRow.incident_id == oid))
        session.delete(row)
        deleted += 1
    session.flush()
    # keys move between rows only through a free slot: clear inherited rows' keys first
    for n, oid in matched.items():
        if old_rows[oid].key != incidents[n].key:
            old_rows[oid].key = f"~{oid}"
    session.flush()
    created = updated = unchanged = kept = 0
    for n, inc in enumerate(incidents):
        links = _links(inc)
        if n in matched:
            row = old_rows[matched[n]]
            before = _snapshot(row, old_links[row.id])
            if before["key"].startswith("~"):
                before["key"] = None
            _fill(row, inc)
            after = _snapshot(row, links)
            if row.grade_override:
                kept += 1
            if after == before:
                unchanged += 1
                continue
            updated += 1
            session.execute(delete(IncidentClaimRow).where(IncidentClaimRow.incident_id == row.id))
            session.flush()
            session.add_all(
                IncidentClaimRow(incident_id=row.id, claim_id=c, role=r) for c, r in links.items()
            )
            record_event(session, "incident.update", "incident", row.id, before=before, after=after)
        else:
            row = IncidentRow()
            _fill(row, inc)
            session.add(row)
            session.flush()
            session.add_all(
                IncidentClaimRow(incident_id=row.id, claim_id=c, role=r) for c, r in links.items()
            )
            record_event(session, "incident.create", "incident", row.id, after=_snapshot(row, links))
            created += 1
    session.flush()
    return RebuildResult(created, updated, unchanged, deleted, kept)


# ---------------------------------------------------------------- reading


def _entity(row: IncidentRow, links: dict[int, str], kinds: dict[int, str]) -> Incident:
    sup = tuple(sorted(c for c, r in links.items() if r == "supporting"))
    con = tuple(sorted(c for c, r in links.items() if r == "contradicting"))
    tal = tuple(sorted(c for c, r in links.items() if r == "tally"))
    kind = kinds.get(sup[0] if sup else (con[0] if con else -1), "incident")
    return Incident(
        id=row.id,
        kind=kind,
        key=row.key,
        event_type=row.event_type,  # type: ignore[arg-type]
        places=tuple(PlaceRef.model_validate(p) for p in row.places or ()),
        time=TimeSpan(start=row.time_start, end=row.time_end, precision=row.time_precision),  # type: ignore[arg-type]
        fatalities=Fatalities(
            best=row.fatalities_best,
            low=row.fatalities_low,
            high=row.fatalities_high,
            rule=row.fatalities_rule or "",
            claim_ids=(),
        ),
        grade=row.grade,
        rationale=row.rationale,
        origins=tuple(row.origins or ()),  # type: ignore[arg-type]
        outlets=tuple(row.outlets or ()),
        claim_ids=sup,
        contradicting_claim_ids=con,
        tally_claim_ids=tal,
        grade_override=row.grade_override,
        override_reason=row.override_reason,  # type: ignore[arg-type]
    )


def _load(session: Session, rows: Iterable[IncidentRow]) -> list[Incident]:
    rows = list(rows)
    if not rows:
        return []
    ids = [r.id for r in rows]
    links: dict[int, dict[int, str]] = defaultdict(dict)
    kinds: dict[int, str] = {}
    q = select(
        IncidentClaimRow.incident_id, IncidentClaimRow.claim_id, IncidentClaimRow.role, ClaimRow.kind
    ).join(ClaimRow, ClaimRow.id == IncidentClaimRow.claim_id)
    if len(ids) < 500:
        q = q.where(IncidentClaimRow.incident_id.in_(ids))
    for iid, cid, role, kind in session.execute(q):
        links[iid][cid] = role
        kinds[cid] = kind
    return [_entity(r, links[r.id], kinds) for r in rows]


def list_incidents(
    session: Session,
    *,
    grade: str | None = None,
    event_type: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[Incident]:
    """Incidents in id order, filtered. ``grade`` is the grade shown (an override wins);
    ``event_type`` matches the type or its family ("attack"). Filtering by place name is
    ``corroborate.places_match``'s job (name folding), done by the caller."""
    if grade is not None and grade not in GRADES:
        raise InputError(f"unknown grade {grade!r}; one of {', '.join(GRADES)}", field="grade")
    q = select(IncidentRow).order_by(IncidentRow.id)
    if event_type:
        q = q.where((IncidentRow.event_type == event_type) | IncidentRow.event_type.like(f"{event_type}.%"))
    if since:
        q = q.where(
            (IncidentRow.time_end >= since)
            | (IncidentRow.time_end.is_(None) & (IncidentRow.time_start >= since))
        )
    if until:
        q = q.where(IncidentRow.time_start <= until)
    out = _load(session, session.execute(q).scalars())
    if grade:
        out = [i for i in out if (i.grade_override or i.grade) == grade]
    return out


def get_incident(session: Session, incident_id: int) -> Incident | None:
    row = session.get(IncidentRow, incident_id)
    return _load(session, [row])[0] if row else None


def incident_members(session: Session, incident: Incident) -> list[MemberClaim]:
    """The incident's claims (supporting, then contradicting, then tallies) with their reports."""
    roles = _links(incident)
    if not roles:
        return []
    rows = session.execute(
        select(ClaimRow, ReportRow)
        .join(ReportRow, ClaimRow.report_id == ReportRow.id)
        .where(ClaimRow.id.in_(list(roles)))
    ).all()
    order = {"supporting": 0, "contradicting": 1, "tally": 2}
    out = [MemberClaim(roles[c.id], _claim(c), _ref(r)) for c, r in rows]
    return sorted(out, key=lambda m: (order[m.role], m.claim.id or 0))


def override_incident_grade(session: Session, incident_id: int, grade: Grade | None, reason: str) -> Incident:
    """Set (or with ``grade=None`` clear) an analyst's grade; the reason goes to the audit log."""
    if grade is not None and grade not in GRADES:
        raise InputError(f"unknown grade {grade!r}; one of {', '.join(GRADES)}", field="grade")
    if not reason or not reason.strip():
        raise InputError("an override needs a reason (--reason)", field="reason")
    row = session.get(IncidentRow, incident_id)
    if row is None:
        raise InputError(f"no incident with id {incident_id}", field="id")
    before = {
        "grade": row.grade,
        "grade_override": row.grade_override,
        "override_reason": row.override_reason,
    }
    row.grade_override = grade
    row.override_reason = reason.strip() if grade else None
    after = {"grade": row.grade, "grade_override": row.grade_override, "override_reason": row.override_reason}
    record_event(
        session,
        "incident.override" if grade else "incident.override_clear",
        "incident",
        incident_id,
        before=before,
        after=after,
        detail=f"computed {row.grade} -> {grade or row.grade}: {reason.strip()}",
    )
    session.flush()
    return get_incident(session, incident_id)  # type: ignore[return-value]
