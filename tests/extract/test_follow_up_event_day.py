"""A follow-up report's claims that name no day take the event day the report tells, and say so.

Sentences written for these tests (no report's text), generated over several ledes, event days
(weekdays, "on 25 May", "on Wednesday night") and later sentences. Trap: a report published days
after a massacre ("stormed the village on Friday ... Government forces shelled Kafr Nabl, killing
4") dated its later claims that name no day to its own publication day; they are of the event day
it tells. The claim carries how its day was found (``time_basis``): told in its sentence, borrowed
from its paragraph, borrowed from the report's context, or the report's own day — internal to the
Claim model, never in the CLAIMS.md contract.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tawthiq.extract import extract_claims

REPORT_DAY = date(2016, 5, 29)  # a Sunday
# (the words of the event day, the day they give); each lede line is long, so that its date is the
# lede's story and not a dateline (_time.find_dateline)
DAYS = [
    ("on Friday", date(2016, 5, 27)),
    ("on Wednesday night", date(2016, 5, 25)),
    ("on 25 May", date(2016, 5, 25)),
    ("on May 24", date(2016, 5, 24)),
    ("late on Thursday", date(2016, 5, 26)),
]
LEDES = [
    "According to residents reached by telephone, gunmen stormed the village of Taldou {d}, "
    "killing 32 civilians.",
    "Activists and residents of the area said that pro-government militias killed 32 civilians "
    "in Taldou {d}.",
    "The local council of the town and two monitoring groups said an air strike killed 32 "
    "civilians in Taldou {d}.",
]
LATER = [
    "Government forces shelled the town of Kafr Nabl, killing 4 people.",
    "In Kafr Nabl, an air strike killed 4 civilians, the civil defence said.",
    "At least 4 people were killed when shells hit a market in Kafr Nabl.",
]
BETWEEN = "\n\nThe United Nations condemned the killings in a statement.\n\n"


def _claims(lede: str, later: str, published: date = REPORT_DAY):
    return extract_claims(lede + BETWEEN + later + "\n", published)


@pytest.mark.parametrize(("words", "day"), DAYS)
@pytest.mark.parametrize("lede", LEDES)
@pytest.mark.parametrize("later", LATER)
def test_an_undated_claim_of_a_follow_up_takes_the_event_day_the_report_tells(words, day, lede, later):
    first, second = _claims(lede.format(d=words), later)
    assert (first.time.start, first.time_basis) == (day, "sentence")
    assert second.time == first.time  # the day (or the night: "on Wednesday night", 25-26 May)
    assert (
        second.time_basis == "context"
    )  # borrowed, and corroboration reads it as loosely as the report's day


@pytest.mark.parametrize("lede", LEDES)
@pytest.mark.parametrize("later", LATER)
@pytest.mark.parametrize("back", [8, 12, 40])
def test_a_day_more_than_a_week_before_the_report_is_no_follow_up_s_event_day(lede, later, back):
    # an event told with its date weeks before (background) lends its day to nothing
    old = REPORT_DAY - timedelta(days=back)
    first, second = _claims(lede.format(d=f"on {old.day} {old:%B}"), later)
    assert first.time.start == old
    assert (second.time.start, second.time_basis) == (REPORT_DAY, "report")


@pytest.mark.parametrize("lede", LEDES)
@pytest.mark.parametrize("later", LATER)
def test_a_report_that_tells_no_earlier_day_dates_by_its_own_day(lede, later):
    first, second = _claims(lede.format(d="today"), later)
    assert first.time_basis == "sentence" and first.time.start == REPORT_DAY
    assert (second.time.start, second.time_basis) == (REPORT_DAY, "report")


@pytest.mark.parametrize(("words", "day"), DAYS)
@pytest.mark.parametrize("later", LATER)
def test_a_claim_takes_its_own_paragraph_s_day_before_the_report_s_event_day(words, day, later):
    # the lede tells the event day; a later paragraph tells another day, then a sentence with none
    text = (
        LEDES[0].format(d=words)
        + BETWEEN
        + "On Saturday, an air strike killed 9 civilians in the town of Maarat al-Numan, residents said. "
        + later
        + "\n"
    )
    claims = extract_claims(text, REPORT_DAY)
    assert claims[0].time.start == day
    saturday = date(2016, 5, 28)
    assert (claims[1].time.start, claims[1].time_basis) == (saturday, "sentence")
    assert (claims[2].time.start, claims[2].time_basis) == (saturday, "paragraph")


@pytest.mark.parametrize(("words", "_day"), DAYS)
def test_how_the_day_was_found_stays_out_of_the_claims_contract(words, _day):
    for c in _claims(LEDES[0].format(d=words), LATER[0]):
        assert "time_basis" not in c.contract() and set(c.contract()["time"]) == {"start", "end", "precision"}


def test_without_a_report_day_nothing_is_lent():
    first, second = _claims(LEDES[0].format(d="on Friday"), LATER[0], published=None)  # type: ignore[arg-type]
    assert first.time.start is None and second.time.start is None
