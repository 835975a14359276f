"""A bare "bombing" that kills is an attack ("killed in the army's bombing of residential areas"): the
manner of harm the report leads with, else shelling (as "bombardment"), never `other`, which the scorer
pairs with no attack. A bombing with no dead ("bombing runs", "after the bombing has finished") is no
event; "the bombing" alone points back to the attack just told; a car or suicide bombing stays a ground
attack. Sentences of our own, generated from templates (docs/extraction.md, "Session 23 (branch
entolls)")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2021, 10, 20)

TOLLS = [("11", 11), ("eleven", 11), ("at least 11", 11), ("Twenty-three", 23)]
WHO = ["the army's", "regime", "government", "the Syrian army's", "heavy"]
FORMS = [
    "{n} civilians were killed in {who} bombing of residential areas in Saraqib on Wednesday.",
    "{n} people died in {who} bombing on the town of Saraqib.",
    "{who} bombing of Saraqib killed {n} civilians, rescue workers said.",
    "Rescue workers said {n} civilians were killed by {who} bombing in Saraqib.",
]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("n", "toll"), TOLLS)
def test_a_bombing_that_kills_is_an_attack_not_other(form, who, n, toll):
    text = _cap(form.format(n=n, who=who))
    claims = [c for c in extract_claims(text, DAY) if c.fatalities]
    assert [c.event_type for c in claims] == ["attack.shelling"], text
    assert claims[0].fatalities.low == toll, text


@pytest.mark.parametrize(
    "lede",
    [
        "Air strikes hit the town of Saraqib on Tuesday.",
        "Warplanes pounded Saraqib on Tuesday.",
        "Russian jets struck Saraqib on Tuesday.",
    ],
)
@pytest.mark.parametrize(("n", "toll"), TOLLS)
def test_a_bombing_in_a_report_that_leads_with_an_air_strike_is_that_air_strike(lede, n, toll):
    told = f"{_cap(n)} civilians were killed in the bombing of residential areas, rescue workers said."
    text = f"{lede}\n\n{told}"
    claims = [c for c in extract_claims(text, DAY) if c.fatalities]
    assert claims and all(c.event_type == "attack.air_strike" for c in claims), text
    assert {c.fatalities.low for c in claims} == {toll}, text


@pytest.mark.parametrize(
    "text",
    [
        "The coalition said it is careful to avoid civilian casualties in its bombing runs.",
        "Residents were warned not to touch any object after the bombing has finished.",
        "The bombing campaign has intensified in recent weeks, officials said.",
    ],
)
def test_a_bombing_with_no_dead_is_no_attack_of_its_own(text):
    assert not [c for c in extract_claims(text, DAY) if c.event_type == "attack.shelling"]


@pytest.mark.parametrize(("n", "toll"), TOLLS)
def test_the_bombing_alone_is_the_attack_just_told(n, toll):
    text = f"Warplanes struck the town of Saraqib on Monday. The bombing killed {n} people."
    claims = extract_claims(text, DAY)
    told = [(c.event_type, c.fatalities and c.fatalities.low) for c in claims]
    assert told == [("attack.air_strike", toll)]


@pytest.mark.parametrize("bomb", ["A suicide bombing", "A car bombing"])
def test_a_car_or_suicide_bombing_stays_a_ground_attack(bomb):
    (claim,) = extract_claims(f"{bomb} killed 9 people in Homs on Tuesday.", DAY)
    assert claim.event_type == "attack.ground"
