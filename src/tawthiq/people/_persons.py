"""Clusters of record ids -> persons that keep their ids across re-links.

In: the clusters of a new :class:`~tawthiq.people.LinkResult` and the persons stored before
(``{person id: record ids}``), plus each record's status.
Out: for every cluster, the previous person id it inherits (or ``None`` for a new person),
and each person's status. Never: touches the database; never renumbers a person whose
records are still together.

Inheritance is greedy by overlap: the (cluster, old person) pair sharing the most records
goes first, each old person is inherited at most once, ties go to the lower ids, so the
same input always gives the same answer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

from tawthiq.entities import LinkResult, Person, PersonRecord, PersonStatus

__all__ = ["STATUS_ORDER", "assign_person_ids", "person_key", "person_status", "plan_persons"]

# A person named "killed" on one list and "missing" on another is reported as killed: the
# more definite fate wins; detention is more definite than "missing" (someone holds them).
STATUS_ORDER: tuple[PersonStatus, ...] = ("killed", "detained", "missing", "injured", "unknown")


def assign_person_ids(
    clusters: Sequence[Sequence[int]], previous: Mapping[int, Iterable[int]]
) -> list[int | None]:
    """For each cluster, the id of the old person it continues, or None (a new person)."""
    owner: dict[int, int] = {}
    for person_id, record_ids in previous.items():
        for rid in record_ids:
            owner[rid] = person_id
    overlaps: dict[tuple[int, int], int] = {}
    for index, cluster in enumerate(clusters):
        for rid in cluster:
            if rid in owner:
                key = (index, owner[rid])
                overlaps[key] = overlaps.get(key, 0) + 1
    result: list[int | None] = [None] * len(clusters)
    taken: set[int] = set()
    for (index, person_id), _n in sorted(overlaps.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0])):
        if result[index] is None and person_id not in taken:
            result[index] = person_id
            taken.add(person_id)
    return result


def person_status(statuses: Iterable[str]) -> PersonStatus:
    """The most definite status among a person's records (see :data:`STATUS_ORDER`)."""
    present = set(statuses)
    return next((s for s in STATUS_ORDER if s in present), "unknown")


def person_key(members: Iterable[tuple[str, str]]) -> str:
    """A stable text key from the (list, record_id) pairs a person was created with."""
    text = "\n".join(sorted(f"{lst}\t{rid}" for lst, rid in members))
    return "p" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def plan_persons(
    result: LinkResult, records: Sequence[PersonRecord], previous: Mapping[int, Iterable[int]]
) -> list[Person]:
    """The persons ``result``'s clusters make, in cluster order: ``id`` is the old person each
    continues (None for a new one), ``key`` is set for new persons only (from their members),
    ``status`` is the most definite status among the members."""
    by_id = {r.id: r for r in records}
    inherited = assign_person_ids(result.clusters, previous)
    out = []
    for cluster, pid in zip(result.clusters, inherited, strict=True):
        status = person_status(by_id[r].status for r in cluster if r in by_id)
        key = ""
        if pid is None:
            key = person_key((by_id[r].list_name, by_id[r].record_id) for r in cluster if r in by_id)
        # built unvalidated: one per cluster on lists of a million records, valid by construction
        out.append(Person.model_construct(id=pid, key=key, record_ids=tuple(cluster), status=status))
    return out
