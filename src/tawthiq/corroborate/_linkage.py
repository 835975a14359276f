"""Grouping: claims into incidents along identifying pairs, never across a conflict.

In: the judged pairs (``scores``: strength, or -1 for a conflict), the identifying ``links`` and
the ``bridges`` (``_bridges``), as indices into the claims.
Out: groups of indices: :func:`complete_linkage` (strongest links first, two groups joined only when
no pair across them conflicts, then across bridges), :func:`satellite_fits` (where a vague claim
goes), :func:`ambiguous_links` (a claim two counted events could both claim), and
:func:`join_lone_accounts` (two town-wide accounts of one day that fit only each other).
Never: judges a pair itself; never reads the database.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Sequence

from ._fit import SLACK_OF_DAYS
from ._items import BUSY_FAMILIES, Item

__all__ = ["ambiguous_links", "complete_linkage", "is_anchor", "join_lone_accounts", "satellite_fits"]


def ambiguous_links(
    weak: set[tuple[int, int]], items: Sequence[Item], scores: dict[tuple[int, int], float]
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


def is_anchor(it: Item) -> bool:
    """A claim that places an event by itself: it names a specific place (a neighbourhood,
    a site). In families with few events a day (evacuations, sieges, a city's fall) every
    claim does; "25 killed in air strikes on east Aleppo" does not, a city has several."""
    return it.family not in BUSY_FAMILIES or bool(it.where.specific)


def satellite_fits(
    v: int, group: list[int], items: Sequence[Item], scores: dict, links: set[tuple[int, int]]
) -> bool:
    """A vague claim fits an event told in its own report (or a copy of it) by a claim it
    fits, or an event none of whose claims it contradicts and one of which it is identified with."""
    ok = [scores.get((v, m) if v < m else (m, v), -1.0) >= 0 for m in group]
    if all(ok):
        return any(((v, m) if v < m else (m, v)) in links for m in group)
    return any(fit and items[m].report == items[v].report for fit, m in zip(ok, group, strict=True))


def join_lone_accounts(
    groups: list[list[int]], items: Sequence[Item], scores: dict[tuple[int, int], float]
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
        return w is not None and (w[1] - w[0]).days <= 1 and w[2] <= SLACK_OF_DAYS

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


def complete_linkage(
    members: Sequence[int],
    scores: dict[tuple[int, int], float],
    links: set[tuple[int, int]],
    bridges: dict[tuple[int, int], float] | None = None,
    soft: Callable[[tuple[int, int]], bool] | None = None,
    told: Callable[[int], bool] | None = None,
) -> list[list[int]]:
    """Merge clusters along identifying pairs, strongest first, only when no cross pair conflicts.

    Along a *bridge* (one large toll told with two causes, :func:`one_toll_two_causes`) the
    cross pairs that conflict only because their causes differ (:func:`only_causes_differ`:
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
