"""Scored pairs -> persons: constrained greedy clustering that honours user labels.

In: record ids with their list names, scored pairs (a, b, probability), the lists that
may hold duplicates, and user labels. Out: clusters (tuples of record ids).
Never: scores pairs or touches a database.

Hand-written rather than splink's ``cluster_using_single_best_links`` because the
review queue needs *cannot-link* constraints (a "no match" decision keeps two whole
clusters apart, not only the two records), which splink's clustering has no input for.
The rule is the same idea: strongest links first, a link is taken only if the merged
cluster still has at most one record from each duplicate-free list.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping

__all__ = ["cluster_pairs"]


def cluster_pairs(
    ids_to_list: Mapping[int, str],
    scored: Iterable[tuple[int, int, float]],
    *,
    threshold: float,
    dedupe_lists: frozenset[str] | set[str],
    cannot_link: Iterable[tuple[int, int]] = (),
) -> list[tuple[int, ...]]:
    # Without this, building a million tuples makes the cyclic collector walk the whole
    # heap again and again (nothing here is cyclic).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _cluster(ids_to_list, scored, threshold, dedupe_lists, cannot_link)
    finally:
        if was_enabled:
            gc.enable()


def _cluster(
    ids_to_list: Mapping[int, str],
    scored: Iterable[tuple[int, int, float]],
    threshold: float,
    dedupe_lists: frozenset[str] | set[str],
    cannot_link: Iterable[tuple[int, int]],
) -> list[tuple[int, ...]]:
    # State only for the records a pair touches: most records of a large list are alone.
    parent: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    lists: dict[int, dict[str, int]] = {}
    apart: dict[int, set[int]] = {}  # root -> records its members must not join
    for a, b in cannot_link:
        if a in ids_to_list and b in ids_to_list:
            apart.setdefault(a, set()).add(b)
            apart.setdefault(b, set()).add(a)

    def find(x: int) -> int:
        if x not in parent:
            parent[x] = x
            members[x] = [x]
            lists[x] = {ids_to_list[x]: 1}
            return x
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    # Strongest first; ties broken by ids so that re-runs give the same persons.
    for a, b, p in sorted(scored, key=lambda t: (-t[2], min(t[0], t[1]), max(t[0], t[1]))):
        if p < threshold:
            break
        if a not in ids_to_list or b not in ids_to_list:
            continue
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        la, lb = lists[ra], lists[rb]
        if any(name not in dedupe_lists and name in lb for name in la):
            continue
        if apart and any(find(x) == rb for x in apart.get(ra, ())):
            continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra].extend(members.pop(rb))
        merged = lists[ra]
        for name, c in lists.pop(rb).items():
            merged[name] = merged.get(name, 0) + c
        if rb in apart:
            apart.setdefault(ra, set()).update(apart.pop(rb))
    # Clusters in the order of their smallest id (the order ``sorted`` gives disjoint tuples).
    multi = [m for m in members.values() if len(m) > 1]
    first = {min(m): m for m in multi}
    joined = {x for m in multi for x in m}
    out: list[tuple[int, ...]] = []
    for i in sorted(ids_to_list):
        m = first.get(i)
        if m is not None:
            out.append(tuple(sorted(m)))
        elif i not in joined:
            out.append((i,))
    return out
