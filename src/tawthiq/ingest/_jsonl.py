"""JSON lines: one report per line, one JSON object each. Pure.

Fields of a line: ``body`` (or ``text``; required, a non-empty string), ``title``,
``published_at`` (or ``published``; ``YYYY-MM-DD``), ``language``, ``source`` (a Source label),
``sender`` (protected), ``url``. Every bad line is collected and the file is refused with
all of them (``InputErrors``: line and field each), so nothing is half-imported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tawthiq.entities import Protected
from tawthiq.errors import InputError, InputErrors
from tawthiq.ingest._headers import parse_date
from tawthiq.ingest._text import decode_text, detect_language
from tawthiq.ingest._types import Draft, ReadContext, Reader

__all__ = ["JSONL_READER", "read_jsonl"]

_KNOWN = {"body", "text", "title", "published_at", "published", "language", "source", "sender", "url", "id"}


def _str(obj: dict[str, Any], key: str, path: str, line: int) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(f"must be a string, not {type(value).__name__}", path=path, line=line, field=key)
    return value


def _line(obj: Any, path: str, line: int) -> Draft:
    if not isinstance(obj, dict):
        raise InputError(f"a line must be a JSON object, not {type(obj).__name__}", path=path, line=line)
    unknown = sorted(set(obj) - _KNOWN)
    if unknown:
        raise InputError(
            f"unknown field (known: {', '.join(sorted(_KNOWN))})", path=path, line=line, field=unknown[0]
        )
    key = "body" if "body" in obj else "text"
    body = _str(obj, key, path, line)
    if not body or not body.strip():
        raise InputError(
            "missing or empty: every line needs the report's text", path=path, line=line, field="body"
        )
    published = None
    for k in ("published_at", "published"):
        if obj.get(k) is not None:
            published = parse_date(obj[k], path=path, field=k, line=line)
    sender = _str(obj, "sender", path, line)
    return Draft(
        body=body,
        title=_str(obj, "title", path, line),
        published_at=published,
        language=_str(obj, "language", path, line) or detect_language(body),
        sender=Protected(sender) if sender else None,
        source=_str(obj, "source", path, line),
    )


def read_jsonl(ctx: ReadContext) -> list[Draft]:
    text, _enc = decode_text(ctx.data, str(ctx.path))
    path = str(ctx.path)
    drafts: list[Draft] = []
    errors: list[InputError] = []
    for n, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(InputError(f"not JSON ({exc.msg}, column {exc.colno})", path=path, line=n))
            continue
        try:
            drafts.append(_line(obj, path, n))
        except InputError as exc:
            errors.append(exc)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors[:50], path=path)
    if not drafts:
        raise InputError("no reports: the file has no non-empty lines", path=path)
    return drafts


def _accepts(path: Path, head: bytes) -> bool:
    return path.suffix.lower() in (".jsonl", ".ndjson")


JSONL_READER = Reader(
    name="jsonl",
    channel="jsonl",
    media_type="application/x-ndjson",
    accepts=_accepts,
    read=read_jsonl,
    priority=10,
)
