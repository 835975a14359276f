"""A report that leads with a strike on a hospital tells that strike again by its weapon ("The strike
killed hundreds", "an air strike had killed at least 50 people"); those claims are the attack on the
hospital (`attack.medical`: the target decides, annotation.md). Another strike, another town, another
day, or a tally keeps its own type. Reports of our own, generated from templates (docs/extraction.md,
"Session 22: tolls and event types")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2016, 4, 28)

HEADLINES = [
    "Dozens killed in strike on al-Quds hospital in Aleppo",
    "Air strike hits al-Quds hospital in Aleppo, killing dozens",
    "Aleppo hospital strike kills dozens",
    "At least 20 dead in Aleppo hospital blast",
]
RETELLINGS = [
    "The strike killed at least 27 people, including three doctors.",
    "Rescue workers said an air strike had killed at least 27 people.",
    "Witnesses said warplanes struck twice, killing at least 27 people.",
    "The bombardment killed at least 27 people, the civil defence said.",
]


def _report(headline: str, *body: str) -> str:
    return headline + "\n\n" + " ".join(body)


@pytest.mark.parametrize("retelling", RETELLINGS)
@pytest.mark.parametrize("headline", HEADLINES)
def test_the_lede_hospital_strike_told_by_its_weapon_is_the_attack_on_the_hospital(headline, retelling):
    text = _report(headline, "The hospital in Aleppo was hit late on Wednesday.", retelling)
    claims = [c for c in extract_claims(text, DAY) if c.fatalities and c.fatalities.low == 27]
    assert claims, "the toll of the strike is a claim"
    assert all(c.event_type == "attack.medical" for c in claims)


@pytest.mark.parametrize(
    "other",
    [
        "In a separate strike, warplanes killed 14 people at a market in Aleppo.",
        "Another air strike killed 14 people at a market in Aleppo.",
        "Warplanes also struck a market in Aleppo, killing 14 people.",
        "An air strike on Saraqib killed 14 people.",
    ],
)
def test_another_strike_in_a_hospital_report_keeps_its_weapon(other):
    text = _report(HEADLINES[0], "The hospital in Aleppo was hit late on Wednesday.", other)
    (claim,) = [c for c in extract_claims(text, DAY) if c.fatalities and c.fatalities.low == 14]
    assert claim.event_type == "attack.air_strike"


def test_a_report_that_leads_with_an_air_strike_keeps_its_air_strikes():
    text = _report(
        "Air strikes kill 30 in Aleppo",
        "Warplanes struck the Bustan al-Qasr market on Wednesday, killing 30 people.",
        "Shelling later damaged a clinic in Saraqib.",
        "On Thursday an air strike killed at least 27 people in Aleppo.",
    )
    claims = [c for c in extract_claims(text, DAY) if c.fatalities and c.fatalities.low in (27, 30)]
    assert claims and all(c.event_type == "attack.air_strike" for c in claims)


def test_a_war_long_tally_in_a_hospital_report_is_not_the_strike():
    text = _report(
        HEADLINES[0],
        "The hospital in Aleppo was hit late on Wednesday.",
        "Air strikes have killed more than 400 people in Aleppo since April 22.",
    )
    (claim,) = [c for c in extract_claims(text, DAY) if c.fatalities and c.fatalities.low == 400]
    assert claim.kind == "tally" and claim.event_type != "attack.medical"
