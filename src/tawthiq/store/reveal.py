"""Reveal protected values to a permitted person, and record in the same transaction that they were seen.

In: a session from ``Workspace.session`` (its ``info`` carries the cipher), a :class:`Disclosure`
(who is shown the value, why, and where: web, api or cli), one of :data:`PROTECTED_FIELDS`
(``report.sender``, ``source.identity`` …) and the record's id.
Out: the value as :class:`~tawthiq.entities.Protected` (the caller calls ``reveal()`` only to
render it), or ``None`` when the record holds no such value; and, when a value was shown, one
``evidence.view`` custody event in the hash-chained audit log whose actor is the disclosure's
actor, whose object is the record (``report`` 12, ``missing_note`` 3 …), whose detail names
the field and where, and whose ``reason`` is the person's reason — never the value (issue 9's
chain of custody).
Never: decrypts without recording the view; puts a value or its hash in the audit log; decides
who may reveal (the web's roles do: documenters and admins).

Every store call that decrypts takes a :class:`Disclosure` (``reveal_field`` here;
``list_sources``, ``list_reports``, ``get_report`` and ``load_missing`` with ``reveal=``) and
records through :func:`record_view`; a :class:`Disclosure` cannot be made without an actor and a
non-empty reason of at most :data:`REASON_MAX_LENGTH` characters, so a decrypting call without
them is not possible.

:func:`protected_present` answers which records hold a value, so a page can offer a "reveal"
button without decrypting anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.entities import Protected
from tawthiq.errors import InputError
from tawthiq.store.custody import record_custody
from tawthiq.store.session import chunks, session_cipher
from tawthiq.store.tables import InquiryRow, MissingNoteRow, ReportRow, SourceContactRow, SourceRow

__all__ = [
    "PROTECTED_FIELDS",
    "REASON_MAX_LENGTH",
    "Disclosure",
    "check_disclosure",
    "open_fields",
    "protected_present",
    "record_view",
    "reveal_field",
]

REASON_MAX_LENGTH = 300


class Disclosure(BaseModel):
    """Who is shown protected values, why, and where: what every decrypting store call needs.

    Constructing one checks it: an empty actor or reason, or a reason longer than
    :data:`REASON_MAX_LENGTH`, raises :class:`~tawthiq.errors.InputError` naming the field.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    actor: str
    reason: str
    where: Literal["web", "api", "cli"] = "cli"

    @field_validator("actor")
    @classmethod
    def _actor(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise InputError("who is shown a protected value must be named", field="actor")
        return value[:200]

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str) -> str:
        value = " ".join(value.split())  # one line in the audit log, whatever was typed
        if not value:
            raise InputError("say why you need to see this protected value", field="reason")
        if len(value) > REASON_MAX_LENGTH:
            raise InputError(f"a reason has at most {REASON_MAX_LENGTH} characters", field="reason")
        return value


def check_disclosure(reveal: object) -> Disclosure | None:
    """``reveal`` as a decrypting call receives it: ``None`` (nothing decrypted) or a Disclosure.

    ``reveal=True`` and friends are refused: decrypting without saying who and why is a bug.
    """
    if reveal is None or reveal is False:
        return None
    if not isinstance(reveal, Disclosure):
        raise TypeError("reveal= takes a tawthiq.store.reveal.Disclosure (who, why, where), not a flag")
    return reveal


def record_view(
    session: Session, disclosure: Disclosure, object_type: str, record_id: int | str, fields: Sequence[str]
) -> None:
    """One ``evidence.view`` custody event: ``fields`` of record ``record_id`` were shown."""
    record_custody(
        session,
        "evidence.view",
        str(record_id),
        object_type=object_type,
        detail=f"{', '.join(fields)} shown ({disclosure.where})",
        actor=disclosure.actor,
        reason=disclosure.reason,
    )


# "object.field" -> (table, ciphertext column, the column name bound into the ciphertext).
PROTECTED_FIELDS: dict[str, tuple[Any, str, str]] = {
    "report.sender": (ReportRow, "sender_enc", "reports.sender"),
    "source.identity": (SourceRow, "identity_enc", "sources.identity"),
    "source.contact": (SourceRow, "contact_enc", "sources.contact"),
    "source_contact.note": (SourceContactRow, "note_enc", "source_contacts.note"),
    "missing_note.author_email": (MissingNoteRow, "author_email_enc", "missing_notes.author_email"),
    "missing_note.author_phone": (MissingNoteRow, "author_phone_enc", "missing_notes.author_phone"),
    "inquiry.contact": (InquiryRow, "contact_enc", "inquiries.contact"),
}


def open_fields(
    session: Session, disclosure: Disclosure, cipher: Any, object_type: str, row: Any, fields: Sequence[str]
) -> dict[str, Protected | None]:
    """The clear values of ``fields`` of ``row`` (a row of ``object_type``'s table), their view recorded.

    Each field's ciphertext column and the column name bound into its ciphertext come from
    :data:`PROTECTED_FIELDS` (``"source"``, ``["identity", "contact"]`` opens
    ``sources.identity`` and ``sources.contact``). One ``evidence.view`` custody event names the
    fields that held a value; none when none did. ``cipher`` is the caller's (it says which
    error a workspace without a key gives).
    """
    values: dict[str, Protected | None] = {}
    for field in fields:
        _, column, bound = PROTECTED_FIELDS[f"{object_type}.{field}"]
        values[field] = cipher.open(getattr(row, column), column=bound)
    shown = [f for f, v in values.items() if v is not None]
    if shown:
        record_view(session, disclosure, object_type, row.id, shown)
    return values


def _field(key: str) -> tuple[Any, str, str]:
    if key not in PROTECTED_FIELDS:
        raise InputError(
            f"{key!r} is not a protected field; one of {', '.join(PROTECTED_FIELDS)}", field="field"
        )
    return PROTECTED_FIELDS[key]


def reveal_field(session: Session, key: str, record_id: int, *, disclosure: Disclosure) -> Protected | None:
    """The clear value of ``key`` (e.g. ``"report.sender"``) on record ``record_id``, its view recorded.

    The custody event names ``disclosure``'s actor, reason and where. Raises
    :class:`~tawthiq.errors.InputError` for an unknown record or field, and
    :class:`~tawthiq.errors.ProtectedDataError` when the workspace has no key.
    """
    checked = check_disclosure(disclosure)
    if checked is None:
        raise TypeError("reveal_field needs a Disclosure")
    disclosure = checked
    table, column, _ = _field(key)
    object_type, field = key.split(".", 1)
    row = session.get(table, record_id)
    if row is None:
        raise InputError(f"no {object_type.replace('_', ' ')} {record_id}", field="id")
    if getattr(row, column) is None:
        return None
    return open_fields(session, disclosure, session_cipher(session), object_type, row, [field])[field]


def protected_present(session: Session, key: str, record_ids: Iterable[int]) -> set[int]:
    """Which of ``record_ids`` hold a value in ``key`` (nothing is decrypted or recorded)."""
    table, column, _ = _field(key)
    ids = sorted(set(record_ids))
    found: set[int] = set()
    for chunk in chunks(ids):
        q = select(table.id).where(table.id.in_(chunk), getattr(table, column).is_not(None))
        found.update(session.scalars(q))
    return found
