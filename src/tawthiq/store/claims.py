"""Claims in the database: save a report's machine claims (re-runnable), load them back as entities.

In: a session and :class:`tawthiq.entities.Claim` values. Out: claims with ids, and audit events
``claim.extract`` / ``claim.replace`` in the same transaction. Never: touches a claim a reviewer
decided on (accepted, corrected or rejected): re-extraction replaces only unreviewed machine claims,
and skips a new claim that a reviewed one already covers (same span and event type).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Row, bindparam, delete, func, select
from sqlalchemy.orm import Session

from tawthiq.entities import Claim, Count, PlaceRef, TimeSpan
from tawthiq.store.audit import record_event
from tawthiq.store.tables import ClaimRow

__all__ = [
    "claim_from_row",
    "claims_by_ids",
    "claims_for_report",
    "count_claims",
    "get_claim",
    "list_claims",
    "load_claims",
    "save_claims",
]


def _to_row(report_id: int, c: Claim) -> ClaimRow:
    f, i = c.fatalities, c.injured
    return ClaimRow(
        report_id=report_id,
        span_start=c.span[0],
        span_end=c.span[1],
        quote=c.quote,
        kind=c.kind,
        event_type=c.event_type,
        places=[p.model_dump(mode="json") for p in c.places],
        time_start=c.time.start,
        time_end=c.time.end,
        time_precision=c.time.precision,
        time_basis=c.time_basis,
        fatalities_low=f.low if f else None,
        fatalities_high=f.high if f else None,
        fatalities_qualifier=f.qualifier if f else None,
        injured_low=i.low if i else None,
        injured_high=i.high if i else None,
        injured_qualifier=i.qualifier if i else None,
        victims=list(c.victims),
        perpetrators=list(c.perpetrators),
        attributed_to=c.attributed_to,
        certainty=c.certainty,
        method=c.method,
        confidence=c.confidence,
        review_status="unreviewed",
    )


def _count(low: int | None, high: int | None, qualifier: str | None) -> Count | None:
    if qualifier is None and low is None and high is None:
        return None
    return Count(low=low, high=high, qualifier=qualifier or "exact")


def claim_from_row(r: ClaimRow | Row[Any]) -> Claim:
    """A claims row (ORM object or Core row with the same names) as a :class:`Claim`."""
    return Claim(
        id=r.id,
        report_id=r.report_id,
        kind=r.kind,
        event_type=r.event_type,
        quote=r.quote,
        span=(r.span_start, r.span_end),
        places=tuple(PlaceRef.model_validate(p) for p in (r.places or ()) if isinstance(p, dict)),
        time=TimeSpan(start=r.time_start, end=r.time_end, precision=r.time_precision),
        time_basis=r.time_basis,
        fatalities=_count(r.fatalities_low, r.fatalities_high, r.fatalities_qualifier),
        injured=_count(r.injured_low, r.injured_high, r.injured_qualifier),
        victims=tuple(r.victims or ()),
        perpetrators=tuple(r.perpetrators or ()),
        attributed_to=r.attributed_to,
        certainty=r.certainty,
        method=r.method,
        confidence=r.confidence,
        review_status=r.review_status,
    )


def save_claims(session: Session, report_id: int, claims: Sequence[Claim]) -> list[Claim]:
    """Replace the report's unreviewed machine claims with ``claims``; reviewed claims stay.

    Returns the claims now stored for the report (kept and new), in span order.
    """
    rows = list(session.scalars(select(ClaimRow).where(ClaimRow.report_id == report_id)))
    kept = [r for r in rows if r.review_status != "unreviewed"]
    replaced = [r for r in rows if r.review_status == "unreviewed"]
    if replaced:
        session.execute(delete(ClaimRow).where(ClaimRow.id.in_([r.id for r in replaced])))
    covered = {(r.span_start, r.span_end, r.event_type) for r in kept}
    added = 0
    for c in claims:
        if (c.span[0], c.span[1], c.event_type) in covered:
            continue
        row = _to_row(report_id, c)
        session.add(row)
        session.flush()
        record_event(
            session,
            "claim.extract",
            "claim",
            row.id,
            after=claim_from_row(row),
            detail=f"report {report_id}, method {c.method}",
        )
        added += 1
    if replaced:
        record_event(
            session,
            "claim.replace",
            "report",
            report_id,
            detail=f"{len(replaced)} unreviewed machine claim(s) replaced by {added}",
        )
    session.flush()
    return load_claims(session, report_id=report_id)


def load_claims(
    session: Session, *, report_id: int | None = None, report_ids: Iterable[int] | None = None
) -> list[Claim]:
    """Claims as entities, for one report, several, or all (by report then span)."""
    q = select(ClaimRow).order_by(ClaimRow.report_id, ClaimRow.span_start, ClaimRow.id)
    if report_id is not None:
        q = q.where(ClaimRow.report_id == report_id)
    if report_ids is not None:
        q = q.where(ClaimRow.report_id.in_(list(report_ids)))
    return [claim_from_row(r) for r in session.scalars(q)]


def count_claims(session: Session, report_id: int) -> int:
    return len(list(session.scalars(select(ClaimRow.id).where(ClaimRow.report_id == report_id))))


def claims_for_report(s: Session, report_id: int) -> list[Claim]:
    q = select(ClaimRow).where(ClaimRow.report_id == report_id).order_by(ClaimRow.span_start)
    return [claim_from_row(r) for r in s.scalars(q)]


def get_claim(s: Session, claim_id: int) -> Claim | None:
    row = s.get(ClaimRow, claim_id)
    return claim_from_row(row) if row else None


# Built once: building a select() costs more CPU than SQLite needs to answer the look-up.
_CLAIMS = ClaimRow.__table__
_CLAIMS_BY_IDS = (
    select(_CLAIMS).where(_CLAIMS.c.id.in_(bindparam("ids", expanding=True))).order_by(_CLAIMS.c.id)
)


def claims_by_ids(s: Session, ids: Iterable[int]) -> list[Claim]:
    ids = list(set(ids))
    if not ids:
        return []
    return [claim_from_row(r) for r in s.execute(_CLAIMS_BY_IDS, {"ids": ids})]


def list_claims(
    s: Session, *, review_status: str | None = None, offset: int = 0, limit: int = 50
) -> tuple[list[Claim], int]:
    """A page of claims in id order, with the total for pagination."""
    cond = [ClaimRow.review_status == review_status] if review_status else []
    total = s.scalar(select(func.count()).select_from(ClaimRow).where(*cond)) or 0
    q = select(ClaimRow).where(*cond).order_by(ClaimRow.id).offset(offset).limit(limit)
    return [claim_from_row(r) for r in s.scalars(q)], total
