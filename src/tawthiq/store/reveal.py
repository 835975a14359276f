"""Reveal one protected value to a permitted person, and record in the same transaction that it was seen.

In: a session from ``Workspace.session`` (its ``info`` carries the cipher and the actor), one of
:data:`PROTECTED_FIELDS` (``report.sender``, ``source.identity`` …) and the record's id.
Out: the value as :class:`~tawthiq.entities.Protected` (the caller calls ``reveal()`` only to
render it), or ``None`` when the record holds no such value; and, when a value was shown, one
``evidence.view`` custody event in the hash-chained audit log whose actor is the session's
actor, whose object is the record (``report`` 12, ``missing_note`` 3 …) and whose detail names
the field — never the value (issue 9's chain of custody, for the web and the API).
Never: decrypts without recording the view; puts a value or its hash in the audit log; decides
who may reveal (the web's roles do: documenters and admins).

:func:`protected_present` answers which records hold a value, so a page can offer a "reveal"
button without decrypting anything.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.entities import Protected
from tawthiq.errors import InputError
from tawthiq.store.custody import record_custody
from tawthiq.store.session import session_cipher
from tawthiq.store.tables import InquiryRow, MissingNoteRow, ReportRow, SourceContactRow, SourceRow

__all__ = ["PROTECTED_FIELDS", "protected_present", "reveal_field"]

# "object.field" -> (table, ciphertext column, the column name bound into the ciphertext).
PROTECTED_FIELDS: dict[str, tuple[type, str, str]] = {
    "report.sender": (ReportRow, "sender_enc", "reports.sender"),
    "source.identity": (SourceRow, "identity_enc", "sources.identity"),
    "source.contact": (SourceRow, "contact_enc", "sources.contact"),
    "source_contact.note": (SourceContactRow, "note_enc", "source_contacts.note"),
    "missing_note.author_email": (MissingNoteRow, "author_email_enc", "missing_notes.author_email"),
    "missing_note.author_phone": (MissingNoteRow, "author_phone_enc", "missing_notes.author_phone"),
    "inquiry.contact": (InquiryRow, "contact_enc", "inquiries.contact"),
}


def _field(key: str) -> tuple[type, str, str]:
    if key not in PROTECTED_FIELDS:
        raise InputError(
            f"{key!r} is not a protected field; one of {', '.join(PROTECTED_FIELDS)}", field="field"
        )
    return PROTECTED_FIELDS[key]


def reveal_field(session: Session, key: str, record_id: int, *, where: str = "web") -> Protected | None:
    """The clear value of ``key`` (e.g. ``"report.sender"``) on record ``record_id``, its view recorded.

    ``where`` says in the custody event where it was shown (``web``, ``api``). Raises
    :class:`~tawthiq.errors.InputError` for an unknown record or field, and
    :class:`~tawthiq.errors.ProtectedDataError` when the workspace has no key.
    """
    table, column, bound = _field(key)
    object_type, field = key.split(".", 1)
    blob = session.scalar(select(getattr(table, column)).where(table.id == record_id))
    if blob is None:
        if session.scalar(select(table.id).where(table.id == record_id)) is None:
            raise InputError(f"no {object_type.replace('_', ' ')} {record_id}", field="id")
        return None
    value = session_cipher(session).open(blob, column=bound)
    record_custody(
        session, "evidence.view", str(record_id), object_type=object_type, detail=f"{field} shown ({where})"
    )
    return value


def protected_present(session: Session, key: str, record_ids: Iterable[int]) -> set[int]:
    """Which of ``record_ids`` hold a value in ``key`` (nothing is decrypted or recorded)."""
    table, column, _ = _field(key)
    ids = sorted(set(record_ids))
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        q = select(table.id).where(table.id.in_(chunk), getattr(table, column).is_not(None))
        found.update(session.scalars(q))
    return found
