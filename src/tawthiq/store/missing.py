"""Missing persons: their notes, PFIF fields, matches against later lists, and family inquiries.

In: a session, :class:`~tawthiq.entities.PersonRecord` (status ``missing``) and
:class:`~tawthiq.entities.MissingNote`. Out: the same entities with ids, and the derived status.
Never: overwrites a note (the history only grows), stores an author's e-mail or phone or an
inquirer's contact in clear, or returns an ORM row.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from tawthiq.entities import LinkedPair, MissingNote, PersonRecord, Protected
from tawthiq.errors import InputError
from tawthiq.store.audit import record_event
from tawthiq.store.people import record_from_row, save_list
from tawthiq.store.reveal import Disclosure, check_disclosure, open_fields
from tawthiq.store.session import as_utc, chunks, is_row_id, session_cipher
from tawthiq.store.tables import (
    InquiryRow,
    MissingNoteRow,
    PersonPairDecisionRow,
    PersonPairRow,
    PersonRecordRow,
    PfifFieldsRow,
)

__all__ = [
    "Inquiry",
    "StoredMissing",
    "add_inquiry",
    "add_note",
    "answer_inquiry",
    "find_inquiry",
    "get_inquiry",
    "list_inquiries",
    "load_missing",
    "match_sides",
    "missing_by_list_id",
    "notes_by_record",
    "pfif_fields_by_record",
    "queue_pairs",
    "save_missing",
    "take_in_inquiry",
]


@dataclass(frozen=True)
class StoredMissing:
    """A missing person as stored: the record, its notes (oldest first) and its PFIF fields.
    The status derived from the notes is the people stage's (``people.missing.current_status``)."""

    record: PersonRecord
    notes: tuple[MissingNote, ...]
    pfif_fields: dict[str, str]


@dataclass(frozen=True)
class Inquiry:
    id: int
    kind: str
    name: str
    age: int | None
    sex: str | None
    last_seen_date: date | None
    last_seen_place: str | None
    circumstances: str | None
    status: str
    answer: str | None
    person_record_id: int | None
    created_at: datetime


def _note_entity(row: MissingNoteRow, opened: dict[str, Protected | None] | None = None) -> MissingNote:
    """The note of ``row``; the author's e-mail and phone only as ``opened`` holds them."""
    email = phone = None
    if opened is not None:
        email, phone = opened["author_email"], opened["author_phone"]
    return MissingNote(
        id=row.id,
        note_record_id=row.note_record_id,
        person_record_id=row.person_record_id,
        status=row.status,
        author_name=row.author_name,
        author_email=email,
        author_phone=phone,
        source_date=as_utc(row.source_date),
        entry_date=as_utc(row.entry_date),
        source=row.source,
        author_made_contact=row.author_made_contact,
        last_known_location=row.last_known_location,
        text=row.text,
        linked_person_record_id=row.linked_person_record_id,
        confidential=row.confidential,
    )


# ---------------------------------------------------------------- notes and records


def add_note(session: Session, record_id: int, note: MissingNote) -> MissingNote | None:
    """Append a note to a person record's history; None if a note with that id is already there."""
    if not is_row_id(record_id) or session.get(PersonRecordRow, record_id) is None:
        raise InputError(f"no person record {record_id}", field="person_record_id")
    if session.scalar(select(MissingNoteRow.id).where(MissingNoteRow.note_record_id == note.note_record_id)):
        return None
    needs_key = note.author_email is not None or note.author_phone is not None
    cipher = session_cipher(session) if needs_key else None
    row = MissingNoteRow(
        note_record_id=note.note_record_id,
        person_record_id=record_id,
        status=note.status,
        author_name=note.author_name,
        author_email_enc=cipher.seal(note.author_email, column="missing_notes.author_email")
        if cipher
        else None,
        author_phone_enc=cipher.seal(note.author_phone, column="missing_notes.author_phone")
        if cipher
        else None,
        source_date=as_utc(note.source_date),
        entry_date=as_utc(note.entry_date or datetime.now(UTC)),
        source=note.source,
        author_made_contact=note.author_made_contact,
        last_known_location=note.last_known_location,
        text=note.text,
        linked_person_record_id=note.linked_person_record_id,
        confidential=note.confidential,
    )
    session.add(row)
    session.flush()
    stored = _note_entity(row)
    record_event(
        session,
        "missing.note",
        "person_record",
        record_id,
        after=stored,
        detail=f"note {row.id}: {note.status or 'information'}",
    )
    return stored


def save_missing(
    session: Session,
    list_name: str,
    items: Sequence[tuple[PersonRecord, Sequence[MissingNote]]],
    *,
    pfif_fields: dict[str, dict[str, str]] | None = None,
    file_name: str | None = None,
    sha256: str | None = None,
    skipped: Sequence[str] = (),
    repaired: Sequence[str] = (),
) -> dict[str, int]:
    """Store missing-person records (by record id, as any list) with their notes and PFIF fields.

    ``skipped`` and ``repaired`` are the file's records a lenient read left out or repaired (their
    PFIF ids, never a name): recorded in the audit log with the import, so the record of what came
    in says what did not.
    """
    counts = save_list(session, list_name, [r for r, _ in items], file_name=file_name, sha256=sha256)
    if skipped or repaired:
        record_event(
            session, "missing.pfif_issues", "person_list", list_name, after={"sha256": sha256},
            detail=f"{file_name}: skipped {len(skipped)} ({', '.join(skipped)}); "
            f"repaired {len(repaired)} ({', '.join(repaired)})",
        )  # fmt: skip
    ids = dict(
        session.execute(
            select(PersonRecordRow.record_id, PersonRecordRow.id).where(
                PersonRecordRow.list_name == list_name
            )
        ).all()
    )
    notes_added = 0
    for rec, notes in items:
        rid = ids[rec.record_id]
        for note in notes:
            if add_note(session, rid, note) is not None:
                notes_added += 1
        fields = (pfif_fields or {}).get(rec.record_id)
        if fields is not None:
            row = session.get(PfifFieldsRow, rid)
            if row is None:
                session.add(PfifFieldsRow(person_record_id=rid, fields=dict(fields)))
            else:
                row.fields = dict(fields)
    session.flush()
    return {
        "inserted": counts.inserted,
        "updated": counts.updated,
        "unchanged": counts.unchanged,
        "notes_added": notes_added,
    }


def load_missing(
    session: Session, *, record_ids: Iterable[int] | None = None, reveal: Disclosure | None = None
) -> list[StoredMissing]:
    """Missing persons (records with status ``missing``) with their notes, oldest first.

    Note authors' e-mails and phones are decrypted only for ``reveal``; each note whose values
    are shown is recorded as an ``evidence.view`` custody event in this transaction.
    """
    disclosure = check_disclosure(reveal)
    cipher = session_cipher(session) if disclosure is not None else None
    query = select(PersonRecordRow).where(PersonRecordRow.status == "missing").order_by(PersonRecordRow.id)
    if record_ids is not None:
        query = query.where(PersonRecordRow.id.in_([i for i in record_ids if is_row_id(i)]))
    rows = list(session.scalars(query))
    ids = [r.id for r in rows]
    notes: dict[int, list[MissingNote]] = defaultdict(list)
    for chunk in chunks(ids):
        for n in session.scalars(
            select(MissingNoteRow).where(MissingNoteRow.person_record_id.in_(chunk))
        ).all():
            opened = None
            if disclosure is not None:
                opened = open_fields(
                    session, disclosure, cipher, "missing_note", n, ["author_email", "author_phone"]
                )
            notes[n.person_record_id].append(_note_entity(n, opened))
    fields = pfif_fields_by_record(session, ids)
    out = []
    for r in rows:
        rec = record_from_row(r)
        ns = tuple(sorted(notes[r.id], key=lambda n: (n.source_date, n.note_record_id)))
        out.append(StoredMissing(rec, ns, fields.get(r.id, {})))
    return out


def missing_by_list_id(
    session: Session, record_id: str, *, list_name: str | None = None
) -> list[tuple[int, str]]:
    """The missing persons a list gives the id ``record_id`` (the list's own id, as imported:
    ``M007``), on ``list_name`` or on any list: ``(stored id, list name)`` pairs, by list name."""
    query = select(PersonRecordRow.id, PersonRecordRow.list_name).where(
        PersonRecordRow.status == "missing", PersonRecordRow.record_id == record_id
    )
    if list_name is not None:
        query = query.where(PersonRecordRow.list_name == list_name)
    return [(i, n) for i, n in session.execute(query.order_by(PersonRecordRow.list_name, PersonRecordRow.id))]


# ---------------------------------------------------------------- matching against later lists


def match_sides(session: Session, list_name: str) -> tuple[list[PersonRecord], list[PersonRecord]]:
    """The two sides to compare after importing ``list_name``: ``(missing, others)``.

    Both ways at once: the list's missing persons against every record of other status on the
    other lists, and the list's records of other status against every missing person of the
    other lists — a list may hold both (missing and killed on one Arabic list). Either side may
    be empty (nothing to compare); the pairs to keep are the people stage's rule.
    """
    is_missing = PersonRecordRow.status == "missing"
    in_list = PersonRecordRow.list_name == list_name
    has_missing = session.scalar(select(PersonRecordRow.id).where(is_missing, in_list).limit(1)) is not None
    has_others = session.scalar(select(PersonRecordRow.id).where(~is_missing, in_list).limit(1)) is not None
    missing_rows = select(PersonRecordRow).where(is_missing, in_list if not has_others else true())
    other_rows = select(PersonRecordRow).where(~is_missing, in_list if not has_missing else true())
    missing = [record_from_row(r) for r in session.scalars(missing_rows)]
    if not missing:
        return [], []
    others = [record_from_row(r) for r in session.scalars(other_rows)]
    return missing, others


def queue_pairs(session: Session, list_name: str, pairs: Iterable[LinkedPair], *, reason: str) -> int:
    """Put candidate pairs into the review queue with ``reason`` (never merged automatically).

    A pair a reviewer already decided on is skipped; one already queued gets the reason.
    Returns how many pairs were queued; the ``missing.match`` audit event names ``list_name``.
    """
    decided = set(session.execute(select(PersonPairDecisionRow.record_a, PersonPairDecisionRow.record_b)))
    queued = 0
    for p in pairs:
        a, b = sorted((p.a, p.b))
        if (a, b) in decided:
            continue
        row = session.get(PersonPairRow, (a, b))
        if row is None:
            session.add(
                PersonPairRow(
                    record_a=a,
                    record_b=b,
                    probability=p.probability,
                    weight=p.weight,
                    weights=dict(p.weights),
                    reason=reason,
                )
            )
        else:
            row.reason = reason
        queued += 1
    session.flush()
    record_event(
        session, "missing.match", "person_list", list_name, detail=f"{queued} candidate pair(s) queued"
    )
    return queued


# ---------------------------------------------------------------- family inquiries


def _ticket_hash(ticket: str) -> str:
    return hashlib.sha256(ticket.strip().encode()).hexdigest()


def add_inquiry(session: Session, fields: dict[str, Any], contact: str | None) -> tuple[Inquiry, str]:
    """Store a family's inquiry; returns it with the ticket (shown once, kept only as a hash)."""
    ticket = secrets.token_urlsafe(12)
    cipher = session_cipher(session) if contact else None
    row = InquiryRow(
        ticket_hash=_ticket_hash(ticket),
        kind=fields.get("kind", "ask"),
        name=fields["name"],
        age=fields.get("age"),
        sex=fields.get("sex"),
        last_seen_date=fields.get("last_seen_date"),
        last_seen_place=fields.get("last_seen_place"),
        circumstances=fields.get("circumstances"),
        contact_enc=cipher.seal(contact, column="inquiries.contact") if cipher else None,
        created_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    record_event(session, "inquiry.create", "inquiry", row.id, detail=row.kind, actor="public")
    return _inquiry(row), ticket


def _inquiry(row: InquiryRow) -> Inquiry:
    return Inquiry(
        id=row.id,
        kind=row.kind,
        name=row.name,
        age=row.age,
        sex=row.sex,
        last_seen_date=row.last_seen_date,
        last_seen_place=row.last_seen_place,
        circumstances=row.circumstances,
        status=row.status,
        answer=row.answer,
        person_record_id=row.person_record_id,
        created_at=as_utc(row.created_at),
    )


def find_inquiry(session: Session, ticket: str) -> Inquiry | None:
    """The inquiry whose ticket this is, or None: a ticket opens one inquiry and nothing else."""
    row = session.scalar(select(InquiryRow).where(InquiryRow.ticket_hash == _ticket_hash(ticket)))
    return _inquiry(row) if row else None


def list_inquiries(session: Session, *, status: str | None = None) -> list[Inquiry]:
    query = select(InquiryRow).order_by(InquiryRow.created_at)
    if status:
        query = query.where(InquiryRow.status == status)
    return [_inquiry(r) for r in session.scalars(query)]


def answer_inquiry(
    session: Session, inquiry_id: int, answer: str, *, record_id: int | None = None, actor: str
) -> Inquiry:
    """A documenter's answer, which the family reads with its ticket (and nothing more)."""
    row = session.get(InquiryRow, inquiry_id) if is_row_id(inquiry_id) else None
    if row is None:
        raise InputError(f"no inquiry {inquiry_id}", field="inquiry")
    known = record_id is None or (
        is_row_id(record_id) and session.get(PersonRecordRow, record_id) is not None
    )
    if not known:
        raise InputError(f"no person record {record_id}", field="record")
    before = {"status": row.status}
    row.answer, row.status, row.person_record_id = answer, "answered", record_id or row.person_record_id
    session.flush()
    record_event(
        session, "inquiry.answer", "inquiry", row.id, before=before, after={"status": row.status}, actor=actor
    )
    return _inquiry(row)


def get_inquiry(session: Session, inquiry_id: int) -> Inquiry:
    """The inquiry with this id; an :class:`InputError` naming the field ``inquiry`` if none."""
    row = session.get(InquiryRow, inquiry_id) if is_row_id(inquiry_id) else None
    if row is None:
        raise InputError(f"no inquiry {inquiry_id}", field="inquiry")
    return _inquiry(row)


def take_in_inquiry(
    session: Session, inquiry_id: int, record: PersonRecord, note: MissingNote, *, actor: str
) -> int:
    """Store the record and first note an inquiry becomes (``people.missing.inquiry_record``) on
    the record's list, and link the inquiry to the record (audited ``inquiry.accept``). Returns
    the record's id."""
    row = session.get(InquiryRow, inquiry_id) if is_row_id(inquiry_id) else None
    if row is None:
        raise InputError(f"no inquiry {inquiry_id}", field="inquiry")
    save_list(session, record.list_name, [record], has_duplicates=True)
    record_id = session.scalar(
        select(PersonRecordRow.id).where(
            PersonRecordRow.list_name == record.list_name, PersonRecordRow.record_id == record.record_id
        )
    )
    assert record_id is not None  # saved just above, in this transaction
    add_note(session, record_id, note)
    row.person_record_id = record_id
    session.flush()
    record_event(session, "inquiry.accept", "inquiry", row.id, detail=f"record {record_id}", actor=actor)
    return record_id


def pfif_fields_by_record(session: Session, record_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """The PFIF fields each record imported from PFIF came with (protected ones never stored)."""
    out: dict[int, dict[str, str]] = {}
    for chunk in chunks(list(record_ids)):
        for f in session.scalars(select(PfifFieldsRow).where(PfifFieldsRow.person_record_id.in_(chunk))):
            out[f.person_record_id] = dict(f.fields or {})
    return out


def notes_by_record(session: Session, record_ids: Iterable[int]) -> dict[int, list[MissingNote]]:
    """Each record's notes, oldest first, protected fields sealed (for exports)."""
    ids = list(record_ids)
    out: dict[int, list[MissingNote]] = defaultdict(list)
    for chunk in chunks(ids):
        rows = session.scalars(
            select(MissingNoteRow)
            .where(MissingNoteRow.person_record_id.in_(chunk))
            .order_by(MissingNoteRow.source_date, MissingNoteRow.note_record_id)
        )
        for n in rows:
            out[n.person_record_id].append(_note_entity(n))
    return dict(out)
