"""Incidents in the database: load claims for corroboration, save incidents, override a grade.

In: a session (``Workspace.session()``), ``Incident`` entities from ``tawthiq.corroborate`` and
which stored incident each continues (``corroborate.inherit_incident_ids``).
Out: ``SourcedClaim``/``Report`` entities to corroborate, the stored incidents' memberships,
each member claim with its report reference, and a :class:`RebuildResult`. Reading incidents
is ``store/browse.py``'s (one reader, one row mapper).
Never: grades, clusters or decides which old incident a new one continues (that is
``corroborate``'s pure work); never writes without an audit event; never drops an analyst's
override when incidents are rebuilt.

Saving is idempotent: an incident whose members did not change keeps its row, id and key and
gets no audit event; an incident that continues a stored one keeps its id (and override);
stored incidents nobody continues are deleted (audited, with their override recorded in the
event's detail).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tawthiq.entities import (
    CLAIM_ROLES,
    GRADES,
    Claim,
    Incident,
    Report,
    ReportRef,
    SourcedClaim,
)
from tawthiq.errors import InputError
from tawthiq.store.audit import record_event
from tawthiq.store.browse import get_incident
from tawthiq.store.claims import claim_from_row
from tawthiq.store.reports import report_from_row
from tawthiq.store.tables import ClaimRow, IncidentClaimRow, IncidentRow, ReportRow, SourceRow

__all__ = [
    "MemberClaim",
    "RebuildResult",
    "incident_members",
    "incident_memberships",
    "load_sourced_claims",
    "override_incident_grade",
    "save_incidents",
]


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


def _ref(rep: ReportRow) -> ReportRef:
    return ReportRef(file=rep.file_name, sha256=rep.sha256, title=rep.title, url=rep.url)


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
                claim=claim_from_row(claim_row),
                report=_ref(rep),
                report_id=rep.id,
                published=rep.published_at,
                source_label=src.label if src else None,
                source_kind=(src.kind if src else "other"),
                origin_group=src.origin_group if src else None,
            )
        )
        if rep.id not in reports:
            reports[rep.id] = report_from_row(rep, src.label if src else None)  # sender never read
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
    # the same words as data: no audit snapshot of their own (the text above is in it), so a
    # rebuild that fills the phrases of a row stored before 0004 leaves it "unchanged"
    row.rationale_phrases = (
        None if inc.rationale_phrases is None else [p.model_dump(mode="json") for p in inc.rationale_phrases]
    )
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


def incident_memberships(session: Session) -> tuple[dict[int, str], dict[int, dict[int, str]]]:
    """The stored incidents as ``({id: key}, {id: {claim id: role}})``, for the corroborate
    stage to tell which of them each rebuilt incident continues."""
    keys = dict(session.execute(select(IncidentRow.id, IncidentRow.key)).all())
    links: dict[int, dict[int, str]] = defaultdict(dict)
    for iid, cid, role in session.execute(
        select(IncidentClaimRow.incident_id, IncidentClaimRow.claim_id, IncidentClaimRow.role)
    ):
        links[iid][cid] = role
    return keys, dict(links)


def save_incidents(
    session: Session, incidents: Sequence[Incident], matched: Mapping[int, int]
) -> RebuildResult:
    """Replace the workspace's incidents by ``incidents``; ``matched`` maps the index of each new
    incident that continues a stored one to that one's id (it keeps the id and the override)."""
    old_rows = {r.id: r for r in session.execute(select(IncidentRow)).scalars()}
    old_links: dict[int, dict[int, str]] = defaultdict(dict)
    for link in session.execute(select(IncidentClaimRow)).scalars():
        old_links[link.incident_id][link.claim_id] = link.role
    taken = set(matched.values())
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
    order: dict[str, int] = {r: n for n, r in enumerate(CLAIM_ROLES)}  # supporting, contradicting, tally
    out = [MemberClaim(roles[c.id], claim_from_row(c), _ref(r)) for c, r in rows]
    return sorted(out, key=lambda m: (order[m.role], m.claim.id or 0))


def override_incident_grade(session: Session, incident_id: int, grade: str | None, reason: str) -> Incident:
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
    changed = get_incident(session, incident_id, with_kind=True)
    assert changed is not None  # the row was read above, in this transaction
    return changed
