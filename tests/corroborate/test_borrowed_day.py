"""A day borrowed from a report's context is read as loosely as the report's own day (issue 15).

A follow-up report published days after an event dates its sentences that name no day by the event
day it tells ("stormed the village on Friday ... the bodies were buried": ``time_basis`` "context").
Read as exact, that day split the follow-up from the other outlets' accounts, which name no day and
are dated by their own publication days (measure pipeline P 0.743 -> 0.648, session 23). Generated
claim sets: the borrowed day joins what its report's day would have joined, whatever the gap, type
and toll; two claims each with a day told in its sentence, days apart, still stay apart.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

import pytest

from tawthiq.corroborate import build_incidents
from tawthiq.entities import Claim, Count, PlaceRef, ReportRef, SourcedClaim, TimeBasis, TimeSpan

TALDOU = PlaceRef(name="Taldou", lat=34.8806, lon=36.5231, precision="town")
EVENT = date(2012, 5, 25)
TYPES = ["attack.shelling", "attack.air_strike", "killing.execution", "attack.ground"]

_ids = count(1)


def _claim(
    report: str,
    published: date,
    day: date,
    basis: TimeBasis | None,
    *,
    toll: int | None = 32,
    event_type: str = "attack.shelling",
) -> SourcedClaim:
    claim = Claim(
        id=next(_ids),
        event_type=event_type,
        places=(TALDOU,),
        quote="the bodies of the victims were buried in the town",
        span=(0, 40),
        time=TimeSpan(start=day, end=day, precision="day"),
        fatalities=None if toll is None else Count(low=toll, high=toll, qualifier="exact"),
        time_basis=basis,
    )
    return SourcedClaim(
        claim=claim,
        report=ReportRef(file=f"{report}.txt", sha256=(report * 64)[:64]),
        published=published,
        source_label=report,
    )


def _groups(claims: list[SourcedClaim]) -> set[frozenset[int]]:
    return {frozenset({*inc.claim_ids, *inc.contradicting_claim_ids}) for inc in build_incidents(claims)}


@pytest.mark.parametrize("after", [2, 3, 4, 5])
@pytest.mark.parametrize("event_type", TYPES)
@pytest.mark.parametrize("toll", [32, None])
def test_a_borrowed_day_joins_what_its_report_s_day_would_have_joined(after, event_type, toll):
    published = EVENT + timedelta(days=after)
    # another outlet's account of the same day, naming no day: dated by its own publication day
    other = _claim("other", published, published, "report", toll=32, event_type=event_type)
    lent = _claim("follow", published, EVENT, "context", toll=toll, event_type=event_type)
    as_report_day = lent.model_copy(
        update={
            "claim": lent.claim.model_copy(
                update={
                    "time": TimeSpan(start=published, end=published, precision="day"),
                    "time_basis": "report",
                }
            )
        }
    )
    joined = _groups([other, as_report_day])
    assert joined == {frozenset({other.claim.id, lent.claim.id})}  # what its report's day joins
    assert _groups([other, lent]) == joined
    # read as exact (what the lent day was before it said where it came from), it joined nothing
    exact = lent.model_copy(update={"claim": lent.claim.model_copy(update={"time_basis": "sentence"})})
    assert len(_groups([other, exact])) == 2


@pytest.mark.parametrize("after", [2, 3, 4, 5])
@pytest.mark.parametrize("event_type", TYPES)
@pytest.mark.parametrize("bases", [("sentence", "sentence"), ("sentence", None), (None, None)])
def test_two_days_told_in_their_sentences_days_apart_stay_apart(after, event_type, bases):
    later = EVENT + timedelta(days=after)
    # both published on the later day; each tells its own day
    a = _claim("one", later, EVENT, bases[0], event_type=event_type)
    b = _claim("two", later, later, bases[1], event_type=event_type)
    assert len(_groups([a, b])) == 2


@pytest.mark.parametrize("after", [2, 3, 4, 5])
def test_a_borrowed_day_does_not_join_a_claim_told_days_after_its_own_report(after):
    # the lent claim's report is of the event's week; a claim told days after that report's day is
    # out of reach of its report's day too
    published = EVENT + timedelta(days=1)
    lent = _claim("follow", published, EVENT, "context")
    told = _claim(
        "later", published + timedelta(days=after + 1), published + timedelta(days=after + 1), "sentence"
    )
    assert len(_groups([lent, told])) == 2
