"""Coverage of how many and when: every qualifier of a count, every way of writing a number, and every
way the press writes a day, each in a sentence of our own (docs/extraction.md, "Coverage round")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2016, 12, 20)  # a Tuesday

# qualifier family -> (low, high, qualifier) of "<phrase> 12"; CLAIMS.md and annotation.md conventions
QUALIFIED = [
    *[(q, (12, None, "at_least")) for q in ("at least", "no fewer than", "not less than", "a minimum of")],
    *[(q, (12, None, "more_than")) for q in ("more than", "over", "upwards of", "in excess of", "just over")],
    *[
        (q, (None, 12, "up_to"))
        for q in ("nearly", "almost", "up to", "as many as", "under", "just under", "fewer than", "at most")
    ],
    *[(q, (12, 12, "about")) for q in ("about", "around", "some", "approximately", "approx.", "roughly")],
]


@pytest.mark.parametrize(("phrase", "expected"), QUALIFIED)
def test_every_qualifier_of_a_count_gives_its_low_high_and_qualifier(phrase, expected):
    (claim,) = extract_claims(f"An air strike killed {phrase} 12 civilians in Saraqib on Monday.", DAY)
    f = claim.fatalities
    assert (f.low, f.high, f.qualifier) == expected


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("twelve", 12),
        ("twenty-one", 21),
        ("one hundred and twelve", 112),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("1,200", 1200),
        ("1.2 million", 1_200_000),
        ("12 thousand", 12_000),
    ],
)
def test_every_way_of_writing_a_number_gives_its_value(written, value):
    (claim,) = extract_claims(f"The shelling killed {written} people in Saraqib on Monday.", DAY)
    assert claim.fatalities.low == value and claim.fatalities.qualifier == "exact"


@pytest.mark.parametrize(
    ("when", "day"),
    [
        ("on 13 December", date(2016, 12, 13)),
        ("on December 13", date(2016, 12, 13)),
        ("on Dec. 13", date(2016, 12, 13)),
        ("on 13th December", date(2016, 12, 13)),
        ("on December 13th", date(2016, 12, 13)),
        ("on the 13th of December", date(2016, 12, 13)),
        ("on Sept. 13", date(2016, 9, 13)),
        ("on 13/12/2016", date(2016, 12, 13)),
        ("on 13.12.2016", date(2016, 12, 13)),
        ("on 13-12-2016", date(2016, 12, 13)),
        ("on 2016-12-13", date(2016, 12, 13)),
        ("on the 13th", date(2016, 12, 13)),
        ("on the 25th", date(2016, 11, 25)),  # the 25th is still to come in December: November's
        ("on Monday", date(2016, 12, 19)),
        ("yesterday", date(2016, 12, 19)),
        ("the day before yesterday", date(2016, 12, 18)),
        ("three days ago", date(2016, 12, 17)),
        ("a day ago", date(2016, 12, 19)),
        ("last Saturday", date(2016, 12, 17)),
    ],
)
def test_every_way_of_writing_a_day_dates_the_claim(when, day):
    (claim,) = extract_claims(f"An air strike killed 12 civilians in Saraqib {when}.", DAY)
    assert claim.time.start == day and claim.time.precision == "day"


def test_a_week_ago_is_a_week_not_a_day():
    (claim,) = extract_claims("An air strike killed 12 civilians in Saraqib a week ago.", DAY)
    assert claim.time.precision == "week" and claim.time.start == date(2016, 12, 13)


def test_a_day_of_the_month_needs_an_anchor():
    (claim,) = extract_claims("An air strike killed 12 civilians in Saraqib on the 13th.", None)
    assert claim.time.start is None


@pytest.mark.parametrize(
    ("period", "start", "precision"),
    [
        ("so far this year", date(2016, 1, 1), "year"),
        ("this year", date(2016, 1, 1), "year"),
        ("over the past two months", date(2016, 10, 1), "month"),
        ("during the month of November", date(2016, 11, 1), "month"),
        ("since September", date(2016, 9, 1), "month"),
        ("over the past three weeks", date(2016, 11, 29), "week"),
    ],
)
def test_every_way_of_writing_a_period_dates_a_tally_from_its_start(period, start, precision):
    (claim,) = extract_claims(f"Air strikes have killed 120 civilians in Saraqib {period}.", DAY)
    assert claim.kind == "tally"
    assert (claim.time.start, claim.time.precision) == (start, precision)


@pytest.mark.parametrize(
    "total", ["In all, air strikes", "Altogether air strikes", "Air strikes cumulatively"]
)
def test_words_of_a_total_make_a_toll_a_tally(total):
    (claim,) = extract_claims(f"{total} killed 120 civilians in Saraqib during the offensive.", DAY)
    assert claim.kind == "tally"
