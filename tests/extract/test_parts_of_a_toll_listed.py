"""The parts of a toll listed after it ("Among the dead were 11 children and five women", "The dead
included 11 children", "Those killed included 11 children and five women") are victims of the toll
just told, never a second toll (annotation.md: sub-counts are victims, not a claim). Reports of our own,
generated from templates (docs/extraction.md, "Session 22")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2016, 12, 20)
LEAD = "An air strike on the market in Saraqib killed 30 people on Monday, the civil defence said. "
HEADS = [
    "Among the dead were",
    "Among those killed were",
    "Among the victims were",
    "The dead included",
    "Those killed included",
    "The victims included",
    "The dead also included",
]
PARTS = [
    "11 children",
    "11 children and five women",
    "at least 11 children, four women and an elderly man",
    "eleven children and 5 women",
]


@pytest.mark.parametrize("parts", PARTS)
@pytest.mark.parametrize("head", HEADS)
def test_the_parts_of_a_toll_are_not_a_second_toll(head, parts):
    claims = extract_claims(LEAD + f"{head} {parts}.", DAY)
    assert [c.fatalities.low for c in claims if c.fatalities] == [30]


def test_a_toll_with_its_own_verb_after_the_list_is_still_read():
    text = "Among the dead were 11 children. Shelling killed 14 people in Idlib on Tuesday."
    claims = extract_claims(text, DAY)
    assert 14 in {c.fatalities.low for c in claims if c.fatalities}
