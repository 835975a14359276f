"""The responsible party admitting the harm makes a claim `confirmed` (annotation.md, certainty: "the
responsible party admits it"): "the Coalition later conceded causing 27 deaths", "NATO has admitted a US
airstrike may have caused ...", "acknowledged that its strike killed", "accepted responsibility".
A denial of the admission ("has not admitted") does not. Sentences of our own, generated from templates
(docs/extraction.md, "Session 23 (branch entolls)")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2017, 3, 20)

PARTIES = ["The Coalition", "The US military", "NATO", "The army"]
ADMITS = [
    "later conceded causing {n} civilian deaths in an air strike on Saraqib",
    "has admitted that an air strike on Saraqib killed {n} civilians",
    "acknowledged that its air strike on Saraqib killed {n} civilians",
    "admitted killing {n} civilians in an air strike on Saraqib",
    "accepted responsibility for an air strike on Saraqib that killed {n} civilians",
    "concedes its strike on Saraqib killed {n} civilians",
]
NUMBERS = [("27", 27), ("twenty-seven", 27), ("at least 27", 27)]


@pytest.mark.parametrize(("n", "toll"), NUMBERS)
@pytest.mark.parametrize("admits", ADMITS)
@pytest.mark.parametrize("party", PARTIES)
def test_the_party_that_admits_the_harm_confirms_the_claim(party, admits, n, toll):
    text = f"{party} {admits.format(n=n)} on Monday."
    claims = [c for c in extract_claims(text, DAY) if c.fatalities]
    assert claims and all(c.certainty == "confirmed" for c in claims), text
    assert {c.fatalities.low for c in claims} == {toll}, text


@pytest.mark.parametrize("party", PARTIES)
def test_an_admission_denied_confirms_nothing(party):
    text = f"{party} has not admitted killing 27 civilians in an air strike on Saraqib on Monday."
    assert all(c.certainty != "confirmed" for c in extract_claims(text, DAY))
