"""E-mail (.eml): bytes in, one Draft out; the From: header is protected. Pure.

Parsed by the standard library (``email`` with ``policy.default``). The body is the first
``text/plain`` part, else the first ``text/html`` part through the HTML reader's text
extraction. Each part is decoded strictly in its declared charset: a part whose bytes are
not valid in that charset is refused with the part, line and byte named (no silent
replacement characters). ``Subject`` is the title, ``Date`` the publication date.

The standard library's header parsers raise more than ``ValueError`` on hostile headers
(issue 21: ``Date: Mon, 1 Jan 99999999999999999999 10:00:00 +0000`` is an ``OverflowError``
raised as the header is read): every header is read through :func:`_header`, which turns any
of them into a :class:`~tawthiq.errors.ParseError` naming the header.
"""

from __future__ import annotations

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tawthiq.entities import Protected
from tawthiq.errors import EncodingError, ParseError
from tawthiq.ingest._html import html_to_text
from tawthiq.ingest._text import detect_language
from tawthiq.ingest._types import Draft, ReadContext, Reader
from tawthiq.text.blank import is_blank

__all__ = ["EMAIL_READER", "read_email"]

_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:", re.MULTILINE)
_SURROGATE = re.compile(r"[\udc80-\udcff\ufffd]")  # raw bytes the parser could not decode
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


# What email's header parsing raises on malformed or hostile values (CPython 3.11-3.13).
_HEADER_FAILURES = (ValueError, OverflowError, TypeError, IndexError, AttributeError, LookupError)


def _why(exc: Exception) -> str:
    return "a number in it is out of range" if isinstance(exc, OverflowError) else "malformed"


def _unreadable(exc: Exception, name: str, path: Path) -> ParseError:
    return ParseError(f"unreadable header: {_why(exc)}", path=path, field=name)


def _header_value(msg: EmailMessage, name: str, path: Path) -> Any:
    try:
        return msg.get(name)
    except _HEADER_FAILURES as exc:
        raise _unreadable(exc, name, path) from None


def _header(msg: EmailMessage, name: str, path: Path) -> str | None:
    value = _header_value(msg, name, path)
    if value is None:
        return None
    try:
        text = str(value)
    except _HEADER_FAILURES as exc:
        raise _unreadable(exc, name, path) from None
    if _SURROGATE.search(text):
        raise EncodingError("header holds bytes that are not valid UTF-8", path=path, field=name)
    if "\x00" in text:
        raise EncodingError("header holds a NUL byte: not text", path=path, field=name)
    return text


def _decode_part(part: EmailMessage, index: int, path: Path) -> str:
    raw = part.get_payload(decode=True)  # a leaf part's bytes (None for a multipart)
    payload = raw if isinstance(raw, bytes) else b""
    charset = part.get_content_charset() or "us-ascii"
    if charset in ("us-ascii", "ascii") and not payload.isascii():
        charset = "utf-8"  # undeclared 8-bit text: UTF-8 is the only honest guess, checked strictly
    try:
        text = payload.decode(charset).replace("\r\n", "\n")
    except LookupError:
        raise EncodingError(
            f"MIME part {index}: unknown charset {charset!r}", path=path, field="body"
        ) from None
    except UnicodeDecodeError as e:
        line = payload.count(b"\n", 0, e.start) + 1
        byte = f" (0x{payload[e.start]:02x}, line {line} of the part)" if e.start < len(payload) else ""
        raise EncodingError(
            f"MIME part {index} ({part.get_content_type()}): declared charset {charset}, but byte "
            f"{e.start}{byte} is not valid {charset}",
            path=path,
            field="body",
        ) from None
    except (UnicodeError, ValueError):  # codecs such as punycode or idna raise without a position
        raise EncodingError(
            f"MIME part {index}: not decodable as its declared charset {charset!r}", path=path, field="body"
        ) from None
    bad = _UNSTORABLE.search(text)
    if bad:  # a NUL, or a lone surrogate from a codec such as unicode_escape named as the charset
        raise EncodingError(f"MIME part {index}: character {bad.start()} is a NUL or a lone surrogate, "
                            "not text", path=path, field="body")  # fmt: skip
    return text


def _failing_header(data: bytes) -> tuple[str | None, int | None]:
    """The first header line (of any part) the strict parser refuses: its name and line number.

    ``policy.default`` parses a part's ``Content-Type`` while it reads the message, and a value
    such as ``text/plain; cb1"`` raised IndexError there (CPython 3.11); the same value, read line
    by line, is found by the header factory that raised.
    """
    for number, raw in enumerate(data.splitlines(), 1):
        name, colon, value = raw.decode("utf-8", "surrogateescape").partition(":")
        if not colon or not _HEADER_LINE.match(raw):
            continue
        try:
            policy.default.header_factory(name, value.strip())
        except _HEADER_FAILURES:
            return name, number
    return None, None


def read_email(ctx: ReadContext) -> list[Draft]:
    if not _HEADER_LINE.match(ctx.data.lstrip()[:200]):
        raise ParseError("not an e-mail message: it does not start with header lines", path=ctx.path, line=1)
    try:
        msg = BytesParser(policy=policy.default).parsebytes(ctx.data)
    except _HEADER_FAILURES as exc:  # a part's Content-Type is parsed with the message (issue 21)
        name, line = _failing_header(ctx.data)
        raise ParseError(
            f"unreadable header: {_why(exc)}", path=ctx.path, line=line, field=name or "header"
        ) from None
    subject = _header(msg, "Subject", ctx.path)
    sender = _header(msg, "From", ctx.path)
    if subject is None and sender is None and _header_value(msg, "Date", ctx.path) is None:
        raise ParseError("not an e-mail message: no From, Subject or Date header", path=ctx.path)
    published = sent = None
    date_header = _header_value(msg, "Date", ctx.path)
    if date_header is not None:
        try:
            sent = date_header.datetime  # naive for "-0000" (zone unknown): taken as UTC later
            published = sent.date()
        except _HEADER_FAILURES:
            raise ParseError(
                f"unreadable date {str(date_header)[:40]!r}", path=ctx.path, field="Date"
            ) from None
    body = None
    parts = [p for p in msg.walk() if not p.is_multipart()]
    for want in ("text/plain", "text/html"):
        for i, part in enumerate(parts, 1):
            if part.get_content_type() == want and part.get_content_disposition() != "attachment":
                text = _decode_part(part, i, ctx.path)
                body = html_to_text(HTMLParser(text)) if want == "text/html" else text
                break
        if body is not None:
            break
    if body is None or is_blank(body):  # only rules and marks are no text either (text.blank)
        raise ParseError("the message has no text body", path=ctx.path, field="body")
    return [
        Draft(
            body=body.strip("\n"),
            title=subject,
            published_at=published,
            language=detect_language(body),
            sender=Protected(sender) if sender else None,
            sent_at=sent,
        )
    ]


def _accepts(path: Path, head: bytes) -> bool:
    return path.suffix.lower() == ".eml"


EMAIL_READER = Reader(
    name="email", channel="email", media_type="message/rfc822", accepts=_accepts, read=read_email, priority=10
)
