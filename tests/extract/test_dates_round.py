"""When a claim happened, in the cases the press leaves implicit (docs/extraction.md, "Dates round"):
a sentence with no time word, an event of another year told with its day and toll, and every way of
writing a day, a night, a part of a day or a range of days, each in sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2016, 12, 20)  # a Tuesday


def _times(text: str, published: date | None = DAY) -> list[tuple[str | None, str | None, str]]:
    return [
        (c.time.contract()["start"], c.time.contract()["end"], c.time.precision)
        for c in extract_claims(text, published)
    ]


def test_a_claim_naming_no_time_takes_the_day_of_the_dated_claim_before_it_in_its_paragraph():
    text = (
        "Government helicopters dropped barrel bombs on Saraqib on Sunday, killing 12 civilians. "
        "In Maarat al-Numan, shelling killed four children."
    )
    assert _times(text) == [("2016-12-18", "2016-12-18", "day"), ("2016-12-18", "2016-12-18", "day")]


def test_a_blank_line_starts_a_paragraph_whose_dates_are_its_own():
    # the day told last in the paragraph before (Monday) is not lent across the blank line; the
    # report's event day (the first day it tells before its own, Sunday) is, and the claim says it
    # was borrowed from the report's context (issue 15, session 24: test_follow_up_event_day.py)
    text = (
        "Government helicopters dropped barrel bombs on Saraqib on Sunday, killing 12 civilians. "
        "On Monday, an air strike killed five people in Ariha.\n\n"
        "In Maarat al-Numan, shelling killed four children."
    )
    assert _times(text)[1:] == [("2016-12-19", "2016-12-19", "day"), ("2016-12-18", "2016-12-18", "day")]
    assert extract_claims(text, DAY)[2].time_basis == "context"


def test_a_tally_period_is_not_lent_to_the_next_sentence():
    # "since September" is a tally's period, not the day of the next sentence's strike
    text = (
        "Air strikes have killed more than 300 civilians in Aleppo since September. "
        "An air strike killed 12 civilians in Saraqib."
    )
    assert _times(text)[1] == ("2016-12-20", "2016-12-20", "day")


def test_a_report_with_no_date_leaves_a_claim_naming_no_time_unknown():
    assert _times("An air strike killed 12 civilians in Saraqib.", None) == [(None, None, "unknown")]


def test_an_event_of_another_year_told_with_its_day_and_toll_is_kept():
    (claim,) = extract_claims("On 21 August 2013, a chemical attack killed 1,400 people in Douma.", DAY)
    assert claim.time.start == date(2013, 8, 21) and claim.fatalities.low == 1400


@pytest.mark.parametrize(
    "text",
    [
        "Fighting erupted in Douma on 21 August 2013.",  # a day but no toll: background
        "In August 2013, a chemical attack killed 1,400 people in Douma.",  # a toll but only a month
        "Fighting erupted in Douma in 2012.",
    ],
)
def test_background_of_another_year_without_a_day_and_toll_is_not_a_claim(text):
    assert extract_claims(text, DAY) == []


# every way of writing a day, a night, a part of a day or a range of days: (expression, start, end),
# published on Tuesday 20 December 2016; each in two sentences (the expression last, and first)
WHEN = [
    ("on Monday", "2016-12-19", "2016-12-19"),
    ("Monday", "2016-12-19", "2016-12-19"),
    ("last Monday", "2016-12-19", "2016-12-19"),
    ("late Monday", "2016-12-19", "2016-12-19"),
    ("early on Monday", "2016-12-19", "2016-12-19"),
    ("on Monday morning", "2016-12-19", "2016-12-19"),
    ("on Monday evening", "2016-12-19", "2016-12-19"),
    ("in the early hours of Monday", "2016-12-19", "2016-12-19"),
    ("at dawn on Sunday", "2016-12-18", "2016-12-18"),
    ("on Thursday last week", "2016-12-15", "2016-12-15"),
    ("on Sun.", "2016-12-18", "2016-12-18"),
    ("on Thurs.", "2016-12-15", "2016-12-15"),
    ("Monday night", "2016-12-19", "2016-12-20"),
    ("overnight Monday", "2016-12-19", "2016-12-20"),
    ("on the night of Monday", "2016-12-19", "2016-12-20"),
    ("the night of Sunday", "2016-12-18", "2016-12-19"),
    ("overnight", "2016-12-19", "2016-12-20"),
    ("last night", "2016-12-19", "2016-12-20"),
    ("earlier this week", "2016-12-19", "2016-12-20"),
    ("earlier today", "2016-12-20", "2016-12-20"),
    ("this morning", "2016-12-20", "2016-12-20"),
    ("last weekend", "2016-12-17", "2016-12-18"),
    ("at the weekend", "2016-12-17", "2016-12-18"),
    ("over the weekend", "2016-12-17", "2016-12-18"),
    ("two weeks ago", "2016-12-06", "2016-12-12"),
    ("on the 3rd", "2016-12-03", "2016-12-03"),
    ("on Saturday the 3rd", "2016-12-03", "2016-12-03"),
    ("on Dec. 3", "2016-12-03", "2016-12-03"),
    ("on Dec 3", "2016-12-03", "2016-12-03"),
    ("on 3 Dec.", "2016-12-03", "2016-12-03"),
    ("on Sept. 30", "2016-09-30", "2016-09-30"),
    ("on Sep 30", "2016-09-30", "2016-09-30"),
    ("on 3rd December", "2016-12-03", "2016-12-03"),
    ("on December 3rd", "2016-12-03", "2016-12-03"),
    ("on the third of December", "2016-12-03", "2016-12-03"),
    ("on the twenty-first of November", "2016-11-21", "2016-11-21"),
    ("on December 3, 2016", "2016-12-03", "2016-12-03"),
    ("on Saturday, December 3", "2016-12-03", "2016-12-03"),
    ("on Saturday, 3 December", "2016-12-03", "2016-12-03"),
    ("on the night of 12 December", "2016-12-12", "2016-12-12"),
    ("on the night of 12-13 December", "2016-12-12", "2016-12-13"),
    ("between 10 and 12 December", "2016-12-10", "2016-12-12"),
    ("from 10 to 12 December", "2016-12-10", "2016-12-12"),
    ("from 10 until 12 December", "2016-12-10", "2016-12-12"),
    ("on 10-12 December", "2016-12-10", "2016-12-12"),
    ("on 10–12 December", "2016-12-10", "2016-12-12"),
    ("on 10 and 11 December", "2016-12-10", "2016-12-11"),
    ("on December 10-12", "2016-12-10", "2016-12-12"),
    ("between December 10 and 12", "2016-12-10", "2016-12-12"),
    ("from December 10 to 12, 2016", "2016-12-10", "2016-12-12"),
    ("in mid-December", "2016-12-01", "2016-12-31"),
]


@pytest.mark.parametrize(("when", "start", "end"), WHEN)
@pytest.mark.parametrize(
    "template",
    [
        "An air strike killed 12 civilians in Saraqib {when}.",
        "{When}, an air strike killed 12 civilians in Saraqib.",
    ],
)
def test_every_way_of_writing_a_day_a_night_or_a_range_dates_the_claim(template, when, start, end):
    text = template.format(when=when, When=when[0].upper() + when[1:])
    (claim,) = extract_claims(text, DAY)
    assert (str(claim.time.start), str(claim.time.end)) == (start, end)
    assert claim.fatalities.low == 12  # the days of a date are never read as the toll


@pytest.mark.parametrize(
    "text",
    [
        # after the month, "and" may join a day to a count: one day, and the count is not a date
        "On December 10 and 12 civilians were killed in an air strike on Saraqib.",
        # a range of counts, not of days
        "Between 10 and 12 civilians were killed in an air strike on Saraqib on 10 December.",
    ],
)
def test_two_numbers_beside_a_month_are_a_range_of_days_only_when_written_as_one(text):
    (claim,) = extract_claims(text, DAY)
    assert (claim.time.start, claim.time.end, claim.time.precision) == (
        date(2016, 12, 10),
        date(2016, 12, 10),
        "day",
    )


def test_the_time_of_a_relative_clause_about_a_place_is_not_the_claims():
    # the suburb "was seized over the weekend"; the retaking is the claim, on a day the text does not give
    text = (
        "Rebels retook the suburb of Sheikh Najjar, which was seized by government forces over the weekend."
    )
    (claim,) = extract_claims(text, DAY)
    assert claim.event_type == "territory.change"
    assert (claim.time.start, claim.time.end) == (DAY, DAY)


@pytest.mark.parametrize(
    ("since", "start"),
    [
        ("since 10 December", "2016-12-10"),
        ("since December 10", "2016-12-10"),
        ("since the 10th of December", "2016-12-10"),
        ("since 10/12/2016", "2016-12-10"),
        ("since Friday", "2016-12-16"),
    ],
)
def test_since_a_day_is_a_span_to_the_report_not_that_day(since, start):
    # "killed since 10 December": from that day to the report's day, and never lent to the next sentence
    text = (
        f"Air strikes have killed 40 civilians in Saraqib {since}. "
        "Shelling killed four children in Maarat al-Numan."
    )
    first, second = extract_claims(text, DAY)
    assert (str(first.time.start), str(first.time.end), first.time.precision) == (start, "2016-12-20", "days")
    assert (second.time.start, second.time.end) == (DAY, DAY)
