"""What a sentence asserts before what it says: labels, reviews, war-long totals and their periods.

Sentences are our own, written for each class (docs/extraction.md, "Round v2"); none is from a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims
from tawthiq.extract._time import resolve_time

DAY = date(2016, 10, 20)


@pytest.mark.parametrize(
    "sentence",
    [
        "The foreign minister condemned the massacre and called for a meeting of envoys.",
        "The regional governor accused the militia of “a massacre” at the clinic.",
        "“This is a massacre,” a nurse said.",
        "Observers visit 'massacre' village",
        "Many massacres were perpetrated by the army in the province over the years.",
    ],
)
def test_massacre_as_a_label_without_a_toll_is_not_a_claim(sentence):
    assert extract_claims(sentence, DAY) == []


def test_a_massacre_reported_with_its_toll_is_still_a_claim():
    (claim,) = extract_claims("Militiamen massacred 31 civilians in Kafr Nabl on Sunday.", DAY)
    assert claim.event_type == "killing.execution" and claim.fatalities and claim.fatalities.low == 31
    # a count of its victims makes a condemned massacre a report, whatever the victims are called
    (claim,) = extract_claims("Activists condemned the massacre of 40 farmers in Kafr Nabl on Sunday.", DAY)
    assert claim.event_type == "killing.execution"


def test_reports_under_review_assert_nothing_but_a_reviewed_toll_does():
    s = "The mission is currently reviewing reports of civilian casualties from several alleged airstrikes."
    assert extract_claims(s, DAY) == []
    s = "The mission is reviewing reports that an air strike killed 12 farmers in Kafr Nabl on Sunday."
    assert [c.fatalities.low for c in extract_claims(s, DAY) if c.fatalities] == [12]


def test_a_total_since_an_uprising_against_someone_began_is_a_tally_from_that_start():
    s = (
        "The UN says at least 10,000 people have been killed since the uprising against the king "
        "began in March 2011."
    )
    (claim,) = extract_claims(s, DAY)
    assert claim.kind == "tally"
    assert claim.time.start == date(2011, 3, 1)


def test_the_cost_of_a_war_without_a_toll_is_background_not_a_claim():
    s = "The humanitarian impact of the conflict has been profound, with around 10 million people displaced."
    assert extract_claims(s, DAY) == []


def test_since_a_month_of_a_named_year_starts_in_that_year():
    span = resolve_time("As many as 141 volunteers were killed since March 2013.", DAY)
    assert span.start == date(2013, 3, 1) and span.end == DAY
    # a month with no year is the last such month before the report
    assert resolve_time("Dozens were killed since March.", DAY).start == date(2016, 3, 1)


@pytest.mark.parametrize(
    "sentence",
    [
        "Thousands of people will be killed if the assault goes ahead, the agency warned.",
        "A ground offensive could kill hundreds of civilians, relief groups said.",
    ],
)
def test_a_warning_that_carries_a_toll_is_not_a_claim(sentence):
    assert extract_claims(sentence, DAY) == []


def test_a_toll_told_as_done_stays_when_the_sentence_also_warns():
    (claim,) = extract_claims(
        "Twelve people were killed on Monday and the toll could rise, medics said.", DAY
    )
    assert claim.fatalities and claim.fatalities.low == 12


# photo captions and credits around a report (docs/extraction.md, "Coverage round": the "not a claim"
# class); sentences of our own in the wire-caption form
@pytest.mark.parametrize(
    "text",
    [
        "Smoke billowing over the old town after an air strike in Saraqib, Syria, on Dec 13, 2016.",
        "A boy walks past a building hit by shelling in Kharkiv, Ukraine, 21 June 2022.",
        "Rescuers searching the rubble of a bakery in Saraqib. REUTERS/Jane Doe",
        "Residents inspect the damage after the strike in Mosul (AP Photo/John Roe)",
        "The market after the air strike on Monday.PHOTO: REUTERS",  # the credit glued on, as pages print it
    ],
)
def test_a_photo_caption_or_credit_is_not_a_claim(text):
    assert extract_claims(text, date(2022, 6, 22)) == []


def test_a_body_sentence_ending_on_a_full_date_is_still_a_claim():
    (claim,) = extract_claims(
        "Rescuers searching the rubble said 12 people were killed in Saraqib, on Dec 13, 2016.",
        date(2016, 12, 14),
    )
    assert claim.fatalities.low == 12
