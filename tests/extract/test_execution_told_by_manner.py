"""An execution told by how it was done, not by the word: people shot dead, shot in their homes or in
the back, killed at close range or with knives, hacked to death, are `killing.execution` (annotation.md:
the Houla gold reads every such account as an execution), and the count after or before a verb of
execution ("shot dead 9 people", "twelve were executed") is the toll. Sentences of our own, generated
from templates (docs/extraction.md, "Session 24 (branch entolls)")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2012, 5, 27)

NUMBERS = [("9", 9), ("nine", 9), ("twenty-three", 23), ("108", 108)]
WHERE = ["in the village of Tremseh", "in Houla", "in the town of Daraa"]

# the count after the verb of execution, active voice
AFTER_VERB = [
    "Soldiers shot dead {n} people {where} on Friday.",
    "Militiamen executed {n} people {where} on Friday.",
    "Gunmen massacred {n} people {where} on Friday.",
    "Security forces gunned down {n} people {where} on Friday.",
]
# the count before the verb, passive voice, and the noun left out
BEFORE_VERB = [
    "{N} people were shot dead {where} on Friday.",
    "{N} were shot dead {where} on Friday.",
    "{N} were executed {where} on Friday.",
    "{N} civilians were murdered {where} on Friday.",
]
# the manner alone tells the execution
MANNER = [
    "Militiamen shot {n} people in their homes {where} on Friday.",
    "{N} people were shot in their homes {where} on Friday.",
    "Gunmen killed {n} people with knives {where} on Friday.",
    "{N} villagers were killed at close range {where} on Friday.",
    "Snipers shot {n} civilians in the back {where} on Friday.",
    "{N} civilians were killed at point-blank range {where} on Friday.",
]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _told(form: str, n: str, where: str) -> str:
    return _cap(form.format(n=n, N=_cap(n), where=where))


@pytest.mark.parametrize("form", AFTER_VERB + BEFORE_VERB)
@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize(("n", "toll"), NUMBERS)
def test_the_count_next_to_a_verb_of_execution_is_the_toll(form, where, n, toll):
    text = _told(form, n, where)
    claims = extract_claims(text, DAY)
    assert [c.event_type for c in claims] == ["killing.execution"], text
    assert claims[0].fatalities is not None, text
    assert (claims[0].fatalities.low, claims[0].fatalities.high) == (toll, toll), text


@pytest.mark.parametrize("form", MANNER)
@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize(("n", "toll"), NUMBERS)
def test_an_execution_told_by_its_manner_is_an_execution(form, where, n, toll):
    text = _told(form, n, where)
    claims = extract_claims(text, DAY)
    assert [c.event_type for c in claims] == ["killing.execution"], text
    if " villagers " not in text:  # ("villagers" is no count of people the toll grammar reads)
        assert claims[0].fatalities is not None and claims[0].fatalities.low == toll, text


@pytest.mark.parametrize(
    "text",
    [
        "Residents were hacked to death in the village of Tremseh on Thursday.",
        "Most of the victims were shot in their homes in Houla on Friday.",
        "UN observers said most of the 108 victims were killed at close range in Houla.",
    ],
)
def test_an_execution_without_a_count_is_still_an_execution(text):
    assert [c.event_type for c in extract_claims(text, DAY)] == ["killing.execution"]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # a building hit is not people shot: "homes" and "the back" after a weapon stay the attack
        ("An air strike hit their homes in Douma on Monday, killing 12 people.", "attack.air_strike"),
        ("The shelling hit homes in Houla on Friday, killing 12 people.", "attack.shelling"),
        ("A shell hit the back of the house in Douma on Monday, killing 3 people.", "attack.shelling"),
        # a range named for a weapon's reach is no execution: it needs close or point-blank
        ("Rockets fired from long range killed 4 people in Azaz on Monday.", "attack.shelling"),
    ],
)
def test_a_strike_on_homes_is_not_an_execution(text, event_type):
    assert [c.event_type for c in extract_claims(text, DAY)] == [event_type]
