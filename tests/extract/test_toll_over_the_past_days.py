"""A toll summed over the last days is a tally (annotation.md: a toll summed over several days is a
`tally`; "rose to N in 48 hours" is one): "in the past three days", "during the last 48 hours", "in the
past week", "over the previous two weeks". A toll of the past 24 hours may be one day's and stays what its
sentence makes it. Sentences of our own, generated from templates (docs/extraction.md, "Session 24 (branch
entolls)")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2020, 1, 29)

PERIODS = [
    "in the past three days",
    "in the last few days",
    "during the last 48 hours",
    "within the past 72 hours",
    "in the past week",
    "during the past month",
    "over the previous two weeks",
]
TOLLS = [("40", 40), ("forty", 40), ("at least 40", 40), ("more than 1,200", 1200)]
FORMS = [
    "Air strikes killed {n} civilians in Idlib province {period}, the Syrian Observatory said.",
    "{N} civilians were killed by shelling in Maarat al-Numan {period}.",
    "The Syrian Observatory said {n} civilians had died in air strikes on Idlib {period}.",
]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("n", "toll"), TOLLS)
@pytest.mark.parametrize("period", PERIODS)
def test_a_toll_over_the_past_days_is_a_tally(form, n, toll, period):
    text = _cap(form.format(n=n, N=_cap(n), period=period))
    claims = [c for c in extract_claims(text, DAY) if c.fatalities]
    assert [c.kind for c in claims] == ["tally"], text
    assert claims[0].fatalities.low == toll, text


@pytest.mark.parametrize(
    "text",
    [
        "Air strikes killed 40 civilians in Maarat al-Numan in the past 24 hours, the Observatory said.",
        "An air strike killed 40 civilians in Maarat al-Numan on Tuesday.",
    ],
)
def test_one_days_toll_stays_an_incident(text):
    assert [c.kind for c in extract_claims(text, DAY)] == ["incident"], text
