"""Missing persons: the status history and the status derived from it. Pure; never writes.

In: a missing person's :class:`~tawthiq.entities.MissingNote` history; a confirmed match between a
missing person's record and a record on a victim or detainee list.
Out: the current status (derived, never stored over the notes) and the note a confirmed match adds.

The rule: the current status is that of the latest note (by ``source_date``, then ``entry_date``)
that carries a status; notes without a status (plain information) do not change it. With no
status note at all, a missing person is ``believed_missing``; ``information_sought`` is what a
family's first report usually says.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from tawthiq.entities import MissingNote, PersonRecord

__all__ = ["STATUS_LABELS", "current_status", "match_note", "status_history"]

STATUS_LABELS = {
    "information_sought": "information sought",
    "believed_alive": "believed alive",
    "believed_missing": "believed missing",
    "believed_dead": "believed dead",
    "is_note_author": "is the note's author (alive)",
    "detained_acknowledged": "detention acknowledged",
    "detained_denied": "detention denied",
}

# The status a confirmed match with a record on a list implies for the missing person.
_STATUS_FROM_LIST = {
    "killed": "believed_dead",
    "detained": "detained_acknowledged",
    "injured": "believed_alive",
    "missing": "believed_missing",
}


def status_history(notes: Iterable[MissingNote]) -> list[MissingNote]:
    """Notes oldest first (by source date, then entry date, then id)."""
    floor = datetime.min.replace(tzinfo=UTC)
    return sorted(
        notes,
        key=lambda n: (
            _aware(n.source_date),
            _aware(n.entry_date) if n.entry_date else floor,
            n.note_record_id,
        ),
    )


def current_status(notes: Iterable[MissingNote]) -> str:
    """The status of the latest note that has one; ``believed_missing`` when none has."""
    for note in reversed(status_history(notes)):
        if note.status:
            return note.status
    return "believed_missing"


def match_note(
    missing: PersonRecord,
    matched: PersonRecord,
    *,
    author: str,
    now: datetime | None = None,
) -> MissingNote:
    """The note a reviewer's confirmed match adds: the matched list's status, citing list and record."""
    now = now or datetime.now(UTC)
    status = _STATUS_FROM_LIST.get(matched.status, "")
    when = f" (date on the list: {matched.event_date.isoformat()})" if matched.event_date else ""
    return MissingNote(
        note_record_id=f"match.{missing.list_name}.{missing.record_id}.{matched.list_name}.{matched.record_id}",
        status=status,  # type: ignore[arg-type]
        author_name=author,
        source_date=now,
        entry_date=now,
        source=f"{matched.list_name}#{matched.record_id}",
        text=f"Matched to record {matched.record_id} on list '{matched.list_name}' "
        f"(status there: {matched.status}){when}; confirmed by a reviewer.",
    )


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)
