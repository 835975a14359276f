"""A claim that one bad pair left alone joins the incident whose core identifies it (issue 15 item 4).

Complete linkage keeps a claim out of a group when any one member conflicts with it; a claim that
most of an incident's accounts identify as theirs joins it when its only conflicts are of place or
toll (``corroborate._linkage.join_to_core``). Synthetic claims written for this test.
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.corroborate import build_incidents
from tawthiq.corroborate._linkage import join_to_core
from tawthiq.entities import Claim, Count, PlaceRef, ReportRef, SourcedClaim, TimeSpan

TOWN = PlaceRef(name="Bayt al-Faqih", lat=14.516, lon=43.324, precision="town")
DAY = date(2018, 10, 24)
_ids = iter(range(1, 10_000))


def _told(report: str, toll: int, *, event_type="attack.air_strike", kind="incident", day=DAY):
    """One report's claim of an air strike on the town that day, with its toll."""
    claim = Claim(
        id=next(_ids),
        kind=kind,
        event_type=event_type,
        places=(TOWN,),
        quote=f"{report}: {toll} killed",
        time=TimeSpan(start=day, end=day, precision="day"),
        fatalities=Count(low=toll, high=toll),
        span=(0, 10),
    )
    ref = ReportRef(file=f"{report}.txt", sha256=(report * 64)[:64], title=None)
    return SourcedClaim(claim=claim, report=ref, published=DAY, source_label=report)


def _groups(incidents) -> list[set[int]]:
    return sorted((set(i.claim_ids) for i in incidents), key=min)


@pytest.mark.parametrize(
    ("core_tolls", "lone"),
    [
        ((21, 19, 21, 35), 12),  # 35 is an updated toll: 12 cannot be one with it, fits the rest
        ((20, 20, 40), 10),
        ((30, 28, 33, 31, 55), 20),
    ],
)
def test_a_claim_the_core_identifies_joins_although_one_member_conflicts(core_tolls, lone):
    core = [_told(f"r{n}", t) for n, t in enumerate(core_tolls)]
    alone = _told("lone", lone)
    incidents = build_incidents([*core, alone])
    assert _groups(incidents) == [{c.claim.id for c in (*core, alone)}]


def test_a_conflict_of_type_or_date_is_never_outweighed():
    core = [_told(f"r{n}", t) for n, t in enumerate((21, 19, 21, 35))]
    ids = {c.claim.id for c in core}
    executed = _told("lone", 12, event_type="killing.execution")
    other_day = _told("lone", 12, day=date(2018, 11, 3))
    for odd in (executed, other_day):
        assert _groups(build_incidents([*core, odd])) == [ids, {odd.claim.id}]


def test_a_tally_never_joins_an_incident_by_its_core():
    core = [_told(f"r{n}", t) for n, t in enumerate((21, 19, 21, 35))]
    tally = _told("lone", 12, kind="tally")
    incidents = build_incidents([*core, tally])
    assert _groups([i for i in incidents if i.kind == "incident"]) == [{c.claim.id for c in core}]
    assert all(tally.claim.id not in i.claim_ids for i in incidents)


def _pairs(v: int, group: list[int], value: float) -> dict[tuple[int, int], float]:
    return {(min(v, m), max(v, m)): value for m in group}


def test_a_claim_two_incidents_could_claim_joins_neither():
    a, b = [1, 2, 3, 4], [5, 6, 7, 8]
    v = 9
    scores = {**_pairs(v, a[:3], 3.0), **_pairs(v, a[3:], -1.0), **_pairs(v, b[:3], 3.0)}
    scores.update(_pairs(v, b[3:], -1.0))
    links = {k for k, s in scores.items() if s > 0}
    groups = join_to_core([a, b, [v]], scores, links, lambda k: True)
    assert groups == [a, b, [v]]
    # with one of them only, it joins that one
    del scores[(4, 9)]  # no pair judged with 4: a conflict all the same (not in one block)
    groups = join_to_core([a, [v]], scores, links, lambda k: True)
    assert groups == [[*a, v]]


def test_a_claim_most_of_an_incident_contradicts_or_that_an_unexcusable_conflict_keeps_apart_stays():
    a, v = [1, 2, 3], 9
    # identified by one member, in conflict with two: it is not the incident's claim
    scores = {**_pairs(v, a[:1], 3.0), **_pairs(v, a[1:], -1.0)}
    links = {k for k, s in scores.items() if s > 0}
    assert join_to_core([a, [v]], scores, links, lambda k: True) == [a, [v]]
    # identified by two of four, its one conflict not of place or toll (another day, another type)
    a = [1, 2, 3, 4]
    scores = {**_pairs(v, a[:3], 3.0), **_pairs(v, a[3:], -1.0)}
    links = {k for k, s in scores.items() if s > 0}
    assert join_to_core([a, [v]], scores, links, lambda k: False) == [a, [v]]
    assert join_to_core([a, [v]], scores, links, lambda k: True) == [[*a, v]]


def test_a_claim_joined_by_its_core_with_another_toll_shows_as_contested_not_hidden():
    core = [_told(f"r{n}", t) for n, t in enumerate((24, 24, 30, 34))]
    assert [i.grade for i in build_incidents(core)] == ["fair"]  # the four tolls agree closely enough
    lone = _told("lone", 14)  # an independent origin's 14 cannot be one with 34, fits the rest
    [inc] = build_incidents([*core, lone])
    assert lone.claim.id in inc.claim_ids
    assert inc.grade == "contested"
    assert "lone gives 14" in inc.rationale
