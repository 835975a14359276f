"""Words of an event that name people, not the event: the displaced, the missing of an attack.

Sentences are our own, written for each class (docs/extraction.md, "Round v2"); none is from a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims
from tawthiq.extract._events import find_events

DAY = date(2020, 5, 10)


@pytest.mark.parametrize(
    "sentence",
    [
        "Shells fell near the tents of displaced Syrians beside the clinic.",
        "The school had become a shelter for those displaced by earlier fighting.",
        "Aid is running short for displaced families in the valley.",
        "The crisis makes it harder for internally displaced people to find safety.",
    ],
)
def test_displaced_people_named_in_passing_are_no_displacement(sentence):
    assert "displacement.forced" not in {h.event_type for h in find_events(sentence)}


def test_people_displaced_by_an_event_are_still_a_displacement():
    (claim,) = extract_claims("About 3,000 families were displaced from Kafr Nabl on Monday.", DAY)
    assert claim.event_type == "displacement.forced"


@pytest.mark.parametrize(
    "sentence",
    [
        "Besides those who died, an unknown number of villagers went missing.",
        "Two of the family were killed in the strike and three others were missing under the rubble.",
    ],
)
def test_the_missing_of_an_attack_are_not_an_enforced_disappearance(sentence):
    assert "disappearance.enforced" not in {h.event_type for h in find_events(sentence)}


def test_people_taken_and_people_detained_whose_fate_is_unknown_stay_disappearances():
    s = "Gunmen abducted four aid workers on the road and they are still missing."
    assert "disappearance.enforced" in {h.event_type for h in find_events(s)}
    s = "Relatives say 30 men detained at the checkpoint have been missing since March."
    assert "disappearance.enforced" in {h.event_type for h in find_events(s)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said an airstrike on the Al-Noor Children's Hospital killed 40 people.",
        "Officials said a blast at a hospital in the old town on Friday killed 30 people.",
        "Officials said an air strike on Friday killed about 60 people at a hospital in the old town.",
    ],
)
def test_a_strike_or_blast_at_a_hospital_is_an_attack_on_medical_care(sentence):
    assert find_events(sentence)[0].event_type == "attack.medical"


def test_the_wounded_dying_in_hospital_after_a_strike_is_not_an_attack_on_it():
    s = "Two wounded men died in hospital after the air strike on the market."
    assert find_events(s)[0].event_type == "attack.air_strike"


@pytest.mark.parametrize(
    "sentence",
    [
        "Soldiers torched more than 200 homes in the hamlet on Sunday.",
        "Troops set fire to the village of Nyaung Pin before dawn.",
        "Militiamen burned down dozens of huts at the edge of the camp.",
    ],
)
def test_homes_and_villages_burned_by_troops_are_a_ground_attack(sentence):
    assert find_events(sentence)[0].event_type == "attack.ground"


def test_one_shell_that_hit_is_shelling():
    (claim,) = extract_claims("Three children were killed when a shell hit their home in Kafr Nabl.", DAY)
    assert claim.event_type == "attack.shelling" and claim.fatalities and claim.fatalities.low == 3


def test_one_strike_that_has_killed_is_an_incident_and_a_campaign_that_has_killed_a_tally():
    s = "Officials said an airstrike on the Al-Noor Hospital has killed hundreds of people."
    (claim,) = extract_claims(s, DAY)
    assert claim.kind == "incident"
    (claim,) = extract_claims("Air strikes have killed 300 people in the city this month.", DAY)
    assert claim.kind == "tally"
    (claim,) = extract_claims("The bombing campaign has killed at least 2,000 civilians.", DAY)
    assert claim.kind == "tally"


def test_what_people_sought_safety_from_is_why_they_fled_not_an_attack_told():
    s = "The school sheltered hundreds who fled their homes in the north, seeking safety from air strikes."
    types = {h.event_type for h in find_events(s)}
    assert "attack.air_strike" not in types and "displacement.forced" in types


def test_an_evacuation_order_is_not_an_evacuation():
    assert find_events("The order for evacuation could not be carried out given the fighting.") == []
    (claim,) = extract_claims("Some 300 wounded were evacuated from the besieged district on Monday.", DAY)
    assert claim.event_type == "evacuation"
