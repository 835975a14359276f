"""A sentence typed or wrapped over two lines is one sentence.

The trap: a short e-mail or a chat message written on two lines ("... killed in an air strike on a
market in al-Mashhad this morning" / "and many more were wounded, the civil defence said") lost its
speaker, or its claim, because only paragraphs of three lines or more were read as wrapped. The
counter-trap: a title over its first sentence stays two sentences.
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

SENTENCES = [
    "At least 12 civilians were killed in an air strike on a market in al-Mashhad this morning and many "
    "more were wounded, the civil defence said.",
    "Shelling on the Bustan al-Qasr neighbourhood killed 7 people, including two children, on Tuesday, "
    "according to activists in the city.",
    "Five people died when a barrel bomb hit a bakery in Maarat al-Numan, the Syrian Observatory for "
    "Human Rights reported on its website.",
]
DAY = date(2016, 12, 13)


def _breaks(sentence: str) -> list[str]:
    """The sentence broken once at every space where the next word starts in lowercase."""
    words = sentence.split(" ")
    return [
        " ".join(words[:k]) + "\n" + " ".join(words[k:])
        for k in range(1, len(words))
        if words[k][:1].islower() and not words[k - 1].endswith((".", ";", ":"))
    ]


def _what(text: str) -> list[tuple]:
    return [
        (c.event_type, c.fatalities, c.attributed_to, tuple(p.name for p in c.places), c.kind)
        for c in extract_claims(text, DAY)
    ]


CASES = [(s, wrapped) for s in SENTENCES for wrapped in _breaks(s)]


@pytest.mark.parametrize(("sentence", "wrapped"), CASES, ids=[f"{i}" for i in range(len(CASES))])
def test_a_sentence_on_two_lines_gives_the_claim_it_gives_on_one(sentence, wrapped):
    one_line = _what(sentence)
    assert one_line and one_line[0][2] is not None  # the case itself has a claim and a speaker
    assert _what(wrapped) == one_line


def test_the_quote_of_a_two_line_sentence_is_its_text_with_the_break():
    text = SENTENCES[0].replace(" this morning and", " this morning\nand")
    [claim] = extract_claims(text, DAY)
    assert text[claim.span[0] : claim.span[1]] == claim.quote and "\n" in claim.quote


def test_a_title_over_its_first_sentence_is_still_two_sentences():
    text = "Market hit in al-Mashhad\n" + SENTENCES[0]
    assert all("\n" not in c.quote for c in extract_claims(text, DAY))
