"""Fighters and civilians counted apart before a passive verb ("20 soldiers and 14 civilians were
killed") are not one toll of 34: the claim's toll is the civilians' (CLAIMS.md; the verb-first form,
"the shelling killed 20 soldiers and 14 civilians", is two claims). Two counts of one kind ("12 women
and 5 children", "9 staff and 8 patients") still add up. Sentences of our own, generated from templates
(docs/extraction.md, "Session 22")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2016, 12, 20)

FIGHTERS = ["20 soldiers", "twenty rebels", "20 fighters", "20 policemen", "20 troops", "20 militants"]
CIVILIANS = ["14 civilians", "14 children", "fourteen women"]
VERBS = [
    "were killed in the shelling of Saraqib",
    "died in an air strike on Saraqib",
    "have been killed in Saraqib",
]


@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize("civilians", CIVILIANS)
@pytest.mark.parametrize("fighters", FIGHTERS)
def test_fighters_and_civilians_before_a_passive_verb_are_not_summed(fighters, civilians, verb):
    for text in (f"{fighters} and {civilians} {verb}.", f"{civilians} and {fighters} {verb}."):
        tolls = {c.fatalities.low for c in extract_claims(text[0].upper() + text[1:], DAY) if c.fatalities}
        assert tolls == {14}, text


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("12 women and 5 children were killed in the shelling of Saraqib.", 17),
        ("At least 9 staff and 8 patients were killed in the air strike on Saraqib.", 17),
        ("Four nurses and seven patients died in the shelling of Saraqib.", 11),
    ],
)
def test_two_counts_of_one_kind_still_add_up(text, toll):
    (claim,) = extract_claims(text, DAY)
    assert claim.fatalities.low == toll
