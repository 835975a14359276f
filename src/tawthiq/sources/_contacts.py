"""Which ingested messages count as contact with their sender's source, and when. Pure.

In: stored :class:`~tawthiq.entities.Report` s (with ids), their senders (protected; a stored
report never carries one) and, where the message gave one, its own time. Out:
:class:`~tawthiq.entities.MessageContact` s for the store to log (issue 8: a message is contact).
Never: reads or writes the store, logs a sender or a message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, time

from tawthiq.entities import MessageContact, Protected, Report
from tawthiq.sources._farewell import farewell_signal

__all__ = ["contact_time", "message_contacts"]


def contact_time(report: Report, sent_at: datetime | None = None, *, now: datetime | None = None) -> datetime:
    """When a message was contact with its sender: the message's own time when it carries one (a
    chat line's clock, an e-mail's ``Date``; a time without a zone is taken as UTC), else noon UTC
    of its publication day (the day is all it gives), else its receipt, else ``now``."""
    if sent_at is not None:
        return sent_at if sent_at.tzinfo is not None else sent_at.replace(tzinfo=UTC)
    if report.published_at is not None:
        return datetime.combine(report.published_at, time(12, 0), tzinfo=UTC)
    if report.received_at is not None:
        at = report.received_at
        return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return now or datetime.now(UTC)


def message_contacts(
    reports: Iterable[Report],
    senders: Mapping[int, Protected],
    sent_at: Mapping[int, datetime | None] | None = None,
) -> list[MessageContact]:
    """Every stored message with a sender is contact with that sender's source.

    ``senders`` and ``sent_at`` are by report id. A failed or duplicate intake, or a report
    without a sender (an article), is no contact. Each contact says when it happened
    (:func:`contact_time`) and the farewell its text reads as (:func:`farewell_signal`).
    """
    times = sent_at or {}
    out = []
    for rep in reports:
        if rep.id is None or rep.status != "stored" or (sender := senders.get(rep.id)) is None:
            continue
        out.append(
            MessageContact(
                report_id=rep.id,
                sender=sender,
                channel=rep.channel,
                at=contact_time(rep, times.get(rep.id)),
                farewell=farewell_signal(rep.body),
            )
        )
    return out
