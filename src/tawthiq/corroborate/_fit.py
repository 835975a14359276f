"""Can two claims be one event, and does the pair identify it? The pair rules of clustering.

In: two :class:`Item` values (and the gazetteer's ``contains``, when given).
Out: :func:`judge_full` — None when the two cannot be one event (a conflict), else their strength,
whether the pair identifies one event, and whether only by a toll on one town's day; the tests it
is made of (kin types, one report's further event or two weapons counted, rival figures, one spot
on one day, an echo of one origin's sentence). See ``_cluster``'s docstring for the rules in words.
Never: groups claims (``_linkage``); never reads the database.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from rapidfuzz import fuzz

from tawthiq.entities import Count
from tawthiq.geo import km

from ._items import BUSY_FAMILIES, Item, finest_rank, relation
from ._numbers import counts_compatible, toll_update, windows_meet
from ._origins import claim_report_key
from ._parts import as_part, part_of_toll
from ._places import Contains

__all__ = [
    "SLACK_OF_DAYS",
    "judge",
    "judge_full",
    "mark_parts",
    "other_days",
    "pair_score",
    "same_family",
    "told_apart",
    "two_weapons_counted",
    "types_fit",
]

# Types that reports of one event often give differently: witnesses confuse air strikes
# and shelling; "militias killed civilians" and "civilians were executed"; a detention
# not acknowledged becomes a disappearance. Such pairs count as the same type.
_KIN: tuple[frozenset[str], ...] = (
    frozenset({"attack.air_strike", "attack.shelling"}),
    # a hospital is hit by a strike or a shell: "air strike hits MSF hospital" and "5 staff killed
    # in last night's air strikes" tell one attack typed two ways
    frozenset({"attack.medical", "attack.air_strike"}),
    frozenset({"attack.medical", "attack.shelling"}),
    frozenset({"attack.ground", "killing.execution"}),
    frozenset({"detention.arbitrary", "disappearance.enforced"}),
)
_TOWN, _PROVINCE = 2, 4  # the ranks of a town and of a governorate in ``_places``
_REL_SCORE = {"same": 3.0, "nested": 2.0, "area": 1.0, "unknown": 0.5}


def types_fit(a: Item, b: Item) -> bool:
    if a.etype == b.etype or any(a.etype in k and b.etype in k for k in _KIN):
        return True
    # "other" gives no cause, so it fits any violent death (never a siege or an evacuation)
    return "other" in (a.etype, b.etype) and a.family == b.family


def _region_beside_town(a: Item, b: Item) -> bool:
    """One claim placed no finer than a province (or a country), the other at a town or finer,
    and not the same figure: "barrel bombs rained on villages across the province" beside "a
    barrel bomb killed 9 near the village", in one report. A report's province-wide sentence
    tells the day's campaign, or another strike of it ("three more were killed when strikes hit
    cars on the highway"), more often than the one strike it counts in a town; the pair still fits
    (a group may hold both when another pair ties them), but the report alone does not make it one
    event, nor do two figures that differ (:func:`judge_full`)."""
    ra, rb = finest_rank(a), finest_rank(b)
    if ra is None or rb is None:
        return False
    lo, hi = sorted((ra, rb))
    if hi < _PROVINCE or lo > _TOWN:
        return False
    fa, fb = a.sc.claim.fatalities, b.sc.claim.fatalities
    return not (fa is not None and fb is not None and fa.low is not None and fa.low == fb.low)


def same_family(a: Item, b: Item) -> bool:
    fa, fb = a.etype.split(".")[0], b.etype.split(".")[0]
    return fa == fb or types_fit(a, b)


def _echo(a: Item, b: Item) -> bool:
    """The same sentence from one origin in two reports (a wire story and its rewrite)."""
    if a.report == b.report or not a.sc.origin or a.sc.origin != b.sc.origin:
        return False
    qa, qb = a.sc.claim.quote, b.sc.claim.quote
    return bool(qa) and bool(qb) and fuzz.ratio(qa, qb) >= 80


def two_weapons_counted(a: Item, b: Item) -> bool:
    """One report's air strike and its shelling, each with its own toll ("50 to 80 died in an air
    strike on the district", "at least seven were killed by mortar shells in the district"): two
    attacks. Air strikes and shelling are kin (:data:`_KIN`) because *different* reports confuse
    them; a report that counts the dead of each apart tells them apart itself. The same figure on
    both sides is one toll told with two weapons, and a claim with no toll is left to the other tests."""
    if {a.etype, b.etype} != {"attack.air_strike", "attack.shelling"}:
        return False
    fa, fb = a.sc.claim.fatalities, b.sc.claim.fatalities
    return fa is not None and fb is not None and (fa.low, fa.high) != (fb.low, fb.high)


def told_apart(a: Item, b: Item) -> bool:
    """Two claims of one report, the later one told as a further event ("in a similar strike on the
    village of ...", "another explosion", "helicopters also dropped barrel bombs on ..."): the report
    itself says they are two events, whatever places and dates they share."""
    if claim_report_key(a.sc) != claim_report_key(b.sc):
        return False
    first, later = (a, b) if a.sc.claim.span[0] <= b.sc.claim.span[0] else (b, a)
    return later.another and later.sc.claim.span[0] > first.sc.claim.span[0]


# One report's sentences about one kind of site struck are one strike at places this far apart
# (km): the market "near Yemen's Red Sea city of Hodeida" and the market "in the town of Bayt
# el-Faqih", 70 km south of it. Two reports' are not (two markets of one province on one day).
_ONE_SITE_KM = 100.0


def _one_site_near(a: Item, b: Item) -> bool:
    """Two sentences of one report (the caller's test) naming the same kind of site struck (a
    market, a hospital: :data:`_words._SITES`), of one type and dated alike, at two places no farther
    apart than :data:`_ONE_SITE_KM`: one strike, placed once by the town it hit and once by the city
    it is near (what an extractor takes for the place of "a market near the city of X"). A report that
    tells a second strike on such a site says so ("another", "in a similar strike": :func:`told_apart`,
    tested before), and two figures that cannot be one toll still keep them apart."""
    if not (a.sites & b.sites) or a.etype != b.etype or a.window is None or b.window is None:
        return False
    if a.window[:2] != b.window[:2]:
        return False
    pa = [
        (p.lat, p.lon) for p in (*a.where.specific, *a.where.areas) if p.lat is not None and p.lon is not None
    ]
    pb = [
        (p.lat, p.lon) for p in (*b.where.specific, *b.where.areas) if p.lat is not None and p.lon is not None
    ]
    return any(km(*x, *y) <= _ONE_SITE_KM for x in pa for y in pb)


def judge(a: Item, b: Item, contains: Contains | None = None) -> tuple[float, bool] | None:
    """None when two claims cannot be one event (a conflict); else (strength, identifies).

    A pair that *identifies* is enough to say two groups of claims tell one event; one
    that only fits (air strikes on one town on one day, no toll on either side) lets the
    groups be one when another pair identifies them.
    """
    judged = judge_full(a, b, contains)
    return None if judged is None else judged[:2]


def judge_full(a: Item, b: Item, contains: Contains | None = None) -> tuple[float, bool, bool] | None:
    """:func:`judge`, and whether the pair is identified only by a toll on one town's day
    (:func:`_one_town_one_day`: the claim without a toll could be another counted event of that day)."""
    if a.kind != b.kind or not same_family(a, b):
        return None
    same_report = a.report == b.report
    if same_report and told_apart(a, b):
        return None
    if same_report and two_weapons_counted(a, b):
        return None
    if a.window is None or b.window is None:
        if not same_report:
            return None
    elif not windows_meet(a.window, b.window):
        return None
    rel = relation(a, b, contains)
    if rel is None and same_report and _one_site_near(a, b):
        rel = "area"
    if rel is None or (rel == "unknown" and not same_report):
        return None
    if same_report and rel != "same" and other_days(a, b):
        return None
    if not types_fit(a, b) and rel != "same":
        return None
    fa, fb = a.sc.claim.fatalities, b.sc.claim.fatalities
    if (
        not (a.denied or b.denied)
        and not counts_compatible(
            _floor_if_early(fa, a),
            _floor_if_early(fb, b),
            factor=_SPOT_FACTOR if _one_spot_one_day(a, b, rel) or _rival_figures(a, b, rel) else 2.0,
        )
        # unless the larger is the same event's toll told later, as it rose (bodies found, the
        # wounded dead): of one type, and the rise plausible (:func:`toll_update`)
        and not (types_fit(a, b) and toll_update(a.sc, b.sc))
    ):
        return None
    echo = _echo(a, b)
    strong = (
        same_report
        or echo
        or rel == "same"
        or a.family not in BUSY_FAMILIES
        # a denial rarely repeats the toll it denies: it is matched on the claim it answers,
        # when that claim places the event or gives a toll
        or (a.denied and (bool(b.where.specific) or fb is not None))
        or (b.denied and (bool(a.where.specific) or fa is not None))
        # "bombing in east Aleppo on Tuesday" fits every strike of that day: across
        # reports, a claim without a specific place is matched on its toll or its site
        or (fa is not None and fb is not None)
        or bool(a.sites & b.sites)
    )
    # one report's province-wide sentence beside a strike it counts in a town (busy families): the
    # day's campaign, or another strike of it; one event with the town's only when a site ties them
    campaign = same_report and not echo and a.family in BUSY_FAMILIES and _region_beside_town(a, b)
    if strong and campaign:
        strong = bool(a.sites & b.sites)
    weak = not strong and not campaign and _one_town_one_day(a, b, rel)
    score = _REL_SCORE[rel]
    if a.etype == b.etype:
        score += 1.0
    if same_report or echo:
        score += 1.5
    if a.window and b.window:
        if (a.window[1] - a.window[0]).days <= 2 and (b.window[1] - b.window[0]).days <= 2:
            score += 1.0
        elif max((a.window[1] - a.window[0]).days, (b.window[1] - b.window[0]).days) > 20:
            score -= 0.5
    if fa is not None and fb is not None and fa.low is not None and fa.low == fb.low:
        score += 0.5
    if a.sites & b.sites:
        score += 0.5
    return score, strong or weak, weak


_TOWN_RELS = frozenset({"area", "nested"})
SLACK_OF_DAYS = 2  # ``time_window``'s slack for a day or a few days (a week, a month: more)


def _one_day(it: Item) -> bool:
    """Dated to one day, or two (an overnight), give or take a day of reporting lag."""
    w = it.window
    return w is not None and (w[1] - w[0]).days <= 1 and w[2] <= SLACK_OF_DAYS


def _one_town_one_day(a: Item, b: Item, rel: str) -> bool:
    """Two reports' accounts of one town's day that a toll ties together.

    Both name only the town (or one names a neighbourhood or site in it) and date the event to
    one day or an overnight. Town-wide on both sides, one toll is enough: a deadly attack on a
    town that day is what reports count, and another report's account of the town's day without
    a toll tells the same one ("coalition raids on Raqqa on Thursday" beside "17 killed in
    coalition strikes on Raqqa on Thursday"). With a neighbourhood or a site on one side, the toll
    must be the town-wide account's ("23 killed in strikes on the city on Thursday" and "a strike
    hit a café in its western suburb"): a town-wide account without a toll is the day's general
    bombardment, not one strike of it. Where the town saw two such attacks that day, their tolls
    or the vague-claim rule (a claim that fits two incidents joins neither) keep them apart.
    """
    if rel not in _TOWN_RELS or not (_one_day(a) and _one_day(b)):
        return False
    fa, fb = a.sc.claim.fatalities, b.sc.claim.fatalities
    if rel == "area":
        return fa is not None or fb is not None
    wide = b if a.where.specific else a
    return wide.sc.claim.fatalities is not None


# "Initial reports had five dead", "the military initially put the toll at 61", "a preliminary
# toll": a first count the toll has since outgrown, a floor for the later ones, not a rival figure
_EARLY = re.compile(r"\b(?:initial(?:ly)?|at first|first reports|preliminary|early reports)\b", re.I)


def _floor_if_early(count: Count | None, it: Item) -> Count | None:
    if it.part and count is not None:  # a part of its report's larger toll: a floor (``_parts``)
        return as_part(count)
    if count is None or count.low is None or not _EARLY.search(it.sc.claim.quote or ""):
        return count
    return Count(low=count.low, high=None, qualifier="at_least")


# One named site on one day: sources disagree more than rounding and a rising toll explain
# (the army's 61 against the civil defence's 137 at one Mosul site); the grade says so.
_SPOT_FACTOR = 4.0


def other_days(a: Item, b: Item) -> bool:
    """Two days one report tells apart ("on Wednesday ... on Thursday"): its dates are resolved
    against one publication date, so no reporting lag blurs them (at one named site, a day
    apart is still the bodies recovered the next day)."""
    ta, tb = a.sc.claim.time, b.sc.claim.time
    if a.lagged or b.lagged:  # read as of the days before its report's: its day tells nothing here
        return False
    if ta.precision != "day" or tb.precision != "day" or ta.start is None or tb.start is None:
        return False
    # a claim dated on its report's own day may owe that day to no time word at all (the
    # extractor's default): a day's difference from another claim of the report is then no proof
    defaulted = a.sc.published in (ta.start, ta.end) or b.sc.published in (tb.start, tb.end)
    if "context" in (a.sc.claim.time_basis, b.sc.claim.time_basis):
        return False  # a day borrowed from the report's context, read as its report's (_items.read_time)
    gap = timedelta(days=1 if defaulted else 0)
    return (ta.end or ta.start) + gap < tb.start or (tb.end or tb.start) + gap < ta.start


def _rival_figures(a: Item, b: Item, rel: str) -> bool:
    """One report's rival counts of one town's event: two claims of one report, of one type, placed
    at the same town (no neighbourhood or site on either side) on the same dates.

    A report that sets the army's first count beside the locals' and an investigation's ("the
    military put the toll at 61", "locals claimed as many as 520", "a US bomb killed between 105
    and 141") tells one event's disputed toll, as at one named site (:data:`_SPOT_FACTOR`); the
    grade says *contested* when the parties are independent origins. Another strike of that day
    told in the report keeps its own toll apart unless the figures are within the same factor."""
    if a.report != b.report or rel != "area" or a.where.specific or b.where.specific:
        return False
    if a.etype != b.etype or a.window is None or b.window is None:
        return False
    return a.window[:2] == b.window[:2]


def _spread(it: Item) -> bool:
    """A claim over several neighbourhoods or sites at once ("57 killed in Sukkari, Kallaseh
    and Bustan al-Qasr"): sharing one of them with a claim about one site is not one spot."""
    finest = [p for p in it.where.specific if p.rank == min(q.rank for q in it.where.specific)]
    return len(finest) > 1


def _one_spot_one_day(a: Item, b: Item, rel: str) -> bool:
    """One named site or neighbourhood (and only one, on both sides) on the same dates, or in
    one report: tolls that differ are sources disagreeing (the grade says so), not two
    events, unless wildly apart."""
    if rel != "same" or _spread(a) or _spread(b):
        return False
    if a.report == b.report:
        return True
    return a.window is not None and b.window is not None and a.window[:2] == b.window[:2]


def mark_parts(items: list[Item], contains: Contains | None = None) -> list[Item]:
    """Mark each claim whose figure is a part of a larger figure of its own report (``_parts``): of
    one family, dates that meet, places that do (the larger's holding the smaller's), not told as a
    further event nor as another weapon's count, and on the report's evidence of a part (one
    sentence, "N of them", one household, a finer place). A part's figure is read as a floor."""
    by_report: dict[str, list[int]] = {}
    for n, it in enumerate(items):
        if it.kind == "incident" and it.sc.claim.fatalities is not None:
            by_report.setdefault(it.report, []).append(n)
    parts: set[int] = set()
    for members in by_report.values():
        for i in members:
            for j in members:
                if i != j and i not in parts and _is_part(items[i], items[j], contains):
                    parts.add(i)
    return [replace(it, part=True) if n in parts else it for n, it in enumerate(items)]


def _is_part(small: Item, whole: Item, contains: Contains | None) -> bool:
    if not same_family(small, whole) or told_apart(small, whole) or two_weapons_counted(small, whole):
        return False
    if small.window is not None and whole.window is not None and not windows_meet(small.window, whole.window):
        return False
    if other_days(small, whole):
        return False
    rel = relation(small, whole, contains)
    if rel is None:
        return False
    rs, rw = finest_rank(small), finest_rank(whole)
    finer = (rel in _TOWN_RELS and rs is not None and rw is not None and rs < rw) or (
        rel != "unknown" and bool(small.sites - whole.sites)
    )
    return part_of_toll(small.sc, whole.sc, finer=finer)


def pair_score(a: Item, b: Item, contains: Contains | None = None) -> float | None:
    """How strongly two claims look like one event; None when they cannot be."""
    judged = judge(a, b, contains)
    return None if judged is None else judged[0]
