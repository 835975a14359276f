"""Clustering: claims about the same real event become one incident.

In: ``SourcedClaim`` values (any number; 10^5 in minutes).
Out: :class:`Cluster` values — member indices, plus the ``tally`` claims that cover them.
Never: reads or writes the database, never merges a ``tally`` into an incident.

Two claims can be one event when all of these hold (:func:`pair_score`):
same kind (incident with incident, status with status); same event family (the part
before the dot), and the same type unless they share a specific place (kin types count
as the same: air strike and shelling, ground attack and execution, detention and
disappearance); places the same, nested
("Fardous" inside "east Aleppo") or near (see ``_places``); time windows that overlap
once widened for their precision; fatality figures that can be one toll. A claim without
a date or without a place joins only claims of its own report (copies and rewrites of a
report count as that report). For attacks, killings
and clashes (many a day in a city at war), claims of different reports that share no
specific place (a neighbourhood, a site) must both give a toll to be joined — unless
they are one origin's same sentence in two reports (a wire story and its rewrite).

Candidate pairs come from blocks (kind, family, place key, week), so the work grows
with the claims per place and week, not with the square of all claims. Then, in two
steps: claims that place an event by themselves (a specific place, or any claim of a
family with few events a day) grow
into clusters by complete linkage, strongest pair first — a claim joins only if it fits
every member, so nothing chains two neighbourhoods into one incident; then each vague
claim ("air strikes on east Aleppo") joins the one cluster it fits (all its claims, or
one of its own report), or, when it fits
none or two different events, stays with the other vague claims (complete linkage again).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from tawthiq.entities import SourcedClaim

from ._numbers import counts_compatible, time_window, windows_meet
from ._origins import claim_report_key
from ._places import Contains, Where, places_relation, where_of

__all__ = ["Cluster", "cluster_claims", "pair_score"]

# Types that reports of one event often give differently: witnesses confuse air strikes
# and shelling; "militias killed civilians" and "civilians were executed"; a detention
# not acknowledged becomes a disappearance. Such pairs count as the same type.
_KIN: tuple[frozenset[str], ...] = (
    frozenset({"attack.air_strike", "attack.shelling"}),
    frozenset({"attack.ground", "killing.execution"}),
    frozenset({"detention.arbitrary", "disappearance.enforced"}),
)
# Families compared as one (for blocking and the family test), so kin types can meet.
_FAMILY_GROUP = {"killing": "attack", "disappearance": "detention"}
# Families where a city sees many events a day, so a place and a date alone do not identify one.
_BUSY_FAMILIES = frozenset({"attack", "armed"})  # "killing" is grouped with "attack"
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
    sc: SourcedClaim


def _item(sc: SourcedClaim, copies: dict[str, str]) -> _Item:
    c = sc.claim
    return _Item(
        kind=c.kind,
        family=_FAMILY_GROUP.get(c.event_type.split(".")[0], c.event_type.split(".")[0]),
        etype=c.event_type,
        where=where_of(c.places),
        window=time_window(c.time, sc.published),
        report=copies.get(claim_report_key(sc), claim_report_key(sc)),
        denied=c.certainty == "denied",
        sc=sc,
    )


def _types_fit(a: _Item, b: _Item) -> bool:
    return a.etype == b.etype or any(a.etype in k and b.etype in k for k in _KIN)


def _same_family(a: _Item, b: _Item) -> bool:
    fa, fb = a.etype.split(".")[0], b.etype.split(".")[0]
    return fa == fb or _types_fit(a, b)


def _echo(a: _Item, b: _Item) -> bool:
    """The same sentence from one origin in two reports (a wire story and its rewrite)."""
    if a.report == b.report or not a.sc.origin or a.sc.origin != b.sc.origin:
        return False
    qa, qb = a.sc.claim.quote, b.sc.claim.quote
    return bool(qa) and bool(qb) and fuzz.ratio(qa, qb) >= 80


def pair_score(a: _Item, b: _Item, contains: Contains | None = None) -> float | None:
    """How strongly two claims look like one event; None when they cannot be."""
    if a.kind != b.kind or not _same_family(a, b):
        return None
    same_report = a.report == b.report
    if a.window is None or b.window is None:
        if not same_report:
            return None
    elif not windows_meet(a.window, b.window):
        return None
    rel = places_relation(a.where, b.where, contains)
    if rel is None or (rel == "unknown" and not same_report):
        return None
    if not _types_fit(a, b) and rel != "same":
        return None
    echo = _echo(a, b)
    if (
        not same_report
        and not echo
        and rel in ("nested", "area")
        and a.family in _BUSY_FAMILIES
        and not (a.denied or b.denied)  # a denial rarely repeats the toll it denies
        and (a.sc.claim.fatalities is None or b.sc.claim.fatalities is None)
    ):
        # "bombing in east Aleppo on Tuesday" fits every strike of that day: across
        # reports, a claim without a specific place needs a toll to be matched on
        return None
    if not (a.denied or b.denied) and not counts_compatible(a.sc.claim.fatalities, b.sc.claim.fatalities):
        return None
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
    fa, fb = a.sc.claim.fatalities, b.sc.claim.fatalities
    if fa is not None and fb is not None and fa.low is not None and fa.low == fb.low:
        score += 0.5
    return score


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
    for p in where.areas:
        if p.lat is not None and p.lon is not None:
            la, lo = round(p.lat, 1), round(p.lon, 1)
            for dla in (-0.1, 0.0, 0.1):
                for dlo in (-0.1, 0.0, 0.1):
                    keys.add(f"@{round(la + dla, 1)},{round(lo + dlo, 1)}")
    return keys


def _blocks(items: Sequence[_Item]) -> dict[tuple, list[int]]:
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        if it.kind == "tally":
            continue
        base = (it.kind, it.family)
        weeks = _weeks(it.window)
        places = _place_keys(it.where)
        if not weeks or not places:
            # no date or no place: it can only meet claims of its own report
            blocks[(*base, "report", it.report)].append(i)
            continue
        blocks[(*base, "report", it.report)].append(i)
        for pk in places:
            for w in weeks:
                blocks[(*base, pk, w)].append(i)
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
    items = [_item(sc, copies or {}) for sc in claims]
    scores: dict[tuple[int, int], float] = {}
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
                s = pair_score(items[i], items[j], contains)
                scores[key] = -1.0 if s is None else s
    nbrs: dict[int, list[int]] = defaultdict(list)
    for (i, j), sc in scores.items():
        if sc >= 0:
            nbrs[i].append(j)
            nbrs[j].append(i)
    events = [i for i, it in enumerate(items) if it.kind != "tally"]
    anchors = [i for i in events if _is_anchor(items[i])]
    groups = _complete_linkage(anchors, scores)
    cluster_of = {m: n for n, g in enumerate(groups) for m in g}
    leftover = []
    for v in (i for i in events if not _is_anchor(items[i])):
        near = {cluster_of[j] for j in nbrs.get(v, ()) if j in cluster_of}
        fits = {n for n in near if _satellite_fits(v, groups[n], items, scores)}
        if len(fits) == 1:
            groups[fits.pop()].append(v)
        else:  # fits none, or two different events and cannot be told apart
            leftover.append(v)
    groups += _complete_linkage(leftover, scores)
    clusters = sorted(sorted(g) for g in groups)
    tallies = _attach_tallies(items, clusters, contains)
    return [
        Cluster(kind=items[g[0]].kind, members=tuple(g), tallies=tuple(tallies.get(n, ())))
        for n, g in enumerate(clusters)
    ]


def _is_anchor(it: _Item) -> bool:
    """A claim that places an event by itself: it names a specific place (a neighbourhood,
    a site). In families with few events a day (evacuations, sieges, a city's fall) every
    claim does; "25 killed in air strikes on east Aleppo" does not, a city has several."""
    return it.family not in _BUSY_FAMILIES or bool(it.where.specific)


def _satellite_fits(v: int, group: list[int], items: Sequence[_Item], scores: dict) -> bool:
    """A vague claim fits an event told in its own report (or a copy of it) by a claim it
    fits, or an event all of whose claims it fits."""
    ok = [scores.get((v, m) if v < m else (m, v), -1.0) >= 0 for m in group]
    if all(ok):
        return True
    return any(fit and items[m].report == items[v].report for fit, m in zip(ok, group, strict=True))


def _complete_linkage(members: Sequence[int], scores: dict[tuple[int, int], float]) -> list[list[int]]:
    """Merge clusters strongest pair first, only when every cross pair is compatible."""
    inside = set(members)
    edges = [(-s, i, j) for (i, j), s in scores.items() if s >= 0 and i in inside and j in inside]
    heapq.heapify(edges)
    parent = {i: i for i in members}
    groups: dict[int, list[int]] = {i: [i] for i in members}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def fits(a: list[int], b: list[int]) -> bool:
        return all(scores.get((x, y) if x < y else (y, x), -1.0) >= 0 for x in a for y in b)

    while edges:
        _, i, j = heapq.heappop(edges)
        ri, rj = find(i), find(j)
        if ri == rj or not fits(groups[ri], groups[rj]):
            continue
        if len(groups[ri]) < len(groups[rj]):
            ri, rj = rj, ri
        parent[rj] = ri
        groups[ri].extend(groups.pop(rj))
    return list(groups.values())


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
