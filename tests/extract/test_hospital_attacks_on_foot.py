"""An attack on foot inside a hospital is an attack on the hospital (`attack.medical`, annotation.md):
sentences of our own, generated from templates (docs/extraction.md, "Fatalities round")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2016, 12, 20)

VERBS = [
    "opened fire inside",
    "opened fire in",
    "opened fire at",
    "fired into",
    "burst into",
    "broke into",
    "forced their way into",
    "shot patients inside",
    "stormed",
    "raided",
]
TARGETS = ["the hospital", "a clinic", "the field hospital", "a health centre", "the maternity hospital"]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("verb", VERBS)
def test_gunmen_inside_a_hospital_attack_the_hospital(verb, target):
    (claim,) = extract_claims(f"Gunmen {verb} {target} in Saraqib on Monday, killing 12 people.", DAY)
    assert claim.event_type == "attack.medical"
    assert claim.fatalities.low == 12


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen opened fire near the hospital in Saraqib on Monday, killing 12 people.",
        "Gunmen opened fire on a crowd in Saraqib, killing 12; the wounded were taken to a hospital.",
        "Soldiers fired into the air outside the hospital in Saraqib on Monday, killing 12 people.",
    ],
)
def test_shooting_near_a_hospital_or_before_one_is_not_an_attack_on_it(text):
    assert all(c.event_type != "attack.medical" for c in extract_claims(text, DAY))
