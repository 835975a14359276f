"""Use cases of missing persons: read them with their status, match them against new lists,
take in a family's inquiry.

In: a session and what the caller parsed. Out: :class:`~tawthiq.people.missing.MissingPerson`
values, counts, ids. Never: prints; never derives a status or matches records itself (the
people stage does) nor builds SQL (the store does).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from tawthiq.people.missing import MISSING_PAIR_REASON, MissingPerson, current_status
from tawthiq.store import Workspace
from tawthiq.store import missing as missing_store
from tawthiq.store.reveal import Disclosure

__all__ = ["accept_inquiry", "import_pfif", "load_missing", "pfif_records", "queue_missing_matches"]


def load_missing(
    session: Session, *, record_ids: Iterable[int] | None = None, reveal: Disclosure | None = None
) -> list[MissingPerson]:
    """Missing persons (records with status ``missing``) with their notes and derived status.

    Note authors' e-mails and phones are decrypted only for ``reveal`` (see
    :func:`tawthiq.store.missing.load_missing`).
    """
    return [
        MissingPerson(m.record, m.notes, current_status(m.notes), m.pfif_fields)
        for m in missing_store.load_missing(session, record_ids=record_ids, reveal=reveal)
    ]


def queue_missing_matches(session: Session, list_name: str, *, threshold: float | None = None) -> int:
    """Compare the missing persons with a newly imported list; candidate pairs go to review.

    Both ways (:func:`tawthiq.store.missing.match_sides`): the list's missing persons against the
    other lists' records, and the list's other records against the other lists' missing persons,
    across scripts; every cross pair with a record on the list at or above the review threshold
    enters the review queue with reason ``missing-person`` — never merged
    automatically. Returns how many pairs were queued.
    """
    from tawthiq.people import DEFAULT_REVIEW_THRESHOLD
    from tawthiq.people.missing import match_candidates

    threshold = DEFAULT_REVIEW_THRESHOLD if threshold is None else threshold
    missing, others = missing_store.match_sides(session, list_name)
    if not missing or not others:
        return 0
    pairs = match_candidates(missing, others, threshold, list_name=list_name)
    return missing_store.queue_pairs(session, list_name, pairs, reason=MISSING_PAIR_REASON)


def accept_inquiry(session: Session, inquiry_id: int, *, actor: str) -> int:
    """Take a family's registration into the registry: a missing-person record with a first note
    (``information_sought``), compared at once with every list. Returns the record's id."""
    record_id, new = missing_store.accept_inquiry(session, inquiry_id, actor=actor)
    if new:
        queue_missing_matches(session, missing_store.INQUIRY_LIST)
    return record_id


def pfif_records(persons: Sequence[Any], list_name: str) -> tuple[list[Any], dict[str, dict[str, str]]]:
    """PFIF persons (``people.pfif.parse_pfif``'s, validated) as the list's records with their
    notes, and each record's PFIF fields that are not protected (kept for a later export)."""
    from tawthiq.people.pfif import PROTECTED_FIELDS, to_records

    items = to_records(persons, list_name)
    fields = {
        p.fields["person_record_id"]: {k: v for k, v in p.fields.items() if k not in PROTECTED_FIELDS}
        for p in persons
    }
    return items, fields


def import_pfif(
    ws: Workspace,
    list_name: str,
    items: Sequence[Any],
    fields: dict[str, dict[str, str]],
    *,
    file_name: str,
    sha256: str,
    skipped: Sequence[str] = (),
    repaired: Sequence[str] = (),
) -> dict[str, Any]:
    """Store missing persons read from PFIF (:func:`pfif_records`) as the list ``list_name``, in
    one transaction, and compare them with every other list at once. Returns the counts.

    ``skipped`` / ``repaired``: where the lenient read left out or repaired a record (``line:id``),
    kept in the audit log with the import."""
    with ws.session() as s:
        counts = missing_store.save_missing(
            s, list_name, items, pfif_fields=fields, file_name=file_name, sha256=sha256,
            skipped=skipped, repaired=repaired,
        )  # fmt: skip
        candidates = queue_missing_matches(s, list_name)
    return {"list": list_name, "persons": len(items), **counts, "candidates": candidates}
