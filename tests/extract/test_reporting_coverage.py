"""Coverage of who says so and how sure: every reporting verb, before or after the claim, and every
hedge of the "reportedly" family and every form of denial (CLAIMS.md, annotation.md).

Sentences are generated from templates of our own crossed with each family (docs/extraction.md,
"Coverage round"); none is from a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2020, 5, 10)
PARTY = "Human Rights Watch"
CORE = "an air strike killed 12 civilians in Saraqib on Monday"

# the subject, then the verb, then the claim ("X noted that ...")
LEADING = (
    "said",
    "says",
    "told Reuters",
    "reported",
    "reports",
    "stated",
    "announced",
    "added",
    "noted",
    "explained",
    "insisted",
    "asserted",
    "indicated",
    "revealed",
    "disclosed",
    "maintained",
    "observed",
    "mentioned",
    "claimed",
    "estimated",
    "documented",
    "recorded",
    "found",
    "concluded",
    "believes",
    "wrote",
    "tweeted",
    "has said",
    "had said",
    "said in a statement",
    "informed reporters",
    "was quoted as saying",
)
# the claim, then the party and its verb ("..., X noted.")
TRAILING = (
    "said",
    "says",
    "reported",
    "stated",
    "announced",
    "added",
    "noted",
    "claimed",
    "estimated",
    "documented",
    "tweeted",
    "told AFP",
    "wrote on Twitter",
    "posted on Facebook",
    "said in a statement",
)


@pytest.mark.parametrize("verb", LEADING)
def test_every_reporting_verb_before_the_claim_names_its_party(verb):
    (claim,) = extract_claims(f"{PARTY} {verb} that {CORE}.", DAY)
    assert claim.attributed_to == PARTY


@pytest.mark.parametrize("verb", TRAILING)
def test_every_reporting_verb_after_the_claim_names_its_party(verb):
    (claim,) = extract_claims(f"{CORE[0].upper()}{CORE[1:]}, {PARTY} {verb}.", DAY)
    assert claim.attributed_to == PARTY


@pytest.mark.parametrize(
    "lead", ["According to {P}, {c}.", "{C}, as reported by {P}.", "{C}, according to {P}."]
)
def test_according_to_and_as_reported_by_name_the_party(lead):
    sentence = lead.format(P=PARTY, c=CORE, C=CORE[0].upper() + CORE[1:])
    (claim,) = extract_claims(sentence, DAY)
    assert claim.attributed_to == PARTY


@pytest.mark.parametrize(
    "sentence",
    [
        "An air strike reportedly killed 12 civilians in Saraqib on Monday.",
        "An air strike allegedly killed 12 civilians in Saraqib on Monday.",
        "An air strike purportedly killed 12 civilians in Saraqib on Monday.",
        "An air strike supposedly killed 12 civilians in Saraqib on Monday.",
        "An air strike is said to have killed 12 civilians in Saraqib on Monday.",
        "An air strike was reported to have killed 12 civilians in Saraqib on Monday.",
        "It is claimed that an air strike killed 12 civilians in Saraqib on Monday.",
        "Unverified reports said an air strike killed 12 civilians in Saraqib on Monday.",
        "An air strike killed 12 civilians in Saraqib on Monday, though this could not be verified.",
    ],
)
def test_every_hedge_of_the_reportedly_family_makes_the_claim_unconfirmed(sentence):
    (claim,) = extract_claims(sentence, DAY)
    assert claim.certainty == "unconfirmed"


@pytest.mark.parametrize(
    "sentence",
    [
        "The army denied that an air strike killed 12 civilians in Saraqib on Monday.",
        "The army rejected claims that an air strike killed 12 civilians in Saraqib on Monday.",
        "The army dismissed allegations that an air strike killed 12 civilians in Saraqib on Monday.",
        "The army refuted reports that an air strike killed 12 civilians in Saraqib on Monday.",
        "The ministry said reports that an air strike killed 12 civilians in Saraqib on Monday were false.",
    ],
)
def test_every_form_of_denial_makes_the_claim_denied(sentence):
    (claim,) = extract_claims(sentence, DAY)
    assert claim.certainty == "denied"


def test_a_hedge_on_who_did_it_leaves_the_toll_reported():
    (claim,) = extract_claims(
        "An air strike, supposedly by government jets, killed 12 civilians in Saraqib on Monday.", DAY
    )
    assert claim.certainty == "reported"


@pytest.mark.parametrize(
    "sentence",
    [
        "The UN confirmed that an air strike killed 12 civilians in Saraqib on Monday.",
        "An air strike killed 12 civilians in Saraqib on Monday, the UN confirmed.",
        "Monitors verified that an air strike killed 12 civilians in Saraqib on Monday.",
    ],
)
def test_a_confirmation_is_confirmed_even_when_the_un_confirms_it(sentence):
    # "UN" before "confirmed" was read as the prefix of "unconfirmed" and the claim left `reported`
    (claim,) = extract_claims(sentence, DAY)
    assert claim.certainty == "confirmed"
