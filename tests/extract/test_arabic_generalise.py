"""Arabic rules stated for classes of reporting beyond the tune texts (issue 16, fourth round).

Every sentence here is invented for its trap; none is copied from a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims
from tawthiq.gazetteer import load_gazetteer

PUBLISHED = date(2023, 11, 7)


def _ar(text, published=PUBLISHED, title=None):
    return extract_claims(text, published, title=title)


def _one(claims):
    assert len(claims) == 1, [c.quote for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "name", "place_id"),
    [
        ("وفي تعز، قتل 3 أطفال", "تعز", "world:70225"),
        ("وفي كييف أصيب 5 أشخاص", "كييف", "world:703448"),
        ("ومن حلب خرجت القافلة", "حلب", "C1007"),
    ],
)
def test_a_place_after_a_preposition_with_a_conjunction_glued_on_is_found(text, name, place_id):
    found = [(m.surface, m.place.id) for m in load_gazetteer().match_arabic(text)]
    assert (name, place_id) in found


def test_a_conjunction_alone_still_opens_no_place():
    assert load_gazetteer().match_arabic("فرقه الإنقاذ وصلت") == []


def test_a_massacre_takes_the_means_its_sentence_names():
    c = _one(
        _ar("قال المرصد إن 40 مواطنا قتلوا في مجزرة بلدة حاس، مشيرا إلى أن القصف المدفعي استمر حتى الفجر.")
    )
    assert (c.event_type, c.fatalities.low) == ("attack.shelling", 40)


def test_a_massacre_with_no_means_named_is_still_an_execution():
    c = _one(_ar("ارتكبت الميليشيات مجزرة في قرية الحمرا راح ضحيتها 14 مدنيا."))
    assert c.event_type == "killing.execution"


@pytest.mark.parametrize(
    "sentence",
    [
        "وقال مدير المستشفى إن من الصعب التعرف على جثث ضحايا مجزرة السوق.",
        "وأكدت الوزارة أن المجزرة سبقها تحذير مباشر.",
    ],
)
def test_a_massacre_named_again_without_a_toll_is_no_new_claim(sentence):
    text = "قتل 30 مدنيا في غارة على سوق بلدة حاس مساء أمس.\n" + sentence
    claims = _ar(text)
    assert [c.fatalities.low for c in claims] == [30]


def test_a_strike_on_a_hospital_several_words_away_is_an_attack_on_medical_care():
    c = _one(
        _ar("وسقط 80 شهيدا على الأقل في قصف شنته طائرات حربية مساء أمس على ساحة المستشفى الوطني في خان يونس.")
    )
    assert c.event_type == "attack.medical"
    c = _one(_ar("قتل 4 مدنيين في قصف على بلدة حاس، ونقل الجرحى إلى المستشفى الوطني."))
    assert c.event_type == "attack.shelling"  # where the wounded went is no target


@pytest.mark.parametrize(
    "sentence",
    [
        "استشهد 4 مواطنين بقصف طائرات الاحتلال منزلا في خان يونس.",
        "قتل 6 مدنيين في قصف لطيران العدوان على محافظة صعدة.",
        "قتل 15 شخصا في هجوم بالمسيرات على سوق في مدينة أم درمان.",
        "أصيب 9 أشخاص في هجوم مسيرات روسية على مدينة أوديسا.",
    ],
)
def test_warplanes_and_drones_of_any_war_are_air_strikes(sentence):
    assert _one(_ar(sentence)).event_type == "attack.air_strike"


def test_a_protest_march_is_no_drone():
    assert _ar("خرجت مسيرات حاشدة في المدينة.") == []


@pytest.mark.parametrize(
    "part",
    [
        "وأضاف أن بين الضحايا ثلاثة من عائلة واحدة.",
        "بينما استشهد الـ 5 المتبقين في مدينة دوما.",
    ],
)
def test_a_part_of_the_toll_just_told_is_no_claim_of_its_own(part):
    text = "قتل 8 مدنيين في غارات على مدينتي دوما وعربين أمس.\n" + part
    assert [c.fatalities.low for c in _ar(text)] == [8]


def test_a_part_in_a_place_of_its_own_is_a_claim():
    text = (
        "قتل 20 مدنيا في غارات على مدينة الرقة أمس.\n"
        "ومن بين القتلى 12 شخصا قضوا في غارة استهدفت مقهى في حي المشلب."
    )
    assert [c.fatalities.low for c in _ar(text)] == [20, 12]


def test_a_total_followed_by_its_parts_stays_one_claim():
    c = _one(_ar("قتل 10 مدنيين بينهم 3 أطفال في غارة على بلدة حاس."))
    assert c.fatalities.low == 10


@pytest.mark.parametrize(
    ("sentence", "place", "start"),
    [
        ("قتل أكثر من 10 آلاف شخص في اليمن منذ بداية الحرب في مارس 2015.", "اليمن", date(2015, 3, 1)),
        ("قتل 9 آلاف مدني في أوكرانيا منذ اندلاع الحرب.", "أوكرانيا", None),
        ("وقتل أكثر من 100 ألف شخص في الصراع السوري الذي بدأ قبل خمس سنوات.", "سوريا", date(2011, 3, 15)),
    ],
)
def test_a_war_long_toll_lies_in_the_country_of_its_war(sentence, place, start):
    c = _one(_ar(sentence))
    assert (c.kind, c.event_type) == ("tally", "other")
    assert [p.name for p in c.places] == [place]
    assert c.time.start == start


def test_a_war_long_toll_in_a_gaza_report_is_no_toll_of_syria():
    text = (
        "TITLE: قصف على مخيم جباليا\n\n"
        "استشهد 12 فلسطينيا في غارة على منزل في مخيم جباليا شمال قطاع غزة فجر اليوم.\n"
        "وارتفعت حصيلة الشهداء منذ بداية الحرب إلى 9000 شهيد."
    )
    tally = next(c for c in _ar(text, title="قصف على مخيم جباليا") if c.kind == "tally")
    assert all(p.place_id != "SY" for p in tally.places) and tally.places
    assert tally.time.start is None


def test_a_reporting_verb_with_no_subject_goes_on_with_the_speaker_before():
    text = (
        "قالت لجنة الإغاثة المحلية إن 9 مدنيين قتلوا في قصف على بلدة حاس أمس.\n"
        'وأضافت في بيان أن "القصف استهدف سوقا في بلدة كفرنبل وقتل 4 أشخاص".'
    )
    assert [c.attributed_to for c in _ar(text)] == ["لجنة الإغاثة المحلية"] * 2


def test_between_after_a_reporting_verb_is_no_verb_with_a_subject_before_it():
    text = (
        "قال مسؤول في البلدية إن 6 مدنيين قتلوا في غارة على بلدة حاس أمس.\n"
        "وأضاف أن بين القتلى 7 من عائلة واحدة في بلدة كفرنبل."
    )
    assert [c.attributed_to for c in _ar(text)] == ["مسؤول في البلدية"] * 2


def test_an_office_named_again_by_its_title_is_the_official_named_before():
    text = (
        "قتل 8 أشخاص في انفجار سيارة مفخخة في حي الزهراء بمدينة حمص، بحسب ما ذكر محافظ حمص سالم الأحمد.\n"
        'وقال المحافظ إن "سيارة مفخخة انفجرت قرب دوار في حي الزهراء وأصابت 20 شخصا".'
    )
    assert {c.attributed_to for c in _ar(text)} == {"محافظ حمص سالم الأحمد"}


@pytest.mark.parametrize("opener", ["يشار إلى أن", "الجدير بالذكر أن", "ويذكر أن"])
def test_the_reports_own_asides_name_no_speaker(opener):
    c = _one(_ar(f"{opener} طائرات حربية قتلت 5 مدنيين في غارة على بلدة حاس أمس."))
    assert c.attributed_to is None


@pytest.mark.parametrize(
    "sentence",
    ["قتل وجرح أكثر من 40 شخصا في غارة على بلدة حاس.", "أسفرت الغارة عن مقتل وإصابة 20 شخصا في بلدة حاس."],
)
def test_killed_and_wounded_counted_together_give_no_number(sentence):
    c = _one(_ar(sentence))
    assert (c.fatalities, c.injured) == (None, None)


def test_killed_and_wounded_counted_apart_keep_both_numbers():
    c = _one(_ar("قتل 5 أشخاص وجرح 20 في غارة على بلدة حاس."))
    assert (c.fatalities.low, c.injured.low) == (5, 20)


def test_fighting_since_the_first_years_of_the_war_with_no_toll_is_background():
    assert _ar("وتشهد مدينة حلب معارك مستمرة منذ صيف 2012 بين القوات والفصائل.") == []


def test_a_place_word_before_a_verb_with_its_pronoun_names_no_place():
    claims = _ar("وقال ناشطون إن الانفجار استهدف منطقة تسكنها عائلات نازحة في مدينة حمص.")
    assert [p.name for p in _one(claims).places] == ["مدينة حمص"]


def test_whole_is_no_town_after_the_letter_kaf():
    assert load_gazetteer().match_arabic("في كامل المحافظات") == []


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("ونقلت وكالة رويترز عن مسؤول طبي قوله إن 7 مدنيين قتلوا في غارة على بلدة حاس.", "مسؤول طبي"),
        ("قتل 7 مدنيين في غارة على بلدة حاس، حسبما ذكرت وكالة الأنباء الرسمية (سانا).", "SANA"),
        (
            "قتل 7 مدنيين في غارة على بلدة حاس، وفق حصيلة للمرصد السوري.",
            "Syrian Observatory for Human Rights",
        ),
        (
            "قال مكتب حقوق الإنسان التابع للأمم المتحدة إن 7 مدنيين قتلوا في غارة على بلدة حاس.",
            "UN human rights office",
        ),
        ("أكد مراسلنا في المنطقة مقتل 7 مدنيين في غارة على بلدة حاس.", None),
        ("قتل 7 مدنيين في غارة على بلدة حاس، بحسب مراسل قناة محلية.", "مراسل قناة محلية"),
    ],
)
def test_who_speaks_the_quoted_the_bracketed_the_counter_and_our_own_reporter(sentence, party):
    assert _one(_ar(sentence)).attributed_to == party


def test_a_statement_is_no_town():
    c = _one(_ar("قالت الأمم المتحدة في بيان إن 7 مدنيين قتلوا في غارة على بلدة حاس."))
    assert [p.name for p in c.places] == ["بلدة حاس"]


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("قالت منظمة الصحة العالمية إن 7 من العاملين الصحيين قتلوا في غارة على بلدة حاس.", 7),
        ("أفادت مصادر طبية بأن 20 فلسطينيا قتلوا في غارة على رفح.", 20),
    ],
)
def test_workers_and_people_named_by_their_nation_are_counted(sentence, dead):
    assert _one(_ar(sentence)).fatalities.low == dead


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("صباح أمس الأول", date(2023, 11, 5)),  # the day before yesterday, as "أول أمس"
        ("يوم 3/11", date(2023, 11, 3)),  # day and month, the year of the report
        ("في 2023/11/2.", date(2023, 11, 2)),  # a full stop right after the date
        ("في 4 تشرين ثاني", date(2023, 11, 4)),  # the Levantine month without its article
        ("في 1 كانون أول", date(2022, 12, 1)),  # a month after the report's: the year before
        ("في 6 نونبر", date(2023, 11, 6)),  # the Moroccan name
    ],
)
def test_days_written_the_ways_arabic_outlets_write_them(phrase, day):
    c = _one(_ar(f"قتل 12 شخصا في غارة على بلدة حاس {phrase}"))
    assert (c.time.start, c.time.precision) == (day, "day")


def test_two_bare_accounts_of_one_party_day_and_place_are_one_claim():
    text = (
        "قال المرصد السوري، الجمعة، إن طائرات التحالف شنت طوال الليل غارات كثيفة على مدينة الرقة.\n"
        'وقال مدير المرصد: "استمرت غارات التحالف طوال الليل على مدينة الرقة".'
    )
    assert len(_ar(text, published=date(2017, 6, 9))) == 1


def test_bare_accounts_of_two_parties_stay_two_claims():
    text = (
        "قال المرصد السوري، الجمعة، إن طائرات التحالف شنت غارات على مدينة الرقة.\n"
        "وقالت حملة محلية، الجمعة، إن غارات التحالف استهدفت مدينة الرقة."
    )
    assert len(_ar(text, published=date(2017, 6, 9))) == 2


@pytest.mark.parametrize(
    ("sentence", "etype"),
    [
        ("قتل 40 مدنيا في هجوم شنته قوات مسلحة على قرية في ولاية الجزيرة.", "attack.ground"),
        ("أحرق الجيش قرية في ولاية راخين وقتل 30 من سكانها.", "attack.ground"),
        ("قتل 12 مدنيا في هجمات بالبراميل المتفجرة على حلب.", "attack.air_strike"),  # the weapon wins
    ],
)
def test_an_attack_or_a_burning_with_no_weapon_is_a_ground_attack(sentence, etype):
    assert _one(_ar(sentence)).event_type == etype


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("قتل 40 مدنيا في قصف على ولاية الجزيرة.", "ولاية الجزيرة"),
        ("قتل 25 شخصا في قصف جوي على إقليم راخين.", "إقليم راخين"),
    ],
)
def test_a_state_or_province_is_kept_by_name(sentence, place):
    c = _one(_ar(sentence))
    assert [(p.name, p.precision) for p in c.places] == [(place, "governorate")]


def test_a_town_of_two_words_whose_first_is_short_is_found():
    found = [(m.surface, m.place.id) for m in load_gazetteer().match_arabic("قتل 20 شخصا في أم درمان")]
    assert found == [("أم درمان", "world:365137")]


def test_a_small_town_abroad_is_found_bare_in_a_report_about_its_country():
    gaz = load_gazetteer()
    assert gaz.match_arabic("قتل 20 في دير البلح") == []  # too small to be named bare anywhere
    gaza = [m.place.id for m in gaz.match_arabic("في قطاع غزة")]
    found = [(m.surface, m.place.id) for m in gaz.match_arabic("قتل 20 في دير البلح", gaza)]
    assert found == [("دير البلح", "world:281141")]


def test_a_toll_reached_with_its_period_between_verb_and_number():
    c = _one(_ar("قالت الشبكة إن حصيلة القتلى في سورية بلغت الشهر الماضي 1354 شخصا."))
    assert (c.fatalities.low, c.kind) == (1354, "tally")


def test_a_bracketed_breakdown_does_not_type_the_toll():
    text = (
        "ووثقت الشبكة مقتل 125 مدنيا على يد الفصائل خلال الشهر الماضي "
        "(116 مدنيا، و9 أثناء المواجهات بين الفصائل)."
    )
    c = _one(_ar(text))
    assert (c.event_type, c.fatalities.low) == ("other", 125)


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("قتلت امرأة وطفلاها في غارة على بلدة حاس.", 3),  # a feminine verb, a dual with its pronoun
        ("قتل رجل وابنيه في غارة على بلدة حاس.", 3),
        ("استشهدت طفلة في غارة على بلدة حاس.", 1),
        ("قتل أب وابنه في غارة على بلدة حاس.", 2),
    ],
)
def test_persons_counted_by_their_nouns_and_kin(sentence, dead):
    assert _one(_ar(sentence)).fatalities.low == dead


def test_a_toll_since_a_day_is_a_running_tally_from_that_day():
    c = _one(_ar("وبذلك ترتفع حصيلة القتلى في بلدة حاس منذ السابع من أكتوبر إلى 950 قتيلا."))
    assert (c.kind, c.time.start, c.time.end) == ("tally", date(2023, 10, 7), PUBLISHED)


def test_the_ministry_speaking_in_a_town_does_not_place_the_claim_there():
    c = _one(_ar("أعلنت وزارة الصحة في غزة مقتل 45 شخصا في غارات على مدينة رفح اليوم."))
    assert [p.name for p in c.places] == ["مدينة رفح"]


@pytest.mark.parametrize(
    ("speaker", "party"),
    [
        ("الدفاع المدني في غزة", "الدفاع المدني في غزة"),
        ("الدفاع المدني اللبناني", "الدفاع المدني اللبناني"),
        ("الدفاع المدني في حلب", "Syria Civil Defence"),
    ],
)
def test_a_civil_defence_outside_syria_is_not_the_white_helmets(speaker, party):
    c = _one(_ar(f"قال {speaker} إن 12 شخصا قتلوا في غارة على بلدة حاس."))
    assert c.attributed_to == party


def test_a_war_abroad_dated_by_its_year_is_a_tally_from_its_month():
    c = _one(
        _ar("ويشهد السودان منذ منتصف أبريل 2023 حربا أسفرت عن مقتل أكثر من 15 ألف شخص، بحسب الأمم المتحدة.")
    )
    assert (c.kind, [p.name for p in c.places], c.time.start) == ("tally", ["السودان"], date(2023, 4, 1))


def test_a_syrian_toll_since_a_later_year_is_no_war_long_tally():
    c = _one(_ar("قتل 500 مدني في الغوطة الشرقية منذ مطلع 2018 في الحرب على المنطقة."))
    assert [p.name for p in c.places] == ["الغوطة الشرقية"]
    assert c.fatalities.low == 500  # and the year after "منذ مطلع" is no count of a place


def test_a_state_named_by_its_direction_keeps_its_whole_name():
    c = _one(_ar("قتل 5 مدنيين في قصف على ولاية جنوب كردفان."))
    assert [p.name for p in c.places] == ["ولاية جنوب كردفان"]


def test_a_dateline_before_the_verb_is_no_speaker():
    c = _one(_ar("صنعاء (رويترز) - قال مسؤولون محليون إن 12 مدنيا قتلوا في غارات على بلدة حاس."))
    assert c.attributed_to == "مسؤولون محليون"


def test_the_wounded_told_next_join_the_claim_just_told():
    text = (
        "قال مسؤولون محليون إن 12 مدنيا قتلوا في غارات على بلدة حاس أمس.\nوأضافوا أن 20 آخرين أصيبوا بجروح."
    )
    c = _one(_ar(text))
    assert (c.fatalities.low, c.injured.low, c.attributed_to) == (12, 20, "مسؤولون محليون")


@pytest.mark.parametrize(("verb", "role"), [("قتلا", "fatalities"), ("أصيبا", "injured")])
def test_a_dual_noun_before_its_dual_verb_is_two(verb, role):
    c = _one(_ar(f"وقال مصدر طبي إن طفلين {verb} بقذيفة سقطت على بلدة حاس."))
    assert getattr(c, role).low == 2


def test_a_count_whose_parts_come_before_its_verb_is_still_the_dead():
    c = _one(_ar("قال مسؤولون إن 23 شخصا على الأقل، بينهم ثلاثة أطفال، قتلوا اليوم في قصف على بلدة حاس."))
    assert (c.fatalities.low, c.fatalities.qualifier) == (23, "at_least")


def test_a_toll_since_an_invasion_lies_in_its_country_from_the_day_named():
    c = _one(
        _ar("ووثقت الأمم المتحدة مقتل أكثر من 5 آلاف مدني في أوكرانيا منذ بدء الغزو الروسي في 24 فبراير.")
    )
    assert (c.kind, [p.name for p in c.places], c.time.start) == ("tally", ["أوكرانيا"], date(2023, 2, 24))


def test_one_toll_of_one_party_told_with_and_without_its_qualifier_is_one_claim():
    text = (
        "قال المرصد السوري إن 11 مدنيا على الأقل قتلوا في غارة على بلدة حاس أمس.\n"
        'وقال مدير المرصد إن "الغارة استهدفت حيا سكنيا في بلدة حاس وقتلت 11 مدنيا وجرحت العشرات".'
    )
    c = _one(_ar(text))
    assert (c.fatalities.low, c.injured.low) == (11, 10)


def test_one_number_from_two_parties_stays_two_claims():
    text = (
        "قال المرصد السوري إن 11 مدنيا على الأقل قتلوا في غارة على بلدة حاس أمس.\n"
        "وقالت وكالة محلية إن 11 مدنيا قتلوا في غارة على بلدة حاس أمس."
    )
    assert len(_ar(text)) == 2


@pytest.mark.parametrize(
    ("speaker", "party"),
    [
        ("الهلال الأحمر العربي السوري", "Syrian Arab Red Crescent"),
        ("الهلال الأحمر الفلسطيني", "الهلال الأحمر الفلسطيني"),
        ("الهلال الأحمر اليمني", "الهلال الأحمر اليمني"),
    ],
)
def test_a_red_crescent_outside_syria_is_its_own_society(speaker, party):
    assert _one(_ar(f"قال {speaker} إن 12 شخصا قتلوا في غارة على بلدة حاس.")).attributed_to == party
