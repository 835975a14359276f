"""Tolls by class (docs/extraction.md, "Toll classes (session 21)"): fighters and civilians counted apart
in one sentence are two claims, one source's second figure ("230 or even 520") is a claim of its own,
and a "mass-casualty attack" is a kind of event, not a mixed count. Sentences of our own, generated
from templates."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims
from tawthiq.extract._tolls import find_tolls

DAY = date(2016, 12, 20)

FIGHTERS = ["soldiers", "fighters", "army defectors", "rebels", "policemen", "militants"]
CIVILIANS = ["civilians", "children", "residents"]
GROUP_TEMPLATES = [
    "Air strikes killed {a} and {b} in Saraqib on Monday.",
    "Activists reported the deaths of {a} and {b} in Saraqib on Monday.",
    "The shelling of Saraqib on Monday killed {a} and {b}.",
]


def _counts(claims):
    return sorted((c.fatalities.low, c.fatalities.qualifier) for c in claims if c.fatalities)


@pytest.mark.parametrize("fighters", FIGHTERS)
@pytest.mark.parametrize("civilians", CIVILIANS)
@pytest.mark.parametrize("template", GROUP_TEMPLATES)
@pytest.mark.parametrize("fighters_first", [True, False])
def test_fighters_and_civilians_counted_apart_are_two_claims(fighters, civilians, template, fighters_first):
    a, b = f"at least 20 {fighters}", f"14 {civilians}"
    text = template.format(a=a, b=b) if fighters_first else template.format(a=b, b=a)
    claims = extract_claims(text, DAY)
    assert _counts(claims) == [(14, "exact"), (20, "at_least")]


@pytest.mark.parametrize(
    "text",
    [
        "At least 4 nurses and 7 patients were killed in Saraqib on Monday.",
        "Air strikes killed 12 women and 5 children in Saraqib on Monday.",
        "Air strikes killed 12 soldiers and 5 rebels in Saraqib on Monday.",
    ],
)
def test_two_counts_of_one_kind_of_victim_stay_one_toll(text):
    claims = [c for c in extract_claims(text, DAY) if c.fatalities]
    assert len(claims) == 1


ALTERNATIVES = [
    ("as many as 230 or even 520", [(None, 230, "up_to"), (None, 520, "up_to")]),
    ("at least 40, or possibly 60,", [(40, None, "at_least"), (60, None, "at_least")]),
    ("about 100 or perhaps 150", [(100, 100, "about"), (150, 150, "about")]),
]


@pytest.mark.parametrize(("figures", "expected"), ALTERNATIVES)
@pytest.mark.parametrize(
    "template",
    [
        "Locals said that {n} civilians were killed in the strike on Mosul on Monday.",
        "Residents say {n} people died when the market in Mosul was bombed on Monday.",
    ],
)
def test_one_sources_second_figure_is_a_claim_of_its_own(figures, expected, template):
    claims = extract_claims(template.format(n=figures), DAY)
    got = sorted(
        ((c.fatalities.low, c.fatalities.high, c.fatalities.qualifier) for c in claims if c.fatalities),
        key=lambda t: t[1] or t[0] or 0,
    )
    assert got == expected
    assert len({c.attributed_to for c in claims}) == 1


@pytest.mark.parametrize(
    "phrase", ["mass-casualty attack", "civilian casualty event", "mass casualty incident"]
)
@pytest.mark.parametrize("count", ["at least 105", "between 105 and 141", "105"])
def test_a_casualty_event_is_a_kind_of_event_not_a_mixed_count(phrase, count):
    sentence = f"In the {phrase} in Mosul, {count} civilians were confirmed as having been killed."
    fatal, _ = find_tolls(sentence)
    assert fatal is not None and fatal.low == 105


@pytest.mark.parametrize(
    "sentence",
    [
        "There were dozens of casualties, 30 of them children.",
        "The casualty toll rose to 30.",
        "The strike caused 30 casualties in Mosul.",
    ],
)
def test_casualties_still_mix_the_dead_and_the_wounded(sentence):
    assert find_tolls(sentence) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "The siege left its 250,000 residents and around 8,000 fighters under siege conditions in Aleppo.",
        "The town of Madaya holds 40,000 civilians and 600 fighters, the UN said.",
    ],
)
def test_fighters_and_civilians_counted_alive_are_no_toll(text):
    assert all(c.fatalities is None for c in extract_claims(text, DAY))
