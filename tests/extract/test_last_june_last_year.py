"""A past month or date named with "last" ("last June", "April 15 last year", "in March of last year")
is the latest one before the report's day, never a later one, and never the report's own day.

Sentences written for these tests (no report's text), generated over every month, three report days
(December, March, the named month itself) and several phrasings. Traps: "last June" and "last year"
were not read at all (the claim took the report's day); "April 15 last year" in a December report was
read as this year's April; "since last June" gave the report's day.
"""

from __future__ import annotations

import calendar
from datetime import date

import pytest

from tawthiq.extract import extract_claims
from tawthiq.extract._time import resolve_time

MONTHS = list(calendar.month_name)[1:]
REPORT_DAYS = [date(2016, 12, 20), date(2017, 3, 10), date(2017, 6, 10)]


def _latest_before(month: int, report: date) -> int:
    """The year of the latest whole ``month`` before the report's month (said in June, "last June" is
    a year back)."""
    return report.year if month < report.month else report.year - 1


@pytest.mark.parametrize("report", REPORT_DAYS)
@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize(
    "phrase",
    [
        "Shelling killed 12 people in the town last {m}.",
        "Last {m}, an air strike killed 5 civilians.",
        "An air strike this past {m} killed 5 civilians.",
    ],
)
def test_last_month_is_the_latest_such_month_before_the_report(report, month, phrase):
    t = resolve_time(phrase.format(m=MONTHS[month - 1]), report)
    y = _latest_before(month, report)
    assert (t.start, t.precision) == (date(y, month, 1), "month")
    assert t.end == date(y, month, calendar.monthrange(y, month)[1]) and t.end < report


@pytest.mark.parametrize("report", REPORT_DAYS)
@pytest.mark.parametrize("month", range(1, 13))
def test_since_last_month_runs_from_it_to_the_report(report, month):
    t = resolve_time(f"Since last {MONTHS[month - 1]}, 300 civilians have been killed.", report)
    assert (t.start, t.end) == (date(_latest_before(month, report), month, 1), report)


@pytest.mark.parametrize("report", REPORT_DAYS)
@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize(
    ("phrase", "precision"),
    [
        ("An air strike killed 5 civilians on {m} 15 last year.", "day"),
        ("An air strike killed 5 civilians on 15 {m} last year.", "day"),
        ("An air strike killed 5 civilians on the 15th of {m} of last year.", "day"),
        ("An air strike killed 5 civilians in {m} last year.", "month"),
        ("In {m} of last year, an air strike killed 5 civilians.", "month"),
    ],
)
def test_a_date_or_month_of_last_year_is_in_the_year_before_the_report(report, month, phrase, precision):
    t = resolve_time(phrase.format(m=MONTHS[month - 1]), report)
    assert t.start == date(report.year - 1, month, 1 if precision == "month" else 15)
    assert t.precision == precision


@pytest.mark.parametrize("report", REPORT_DAYS)
def test_last_year_alone_is_the_whole_year_before(report):
    t = resolve_time("The strikes killed 5 civilians last year.", report)
    assert (t.start, t.end, t.precision) == (
        date(report.year - 1, 1, 1),
        date(report.year - 1, 12, 31),
        "year",
    )
    t = resolve_time("Since last year, 300 civilians have been killed.", report)
    assert (t.start, t.end) == (date(report.year - 1, 1, 1), report)


def test_without_a_report_day_last_june_is_unknown_never_the_clock():
    assert resolve_time("Shelling killed 12 people last June.", None).precision == "unknown"


def test_a_claim_told_last_june_is_dated_to_that_june_through_the_front_door():
    [claim] = extract_claims(
        "Regime shelling killed 12 civilians in Saraqib last June, the monitor said.", date(2016, 12, 20)
    )
    assert (claim.time.start, claim.time.precision) == (date(2016, 6, 1), "month")


@pytest.mark.parametrize("report", REPORT_DAYS)
@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize(
    "phrase",
    ["An air strike killed 5 civilians in {m} this year.", "In {m} of this year, shelling killed 5."],
)
def test_a_month_of_this_year_is_that_month_never_after_the_report(report, month, phrase):
    t = resolve_time(phrase.format(m=MONTHS[month - 1]), report)
    if month <= report.month:
        assert (t.start, t.precision) == (date(report.year, month, 1), "month")
    else:  # a month still to come is not a past event's: the year so far, as before
        assert (t.start, t.end) == (date(report.year, 1, 1), report)
    assert t.end <= report
