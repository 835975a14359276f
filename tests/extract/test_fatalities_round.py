"""The dead found and counted, and the parts of a toll that are not the toll: sentences of our own,
generated from templates x every form of a number (docs/extraction.md, "Fatalities round")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2016, 12, 20)
LEDE = "Government jets struck a market in Saraqib on Monday. "

NUMBERS = [("forty", 40), ("ninety-two", 92), ("a hundred", 100), ("1,200", 1200), ("1 200", 1200)]

# a toll told with no word of killing and no manner of its own, after the attack it follows
FOUND = [
    "Rescuers counted {n} bodies in Saraqib, the civil defence said.",
    "The monitors counted {n} bodies in the town.",
    "{N} bodies were found in the rubble.",
    "{N} bodies have been recovered so far.",
    "The hospital in Saraqib received {n} bodies.",
    "{N} corpses were found in the rubble.",
    "Residents pulled {n} charred corpses from the market.",
    "The remains of {n} people were found in the rubble.",
    "The number of victims has risen to {n}, the civil defence said.",
    "The number of fatalities rose to {n} on Tuesday.",
    "{N} people perished, the civil defence said.",
]


@pytest.mark.parametrize(("written", "value"), NUMBERS)
@pytest.mark.parametrize("template", FOUND)
def test_the_dead_found_or_counted_after_an_attack_are_its_toll(template, written, value):
    sentence = template.format(n=written, N=written[0].upper() + written[1:])
    claims = extract_claims(LEDE + sentence, DAY)
    tolls = [c for c in claims if c.fatalities is not None]
    assert len(tolls) == 1, claims
    (claim,) = tolls
    assert claim.fatalities.low == value
    assert claim.event_type.startswith("attack."), claim.event_type  # the strike's, never `other`
    assert sentence[:20] in claim.quote


TOLL = "An air strike killed 40 people in Saraqib on Monday. "

# the parts of a toll told in the next sentence: never a toll of their own, never added
PARTS = [
    "Eleven women and 13 children were among the dead.",
    "Eleven women and 13 children were among those killed.",
    "Some 11 women and 13 children were among the known victims.",
    "Among the dead were 11 children.",
    "Among those killed were at least 11 children.",
    "Two of the dead were children.",
    "Two more of the dead had their hands tied.",
    "Three of the victims were women, the civil defence said.",
    "Next to one of the bodies was a passport.",
    "One of the bodies was that of a doctor.",
]


@pytest.mark.parametrize("part", PARTS)
def test_a_part_of_the_toll_is_never_a_toll_of_its_own(part):
    claims = extract_claims(TOLL + part, DAY)
    assert [c.fatalities.low for c in claims if c.fatalities is not None] == [40], claims


@pytest.mark.parametrize(
    "text",
    [
        "Since 2013 the volunteers have saved the lives of 6,000 civilians in Saraqib.",
        "The rescuers in Saraqib say they have saved almost 62 thousand lives since the war began.",
        "An air strike hit Saraqib on Monday; rescuers saved 30 lives.",
    ],
)
def test_lives_saved_are_not_deaths(text):
    assert all(c.fatalities is None for c in extract_claims(text, DAY))


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier"),
    [
        (
            "Residents said as many as 230 or even 520 civilians were killed in the air strike on Saraqib.",
            None,
            230,
            "up_to",
        ),
        (
            "Residents said 40 or perhaps 50 civilians were killed in the air strike on Saraqib.",
            40,
            40,
            "exact",
        ),
        (
            "At least 40 or possibly 60 civilians were killed in the air strike on Saraqib.",
            40,
            None,
            "at_least",
        ),
    ],
)
def test_a_second_figure_after_or_even_does_not_replace_the_first(text, low, high, qualifier):
    # the second figure is a claim of its own since session 21 (annotation.md: one source's two
    # alternative figures are two claims; tests/extract/test_toll_classes_round21.py)
    claim, second = extract_claims(text, DAY)
    f = claim.fatalities
    assert (f.low, f.high, f.qualifier) == (low, high, qualifier)
    assert second.fatalities is not None and second.fatalities.qualifier == qualifier
    assert second.fatalities != f


def test_a_count_of_the_dead_stays_the_toll_when_a_part_follows_it():
    text = "Twelve of the 40 people killed in the air strike on Saraqib on Monday were children."
    (claim,) = extract_claims(text, DAY)
    assert claim.fatalities.low == 40


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("Shelling hit the house of a nurse in Saraqib on Monday, killing her.", 1),
        ("A sniper shot a boy in Saraqib on Monday, killing him instantly.", 1),
        ("An air strike on Saraqib on Monday killed her and her two children.", 3),
        ("An air strike on Saraqib on Monday killed him and his wife.", 2),
        ("An air strike on Saraqib on Monday killed him, his wife and their three children.", 5),
        ("An air strike on Saraqib on Monday killed her son.", 1),
    ],
)
def test_a_pronoun_killed_is_one_person(text, low):
    (claim,) = extract_claims(text, DAY)
    assert claim.fatalities.low == low


@pytest.mark.parametrize(
    "furniture",
    [
        # date lines, the headline again
        "20 December 2016\n\nGrief in Saraqib\n\n9:59 pm on 20 December 2016\n\n",
        "By Staff Writer\n\nGrief in Saraqib\n\n",  # a byline, the headline again
        "Grief in Saraqib\n\nGrief in Saraqib\n\nGrief in Saraqib\n\n",  # the headline printed three times
        "",  # none
    ],
)
def test_a_toll_with_no_manner_takes_the_ledes_past_the_page_furniture(furniture):
    text = (
        "Grief in Saraqib\n\n"
        + furniture
        + "Government jets bombed the market in Saraqib on Monday.\n\n"
        + "Forty people have died in Binnish this month, the civil defence said."
    )
    tolls = [c for c in extract_claims(text, DAY) if c.fatalities is not None]
    assert [(c.fatalities.low, c.event_type) for c in tolls] == [(40, "attack.air_strike")]


AGENTS = ["soldiers", "fighters", "militants", "rebels", "armed men", "gunmen"]
ACTS = [
    "attacked the village of Binnish on Monday, killing {n} civilians",
    "stormed the village of Binnish on Monday and killed {n} civilians",
    "raided the village of Binnish on Monday, killing {n} civilians",
    "opened fire on a crowd in Binnish on Monday, killing {n} civilians",
    "killed {n} civilians in the village of Binnish on Monday",
    "executed {n} civilians in the village of Binnish on Monday",
]


@pytest.mark.parametrize("agent", AGENTS)
@pytest.mark.parametrize("act", ACTS)
def test_the_attackers_counted_are_never_the_toll(agent, act):
    (claim,) = extract_claims(f"About 200 {agent} {act.format(n=5)}.", DAY)
    assert claim.fatalities is not None and claim.fatalities.low == 5


@pytest.mark.parametrize(
    "text",
    [
        "Twelve rebels killed in clashes near Binnish on Monday.",
        "Twelve soldiers shot dead in Binnish on Monday.",
        "Twelve soldiers killed, 30 wounded in an attack on Binnish on Monday.",
        "Twelve soldiers were killed when militants attacked Binnish on Monday.",
    ],
)
def test_a_headlines_passive_stays_the_toll(text):
    claims = [c for c in extract_claims(text, DAY) if c.fatalities is not None]
    assert [c.fatalities.low for c in claims] == [12]
