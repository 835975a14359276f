"""A speaker named in full, then again by surname or by office: one party (docs/extraction.md,
"Fatalities round", attribution). Sentences of our own, generated from templates."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2016, 12, 20)

# (the first mention, the later one)
PEOPLE = [
    ("Rupert Colville, spokesman for the UN human rights office,", "Colville"),
    ("Rupert Colville, spokesman for the UN human rights office,", "Mr Colville"),
    ("Human Rights Watch researcher Ole Solvang", "Solvang"),
    ("UN head of mission Major General Robert Mood", "Major General Mood"),
    ("UN head of mission Major General Robert Mood", "General Mood"),
    ("Liz Throssell, a spokeswoman for the UN human rights office,", "Ms Throssell"),
]
LATER = [
    "Another strike killed 5 people in Binnish on Tuesday, {who} said.",
    "{who} said that another strike killed 5 people in Binnish on Tuesday.",
    "According to {who}, another strike killed 5 people in Binnish on Tuesday.",
    "Another strike killed 5 people in Binnish on Tuesday, said {who}.",
]


@pytest.mark.parametrize(("first", "later"), PEOPLE)
@pytest.mark.parametrize("template", LATER)
def test_a_person_named_again_by_surname_is_the_party_first_named(first, later, template):
    text = f"{first} said that an air strike killed 12 civilians in Saraqib on Monday. " + template.format(
        who=later
    )
    one, two = extract_claims(text, DAY)
    assert one.attributed_to is not None and later.split()[-1] in one.attributed_to
    assert two.attributed_to == one.attributed_to


def test_a_surname_nobody_gave_in_full_stays_as_written():
    text = (
        "Rupert Colville said that an air strike killed 12 civilians in Saraqib on Monday. "
        "Another strike killed 5 people in Binnish on Tuesday, Throssell said."
    )
    _, two = extract_claims(text, DAY)
    assert two.attributed_to == "Throssell"


@pytest.mark.parametrize(
    ("office", "person"),
    [
        ("The head of the local council", "Ahmad Saleh"),
        ("The director of the hospital", "Ahmad Saleh"),
        ("The mayor of Saraqib", "Ahmad Saleh"),
        ("The director of the hospital", "Dr Ahmad Saleh"),
    ],
)
@pytest.mark.parametrize("verb", ["said that", "told reporters that", "told Reuters that"])
def test_an_office_then_its_holder_in_apposition_names_both(office, person, verb):
    text = f"{office}, {person}, {verb} an air strike killed 12 civilians in Saraqib on Monday."
    (claim,) = extract_claims(text, DAY)
    assert claim.attributed_to == f"{office} ({person.removeprefix('Dr ')})"


SORTS = [
    ("The Israeli army", "army"),
    ("Gaza's health ministry", "ministry"),
    ("The Saudi-led coalition", "coalition"),
]
LATER_SORT = [
    "A third strike killed 3 people in Maarat al-Numan on Wednesday, the {head} said.",
    "The {head} said a third strike killed 3 people in Maarat al-Numan on Wednesday.",
]


@pytest.mark.parametrize(("first", "head"), SORTS)
@pytest.mark.parametrize("template", LATER_SORT)
def test_a_description_points_back_to_a_party_of_its_sort_not_to_the_last_speaker(first, head, template):
    text = (
        f"{first} said that an air strike killed 12 civilians in Saraqib on Monday. "
        "Another strike killed 5 people in Binnish on Tuesday, the Syrian Observatory for Human Rights said. "
        + template.format(head=head)
    )
    one, two, three = extract_claims(text, DAY)
    assert two.attributed_to == "Syrian Observatory for Human Rights"
    assert three.attributed_to == one.attributed_to


@pytest.mark.parametrize("head", ["army", "ministry"])
def test_a_description_of_no_party_named_before_stays_as_written(head):
    text = (
        "Another strike killed 5 people in Binnish on Tuesday, the Syrian Observatory for Human Rights said. "
        f"A third strike killed 3 people in Maarat al-Numan on Wednesday, the {head} said."
    )
    _, three = extract_claims(text, DAY)
    assert three.attributed_to is not None and three.attributed_to.lower() == f"the {head}"


RESCUERS = [
    "Civil defence volunteers",
    "The Syrian Civil Defence",
    "White Helmets rescuers",
    "Rescue workers of the civil defence",
]
LATER_RESCUERS = [
    "The {head} said at least 21 people were killed in Jub al-Qubba on Wednesday.",
    "At least 21 people were killed in Jub al-Qubba on Wednesday, the {head} said.",
]


@pytest.mark.parametrize("first", RESCUERS)
@pytest.mark.parametrize("head", ["volunteers", "rescuers", "rescue workers"])
@pytest.mark.parametrize("template", LATER_RESCUERS)
def test_the_volunteers_after_the_civil_defence_are_the_civil_defence_not_a_second_origin(
    first, head, template
):
    """A report tells the civil defence's account, then 'the volunteers said' its toll: one party, so
    the incident is not graded on two independent origins from one source (the demo's Jub al-Qubba)."""
    text = (
        f"{first} said artillery shells struck displaced families in Sukkari on Tuesday. "
        + template.format(head=head)
    )
    one, two = extract_claims(text, DAY)
    assert one.attributed_to and two.attributed_to == one.attributed_to


@pytest.mark.parametrize("head", ["volunteers", "rescuers"])
def test_the_volunteers_after_a_monitor_stay_as_written(head):
    text = (
        "Another strike killed 5 people in Binnish on Tuesday, the Syrian Observatory for Human Rights said. "
        f"The {head} said at least 21 people were killed in Jub al-Qubba on Wednesday."
    )
    _, two = extract_claims(text, DAY)
    assert two.attributed_to is not None and two.attributed_to.lower() == f"the {head}"
