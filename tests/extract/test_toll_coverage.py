"""Coverage of the toll grammar: every way the press writes how many died, each with numbers in every
form, in sentences of our own; and counts that are not deaths (docs/extraction.md, "Tolls round")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

DAY = date(2016, 12, 20)

# every form of a number: words to the thousands, the article as "one", digits with commas or spaces
NUMBERS = [
    ("twelve", 12),
    ("ninety-nine", 99),
    ("a hundred", 100),
    ("two hundred and five", 205),
    ("a thousand", 1000),
    ("two thousand", 2000),
    ("1,200", 1200),
    ("1 200", 1200),
    ("1\u00a0200", 1200),  # a no-break space, as French and Russian wires write thousands
    ("a dozen", 12),
]

TOLLS = [
    "An air strike killed {n} civilians in Saraqib on Monday.",
    "An air strike on Saraqib on Monday killed {n} people.",
    "An air strike on Saraqib on Monday killed {n}.",
    "{N} civilians were killed in an air strike on Saraqib on Monday.",
    "{N} were killed in an air strike on Saraqib on Monday.",
    "{N} people died in an air strike on Saraqib on Monday.",
    "{N} civilians lost their lives in an air strike on Saraqib on Monday.",
    "An air strike hit Saraqib on Monday, killing {n} civilians.",
    "{N} dead in air strike on Saraqib on Monday.",
    "An air strike on Saraqib on Monday left {n} dead.",
    "An air strike on Saraqib on Monday left {n} people dead.",
    "Rescuers recovered {n} bodies after an air strike on Saraqib on Monday.",
    "The bodies of {n} civilians were pulled from the rubble after an air strike on Saraqib on Monday.",
    "The death toll from Monday's air strike on Saraqib rose to {n}.",
    "The death toll from Monday's air strike on Saraqib has risen to {n}.",
    "The death toll from Monday's air strike on Saraqib climbed to {n}.",
    "The toll from Monday's air strike on Saraqib reached {n}.",
    "The number of people killed in Monday's air strike on Saraqib rose to {n}.",
    "An air strike on Saraqib on Monday claimed the lives of {n} civilians.",
    "An air strike on Saraqib on Monday killed a total of {n} civilians.",
    "An air strike on Saraqib on Monday killed {n} members of one family.",
    # the wounded told beside the dead are the injured, never the toll
    "Monday's air strike on Saraqib killed {n} civilians and wounded 30.",
    "Monday's air strike on Saraqib killed {n} civilians and wounded 30 others, medics said.",
    "{N} civilians were killed and 30 wounded in an air strike on Saraqib on Monday.",
    "{N} civilians were killed and 30 others were injured in an air strike on Saraqib on Monday.",
    "An air strike on Saraqib on Monday left {n} civilians dead and 30 wounded.",
    "An air strike on Saraqib on Monday killed {n} people and injured dozens.",
    # sub-counts are part of the toll, never added to it
    "An air strike on Saraqib on Monday killed {n} civilians, including 5 children.",
    "An air strike on Saraqib on Monday killed {n} civilians, among them 5 children.",
    "The air strike on Saraqib on Monday killed {n} civilians, 5 of them children.",
    "{N} people, most of them children, were killed in an air strike on Saraqib on Monday.",
    "{N} civilians, among them 11 women and 13 children, were killed in an air strike on Saraqib on Monday.",
]


@pytest.mark.parametrize(("written", "value"), NUMBERS)
@pytest.mark.parametrize("template", TOLLS)
def test_every_way_of_telling_a_toll_gives_the_number_of_dead(template, written, value):
    text = template.format(n=written, N=written[0].upper() + written[1:])
    (claim,) = extract_claims(text, DAY)
    assert claim.fatalities is not None and claim.fatalities.low == value


@pytest.mark.parametrize(
    ("vague", "low"), [("tens", 10), ("dozens", 12), ("scores", 20), ("hundreds", 100), ("thousands", 1000)]
)
@pytest.mark.parametrize(
    "template",
    [
        "{V} of civilians were killed in an air strike on Saraqib on Monday.",
        "An air strike on Saraqib on Monday killed {v} of civilians.",
        "An air strike on Saraqib on Monday left {v} of people dead.",
    ],
)
def test_a_vague_toll_is_its_conservative_low(template, vague, low):
    (claim,) = extract_claims(template.format(v=vague, V=vague.capitalize()), DAY)
    f = claim.fatalities
    assert (f.low, f.high, f.qualifier) == (low, None, "vague")


@pytest.mark.parametrize("written", ["twelve", "40", "1,200", "1 200"])
@pytest.mark.parametrize(
    "template",
    [
        "An air strike on Saraqib on Monday wounded {n} civilians.",
        "{N} civilians were wounded in an air strike on Saraqib on Monday.",
        "Shelling on Saraqib on Monday left {n} people wounded.",
        "{N} people were injured when shells hit Saraqib on Monday.",
        "Government forces detained {n} people in Saraqib on Monday.",
        "Government forces arrested {n} men in Saraqib on Monday.",
        "Shelling of Saraqib on Monday displaced {n} families.",
        "{N} people fled Saraqib after shelling on Monday.",
        "An air strike on Saraqib on Monday left {n} people homeless.",
    ],
)
def test_the_wounded_detained_or_displaced_are_never_a_death_toll(template, written):
    text = template.format(n=written, N=written[0].upper() + written[1:])
    assert all(c.fatalities is None for c in extract_claims(text, DAY))


@pytest.mark.parametrize(
    ("text", "low"),
    [
        (
            "On December 13 120 civilians were killed in an air strike on Saraqib.",
            120,
        ),  # a day, then the count
        ("In 2016 300 civilians were killed in air strikes on Saraqib.", 300),  # a year, then the count
    ],
)
def test_a_day_or_a_year_before_a_count_is_not_read_into_it(text, low):
    (claim,) = extract_claims(text, DAY)
    assert claim.fatalities.low == low


# one person, described or named, who died: a toll of 1 (annotation.md), whatever stands between
# the person and the verb
ONE = [
    "Ahmad al-Othman",
    "A volunteer",
    "A nurse",
    "The doctor",
    "A child",
    "An MSF staff member",
    "A journalist",
]
ONE_TEMPLATES = [
    "{P} was killed in an air strike on Saraqib on Monday.",
    "{P}, who was rescuing trapped civilians, was killed in an air strike on Saraqib on Monday.",
    "{P}, 34, was killed in an air strike on Saraqib on Monday.",
    "{P}, a father of three, was killed by shelling on Saraqib on Monday.",
    "{P} died in an air strike on Saraqib on Monday.",
    "{P} lost their life in an air strike on Saraqib on Monday.",
    "{P} was killed when an air strike hit Saraqib on Monday.",
    "The group mourned the death of {p}, who was killed in an air strike on Saraqib on Monday.",
]


@pytest.mark.parametrize("person", ONE)
@pytest.mark.parametrize("template", ONE_TEMPLATES)
def test_one_person_who_died_is_a_toll_of_one(template, person):
    lower = person[0].lower() + person[1:] if person.split()[0] in ("A", "An", "The") else person
    (claim,) = extract_claims(template.format(P=person, p=lower), DAY)
    assert claim.fatalities is not None and (claim.fatalities.low, claim.fatalities.high) == (1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "A child was wounded in an air strike on Saraqib on Monday.",
        "The doctor, who was wounded, said an air strike hit Saraqib on Monday.",
        "Ahmad al-Othman said an air strike hit Saraqib on Monday.",
        # one named and one kin: not one, and not a count the rules can make
        "An air strike on Saraqib on Monday killed a doctor and his son.",
    ],
)
def test_a_person_who_speaks_is_wounded_or_dies_with_others_is_no_toll_of_one(text):
    assert all(c.fatalities is None or c.fatalities.low != 1 for c in extract_claims(text, DAY))
