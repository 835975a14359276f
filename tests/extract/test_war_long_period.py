"""A war-long total ("in a war that has killed tens of thousands") is a tally over the war: its time
runs from the start of the war its country was in on the report's day (extract/_wars.py), never the
report's day, and stays unknown when the war is not one the table knows or the count is over
something narrower (docs/extraction.md, "War-long totals dated from the war's start"). Sentences of
our own, generated over wars, phrasings and report dates."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

# (where the sentence puts it, a report date inside the war, the war's start as the table counts it)
WARS = [
    ("Syria", date(2016, 12, 13), date(2011, 3, 15)),
    ("Yemen", date(2018, 10, 25), date(2015, 3, 1)),
    ("Sudan", date(2024, 8, 4), date(2023, 4, 15)),
    ("Gaza", date(2024, 10, 16), date(2023, 10, 7)),
    ("Ukraine", date(2023, 5, 2), date(2022, 2, 24)),
    ("Afghanistan", date(2018, 11, 30), date(2001, 10, 7)),
]

PHRASINGS = [
    "At least 20,000 civilians have been killed in {c} since the war began, the UN said.",
    "The conflict in {c} has killed more than 10,000 people, the monitor said.",
    "More than 9,000 people have died in {c} since the beginning of the war, according to the UN.",
    "The UN said at least 8,000 civilians had been killed in {c}'s war, which has displaced millions.",
]


WAR_IN = "The war in {} has killed more than 2,000 people, the ministry said."


def _tallies(text: str, published: date) -> list:
    return [c for c in extract_claims(text, published) if c.kind == "tally" and c.fatalities]


@pytest.mark.parametrize("phrasing", PHRASINGS)
@pytest.mark.parametrize(("country", "published", "start"), WARS)
def test_a_war_long_total_runs_from_the_start_of_its_countrys_war(phrasing, country, published, start):
    (claim,) = _tallies(phrasing.format(c=country), published)
    assert claim.time.start == start
    assert claim.time.end == published
    assert claim.time.precision in ("month", "year")


@pytest.mark.parametrize(
    "text",
    [
        # a count since an offensive or a battle starts with it, not with the war
        "At least 300 civilians have been killed in Aleppo since the offensive on the city began, "
        "in a war that has killed more than 300,000 people.",
        "The fighting in El Fasher has killed at least 134 people since the war began, MSF said.",
    ],
)
def test_a_count_over_something_narrower_than_the_war_is_not_given_the_wars_start(text):
    for claim in extract_claims(text, date(2024, 5, 27)):
        assert claim.time.start not in (date(2011, 3, 15), date(2023, 4, 15))


def test_a_war_that_ended_years_before_the_report_is_not_its_war():
    # Gaza's 2014 war is not "the war" of a 2019 report: unknown, as before, never the report's day
    (claim,) = _tallies(WAR_IN.format("Gaza"), date(2019, 3, 1))
    assert claim.time.start is None and claim.time.precision == "unknown"


def test_a_report_before_the_war_began_gets_no_start_from_it():
    (claim,) = _tallies(WAR_IN.format("Sudan"), date(2022, 6, 1))
    assert claim.time.start is None


def test_a_country_the_table_does_not_know_keeps_its_war_long_total_undated():
    (claim,) = _tallies("The war in Libya has killed more than 2,000 people, the UN said.", date(2019, 6, 1))
    assert claim.time.start is None and claim.time.precision == "unknown"


def test_each_gaza_war_is_the_war_of_a_report_written_during_it():
    (claim,) = _tallies(WAR_IN.format("Gaza"), date(2014, 8, 20))
    assert claim.time.start == date(2014, 7, 8)


def test_a_war_long_total_that_names_its_own_start_keeps_it():
    text = "More than 300,000 people have been killed in Syria since the uprising began in March 2011."
    (claim,) = _tallies(text, date(2016, 12, 13))
    assert claim.time.start == date(2011, 3, 1)
