"""Arabic constructions completed as classes (issue 16, session 19): every sentence is generated from
a template in our own words, over the verbs, nouns, causes and places of its class; none is copied
from a report."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import product

import pytest

from tawthiq.extract import extract_claims

PUBLISHED = date(2019, 5, 12)
PLACES = ["مدينة سراقب", "بلدة كفرنبل", "حي الشعار"]
CAUSES = ["في غارة على", "بقصف مدفعي على", "جراء قذيفة سقطت على"]


def _toll(text: str) -> int | None:
    claims = extract_claims(text, PUBLISHED)
    assert len(claims) == 1, [c.quote for c in claims]
    f = claims[0].fatalities
    return None if f is None else f.low


# ------------------------------------------------------------------ one person after a verb of dying
# "he" and "she" of the perfect of each verb of dying, with a masculine and a feminine person
_HE = ["قتل", "استشهد", "توفي", "قضى", "ارتقى", "أعدم"]
_SHE = ["قتلت", "استشهدت", "توفيت", "قضت", "ارتقت", "أعدمت"]


@pytest.mark.parametrize(
    ("verb", "noun", "place", "cause"),
    [
        *product(_HE, ["طفل", "رجل", "مسعف"], PLACES[:2], CAUSES[:2]),
        *product(_SHE, ["امرأة", "طفلة"], PLACES[:2], CAUSES[:2]),
    ],
)
def test_one_person_after_a_verb_of_dying_is_a_toll_of_one_even_when_the_verb_begins_with_ta(
    verb, noun, place, cause
):
    # توفي / توفيت begin with ت like an imperfect and were skipped: "توفي طفل" gave no toll
    assert _toll(f"{verb} {noun} {cause} {place} مساء أمس.") == 1


@pytest.mark.parametrize(("verb", "noun"), list(product(["توفي", "قتل"], ["طفلان", "شابان", "مسعفان"])))
def test_two_persons_after_a_verb_of_dying_are_a_toll_of_two(verb, noun):
    assert _toll(f"{verb} {noun} في غارة على مدينة سراقب.") == 2


def test_a_verb_of_dying_in_the_imperfect_is_no_toll_of_one():
    # "يقتل طفل كل يوم" is a habit, not one death; the imperfect stays out of the one-person rule
    claims = extract_claims("يتوفى طفل كل يوم بسبب نقص الدواء في مدينة سراقب.", PUBLISHED)
    assert all(c.fatalities is None or c.fatalities.low != 1 for c in claims)


# ------------------------------------------------------------------ idioms of dying
_PART_WITH_LIFE = ["فارق {n} الحياة", "{n} فارقوا الحياة", "لفظ {n} أنفاسهم الأخيرة", "{n} لفظوا أنفاسهم"]


@pytest.mark.parametrize(
    ("template", "count", "noun", "place"),
    [
        (t, c, n, p)
        for t, (c, n), p in product(
            _PART_WITH_LIFE, [("4", "مدنيين"), ("سبعة", "أشخاص"), ("12", "طفلا")], PLACES
        )
    ],
)
def test_parting_with_life_is_a_death_toll(template, count, noun, place):
    text = template.format(n=f"{count} {noun}") + f" في قصف على {place}."
    expected = {"4": 4, "سبعة": 7, "12": 12}[count]
    assert _toll(text) == expected


@pytest.mark.parametrize(
    ("idiom", "noun"),
    list(product(["فارق {n} الحياة", "لفظ {n} أنفاسه الأخيرة"], ["طفل", "رجل", "شاب"])),
)
def test_one_person_parting_with_life_is_a_toll_of_one(idiom, noun):
    assert _toll(idiom.format(n=noun) + " في قصف على مدينة سراقب.") == 1


def test_a_difference_is_no_death():
    # فارق is also "a difference": no "life" after it, no toll
    claims = extract_claims("قصفت الطائرات مدينة سراقب بفارق 4 ساعات عن الغارة الأولى.", PUBLISHED)
    assert all(c.fatalities is None for c in claims)


# ------------------------------------------------------------------ the cause between the verb and the count
_TOLL_VERBS = ["راح ضحية {c}", "ذهب ضحية {c}", "حصد {c} أرواح", "حصدت {c} أرواح", "أزهق {c} أرواح"]
_CAUSE_PHRASES = ["القصف على مدينة سراقب", "الغارات الجوية على بلدة كفرنبل", "قذائف الهاون على حي الشعار"]


@pytest.mark.parametrize(
    ("verb", "cause", "count"),
    list(product(_TOLL_VERBS, _CAUSE_PHRASES, [("9", 9), ("أحد عشر", 11), ("ثلاثة", 3)])),
)
def test_a_toll_after_its_cause_is_the_dead_of_that_cause(verb, cause, count):
    words, n = count
    noun = "مدنيا" if n > 10 else "مدنيين"
    assert _toll(verb.format(c=cause) + f" {words} {noun} مساء أمس.") == n


def test_the_wounded_after_a_cause_stay_wounded():
    claims = extract_claims("راح ضحية القصف على مدينة سراقب 4 قتلى و9 جرحى.", PUBLISHED)
    assert len(claims) == 1
    assert (claims[0].fatalities.low, claims[0].injured.low) == (4, 9)


def test_people_living_in_a_place_struck_are_no_toll():
    claims = extract_claims("قصفت الطائرات مدينة سراقب حيث يقطن 4000 شخص.", PUBLISHED)
    assert all(c.fatalities is None for c in claims)


# ------------------------------------------------------------------ the speaker goes on
_SPEAKERS = [
    ("قال المرصد السوري لحقوق الإنسان", "Syrian Observatory for Human Rights"),
    ("ذكر الدفاع المدني", "Syria Civil Defence"),
    ("أفاد مصدر طبي في المدينة", "مصدر طبي في المدينة"),
]
_GOES_ON = [
    "وأشار إلى أن",
    "ولفت إلى أن",
    "ونوه إلى أن",
    "وأضاف أيضا أن",
    "وأوضح في بيانه أن",
    "وتابع عبر حسابه أن",
]


@pytest.mark.parametrize(("speaker", "goes_on"), list(product(_SPEAKERS, _GOES_ON)))
def test_a_reporting_verb_with_no_subject_goes_on_with_the_speaker_before(speaker, goes_on):
    said, party = speaker
    text = (
        f"{said} إن 8 مدنيين قتلوا في غارة على مدينة سراقب.\n"
        f"{goes_on} 3 آخرين قتلوا في قصف مدفعي على بلدة كفرنبل."
    )
    claims = extract_claims(text, PUBLISHED)
    assert [c.fatalities.low for c in claims] == [8, 3]
    assert [c.attributed_to for c in claims] == [party, party]


def test_a_sentence_of_the_reports_own_voice_after_a_speaker_names_nobody():
    text = (
        "قال المرصد السوري لحقوق الإنسان إن 8 مدنيين قتلوا في غارة على مدينة سراقب.\n"
        "ويشار إلى أن 3 آخرين قتلوا في قصف مدفعي على بلدة كفرنبل."
    )
    claims = extract_claims(text, PUBLISHED)
    assert [c.attributed_to for c in claims] == ["Syrian Observatory for Human Rights", None]


# ------------------------------------------------------------------ a qualifier before a risen toll
_RISEN = ["ارتفعت حصيلة القتلى", "ارتفع عدد الشهداء", "وصل عدد القتلى", "قفز عدد القتلى"]
_QUALIFIED = [("نحو", "about"), ("حوالي", "about"), ("أكثر من", "more_than"), ("ما لا يقل عن", "at_least")]


@pytest.mark.parametrize(("risen", "qualifier", "place"), list(product(_RISEN, _QUALIFIED, PLACES)))
def test_a_qualifier_between_the_risen_toll_and_its_count_keeps_the_count(risen, qualifier, place):
    # "ارتفعت حصيلة القتلى في مدينة دوما إلى نحو 40" gave no claim: the qualifier pushed the count
    # past the reach of the word of killing
    words, q = qualifier
    claims = extract_claims(f"{risen} في {place} إلى {words} 40.", PUBLISHED)
    assert [(c.fatalities.low, c.fatalities.qualifier) for c in claims] == [(40, q)]


# ------------------------------------------------------------------ who speaks: headlines and documents
_KNOWN = [
    ("الدفاع المدني", "Syria Civil Defence"),
    ("الخوذ البيضاء", "Syria Civil Defence"),
    ("المرصد السوري", "Syrian Observatory for Human Rights"),
]


@pytest.mark.parametrize(
    ("party", "marks"), list(product(_KNOWN, [("", ""), ('"', '"'), ("«", "»"), ("“", "”")]))
)
def test_a_headline_speaker_before_its_colon_is_named_in_quotes_or_not(party, marks):
    name, canonical = party
    opening, closing = marks
    claims = extract_claims(f"{opening}{name}{closing}: 15 قتيلا بغارات على مدينة أريحا", PUBLISHED)
    assert [c.attributed_to for c in claims] == [canonical]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("أظهرت إحصائية للشبكة السورية لحقوق الإنسان مقتل {n}", "Syrian Network for Human Rights"),
        ("وأظهر تقرير للأمم المتحدة مقتل {n}", "UN"),
        ("ونعت صفحات محلية {n} قتلوا", "صفحات محلية"),
        ("ونعى ناشطون من المدينة {n} قضوا", "ناشطون"),
        ("وتداول ناشطون صورا لمقتل {n}", "ناشطون"),
        ("وتداولت صفحات إخبارية مقاطع فيديو تظهر مقتل {n}", "صفحات إخبارية"),
    ],
)
@pytest.mark.parametrize("place", PLACES[:2])
def test_a_count_shown_mourned_or_passed_around_names_who_did_it(sentence, speaker, place):
    text = sentence.format(n="8 مدنيين") + f" في غارة على {place}."
    claims = extract_claims(text, PUBLISHED)
    assert [(c.fatalities.low, c.attributed_to) for c in claims] == [(8, speaker)]


def test_pictures_that_show_a_toll_are_nobody():
    claims = extract_claims("وأظهرت صور مقتل 8 مدنيين في غارة على مدينة سراقب.", PUBLISHED)
    assert [(c.fatalities.low, c.attributed_to) for c in claims] == [(8, None)]


# ------------------------------------------------------------------ weapons and killings named by other words
@pytest.mark.parametrize(
    ("phrase", "event_type"),
    [
        ("بقصف مروحي على", "attack.air_strike"),
        ("في القصف المروحي على", "attack.air_strike"),
        ("في هجوم بالغازات السامة على", "attack.chemical"),
        ("في هجوم بغاز سام على", "attack.chemical"),
        ("بقصف بمواد سامة على", "attack.chemical"),
        ("في هجوم بالغاز السام على", "attack.chemical"),
    ],
)
@pytest.mark.parametrize("place", PLACES)
def test_a_weapon_as_an_adjective_or_with_its_article_gives_its_type(phrase, event_type, place):
    claims = extract_claims(f"قتل 4 مدنيين {phrase} {place}.", PUBLISHED)
    assert [(c.event_type, c.fatalities.low) for c in claims] == [(event_type, 4)]


@pytest.mark.parametrize(
    ("template", "count"),
    [
        ("اغتيال {n} برصاص مجهولين في", 4),
        ("اغتال مسلحون {n} في", 4),
        ("اغتيل {one} برصاص مجهولين في", 1),
        ("اغتيلت ناشطة في", 1),
    ],
)
@pytest.mark.parametrize("place", PLACES)
def test_an_assassination_is_a_killing_with_its_toll(template, count, place):
    text = template.format(n="4 مدنيين", one="ناشط") + f" {place}."
    claims = extract_claims(text, PUBLISHED)
    assert [c.fatalities.low for c in claims] == [count]


@pytest.mark.parametrize(
    ("verb", "noun"),
    list(
        product(
            ["قتلت", "استشهدت", "توفيت"], ["مسعفة", "صحفية", "ناشطة", "طبيبة", "ممرضة", "متطوعة", "مدنية"]
        )
    ),
)
def test_one_woman_named_by_her_trade_after_a_verb_of_dying_is_a_toll_of_one(verb, noun):
    assert _toll(f"{verb} {noun} في غارة على مدينة سراقب.") == 1


# ------------------------------------------------------------------ a speaker named again
_FIRST = [
    ("قال المرصد السوري لحقوق الإنسان إن", "Syrian Observatory for Human Rights"),
    ("قال الدفاع المدني إن", "Syria Civil Defence"),
    ("قال مصدر طبي في المدينة إن", "مصدر طبي في المدينة"),
]
_AGAIN = [
    "وبحسب المصدر ذاته، قتل {n}",
    "وأضاف المصدر نفسه أن {n} قتلوا",
    "وأشارت الجهة ذاتها إلى أن {n} قتلوا",
    "ووفقا للمصدر عينه، قتل {n}",
]


@pytest.mark.parametrize(("first", "again"), list(product(_FIRST, _AGAIN)))
def test_the_same_source_named_again_is_the_party_named_before(first, again):
    said, party = first
    text = (
        f"{said} 8 مدنيين قتلوا في غارة على مدينة سراقب.\n"
        + again.format(n="3 آخرين" if "أن" in again else "3 آخرون")
        + " في قصف مدفعي على بلدة كفرنبل."
    )
    claims = extract_claims(text, PUBLISHED)
    assert [(c.fatalities.low, c.attributed_to) for c in claims] == [(8, party), (3, party)]


@pytest.mark.parametrize(
    ("title", "name"),
    list(product(["مدير المستشفى", "الطبيب", "المتحدث باسم البلدية"], ["أحمد الخالد", "سامر العلي"])),
)
def test_a_person_named_again_by_the_last_word_of_the_name_is_the_whole_speaker(title, name):
    surname = name.split()[-1]
    text = (
        f"قال {title} {name} إن 8 مدنيين قتلوا في غارة على مدينة سراقب.\n"
        f"وأضاف {surname} أن 3 آخرين قتلوا في قصف مدفعي على بلدة كفرنبل."
    )
    claims = extract_claims(text, PUBLISHED)
    assert [c.attributed_to for c in claims] == [f"{title} {name}"] * 2


# ------------------------------------------------------------------ lengths of time in every number form
_LENGTHS = [
    ("خلال الأسبوعين الماضيين", 14),
    ("خلال أسبوعين", 14),
    ("في غضون أسبوعين", 14),
    ("خلال أسبوع", 7),
    ("خلال ثلاثة أسابيع", 21),
    ("خلال 3 أسابيع", 21),
    ("خلال الأسابيع الثلاثة الماضية", 21),
    ("منذ ثلاثة أسابيع", 21),
    ("خلال الشهرين الماضيين", 60),
    ("خلال شهرين", 60),
    ("خلال الأشهر الستة الماضية", 180),
    ("خلال اليومين الماضيين", 2),
]


@pytest.mark.parametrize(("length", "days"), _LENGTHS)
@pytest.mark.parametrize("place", PLACES[:2])
def test_a_length_of_time_starts_that_long_before_the_report(length, days, place):
    # "أسابيع" (the broken plural) was read as days, and a dual or a unit with no number as no length
    claims = extract_claims(f"قتل 40 مدنيا في غارات على {place} {length}.", PUBLISHED)
    assert [(c.time.start, c.time.end) for c in claims] == [(PUBLISHED - timedelta(days=days), PUBLISHED)]


@pytest.mark.parametrize("month", ["خلال الشهر الماضي", "خلال الشهر المنصرم", "في الشهر الفائت"])
def test_the_month_before_stays_the_calendar_month_not_thirty_days(month):
    claims = extract_claims(f"قتل 40 مدنيا في غارات على مدينة سراقب {month}.", PUBLISHED)
    assert [(c.time.start, c.time.end) for c in claims] == [(date(2019, 4, 1), date(2019, 4, 30))]


# ------------------------------------------------------------------ the wounded who died
@pytest.mark.parametrize(
    ("verb", "wounded"),
    list(
        product(
            ["توفي", "استشهد", "قضى", "وفاة", "فارق الحياة"],
            ["3 جرحى متأثرين بجراحهم", "3 مصابين متأثرين بإصاباتهم", "ثلاثة جرحى"],
        )
    ),
)
def test_the_wounded_who_died_are_dead_not_wounded(verb, wounded):
    if verb == "فارق الحياة":
        text = f"فارق {wounded.split(' متأثرين')[0]} الحياة جراء غارة على مدينة سراقب."
    else:
        text = f"{verb} {wounded} جراء غارة على مدينة سراقب."
    claims = extract_claims(text, PUBLISHED)
    assert [(c.fatalities.low, c.injured) for c in claims] == [(3, None)]


def test_the_wounded_beside_the_dead_stay_wounded():
    claims = extract_claims("مقتل 5 مدنيين و10 جرحى في غارة على مدينة سراقب.", PUBLISHED)
    assert [(c.fatalities.low, c.injured.low) for c in claims] == [(5, 10)]


# ------------------------------------------------------------------ a month known, or a part of it
@pytest.mark.parametrize(
    "when",
    [
        "خلال الشهر الجاري",
        "في الشهر الحالي",
        "هذا الشهر",
        "مطلع الشهر الجاري",
        "أوائل الشهر الحالي",
        "منتصف الشهر الجاري",
    ],
)
def test_this_month_or_a_part_of_it_starts_on_its_first_day(when):
    # these were read as no time at all (the report's day and the day before)
    claims = extract_claims(f"قتل 40 مدنيا في غارات على مدينة سراقب {when}.", PUBLISHED)
    assert [(c.time.start, c.time.precision) for c in claims] == [(date(2019, 5, 1), "month")]


@pytest.mark.parametrize(
    ("when", "start"),
    [
        ("منذ مطلع أيار", date(2019, 5, 1)),
        ("منذ بداية نيسان الماضي", date(2019, 4, 1)),
        ("في أواخر آذار الماضي", date(2019, 3, 1)),
        ("منذ مطلع شهر أبريل", date(2019, 4, 1)),
    ],
)
def test_a_part_of_a_named_month_starts_on_the_months_first_day(when, start):
    claims = extract_claims(f"قتل 40 مدنيا في غارات على مدينة سراقب {when}.", PUBLISHED)
    assert [c.time.start for c in claims] == [start]
