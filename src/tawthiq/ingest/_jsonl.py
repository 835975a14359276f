"""JSON lines: one report per line, one JSON object each. Pure.

Fields of a line: ``body`` (or ``text``; required, a non-empty string), ``title``,
``published_at`` (or ``published``; ``YYYY-MM-DD``), ``language``, ``source`` (a Source label),
``sender`` (protected), ``url``. Every bad line is collected and the file is refused with
all of them (``InputErrors``: line and field each), so nothing is half-imported.

:func:`load_json_line` is the one place a line of JSON is parsed (here and for JSON-lines
victim lists): whatever the standard library raises on hostile JSON — ``RecursionError`` on
thousands of nested brackets, ``ValueError`` on an integer over 4,300 digits, a lone UTF-16
surrogate (``"\\ud800"``) or a NUL (``"\\u0000"``) that no database can store,
``NaN``/``Infinity`` that are not JSON — comes back as a :class:`~tawthiq.errors.ParseError`
naming the file, line and field.
A record ``id`` used twice in one file is refused with both lines.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tawthiq.entities import Protected
from tawthiq.errors import InputError, InputErrors, ParseError
from tawthiq.ingest._headers import parse_report_date, url_warning
from tawthiq.ingest._text import decode_text, detect_language
from tawthiq.ingest._types import Draft, ReadContext, Reader

__all__ = ["JSONL_READER", "load_json_line", "read_jsonl"]

_KNOWN = {"body", "text", "title", "published_at", "published", "language", "source", "sender", "url", "id"}


_UNSTORABLE_ESCAPE = re.compile(r"\\u(?:[dD][89a-fA-F]|0000)")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _unstorable_field(obj: Any) -> str | None:
    """The top-level field (or "" for the line itself) holding a NUL or a lone surrogate."""
    tops = list(obj.items()) if isinstance(obj, dict) else [("", obj)]
    for top, value in tops:
        stack = [top, value]  # keys can hold surrogates too
        while stack:
            v = stack.pop()
            if isinstance(v, str):
                if _UNSTORABLE.search(v):
                    return top if isinstance(top, str) and not _UNSTORABLE.search(top) else ""
            elif isinstance(v, dict):
                stack.extend(v.keys())
                stack.extend(v.values())
            elif isinstance(v, list):
                stack.extend(v)
    return None


def load_json_line(raw: str, *, path: str | Path, line: int) -> Any:
    """One line of JSON -> its value; every failure a :class:`ParseError` (file, line, field)."""
    try:
        obj = json.loads(raw, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not JSON ({exc.msg}, column {exc.colno})", path=path, line=line) from None
    except RecursionError:
        raise ParseError("not JSON we read: nested too deeply", path=path, line=line) from None
    except ValueError as exc:
        msg = str(exc) if "is not a JSON value" in str(exc) else "a number over 4,300 digits"
        raise ParseError(f"not JSON we read: {msg}", path=path, line=line) from None
    if _UNSTORABLE_ESCAPE.search(raw):
        fld = _unstorable_field(obj)
        if fld is not None:
            raise ParseError(
                "holds a NUL (\\u0000) or a lone UTF-16 surrogate (\\ud800-\\udfff): "
                "not characters a text can hold",
                path=path,
                line=line,
                field=fld or None,
            )
    return obj


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
    published, precision = None, None
    for k in ("published_at", "published"):
        if obj.get(k) is not None:
            published, precision = parse_report_date(_str(obj, k, path, line), path=path, field=k, line=line)
    sender = _str(obj, "sender", path, line)
    url = _str(obj, "url", path, line)
    warned = url_warning(url, path=path, field="url", line=line) if url else None
    return Draft(
        body=body,
        title=_str(obj, "title", path, line),
        published_at=published,
        published_precision=precision,
        language=_str(obj, "language", path, line) or detect_language(body),
        sender=Protected(sender) if sender else None,
        source=_str(obj, "source", path, line),
        url=url,
        warnings=(warned,) if warned else (),
    )


def read_jsonl(ctx: ReadContext) -> list[Draft]:
    """One draft per non-empty line. A bad line refuses the file with every bad line named,
    unless ``ctx.per_record``: then each bad line comes back in its place as a draft holding its
    ``failure`` and the good lines are kept (a file of nothing but bad lines is still refused)."""
    text, _enc = decode_text(ctx.data, str(ctx.path))
    path = str(ctx.path)
    drafts: list[Draft] = []
    errors: list[InputError] = []
    first_line_of: dict[str, int] = {}
    for n, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        try:
            obj = load_json_line(raw, path=path, line=n)
            draft = _line(obj, path, n)
            rid = obj.get("id")
            if isinstance(rid, str | int) and not isinstance(rid, bool):
                key = str(rid)
                if key in first_line_of:
                    raise InputError(
                        f"already used on line {first_line_of[key]}", path=path, line=n, field="id"
                    )
                first_line_of[key] = n
        except InputError as exc:
            errors.append(exc)
            drafts.append(Draft(body="", failure=exc))
            continue
        drafts.append(draft)
    if errors and (not ctx.per_record or len(errors) == len(drafts)):
        if len(errors) == 1:
            raise errors[0]
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
