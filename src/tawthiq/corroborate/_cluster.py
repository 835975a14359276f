"""Clustering: claims about the same real event become one incident.

In: ``SourcedClaim`` values (any number; 10^5 in minutes).
Out: :class:`Cluster` values — member indices, plus the ``tally`` claims that cover them.
Never: reads or writes the database, never merges a ``tally`` into an incident.

Two claims *cannot* be one event (a conflict, :func:`judge`) unless all of these hold:
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
"another explosion", "غارة أخرى") are two events (:func:`told_apart`), and so are one report's
air strike and shelling each with its own toll (:func:`two_weapons_counted`).

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
no other event for either to be (:func:`join_lone_accounts`).

A claim whose first place is far from the place its report's other claims are at is also read at
that place (:func:`_other_readings`): the first was the passing mention.

Types of violent death that do not fit (shelling beside executions) are kept apart, except where
one large toll ties them, or one report tells both of one place on the same dates
(:func:`one_report_two_causes`): two such claims with near figures of at least 20, or two such
claims of one report, are a *bridge*, and two
groups a bridge ties are joined when their only conflicts are such differing causes
(:func:`one_toll_two_causes`, the second pass of :func:`complete_linkage`), or a sentence without a
toll that its report alone had tied to one of them, which is then set apart (:func:`_set_apart`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from tawthiq.entities import SourcedClaim

from ._bridges import one_report_two_causes, one_toll_two_causes, only_causes_differ
from ._candidates import candidate_blocks, place_keys
from ._fit import judge_full, mark_parts, types_fit
from ._items import Item, item_of, readings_of_its_report
from ._linkage import ambiguous_links, complete_linkage, is_anchor, join_lone_accounts, satellite_fits
from ._places import Contains, places_relation

__all__ = ["Cluster", "cluster_claims"]


@dataclass(frozen=True)
class Cluster:
    """One incident-to-be: indices into the input claims, and the tallies beside it."""

    kind: str
    members: tuple[int, ...]
    tallies: tuple[int, ...] = ()


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
    items = mark_parts(readings_of_its_report([item_of(sc, copies or {}) for sc in claims]), contains)
    scores: dict[tuple[int, int], float] = {}  # -1: cannot be one event
    links: set[tuple[int, int]] = set()  # pairs that identify one event
    weak: set[tuple[int, int]] = set()  # of which identified only by a toll on one town's day
    bridges: dict[tuple[int, int], float] = {}  # one large toll told with two causes: their strength

    def soft(key: tuple[int, int]) -> bool:  # a conflict only because two violent-death causes differ
        if key not in soft_seen:
            i, j = key
            as_one = only_causes_differ(items[i], items[j], contains, lag=True)
            soft_seen[key] = key in bridges or as_one is not None
        return soft_seen[key]

    soft_seen: dict[tuple[int, int], bool] = {}

    def told(m: int) -> bool:  # the claim gives a toll
        return items[m].sc.claim.fatalities is not None

    blocks = candidate_blocks(items)
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
                judged = judge_full(items[i], items[j], contains)
                scores[key] = -1.0 if judged is None else judged[0]
                if judged is not None and judged[1]:
                    links.add(key)
                    if judged[2]:
                        weak.add(key)
                elif judged is None and (
                    one_toll_two_causes(items[i], items[j])
                    or one_report_two_causes(items[i], items[j], contains)
                ):
                    as_one = only_causes_differ(items[i], items[j], contains)
                    if as_one is not None:
                        bridges[key] = as_one
    links -= ambiguous_links(weak, items, scores)
    nbrs: dict[int, list[int]] = defaultdict(list)
    for i, j in links:
        nbrs[i].append(j)
        nbrs[j].append(i)
    events = [i for i, it in enumerate(items) if it.kind != "tally"]
    anchors = [i for i in events if is_anchor(items[i])]
    groups = complete_linkage(anchors, scores, links, bridges, soft, told)
    cluster_of = {m: n for n, g in enumerate(groups) for m in g}
    leftover = []
    for v in (i for i in events if not is_anchor(items[i])):
        near = {cluster_of[j] for j in nbrs.get(v, ()) if j in cluster_of}
        fits = {n for n in near if satellite_fits(v, groups[n], items, scores, links)}
        if len(fits) == 1:
            groups[fits.pop()].append(v)
        else:  # fits none, or two different events and cannot be told apart
            leftover.append(v)
    groups += complete_linkage(leftover, scores, links, bridges, soft, told)
    groups = join_lone_accounts(groups, items, scores)
    clusters = sorted(sorted(g) for g in groups)
    tallies = _attach_tallies(items, clusters, contains)
    return [
        Cluster(kind=items[g[0]].kind, members=tuple(g), tallies=tuple(tallies.get(n, ())))
        for n, g in enumerate(clusters)
    ]


def _attach_tallies(
    items: Sequence[Item], clusters: list[list[int]], contains: Contains | None
) -> dict[int, list[int]]:
    """A tally covers the incidents of its family whose place lies in its area and time in its span."""
    tally_ids = [i for i, it in enumerate(items) if it.kind == "tally"]
    if not tally_ids:
        return {}
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, g in enumerate(clusters):
        head = items[g[0]]
        if head.kind == "incident":
            for pk in place_keys(head.where) or {"?"}:
                index[(head.family, pk)].append(n)
    out: dict[int, list[int]] = defaultdict(list)
    for t in tally_ids:
        tally = items[t]
        candidates = sorted(
            {n for pk in place_keys(tally.where) or {"?"} for n in index.get((tally.family, pk), ())}
        )
        for n in candidates:
            head = items[clusters[n][0]]
            if not types_fit(tally, head):
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
