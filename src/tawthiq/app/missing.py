"""Use cases of missing persons: read them with their status, match them against new lists,
add a note, and a family's inquiry from the public form to its answer.

In: a session and what the caller parsed. Out: :class:`~tawthiq.people.missing.MissingPerson`
values, counts, ids. Never: prints; never derives a status or matches records itself (the
people stage does) nor builds SQL (the store does).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from tawthiq.entities import MissingNote
from tawthiq.errors import InputError
from tawthiq.people.missing import (
    INQUIRY_LIST,
    MISSING_PAIR_REASON,
    MissingPerson,
    current_status,
    inquiry_record,
)
from tawthiq.store import Workspace
from tawthiq.store import missing as missing_store
from tawthiq.store.missing import Inquiry
from tawthiq.store.reveal import Disclosure, protected_present

__all__ = [
    "Registry",
    "accept_inquiry",
    "add_note",
    "answer_inquiry",
    "find_inquiry",
    "import_pfif",
    "list_inquiries",
    "load_missing",
    "pfif_export",
    "pfif_records",
    "queue_missing_matches",
    "registry",
    "resolve_missing",
    "submit_inquiry",
]


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


def resolve_missing(session: Session, given: str, *, list_name: str | None = None) -> int:
    """The stored id of the missing person ``given`` names: with ``list_name``, the list's own id on
    that list (as the user imported it: ``M007``); else a whole number that is a missing person's
    stored id (as ``tawthiq people missing list`` shows it), or a list's own id held by one list.

    Raises :class:`InputError` (field ``record``) when no missing person has that id, or when more
    than one list gives it, naming those lists (``--list`` chooses).
    """
    text = given.strip()
    if list_name is None and text.isdecimal() and missing_store.load_missing(session, record_ids=[int(text)]):
        return int(text)
    found = missing_store.missing_by_list_id(session, text, list_name=list_name)
    if len(found) == 1:
        return found[0][0]
    if found:
        raise InputError(
            "%(id)r is the id of a missing person on more than one list (%(lists)s); say which with --list",
            field="record",
            params={"id": text, "lists": [n for _, n in found]},
        )
    if list_name is not None:
        raise InputError(
            "no missing person with id %(id)r on list %(list)r", field="record",
            params={"id": text, "list": list_name},
        )  # fmt: skip
    raise InputError(
        "no missing person with record id %(id)r (neither a stored id nor a list's own id; "
        "`tawthiq people missing list` shows both)",
        field="record",
        params={"id": text},
    )


def pfif_export(ws: Workspace, domain: str = "tawthiq.local") -> tuple[int, bytes]:
    """Every missing person as PFIF 1.4 XML (``tawthiq people pfif export``): no protected field,
    no confidential note; a record imported from PFIF keeps the fields it came with. Returns how
    many persons and the XML. (``tawthiq export pfif`` is the signed export format instead.)"""
    from tawthiq.people.pfif import from_records, write_pfif

    with ws.session() as s:
        people = load_missing(s)
    original = {m.record.record_id: m.pfif_fields for m in people}
    xml = write_pfif(
        from_records([(m.record, m.notes) for m in people], domain=domain, original_fields=original)
    )
    return len(people), xml


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
    (``information_sought``; what it holds is ``people.missing.inquiry_record``'s rule), compared
    at once with every list. Taken in twice, the same record. Returns the record's id."""
    inquiry = missing_store.get_inquiry(session, inquiry_id)
    if inquiry.person_record_id is not None:  # taken in before: the same record
        return inquiry.person_record_id
    record, note = inquiry_record(inquiry, datetime.now(UTC))
    record_id = missing_store.take_in_inquiry(session, inquiry.id, record, note, actor=actor)
    queue_missing_matches(session, INQUIRY_LIST)
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


@dataclass(frozen=True)
class Registry:
    """The missing persons, and which of their notes hold an author's e-mail or phone (the
    values themselves stay sealed: a page shows a Reveal button, never the value)."""

    persons: list[MissingPerson]
    note_emails: set[int]
    note_phones: set[int]


def registry(ws: Workspace, *, actor: str) -> Registry:
    """The missing-persons registry as a documenter sees it (``/missing``), in one transaction."""
    with ws.session(actor=actor) as s:
        persons = load_missing(s)
        note_ids = [n.id for m in persons for n in m.notes if n.id is not None]
        return Registry(
            persons,
            protected_present(s, "missing_note.author_email", note_ids),
            protected_present(s, "missing_note.author_phone", note_ids),
        )


def add_note(ws: Workspace, record_id: int, note: MissingNote) -> MissingNote | None:
    """Append a note to a person record's history (its status is derived from the notes); the
    stored note, or ``None`` when a note with its id is already there."""
    with ws.session() as s:
        return missing_store.add_note(s, record_id, note)


def submit_inquiry(ws: Workspace, fields: dict[str, Any], contact: str | None) -> str:
    """Store a family's inquiry from the public form (audit actor ``public``); returns its
    ticket, shown to the family once and kept only as a hash. The contact is stored sealed."""
    with ws.session(actor="public") as s:
        _, ticket = missing_store.add_inquiry(s, fields, contact)
    return ticket


def find_inquiry(ws: Workspace, ticket: str) -> Inquiry | None:
    """The inquiry this ticket opens, or ``None``: a ticket opens one inquiry and nothing else."""
    with ws.session(actor="public") as s:
        return missing_store.find_inquiry(s, ticket)


def list_inquiries(
    ws: Workspace, *, status: str | None = None, actor: str = "cli"
) -> tuple[list[Inquiry], set[int]]:
    """Families' inquiries, oldest first (only ``status`` ones when given), and the ids of those
    that left a contact (nothing is decrypted)."""
    with ws.session(actor=actor) as s:
        rows = missing_store.list_inquiries(s, status=status)
        return rows, protected_present(s, "inquiry.contact", [r.id for r in rows])


def answer_inquiry(
    ws: Workspace,
    inquiry_id: int,
    text: str | None,
    *,
    take_in: bool = False,
    record_id: int | None = None,
    actor: str,
) -> int | None:
    """Answer a family's inquiry (``text``; ``None``: no answer) and, with ``take_in``, first take
    it into the registry (:func:`accept_inquiry`), the answer then naming the new record; one
    transaction. Returns the record the answer concerns."""
    with ws.session(actor=actor) as s:
        if take_in:
            record_id = accept_inquiry(s, inquiry_id, actor=actor)
        if text is not None:
            missing_store.answer_inquiry(s, inquiry_id, text, record_id=record_id, actor=actor)
    return record_id
