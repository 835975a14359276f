"""Cell values of a victim list -> typed PersonRecord values (sex, age, dates, status).

In: one cell as read from CSV, XLSX or JSON (a string, a number, a date or ``None``).
Out: the typed value, ``None`` for an empty or "unknown" cell, or a ``ValueError`` whose
message says what was expected (the caller adds file, row and field).
Never: reads files, guesses a value it cannot read (a partial date keeps its precision: a
month is never turned into its first day).

Dates are read by :mod:`dateutil` (day first, as Syrian lists write them); Arabic month names
(Levantine كانون الأول and Egyptian ديسمبر) come from CLDR through :mod:`babel` and are
turned into English ones before dateutil sees them. Arabic-Indic and Persian digits are
folded with :func:`unicodedata.decimal`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from babel.dates import get_month_names
from dateutil import parser as date_parser

from tawthiq.entities import DatePrecision

__all__ = [
    "PartialDateError",
    "fold",
    "parse_age",
    "parse_date",
    "parse_partial_date",
    "parse_sex",
    "parse_status",
    "to_text",
]

_TASHKEEL = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alef, tatweel
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
_UNKNOWN = {"", "-", "--", "?", "na", "n/a", "none", "null", "unknown", "غير معروف", "غير محدد", "مجهول"}


# Every non-ASCII decimal digit (Arabic-Indic ٠-٩, Persian ۰-۹, …) to its ASCII digit.
_DIGITS = {c: str(unicodedata.decimal(chr(c))) for c in range(0x80, 0x10000) if chr(c).isdecimal()}


@lru_cache(maxsize=65536)  # a list repeats the same few words and dates thousands of times
def fold(text: str) -> str:
    """Fold a header or vocabulary word for lookup: case, Arabic letter forms, digits, spacing.

    Only for matching short vocabularies (headers, sex, status); names are normalised by
    :mod:`tawthiq.people.names`, which knows far more than this.
    """
    text = _TASHKEEL.sub("", unicodedata.normalize("NFKC", text)).translate(_ALEF).casefold()
    text = text.translate(_DIGITS)
    return " ".join(re.sub(r"[_\-:./()\[\]'’*#]+", " ", text).split())


def to_text(value: Any) -> str | None:
    """A cell as stripped text (numbers from Excel without a stray '.0'), or None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def _show(value: Any) -> str:
    """A cell for a message: its repr, cut at 40 characters (a cell can be 131,072)."""
    text = repr(to_text(value) if not isinstance(value, int | float) else value)
    return text if len(text) <= 42 else text[:40] + "…'"


def _is_unknown(value: Any) -> bool:
    text = to_text(value)
    return text is None or fold(text) in _UNKNOWN


_SEX = {
    "m": "m", "male": "m", "man": "m", "boy": "m", "ذكر": "m", "ذ": "m", "رجل": "m", "طفل": "m",
    "f": "f", "female": "f", "woman": "f", "girl": "f", "انثي": "f", "ا": "f", "امراه": "f",
    "طفله": "f", "سيده": "f",
}  # fmt: skip


def parse_sex(value: Any) -> str | None:
    """'m'/'f' from m/f, male/female, ذكر/أنثى (any hamza or final-yeh form)."""
    if _is_unknown(value):
        return None
    key = fold(to_text(value) or "")
    if key in _SEX:
        return _SEX[key]
    raise ValueError(f"{_show(value)} is not a sex (m/f, male/female, ذكر/أنثى)")


_STATUS = {
    "killed": ("killed", "dead", "deceased", "died", "martyr", "victim", "قتيل", "قتل", "مقتول",
               "شهيد", "شهيده", "استشهد", "متوفي", "متوفيه", "توفي", "ميت"),
    "detained": ("detained", "detainee", "arrested", "imprisoned", "abducted", "kidnapped", "معتقل",
                 "معتقله", "محتجز", "محتجزه", "موقوف", "اعتقل", "مخطوف", "مخطوفه", "اسير"),
    "missing": ("missing", "disappeared", "forcibly disappeared", "unknown fate", "مفقود", "مفقوده",
                "مختفي", "مختفيه", "مغيب", "مغيب قسرا", "مختفي قسرا", "مجهول المصير"),
    "injured": ("injured", "wounded", "hurt", "جريح", "جريحه", "مصاب", "مصابه", "اصيب"),
}  # fmt: skip
_STATUS_KEYS = {fold(word): status for status, words in _STATUS.items() for word in words}


def parse_status(value: Any) -> str:
    """killed / detained / missing / injured from English or Arabic words; 'unknown' when empty."""
    if _is_unknown(value):
        return "unknown"
    key = fold(to_text(value) or "")
    if key in _STATUS_KEYS:
        return _STATUS_KEYS[key]
    raise ValueError(f"{_show(value)} is not a status (killed, detained, missing, injured)")


_AGE = re.compile(r"^(\d{1,3})(?:\s*(?:years?|yrs?|y|عام|عاما|سنه|سنوات|سنين))?$")


_NEGATIVE = re.compile(r"^\s*[-\u2212\u2010\u2011\u2012\u2013]\s*[0-9\u0660-\u0669\u06f0-\u06f9]+\s*$")


def parse_age(value: Any) -> int | None:
    """Whole years, 0–120, from '34', '٣٤', '34 years', '34 سنة' or an Excel number.

    A negative whole number ('-1', the usual placeholder of a list for "age not known") is
    read as unknown, neither refused nor read without its sign.
    """
    if _is_unknown(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and value < 0:
            return None
        if float(value).is_integer() and 0 <= value <= 120:
            return int(value)
        raise ValueError(f"{_show(value)} is not an age in whole years (0–120)")
    text = to_text(value) or ""
    if _NEGATIVE.match(text):
        return None
    match = _AGE.match(fold(text))
    if not match or int(match.group(1)) > 120:
        raise ValueError(f"{_show(text)} is not an age in whole years (0–120)")
    return int(match.group(1))


@lru_cache(maxsize=1)
def _arabic_months() -> list[tuple[str, str]]:
    """(folded Arabic month name, English name), longest first so 'تشرين الاول' beats 'تشرين'."""
    english = get_month_names("wide", locale="en")
    pairs = {}
    for loc in ("ar_SY", "ar_EG", "ar_IQ"):
        for num, name in get_month_names("wide", locale=loc).items():
            pairs[fold(name)] = english[num]
    return sorted(pairs.items(), key=lambda kv: -len(kv[0]))


class PartialDateError(ValueError):
    """A date without its year (``13 December``): the row is kept, the field left empty, the user told."""


_TWO_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def parse_partial_date(value: Any) -> tuple[date, DatePrecision] | None:
    """A date and how much of it is known: a full date (``day``), a month or a year.

    Full dates as :func:`parse_date` reads them; ``12/2016``, ``2016-12``, ``December 2016`` and
    ``كانون الأول ٢٠١٦`` are the month (2016-12-01, ``month``), ``2016`` and ``عام 2016`` the year
    (2016-01-01, ``year``) — kept with their precision, never shown as their first day (issue 17).
    A date without a year is a :class:`PartialDateError`.
    """
    if _is_unknown(value):
        return None
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    return _parse_date_text(to_text(value) or "")


def parse_date(value: Any) -> date | None:
    """A full date (day, month, year) from ISO, day-first numeric or month-name forms.

    Accepts 2016-12-13, 13/12/2016, 13.12.2016, ١٣/١٢/٢٠١٦, 13 December 2016,
    ١٣ كانون الأول ٢٠١٦, and Excel dates. A partial date ('12/2016', '2016') is a
    :class:`PartialDateError`: it is never turned into the first of the month here (lists keep
    it with its precision through :func:`parse_partial_date`).
    """
    got = parse_partial_date(value)
    if got is None:
        return None
    if got[1] != "day":
        raise PartialDateError(f"{_show(value)} is not a full date (day, month and year are needed)")
    return got[0]


_BAD_DATE = "{} is not a date (e.g. 2016-12-13 or 13/12/2016)"
# No date is written in more characters than this; a longer cell is refused before dateutil,
# whose time grows with the text (a 131,072-character cell took seconds).
_LONGEST_DATE = 64


@lru_cache(maxsize=65536)
def _parse_date_text(raw: str) -> tuple[date, DatePrecision]:
    if len(raw) > _LONGEST_DATE:
        raise ValueError(_BAD_DATE.format(_show(raw)))
    text = fold(raw)
    numeric = re.fullmatch(
        r"(\d{1,2}) (\d{1,2}) (\d{4})|(\d{4}) (\d{1,2}) (\d{1,2})"  # a day
        r"|(\d{1,2}) (\d{4})|(\d{4}) (\d{1,2})"  # a month: 12/2016, 2016-12
        r"|(\d{4})",  # a year
        text,
    )
    if numeric:  # the common case, without dateutil (whose dayfirst reads 2000-01-02 as 1 February)
        d, m, y, y2, m2, d2, m3, y3, y4, m4, y5 = numeric.groups()
        try:
            if y or y2:
                return date(int(y or y2), int(m or m2), int(d or d2)), "day"
            if y3 or y4:
                return date(int(y3 or y4), int(m3 or m4), 1), "month"
            return date(int(y5), 1, 1), "year"
        except ValueError:
            raise ValueError(_BAD_DATE.format(_show(raw))) from None
    for ar, en in _arabic_months():
        text = text.replace(ar, f" {en} ")
    text = re.sub(r"(?<=\d)\s*م(?!\w)|\b(?:عام|سنه)\b", " ", text)  # "2016م", "عام 2016"
    try:
        first, second = (date_parser.parse(text, dayfirst=True, default=d) for d in _TWO_DEFAULTS)
    except (ValueError, OverflowError):
        raise ValueError(_BAD_DATE.format(_show(raw))) from None
    if first.year != second.year:
        raise PartialDateError(f"{_show(raw)} has no year")
    if first.month != second.month:
        return date(first.year, 1, 1), "year"
    if first.day != second.day:
        return date(first.year, first.month, 1), "month"
    return first.date(), "day"
