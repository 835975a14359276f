"""A quotation of several sentences whose speaker comes after the last one: every sentence of the quote
is the speaker's ('"Twelve civilians were killed in the strike. We are still pulling bodies out," said a
spokesman for the civil defence.'), not the report's own voice (annotation.md: the speaker of a quotation,
before or after the quote). Sentences of our own, generated from templates (docs/extraction.md, "Session
24 (branch entolls)")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2019, 5, 20)

TOLLS = [("Twelve", 12), ("At least 12", 12), ("Twenty-three", 23), ("More than 140", 140)]
# what follows the toll inside the quotation: one sentence, or two
REST = [
    "We are still pulling bodies from the rubble.",
    "We are still pulling bodies from the rubble. The hospital cannot cope.",
]
# the speaker after the quote, and what the claim is attributed to (a word of it, in lower case)
SPEAKERS = [
    ("said Ahmed Hassan, a spokesman for the civil defence.", "civil defence"),
    ("Ahmed Hassan, a spokesman for the civil defence, told AFP.", "civil defence"),
    ("the Syrian Observatory for Human Rights said in a statement.", "observatory"),
    ("a doctor at the hospital told Reuters.", "doctor"),
    ("Amnesty International said.", "amnesty"),
]
OPEN_CLOSE = [("\u201c", "\u201d"), ('"', '"')]


def _quote(toll: str, rest: str, speaker: str, marks: tuple[str, str]) -> str:
    op, cl = marks
    body = (
        f"{toll} civilians were killed in the air strike on the market in Maarat al-Numan on Sunday. {rest}"
    )
    return f"{op}{body[:-1]},{cl} {speaker}"


@pytest.mark.parametrize("marks", OPEN_CLOSE)
@pytest.mark.parametrize(("speaker", "word"), SPEAKERS)
@pytest.mark.parametrize("rest", REST)
@pytest.mark.parametrize(("toll", "n"), TOLLS)
def test_the_first_sentence_of_a_quotation_is_its_speakers(toll, n, rest, speaker, word, marks):
    text = _quote(toll, rest, speaker, marks)
    claims = [c for c in extract_claims(text, DAY) if c.fatalities]
    assert claims, text
    assert claims[0].fatalities.low == n, text
    assert claims[0].attributed_to is not None and word in claims[0].attributed_to.lower(), text


@pytest.mark.parametrize("marks", OPEN_CLOSE)
def test_a_quotation_that_a_paragraph_ends_does_not_borrow_a_later_speaker(marks):
    op, cl = marks
    text = (
        f"{op}Twelve civilians were killed in the air strike on the market in Maarat al-Numan on Sunday.\n\n"
        f"{op}The hospital cannot cope,{cl} said Ahmed Hassan, a spokesman for the civil defence."
    )
    claims = [c for c in extract_claims(text, DAY) if c.fatalities]
    assert claims and claims[0].attributed_to is None, text


def test_a_quotation_closed_in_its_own_sentence_keeps_the_speaker_before_it():
    text = (
        'Ahmed Hassan, a spokesman for the civil defence, said: "Twelve civilians were killed in the air '
        'strike on the market in Maarat al-Numan on Sunday. We are still pulling bodies from the rubble."'
    )
    claims = [c for c in extract_claims(text, DAY) if c.fatalities]
    assert claims and "civil defence" in (claims[0].attributed_to or "").lower()


def test_a_quotation_with_no_speaker_named_is_nobodys():
    text = (
        '"Twelve civilians were killed in the air strike on the market in Maarat al-Numan on Sunday. We are '
        'still pulling bodies from the rubble," he said.'
    )
    claims = [c for c in extract_claims(text, DAY) if c.fatalities]
    assert claims and claims[0].attributed_to is None
