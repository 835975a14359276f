"""Arabic classes of session 21 (issue 16): deaths under torture, one person named before the verb of
their death, and "مات" (died) as a verb of dying. Every sentence is generated from a template in our
own words; none is copied from a report."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tawthiq.extract import extract_claims

PUBLISHED = date(2019, 5, 12)

_TORTURE = ["تحت التعذيب", "بسبب التعذيب", "جراء التعذيب", "نتيجة التعذيب"]
# (how many are counted, as written; the toll)
_HELD = [
    ("قضى معتقل", 1),
    ("توفي معتقل", 1),
    ("مات سجين", 1),
    ("استشهد شاب", 1),
    ("قتل 3 معتقلين", 3),
    ("توفي 4 معتقلين", 4),
    ("ومات 5 معتقلين", 5),
    ("قضى 6 أشخاص", 6),
]
_WHERE = ["في سجن حماة المركزي أمس.", "في أحد أفرع الأمن بمدينة حمص أمس."]


@pytest.mark.parametrize(("held", "torture", "where"), list(product(_HELD, _TORTURE, _WHERE)))
def test_deaths_under_torture_are_an_execution_with_their_toll(held, torture, where):
    # annotation.md: deaths under torture in custody are killing.execution; they were "other" (or a
    # detention), a singular detainee gave no toll at all and "مات" was no verb of dying
    words, toll = held
    claims = extract_claims(f"{words} {torture} {where}", PUBLISHED)
    assert [(c.event_type, c.fatalities.low if c.fatalities else None) for c in claims] == [
        ("killing.execution", toll)
    ]


@pytest.mark.parametrize(("torture", "total", "part"), list(product(_TORTURE, [300, 963], [12, 62])))
def test_deaths_under_torture_in_a_breakdown_are_a_claim_of_their_own(torture, total, part):
    # a monitor's monthly breakdown: the total keeps its own manner, the deaths under torture it lists
    # are their own claim (typing the whole breakdown as an execution was tried and dropped before)
    text = (
        "قالت الشبكة السورية لحقوق الإنسان إنها وثقت مقتل 1500 شخص في سوريا خلال شهر نيسان الماضي.\n"
        f"وأوضح التقرير أن قوات النظام قتلت {total} شخصا، بينهم 40 طفلا، و{part} شخصا قتلوا {torture}، "
        "خلال شهر نيسان الماضي."
    )
    claims = extract_claims(text, PUBLISHED)
    by_toll = {c.fatalities.low: (c.kind, c.event_type) for c in claims if c.fatalities}
    assert by_toll[part] == ("tally", "killing.execution")
    assert by_toll[total] == ("tally", "other")
    assert by_toll[1500] == ("tally", "other")


@pytest.mark.parametrize(
    "sentence",
    [
        "وتعرض المعتقلون للتعذيب في سجن صيدنايا، بحسب شهادات ناجين.",
        "وقال المرصد إن المعتقلين قد يموتون تحت التعذيب إذا لم يفرج عنهم.",
    ],
)
def test_torture_with_no_death_told_is_no_toll(sentence):
    assert [c.fatalities for c in extract_claims(sentence, PUBLISHED) if c.fatalities] == []


# ------------------------------------------------------------------ one person before the verb
_ONE_NOUNS = ["طفلا", "مدنيا", "شابا", "رجلا", "امرأة", "معتقلا", "مواطنا"]
_ONE_VERBS = [("قتل", "قتلت", "killed"), ("قضى", "قضت", "killed"), ("أصيب", "أصيبت", "injured")]


@pytest.mark.parametrize(("noun", "verb"), list(product(_ONE_NOUNS, _ONE_VERBS)))
def test_one_person_named_before_the_verb_is_a_toll_of_one(noun, verb):
    # "قال المرصد إن طفلا قتل في قصف …": the noun before its verb gave no toll (only after it: "قتل طفل")
    he, she, role = verb
    v = she if noun == "امرأة" else he
    claims = extract_claims(f"قال المرصد إن {noun} {v} في قصف على مدينة دوما أمس.", PUBLISHED)
    (claim,) = claims
    got = claim.fatalities if role == "killed" else claim.injured
    assert got is not None and (got.low, got.high, got.qualifier) == (1, 1, "exact")
    assert (claim.injured if role == "killed" else claim.fatalities) is None


@pytest.mark.parametrize("count", [2, 4, 17])
def test_died_is_a_verb_of_dying(count):
    claims = extract_claims(f"ومات {count} مدنيين في قصف على مدينة دوما أمس.", PUBLISHED)
    assert [c.fatalities.low for c in claims if c.fatalities] == [count]


def test_what_may_kill_stays_no_toll_with_died_in_the_table():
    # يموت is the imperfect of مات: after قد it is a fear, not a toll
    claims = extract_claims("وقال الأطباء إن عشرات الجرحى قد يموتون في مدينة دوما.", PUBLISHED)
    assert [c.fatalities for c in claims if c.fatalities] == []


# ------------------------------------------------------------------ the dead among the wounded
_AMONG_WOUNDED = [
    "أصيب {w} مدنيا بجروح، توفي منهم {d} في المستشفى، في غارات على مدينة سراقب أمس.",
    "أصيب {w} مدنيا في غارات على مدينة سراقب أمس، بينهم {d} توفوا لاحقا متأثرين بجراحهم.",
    "أصيب {w} شخصا في قصف على مدينة دوما أمس، قضى منهم {d} في الطريق إلى المستشفى.",
]


@pytest.mark.parametrize(("template", "counts"), list(product(_AMONG_WOUNDED, [(17, 5), (30, 12)])))
def test_the_dead_among_the_wounded_are_the_toll(template, counts):
    # "توفي منهم 5" was read as a part of the wounded (a sub-count), so the claim had no dead
    w, d = counts
    (claim,) = extract_claims(template.format(w=w, d=d), PUBLISHED)
    assert (claim.fatalities.low, claim.injured.low) == (d, w)


def test_a_part_of_the_wounded_that_did_not_die_stays_no_toll():
    (claim,) = extract_claims("أصيب 17 مدنيا، منهم 5 أطفال، في غارات على مدينة سراقب أمس.", PUBLISHED)
    assert claim.fatalities is None and claim.injured.low == 17
