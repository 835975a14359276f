"""Claim review: accept, correct or reject one claim, audit-logged with the reviewer.

In: a session, a claim id, the decision and the corrected fields. Out: the claim as a seam entity.
Never: changes a field a reviewer may not correct (the quote and span are evidence), or writes
without an audit event in the same transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from tawthiq.entities import REVIEW_STATUSES, Claim
from tawthiq.errors import InputError
from tawthiq.store.audit import record_event
from tawthiq.store.claims import claim_from_row
from tawthiq.store.session import is_row_id
from tawthiq.store.tables import ClaimRow

__all__ = ["CORRECTABLE", "review_claim"]

# What a review may set: every review status but the one a claim starts with.
_DECIDED = tuple(status for status in REVIEW_STATUSES if status != "unreviewed")

CORRECTABLE = {
    "event_type",
    "certainty",
    "attributed_to",
    "fatalities_low",
    "fatalities_high",
    "fatalities_qualifier",
    "time_start",
    "time_end",
}


def _audit(
    s: Session,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    before: dict[str, Any],
    after: dict[str, Any],
    detail: str | None = None,
    reason: str | None = None,
) -> None:
    record_event(
        s,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=before,
        after=after,
        detail=detail,
        reason=reason,
    )


def review_claim(
    s: Session,
    claim_id: int,
    status: str,
    *,
    actor: str,
    corrections: dict[str, Any] | None = None,
    reason: str | None = None,
) -> Claim:
    """Accept, correct or reject a claim; a correction sets the given fields. Audit-logged
    (``claim.accepted`` / ``claim.corrected`` / ``claim.rejected``, with ``reason`` when given).

    ``status`` is accepted, corrected or rejected; ``corrections`` only names fields a reviewer
    may change (event type, certainty, attribution, fatalities, dates); anything else is an
    InputError naming the field.
    """
    if status not in _DECIDED:
        raise InputError(f"{status!r} is not a review decision", field="status")
    row = s.get(ClaimRow, claim_id) if is_row_id(claim_id) else None
    if row is None:
        raise InputError(f"no claim {claim_id}", field="claim_id")
    corrections = {k: v for k, v in (corrections or {}).items() if v not in (None, "")}
    bad = sorted(set(corrections) - CORRECTABLE)
    if bad:
        raise InputError(f"cannot be corrected here: {', '.join(bad)}", field=bad[0])
    before = claim_from_row(row).model_dump(mode="json")
    for k, v in corrections.items():
        setattr(row, k, v)
    if {"time_start", "time_end"} & set(corrections):
        row.time_basis = None  # a reviewer's dates: no longer a day the extractor borrowed
    row.review_status = "corrected" if status == "accepted" and corrections else status
    s.flush()
    after = claim_from_row(row).model_dump(mode="json")
    _audit(
        s,
        actor,
        f"claim.{row.review_status}",
        "claim",
        str(claim_id),
        before,
        after,
        detail=", ".join(sorted(corrections)) or None,
        reason=reason,
    )
    return claim_from_row(row)
