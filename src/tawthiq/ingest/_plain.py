"""Plain-text reports: bytes in, one Draft out. Pure.

The title is the first non-empty line when it is short (a headline); the body is the
whole text, headline included, so character spans stay the spans of the text as stored.
With ``--published-from-header`` the header block at the top (``KEY: value`` lines, any keys:
:func:`tawthiq.ingest.read_header`) is read and removed from the body; a malformed ``DATE:`` is a
warning and the report is kept without a date.
"""

from __future__ import annotations

from pathlib import Path

from tawthiq.errors import ParseError
from tawthiq.ingest._headers import split_header
from tawthiq.ingest._text import decode_text, detect_language
from tawthiq.ingest._types import Draft, ReadContext, Reader
from tawthiq.text.blank import is_blank

__all__ = ["TEXT_READER", "first_line_title", "read_text"]

_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


def first_line_title(text: str) -> str | None:
    """The first non-empty line, stripped, when it is short enough for a headline (≤ 300 characters).

    The one rule for a text with no ``TITLE:``: ingest's text reader and ``tawthiq extract FILE``
    both call it (a 10 MB one-line report has no title, not a 10 MB one).
    """
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip()
        if line:
            return line if len(line) <= 300 else None
        pos = end + 1
    return None


def read_text(ctx: ReadContext) -> list[Draft]:
    text, _enc = decode_text(ctx.data, str(ctx.path))
    meta: dict = {}
    if ctx.from_header:
        text, meta = split_header(text, str(ctx.path))
    if is_blank(text):
        # the words extraction notes a header alone with (app.extract.EMPTY_REPORT); only rules
        # and marks ("----", "* * *", U+200F) are no text either: were stored with language und
        raise ParseError(
            "empty report: no text below the header (the file holds only whitespace, rules and marks,"
            " or a header)",
            path=ctx.path,
            field="body",
        )
    return [
        Draft(
            body=text,
            title=meta.get("title") or first_line_title(text),
            published_at=meta.get("published_at"),
            published_precision=meta.get("published_precision"),
            language=meta.get("language") or detect_language(text),
            source=meta.get("source"),
            url=meta.get("url"),
            metadata=meta.get("metadata", {}),
            warnings=tuple(meta.get("warnings", ())),
        )
    ]


def _accepts(path: Path, head: bytes) -> bool:
    return True  # the fallback: anything no other reader claims is tried as text


TEXT_READER = Reader(
    name="text", channel="file", media_type="text/plain", accepts=_accepts, read=read_text, priority=90
)
