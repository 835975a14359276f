"""Aid kept out, in every form, is `humanitarian.access_denied`, and "denied access" is the harm, not a
denial of the claim (docs/extraction.md, "Fatalities round"). Sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2016, 12, 20)


@pytest.mark.parametrize("verb", ["blocked", "prevented", "barred", "stopped", "banned", "kept"])
@pytest.mark.parametrize("what", ["entering Madaya", "reaching Madaya", "delivering food to Madaya"])
@pytest.mark.parametrize("who", ["Aid convoys have been", "UN trucks were", "Relief workers were"])
def test_aid_kept_out_is_access_denied(who, verb, what):
    (claim,) = extract_claims(f"{who} {verb} from {what} on Monday.", DAY)
    assert claim.event_type == "humanitarian.access_denied"


@pytest.mark.parametrize(
    "text",
    [
        "The UN said aid trucks were denied access to Madaya on Monday.",
        "Aid convoys were denied entry to Madaya on Monday, the UN said.",
        "The UN said its staff were denied permission to enter Madaya on Monday.",
        "Aid agencies said government forces kept denying access to Madaya on Monday.",
    ],
)
def test_access_denied_is_reported_not_a_denial(text):
    (claim,) = extract_claims(text, DAY)
    assert claim.event_type == "humanitarian.access_denied"
    assert claim.certainty == "reported"


def test_a_denial_of_the_event_is_still_a_denial():
    (claim,) = extract_claims("The army denied that its jets struck a market in Madaya on Monday.", DAY)
    assert claim.certainty == "denied"
