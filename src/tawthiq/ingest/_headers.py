"""Per-file metadata a folder of reports carries itself: header lines and sidecar files. Pure.

In: a report's text, or the text of ``NAME.meta.json``. Out: the text without its header,
and a dict with ``published_at``, ``title``, ``source``, ``language``, ``url`` (whichever are
given), ``metadata`` (every other header key, kept as written) and ``warnings``.
Never: reads a file (the caller passes the text) nor guesses a date format; never drops a report
for its header (a malformed date is a warning naming the file, and the report has no date).

Header: the first lines of a text report, ``KEY: value`` each, up to the first blank line or the
first line that is not one, whatever keys it holds (issue 15: a reader that stopped at the first
key it did not know ignored ``DATE:`` below ``URL:`` and ``OUTLET:``)::

    URL: https://example.org/story
    OUTLET: Aleppo Media Centre
    DATE: 2016-12-13
    TITLE: Shelling in al-Kallaseh
    CONFLICT: syria-aleppo-2016

``DATE:``/``PUBLISHED:`` → ``published_at``; ``OUTLET:``/``SOURCE:`` → ``source``; ``TITLE:``,
``LANGUAGE:``, ``URL:`` as named. :func:`read_header` is the one reader: ingest and
``tawthiq extract FILE`` both read a file's header with it.

Three rules (docs/ingest.md): a key given twice keeps its first value, with a warning naming the
line of the second (the same rule as ``DATE:``'s; the original file keeps both); a ``URL:`` that
is not an ``http(s)://`` address is kept as written, with a warning naming the file and line (it
is still the only pointer to the original), and is never made a link nor published; a key that
names a person (:data:`PERSON_KEYS`: ``CONTACT:``, ``REPORTER:``, ``PHONE:``…) keeps its key with
the value ``‹protected›``: the value itself stays only in the sealed original.

Sidecar: ``report.txt.meta.json`` or ``report.meta.json`` beside ``report.txt``, a JSON
object with ``published_at`` (or ``published`` / ``date``), ``title``, ``source``, ``language``,
``url``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tawthiq.entities import DatePrecision, Protected, is_web_address
from tawthiq.errors import InputError

__all__ = [
    "PERSON_KEYS",
    "Header",
    "is_person_key",
    "parse_date",
    "parse_report_date",
    "read_header",
    "read_sidecar",
    "sidecar_for",
    "split_header",
    "url_warning",
]

# A key is a short word in capitals ("SAME_EVENT_GROUP") or one of the known keys in any case
# ("Date:"); a sentence with a colon ("Warning: ...", "He said: ...") is not a header line.
_LINE = re.compile(r"^([A-Z][A-Z0-9_-]{1,30}|[A-Za-z]+)[ \t]*:[ \t]*(.*?)\s*$")
_KEYS = {
    "date": "published_at",
    "published": "published_at",
    "published_at": "published_at",
    "title": "title",
    "source": "source",
    "outlet": "source",
    "language": "language",
    "lang": "language",
    "url": "url",
}
_MAX_LINES = 60
_NO_DATE = frozenset({"", "unknown", "none", "n/a", "na", "-", "?", "undated"})  # "DATE: unknown"

# Words of a header key that say its value names or reaches a person (a reporter at risk, a
# witness, a phone number): "CONTACT", "REPORTER_PHONE", "SOURCE-NAME". Such a value is never copied
# out of the sealed original (Protected.MASK instead), so no view, export or log can show it.
PERSON_KEYS = frozenset(
    {"CONTACT", "REPORTER", "AUTHOR", "BYLINE", "SENDER", "FROM", "WITNESS", "INFORMANT",
     "INTERVIEWEE", "INTERVIEWER", "CORRESPONDENT", "STRINGER", "FIXER", "NAME", "PHONE", "TEL",
     "MOBILE", "EMAIL", "MAIL", "WHATSAPP", "TELEGRAM", "SIGNAL"}
)  # fmt: skip
# Of those, the words that say "a person" only when the key does not say what else it is about:
# "NAME:", "FROM:", "SOURCE_NAME:", "VICTIM_NAME:" name a person; "PLACE_NAME:" names a place and
# "FROM_DATE:" starts a period (session 22's walk: both were masked, and their values lost).
_PERSON_UNLESS_THING = frozenset({"NAME", "FROM"})
# What such a key may be about instead: places, times, documents and organisations. Any other word
# beside NAME or FROM (or none) keeps the value masked: a word missing here costs a value shown as
# protected, never a person's name shown.
_THING_WORDS = frozenset(
    {"PLACE", "TOWN", "CITY", "VILLAGE", "DISTRICT", "NEIGHBOURHOOD", "NEIGHBORHOOD", "AREA",
     "REGION", "PROVINCE", "GOVERNORATE", "COUNTRY", "LOCATION", "SITE", "STREET", "CAMP",
     "HOSPITAL", "FACILITY", "DATE", "DAY", "TIME", "YEAR", "MONTH", "PERIOD", "FILE", "DOCUMENT",
     "REPORT", "PAGE", "EVENT", "INCIDENT", "OPERATION", "CAMPAIGN", "CONFLICT", "OUTLET",
     "PUBLICATION", "ORG", "ORGANISATION", "ORGANIZATION", "AGENCY", "UNIT", "WEAPON"}
)  # fmt: skip


def is_person_key(key: str) -> bool:
    """Whether a header key names a person. Its words (split at ``_`` and ``-``) are compared
    whole: one is a person word (:data:`PERSON_KEYS`: ``CONTACT``, ``REPORTER_PHONE``,
    ``SOURCE-NAME``), and when that word is only ``NAME`` or ``FROM``, no other word says the key
    is about a place, a time, a document or an organisation (``PLACE_NAME``, ``FROM_DATE``)."""
    words = {w for w in re.split(r"[_\-]+", key.upper()) if w}
    person = words & PERSON_KEYS
    if not person:
        return False
    return bool(person - _PERSON_UNLESS_THING) or not words & _THING_WORDS


def url_warning(value: str, *, path: str, field: str, line: int | None = None) -> str | None:
    """The warning for an address that is not ``http(s)://host…`` (kept as written), else None.

    The value is not quoted: a ``mailto:`` or ``tel:`` address would name a person."""
    if is_web_address(value):
        return None
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", value)
    starts = f" (it starts '{scheme.group(1).lower()}:')" if scheme else ""
    msg = f"not an http(s):// web address{starts}; kept as written, not shown as a link nor published"
    return str(InputError(msg, path=path, line=line, field=field))


@dataclass(frozen=True)
class Header:
    """A report's header block: what it says, where the body starts, and what was wrong with it."""

    published_at: date | None = None
    title: str | None = None
    source: str | None = None
    language: str | None = None
    url: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)  # every other key, as written
    published_precision: DatePrecision | None = None  # "month" for "DATE: 2016-12", "year" for "2016"
    warnings: tuple[str, ...] = ()
    body_start: int = 0  # character offset of the body in the text (0: no header)

    def as_meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = {
            k: v
            for k, v in (
                ("published_at", self.published_at),
                ("published_precision", self.published_precision if self.published_at else None),
                ("title", self.title),
                ("source", self.source),
                ("language", self.language),
                ("url", self.url),
            )
            if v
        }
        if self.metadata:
            meta["metadata"] = dict(self.metadata)
        if self.warnings:
            meta["warnings"] = list(self.warnings)
        return meta


def read_header(text: str, path: str) -> Header:
    """The header block at the top of ``text`` (``KEY: value`` lines), whatever keys it holds.

    A malformed date gives a warning naming the file and line, and no date: the report is kept and
    its claims get an unknown time, never the clock.
    """
    found: dict[str, Any] = {}
    metadata: dict[str, str] = {}
    warnings: list[str] = []
    first: dict[str, tuple[str, int]] = {}  # a field (or an unknown key) -> the key and line that gave it
    bad_dates: list[int] = []  # which warnings are malformed dates (their ending depends on the rest)
    pos = 0
    n = 0
    lead = 1 if text.startswith("\ufeff") else 0
    pos = lead
    while n < _MAX_LINES and pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        m = _LINE.match(line)
        if not m or (not m.group(1).isupper() and m.group(1).lower() not in _KEYS):
            break
        n += 1
        key, value = m.group(1), m.group(2)
        name = _KEYS.get(key.lower())
        slot = name or key
        if slot in first:
            was, at = first[slot]
            again = f"given again (line {at} gave {was}); the first value is kept"
            warnings.append(str(InputError(again, path=path, line=n, field=key)))
        elif name == "published_at" and value.strip().casefold() in _NO_DATE:
            # said to be unknown on purpose (62 of the 108 corpus texts): not a malformed date
            said = f"no date given ({value.strip()!r})" if value.strip() else "no date given (empty)"
            bad_dates.append(len(warnings))
            warnings.append(str(InputError(said, path=path, line=n, field=key)))
        elif name == "published_at":
            try:
                found[name], found["published_precision"] = parse_report_date(
                    value, path=path, field=key, line=n
                )
                first[slot] = (key, n)
            except InputError as exc:
                bad_dates.append(len(warnings))
                warnings.append(str(exc))
        elif name:
            if value:
                found[name] = value
                first[slot] = (key, n)
                if name == "url" and (w := url_warning(value, path=path, field=key, line=n)):
                    warnings.append(w)
        else:
            metadata[key] = Protected.MASK if is_person_key(key) and value else value
            first[slot] = (key, n)
        pos = end + 1
    if not n:
        return Header()
    for i in bad_dates:  # a malformed date above a good one: the good one dates the report
        later = "published_at" in found
        warnings[i] += (
            "; the date is taken from a later line" if later else "; the report is kept without a date"
        )
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return Header(metadata=metadata, warnings=tuple(warnings), body_start=min(pos, len(text)), **found)


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


def parse_report_date(
    value: Any, *, path: str, field: str, line: int | None = None
) -> tuple[date, DatePrecision]:
    """A report's date and how much of it is known: ``YYYY-MM-DD`` (a time after it is allowed and
    dropped) is a day, ``YYYY-MM`` a month and ``YYYY`` a year, kept as the period's first day
    (issue 17 item 5). Anything else is an :class:`InputError` naming the file, line and field."""
    if isinstance(value, str):
        s = value.strip()
        m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", s)
        if m:
            year, month = int(m.group(1)), int(m.group(2) or 1)
            if year >= 1 and 1 <= month <= 12:
                return date(year, month, 1), "month" if m.group(2) else "year"
            raise InputError(f"{value!r} is not a real month", path=path, line=line, field=field)
    return parse_date(value, path=path, field=field, line=line), "day"


def split_header(text: str, path: str) -> tuple[str, dict[str, Any]]:
    """The text without its header block, and the header as a dict (see :meth:`Header.as_meta`)."""
    head = read_header(text, path)
    if not head.body_start:
        return text, {}
    return text[head.body_start :], head.as_meta()


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
            meta["published_at"], meta["published_precision"] = parse_report_date(
                obj[key], path=str(path), field=key
            )
            break
    for key in ("title", "source", "language", "url"):
        if key in obj and obj[key] is not None:
            if not isinstance(obj[key], str):
                raise InputError("must be a string", path=path, field=key)
            meta[key] = obj[key]
    return meta
