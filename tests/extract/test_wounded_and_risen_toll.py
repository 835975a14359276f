"""The sentence after a toll: "Twenty-five others were wounded" gives the injured of the toll just told
(not nothing), and "the death toll has since risen to 44" is the incident's updated toll, not a tally
("since" after its auxiliary is an adverb, no period). A "since" that opens a period still makes a tally.
Sentences of our own, generated from templates (docs/extraction.md, "Session 23 (branch entolls)")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2021, 10, 20)

FIRST = [
    "An air strike killed 12 people in Saraqib on Monday.",
    "Shelling killed twelve civilians in the town of Saraqib on Monday.",
    "At least 12 people were killed when rockets hit a market in Saraqib on Monday.",
]
WOUNDED = [
    ("Twenty-five others were wounded.", 25),
    ("25 others were injured, medics said.", 25),
    ("The Observatory said 25 others had been injured.", 25),
    ("At least 40 more were wounded in the attack.", 40),
    ("Dozens of others were also wounded.", 12),
]


@pytest.mark.parametrize(("second", "injured"), WOUNDED)
@pytest.mark.parametrize("first", FIRST)
def test_others_wounded_are_the_injured_of_the_toll_just_told(first, second, injured):
    claims = extract_claims(f"{first} {second}", DAY)
    assert len(claims) == 1, [c.quote for c in claims]
    assert claims[0].fatalities.low == 12
    assert claims[0].injured is not None and claims[0].injured.low == injured


@pytest.mark.parametrize("first", FIRST)
def test_a_new_toll_with_its_wounded_is_not_folded(first):
    claims = extract_claims(f"{first} In Idlib, 5 were killed and 9 others were wounded by shelling.", DAY)
    assert {c.fatalities.low for c in claims if c.fatalities} == {12, 5}


RISEN = [
    ("The death toll has since risen to 44.", 44),
    ("The toll has since climbed to forty-four, rescuers said.", 44),
    ("The number of dead had since increased to 44.", 44),
]


@pytest.mark.parametrize(("second", "toll"), RISEN)
@pytest.mark.parametrize("first", FIRST)
def test_a_toll_that_has_since_risen_is_the_incident_not_a_tally(first, second, toll):
    claims = extract_claims(f"{first} {second}", DAY)
    risen = [c for c in claims if c.fatalities and c.fatalities.low == toll]
    assert risen and all(c.kind == "incident" for c in risen), [(c.kind, c.quote) for c in claims]


@pytest.mark.parametrize(
    "text",
    [
        "Shelling has killed 120 civilians in Saraqib since March.",
        "Since the offensive began, 120 civilians have been killed in Saraqib.",
    ],
)
def test_a_since_that_opens_a_period_is_still_a_tally(text):
    assert [c.kind for c in extract_claims(text, DAY) if c.fatalities] == ["tally"]


VAGUE_MORE = [("Dozens", 12), ("Scores", 20), ("Hundreds", 100), ("dozens", 12)]


@pytest.mark.parametrize(("word", "count"), VAGUE_MORE)
@pytest.mark.parametrize("verb", ["were wounded", "had been injured", "were also wounded"])
@pytest.mark.parametrize("first", FIRST)
def test_dozens_more_wounded_is_a_count(first, word, count, verb):
    second = f"{word[0].upper()}{word[1:]} more {verb}."
    (claim,) = extract_claims(f"{first} {second}", DAY)
    assert claim.injured is not None and claim.injured.low == count, second


@pytest.mark.parametrize(("word", "count"), VAGUE_MORE)
def test_dozens_more_killed_is_a_toll(word, count):
    text = f"An air strike hit a market in Saraqib on Monday. {word[0].upper()}{word[1:]} more were killed."
    assert {c.fatalities.low for c in extract_claims(text, DAY) if c.fatalities} == {count}
