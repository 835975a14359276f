"""Who speaks, by class (docs/extraction.md, "Speaker classes (session 21)"): a name in quotes inside the
speaker, the report's own correspondent, a denial of who did it beside a toll told in the report's
voice, a demonstrative pointing back, and a monitor named only after it spoke. Sentences of our own,
generated from templates."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims
from tawthiq.extract._attribution import find_attribution

DAY = date(2016, 12, 20)

EVENTS = [
    "Thirty people were killed in air strikes on Saraqib on Monday",
    "An air strike killed 12 civilians in Binnish on Tuesday",
    "Shelling killed five children in Douma overnight",
]

# --- a name in quotes inside the speaker -----------------------------------------------------------
QUOTED = [
    ("the pro-opposition “We are all Houran martyrs” news network", "We are all Houran martyrs"),
    ('the local "Aleppo Today" channel', "Aleppo Today"),
    ("the “Idlib Free Press” page", "Idlib Free Press"),
]


@pytest.mark.parametrize("event", EVENTS)
@pytest.mark.parametrize(("speaker", "name"), QUOTED)
@pytest.mark.parametrize("tail", ["", " on its Facebook page", " in a statement"])
def test_a_speaker_named_in_quotes_after_an_inverted_verb_is_that_name(event, speaker, name, tail):
    sentence = f"{event}, reported {speaker}{tail}."
    assert find_attribution(sentence) == name


def test_a_quotation_of_speech_is_still_no_speaker_name():
    sentence = '"We are all afraid," said Ahmad Saleh, a resident of Saraqib.'
    assert find_attribution(sentence) != "We are all afraid"


# --- the report's own correspondent ----------------------------------------------------------------
OWN = [
    ("SANA (Syrian Arab News Agency, English)", "SANA’s correspondent reported on Monday"),
    ("SANA (Syrian Arab News Agency, English)", "SANA's reporter said"),
    ("Enab Baladi (English)", "the correspondent of Enab Baladi in Idlib reported"),
    ("Enab Baladi (English)", "a reporter for Enab Baladi said"),
]


@pytest.mark.parametrize("event", EVENTS)
@pytest.mark.parametrize(("outlet", "who"), OWN)
def test_the_reports_own_correspondent_speaks_in_the_reports_voice(event, outlet, who):
    text = f"OUTLET: {outlet}\nDATE: 2016-12-20\n\n{event}, {who}."
    (claim,) = extract_claims(text, DAY)
    assert claim.attributed_to is None


@pytest.mark.parametrize("event", EVENTS)
def test_another_outlets_correspondent_stays_named(event):
    text = f"OUTLET: Enab Baladi (English)\nDATE: 2016-12-20\n\n{event}, an AFP correspondent said."
    (claim,) = extract_claims(text, DAY)
    assert claim.attributed_to is not None and "AFP" in claim.attributed_to


@pytest.mark.parametrize("event", EVENTS)
def test_an_agency_dateline_names_the_reports_outlet(event):
    text = f"Aleppo, SANA – {event}, SANA’s correspondent reported."
    (claim,) = extract_claims(text, DAY)
    assert claim.attributed_to is None


# --- a denial of who did it, beside the report's own toll --------------------------------------------
DENIERS = ["Israel", "The military", "The Russian defence ministry", "The coalition"]
DENIALS = [
    "{who} denied responsibility for an explosion at a hospital in Gaza on Tuesday that killed hundreds.",
    "{who} has denied any involvement in the strike on Saraqib that killed 12 civilians on Monday.",
    "{who} had earlier denied responsibility for 16 deaths at a school in Beit Hanoun last week.",
]


@pytest.mark.parametrize("who", DENIERS)
@pytest.mark.parametrize("template", DENIALS)
def test_a_toll_inside_a_denial_of_responsibility_is_the_reports_own(who, template):
    claims = extract_claims(template.format(who=who), DAY)
    assert claims, "the toll is still a claim"
    assert all(c.attributed_to is None for c in claims)
    assert all(c.certainty == "reported" for c in claims)  # only who did it is denied


@pytest.mark.parametrize("who", ["The Israel Defense Forces", "Israel", "The army"])
def test_a_denier_giving_their_own_account_is_the_party(who):
    sentence = f"{who} denied responsibility for the attack, saying a failed rocket launch caused the blast."
    assert find_attribution(sentence) is not None


# --- a demonstrative points back ---------------------------------------------------------------------
@pytest.mark.parametrize("word", ["This", "This eventually", "That", "These ultimately"])
def test_a_demonstrative_speaker_points_back_to_the_party_before(word):
    sentence = f"{word} concluded that a US bomb had killed between 105 and 141 civilians."
    assert find_attribution(sentence, "The Coalition") == "The Coalition"
    assert find_attribution(sentence) is None


# --- a monitor named only after it spoke -------------------------------------------------------------
LATER_NAMES = [
    ("a monitor", "The Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"),
    ("a war monitor", "The Britain-based SOHR", "Syrian Observatory for Human Rights"),
    ("a rights group", "Human Rights Watch", "Human Rights Watch"),
    ("a medical charity", "Doctors Without Borders", "MSF"),
]


@pytest.mark.parametrize(("described", "later", "canonical"), LATER_NAMES)
def test_a_description_stands_for_the_party_named_further_down(described, later, canonical):
    text = (
        f"Air strikes pounded Raqqa on Thursday, with {described} saying at least 17 civilians had been "
        f"killed in the bombardment. {later} said the strikes also hit a bakery in Tabqa."
    )
    claims = extract_claims(text, date(2017, 6, 9))
    first = next(c for c in claims if c.fatalities and c.fatalities.low == 17)
    assert first.attributed_to == canonical


def test_a_description_with_no_party_of_its_sort_named_stays_as_written():
    text = (
        "Air strikes pounded Raqqa on Thursday, with a monitor saying at least 17 civilians had been killed "
        "in the bombardment. The Kurdish Red Crescent said the strikes also hit a bakery in Tabqa."
    )
    claims = extract_claims(text, date(2017, 6, 9))
    first = next(c for c in claims if c.fatalities and c.fatalities.low == 17)
    assert first.attributed_to == "a monitor"


# --- an organisation's statement reposted by an outlet -----------------------------------------------
REPOSTS = [
    ("Iraq Business News (reposting UN Human Rights Office statement)", "UN human rights office"),
    ("Levant Daily (repost of the White Helmets statement)", "Syria Civil Defence"),
    ("Syrians for Truth and Justice (STJ), via docslib", "Syrians for Truth and Justice"),
    ("Amnesty International via scribd", "Amnesty International"),
]
BODIES = [
    "On 26 May, gunmen shot and killed 27 civilians trying to flee al-Shifa in Mosul.",
    "An air strike killed 12 civilians in Binnish on Tuesday.",
]


@pytest.mark.parametrize(("outlet", "party"), REPOSTS)
@pytest.mark.parametrize("body", BODIES)
def test_a_reposted_statements_own_voice_is_the_organisations(outlet, party, body):
    text = f"OUTLET: {outlet}\nDATE: 2017-06-10\n\n{body}"
    (claim,) = extract_claims(text, date(2017, 6, 10))
    assert claim.attributed_to == party


@pytest.mark.parametrize(
    "outlet",
    [
        "Free Ukraine Now (repost of RT live blog)",
        "Trend News Agency via UAport",
        "Ahram Online (AFP)",
        "Syrian Observatory for Human Rights (SOHR)",  # its own site: its own voice
    ],
)
@pytest.mark.parametrize("body", BODIES)
def test_a_reposted_news_report_or_an_organisations_own_site_keeps_its_own_voice(outlet, body):
    text = f"OUTLET: {outlet}\nDATE: 2017-06-10\n\n{body}"
    (claim,) = extract_claims(text, date(2017, 6, 10))
    assert claim.attributed_to is None


def test_a_reposted_statement_keeps_the_speakers_it_names():
    text = (
        "OUTLET: Iraq Business News (reposting UN Human Rights Office statement)\nDATE: 2017-06-10\n\n"
        "Residents said an air strike killed 12 civilians in Binnish on Tuesday."
    )
    (claim,) = extract_claims(text, date(2017, 6, 10))
    assert claim.attributed_to == "Residents"


# --- the second clause of a sentence cut in two keeps its speaker ------------------------------------
SPEAKERS = [
    ("The Observatory said", "Syrian Observatory for Human Rights"),
    ("According to the UN,", "UN"),
    ("The civil defence reported that", "Syria Civil Defence"),
]
TWO_EVENTS = [
    "{who} 100 people were killed in Douma since Monday, while five hospitals were hit by airstrikes.",
    "{who} 30 people were killed in Douma on Monday, while two clinics were hit by shelling.",
]


@pytest.mark.parametrize(("who", "party"), SPEAKERS)
@pytest.mark.parametrize("template", TWO_EVENTS)
def test_the_second_event_of_a_sentence_cut_in_two_is_the_same_speakers(who, party, template):
    claims = extract_claims(template.format(who=who), date(2018, 2, 21))
    assert len(claims) == 2
    assert [c.attributed_to for c in claims] == [party, party]


def test_a_second_clause_with_a_speaker_of_its_own_keeps_it():
    text = "The Observatory put the toll at 17 in Douma, while the civil defence said 21 were killed."
    one, two = extract_claims(text, date(2018, 2, 21))
    assert (one.attributed_to, two.attributed_to) == (
        "Syrian Observatory for Human Rights",
        "Syria Civil Defence",
    )


def test_a_sentence_cut_in_two_in_the_reports_voice_stays_so():
    text = (
        "More than 100 people were killed in Douma since Monday, while five hospitals were hit by airstrikes."
    )
    assert [c.attributed_to for c in extract_claims(text, date(2018, 2, 21))] == [None, None]


# --- two speakers joined by ", and": each clause is its speaker's ------------------------------------
FIRST_ACCOUNTS = [
    "The Observatory said 9 people were killed in Daraa on Tuesday",
    "The Observatory said a barrel bomb was dropped on the camp in Daraa",
    "According to the Observatory, 9 people were killed in Daraa on Tuesday",
]
SECOND_SPEAKERS = [
    ("activists", "activists"),
    ("the civil defence", "Syria Civil Defence"),
    ("local sources", "local sources"),
]


@pytest.mark.parametrize("first", FIRST_ACCOUNTS)
@pytest.mark.parametrize(("second", "party"), SECOND_SPEAKERS)
def test_a_second_speakers_toll_after_and_is_the_second_speakers(first, second, party):
    text = f"{first}, and {second} said at least 15 people were killed in the strikes."
    claims = extract_claims(text, date(2016, 6, 9))
    fifteen = [c for c in claims if c.fatalities and c.fatalities.low == 15]
    assert [c.attributed_to for c in fifteen] == [party]
    assert all(c.attributed_to != party for c in claims if c not in fifteen)


def test_a_clause_after_and_with_no_toll_of_its_own_stays_with_the_sentence():
    text = "Shelling killed 9 people in Daraa on Tuesday, and the ministry said the army would respond."
    (claim,) = extract_claims(text, date(2016, 6, 9))
    assert claim.fatalities is not None and claim.fatalities.low == 9


@pytest.mark.parametrize("where", ["Britain", "UK", "London", "Coventry"])
def test_the_britain_based_observatory_is_sohr(where):
    from tawthiq.extract._attribution import canonical_party

    assert canonical_party(f"The {where}-based Observatory") == "Syrian Observatory for Human Rights"
