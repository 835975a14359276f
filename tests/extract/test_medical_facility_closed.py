"""A medical facility closed or put out of service by an attack is a `status` of the attack on it
(`attack.medical`; annotation.md: "hospitals out of service" is a status): "suspended all activities in
South Hospital", "forcing its closure", "the civil defence centre has become out of service". A strike
that hits a hospital and kills is still an incident. Sentences of our own, generated from templates
(docs/extraction.md, "Session 22")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2024, 6, 9)

FACILITIES = [
    "the main hospital",
    "South Hospital",
    "a field clinic",
    "the civil defence centre",
    "the medical centre",
]
CLOSED = [
    "MSF suspended all activities in {f} in Saraqib on Saturday.",
    "Gunmen stormed {f} in Saraqib on Saturday, forcing its closure.",
    "After the shelling, {f} in Saraqib has become out of service.",
    "{F} in Saraqib was forced to close after repeated air strikes.",
    "{F} in Saraqib is no longer functioning after the raid.",
]


@pytest.mark.parametrize("template", CLOSED)
@pytest.mark.parametrize("facility", FACILITIES)
def test_a_medical_facility_closed_by_an_attack_is_a_status(template, facility):
    text = template.format(f=facility, F=facility[0].upper() + facility[1:])
    claims = extract_claims(text, DAY)
    assert claims and all(c.event_type == "attack.medical" and c.kind == "status" for c in claims), text


@pytest.mark.parametrize("facility", FACILITIES)
def test_a_strike_that_hits_and_kills_is_still_an_incident(facility):
    (claim,) = extract_claims(f"An air strike hit {facility} in Saraqib on Saturday, killing 12 people.", DAY)
    assert claim.kind == "incident" and claim.fatalities.low == 12


def test_aid_suspended_is_still_a_denial_of_access():
    (claim,) = extract_claims("The UN suspended all aid convoys to Saraqib on Saturday.", DAY)
    assert claim.event_type == "humanitarian.access_denied"
