"""Assemble and grade incidents: origins, clusters, place, time, toll, grade.

In: ``SourcedClaim`` values and (optionally) the ``Report`` bodies, for copy detection.
Out: graded ``Incident`` values with stable keys (a hash of their members' fingerprints).
Never: reads or writes the database; ids are the claims' own ``id`` (or their position
in the input when a claim has none).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from tawthiq.entities import Incident, PlaceRef, Report, SourcedClaim, TimeSpan

from ._cluster import Cluster, cluster_claims
from ._grades import DEFAULT_RULES, Rule, grade_incident
from ._numbers import fatalities_of
from ._origins import find_copies, group_by_origin, passed_on, report_key
from ._places import fold_name, skeleton

__all__ = ["build_incidents", "claim_fingerprint", "incident_from_cluster", "incident_key"]

_PREC_RANK = {"exact": 0, "neighbourhood": 1, "town": 2, "district": 3, "governorate": 4, "country": 5}


def claim_fingerprint(sc: SourcedClaim) -> str:
    """What identifies a claim across re-extractions: its report and its span in it.

    The report id is part of it: the messages of one chat export or JSON-lines file share the
    file's SHA-256, and two of them can hold a claim at the same span.
    """
    return f"{sc.report.sha256}:{sc.report_id}:{sc.claim.span[0]}:{sc.claim.span[1]}"


def incident_key(members: Iterable[SourcedClaim]) -> str:
    """Stable key of an incident: the same member claims give the same key on every run."""
    h = hashlib.sha256("\n".join(sorted(claim_fingerprint(sc) for sc in members)).encode())
    return h.hexdigest()[:16]


def _cid(sc: SourcedClaim, index: int) -> int:
    return sc.claim.id if sc.claim.id is not None else index


def _places(members: Sequence[SourcedClaim]) -> tuple[PlaceRef, ...]:
    seen: dict[tuple[str, str | None], PlaceRef] = {}
    for sc in members:
        for p in sc.claim.places:
            folded, side = fold_name(p.name)
            key = (p.place_id or skeleton(folded) or folded, side)
            seen.setdefault(key, p)
    return tuple(sorted(seen.values(), key=lambda p: _PREC_RANK.get(p.precision, 2)))


def _time(members: Sequence[SourcedClaim]) -> TimeSpan:
    """The dates most members give at the narrowest precision any member gives.

    (A rewrite published two days later may still resolve "Tuesday" right; the span the
    most claims agree on wins, ties to the earliest, rather than the union of all.)
    """
    order = ["day", "days", "week", "month", "unknown"]
    dated = [sc.claim.time for sc in members if sc.claim.time.start or sc.claim.time.end]
    if not dated:
        return TimeSpan()

    def rank(t: TimeSpan) -> int:
        return order.index(t.precision) if t.precision in order else 4

    best = min(rank(t) for t in dated)
    votes = Counter((t.start, t.end) for t in dated if rank(t) == best)
    top = max(votes.values())
    start, end = min((k for k, v in votes.items() if v == top), key=lambda k: (k[0] or k[1], k[1] or k[0]))
    return TimeSpan(start=start, end=end, precision=order[best])


def incident_from_cluster(
    cluster: Cluster, claims: Sequence[SourcedClaim], rules: Sequence[Rule] = DEFAULT_RULES
) -> Incident:
    members = [claims[i] for i in cluster.members]
    pairs = [(_cid(claims[i], i), claims[i]) for i in cluster.members]
    asserting = [sc for sc in members if sc.claim.certainty != "denied"] or members
    types = Counter(sc.claim.event_type for sc in asserting)
    event_type = max(types, key=lambda t: (types[t], t != "other"))
    origins = list(dict.fromkeys(sc.origin or sc.source_label or sc.report.sha256[:12] for sc in members))
    outlets = list(
        dict.fromkeys(sc.source_label or sc.report.file or sc.report.sha256[:12] for sc in members)
    )
    inc = Incident(
        kind=cluster.kind,
        key=incident_key(members),
        event_type=event_type,
        places=_places(members),
        time=_time(asserting),
        fatalities=fatalities_of(pairs),
        origins=tuple(origins),
        outlets=tuple(outlets),
        claim_ids=tuple(cid for cid, sc in pairs if sc.claim.certainty != "denied"),
        contradicting_claim_ids=tuple(cid for cid, sc in pairs if sc.claim.certainty == "denied"),
        tally_claim_ids=tuple(_cid(claims[t], t) for t in cluster.tallies),
    )
    return grade_incident(inc, members, rules)


def build_incidents(
    claims: Sequence[SourcedClaim],
    reports: Iterable[Report] = (),
    *,
    contains: Callable[[str, str], bool] | None = None,
    rules: Sequence[Rule] = DEFAULT_RULES,
    progress: Callable[[int, int], None] | None = None,
) -> list[Incident]:
    """Claims in, graded incidents out: origins, then clusters, then toll and grade.

    Only ``incident`` and ``status`` claims make incidents; ``tally`` claims are listed
    in ``tally_claim_ids`` of the incidents they cover.
    """
    reports = list(reports)
    copies = find_copies(reports)
    with_origin = group_by_origin(claims, reports, copies=copies)
    clusters = cluster_claims(with_origin, contains=contains, copies=copies, progress=progress)
    bodies = {report_key(r): r.body for r in reports if r.body}
    if bodies:
        with_origin = list(with_origin)
        for c in clusters:
            for i, sc in zip(c.members, passed_on([with_origin[i] for i in c.members], bodies), strict=True):
                with_origin[i] = sc
    return _unique_keys([incident_from_cluster(c, with_origin, rules) for c in clusters])


def _unique_keys(incidents: list[Incident]) -> list[Incident]:
    """Incidents whose keys collide get their claim ids hashed into the key.

    A key hashes its claims' fingerprints (report and span): two claims at one span of one report
    (one sentence telling a strike in one place and shelling in another) that end up in two
    incidents gave both the same key, and saving the second broke the store's unique key (a
    crash of ``tawthiq corroborate``). Claims keep their ids across re-extraction, so the new
    keys are as stable as the old ones; incidents whose keys do not collide keep theirs.
    """
    counts = Counter(inc.key for inc in incidents)
    if all(n == 1 for n in counts.values()):
        return incidents
    out = []
    for inc in incidents:
        if counts[inc.key] > 1:
            ids = ",".join(str(i) for i in sorted((*inc.claim_ids, *inc.contradicting_claim_ids)))
            inc = inc.model_copy(update={"key": hashlib.sha256(f"{inc.key}:{ids}".encode()).hexdigest()[:16]})
        out.append(inc)
    return out
