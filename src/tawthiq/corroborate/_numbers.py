"""Numbers and time windows: when two claims' tolls or dates can be one event, and an incident's toll.

In: ``Count`` and ``TimeSpan`` values of claims (and the report's publication date).
Out: intervals, compatibility tests, and :func:`fatalities_of` — an incident's
best/low/high with the rule that made them written out, and the claims used.
Never: reads or writes anything; pure functions.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from datetime import date, timedelta

from tawthiq.entities import Count, Fatalities, SourcedClaim

__all__ = [
    "FATALITIES_RULE",
    "FATALITIES_RULES",
    "count_interval",
    "counts_compatible",
    "counts_disagree",
    "fatalities_of",
    "time_window",
    "toll_update",
    "windows_meet",
]

INF = float("inf")

FATALITIES_RULE = (
    "low = the highest lower bound given by a credible claim (reported or confirmed, "
    "not denied; unconfirmed claims count only when no credible claim gives a number); "
    "high = the highest figure any non-denied claim gives; best = the median of the "
    "credible point figures (exact, about, range midpoints), never below low, else low"
)
# Every rule an incident's toll states, by key (a reader writes it in another language: the web)
FATALITIES_RULES: dict[str, str] = {
    "credible": FATALITIES_RULE,
    "unconfirmed_only": FATALITIES_RULE + " (no credible claim gave a number: unconfirmed ones used)",
    "no_number": "no claim gives a number of people killed",
}


def count_interval(c: Count) -> tuple[float, float]:
    """The interval a written number allows: "at least 79" is [79, inf), "up to 10" is [0, 10]."""
    lo = c.low
    hi = c.high
    if c.qualifier == "up_to":
        return 0.0, float(hi if hi is not None else lo or 0)
    if c.qualifier in ("at_least", "more_than", "vague"):
        return float(lo or 0), INF if hi is None else float(hi)
    if lo is None and hi is None:
        return 0.0, INF
    known = [float(v) for v in (lo, hi) if v is not None]  # one or both: a single figure is [n, n]
    return min(known), max(known)


def counts_compatible(a: Count | None, b: Count | None, *, factor: float = 2.0) -> bool:
    """Tolls of one event as told by two claims: a toll may rise (bodies found later) and
    reports round, so a figure up to about ``factor`` times the other still fits; 8 and 100 do not."""
    if a is None or b is None:
        return True
    alo, ahi = count_interval(a)
    blo, bhi = count_interval(b)
    return max(alo, blo) <= factor * min(ahi, bhi) + 3


def counts_disagree(a: Count, b: Count) -> bool:
    """Two figures that cannot both be right: one's floor over 1.5 times the other's ceiling."""
    alo, ahi = count_interval(a)
    blo, bhi = count_interval(b)
    return (alo > 1.5 * bhi and alo - bhi >= 3) or (blo > 1.5 * ahi and blo - ahi >= 3)


# A toll rises for days after an event: bodies are found under the rubble, the wounded die, families
# report their dead (an early toll of 12, a later one of 45). A later figure of one event is its
# update, not a rival count, within these bounds: the later floor at most RISE_FACTOR times the
# earlier ceiling (+3, as counts_compatible), the later report published at most RISE_DAYS after.
RISE_FACTOR = 4.0
RISE_DAYS = 7
# A sentence that says its toll is an update of an earlier one: "the death toll rose to 45", "has
# risen to", "climbed to", "the latest toll"; "ارتفعت حصيلة القتلى إلى 45"، "ارتفاع عدد الضحايا"
_RISEN = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|jumped|increased|mounted)\s+to\b"
    r"|\b(?:new|updated|revised|latest)\s+(?:death\s+)?toll\b"
    r"|\btoll\s+(?:has\s+)?(?:now\s+)?(?:reached|stands\s+at)\b"
    r"|(?<![\u0621-\u064a])(?:و|ف|ل)?(?:ارتفع|ارتفعت|يرتفع|ترتفع|ارتفاع)(?![\u0621-\u064a])",
    re.I,
)


def toll_update(a: SourcedClaim, b: SourcedClaim) -> bool:
    """Two tolls that differ as one event's toll rising, not as rival counts.

    The claim with the higher figure comes from a report published later (by 1 to
    :data:`RISE_DAYS` days), or its own sentence says the toll rose ("rose to 45") and it is of the
    same report or the same origin as the lower figure and not published before it; and the rise is
    plausible (the later floor at most :data:`RISE_FACTOR` × the earlier ceiling + 3). A lower figure
    published later is no update (a revision down is a disagreement), nor are two figures of one day
    from two origins that do not say the toll rose: those stay rival counts (and *contested*). Whether
    the two claims tell one event (place, dates, type) is the caller's test.
    """
    fa, fb = a.claim.fatalities, b.claim.fatalities
    if fa is None or fb is None:
        return False
    alo, ahi = count_interval(fa)
    blo, bhi = count_interval(fb)
    if alo == blo:
        return False
    (early, ehi), (late, llo) = ((a, ahi), (b, blo)) if alo < blo else ((b, bhi), (a, alo))
    if llo > RISE_FACTOR * ehi + 3:
        return False
    pe, pl = early.published, late.published
    if pe is not None and pl is not None:
        days = (pl - pe).days
        if days < 0 or days > RISE_DAYS:
            return False
        if days > 0:
            return True
    one_voice = early.report == late.report or (early.origin is not None and early.origin == late.origin)
    return one_voice and bool(_RISEN.search(late.claim.quote or ""))


# Half-width added around a claim's dates for its precision: reporting lags a day,
# "this week" spans seven, "last month" a month (days).
_SLACK = {"day": 1, "days": 2, "week": 3, "month": 7, "unknown": 3}
_OPEN = {"day": 1, "days": 7, "week": 7, "month": 31, "unknown": 30}


def time_window(span, published: date | None) -> tuple[date, date, int] | None:
    """(start, end, slack in days) of a claim's event, or None when it gives no usable date."""
    start, end, prec = span.start, span.end, span.precision
    if start is None and end is None:
        return None
    if prec == "unknown" and (start is None or end is None):
        return None  # "until now", with no start: no window to compare with another report
    if start is None:
        start = end - timedelta(days=_OPEN.get(prec, 30))
    if end is None:
        end = start + timedelta(days=_OPEN.get(prec, 30))
    if end < start:
        start, end = end, start
    return start, end, _SLACK.get(prec, 3)


def windows_meet(a: tuple[date, date, int], b: tuple[date, date, int]) -> bool:
    """Overlapping, or apart by no more than the looser claim's slack (one day for two days)."""
    gap = max((a[0] - b[1]).days, (b[0] - a[1]).days)
    return gap <= max(a[2], b[2])


def _point(c: Count) -> float | None:
    if c.qualifier in ("exact", "about"):
        if c.low is not None and c.high is not None:
            return (c.low + c.high) / 2
        return c.low if c.low is not None else c.high
    return None


def _floor(c: Count) -> int | None:
    if c.qualifier == "up_to":
        return None
    return c.low if c.low is not None else c.high


def _top(c: Count) -> int | None:
    vals = [v for v in (c.low, c.high) if v is not None]
    return max(vals) if vals else None


def fatalities_of(members: Sequence[tuple[int, SourcedClaim]]) -> Fatalities:
    """An incident's toll from its members' fatality counts, by :data:`FATALITIES_RULE`."""
    told = [
        (cid, sc.claim, count)
        for cid, sc in members
        if (count := sc.claim.fatalities) is not None
        and sc.claim.certainty != "denied"
        and sc.claim.review_status != "rejected"  # a reviewer said this claim is wrong
    ]
    if not told:
        return Fatalities(rule=FATALITIES_RULES["no_number"])
    credible = [(cid, c, n) for cid, c, n in told if c.certainty in ("reported", "confirmed")]
    basis = credible or told
    floors = [(f, cid) for cid, _, n in basis if (f := _floor(n)) is not None]
    tops = [(t, cid) for cid, _, n in told if (t := _top(n)) is not None]
    points = [p for _, _, n in basis if (p := _point(n)) is not None]
    low = max(floors)[0] if floors else None
    high = max(tops)[0] if tops else None
    best: int | None
    if points:
        best = round(statistics.median(points))
        if low is not None:
            best = max(best, low)
    else:
        best = low
    if high is not None and low is not None and high < low:
        high = low
    used = sorted({cid for _, cid in floors} | {cid for _, cid in tops})
    rule = FATALITIES_RULES["credible" if credible else "unconfirmed_only"]
    return Fatalities(best=best, low=low, high=high, rule=rule, claim_ids=tuple(used))
