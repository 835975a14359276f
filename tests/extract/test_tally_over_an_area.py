"""A toll spread over an area is a `tally` (annotation.md: "an aggregate over a period, an area or a
whole war"): deaths "in different areas of Idlib", a toll "in the greater Kharkiv region" or "in the
province of Deraa". One event named ("an air strike on rebel-held areas"), a town named before the
province, or a target ("residential areas") keeps it an incident. Sentences of our own, generated from
templates (docs/extraction.md, "Session 22")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2019, 6, 20)

AREAS = [
    "in different areas of Idlib and its countryside",
    "in various villages of Daraa province",
    "across rebel-held towns in Idlib province",
    "in the greater Kharkiv region",
    "in the province of Deraa",
    "across the province of Idlib",
    "in many neighbourhoods of eastern Aleppo",
]
TOLLS = [
    "At least 14 civilians were killed {area} on Wednesday.",
    "Russian warplanes killed 14 civilians {area}, activists said.",
    "Shelling by government forces killed 14 people {area} on Wednesday.",
]


@pytest.mark.parametrize("toll", TOLLS)
@pytest.mark.parametrize("area", AREAS)
def test_a_toll_over_an_area_is_a_tally(toll, area):
    (claim,) = extract_claims(toll.format(area=area), DAY)
    assert claim.kind == "tally"
    assert claim.fatalities.low == 14


@pytest.mark.parametrize(
    "text",
    [
        "An air strike on rebel-held areas of Idlib killed 14 civilians on Wednesday.",
        "Nine people were killed in Kafranbel in the province of Idlib on Wednesday.",
        "Shelling of residential areas in Ariha killed 14 civilians on Wednesday.",
        "Warplanes struck other areas in the town of Jbala, killing 14 civilians on Wednesday.",
        "At least 14 civilians were killed in Saraqib on Wednesday.",
    ],
)
def test_one_event_a_town_or_a_target_stays_an_incident(text):
    claims = [c for c in extract_claims(text, DAY) if c.fatalities and c.fatalities.low in (9, 14)]
    assert claims and all(c.kind == "incident" for c in claims)
