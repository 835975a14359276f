"""Clustering: claims about the same real event become one incident.

In: ``SourcedClaim`` values (any number; 10^5 in minutes).
Out: :class:`Cluster` values — member indices, plus the ``tally`` claims that cover them.
Never: reads or writes the database, never merges a ``tally`` into an incident.

Two claims *cannot* be one event (a conflict, :func:`_judge`) unless all of these hold:
same kind (incident with incident, status with status); same event family (the part
before the dot), and the same type unless they share a specific place (kin types count
as the same: air strike and shelling, ground attack and execution, detention and
disappearance); places the same, nested ("Fardous" inside "east Aleppo") or near, compared
at the finest place each claim gives (see ``_places``); time windows that overlap once
widened for their precision; fatality figures that can be one toll (up to about twice
the other; four times at one named site on one day, where sources disagree). A claim
without a date or without a place can only be one event with claims of its own report
(copies and rewrites of a report count as that report). Two claims of one report of which
the later is told by the report itself as a further event ("in a similar strike on ...",
"another explosion", "غارة أخرى") are two events (:func:`_told_apart`), and so are one report's
air strike and shelling each with its own toll (:func:`_two_weapons_counted`).

A pair that fits *identifies* one event when it is of one report, one origin's same
sentence in two reports (a wire story and its rewrite), a shared specific place (a
neighbourhood, a site), or a family with few events a day; for attacks, killings and
clashes (many a day in a city at war) two claims that share only a town must both give a
toll, or name the same kind of site struck (a funeral, a market, a hospital), or be two
accounts of one town's day tied by a toll (:func:`_one_town_one_day`) that no other counted
event of that day could also claim.

Candidate pairs come from blocks (kind, family, place key, week), so the work grows
with the claims per place and week, not with the square of all claims. Groups grow along
identifying pairs, strongest first, and two groups join only when no pair across them
conflicts — so one identifying pair joins four outlets' accounts of a strike even when
some of their sentences give no toll, and nothing chains two neighbourhoods into one
incident. In two steps: claims that place an event by themselves (a specific place, or
any claim of a family with few events a day) first; then each vague claim ("air strikes
on east Aleppo") joins the one group it is identified with and contradicts nowhere (or
one told in its own report), or, when it fits none or two different events, stays with
the other vague claims (grouped by the same rule). Last, two groups of such town-wide
accounts of one day, from different reports, that fit only each other are joined: there is
no other event for either to be (:func:`_join_lone_accounts`).

A claim whose first place is far from the place its report's other claims are at is also read at
that place (:func:`_other_readings`): the first was the passing mention.

Types of violent death that do not fit (shelling beside executions) are kept apart, except where
one large toll ties them, or one report tells both of one place on the same dates
(:func:`_one_report_two_causes`): two such claims with near figures of at least 20, or two such
claims of one report, are a *bridge*, and two
groups a bridge ties are joined when their only conflicts are such differing causes
(:func:`_one_toll_two_causes`, the second pass of :func:`_complete_linkage`), or a sentence without a
toll that its report alone had tied to one of them, which is then set apart (:func:`_set_apart`).
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from rapidfuzz import fuzz

from tawthiq.entities import Count, PlaceRef, SourcedClaim
from tawthiq.text.prefilter import PatternSet

from ._arabic import fold_arabic
from ._numbers import counts_compatible, time_window, windows_meet
from ._origins import claim_report_key
from ._places import PLACE_RANK, Contains, Where, places_relation, where_of

__all__ = ["Cluster", "cluster_claims", "pair_score"]

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
# Families compared as one (for blocking and the family test), so kin types can meet.
# "other" (deaths whose cause the claim does not give: bodies found, a day's toll) is
# grouped with attacks: it may be the same deaths another report gives a weapon for.
_FAMILY_GROUP = {"killing": "attack", "disappearance": "detention", "other": "attack"}
# Families where a city sees many events a day, so a place and a date alone do not identify one.
_BUSY_FAMILIES = frozenset({"attack", "armed"})  # "killing" is grouped with "attack"
_DISTRICT = 3  # the rank of a district in ``_places``
_TOWN, _PROVINCE = 2, 4  # and of a town, a governorate
_REL_SCORE = {"same": 3.0, "nested": 2.0, "area": 1.0, "unknown": 0.5}


@dataclass(frozen=True)
class Cluster:
    """One incident-to-be: indices into the input claims, and the tallies beside it."""

    kind: str
    members: tuple[int, ...]
    tallies: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Item:
    kind: str
    family: str
    etype: str
    where: Where
    window: tuple[date, date, int] | None
    report: str
    denied: bool
    sites: frozenset[str]
    sc: SourcedClaim
    # the claim read at another of its places, kept when its report's other claims are there
    readings: tuple[Where, ...] = ()
    # read as of any day of the week up to its report's day (:func:`_lagged`)
    lagged: bool = False
    # its sentence tells it as another event than the ones told before it (:func:`_told_apart`)
    another: bool = False


def _item(sc: SourcedClaim, copies: dict[str, str]) -> _Item:
    c = sc.claim
    sites, another = _words(_folded(c.quote))
    return _Item(
        kind=c.kind,
        family=_FAMILY_GROUP.get(c.event_type.split(".")[0], c.event_type.split(".")[0]),
        etype=c.event_type,
        where=where_of(c.places),
        window=time_window(c.time, sc.published),
        report=copies.get(claim_report_key(sc), claim_report_key(sc)),
        denied=c.certainty == "denied",
        sites=sites,
        sc=sc,
        readings=_other_readings(c.places),
        another=another,
    )


def _head(where: Where) -> str | None:
    """The place a reading of a claim is about: its first finest place (gazetteer id, else skeleton)."""
    first = next(iter(where.specific or where.areas), None)
    return None if first is None else first.place_id or first.skel or first.folded


def _other_readings(places: tuple[PlaceRef, ...]) -> tuple[Where, ...]:
    """The claim read with each of its other places of the finest level first ("the church in
    Jerusalem condemned the strike on the hospital in Gaza" read at Gaza)."""
    if len(places) < 2:
        return ()
    ranks = [PLACE_RANK.get(p.precision, PLACE_RANK["town"]) for p in places]
    finest = [i for i, r in enumerate(ranks) if r == min(ranks)][1:]  # where_of reads the first one
    if not finest:
        return ()
    first = where_of(places)
    out: list[Where] = []
    for i in finest:
        w = where_of((places[i], *places[:i], *places[i + 1 :]))
        if _head(w) != _head(first) and all(_head(w) != _head(o) for o in out):
            out.append(w)
    return tuple(out)


def _readings_of_its_report(items: list[_Item]) -> list[_Item]:
    """Keep a claim's other readings only at places its report's other claims are placed at.

    A place far from a claim's first one is a mention in passing (where the family had fled from,
    where the spokesman spoke) — unless the rest of the report is about that place: then the first
    place was the passing one (the city of a church that condemned the strike, a port the market
    is "near"), and the claim meets other claims at either."""
    heads: dict[str, list[str | None]] = defaultdict(list)
    for it in items:
        heads[it.report].append(_head(it.where))
    out = []
    for it in items:
        if it.readings:  # a reading's place is never the claim's own first one
            told = set(heads[it.report])
            it = replace(it, readings=tuple(w for w in it.readings if _head(w) in told))
        out.append(it)
    return out


def _relation(a: _Item, b: _Item, contains: Contains | None) -> str | None:
    """:func:`places_relation` at the claims' first places, else at another reading of either."""
    rel = places_relation(a.where, b.where, contains)
    if rel is not None or not (a.readings or b.readings):
        return rel
    for wa in (a.where, *a.readings):
        for wb in (b.where, *b.readings):
            r = places_relation(wa, wb, contains)
            if r is not None and r != "unknown":
                return r
    return None


def _types_fit(a: _Item, b: _Item) -> bool:
    if a.etype == b.etype or any(a.etype in k and b.etype in k for k in _KIN):
        return True
    # "other" gives no cause, so it fits any violent death (never a siege or an evacuation)
    return "other" in (a.etype, b.etype) and a.family == b.family


# The taxonomy's types of violent death: people killed by a weapon fired from afar or by hand.
_VIOLENT_DEATH = frozenset({"attack.air_strike", "attack.shelling", "attack.ground", "killing.execution"})
# A toll this large, told as a figure, rarely repeats by chance at one place on one day
_LARGE_TOLL = 20
_NEAR_TOLL = 1.25  # the larger floor at most this many times the smaller: one count, updated or rounded


def _finest_rank(it: _Item) -> int | None:
    ranks = [p.rank for p in (*it.where.specific, *it.where.areas)]
    return min(ranks) if ranks else None


def _region_beside_town(a: _Item, b: _Item) -> bool:
    """One claim placed no finer than a province (or a country), the other at a town or finer,
    and not the same figure: "barrel bombs rained on villages across the province" beside "a
    barrel bomb killed 9 near the village", in one report. A report's province-wide sentence
    tells the day's campaign, or another strike of it ("three more were killed when strikes hit
    cars on the highway"), more often than the one strike it counts in a town; the pair still fits
    (a group may hold both when another pair ties them), but the report alone does not make it one
    event, nor do two figures that differ (:func:`_judge_full`)."""
    ra, rb = _finest_rank(a), _finest_rank(b)
    if ra is None or rb is None:
        return False
    lo, hi = sorted((ra, rb))
    if hi < _PROVINCE or lo > _TOWN:
        return False
    fa, fb = a.sc.claim.fatalities, b.sc.claim.fatalities
    return not (fa is not None and fb is not None and fa.low is not None and fa.low == fb.low)


def _one_toll_two_causes(a: _Item, b: _Item) -> bool:
    """One massacre told with two causes: "shelling killed 90 in the town" and "108 executed in the
    town" are one event when both are violent-death types and give one large toll.

    Outlets often disagree on how the dead of one day died (shelled, bombed, shot in their
    homes), while a large death toll at one place and time is what identifies the event: two
    figures of at least 20 (words such as "dozens" are no figure) within a quarter of each other.
    The place and date tests still apply (:func:`_judge`)."""
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


def _one_report_two_causes(a: _Item, b: _Item, contains: Contains | None) -> bool:
    """One report that tells one place's day by both causes: "the shelling of the town began at
    midday on Friday and continued until dawn" and "scores of civilians were massacred in the town",
    dated alike. Across reports a toll-less shelling and a massacre may be two events of one town's
    day; a report that tells both of the same place and the same dates, and never as a further event
    (:func:`_told_apart`), tells one event's two sides — a tie like one large toll, and used as a
    *bridge* the same way (the second pass of :func:`_complete_linkage`; the other tests of
    :func:`_only_causes_differ` still apply). Kin types are no concern here (they fit already), nor
    is one report's air strike and shelling each with its own toll (:func:`_two_weapons_counted`)."""
    if a.kind != "incident" or b.kind != "incident":  # a situation told by two causes is no event
        return False
    if a.report != b.report or a.window is None or b.window is None or a.window[:2] != b.window[:2]:
        return False
    return _relation(a, b, contains) not in (None, "unknown")


# A follow-up report retells an event of the days before it ("state television aired the footage
# of the killings"); a claim of it that gives no date but its report's day may reach this far back.
_FOLLOW_UP_DAYS = 7


def _report_day(it: _Item) -> bool:
    """Dated to its report's own publication day and nothing else (what the extractor gives a claim
    without a time word; also a claim whose event is truly of that day)."""
    t, pub = it.sc.claim.time, it.sc.published
    return pub is not None and t.precision == "day" and t.start == pub and t.end in (None, pub)


def _lagged(it: _Item) -> _Item:
    """The claim read as of any of the days up to its report's day (see :func:`_report_day`)."""
    if not _report_day(it) or it.sc.published is None:
        return it
    pub = it.sc.published
    return replace(it, window=(pub - timedelta(days=_FOLLOW_UP_DAYS), pub, 0), lagged=True)


def _only_causes_differ(a: _Item, b: _Item, contains: Contains | None, lag: bool = False) -> float | None:
    """Two violent-death claims that would be one event but for their causes (shelling beside
    executions): everything else of :func:`_judge` holds when one is given the other's type.
    The pair's strength so judged, or None.

    With ``lag`` (the cross pairs of two groups a bridge ties, never the bridge itself), a claim
    dated only by its report's day is read as of any day of the week before (:func:`_lagged`): a
    follow-up's "the footage of the killings aired" carries the day it was written, which is no
    proof of another event beside a massacre a large toll has already tied."""
    if a.etype not in _VIOLENT_DEATH or b.etype not in _VIOLENT_DEATH or _types_fit(a, b):
        return None
    b = replace(b, etype=a.etype, family=a.family)
    judged = _judge_full(a, b, contains)
    if judged is None and lag and (_report_day(a) or _report_day(b)):
        judged = _judge_full(_lagged(a), _lagged(b), contains)
    return None if judged is None else judged[0]


def _same_family(a: _Item, b: _Item) -> bool:
    fa, fb = a.etype.split(".")[0], b.etype.split(".")[0]
    return fa == fb or _types_fit(a, b)


def _echo(a: _Item, b: _Item) -> bool:
    """The same sentence from one origin in two reports (a wire story and its rewrite)."""
    if a.report == b.report or not a.sc.origin or a.sc.origin != b.sc.origin:
        return False
    qa, qb = a.sc.claim.quote, b.sc.claim.quote
    return bool(qa) and bool(qb) and fuzz.ratio(qa, qb) >= 80


# Words naming the site struck: two reports of a strike on a funeral hall in one town on one
# day tell one event even when neither gives a toll. Folded forms (Arabic: ة → ه, no article).
_SITES: tuple[tuple[str, str], ...] = (
    ("funeral", r"\bfuneral|\bmourners|عزاء|جناز|تشييع"),
    ("wedding", r"\bwedding|عرس|زفاف"),
    ("market", r"\bmarket|\bbazaar|سوق|اسواق"),
    ("hospital", r"\bhospital|\bclinic|مستشفي|مشفي|مستوصف|مركز صحي"),
    ("school", r"\bschool|مدرسه|مدارس"),
    ("mosque", r"\bmosque|مسجد|جامع"),
    ("bakery", r"\bbakery|\bbread queue|مخبز|فرن"),
    ("camp", r"\bcamp\b|مخيم"),
    ("shelter", r"\bshelter|ملجا"),
    ("bus", r"\bbus\b|\bbuses\b|حافله|باص"),
    ("cafe", r"\bcaf[eé]|مقهي"),
    ("prison", r"\bprison|سجن"),
    ("church", r"\bchurch|كنيسه"),
    ("convoy", r"\bconvoy|قافله"),
)


# Words by which a report tells a further event apart from the ones it told before: "in a similar
# strike on the village of ...", "another explosion", "in a separate attack", "elsewhere",
# "separately", a paragraph opening on "Meanwhile, ..."; Arabic "غارة أخرى", "انفجار آخر", "في هجوم
# مماثل", "في حادث منفصل", "وفي سياق منفصل", "من جهة أخرى", "إلى ذلك", "كما استهدف", "وفي مناطق أخرى".
# Folded forms (ة → ه, أ/آ → ا, ى → ي), the article optional. "Also" alone is no such word: "the UN
# also said", "the strike also killed two children" add to one event ("helicopters also dropped barrel
# bombs on ..." was tried as one: docs/corroboration.md, Measured).
_EVENT_NOUN_EN = (
    r"(?:air ?strike|airstrike|strike|air raid|raid|attack|assault|explosion|blast|bombing|car bomb|"
    r"shelling|massacre|incident)s?"
)
_EVENT_NOUN_AR = r"(?:ال)?(?:غاره|غارات|هجوم|هجمات|انفجار|تفجير|قصف|مجزره|مجازر|حادث|حادثه|استهداف|ضربه)"
_NOT_AR = r"(?![\u0621-\u064a])"  # the Arabic word ends here
_AR_START = r"(?<![\u0621-\u064a])"
_ANOTHER_EVENT = re.compile(
    "|".join(
        (
            rf"\banother {_EVENT_NOUN_EN}\b|\b(?:similar|separate) {_EVENT_NOUN_EN}\b",
            rf"\bin (?:a|another) (?:second|third|fourth) {_EVENT_NOUN_EN}\b",
            r"\belsewhere\b|\bseparately\b|^\W*meanwhile\b",
            rf"{_EVENT_NOUN_AR} (?:ال)?(?:اخر|اخري|مماثل|مماثله|منفصل|منفصله){_NOT_AR}",
            rf"{_AR_START}(?:في|وفي) (?:سياق|حادث|حادثه) (?:منفصل|منفصله|اخر){_NOT_AR}",
            rf"{_AR_START}(?:من جهه اخري|الي ذلك){_NOT_AR}",
            rf"{_AR_START}كما (?:استهدف|استهدفت|قصف|قصفت|القي|القت|شن|شنت|اغار|اغارت|هاجم|هاجمت){_NOT_AR}",
            rf"{_AR_START}(?:في|وفي) (?:مكان|مناطق|مواقع) (?:ال)?(?:اخر|اخري){_NOT_AR}",
        )
    )
)


# The word lists above, run on a claim's sentence only when it holds one of their words (one
# Aho-Corasick pass over all of them: ``text.prefilter``); the last is :data:`_ANOTHER_EVENT`.
_WORD_LISTS = PatternSet([*(re.compile(pattern) for _, pattern in _SITES), _ANOTHER_EVENT])


def _words(folded: str) -> tuple[frozenset[str], bool]:
    """The kinds of site struck a claim's sentence (:func:`_folded`) names, and whether it tells a
    further event than the ones its report told before it (:data:`_ANOTHER_EVENT`)."""
    if not folded:
        return frozenset(), False
    hits = _WORD_LISTS.candidates(folded)
    sites = frozenset(
        name for i, (name, _) in enumerate(_SITES) if i in hits and _WORD_LISTS.patterns[i].search(folded)
    )
    return sites, len(_SITES) in hits and _ANOTHER_EVENT.search(folded) is not None


def _two_weapons_counted(a: _Item, b: _Item) -> bool:
    """One report's air strike and its shelling, each with its own toll ("50 to 80 died in an air
    strike on the district", "at least seven were killed by mortar shells in the district"): two
    attacks. Air strikes and shelling are kin (:data:`_KIN`) because *different* reports confuse
    them; a report that counts the dead of each apart tells them apart itself. The same figure on
    both sides is one toll told with two weapons, and a claim with no toll is left to the other tests."""
    if {a.etype, b.etype} != {"attack.air_strike", "attack.shelling"}:
        return False
    fa, fb = a.sc.claim.fatalities, b.sc.claim.fatalities
    return fa is not None and fb is not None and (fa.low, fa.high) != (fb.low, fb.high)


def _told_apart(a: _Item, b: _Item) -> bool:
    """Two claims of one report, the later one told as a further event ("in a similar strike on the
    village of ...", "another explosion", "helicopters also dropped barrel bombs on ..."): the report
    itself says they are two events, whatever places and dates they share."""
    if claim_report_key(a.sc) != claim_report_key(b.sc):
        return False
    first, later = (a, b) if a.sc.claim.span[0] <= b.sc.claim.span[0] else (b, a)
    return later.another and later.sc.claim.span[0] > first.sc.claim.span[0]


def _folded(quote: str) -> str:
    """A claim's quote as the word lists here read it: lower case, Arabic folded, the article kept."""
    return fold_arabic(quote.lower(), article=False) if quote else ""


def _judge(a: _Item, b: _Item, contains: Contains | None = None) -> tuple[float, bool] | None:
    """None when two claims cannot be one event (a conflict); else (strength, identifies).

    A pair that *identifies* is enough to say two groups of claims tell one event; one
    that only fits (air strikes on one town on one day, no toll on either side) lets the
    groups be one when another pair identifies them.
    """
    judged = _judge_full(a, b, contains)
    return None if judged is None else judged[:2]


def _judge_full(a: _Item, b: _Item, contains: Contains | None = None) -> tuple[float, bool, bool] | None:
    """:func:`_judge`, and whether the pair is identified only by a toll on one town's day
    (:func:`_one_town_one_day`: the claim without a toll could be another counted event of that day)."""
    if a.kind != b.kind or not _same_family(a, b):
        return None
    same_report = a.report == b.report
    if same_report and _told_apart(a, b):
        return None
    if same_report and _two_weapons_counted(a, b):
        return None
    if a.window is None or b.window is None:
        if not same_report:
            return None
    elif not windows_meet(a.window, b.window):
        return None
    rel = _relation(a, b, contains)
    if rel is None or (rel == "unknown" and not same_report):
        return None
    if same_report and rel != "same" and _other_days(a, b):
        return None
    if not _types_fit(a, b) and rel != "same":
        return None
    fa, fb = a.sc.claim.fatalities, b.sc.claim.fatalities
    if not (a.denied or b.denied) and not counts_compatible(
        _floor_if_early(fa, a),
        _floor_if_early(fb, b),
        factor=_SPOT_FACTOR if _one_spot_one_day(a, b, rel) or _rival_figures(a, b, rel) else 2.0,
    ):
        return None
    echo = _echo(a, b)
    strong = (
        same_report
        or echo
        or rel == "same"
        or a.family not in _BUSY_FAMILIES
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
    campaign = same_report and not echo and a.family in _BUSY_FAMILIES and _region_beside_town(a, b)
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


def _one_day(it: _Item) -> bool:
    """Dated to one day, or two (an overnight), give or take a day of reporting lag."""
    w = it.window
    return w is not None and (w[1] - w[0]).days <= 1 and w[2] <= _SLACK_OF_DAYS


def _one_town_one_day(a: _Item, b: _Item, rel: str) -> bool:
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


def _floor_if_early(count: Count | None, it: _Item) -> Count | None:
    if count is None or count.low is None or not _EARLY.search(it.sc.claim.quote or ""):
        return count
    return Count(low=count.low, high=None, qualifier="at_least")


# One named site on one day: sources disagree more than rounding and a rising toll explain
# (the army's 61 against the civil defence's 137 at one Mosul site); the grade says so.
_SPOT_FACTOR = 4.0


def _other_days(a: _Item, b: _Item) -> bool:
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
    gap = timedelta(days=1 if defaulted else 0)
    return (ta.end or ta.start) + gap < tb.start or (tb.end or tb.start) + gap < ta.start


def _rival_figures(a: _Item, b: _Item, rel: str) -> bool:
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


def _spread(it: _Item) -> bool:
    """A claim over several neighbourhoods or sites at once ("57 killed in Sukkari, Kallaseh
    and Bustan al-Qasr"): sharing one of them with a claim about one site is not one spot."""
    finest = [p for p in it.where.specific if p.rank == min(q.rank for q in it.where.specific)]
    return len(finest) > 1


def _one_spot_one_day(a: _Item, b: _Item, rel: str) -> bool:
    """One named site or neighbourhood (and only one, on both sides) on the same dates, or in
    one report: tolls that differ are sources disagreeing (the grade says so), not two
    events, unless wildly apart."""
    if rel != "same" or _spread(a) or _spread(b):
        return False
    if a.report == b.report:
        return True
    return a.window is not None and b.window is not None and a.window[:2] == b.window[:2]


def pair_score(a: _Item, b: _Item, contains: Contains | None = None) -> float | None:
    """How strongly two claims look like one event; None when they cannot be."""
    judged = _judge(a, b, contains)
    return None if judged is None else judged[0]


def _weeks(window: tuple[date, date, int] | None) -> list[int]:
    if window is None:
        return []
    a = (window[0].toordinal() - window[2]) // 7
    b = (window[1].toordinal() + window[2]) // 7
    return list(range(a, b + 1))


def _place_keys(where: Where) -> set[str]:
    keys = where.block_keys()
    for p in where.specific:
        if p.skel:
            keys.add(p.skel)
    for p in (*where.specific, *where.areas):
        if p.lat is not None and p.lon is not None:
            keys.add(f"~{round(p.lat)},{round(p.lon)}")  # its one-degree cell
    for p in where.areas:
        if p.lat is not None and p.lon is not None:
            la, lo = round(p.lat, 1), round(p.lon, 1)
            for dla in (-0.1, 0.0, 0.1):
                for dlo in (-0.1, 0.0, 0.1):
                    keys.add(f"@{round(la + dla, 1)},{round(lo + dlo, 1)}")
            if p.rank >= _DISTRICT:
                # a district or a province reaches towns in the cells around its point
                la1, lo1 = round(p.lat), round(p.lon)
                keys.update(f"~{la1 + d1},{lo1 + d2}" for d1 in (-1, 0, 1) for d2 in (-1, 0, 1))
    return keys


def _blocks(items: Sequence[_Item]) -> dict[tuple, list[int]]:
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        if it.kind == "tally":
            continue
        base = (it.kind, it.family)
        weeks = _weeks(it.window)
        places = _place_keys(it.where)
        for w in it.readings:
            places |= _place_keys(w)
        if not weeks or not places:
            # no date or no place: it can only meet claims of its own report
            blocks[(*base, "report", it.report)].append(i)
            continue
        blocks[(*base, "report", it.report)].append(i)
        for pk in places:
            for week in weeks:
                blocks[(*base, pk, week)].append(i)
    return blocks


def cluster_claims(
    claims: Sequence[SourcedClaim],
    *,
    contains: Contains | None = None,
    copies: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Cluster]:
    """Group claims into incidents (complete linkage inside blocks); tallies stand beside them.

    ``copies`` maps a report's key to the first report of its group of copies
    (:func:`find_copies`): a wire story and its rewrites count as one report here.
    """
    items = _readings_of_its_report([_item(sc, copies or {}) for sc in claims])
    scores: dict[tuple[int, int], float] = {}  # -1: cannot be one event
    links: set[tuple[int, int]] = set()  # pairs that identify one event
    weak: set[tuple[int, int]] = set()  # of which identified only by a toll on one town's day
    bridges: dict[tuple[int, int], float] = {}  # one large toll told with two causes: their strength

    def soft(key: tuple[int, int]) -> bool:  # a conflict only because two violent-death causes differ
        if key not in soft_seen:
            i, j = key
            as_one = _only_causes_differ(items[i], items[j], contains, lag=True)
            soft_seen[key] = key in bridges or as_one is not None
        return soft_seen[key]

    soft_seen: dict[tuple[int, int], bool] = {}

    def told(m: int) -> bool:  # the claim gives a toll
        return items[m].sc.claim.fatalities is not None

    blocks = _blocks(items)
    done = 0
    for members in blocks.values():
        done += 1
        if progress and done % 1000 == 0:
            progress(done, len(blocks))
        for x in range(len(members)):
            i = members[x]
            for y in range(x + 1, len(members)):
                j = members[y]
                key = (i, j) if i < j else (j, i)
                if key in scores:
                    continue
                judged = _judge_full(items[i], items[j], contains)
                scores[key] = -1.0 if judged is None else judged[0]
                if judged is not None and judged[1]:
                    links.add(key)
                    if judged[2]:
                        weak.add(key)
                elif judged is None and (
                    _one_toll_two_causes(items[i], items[j])
                    or _one_report_two_causes(items[i], items[j], contains)
                ):
                    as_one = _only_causes_differ(items[i], items[j], contains)
                    if as_one is not None:
                        bridges[key] = as_one
    links -= _ambiguous(weak, items, scores)
    nbrs: dict[int, list[int]] = defaultdict(list)
    for i, j in links:
        nbrs[i].append(j)
        nbrs[j].append(i)
    events = [i for i, it in enumerate(items) if it.kind != "tally"]
    anchors = [i for i in events if _is_anchor(items[i])]
    groups = _complete_linkage(anchors, scores, links, bridges, soft, told)
    cluster_of = {m: n for n, g in enumerate(groups) for m in g}
    leftover = []
    for v in (i for i in events if not _is_anchor(items[i])):
        near = {cluster_of[j] for j in nbrs.get(v, ()) if j in cluster_of}
        fits = {n for n in near if _satellite_fits(v, groups[n], items, scores, links)}
        if len(fits) == 1:
            groups[fits.pop()].append(v)
        else:  # fits none, or two different events and cannot be told apart
            leftover.append(v)
    groups += _complete_linkage(leftover, scores, links, bridges, soft, told)
    groups = _join_lone_accounts(groups, items, scores)
    clusters = sorted(sorted(g) for g in groups)
    tallies = _attach_tallies(items, clusters, contains)
    return [
        Cluster(kind=items[g[0]].kind, members=tuple(g), tallies=tuple(tallies.get(n, ())))
        for n, g in enumerate(clusters)
    ]


def _ambiguous(
    weak: set[tuple[int, int]], items: Sequence[_Item], scores: dict[tuple[int, int], float]
) -> set[tuple[int, int]]:
    """The weak links of a claim without a toll that two counted events of its town's day,
    which cannot be one, both claim: it could be either, so it is tied to neither."""
    by_untold: dict[int, list[int]] = defaultdict(list)
    for i, j in weak:
        untold = i if items[i].sc.claim.fatalities is None else j
        by_untold[untold].append(j if untold == i else i)
    out: set[tuple[int, int]] = set()
    for v, partners in by_untold.items():
        if any(
            scores.get((x, y) if x < y else (y, x), -1.0) < 0
            for n, x in enumerate(partners)
            for y in partners[n + 1 :]
        ):
            out.update((v, p) if v < p else (p, v) for p in partners)
    return out


def _is_anchor(it: _Item) -> bool:
    """A claim that places an event by itself: it names a specific place (a neighbourhood,
    a site). In families with few events a day (evacuations, sieges, a city's fall) every
    claim does; "25 killed in air strikes on east Aleppo" does not, a city has several."""
    return it.family not in _BUSY_FAMILIES or bool(it.where.specific)


def _satellite_fits(
    v: int, group: list[int], items: Sequence[_Item], scores: dict, links: set[tuple[int, int]]
) -> bool:
    """A vague claim fits an event told in its own report (or a copy of it) by a claim it
    fits, or an event none of whose claims it contradicts and one of which it is identified with."""
    ok = [scores.get((v, m) if v < m else (m, v), -1.0) >= 0 for m in group]
    if all(ok):
        return any(((v, m) if v < m else (m, v)) in links for m in group)
    return any(fit and items[m].report == items[v].report for fit, m in zip(ok, group, strict=True))


_SLACK_OF_DAYS = 2  # ``time_window``'s slack for a day or a few days (a week, a month: more)


def _join_lone_accounts(
    groups: list[list[int]], items: Sequence[_Item], scores: dict[tuple[int, int], float]
) -> list[list[int]]:
    """Two groups from different reports that fit only each other are one event.

    In a busy family a town and a day do not identify an event, so "coalition raids on Raqqa
    all night" (no toll) and "17 killed in coalition strikes on Raqqa on Thursday" from another
    report stay apart when other strikes on Raqqa that day are told. When they are the only
    account each has (every pair across them fits, and neither fits any other group) there is
    no other event for either to be: they are joined. Two groups that could each be another
    group's event stay apart, so a city with several strikes a day is never chained.
    """
    of = {m: n for n, g in enumerate(groups) for m in g}
    reports = [{items[m].report for m in g} for g in groups]
    touching: dict[int, set[int]] = defaultdict(set)
    for (i, j), s in scores.items():
        if s >= 0 and of.get(i) is not None and of.get(j) is not None and of[i] != of[j]:
            touching[of[i]].add(of[j])
            touching[of[j]].add(of[i])

    def fits(a: int, b: int) -> bool:
        return all(scores.get((x, y) if x < y else (y, x), -1.0) >= 0 for x in groups[a] for y in groups[b])

    def dated(m: int) -> bool:  # a day, or two (an overnight): "since May 1" spans other events
        w = items[m].window
        return w is not None and (w[1] - w[0]).days <= 1 and w[2] <= _SLACK_OF_DAYS

    vague = {
        n for n, g in enumerate(groups) if not any(items[m].where.specific for m in g) and all(map(dated, g))
    }
    partners = {n: {o for o in near if fits(n, o)} for n, near in touching.items()}
    merged: set[int] = set()
    out = []
    for n, g in enumerate(groups):
        if n in merged:
            continue
        p = partners.get(n, set())
        if len(p) == 1:
            (o,) = p
            if (
                o not in merged
                and partners.get(o) == {n}
                and not (reports[n] & reports[o])
                and {n, o} <= vague
            ):
                merged.update((n, o))
                out.append(g + groups[o])
                continue
        out.append(g)
    return out


def _complete_linkage(
    members: Sequence[int],
    scores: dict[tuple[int, int], float],
    links: set[tuple[int, int]],
    bridges: dict[tuple[int, int], float] | None = None,
    soft: Callable[[tuple[int, int]], bool] | None = None,
    told: Callable[[int], bool] | None = None,
) -> list[list[int]]:
    """Merge clusters along identifying pairs, strongest first, only when no cross pair conflicts.

    Along a *bridge* (one large toll told with two causes, :func:`_one_toll_two_causes`) the
    cross pairs that conflict only because their causes differ (:func:`_only_causes_differ`:
    "shelling of the town" beside "the massacre in the town") do not keep the groups apart:
    the toll has shown the two causes to be one event's. Nor does a member without a toll that
    alone keeps them apart (``told``: whether a claim gives a toll; :func:`_set_apart`)."""
    inside = set(members)
    edges = [(-scores[(i, j)], i, j) for (i, j) in links if i in inside and j in inside]
    parent = {i: i for i in members}
    groups: dict[int, list[int]] = {i: [i] for i in members}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def fits(a: list[int], b: list[int], bridge: bool) -> bool:
        for x in a:
            for y in b:
                key = (x, y) if x < y else (y, x)
                if scores.get(key, -1.0) < 0 and not (bridge and soft is not None and soft(key)):
                    return False
        return True

    def attached(x: int, group: list[int]) -> float:  # how strongly a member holds to its group
        return max((scores.get((x, m) if x < m else (m, x), -1.0) for m in group if m != x), default=0.0)

    def set_apart(ri: int, rj: int, i: int, j: int) -> bool:
        """Across a bridge (i, j), set apart the members of one group that alone keep it from the
        other (:func:`_set_apart`); True when some were."""
        if told is None:
            return False
        sides = []
        for r, other in ((ri, rj), (rj, ri)):
            out = _set_apart(groups[r], groups[other], (i, j), hard, told)
            if out:
                sides.append((len(out), max(attached(x, groups[r]) for x in out), r, out))
        if not sides:
            return False
        sides.sort(key=lambda s: s[:2])
        if len(sides) == 2 and sides[0][:2] == sides[1][:2]:
            return False  # either side could be the one told in passing: neither is set apart
        _, _, r, out = sides[0]
        rest = [m for m in groups.pop(r) if m not in out]
        for m in rest:
            parent[m] = rest[0]
        groups[rest[0]] = rest
        for x in out:
            parent[x] = x
            groups[x] = [x]
        return True

    def hard(x: int, y: int) -> bool:  # a conflict no bridge excuses: fits' own test, for one pair
        return not fits([x], [y], True)

    def merge(edges: list[tuple[float, int, int]], bridge: bool) -> None:
        heapq.heapify(edges)
        while edges:
            _, i, j = heapq.heappop(edges)
            ri, rj = find(i), find(j)
            if ri == rj:
                continue
            if not fits(groups[ri], groups[rj], bridge):
                if not (bridge and set_apart(ri, rj, i, j)):
                    continue
                ri, rj = find(i), find(j)
                if not fits(groups[ri], groups[rj], bridge):
                    continue
            if len(groups[ri]) < len(groups[rj]):
                ri, rj = rj, ri
            parent[rj] = ri
            groups[ri].extend(groups.pop(rj))

    merge(edges, False)
    # then the groups one large toll ties across two causes, each group whole
    merge([(-w, i, j) for (i, j), w in (bridges or {}).items() if i in inside and j in inside], True)
    return list(groups.values())


def _set_apart(
    group: list[int],
    other: list[int],
    bridge: tuple[int, int],
    hard: Callable[[int, int], bool],
    told: Callable[[int], bool],
) -> list[int]:
    """The members of ``group`` that a bridge to ``other`` sets apart, or none.

    A group may hold, beside the counted account a bridge ties to another group, a sentence of its
    report without a toll at another place ("explosions and gunfire were heard in neighbouring
    Taldahab" beside "more than 90 killed in the Houla massacre"): joined by its report alone, it
    then keeps the massacre's two causes apart, although the large toll is the stronger evidence.
    Such members — every member of ``group`` in a conflict with ``other`` that no difference of
    cause explains — are set apart when none of them gives a toll and neither end of the bridge is
    among them; a counted member in conflict keeps the groups apart as before."""
    out = [x for x in group if any(hard(x, y) for y in other)]
    if not out or bridge[0] in out or bridge[1] in out or any(told(x) for x in out):
        return []
    return out


def _attach_tallies(
    items: Sequence[_Item], clusters: list[list[int]], contains: Contains | None
) -> dict[int, list[int]]:
    """A tally covers the incidents of its family whose place lies in its area and time in its span."""
    tally_ids = [i for i, it in enumerate(items) if it.kind == "tally"]
    if not tally_ids:
        return {}
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, g in enumerate(clusters):
        head = items[g[0]]
        if head.kind == "incident":
            for pk in _place_keys(head.where) or {"?"}:
                index[(head.family, pk)].append(n)
    out: dict[int, list[int]] = defaultdict(list)
    for t in tally_ids:
        tally = items[t]
        candidates = sorted(
            {n for pk in _place_keys(tally.where) or {"?"} for n in index.get((tally.family, pk), ())}
        )
        for n in candidates:
            head = items[clusters[n][0]]
            if not _types_fit(tally, head):
                continue
            if tally.window is not None and head.window is not None:
                mid = head.window[0] + (head.window[1] - head.window[0]) / 2
                slack = timedelta(days=tally.window[2])
                if not tally.window[0] - slack <= mid <= tally.window[1] + slack:
                    continue
            elif tally.report != head.report:
                continue
            if places_relation(tally.where, head.where, contains) is None:
                continue
            out[n].append(t)
    return out
