"""Use cases of the sources stage: register a source, log a contact, set a check-in interval, find
the silent sources.

In: a workspace and what the caller parsed. Out: contacts and the overdue list.
Never: prints; never decides what reads as a farewell or who is overdue (``tawthiq.sources``
does) nor builds SQL (``store.sources`` does).
"""

from __future__ import annotations

from datetime import datetime

from tawthiq.entities import Source
from tawthiq.store import Workspace
from tawthiq.store import sources as source_store
from tawthiq.store.reveal import protected_present

__all__ = [
    "add_source",
    "contacts",
    "log_contact",
    "overdue",
    "overdue_held",
    "protected_fields",
    "set_checkin",
]


def add_source(ws: Workspace, source: Source) -> Source:
    """Register a source (or find it by label and update its check-in interval); its identity,
    if given, is stored encrypted and indexed so its chat messages count as contact. One
    transaction."""
    with ws.session() as s:
        return source_store.register_source(s, source)


def set_checkin(ws: Workspace, source: int | str, days: int | None) -> int:
    """Set (or clear) how often a source (its id or label) is expected to check in; its id."""
    with ws.session() as s:
        source_id = source_store.resolve_source(s, source)
        source_store.set_checkin(s, source_id, days)
    return source_id


def log_contact(
    ws: Workspace, source: int | str, at: datetime, *, channel: str = "manual", note: str | None = None
) -> source_store.Contact:
    """Log a contact with a source (its id or label; it resets the overdue clock); a note reading
    as a farewell is marked so (the note itself is stored encrypted, never in clear)."""
    from tawthiq.sources import farewell_signal

    with ws.session() as s:
        source_id = source_store.resolve_source(s, source)
        return source_store.log_contact(
            s, source_id, at, channel=channel, note=note, farewell=farewell_signal(note)
        )


def contacts(ws: Workspace, source: int | str) -> tuple[int, list[source_store.Contact]]:
    """A source's (its id or label) id and contact log, newest first."""
    with ws.session() as s:
        source_id = source_store.resolve_source(s, source)
        return source_id, source_store.list_contacts(s, source_id)


def overdue(ws: Workspace, now: datetime | None = None) -> list:
    """Sources past their expected check-in: urgent (last message a farewell) first, then longest overdue."""
    from tawthiq.sources import overdue_sources

    with ws.session() as s:
        return overdue_sources(source_store.source_checkins(s), now)


def overdue_held(
    ws: Workspace, now: datetime | None = None, *, actor: str
) -> tuple[list, set[int], set[int]]:
    """:func:`overdue`, and which of those sources hold an identity and a contact (nothing is
    decrypted: a page shows a Reveal button, never the value); one transaction."""
    from tawthiq.sources import overdue_sources

    with ws.session(actor=actor) as s:
        rows = overdue_sources(source_store.source_checkins(s), now)
        ids = [r.source_id for r in rows]
        return rows, protected_present(s, "source.identity", ids), protected_present(s, "source.contact", ids)


def protected_fields(ws: Workspace, source_id: int) -> list[str]:
    """Which protected fields (``identity``, ``contact``) a source holds: what a report's page
    offers to reveal. Nothing is decrypted or recorded."""
    with ws.session() as s:
        return [f for f in ("identity", "contact") if protected_present(s, f"source.{f}", [source_id])]
