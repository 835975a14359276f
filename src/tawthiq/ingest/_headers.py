"""Per-file metadata a folder of reports carries itself: header lines and sidecar files. Pure.

In: a report's text, or the text of ``NAME.meta.json``. Out: the text without its header,
and a dict with ``published_at``, ``title``, ``source``, ``language`` (whichever are given).
Never: reads a file (the caller passes the text) nor guesses a date format.

Header: the first lines of a text report, up to the first blank line or non-header line::

    DATE: 2016-12-13
    TITLE: Shelling in al-Kallaseh
    SOURCE: Aleppo Media Centre

Sidecar: ``report.txt.meta.json`` or ``report.meta.json`` beside ``report.txt``, a JSON
object with ``published_at`` (or ``published`` / ``date``), ``title``, ``source``, ``language``.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from tawthiq.errors import InputError

__all__ = ["parse_date", "read_sidecar", "sidecar_for", "split_header"]

_HEADER = re.compile(r"^(DATE|TITLE|SOURCE|LANGUAGE)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_KEYS = {"date": "published_at", "title": "title", "source": "source", "language": "language"}


def parse_date(value: Any, *, path: str, field: str, line: int | None = None) -> date:
    """A ``YYYY-MM-DD`` date (a time after it is allowed and dropped), or :class:`InputError`."""
    if isinstance(value, str):
        s = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s[:10]) and (len(s) == 10 or s[10] in "T "):
            try:
                return date.fromisoformat(s[:10])
            except ValueError:
                raise InputError(f"{value!r} is not a real date", path=path, line=line, field=field) from None
    raise InputError(f"{value!r} is not a date YYYY-MM-DD", path=path, line=line, field=field)


def split_header(text: str, path: str) -> tuple[str, dict[str, Any]]:
    """Strip the ``DATE:``/``TITLE:``/``SOURCE:`` lines at the top; returns (rest, meta)."""
    meta: dict[str, Any] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = _HEADER.match(lines[i].lstrip("\ufeff"))
        if not m:
            break
        key = _KEYS[m.group(1).lower()]
        value = m.group(2)
        meta[key] = parse_date(value, path=path, field="DATE", line=i + 1) if key == "published_at" else value
        i += 1
    if not meta:
        return text, meta
    while i < len(lines) and not lines[i].strip():
        i += 1
    return "\n".join(lines[i:]), meta


def sidecar_for(path: Path) -> Path | None:
    for cand in (path.with_name(path.name + ".meta.json"), path.with_name(path.stem + ".meta.json")):
        if cand.is_file():
            return cand
    return None


def read_sidecar(path: Path) -> dict[str, Any]:
    """The metadata of a sidecar file, validated; :class:`InputError` names the sidecar and field."""
    try:
        obj = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(
            f"sidecar is not readable JSON ({type(exc).__name__})", path=path, line=line
        ) from None
    if not isinstance(obj, dict):
        raise InputError("sidecar must be a JSON object", path=path)
    meta: dict[str, Any] = {}
    for key in ("published_at", "published", "date"):
        if key in obj and obj[key] is not None:
            meta["published_at"] = parse_date(obj[key], path=str(path), field=key)
            break
    for key in ("title", "source", "language"):
        if key in obj and obj[key] is not None:
            if not isinstance(obj[key], str):
                raise InputError("must be a string", path=path, field=key)
            meta[key] = obj[key]
    return meta
