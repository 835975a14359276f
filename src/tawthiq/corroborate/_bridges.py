"""Bridges: one event told with two causes of violent death (shelling beside executions).

In: two :class:`Item` values whose types do not fit (``_fit``).
Out: whether one large toll (:func:`one_toll_two_causes`) or one report telling one place's day by
both causes (:func:`one_report_two_causes`) ties them, and :func:`only_causes_differ` — the pair's
strength were its causes the same (a claim dated only by its report's day read as of the week
before, :func:`lagged_reading`), which ``_linkage`` uses to join two groups across a bridge.
Never: joins anything itself; never reads the database.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from ._fit import judge_full, types_fit
from ._items import Item, read_time, relation
from ._places import Contains

__all__ = ["lagged_reading", "one_report_two_causes", "one_toll_two_causes", "only_causes_differ"]

# The taxonomy's types of violent death: people killed by a weapon fired from afar or by hand.
_VIOLENT_DEATH = frozenset({"attack.air_strike", "attack.shelling", "attack.ground", "killing.execution"})
# A toll this large, told as a figure, rarely repeats by chance at one place on one day
_LARGE_TOLL = 20
_NEAR_TOLL = 1.25  # the larger floor at most this many times the smaller: one count, updated or rounded


def one_toll_two_causes(a: Item, b: Item) -> bool:
    """One massacre told with two causes: "shelling killed 90 in the town" and "108 executed in the
    town" are one event when both are violent-death types and give one large toll.

    Outlets often disagree on how the dead of one day died (shelled, bombed, shot in their
    homes), while a large death toll at one place and time is what identifies the event: two
    figures of at least 20 (words such as "dozens" are no figure) within a quarter of each other.
    The place and date tests still apply (:func:`judge`)."""
    if a.etype not in _VIOLENT_DEATH or b.etype not in _VIOLENT_DEATH:
        return False
    fa, fb = a.sc.claim.fatalities, b.sc.claim.fatalities
    if (
        fa is None
        or fb is None
        or "vague" in (fa.qualifier, fb.qualifier)
        or "up_to" in (fa.qualifier, fb.qualifier)
    ):
        return False
    if fa.low is None or fb.low is None:
        return False
    lo, hi = sorted((fa.low, fb.low))
    return lo >= _LARGE_TOLL and hi <= _NEAR_TOLL * lo


def one_report_two_causes(a: Item, b: Item, contains: Contains | None) -> bool:
    """One report that tells one place's day by both causes: "the shelling of the town began at
    midday on Friday and continued until dawn" and "scores of civilians were massacred in the town",
    dated alike. Across reports a toll-less shelling and a massacre may be two events of one town's
    day; a report that tells both of the same place and the same dates, and never as a further event
    (:func:`told_apart`), tells one event's two sides — a tie like one large toll, and used as a
    *bridge* the same way (the second pass of :func:`complete_linkage`; the other tests of
    :func:`only_causes_differ` still apply). Kin types are no concern here (they fit already), nor
    is one report's air strike and shelling each with its own toll (:func:`two_weapons_counted`)."""
    if a.kind != "incident" or b.kind != "incident":  # a situation told by two causes is no event
        return False
    if a.report != b.report or a.window is None or b.window is None or a.window[:2] != b.window[:2]:
        return False
    return relation(a, b, contains) not in (None, "unknown")


# A follow-up report retells an event of the days before it ("state television aired the footage
# of the killings"); a claim of it that gives no date but its report's day may reach this far back.
_FOLLOW_UP_DAYS = 7


def _report_day(it: Item) -> bool:
    """Dated to its report's own publication day and nothing else (what the extractor gives a claim
    without a time word; also a claim whose event is truly of that day)."""
    # as clustering reads it: a day borrowed from the report's context is its report's (read_time)
    t, pub = read_time(it.sc), it.sc.published
    return pub is not None and t.precision == "day" and t.start == pub and t.end in (None, pub)


def lagged_reading(it: Item) -> Item:
    """The claim read as of any of the days up to its report's day (see :func:`_report_day`)."""
    if not _report_day(it) or it.sc.published is None:
        return it
    pub = it.sc.published
    return replace(it, window=(pub - timedelta(days=_FOLLOW_UP_DAYS), pub, 0), lagged=True)


def only_causes_differ(a: Item, b: Item, contains: Contains | None, lag: bool = False) -> float | None:
    """Two violent-death claims that would be one event but for their causes (shelling beside
    executions): everything else of :func:`judge` holds when one is given the other's type.
    The pair's strength so judged, or None.

    With ``lag`` (the cross pairs of two groups a bridge ties, never the bridge itself), a claim
    dated only by its report's day is read as of any day of the week before (:func:`lagged_reading`): a
    follow-up's "the footage of the killings aired" carries the day it was written, which is no
    proof of another event beside a massacre a large toll has already tied."""
    if a.etype not in _VIOLENT_DEATH or b.etype not in _VIOLENT_DEATH or types_fit(a, b):
        return None
    b = replace(b, etype=a.etype, family=a.family)
    judged = judge_full(a, b, contains)
    if judged is None and lag and (_report_day(a) or _report_day(b)):
        judged = judge_full(lagged_reading(a), lagged_reading(b), contains)
    return None if judged is None else judged[0]
