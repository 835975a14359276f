"""WhatsApp chat exports (``.txt``): one Draft per message; the sender is protected. Pure.

Two line shapes start a message (other lines continue the message before them)::

    12/13/16, 21:04 - Name: text          (Android; also 13.12.2016, 9:04 PM - …)
    [13/12/2016, 21:04:11] Name: text     (iOS; a left-to-right mark may precede it)

Lines without ``Name:`` after the timestamp are system notices ("Messages are end-to-end
encrypted") and are skipped; they stay in the original bytes kept as evidence.

Day/month order: exports follow the phone's locale, so ``05/12/16`` is ambiguous. The order is
decided for the whole file: if any first field is over 12 it is day-first; if any second
field is over 12 it is month-first; if both happen the file is refused (it mixes orders);
if neither, day-first is assumed (the locale of Syria and of most exports outside the US)
unless ``--chat-date-order mdy`` says otherwise. The message's date becomes its
``published_at``; its date and time (``sent_at``) are when its contact with the sender's
source is logged. An export names no zone: the phone's clock is read in ``--chat-timezone``
(an IANA name such as ``Asia/Damascus``; UTC by default), daylight saving included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from tawthiq.entities import Protected
from tawthiq.errors import ParseError
from tawthiq.ingest._text import decode_text, detect_language
from tawthiq.ingest._types import Draft, ReadContext, Reader
from tawthiq.text.bidi import BIDI_CONTROLS

__all__ = ["CHAT_READER", "looks_like_chat", "read_chat"]

_TS = r"(\d{1,2})[/.](\d{1,2})[/.](\d{2,4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([AaPp])\.?\s?[Mm]\.?)?"
_ANDROID = re.compile(rf"^{_TS}\s+-\s+(.*)$")
_IOS = re.compile(rf"^\[{_TS}\]\s+(.*)$")
# What an export may put before a message line's timestamp: any bidi control (text/bidi.BIDI_CONTROLS,
# the one list of them; this set listed LRM, RLM, LRE and PDF only) and a BOM
_MARKS = BIDI_CONTROLS + "\ufeff"
_SENDER = re.compile(r"^([^:\n]{1,80}?):\s(.*)$", re.DOTALL)


@dataclass
class _Msg:
    line: int
    a: int
    b: int
    year: int
    clock: time | None  # the line's time of day; None if it is no time (25:70)
    sender: str | None
    lines: list[str]


def _match(line: str) -> re.Match[str] | None:
    line = line.lstrip(_MARKS)
    return _ANDROID.match(line) or _IOS.match(line)


def _clock(m: re.Match[str]) -> time | None:
    """The time of day a message line gives (``21:04``, ``9:04 PM``, ``21:04:11``), or None when
    it is no time: the line still starts a message, whose contact is then logged at noon."""
    hour, minute, second = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
    if m.group(7):  # 12-hour clock: 12 AM is midnight, 12 PM noon
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m.group(7) in "Pp" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def looks_like_chat(text: str) -> bool:
    for line in text.split("\n")[:20]:
        if line.strip():
            return _match(line) is not None
    return False


def _order(msgs: list[_Msg], ctx: ReadContext) -> str:
    if ctx.chat_date_order in ("dmy", "mdy"):
        return ctx.chat_date_order
    dmy = next((m for m in msgs if m.a > 12), None)
    mdy = next((m for m in msgs if m.b > 12), None)
    if dmy and mdy:
        raise ParseError(
            f"dates mix day-first (line {dmy.line}) and month-first (line {mdy.line}) order",
            path=ctx.path,
            line=mdy.line,
            field="date",
        )
    return "mdy" if mdy else "dmy"


def read_chat(ctx: ReadContext) -> list[Draft]:
    text, _enc = decode_text(ctx.data, str(ctx.path))
    msgs: list[_Msg] = []
    for n, raw in enumerate(text.split("\n"), 1):
        m = _match(raw)
        if m:
            a, b, y, rest = int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(8)
            sm = _SENDER.match(rest)
            msgs.append(
                _Msg(
                    n,
                    a,
                    b,
                    y + 2000 if y < 100 else y,
                    _clock(m),
                    sm.group(1).strip() if sm else None,
                    [sm.group(2) if sm else rest],
                )
            )
        elif msgs:
            msgs[-1].lines.append(raw)
        elif raw.strip():
            raise ParseError("not a chat export: the first line has no timestamp", path=ctx.path, line=n)
    if not msgs:
        raise ParseError("no messages in the chat export", path=ctx.path)
    order = _order(msgs, ctx)
    zone = ZoneInfo(ctx.chat_timezone)  # checked by check_timezone before any file is read
    drafts: list[Draft] = []
    for msg in msgs:
        if msg.sender is None:
            continue  # a system notice
        day, month = (msg.a, msg.b) if order == "dmy" else (msg.b, msg.a)
        try:
            when = date(msg.year, month, day)
        except ValueError:
            raise ParseError(
                f"{msg.a}/{msg.b}/{msg.year} is not a date in {order} order",
                path=ctx.path,
                line=msg.line,
                field="date",
            ) from None
        body = "\n".join(msg.lines).strip("\n")
        drafts.append(
            Draft(
                body=body,
                published_at=when,
                language=detect_language(body),
                sender=Protected(msg.sender.strip(_MARKS)),
                sent_at=(
                    datetime.combine(when, msg.clock, tzinfo=zone).astimezone(UTC) if msg.clock else None
                ),
            )
        )
    if not drafts:
        raise ParseError("the chat export has only system notices, no messages", path=ctx.path)
    return drafts


def _accepts(path: Path, head: bytes) -> bool:
    if path.suffix.lower() != ".txt":
        return False
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    text = head.decode("utf-16" if utf16 else "utf-8", errors="ignore")
    return looks_like_chat(text.replace("\r\n", "\n"))


CHAT_READER = Reader(
    name="whatsapp", channel="chat", media_type="text/plain", accepts=_accepts, read=read_chat, priority=30
)
