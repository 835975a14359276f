"""Who says so, in every place English puts the speaker: before or after the claim, before or after a
quotation, in the passive, in a participle ("citing X", "quoting X"), with a clause after the verb
(", adding that ..."); and organisations named by a description and then their name. Sentences are our
own, crossed with parties of every kind (docs/extraction.md, "Attribution round")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2020, 5, 10)
CORE = "an air strike killed 12 civilians in Saraqib on Monday"

# (as written, as the claim names it: aliases collapsed, the article dropped for named bodies)
PARTIES = [
    ("Human Rights Watch", "Human Rights Watch"),
    ("the health ministry", "the health ministry"),
    ("a local official", "a local official"),
    ("the civil defence", "Syria Civil Defence"),
    ("medical sources", "medical sources"),
    ("witnesses", "witnesses"),
    ("the UN", "UN"),
    ("a military spokesman", "a military spokesman"),
    ("Syrian state media", "Syrian state media"),
    ("the Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"),
]

PLACES = [
    "{P} said that {c}.",
    "{P} said on Tuesday that {c}.",
    "{P} says {c}.",
    "{P} reported that {c}.",
    "{P} confirmed that {c}.",
    "{P} alleged that {c}.",
    "{P} has documented that {c}.",
    "In a statement, {p} said {c}.",
    "{P} said: \u201c{C}.\u201d",
    "{C}, {p} said.",
    "{C}, said {p}.",
    "{C}, {p} said on Tuesday.",
    "{C}, {p} said in a statement.",
    "{C}, {p} told Reuters.",
    "{C}, {p} confirmed.",
    "{C}, {p} claimed.",
    "{C}, reports {p}.",
    "{C}, {p} was quoted as saying.",
    "\u201c{C},\u201d {p} said.",
    "\u201c{C},\u201d said {p}.",
    '"{C}," {p} told reporters.',
    "According to {p}, {c}.",
    "{C}, according to {p}.",
    "{C}, citing {p}.",
    # the forms main did not read
    "{C}, quoting {p}.",
    "{C}, cited by {p}.",
    "{C}, it was reported by {p}.",
    "{C}, {p} said, adding that the toll could rise.",
    "{C}, {p} said, warning that more strikes were expected.",
]


@pytest.mark.parametrize(("written", "party"), PARTIES)
@pytest.mark.parametrize("template", PLACES)
def test_the_speaker_is_found_wherever_the_sentence_puts_it(template, written, party):
    text = template.format(
        P=written[0].upper() + written[1:], p=written, c=CORE, C=CORE[0].upper() + CORE[1:]
    )
    (claim,) = extract_claims(text, DAY)
    assert claim.attributed_to is not None and claim.attributed_to.lower() == party.lower()


@pytest.mark.parametrize(
    ("written", "party"),
    [
        ("the aid group Save the Children", "Save the Children"),
        ("the monitoring group Airwars", "Airwars"),
        ("the Geneva-based monitoring network Airwars", "Airwars"),
        ("the rights group Syrians for Truth and Justice", "Syrians for Truth and Justice"),
        ("the US-based rights group Human Rights Watch", "Human Rights Watch"),
        ("the medical charity Doctors Without Borders", "MSF"),
        # a description alone stays as written, never a government (annotation.md)
        ("a US-based rights group", "a US-based rights group"),
        ("the Hamas-run health ministry", "the Hamas-run health ministry"),
    ],
)
@pytest.mark.parametrize("template", ["{C}, {p} said.", "{P} said {c}.", "According to {p}, {c}."])
def test_an_organisation_described_then_named_is_its_name(template, written, party):
    text = template.format(
        P=written[0].upper() + written[1:], p=written, c=CORE, C=CORE[0].upper() + CORE[1:]
    )
    (claim,) = extract_claims(text, DAY)
    assert claim.attributed_to is not None and claim.attributed_to.lower() == party.lower()


@pytest.mark.parametrize(
    "adjective", ["Credible", "Initial", "Preliminary", "Local", "Conflicting", "Unverified"]
)
@pytest.mark.parametrize("verb", ["indicate that", "said", "had", "suggest that"])
def test_reports_described_by_an_adjective_cite_nobody(adjective, verb):
    # read as "X reports ...", the adjective became the party ("Credible", "Initial")
    (claim,) = extract_claims(f"{adjective} reports {verb} {CORE}.", DAY)
    assert claim.attributed_to is None


def test_a_speaker_adding_a_quotation_is_still_the_speaker():
    quote = "\u201cThere are reports of more deaths.\u201d"
    text = f"{CORE[0].upper()}{CORE[1:]}, the health ministry said, adding: {quote}"
    (claim,) = extract_claims(text, DAY)
    assert claim.attributed_to == "the health ministry"


@pytest.mark.parametrize(
    "verb",
    [
        "is reporting",
        "was reporting",
        "is saying",
        "were saying",
        "are claiming",
        "is quoted as saying",
        "was cited as saying",
        "has reported",
        "had confirmed",
        "has documented",
    ],
)
@pytest.mark.parametrize(
    ("written", "party"), [("Human Rights Watch", "Human Rights Watch"), ("activists", "activists")]
)
@pytest.mark.parametrize("template", ["{P} {verb} that {c}.", "{C}, {p} {verb}."])
def test_a_reporting_verb_in_every_tense_and_voice_names_its_party(template, verb, written, party):
    text = template.format(
        P=written[0].upper() + written[1:], p=written, verb=verb, c=CORE, C=CORE[0].upper() + CORE[1:]
    )
    (claim,) = extract_claims(text, DAY)
    assert claim.attributed_to is not None and claim.attributed_to.lower() == party.lower()
