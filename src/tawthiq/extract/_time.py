"""When a claim happened: dates and relative expressions resolved against the publication date.

In: a sentence and an anchor date (the report's dateline, else ``--published``; None when the report
has no known date). Out: :class:`tawthiq.entities.TimeSpan` (start, end, precision per
../shared/eval/CLAIMS.md), and :func:`parse_published` for the ``--published`` option. Never: reads a
clock (``date.today()`` is never used: the same text and anchor always give the same answer). With
no anchor, only dates that carry their year resolve; everything relative ("on Monday",
"yesterday", "December 12") is unknown time, never today. A month ("in September 2016") keeps
precision ``month`` and a year ("in 2015") precision ``year``.

Hand-written rules, on purpose: dateparser and dateutil resolve one date string, but a report's time
expressions are clauses ("overnight on Monday", "since September", "between November 17 and
December 13, 2016", "last month") whose meaning is a span relative to publication, not a date.
Month names and weekday names come from the standard library's calendar module.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from tawthiq.entities import TimeSpan
from tawthiq.errors import InputError

__all__ = ["find_dateline", "parse_published", "resolve_time", "told_time"]

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MON = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_MDY = re.compile(rf"\b({_MON})\s*(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON})(?:,?\s+(\d{{4}}))?\b", re.I)
# day first, as the press outside the US writes it: 21/11/2016, 21.11.2016, 21-11-2016; or ISO
_NUMERIC = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
# "on the 13th": a day of the month the anchor is in (or the month before, when that day is still to come)
_ORDINAL_DAY = re.compile(rf"\bon the (\d{{1,2}})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{_MON})", re.I)
_AGO = re.compile(
    r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(days?|weeks?)\s+ago\b", re.I
)
_BETWEEN = re.compile(
    r"\b(?:between|from)\s+(.{3,30}?)\s+(?:and|to|until|-)\s+(.{3,30}?)(?=[,.;)]|\s[a-z]|$)", re.I
)
_WEEKDAY = re.compile(
    rf"\b(overnight\s+(?:on\s+)?|(?:on\s+)?the\s+night\s+of\s+|late\s+(?:on\s+)?|early\s+(?:on\s+)?|on\s+|last\s+)?"
    rf"({_DAY})(\s+(?:night|evening|morning|afternoon))?",
    re.I,
)
# a weekday as datelines abbreviate it, only after "on" and with its dot ("on Sun.", "on Thurs.")
_DAY_ABBR = {"mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "thu": "thursday"}
_DAY_ABBR.update(
    {"thur": "thursday", "thurs": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday"}
)
_WEEKDAY_ABBR = re.compile(r"\bon\s+(" + "|".join(sorted(_DAY_ABBR, key=len, reverse=True)) + r")\.", re.I)
# "Saturday the 3rd": the day of the month decides, the weekday only names it
_WEEKDAY_THE_NTH = re.compile(
    rf"\b{_DAY},?\s+the\s+(\d{{1,2}})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{_MON})", re.I
)
# "the weekend" before the report: its Saturday and Sunday (not after the anchor)
_WEEKEND = re.compile(r"\b(?:last|this|over the|at the|during the|on the)\s+weekend\b", re.I)
# ordinal words of the days of a month ("the third of December")
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_ORDINAL_WORD = {w: i + 1 for i, w in enumerate(_ORDINALS)}
_ORDINAL_WORD.update({f"twenty-{w}": 21 + i for i, w in enumerate(_ORDINALS[:9])})
_ORDINAL_WORD.update({"thirtieth": 30, "thirty-first": 31})
_WORD_DMY = re.compile(
    r"\bthe\s+("
    + "|".join(sorted(_ORDINAL_WORD, key=len, reverse=True))
    + rf")\s+of\s+({_MON})(?:,?\s+(\d{{4}}))?\b",
    re.I,
)
# a range of days in one month: "between 10 and 12 March", "from 10 to 12 March", "10-12 March",
# "the night of 12-13 December", "10 and 11 March"; "March 10-12", "between March 10 and 12"
_ORD = r"(?:st|nd|rd|th)?"
_RANGE_DM = re.compile(
    rf"\b(?:(between)\s+|(from)\s+)?(\d{{1,2}}){_ORD}\s*(-|–|—|\band\b|\bto\b|\buntil\b|\btill\b)\s*"
    rf"(\d{{1,2}}){_ORD}\s+(?:of\s+)?({_MON})(?:,?\s+(\d{{4}}))?\b",
    re.I,
)
_RANGE_MD = re.compile(
    rf"\b(?:(between)\s+|(from)\s+)?({_MON})\s*(\d{{1,2}}){_ORD}\s*(-|–|—|\band\b|\bto\b|\buntil\b|\btill\b)\s*"
    rf"(\d{{1,2}}){_ORD}\b(?!\s*(?:{_MON}))(?:,?\s+(\d{{4}}))?",
    re.I,
)


def parse_published(value: str, *, field: str = "published") -> date:
    """``YYYY-MM-DD`` → date; anything else → :class:`InputError` naming the field and the value."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise InputError(f"{str(value)[:40]!r} is not a date in the form YYYY-MM-DD", field=field)
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{value!r} is not a real calendar date", field=field) from None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# "April 15 last year", "in March of last year", "in May this year": the year named by a word
_YEAR_WORD = re.compile(r",?\s+(?:of\s+)?(last|this|the\s+previous)\s+year\b", re.I)


def _year_said(text: str, end: int, anchor: date | None) -> int | None:
    """The year a word after a date or month gives ("last year": the anchor's year before); None."""
    m = _YEAR_WORD.match(text, end)
    if m is None or anchor is None:
        return None
    return anchor.year if m.group(1).lower() == "this" else anchor.year - 1


def _year_for(month: int, day: int, anchor: date | None) -> int | None:
    """A date written without a year is the latest one not after the anchor (unknown without one)."""
    if anchor is None:
        return None
    d = _safe(anchor.year, month, min(day, 28 if month == 2 else day))
    return anchor.year if d and d <= anchor + timedelta(days=1) else anchor.year - 1


_NAMED_AFTER = re.compile(
    r"\s+(?:road|street|st\b|avenue|bridge|square|highway|brigades?|movement|revolution|camp|hospital)\b",
    re.I,
)


def _explicit_dates(text: str, anchor: date | None) -> list[tuple[int, date, bool]]:
    """(position, date, has_year) for every calendar date written in ``text``."""
    out: list[tuple[int, date, bool]] = []
    for m in _MDY.finditer(text):
        if _NAMED_AFTER.match(text, m.end()):
            continue  # "July 7 road", "the 15 March movement": a name, not a date
        mon, day, year = _MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)), m.group(3)
        y = int(year) if year else _year_said(text, m.end(), anchor) or _year_for(mon, day, anchor)
        d = _safe(y, mon, day) if y else None
        if d:
            out.append((m.start(), d, bool(year)))
    for m in _DMY.finditer(text):
        if _NAMED_AFTER.match(text, m.end()):
            continue
        day, mon, year = int(m.group(1)), _MONTHS[m.group(2).lower().rstrip(".")], m.group(3)
        y = int(year) if year else _year_said(text, m.end(), anchor) or _year_for(mon, day, anchor)
        d = _safe(y, mon, day) if y else None
        if d and not any(p <= m.start() < p + 12 for p, _, _ in out):
            out.append((m.start(), d, bool(year)))
    for m in _WORD_DMY.finditer(text):
        day, mon, year = (
            _ORDINAL_WORD[m.group(1).lower()],
            _MONTHS[m.group(2).lower().rstrip(".")],
            m.group(3),
        )
        y = int(year) if year else _year_said(text, m.end(), anchor) or _year_for(mon, day, anchor)
        d = _safe(y, mon, day) if y else None
        if d:
            out.append((m.start(), d, bool(year)))
    for m in _NUMERIC.finditer(text):
        d = (
            _safe(int(m.group(4)), int(m.group(3)), int(m.group(1)))
            if m.group(1)
            else _safe(int(m.group(5)), int(m.group(6)), int(m.group(7)))
        )
        if d:
            out.append((m.start(), d, True))
    return sorted(out)


def find_dateline(text: str, published: date) -> date | None:
    """The date a report is written for, from its first lines ("Dec.15, Aleppo:", "27 November 2016").

    Used only when it lies within a week before publication (a brief "for 21/11/2016" published the
    next day is about the 21st).
    """
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()][:6]
    # a dateline is a short header line, or the very start of the first paragraph; a date inside
    # the lede's story ("left through the crossing on 8 December") is an event date, not a dateline
    head = "\n".join(ln if len(ln) <= 100 else ln[:45] for ln in lines)
    for _, d, _ in _explicit_dates(head, published):
        if published - timedelta(days=7) <= d <= published:
            return d
    return None


def _last_weekday(name: str, anchor: date) -> date:
    delta = (anchor.weekday() - _DAYS[name.lower()]) % 7
    return anchor - timedelta(days=delta)


def _month_span(month: int, anchor: date, year: int | None = None) -> tuple[date, date]:
    """A month named without its year: the latest one not after the anchor (``year`` when a word
    gives it: "in April last year")."""
    y = year or (anchor.year if month <= anchor.month else anchor.year - 1)
    return date(y, month, 1), date(y, month, calendar.monthrange(y, month)[1])


# "last June", "this past June": the latest June before the anchor's month (a month ago or more: said in
# June, "last June" is a year back); "since last June" runs from it to the anchor
_LAST_MONTH_NAMED = re.compile(
    rf"\b(since\s+)?(?:last|this\s+past|past)\s+({_MON})\b(?!\s*\d)(?!,?\s*(?:19|20)\d\d)", re.I
)
# "last year" alone: the anchor's year before, whole; "since last year" from its first day
_LAST_YEAR = re.compile(r"\b(since\s+|(?:in|during|throughout)\s+)?(?:last|the\s+previous)\s+year\b", re.I)


# "activists said on Tuesday that ... on Monday": the day of the saying is not the day of the event
_SAYING_TIME = re.compile(
    r"\b(said|says|told \w+|announced|reported|added|stated|confirmed|tweeted|wrote)\s+"
    rf"((?:late |early )?on {_DAY}(?:,? (?:{_MON}) \d{{1,2}}(?:,? \d{{4}})?)?|today|yesterday|"
    rf"on (?:{_MON}) \d{{1,2}}(?:,? \d{{4}})?)",
    re.I,
)


_UNKNOWN = TimeSpan(start=None, end=None, precision="unknown")
# "since" just before a date or a weekday: a span from it to the report's day
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?\Z", re.I)
_MONTH_YEAR = re.compile(
    rf"\b(?:in |during |throughout |since )?(?:early |late |mid-?)?({_MON}),?\s+((?:19|20)\d\d)\b", re.I
)
_YEAR = re.compile(r"\b(?:in|during|throughout|since|mid-?|early|late)\s*((?:19|20)\d\d)\b", re.I)


def resolve_time(sentence: str, anchor: date | None) -> TimeSpan:
    """The time span a sentence gives, relative to ``anchor``; the anchor day when it gives none.

    When the sentence also dates its event, the date of the saying ("said on Tuesday") is ignored.
    With no anchor (a report with no known date) a sentence that gives no dated year has unknown
    time: start and end null, precision ``unknown``, never the machine's clock.
    """
    if anchor is None:
        return _resolve_absolute(sentence) or _UNKNOWN
    return told_time(sentence, anchor) or TimeSpan(start=anchor, end=anchor, precision="day")


# a relative clause about a noun ("the suburb of Sheikh Najjar, which was seized by the regime over the
# weekend"): its time is that noun's story, not the claim's
_RELATIVE = re.compile(r",\s+which\s+(?:was|were|had been)\s+\w+ed\b[^,;.]*", re.I)


def told_time(sentence: str, anchor: date) -> TimeSpan | None:
    """The time span a sentence's own words give, relative to ``anchor``; None when it names none."""
    sentence = _RELATIVE.sub(lambda m: " " * len(m.group(0)), sentence)
    masked = _SAYING_TIME.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), sentence)
    if masked != sentence:
        found = _resolve(masked, anchor)
        if found is not None:
            return found
    return _resolve(sentence, anchor)


def _resolve_absolute(sentence: str) -> TimeSpan | None:
    """What a sentence dates without any anchor: full dates, a month of a year, a year."""
    between = _between(sentence, None) or _day_range(sentence, None)
    if between:
        return between
    dates = _explicit_dates(sentence, None)
    if dates:
        return TimeSpan(start=dates[0][1], end=dates[0][1], precision="day")
    return _month_or_year(sentence, None)


def _month_or_year(sentence: str, anchor: date | None) -> TimeSpan | None:
    m = _MONTH_YEAR.search(sentence)
    if m:
        y, mon = int(m.group(2)), _MONTHS[m.group(1).lower().rstrip(".")]
        start, end = date(y, mon, 1), date(y, mon, calendar.monthrange(y, mon)[1])
        if m.group(0).lower().startswith("since"):
            return TimeSpan(start=start, end=anchor, precision="month")
        return TimeSpan(start=start, end=end, precision="month")
    m = _YEAR.search(sentence)
    if m and (anchor is None or int(m.group(1)) < anchor.year):
        y = int(m.group(1))
        if m.group(0).lower().startswith("since"):
            return TimeSpan(start=date(y, 1, 1), end=anchor, precision="year")
        return TimeSpan(start=date(y, 1, 1), end=date(y, 12, 31), precision="year")
    return None


def _day_range(s: str, anchor: date | None) -> TimeSpan | None:
    """A range of days of one month ("between 10 and 12 March", "10-12 March", "March 10-12").

    "and" joins two days only before the month ("10 and 11 March") or after "between"; after the
    month it may be a count ("on December 10 and 12 civilians ...")."""
    for rx, month_first in ((_RANGE_DM, False), (_RANGE_MD, True)):
        for m in rx.finditer(s):
            between, frm, joiner = m.group(1), m.group(2), m.group(5 if month_first else 4).lower()
            if month_first:
                mon, a, b, year = m.group(3), int(m.group(4)), int(m.group(6)), m.group(7)
                if joiner == "and" and not between:
                    continue
            else:
                a, b, mon, year = int(m.group(3)), int(m.group(5)), m.group(6), m.group(7)
            if not 1 <= a < b <= 31 or (between and joiner != "and") or (frm and joiner == "and"):
                continue
            month = _MONTHS[mon.lower().rstrip(".")]
            y = int(year) if year else _year_for(month, a, anchor)
            start, end = (_safe(y, month, a), _safe(y, month, b)) if y else (None, None)
            if start and end:
                return TimeSpan(start=start, end=end, precision="days")
    return None


def _between(s: str, anchor: date | None) -> TimeSpan | None:
    for m in _BETWEEN.finditer(s):
        a, b = _explicit_dates(m.group(1), anchor), _explicit_dates(m.group(2), anchor)
        if a and b:
            end = b[0][1]
            start = a[0][1]
            if not a[0][2] and start.replace(year=end.year) <= end:
                start = _safe(end.year, start.month, start.day) or start
            if start > end:
                start = _safe(end.year - 1, start.month, start.day) or start
            return TimeSpan(start=start, end=end, precision="days")
    return None


def _resolve(sentence: str, anchor: date) -> TimeSpan | None:
    s = sentence
    low = s.lower()
    # an explicit range of dates: "between November 17 and December 13, 2016"
    between = _between(s, anchor) or _day_range(s, anchor)
    if between:
        return between
    dates = _explicit_dates(s, anchor)
    if dates:
        d = dates[0][1]
        if _SINCE_BEFORE.search(s, 0, dates[0][0]) and d < anchor:
            # "killed since 10 May": from that day to the report's, not on it
            return TimeSpan(start=d, end=anchor, precision="days")
        return TimeSpan(start=d, end=d, precision="day")
    m = _WEEKDAY_THE_NTH.search(s)
    if m:  # "on Saturday the 3rd": read as "on the 3rd"
        s = s[: m.start()] + "on the " + m.group(1) + "th" + s[m.end() :]
    elif _WEEKDAY_ABBR.search(s):  # "on Sun." is "on Sunday"
        s = _WEEKDAY_ABBR.sub(lambda m: "on " + _DAY_ABBR[m.group(1).lower()] + " ", s)
    # "since March" runs from the last March; "since March 2013" names its year (read below)
    m = re.search(rf"\bsince\s+(?:early\s+|late\s+|mid-?)?({_MON})\b(?!,?\s*(?:19|20)\d\d)", low)
    if m:
        start, _ = _month_span(_MONTHS[m.group(1).rstrip(".")], anchor)
        return TimeSpan(start=start, end=anchor, precision="month")
    m = _WEEKDAY.search(s)
    if m:
        day = _last_weekday(m.group(2), anchor)
        if not m.group(1) and _SINCE_BEFORE.search(s, 0, m.start()) and day < anchor:
            return TimeSpan(start=day, end=anchor, precision="days")  # "since Friday"
        lead = (m.group(1) or "").lower()
        if lead.startswith("last") and day == anchor:
            day -= timedelta(days=7)
        tail = (m.group(3) or "").lower()
        if "overnight" in lead or "night" in lead or "night" in tail:
            return TimeSpan(start=day, end=day + timedelta(days=1), precision="day")
        return TimeSpan(start=day, end=day, precision="day")
    m = _WEEKEND.search(s)
    if m:  # the last Saturday not after the anchor, and its Sunday
        sat = _last_weekday("saturday", anchor)
        return TimeSpan(start=sat, end=min(sat + timedelta(days=1), anchor), precision="days")
    if "day before yesterday" in low:
        day = anchor - timedelta(days=2)
        return TimeSpan(start=day, end=day, precision="day")
    m = _AGO.search(s)
    if m:  # "three days ago", "a week ago"
        n = {"a": 1, "an": 1}.get(m.group(1).lower()) or _back_count(m.group(1))
        if n:
            if m.group(2).lower().startswith("day"):
                day = anchor - timedelta(days=n)
                return TimeSpan(start=day, end=day, precision="day")
            start = anchor - timedelta(days=7 * n)
            return TimeSpan(start=start, end=start + timedelta(days=6), precision="week")
    m = _ORDINAL_DAY.search(s)
    if m:
        n = int(m.group(1))
        nth = _safe(anchor.year, anchor.month, n) if 1 <= n <= 31 else None
        if nth is not None and nth > anchor:
            y, mo = divmod(anchor.year * 12 + anchor.month - 2, 12)
            nth = _safe(y, mo + 1, n)
        if nth is not None:
            return TimeSpan(start=nth, end=nth, precision="day")
    if re.search(r"\b(?:yesterday|last night)\b", low):
        day = anchor - timedelta(days=1)
        return TimeSpan(start=day, end=anchor if "night" in low else day, precision="day")
    if re.search(r"\bovernight\b", low):
        return TimeSpan(start=anchor - timedelta(days=1), end=anchor, precision="day")
    if re.search(r"\b(?:today|this morning|this afternoon|this evening|tonight)\b", low):
        return TimeSpan(start=anchor, end=anchor, precision="day")
    if re.search(r"\blast week\b", low):
        monday = anchor - timedelta(days=anchor.weekday() + 7)
        return TimeSpan(start=monday, end=monday + timedelta(days=6), precision="week")
    if re.search(r"\bthis week\b", low):
        monday = anchor - timedelta(days=anchor.weekday())
        return TimeSpan(start=monday, end=anchor, precision="week")
    if re.search(r"\blast month\b", low):
        first = anchor.replace(day=1) - timedelta(days=1)
        return TimeSpan(start=first.replace(day=1), end=first, precision="month")
    if re.search(r"\bsince the (?:start|beginning) of the year\b", low):
        return TimeSpan(start=anchor.replace(month=1, day=1), end=anchor, precision="month")
    if re.search(r"\bsince the (?:start|beginning) of the week\b", low):
        return TimeSpan(start=anchor - timedelta(days=anchor.weekday()), end=anchor, precision="week")
    m = re.search(rf"\b({_MON})\s+(?:of\s+)?this\s+year\b", low)
    if m:  # "in May this year": that month of the report's year, not the year so far
        month = _MONTHS[m.group(1).rstrip(".")]
        if month <= anchor.month:
            start, end = _month_span(month, anchor, anchor.year)
            return TimeSpan(start=start, end=min(end, anchor), precision="month")
    if re.search(r"\b(?:so far this year|earlier this year|this year)\b", low):
        return TimeSpan(start=anchor.replace(month=1, day=1), end=anchor, precision="year")
    if re.search(r"\b(?:earlier this month|this month|since the (?:start|beginning) of the month)\b", low):
        return TimeSpan(start=anchor.replace(day=1), end=anchor, precision="month")
    m = re.search(r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(\d+)\s+hours\b", low)
    if m:  # "in the last 48 hours": the days those hours cover
        days = max(1, -(-int(m.group(1)) // 24))
        return TimeSpan(start=anchor - timedelta(days=days), end=anchor, precision="days")
    m = re.search(r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(week|month)\b", low)
    if m:  # "in the past week": the seven days before the report
        back = timedelta(days=7 if m.group(1) == "week" else 30)
        return TimeSpan(start=anchor - back, end=anchor, precision=m.group(1))
    m = re.search(r"\b(?:in|over|during)\s+the\s+(?:past|last)\s+(\w+)\s+(days|weeks)\b", low)
    if m:
        from tawthiq.extract._numbers import parse_count

        c = parse_count(m.group(1))
        n = (c.low or c.high) if c else None
        if n:
            back = timedelta(days=n * (7 if m.group(2) == "weeks" else 1))
            return TimeSpan(
                start=anchor - back, end=anchor, precision="days" if m.group(2) == "days" else "week"
            )
        return TimeSpan(start=None, end=anchor, precision="days" if m.group(2) == "days" else "week")
    m = re.search(r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(\w+)\s+months\b", low)
    if m:  # "over the past three months": from the first day of the month that long back
        span = _back(m.group(1), "months", anchor)
        if span is not None:
            return span
    m = re.search(r"\bthe first (\w+) months of (?:the|this) year\b", low)
    if m:  # "in the first six months of the year": from 1 January
        return TimeSpan(start=anchor.replace(month=1, day=1), end=anchor, precision="month")
    m = re.search(
        r"\b(?:(?:in|after|over)\s+(\w+)\s+(days|weeks|months)\s+of|"
        r"(?:in|over|during)\s+the\s+(\w+)\s+(days|weeks|months)\s+since)\b",
        low,
    )
    if m:  # "in two weeks of fighting", "in the four months since the battle began": that long back
        span = _back(m.group(1) or m.group(3), m.group(2) or m.group(4), anchor)
        if span is not None:
            return span
    if re.search(
        r"\b(?:in recent days|over the (?:last|past) (?:few|several) days|in the past few days)\b", low
    ):
        return TimeSpan(start=None, end=anchor, precision="days")
    if re.search(r"\b(?:in recent weeks|over the (?:last|past) (?:few|several) weeks)\b", low):
        return TimeSpan(start=None, end=anchor, precision="week")
    m = _LAST_MONTH_NAMED.search(s)
    if m:
        month = _MONTHS[m.group(2).lower().rstrip(".")]
        year = anchor.year if month < anchor.month else anchor.year - 1
        start, end = _month_span(month, anchor, year)
        if m.group(1):
            return TimeSpan(start=start, end=anchor, precision="month")
        return TimeSpan(start=start, end=end, precision="month")
    m = re.search(
        rf"\b(?:in|during|throughout)\s+(?:the\s+month\s+of\s+)?(?:early\s+|late\s+|mid-?)?({_MON})\b(?!\s*\d)",
        low,
    )
    if m:
        start, end = _month_span(_MONTHS[m.group(1).rstrip(".")], anchor, _year_said(low, m.end(), anchor))
        return TimeSpan(start=start, end=end, precision="month")
    found = _month_or_year(s, anchor)
    if found is None:
        m = _LAST_YEAR.search(s)
        if m:
            y = anchor.year - 1
            if (m.group(1) or "").lower().startswith("since"):
                return TimeSpan(start=date(y, 1, 1), end=anchor, precision="year")
            return TimeSpan(start=date(y, 1, 1), end=date(y, 12, 31), precision="year")
    return found


def _back_count(word: str) -> int | None:
    from tawthiq.extract._numbers import parse_count

    c = parse_count(word)
    return (c.low or c.high) if c and c.qualifier == "exact" else None


def _back(count: str, unit: str, anchor: date) -> TimeSpan | None:
    """N days, weeks or months before the anchor up to it; a month count starts on its month's first day."""
    from tawthiq.extract._numbers import parse_count

    c = parse_count(count)
    n = (c.low or c.high) if c and c.qualifier == "exact" else None
    if not n or n > 120:
        return None
    if unit == "months":
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
        return TimeSpan(start=date(y, mo + 1, 1), end=anchor, precision="month")
    days = n * (7 if unit == "weeks" else 1)
    return TimeSpan(
        start=anchor - timedelta(days=days), end=anchor, precision="days" if unit == "days" else "week"
    )
