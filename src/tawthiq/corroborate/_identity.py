"""Incident identity across rebuilds: which stored incident a newly built one continues. Pure.

In: the new incidents (from :func:`build_incidents`), and the stored ones as
``{incident id: key}`` and ``{incident id: {claim id: role}}``.
Out: ``{index of a new incident: id of the stored incident it continues}``; a new incident
missing from it is new, a stored incident nobody continues is gone.
Never: touches the database (the store reads the old state and writes the new one).

The rule: an incident whose key (its member claims) is unchanged keeps its id; one whose
members changed keeps the id (and with it the analyst's override) of the stored incident it
shares most claims with, when that is at least half of the stored incident's own claims
(tallies do not count), ties to the lower id; each stored id is continued at most once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from tawthiq.entities import Incident

__all__ = ["inherit_incident_ids"]


def inherit_incident_ids(
    incidents: Sequence[Incident],
    old_keys: Mapping[int, str],
    old_links: Mapping[int, Mapping[int, str]],
) -> dict[int, int]:
    """For each new incident (by index) the stored incident id it continues (see module doc)."""
    by_key = {key: oid for oid, key in old_keys.items()}
    matched: dict[int, int] = {}  # new index -> old id
    taken: set[int] = set()
    for n, inc in enumerate(incidents):
        if inc.key in by_key and by_key[inc.key] not in taken:
            matched[n] = by_key[inc.key]
            taken.add(by_key[inc.key])
    # members changed: inherit from the old incident sharing most claims (at least half of its own)
    claim_owner: dict[int, list[int]] = defaultdict(list)
    for oid, links in old_links.items():
        for cid, role in links.items():
            if role != "tally":
                claim_owner[cid].append(oid)
    for n, inc in enumerate(incidents):
        if n in matched:
            continue
        overlap: dict[int, int] = defaultdict(int)
        for cid in (*inc.claim_ids, *inc.contradicting_claim_ids):
            for oid in claim_owner.get(cid, ()):
                if oid not in taken:
                    overlap[oid] += 1
        if overlap:
            oid = max(overlap, key=lambda o: (overlap[o], -o))
            old_size = sum(1 for r in old_links.get(oid, {}).values() if r != "tally")
            if overlap[oid] * 2 >= old_size:
                matched[n] = oid
                taken.add(oid)
    return matched
