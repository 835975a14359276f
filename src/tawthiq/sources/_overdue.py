"""Which protected sources have gone silent: expected check-in interval vs last contact. Pure.

In: one :class:`SourceCheckin` per source (label, interval, last contact, last farewell signal).
Out: :class:`OverdueSource` rows, urgent first (a farewell message since the last check-in raises
a source to ``urgent``), then longest overdue first.

A source with an interval and no contact at all counts as overdue since it was registered.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from tawthiq.entities import SourceCheckin

__all__ = ["LONG_OVERDUE_DAYS", "OverdueSource", "SourceCheckin", "overdue_sources"]

# Past this a source's lapse is told by its date, not a count of days (a workspace of 2016
# reports read today is not usefully "3,643 days" late): the CLI and the web both say "since …".
LONG_OVERDUE_DAYS = 30


class OverdueSource(BaseModel):
    model_config = ConfigDict(frozen=True)
    source_id: int
    label: str
    kind: str
    priority: Literal["urgent", "overdue"]
    last_contact: datetime | None
    expected_by: datetime
    overdue_hours: float
    farewell: str | None = None
    last_channel: str | None = None


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def overdue_sources(checkins: Iterable[SourceCheckin], now: datetime | None = None) -> list[OverdueSource]:
    """Sources past their expected check-in, urgent (farewell) first, then longest overdue first."""
    now = _aware(now or datetime.now(UTC))
    rows = []
    for c in checkins:
        if not c.checkin_days:
            continue
        since = _aware(c.last_contact or c.registered_at)
        expected = since + timedelta(days=c.checkin_days)
        if expected >= now:
            continue
        rows.append(
            OverdueSource(
                source_id=c.source_id,
                label=c.label,
                kind=c.kind,
                priority="urgent" if c.farewell else "overdue",
                last_contact=c.last_contact,
                expected_by=expected,
                overdue_hours=round((now - expected).total_seconds() / 3600, 1),
                farewell=c.farewell,
                last_channel=c.last_channel,
            )
        )
    rows.sort(key=lambda r: (r.priority != "urgent", -r.overdue_hours, r.label))
    return rows
