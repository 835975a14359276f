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
    parent = {i: i for i in ids_to_list}
    members: dict[int, list[int]] = {i: [i] for i in ids_to_list}
    lists: dict[int, dict[str, int]] = {i: {ids_to_list[i]: 1} for i in ids_to_list}
    apart: dict[int, set[int]] = {i: set() for i in ids_to_list}
    for a, b in cannot_link:
        if a in apart and b in apart:
            apart[a].add(b)
            apart[b].add(a)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Strongest first; ties broken by ids so that re-runs give the same persons.
    for a, b, p in sorted(scored, key=lambda t: (-t[2], min(t[0], t[1]), max(t[0], t[1]))):
        if p < threshold:
            break
        if a not in parent or b not in parent:
            continue
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        la, lb = lists[ra], lists[rb]
        if any(name not in dedupe_lists and name in lb for name in la):
            continue
        if any(find(x) == rb for m in members[ra] for x in apart[m]):
            continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra].extend(members.pop(rb))
        merged = lists[ra]
        for name, c in lists.pop(rb).items():
            merged[name] = merged.get(name, 0) + c
    clusters = [tuple(sorted(m)) for m in members.values()]
    return sorted(clusters)
