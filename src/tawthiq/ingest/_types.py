"""What a reader hands back and how a reader is described. Pure data, no I/O.

In: nothing. Out: :class:`Draft` (one report as read from a file, before it has an id, a
hash or a source) and :class:`Reader` (a named parser with the file names it accepts).
Never: imports the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tawthiq.entities import DatePrecision, Protected
from tawthiq.errors import InputError

__all__ = ["Draft", "ReadContext", "Reader"]


@dataclass(frozen=True)
class Draft:
    """One report read from a file. ``sender`` is protected; ``source`` is a Source label."""

    body: str
    title: str | None = None
    published_at: date | None = None
    language: str | None = None
    published_precision: DatePrecision | None = None  # "month"/"year": published_at is the period's 1st
    sender: Protected | None = None
    # When the message itself says it was sent (a chat line's clock, an e-mail's Date; no zone:
    # taken as UTC): the time its contact with the sender's source is logged at (issue 14).
    sent_at: datetime | None = None
    source: str | None = None
    url: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)  # header keys the reader does not use
    warnings: tuple[str, ...] = ()  # what was wrong but did not stop the report (a bad DATE:)
    # A record of a multi-record file (a JSON line) that could not be read, handed back instead
    # of refusing the whole file when the reader was asked with ``ReadContext.per_record``: the
    # ingest records it as a failed intake with this error (file, line, field) and goes on.
    failure: InputError | None = None


@dataclass(frozen=True)
class ReadContext:
    """What a reader gets: the file's name (for messages), its bytes, and the options."""

    path: Path
    data: bytes
    from_header: bool = False
    chat_date_order: str = "auto"  # auto, dmy, mdy
    chat_timezone: str = "UTC"  # the zone of the phone's clock in a chat export (IANA name)
    # True: a multi-record reader hands back a bad record as a Draft with ``failure`` (and keeps
    # reading) instead of refusing the file; a reader that ignores it refuses the file as before.
    per_record: bool = False


@dataclass(frozen=True)
class Reader:
    """A parser for one format. ``accepts(path, head)`` sees the name and the first 4 KiB."""

    name: str
    channel: str
    media_type: str
    accepts: Callable[[Path, bytes], bool]
    read: Callable[[ReadContext], list[Draft]]
    priority: int = 50  # lower is tried first
    extra: dict[str, str] = field(default_factory=dict)
