"""A toll that rises over days is one event's update, not a rival count (issues 15/16, session 23).

Generated claim sets of several shapes, in English and Arabic: an early toll and a later, larger one
from a report published 1 to 5 days after (one incident, not contested); a toll revised down later,
two very different tolls of one day from independent origins, a rise too steep or too late, another
type (still two events, or contested). Every joined case is built so that the two tolls cannot be
one figure without the rule (the later more than twice the earlier + 3): each fails without it.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

import pytest

from tawthiq.corroborate import build_incidents
from tawthiq.corroborate._numbers import RISE_DAYS, RISE_FACTOR, counts_compatible, toll_update
from tawthiq.entities import Claim, Count, PlaceRef, ReportRef, SourcedClaim, TimeSpan

DOUMA = PlaceRef(name="Douma", lat=33.5711, lon=36.4028, precision="town")
DOUMA_AR = PlaceRef(name="مدينة دوما", lat=33.5711, lon=36.4028, precision="town")
SAQBA = PlaceRef(name="Saqba", lat=33.5308, lon=36.3872, precision="town")
MARKET = PlaceRef(name="Douma market", lat=33.5720, lon=36.4030, precision="neighbourhood")
EVENT = date(2018, 2, 19)

_ids = count(1)


def _claim(
    report: str,
    toll: int,
    *,
    published: date,
    day: date = EVENT,
    places=(DOUMA,),
    event_type: str = "attack.air_strike",
    kind: str = "incident",
    quote: str = "",
    outlet: str | None = None,
    qualifier: str = "exact",
) -> SourcedClaim:
    high = toll if qualifier == "exact" else None
    claim = Claim(
        id=next(_ids),
        kind=kind,
        event_type=event_type,
        places=tuple(places),
        quote=quote or f"{toll} people were killed in an air strike on the town",
        span=(0, 40),
        time=TimeSpan(start=day, end=day, precision="day"),
        fatalities=Count(low=toll, high=high, qualifier=qualifier),
        certainty="reported",
    )
    return SourcedClaim(
        claim=claim,
        report=ReportRef(file=f"{report}.txt", sha256=(report * 64)[:64]),
        published=published,
        source_label=outlet or report,
    )


def _members(inc) -> set[int]:
    return {*inc.claim_ids, *inc.contradicting_claim_ids}


# (early toll, later toll): the later more than twice the earlier + 3, at most 4 times + 3
RISES = [(3, 10), (5, 20), (8, 30), (12, 45), (20, 70), (30, 100), (60, 200), (90, 300)]


@pytest.mark.parametrize("days", range(1, 6))
@pytest.mark.parametrize(("early", "later"), RISES)
@pytest.mark.parametrize("place", [DOUMA, DOUMA_AR], ids=["en", "ar"])
def test_a_toll_that_rises_over_days_stays_one_incident_not_contested(early, later, days, place):
    first = _claim("wire", early, published=EVENT, places=(place,))
    second = _claim("monitor", later, published=EVENT + timedelta(days=days), places=(place,))
    # without the rule the two tolls cannot be one
    assert not counts_compatible(first.claim.fatalities, second.claim.fatalities)
    [inc] = build_incidents([first, second])
    assert _members(inc) == {first.claim.id, second.claim.id}
    assert inc.grade != "contested"
    assert inc.fatalities.low == later


def test_a_rising_toll_told_by_four_reports_over_five_days_is_one_incident():
    # every two of them one event's toll as it rose (12 and 50: within the plausible rise)
    tolls = [(0, 12), (1, 20), (3, 35), (5, 50)]
    claims = [_claim(f"outlet{n}", t, published=EVENT + timedelta(days=d)) for n, (d, t) in enumerate(tolls)]
    [inc] = build_incidents(claims)
    assert inc.grade == "fair" and inc.fatalities.low == 50


@pytest.mark.parametrize("days", range(1, 6))
@pytest.mark.parametrize(("early", "later"), RISES)
def test_a_toll_revised_down_later_stays_apart(early, later, days):
    first = _claim("wire", later, published=EVENT)
    second = _claim("monitor", early, published=EVENT + timedelta(days=days))
    assert len(build_incidents([first, second])) == 2


@pytest.mark.parametrize(("early", "later"), RISES)
def test_two_very_different_tolls_of_one_day_from_independent_origins_stay_apart(early, later):
    # in one town, two figures of one day are two counts, whoever is right: the rule needs time
    a = _claim("wire", early, published=EVENT)
    b = _claim("monitor", later, published=EVENT, quote=f"the death toll rose to {later}")
    assert len(build_incidents([a, b])) == 2


@pytest.mark.parametrize(("early", "later"), RISES)
def test_at_one_site_two_tolls_of_one_day_are_contested_and_a_later_rise_is_not(early, later):
    site = (MARKET, DOUMA)
    a = _claim("wire", early, published=EVENT, places=site)
    same_day = _claim("monitor", later, published=EVENT, places=site)
    [inc] = build_incidents([a, same_day])
    assert inc.grade == "contested"
    later_day = _claim("monitor", later, published=EVENT + timedelta(days=2), places=site)
    [inc] = build_incidents([a, later_day])
    assert inc.grade != "contested"


@pytest.mark.parametrize(
    "quote",
    [
        "the death toll rose to {n}",
        "the toll has risen to {n}, rescuers said",
        "the number of dead climbed to {n}",
        "the latest toll is {n} dead",
        "ارتفعت حصيلة القتلى إلى {n}",
        "وارتفع عدد الضحايا إلى {n} قتيلا",
    ],
)
def test_one_origin_that_says_its_toll_rose_the_same_day_is_one_incident(quote):
    morning = _claim("sohr-morning", 12, published=EVENT, outlet="SOHR")
    evening = _claim("sohr-evening", 45, published=EVENT, outlet="SOHR", quote=quote.format(n=45))
    [inc] = build_incidents([morning, evening])
    assert inc.fatalities.low == 45
    # without the words, one origin's two figures of one day are two counts, as before
    plain = _claim("sohr-evening", 45, published=EVENT, outlet="SOHR")
    assert len(build_incidents([morning, plain])) == 2


@pytest.mark.parametrize("early", [3, 8, 12, 30])
def test_a_rise_too_steep_or_too_late_is_no_update(early):
    steep = _claim("monitor", int(RISE_FACTOR * early) + 4, published=EVENT + timedelta(days=2))
    late = _claim("monitor", 2 * early + 4, published=EVENT + timedelta(days=RISE_DAYS + 1))
    first = _claim("wire", early, published=EVENT)
    assert not toll_update(first, steep) and not toll_update(first, late)
    assert len(build_incidents([first, steep])) == 2
    assert len(build_incidents([first, late])) == 2


def test_a_later_toll_of_another_type_or_another_town_stays_apart():
    first = _claim("wire", 12, published=EVENT)
    execution = _claim("monitor", 45, published=EVENT + timedelta(days=2), event_type="killing.execution")
    elsewhere = _claim("monitor", 45, published=EVENT + timedelta(days=2), places=(SAQBA,))
    assert len(build_incidents([first, execution])) == 2
    assert len(build_incidents([first, elsewhere])) == 2


def test_a_later_larger_tally_never_joins_the_incident():
    strike = _claim("wire", 12, published=EVENT)
    tally = _claim("monitor", 45, published=EVENT + timedelta(days=2), kind="tally")
    every = build_incidents([strike, tally])
    assert all(tally.claim.id not in _members(i) for i in every)
    assert all(i.kind != "tally" for i in every)
