"""When an Arabic sentence says its event happened, resolved against the publication date.

In: a folded Arabic sentence (:func:`tawthiq.text.arabic.fold`) and an anchor date. Out:
:class:`tawthiq.entities.TimeSpan`. Never: reads a clock.

Covers dates with month names in both the Levantine (كانون الأول، تشرين الثاني، شباط …), the
Gulf/Egyptian (ديسمبر، نوفمبر، فبراير …) and the Maghrebi (جانفي، فيفري …) forms, also written
together ("تشرين الثاني/نوفمبر"); weekdays ("اليوم الأحد"، "مساء الخميس"، "ليلة الجمعة"), أمس،
أول أمس، اليوم، فجر/صباح/مساء اليوم; "الأسبوع الماضي"، "الشهر الماضي"، "خلال تشرين الثاني الماضي";
"خلال الأيام الأربعة الماضية" and "منذ بداية …" as spans.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from hijridate import Gregorian, Hijri

from tawthiq.entities import TimeSpan
from tawthiq.extract._time import _safe
from tawthiq.text.arabic import fold, fold_pattern

__all__ = ["explicit_time_ar", "find_dateline_ar", "resolve_time_ar"]


@lru_cache(maxsize=128)
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(pattern))


_MONTH_NAMES = {
    1: "كانون الثاني|يناير|جانفي|جانفييه",
    2: "شباط|فبراير|فيفري",
    3: "آذار|اذار|مارس",
    4: "نيسان|أبريل|ابريل|إبريل|أفريل",
    5: "أيار|ايار|مايو|ماي",
    6: "حزيران|يونيو|يونيه|جوان",
    7: "تموز|يوليو|يوليه|جويلية",
    8: "آب|اب|أغسطس|اغسطس|أوت",
    9: "أيلول|ايلول|سبتمبر",
    10: "تشرين الأول|أكتوبر|اكتوبر",
    11: "تشرين الثاني|نوفمبر|نونبر",
    12: "كانون الأول|ديسمبر|دجنبر",
}
# the Levantine pairs also without the article ("كانون أول"، "تشرين ثاني"), and the Moroccan names
# of the months that differ from the Gulf ones (يوليوز، غشت، شتنبر، نونبر، دجنبر)
_MONTH_NAMES[1] += "|كانون ثاني"
_MONTH_NAMES[7] += "|يوليوز"
_MONTH_NAMES[8] += "|غشت"
_MONTH_NAMES[9] += "|شتنبر"
_MONTH_NAMES[10] += "|تشرين أول"
_MONTH_NAMES[11] += "|تشرين ثاني"
_MONTH_NAMES[12] += "|كانون أول"
_MONTHS = {fold(n): m for m, names in _MONTH_NAMES.items() for n in names.split("|")}
_MON = "(?:" + "|".join(sorted((re.escape(k) for k in _MONTHS), key=len, reverse=True)) + ")"
# "تشرين الثاني/نوفمبر", "شباط / فبراير": the second name repeats the first
_MONTH = rf"({_MON})(?:\s*/\s*{_MON})?"
_YEAR = r"(?:\s+(?:من\s+)?(?:العام|عام|سنه)?\s*((?:19|20)\d\d))?"
_DMY = _rx(
    rf"(?<!\d)(?:ال\s*)?(\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?{_MONTH}(?:\s+(?:الجاري|الماضي|الحالي))?{_YEAR}"
)
# ordinal days written in words ("في الرابع من يناير"، "الحادي والعشرين من شهر آذار"): always with من
# before the month, so that "تشرين الأول" is never the first of a month
_ORDINAL_UNITS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
_ORDINALS = {fold(w): i for i, w in enumerate(_ORDINAL_UNITS, start=1)}
_ORDINALS[fold("الحادي")] = 1
_ORDINALS[fold("العاشر")] = 10
for _i, _w in enumerate(["الحادي", *_ORDINAL_UNITS[1:]], start=1):
    _ORDINALS[fold(_w + " عشر")] = 10 + _i
for _tens, _w in ((20, "العشرين"), (30, "الثلاثين")):
    _ORDINALS[fold(_w)] = _tens
    for _i, _u in enumerate(["الحادي", *_ORDINAL_UNITS[1:]], start=1):
        if _tens + _i <= 31:
            _ORDINALS[fold(_u + " و" + _w)] = _tens + _i
_ORD = "(?:" + "|".join(sorted((re.escape(k) for k in _ORDINALS), key=len, reverse=True)) + ")"
_ORD_DMY = _rx(
    rf"(?<![\u0621-\u064a])({_ORD})\s+من\s+(?:شهر\s+)?{_MONTH}(?:\s+(?:الجاري|الماضي|الحالي))?{_YEAR}"
)
# Hijri months (Gulf and official outlets: "5 رمضان 1437 هـ"، "الثالث من ذي القعدة"): a day, in digits or
# as an ordinal with من, before the month's name, so that a man named رمضان or صفر (zero) is no date;
# converted by the Umm al-Qura calendar (hijridate), which official Saudi and Gulf dating follows
_HIJRI_NAMES = {
    1: "محرم|المحرم",
    2: "صفر",
    3: "ربيع الأول|ربيع أول",
    4: "ربيع الآخر|ربيع الثاني|ربيع ثاني|ربيع آخر",
    5: "جمادى الأولى|جمادى الأول|جمادى أولى",
    6: "جمادى الآخرة|جمادى الثانية|جمادى الآخر|جمادى الثاني|جمادى ثاني",
    7: "رجب",
    8: "شعبان",
    9: "رمضان",
    10: "شوال",
    11: "ذو القعدة|ذي القعدة|ذو القعده",
    12: "ذو الحجة|ذي الحجة",
}
_HIJRI_MONTHS = {fold(n): m for m, names in _HIJRI_NAMES.items() for n in names.split("|")}
_HMON = "(" + "|".join(sorted((re.escape(k) for k in _HIJRI_MONTHS), key=len, reverse=True)) + ")"
_HIJRI_YEAR = r"(?:\s+(?:من\s+)?(?:العام|عام|سنه|لعام)?\s*(1[34]\d\d))?(?:\s*(?:هـ|ه)(?![\u0621-\u064a]))?"
_HIJRI_DMY = _rx(
    rf"(?:(?<!\d)(?:ال\s*)?(\d{{1,2}})\s+(?:من\s+)?|(?<![\u0621-\u064a])({_ORD})\s+من\s+)(?:شهر\s+)?{_HMON}"
    rf"(?![\u0621-\u064a]){_HIJRI_YEAR}"
)
_MY = _rx(
    # a part of the month between: "منذ مطلع أيار"، "في أواخر نيسان الماضي" (the month is what is known)
    r"(?:خلال|في|منذ|طوال|شهر)\s+(?:(?:مطلع|بدايه|اوايل|اول|منتصف|اواسط|اواخر|نهايه)\s+)?"
    rf"(?:شهر\s+)?{_MONTH}(?:\s+(?:الماضي|الجاري|الحالي))?{_YEAR}"
)
_DAYS = {
    fold("الاثنين"): 0,
    fold("الإثنين"): 0,
    fold("الثلاثاء"): 1,
    fold("الأربعاء"): 2,
    fold("الخميس"): 3,
    fold("الجمعة"): 4,
    fold("السبت"): 5,
    fold("الأحد"): 6,
}
_DAY = "(?:" + "|".join(sorted(_DAYS, key=len, reverse=True)) + ")"
_WEEKDAY = _rx(
    rf"(?<![\u0621-\u064a])(?:[وب])?(?:(ليله|ليل|فجر|صباح|ظهر|عصر|مساء|يوم)\s+)?({_DAY})(?![\u0621-\u064a])"
)
# two weekdays named together: "يومي السبت والأحد"، "خلال يومي الخميس والجمعة"، "ليلتي …"
_TWO_DAYS = _rx(rf"(?<![\u0621-\u064a])(?:[وب])?(?:يومي|ليلتي)\s+({_DAY})\s+و\s*({_DAY})(?![\u0621-\u064a])")
_REPORTING = _rx(r"(?:قال|قالت|افاد|افادت|ذكر|ذكرت|اعلن|اعلنت|اكد|اكدت|اوضح|اوضحت|اشار|اشارت|رصد|وثق)\S*")
_YESTERDAY = _rx(
    # the day before yesterday in each of its wordings: "أول أمس"، "أول من أمس"، "قبل أمس"، "أمس الأول"
    r"(?<![\u0621-\u064a])(?:[وب])?(?:(فجر|صباح|ظهر|عصر|مساء|ليل|ليله)\s+)?(?:يوم\s+)?"
    r"(اول\s+(?:من\s+)?|قبل\s+)?(?:امس|البارحه)"
    r"(\s+الاول)?(?![\u0621-\u064a])"  # "أمس الأول" is "أول أمس", the day before yesterday
)
# "اليوم" is today; "يوم" alone is "the day of" ("يوم الثلاثاء" is Tuesday, not today)
_TODAY = _rx(
    # "اليوم الأحد": the weekday names the day (the report's date may be the day it was filed or crawled)
    rf"(?<![\u0621-\u064a])(?:(?:فجر|صباح|ظهر|عصر|مساء|ليل)\s+)?اليوم(?![\u0621-\u064a])(?!\s+{_DAY})"
    r"|الليله(?! الماضيه| قبل الماضيه| ما قبل الماضيه)"
)
_LAST_NIGHT = _rx(r"الليله الماضيه|ليل امس|طوال الليل|خلال الليل")
# "الليلة قبل الماضية": the night before last
_NIGHT_BEFORE_LAST = _rx(r"الليله (?:قبل|ما قبل) الماضيه")
_LAST_WEEK = _rx(r"الاسبوع (?:الماضي|الفايت|المنصرم)")
_THIS_WEEK = _rx(r"(?:خلال|في|هذا|مطلع)\s+(?:ال)?اسبوع\s+(?:ال)?(?:جاري|حالي)|هذا الاسبوع")
# "خلال الساعات الـ24 الماضية"، "خلال الـ48 ساعة الماضية"
_PAST_HOURS = _rx(r"خلال\s+(?:ال)?(?:ساعات\s+)?(?:ال\s*)?(\d+)\s*(?:ساعه\s+)?(?:ال)?ماضيه")
_YEAR_SPAN = _rx(r"(?:في|خلال|طوال)\s+(?:العام|عام|سنه)\s+(?:((?:19|20)\d\d)|(?:ال)?(ماضي|منصرم|فايت))")
_SINCE_START = _rx(r"منذ\s+(?:مطلع|بدايه|بداية|اول)\s+(?:ال)?(عام|سنه|شهر)(?:\s+(?:ال)?(?:جاري|حالي))?")
# this month, or a part of it: "خلال الشهر الجاري"، "هذا الشهر"، "مطلع الشهر الحالي" (the month is known:
# its first day, precision month, as CLAIMS.md writes a time known only to the month)
_THIS_MONTH = _rx(
    r"(?:(?:خلال|في|طوال|مطلع|بدايه|اوايل|اول|منتصف|اواسط|اواخر|نهايه)\s+(?:ال)?شهر\s+(?:ال)?(?:جاري|حالي)"
    r"|هذا الشهر)(?![\u0621-\u064a])"
)
# every word for "last" a week or month takes ("المنصرم"، "الفائت" were not read for the month)
_LAST_MONTH = _rx(r"الشهر (?:الماضي|المنصرم|الفايت)(?![\u0621-\u064a])")
_PAST_DAYS = _rx(r"(?:خلال|في)\s+(?:ال)?(?:ايام|الايام)\s+(?:ال)?(\S+)?\s*(?:ال)?ماضيه")
# a count of days, weeks or hours in digits or in words, either gender ("ثلاثة أيام"، "عشر ساعات")
_SMALL_WORDS = {
    fold(w): n
    for n, ws in enumerate(
        [
            "",
            "",
            "",
            "ثلاثة ثلاث",
            "أربعة أربع",
            "خمسة خمس",
            "ستة ست",
            "سبعة سبع",
            "ثمانية ثماني ثمان",
            "تسعة تسع",
            "عشرة عشر",
        ]
    )
    for w in ws.split()
}
_N = "(\\d+|" + "|".join(sorted(_SMALL_WORDS, key=len, reverse=True)) + ")"


def _n(value: str | None) -> int | None:
    """A count written in digits or as a small number word; None if none."""
    if not value:
        return None
    return int(value) if value.isdigit() else _SMALL_WORDS.get(value)


_PAST_N = _rx(
    rf"(?:خلال|في غضون)\s+(?:اقل من\s+|اكثر من\s+)?{_N}\s+(ساعه|ساعات|يوما|ايام|اسابيع|اسبوعا|اشهر|شهرا|شهور)"
)
# a length with no number: a dual ("خلال الأسبوعين الماضيين"، "في غضون يومين") or one unit with no
# article ("خلال أسبوع"); "خلال الشهر الماضي / الجاري" is the calendar month, not a length
_PAST_ONE = _rx(
    r"(?:خلال|في غضون)\s+(?:(?:ال)?(يومين|اسبوعين|شهرين)|(اسبوع|شهر))(?![\u0621-\u064a])"
    r"(?!\s+(?:ال)?(?:جاري|حالي|ماضي|منصرم|فايت)(?![\u0621-\u064a]))"
)
# the unit then its count: "خلال الأسابيع الثلاثة الماضية"، "خلال الأشهر الستة الماضية"
_PAST_UNIT_N = _rx(rf"(?:خلال|في)\s+(?:ال)?(ايام|اسابيع|اشهر|شهور|ساعات)\s+(?:ال)?{_N}\s+(?:ال)?ماضيه")
# "منذ أكثر من أسبوع"، "منذ 10 أيام"، "منذ شهر": from that long ago to the anchor (a dual is two)
_SINCE_N = _rx(
    rf"منذ\s+(?:اقل من\s+|اكثر من\s+|نحو\s+|قرابه\s+|حوالي\s+)?(?:{_N}\s+)?"
    r"(اسبوعين|يومين|شهرين|اسبوع|شهر|يوما|ايام|اسابيع|اشهر|شهرا)(?![\u0621-\u064a])"
)
# "قبل يومين"، "قبل 3 أيام"، "قبل أسبوع": that long before the anchor
_AGO = _rx(
    rf"(?<![\u0621-\u064a])قبل\s+(?:{_N}\s+(ايام|يوما|اسابيع)|(يومين|اسبوعين|اسبوع))(?![\u0621-\u064a])(?!\s+من)"
)
_NUMWORD_DAYS = {
    fold(w): n for n, w in enumerate(["_", "_", "_", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة"]) if w != "_"
}


_SINCE_DATE = _rx(r"(?:منذ|ومنذ)\s+(?:يوم\s+)?(?:ال\s*)?$")
# "من العام الماضي" after a month: the year before the anchor's
_LAST_YEAR = _rx(r"^\s+(?:من\s+)?(?:العام|عام|السنه)\s+(?:الماضي|المنصرم|الفايت)")


def _last_year(s: str, end: int, anchor: date | None) -> int | None:
    return anchor.year - 1 if anchor is not None and _LAST_YEAR.match(s[end:]) else None


def _year_for(month: int, day: int, anchor: date | None) -> int | None:
    if anchor is None:
        return None
    d = _safe(anchor.year, month, min(day, 28))
    return anchor.year if d and d <= anchor + timedelta(days=1) else anchor.year - 1


# numeric dates, day first as Arabic-language outlets write them: "12/3/2017"، "5-3-2017"، and ISO
# order "2017/03/05"; "الـ5 من الشهر الجاري" (this month) and "… من الشهر الماضي" (last month)
# (a sentence's full stop right after the date ends it: "في 2016/12/7.")
_DMY_NUM = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)(?!\d|[/.-]\d)")
_YMD_NUM = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)[/.-](\d{1,2})[/.-](\d{1,2})(?!\d|[/.-]\d)")
_THIS_MONTH_DAY = _rx(
    rf"(?<![\u0621-\u064a])(?:ال\s*)?(\d{{1,2}}|{_ORD})\s+من\s+(?:ال)?شهر\s+(?:ال)?(جاري|حالي|ماضي|منصرم|فايت)"
)


# "يوم 7/12"، "في 7-12": a day and month without the year, after يوم or في (not a score or a ratio)
_DM_NUM = re.compile(fold_pattern(r"(?:يوم|في|بتاريخ)\s+(\d{1,2})[/-](\d{1,2})(?!\d|[/.-]\d)"))


def _numeric(s: str, anchor: date | None) -> list[tuple[int, date]]:
    out = []
    for m in _DM_NUM.finditer(s):
        day, mon = int(m.group(1)), int(m.group(2))
        y = _year_for(mon, day, anchor) if 1 <= mon <= 12 else None
        d = _safe(y, mon, day) if y else None
        if d:
            out.append((m.start(1), d))
    for m in _DMY_NUM.finditer(s):
        d = _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            out.append((m.start(), d))
    for m in _YMD_NUM.finditer(s):
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            out.append((m.start(), d))
    if anchor is not None:
        for m in _THIS_MONTH_DAY.finditer(s):
            day = int(m.group(1)) if m.group(1).isdigit() else _ORDINALS[m.group(1)]
            first = anchor.replace(day=1)
            if m.group(2) not in ("جاري", "حالي"):
                first = (first - timedelta(days=1)).replace(day=1)
            d = _safe(first.year, first.month, day)
            if d:
                out.append((m.start(), d))
    return out


def _explicit(s: str, anchor: date | None) -> list[tuple[int, date]]:
    out = _numeric(s, anchor)
    for rx, day_of in ((_DMY, int), (_ORD_DMY, _ORDINALS.__getitem__)):
        for m in rx.finditer(s):
            mon = _MONTHS[m.group(2)]
            day = day_of(m.group(1))
            y = int(m.group(3)) if m.group(3) else None
            y = y or _last_year(s, m.end(), anchor) or _year_for(mon, day, anchor)
            d = _safe(y, mon, day) if y else None
            if d:
                out.append((m.start(), d))
    out += _hijri(s, anchor)
    return sorted(out)


def _hijri(s: str, anchor: date | None) -> list[tuple[int, date]]:
    """(position, Gregorian day) of each Hijri date of ``s``; with no year, the latest such day on or
    before ``anchor`` (none without an anchor)."""
    out = []
    for m in _HIJRI_DMY.finditer(s):
        day = int(m.group(1)) if m.group(1) else _ORDINALS[m.group(2)]
        month = _HIJRI_MONTHS[m.group(3)]
        years: list[int] = []
        if m.group(4):
            years = [int(m.group(4))]
        elif anchor is not None:
            try:
                this = Gregorian.fromdate(anchor).to_hijri().year
            except (OverflowError, ValueError):
                continue
            years = [this, this - 1]
        for year in years:
            try:
                g = Hijri(year, month, day).to_gregorian()
            except (OverflowError, ValueError):
                continue  # outside 1343-1500 AH, or a day the month does not have
            d = date(g.year, g.month, g.day)
            if m.group(4) or anchor is None or d <= anchor:
                out.append((m.start(), d))
                break
    return out


# a Hijri month with no day: "خلال شهر رمضان"، "في رمضان الماضي"، "طوال شهر رمضان 1445"
_HIJRI_MY = _rx(
    rf"(?:خلال|في|منذ|طوال|طيلة)\s+(?:شهر\s+)?{_HMON}(?![\u0621-\u064a])(?:\s+(?:الماضي|الجاري|الحالي|المبارك))?"
    rf"{_HIJRI_YEAR}"
)


def _runs(year: int, month: int, day: date) -> bool:
    """Does Hijri month ``month`` of ``year`` run on ``day``?"""
    first = Hijri(year, month, 1)
    g, e = first.to_gregorian(), Hijri(year, month, first.month_length()).to_gregorian()
    return date(g.year, g.month, g.day) <= day <= date(e.year, e.month, e.day)


def _hijri_month(s: str, anchor: date | None) -> TimeSpan | None:
    """The span of a Hijri month named without a day (its year, else the latest such month begun on
    or before ``anchor``), precision ``month``; None when there is none or it cannot be converted."""
    m = _HIJRI_MY.search(s)
    if m is None or (anchor is None and not m.group(2)):
        return None
    month = _HIJRI_MONTHS[m.group(1)]
    try:
        if m.group(2):
            years = [int(m.group(2))]
        elif anchor is not None:
            this = Gregorian.fromdate(anchor).to_hijri().year
            years = [this, this - 1]
        else:
            return None
        for year in years:
            first = Hijri(year, month, 1)
            g = first.to_gregorian()
            start = date(g.year, g.month, g.day)
            if not m.group(2) and anchor is not None and "ماضي" in m.group(0) and _runs(year, month, anchor):
                continue  # "رمضان الماضي" written during Ramadan: last year's
            if m.group(2) or anchor is None or start <= anchor:
                last = Hijri(year, month, first.month_length()).to_gregorian()
                end = date(last.year, last.month, last.day)
                if anchor is not None and start <= anchor < end:
                    end = anchor  # the month still running on the report's day
                return TimeSpan(start=start, end=end, precision="month")
    except (OverflowError, ValueError):
        return None
    return None


def find_dateline_ar(text: str, published: date) -> date | None:
    """A date in the first lines ("دمشق 28 ابريل 2016 (شينخوا)") within a week before publication."""
    head = fold("\n".join(ln[:80] for ln in text.strip().splitlines()[:12] if ln.strip()))
    for _, d in _explicit(head, published):
        if published - timedelta(days=7) <= d <= published:
            return d
    return None


def _month_span(month: int, year: int | None, anchor: date) -> tuple[date, date]:
    y = year or (anchor.year if month <= anchor.month else anchor.year - 1)
    return date(y, month, 1), date(y, month, calendar.monthrange(y, month)[1])


def resolve_time_ar(s: str, anchor: date | None) -> TimeSpan:
    """The time span a folded Arabic sentence gives; the anchor day when it gives none.

    With no anchor (a report with no known date) only a date or month with its year resolves;
    anything else is unknown time, never the machine's clock."""
    if anchor is None:
        return _absolute(s) or TimeSpan(start=None, end=None, precision="unknown")
    return _resolve(s, anchor) or TimeSpan(start=anchor, end=anchor, precision="day")


def explicit_time_ar(s: str, anchor: date | None) -> TimeSpan | None:
    """The time span a folded Arabic sentence names itself, or None when it names none (so that a
    claim can take the time of the claim it follows rather than the report's day)."""
    return _resolve(s, anchor) if anchor is not None else _absolute(s)


def _absolute(s: str) -> TimeSpan | None:
    dates = _explicit(s, None)
    if dates:
        return TimeSpan(start=dates[0][1], end=dates[0][1], precision="day")
    m = _MY.search(s)
    if m and m.group(2):
        year = int(m.group(2))
        start, end = _month_span(_MONTHS[m.group(1)], year, date(year, 12, 31))
        return TimeSpan(start=start, end=end, precision="month")
    return None


def _saying(s: str, pos: int) -> bool:
    """Is the time expression at ``pos`` the time of the saying ("قال المرصد، اليوم الإثنين، إن")?"""
    m = None
    for m in _REPORTING.finditer(s[:pos]):  # noqa: B007 (the last reporting verb before pos)
        pass
    return bool(
        m and pos - m.end() < 60 and not re.search(r"[.؛]", s[m.end() : pos]) and "ان " in s[pos : pos + 40]
    )


def _resolve(s: str, anchor: date) -> TimeSpan | None:
    dates = _explicit(s, anchor)
    if dates:
        pos, d = dates[0]
        if _SINCE_DATE.search(s[max(0, pos - 12) : pos]) and d < anchor:
            # "منذ السابع من أكتوبر": from that day to the report's, a span, not that one day
            return TimeSpan(start=d, end=anchor, precision="days")
        return TimeSpan(start=d, end=d, precision="day")
    m = _MY.search(s)
    if m:
        year = int(m.group(2)) if m.group(2) else _last_year(s, m.end(), anchor)
        start, end = _month_span(_MONTHS[m.group(1)], year, anchor)
        return TimeSpan(
            start=start, end=min(end, anchor) if end > anchor >= start else end, precision="month"
        )
    hijri_month = _hijri_month(s, anchor)
    if hijri_month is not None:
        return hijri_month
    m = _AGO.search(s)
    if m:
        unit = m.group(2) or m.group(3)
        n = _n(m.group(1)) or (2 if unit in ("يومين", "اسبوعين") else 1)
        if unit.startswith("اسبوع") or unit == "اسابيع":
            mid = anchor - timedelta(days=7 * n)
            return TimeSpan(start=mid - timedelta(days=3), end=mid + timedelta(days=3), precision="week")
        day = anchor - timedelta(days=n)
        return TimeSpan(start=day, end=day, precision="day")
    m = _PAST_HOURS.search(s)
    if m:
        days = max(int(m.group(1)) // 24, 1)
        prec = "days" if days <= 6 else "week"
        return TimeSpan(start=anchor - timedelta(days=days), end=anchor, precision=prec)
    m = _YEAR_SPAN.search(s)
    if m:
        y = int(m.group(1)) if m.group(1) else anchor.year - 1
        return TimeSpan(start=date(y, 1, 1), end=min(date(y, 12, 31), anchor), precision="year")
    m = _SINCE_START.search(s)
    if m:
        start = anchor.replace(month=1, day=1) if m.group(1) in ("عام", "سنه") else anchor.replace(day=1)
        return TimeSpan(start=start, end=anchor, precision="year" if m.group(1) != "شهر" else "month")
    m = _PAST_N.search(s) or _SINCE_N.search(s)
    n_unit: tuple[int, str] | None = None
    if m and (m.group(1) or m.group(2) not in ("ايام", "اسابيع", "اشهر")):  # "منذ أسابيع": no length
        n_unit = (_n(m.group(1)) or (2 if m.group(2) in ("اسبوعين", "يومين", "شهرين") else 1), m.group(2))
    elif (one := _PAST_ONE.search(s)) is not None:
        n_unit = (2, one.group(1)) if one.group(1) else (1, one.group(2))
    elif (back := _PAST_UNIT_N.search(s)) is not None and _n(back.group(2)):
        n_unit = (_n(back.group(2)) or 1, back.group(1))
    if n_unit is not None:
        n, unit = n_unit
        weeks = "سبوع" in unit or unit == "اسابيع"  # the broken plural has no "سبوع" in it
        length = n / 24 if unit.startswith("ساع") else n * (7 if weeks else 30 if "شهر" in unit else 1)
        start = anchor - timedelta(days=max(int(length), 1) if length >= 1 else 1)
        prec = "days" if length <= 6 else "week" if length <= 14 else "month"
        return TimeSpan(start=start, end=anchor, precision=prec)
    m = _PAST_DAYS.search(s)
    if m:
        worded = _NUMWORD_DAYS.get(m.group(1) or "")
        return TimeSpan(
            start=anchor - timedelta(days=worded) if worded else None, end=anchor, precision="days"
        )
    if _THIS_WEEK.search(s):
        monday = anchor - timedelta(days=anchor.weekday())
        return TimeSpan(start=monday, end=anchor, precision="week")
    if _LAST_WEEK.search(s):
        monday = anchor - timedelta(days=anchor.weekday() + 7)
        return TimeSpan(start=monday, end=monday + timedelta(days=6), precision="week")
    if _THIS_MONTH.search(s):
        return TimeSpan(start=anchor.replace(day=1), end=anchor, precision="month")
    if _LAST_MONTH.search(s):
        last = anchor.replace(day=1) - timedelta(days=1)
        return TimeSpan(start=last.replace(day=1), end=last, precision="month")
    hits: list[tuple[int, TimeSpan]] = []
    two = _TWO_DAYS.search(s)
    if two is not None:
        # "يومي السبت والأحد": both days, from the first to the last (a toll summed over them is a tally)
        both = sorted(anchor - timedelta(days=(anchor.weekday() - _DAYS[g]) % 7) for g in two.groups())
        hits.append((two.start(), TimeSpan(start=both[0], end=both[1], precision="days")))
    for m in _WEEKDAY.finditer(s):
        if two is not None and two.start() <= m.start() < two.end():
            continue
        delta = (anchor.weekday() - _DAYS[m.group(2)]) % 7
        if delta == 0 and re.match(r"\s+(?:ال)?(?:ماضي|فايت|منصرم)", s[m.end() :]):
            delta = 7  # "يوم الجمعة الماضي" written on a Friday: a week ago
        day = anchor - timedelta(days=delta)
        night = (m.group(1) or "") in ("ليله", "ليل")
        hits.append(
            (m.start(), TimeSpan(start=day, end=day + timedelta(days=1) if night else day, precision="day"))
        )
    for m in _YESTERDAY.finditer(s):
        day = anchor - timedelta(days=2 if m.group(2) or m.group(3) else 1)
        hits.append((m.start(), TimeSpan(start=day, end=day, precision="day")))
    for m in _NIGHT_BEFORE_LAST.finditer(s):
        start = anchor - timedelta(days=2)
        hits.append((m.start(), TimeSpan(start=start, end=start + timedelta(days=1), precision="day")))
    for m in _LAST_NIGHT.finditer(s):
        hits.append((m.start(), TimeSpan(start=anchor - timedelta(days=1), end=anchor, precision="day")))
    for m in _TODAY.finditer(s):
        hits.append((m.start(), TimeSpan(start=anchor, end=anchor, precision="day")))
    if not hits:
        return None
    hits.sort(key=lambda h: h[0])
    told = [h for h in hits if not _saying(s, h[0])]
    # "أمس الأحد": the weekday and "yesterday" name one day; the first expression wins
    return (told or hits)[0][1]
