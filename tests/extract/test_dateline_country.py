"""A dateline's parenthesis ("Qamishli (Syria) -", "Sanaa (Yemen) —") is where the reporter is, like the
dateline's town: its country was read as the claim's place, which made the claim country-wide
background, and the claim was dropped (docs/extraction.md, "Session 22 (branch entime)"). Datelines of
our own, generated over towns, countries, dashes and sentences."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2016, 12, 13)
DATELINES = [
    ("Qamishli", "Syria"),
    ("Idlib", "Syria"),
    ("Aleppo", "Syria"),
    ("Sanaa", "Yemen"),
    ("Kharkiv", "Ukraine"),
]
DASHES = [" - ", " — ", " – "]
SENTENCES = [
    "An air strike killed 12 civilians on Monday, a monitor said.",
    "Government shelling killed at least 9 people overnight, activists said.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("dash", DASHES)
@pytest.mark.parametrize(("town", "country"), DATELINES)
def test_a_country_in_a_datelines_parenthesis_does_not_drop_the_claim(town, country, dash, sentence):
    claims = extract_claims(f"{town} ({country}){dash}{sentence}", DAY)
    assert len(claims) == 1
    assert claims[0].fatalities is not None
    assert all(p.precision != "country" for p in claims[0].places)  # the dateline's town, not the country


@pytest.mark.parametrize(("town", "country"), DATELINES[:2])
def test_a_place_the_sentence_names_is_still_the_claims(town, country):
    (claim,) = extract_claims(
        f"{town} ({country}) - An air strike killed 12 civilians in Saraqib on Monday.", DAY
    )
    assert [p.name for p in claim.places] == ["Saraqib"]
