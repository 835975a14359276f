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
    text = (
        "Government helicopters dropped barrel bombs on Saraqib on Sunday, killing 12 civilians.\n\n"
        "In Maarat al-Numan, shelling killed four children."
    )
    assert _times(text)[1] == ("2016-12-20", "2016-12-20", "day")


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
