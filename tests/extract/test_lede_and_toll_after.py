"""A first line that is the lede, the toll of the attack just told, and speakers the verbs hid.

Sentences and reports are our own, crossed from templates (docs/extraction.md, "Lede and toll round"):

- a plain text's first line is given as its title (``ingest._plain.first_line_title``); when that line is
  a whole sentence ending in a full stop it is the lede, and its toll and party are the claim (read as a
  headline it gave way to a body sentence that restates less);
- "X dropped barrels on Y. At least five civilians were killed during the attack.": one claim over the
  two sentences, with the toll ("in a similar strike", "in another attack" are other attacks);
- "The UN estimates 3,800 civilians have been killed" names the UN; "without any reports of casualties"
  names nobody; '"...," said the NGO in a statement posted on X' is the NGO, not "said the NGO".
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2020, 5, 12)

# (lede, the party the claim names, the toll)
LEDES = [
    (
        "Preliminary findings indicate that 12 civilians were killed on Sunday in an air strike in Saraqib, "
        "the United Nations Assistance Mission in Afghanistan (UNAMA) said on Tuesday.",
        "UNAMA",
        12,
    ),
    (
        "At least 14 civilians were killed on Monday when warplanes struck a market in Saraqib, the Syrian "
        "Observatory for Human Rights said in a statement.",
        "Syrian Observatory for Human Rights",
        14,
    ),
    (
        "Human Rights Watch said that 23 people, most of them children, were killed when an air strike hit "
        "a school in Saraqib on Sunday.",
        "Human Rights Watch",
        23,
    ),
    (
        "Nine civilians were killed in an air strike on a bakery in Saraqib on Sunday, Amnesty International "
        "said on Tuesday.",
        "Amnesty International",
        9,
    ),
]
# body sentences that retell the same strike with less (no toll, or no party)
BODIES = [
    '"All of the victims were women and children from the same family," the release said.',
    "It was not immediately clear who carried out the air strike on Saraqib.",
    "The air strike on Saraqib destroyed several buildings.",
]
DATELINES = ["", "SARAQIB (Reuters) - ", "date 2020-05-12 WASHINGTON (Sputnik) - "]


@pytest.mark.parametrize("dateline", DATELINES)
@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize(("lede", "party", "toll"), LEDES)
def test_a_first_line_that_is_a_sentence_is_the_lede_not_a_headline(lede, party, toll, body, dateline):
    first = dateline + lede
    text = f"{first}\n\n{body}\n"
    claims = extract_claims(text, DAY, title=first)
    assert any(c.fatalities and c.fatalities.low == toll and c.attributed_to == party for c in claims), [
        (c.quote[:40], c.fatalities, c.attributed_to) for c in claims
    ]


@pytest.mark.parametrize(
    "headline",
    [
        "Air strike kills 12 civilians in Saraqib",
        "UN: 12 civilians killed in Saraqib air strike",
    ],
)
def test_a_headline_still_gives_way_to_the_body_claim(headline):
    body = "An air strike killed 12 civilians in Saraqib on Monday, SOHR said."
    text = f"{headline}\n\n{body}\n"
    claims = extract_claims(text, DAY, title=headline)
    assert len(claims) == 1 and claims[0].attributed_to == "Syrian Observatory for Human Rights"


ATTACKS = [
    "Government helicopters dropped explosive barrels on the al-Sakhour neighbourhood of Aleppo on Monday.",
    "Warplanes struck a market in Saraqib on Monday.",
    "Regime artillery shelled residential areas of Douma on Monday.",
]
TOLLS = [
    ("At least five civilians were killed and 15 others injured during the attack.", 5),
    ("Five civilians were killed in the attack.", 5),
    ("Seven people, including two children, died in the strike.", 7),
    ("At least 11 civilians were killed in this attack.", 11),
    ("Three civilians were killed in the same attack, medics said.", 3),
]


@pytest.mark.parametrize(("toll_sentence", "toll"), TOLLS)
@pytest.mark.parametrize("attack", ATTACKS)
def test_the_toll_of_the_attack_just_told_is_one_claim_with_it(attack, toll_sentence, toll):
    text = f"Report\n\n{attack} {toll_sentence}\n"
    claims = extract_claims(text, DAY, title="Report")
    dead = [c for c in claims if c.fatalities]
    assert len(dead) == 1 and dead[0].fatalities.low == toll
    if "medics said" not in toll_sentence:  # another source's toll stays its own claim
        assert len(claims) == 1, [c.quote for c in claims]
        assert claims[0].quote.startswith(attack[:20]) and claims[0].quote.endswith(toll_sentence)


@pytest.mark.parametrize(
    "other_attack",
    [
        "Three other civilians were killed in a similar strike.",
        "Four civilians were killed in another attack.",
        "Two more people were killed in a second strike.",
    ],
)
@pytest.mark.parametrize("attack", ATTACKS)
def test_another_attack_is_not_folded_into_the_one_before(attack, other_attack):
    text = f"Report\n\n{attack} {other_attack}\n"
    claims = extract_claims(text, DAY, title="Report")
    assert not any(c.quote.startswith(attack[:20]) and c.fatalities for c in claims)


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("The UN estimates 3,800 civilians have been killed by the air strikes on Taiz.", "UN"),
        ("The UN estimates more than 380 civilians have been killed in Taiz since May.", "UN"),
        (
            "Amnesty estimates at least 300 civilians were killed in the offensive on Raqqa.",
            "Amnesty International",
        ),
        ("The ministry estimates 40 people were killed in the strike on Saraqib.", "The ministry"),
    ],
)
def test_a_party_that_estimates_a_count_makes_the_claim(sentence, party):
    claims = extract_claims(sentence, DAY)
    assert claims and claims[0].attributed_to == party


@pytest.mark.parametrize(
    "sentence",
    [
        "Regime warplanes attacked residential areas of Ariha without any reports of casualties.",
        "Warplanes bombed the town of Ariha on Monday, with no reports of casualties.",
        "Jets struck Ariha overnight amid claims of heavy losses.",
        "Warplanes attacked Ariha with cluster bombs, but there were no reports of deaths.",
    ],
)
def test_reports_of_casualties_name_nobody(sentence):
    claims = extract_claims(sentence, DAY)
    assert claims and all(c.attributed_to is None for c in claims)


@pytest.mark.parametrize(
    ("tail", "party"),
    [
        ("said the NGO in a statement posted late Sunday on X.", "MSF"),
        ("said Amnesty International in a statement posted on Twitter.", "Amnesty International"),
        (
            "said the Syrian Observatory for Human Rights in a report published on Monday.",
            "Syrian Observatory for Human Rights",
        ),
    ],
)
def test_a_speaker_after_an_inverted_verb_is_not_read_with_the_verb(tail, party):
    quote = "On Saturday, an air strike hit the MSF hospital in Saraqib and killed 12 patients,"
    sentence = f"\u201c{quote}\u201d {tail}"
    claims = extract_claims(sentence, DAY)
    assert claims and claims[0].attributed_to == party


# towns from the big tables (Syria's and the world layer's) stand where a place stands only after a
# locative word; the verbs of attack were "hit", "struck", "shelled", "bombed" and "targeted" alone
TABLE_TOWNS = [
    "Raqa",
    "Saraqib",
    "Ariha",
    "Binnish",
    "Kafranbel",
    "Kunduz",
    "Bakhmut",
    "Nyala",
    "Taiz",
    "Fallujah",
]
ATTACK_VERBS = [
    "pounded",
    "pounds",
    "bombarded",
    "attacked",
    "attacks",
    "raided",
    "stormed",
    "besieged",
    "strafed",
    "rocketed",
    "were shelling",
    "are bombing",
    "hits",
    "hitting",
    "strikes",
    "striking",
    "targets",
    "bombed",
]


@pytest.mark.parametrize("verb", ATTACK_VERBS)
@pytest.mark.parametrize("town", TABLE_TOWNS)
def test_a_town_after_any_verb_of_attack_is_the_claims_place(town, verb):
    # the first sentence names another town, so the report's main place is not the answer
    first = "Fighting continued in Aleppo on Wednesday."
    text = f"Report\n\n{first} Government forces {verb} {town} on Thursday, killing 12 civilians.\n"
    claims = [c for c in extract_claims(text, DAY, title="Report") if c.fatalities]
    assert claims and any(
        p.lat is not None and town[:3].lower() in p.name.lower() for p in claims[0].places
    ), [p.name for c in claims for p in c.places]


@pytest.mark.parametrize(
    "sentence", ["Government forces attacked rebels on Thursday, killing 12 civilians in Aleppo."]
)
def test_a_verb_of_attack_before_no_town_adds_no_place(sentence):
    claims = extract_claims(sentence, DAY)
    assert claims and [p.name for p in claims[0].places] == ["Aleppo"]
