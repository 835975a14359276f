"""A party cited through its document is that party: "according to a statement by the health ministry",
"figures released by the UN", "the ministry's latest figures", "a report from Amnesty International"
name the ministry, the UN and Amnesty, not a document (issue 15: an organisation cited through its
report; corroboration counts origins by party, so one party must have one name). Sentences of our own,
generated from templates (docs/extraction.md, "Session 24 (branch entolls)")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2023, 11, 6)

AUTHORS = ["the health ministry", "Amnesty International", "the UN humanitarian office", "Airwars"]
DOCUMENTS = [
    "according to a statement by {a}",
    "according to a statement from {a}",
    "according to the latest figures from {a}",
    "according to figures released by {a}",
    "according to a new report by {a}",
    "according to a report published by {a}",
    "according to data compiled by {a}",
]
TOLLS = [("Twelve", 12), ("At least 12", 12), ("More than 140", 140)]
TOLD = "said 12 civilians were killed in an air strike on Rafah on Sunday."


def _bare(party: str | None) -> str:
    """A party's name without a leading article, in lower case."""
    p = (party or "").lower()
    return p[4:] if p.startswith("the ") else p


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("author", AUTHORS)
@pytest.mark.parametrize(("n", "toll"), TOLLS)
def test_the_author_of_the_document_is_the_party(document, author, n, toll):
    cited = document.format(a=author)
    text = f"{n} civilians were killed in an air strike on Rafah on Sunday, {cited}."
    claims = [c for c in extract_claims(text, DAY) if c.fatalities]
    assert claims and claims[0].fatalities.low == toll, text
    assert _bare(claims[0].attributed_to) == _bare(author), text


@pytest.mark.parametrize("author", ["The health ministry", "Amnesty International"])
@pytest.mark.parametrize("document", ["{a}'s latest figures", "{a}'s statement", "a statement by {a}"])
def test_a_document_as_the_subject_of_said_is_its_authors(author, document):
    subject = document.format(a=author)
    text = f"{subject[0].upper()}{subject[1:]} {TOLD}"
    claims = [c for c in extract_claims(text, DAY) if c.fatalities]
    assert claims and _bare(claims[0].attributed_to) == _bare(author), text


def test_a_document_with_no_author_stays_as_written():
    text = (
        "Twelve civilians were killed in an air strike on Rafah on Sunday, according to the latest figures."
    )
    claims = [c for c in extract_claims(text, DAY) if c.fatalities]
    assert claims and claims[0].attributed_to in (None, "the latest figures")
