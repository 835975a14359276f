"""Arabic classes of session 21 (issue 16): the attack a demand asks to stop is the manner of the toll the
sentence tells, and the outlet a speaker told is not part of the speaker. Every sentence is generated
from a template in our own words; none is copied from a report."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tawthiq.extract import canonical_party, extract_claims

PUBLISHED = date(2019, 5, 12)

# (the attack as the demand names it, its type)
_ATTACKS = [
    ("القصف الذي أوقع 15 قتيلا", "attack.shelling"),
    ("الغارات التي أودت بحياة 15 مدنيا", "attack.air_strike"),
    ("القصف المدفعي الذي أسفر عن مقتل 15 مدنيا", "attack.shelling"),
    ("الغارات الجوية التي قتلت 15 مدنيا", "attack.air_strike"),
    ("الهجمات بالبراميل المتفجرة التي خلفت 15 قتيلا", "attack.air_strike"),
]
_DEMANDS = [
    "وطالب المرصد بوقف {a} في مدينة دوما أمس.",
    "ودعت الأمم المتحدة إلى وقف {a} في مدينة دوما أمس.",
    "وأعرب الدفاع المدني عن قلقه إزاء {a} في مدينة دوما أمس.",
    "وطالبت الشبكة بالتحقيق في {a} في مدينة دوما أمس.",
    "وناشد الأهالي المنظمات الدولية العمل على إيقاف {a} في مدينة دوما أمس.",
]


@pytest.mark.parametrize(("attack", "demand"), list(product(_ATTACKS, _DEMANDS)))
def test_the_attack_a_demand_asks_to_stop_types_the_toll_it_tells(attack, demand):
    # the demand hid the trigger, so the toll took no manner ("other", which pairs with no attack)
    words, etype = attack
    claims = extract_claims(demand.format(a=words), PUBLISHED)
    assert [(c.event_type, c.fatalities.low if c.fatalities else None) for c in claims] == [(etype, 15)]


@pytest.mark.parametrize(
    "sentence",
    [
        "وحذر المرصد من أن القصف قد يقتل المئات إذا استمر على مدينة دوما.",
        "ودعت الأمم المتحدة إلى وقف القصف على مدينة دوما فورا.",
        "وطالب الأهالي بمنع الغارات على مدينة دوما.",
    ],
)
def test_a_demand_or_a_fear_with_no_toll_told_is_still_no_claim(sentence):
    assert extract_claims(sentence, PUBLISHED) == []


_SPEAKERS = ["مصدر طبي", "مسؤول محلي", "مدير المستشفى", "مصدر عسكري", "الدفاع المدني"]
_TOLD = ["لعنب بلدي", "للجزيرة نت", "لشبكة شام", "لقناة الجزيرة", "لسانا", "لموقع تلفزيون سوريا"]


@pytest.mark.parametrize(("speaker", "told"), list(product(_SPEAKERS, _TOLD)))
def test_the_outlet_a_speaker_told_is_not_part_of_the_speaker(speaker, told):
    # "قال مصدر طبي لعنب بلدي إن …" gave the speaker "مصدر طبي لعنب بلدي" (one origin per outlet told)
    (claim,) = extract_claims(
        f"قال {speaker} {told} إن 8 مدنيين قتلوا في غارة على مدينة أريحا أمس.", PUBLISHED
    )
    assert claim.attributed_to == (canonical_party(speaker) or speaker)


# ------------------------------------------------------------------ a spokesman for "it"
_BODIES = [
    ("الأمم المتحدة", "f", "UN"),
    ("منظمة الصحة العالمية", "f", "World Health Organization"),
    ("الدفاع المدني", "m", "Syria Civil Defence"),
]


@pytest.mark.parametrize(("body", "how"), list(product(_BODIES, ["on_the_tongue", "next_sentence"])))
def test_a_spokesman_for_it_speaks_for_the_body_named_before(body, how):
    # "على لسان المتحدث باسمها" gave the speaker "المتحدث باسمها" (and "لسان" the village of سان as a place)
    written, gender, party = body
    pronoun, verb = ("ها", "وأعلنت") if gender == "f" else ("ه", "وأعلن")
    if how == "on_the_tongue":
        told = "أن 8 مدنيين قتلوا في غارة على مدينة أريحا أمس."
        text = f"{verb} {written}، على لسان المتحدث باسم{pronoun}، {told}"
    else:
        text = (
            f"{verb} {written} أن 5 مدنيين قتلوا في قصف على مدينة دوما أمس.\n"
            f"وقال المتحدث باسم{pronoun} إن 8 مدنيين قتلوا في غارة على مدينة أريحا أمس."
        )
    claims = extract_claims(text, PUBLISHED)
    toll = next(c for c in claims if c.fatalities and c.fatalities.low == 8)
    assert toll.attributed_to == party
    assert [p.name for p in toll.places] == ["مدينة أريحا"]


# ------------------------------------------------------------------ the one appealed to
_APPEALERS_AS_WRITTEN = [("الأهالي", "الأهالي"), ("ناشطون محليون", "ناشطون محليون"), ("الدفاع المدني", None)]
_APPEALED_TO = ["المنظمات الدولية", "المجتمع الدولي", "مجلس الأمن", "جميع الأطراف"]


@pytest.mark.parametrize(
    ("appealer", "verb", "whom"), list(product(_APPEALERS_AS_WRITTEN, ["وناشد", "وحث"], _APPEALED_TO))
)
def test_the_one_appealed_to_is_not_part_of_the_one_who_appeals(appealer, verb, whom):
    # "وناشد الأهالي المنظمات الدولية التحرك" gave the speaker "الأهالي المنظمات الدولية التحرك"
    written, as_written = appealer
    text = f"{verb} {written} {whom} التحرك بعد مقتل 12 مدنيا في قصف على مدينة دوما أمس."
    (claim,) = extract_claims(text, PUBLISHED)
    assert claim.attributed_to == (as_written or canonical_party(written))
