"""Arabic word classes read in every form, not only the forms the corpus happened to show (issue 16).

Each class is completed from the grammar (number words in both genders and cases, every
third-person form of a verb with its clitics, the ways of saying "could not verify") and checked
with sentences made from templates written for this file; none is copied from a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims
from tawthiq.extract._arabic_attribution import find_attribution_ar, find_certainty_ar
from tawthiq.extract._arabic_events import find_events_ar
from tawthiq.extract._arabic_numbers import find_numbers_ar, find_tolls_ar
from tawthiq.text.arabic import fold_arabic

PUBLISHED = date(2024, 3, 12)

# ------------------------------------------------------------------ number words, spelled here
# The speller below is this test's own (a reference written apart from the extractor's tables):
# units in the masculine and feminine forms, 11-19 with عشر/عشرة, tens joined by و after the unit,
# hundreds joined or apart and in both spellings (مئة / مائة).
_UNITS_M = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
_UNITS_F = ["", "واحدة", "اثنتان", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع"]
_TEENS_M = ["", "أحد عشر", "اثنا عشر"] + [f"{u} عشر" for u in _UNITS_M[3:]]
_TEENS_F = ["", "إحدى عشرة", "اثنتا عشرة"] + [f"{u} عشرة" for u in _UNITS_F[3:]]
_TENS = ["", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
_TENS_OBLIQUE = ["", "", "عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين"]
_HUNDRED_HEADS = ["", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"]


def _hundreds(h: int, spelling: str, apart: bool) -> str:
    if h == 1:
        return spelling
    if h == 2:
        return spelling[:-1] + "تان"
    return _HUNDRED_HEADS[h] + (" " if apart else "") + spelling


def _below_100(n: int, feminine: bool, oblique: bool) -> str:
    units = _UNITS_F if feminine else _UNITS_M
    tens = _TENS_OBLIQUE if oblique else _TENS
    if n < 10:
        return units[n]
    if n == 10:
        return "عشرة" if not feminine else "عشر"
    if n < 20:
        return (_TEENS_F if feminine else _TEENS_M)[n - 10]
    u, t = n % 10, n // 10
    return f"{units[u]} و{tens[t]}" if u else tens[t]


def spell(n: int, feminine: bool = False, oblique: bool = False, spelling: str = "مئة", apart=False) -> str:
    """``n`` (1-999) in Arabic words, as one of several writers would write it."""
    h, rest = divmod(n, 100)
    parts = [_hundreds(h, spelling, apart)] if h else []
    if rest:
        parts.append(_below_100(rest, feminine, oblique))
    return " و".join(parts)


_VARIANTS = [
    {"feminine": False, "oblique": False, "spelling": "مئة", "apart": False},
    {"feminine": True, "oblique": True, "spelling": "مائة", "apart": False},
    {"feminine": False, "oblique": True, "spelling": "مائة", "apart": True},
    {"feminine": True, "oblique": False, "spelling": "مئة", "apart": True},
]


def _read(words: str) -> int | None:
    hits = find_numbers_ar(fold_arabic(f"سقط {words} شخصا في القصف").text)
    return hits[0].count.low if hits else None


@pytest.mark.parametrize("variant", _VARIANTS, ids=lambda v: "-".join(str(x) for x in v.values()))
def test_every_number_from_one_to_999_in_words_is_read_in_each_writers_style(variant):
    wrong = {}
    for n in range(1, 1000):
        words = spell(n, **variant)
        got = _read(words)
        if got != n:
            wrong[words] = got
    assert not wrong, dict(list(wrong.items())[:10])


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("ثلاث مئة", 300),  # a unit apart from مئة multiplies it
        ("خمس مائة وخمسون", 550),
        ("مئة وخمسة", 105),  # and a unit after و adds
        ("مئتا", 200),  # the dual before its noun loses its nun
        ("مائتي", 200),
        ("ثلاثة آلاف وخمسمئة", 3500),
        ("خمسة عشر ألفا", 15000),
        ("ألفين وثلاثمائة", 2300),
    ],
)
def test_hundreds_apart_duals_without_nun_and_thousands_are_counted(words, value):
    assert _read(words) == value


def test_a_killed_toll_in_feminine_words_reaches_the_claim():
    (c,) = extract_claims("قتلت ثلاث عشرة امرأة في غارة جوية على بلدة كفرنبل.", PUBLISHED)
    assert c.fatalities is not None and c.fatalities.low == 13


# ------------------------------------------------------------------ could not verify
_CANNOT = [
    "لم يتسنَّ",
    "تعذّر",
    "يتعذر",
    "لا يمكن",
    "يصعب",
    "من المتعذر",
    "لم يتم",
    "لم نتمكن من",
    "لم تتمكن الوكالة من",
    "لم يتمكن مراسلنا من",
    "لا نستطيع",
]
_CHECK = ["التحقق", "التأكد", "التثبت"]


@pytest.mark.parametrize("cannot", _CANNOT)
@pytest.mark.parametrize("check", _CHECK)
def test_every_way_of_saying_the_toll_could_not_be_verified_is_unconfirmed(cannot, check):
    sentence = f"قتل 12 مدنيا في القصف، و{cannot} {check} من الحصيلة بشكل فوري."
    assert find_certainty_ar(fold_arabic(sentence).text) == "unconfirmed"


def test_could_not_make_sure_is_not_read_as_made_sure():
    # "تعذر التأكد" holds "تأكد" (made sure): it was read as confirmed
    (c,) = extract_claims("قتل 7 مدنيين في قصف على بلدة سراقب، وتعذر التأكد من الحصيلة.", PUBLISHED)
    assert c.certainty == "unconfirmed"


def test_a_sentence_that_only_says_it_could_not_be_checked_hedges_the_claim_before():
    text = "قتل 7 مدنيين في قصف على بلدة سراقب.\nولم تتمكن الوكالة من التثبت من هذه الأرقام."
    (c,) = extract_claims(text, PUBLISHED)
    assert c.certainty == "unconfirmed"


@pytest.mark.parametrize(
    "sentence",
    [
        "ونفى الجيش أن يكون قصف السوق",
        "ونفت الوزارة أن تكون طائراتها قصفت السوق",
        "ونفوا أن يكون القصف قد أصاب السوق",
        "وينفي الجيش قصف السوق",
        "وأنكر الجيش قصف السوق",
        "وأنكرت الوزارة قصف السوق",
        "وكذّبت الوزارة رواية القصف",
        "وقالت الوزارة إن الرواية لا أساس لها من الصحة",
        "وقال الجيش إن الأنباء عارية تماما عن الصحة",
        "وقال الجيش إن الأنباء عارية من الصحة",
    ],
)
def test_every_form_of_denying_is_denied(sentence):
    assert find_certainty_ar(fold_arabic(sentence).text) == "denied"


# ------------------------------------------------------------------ verbs and nouns of killing, wounding
def _tolls(sentence: str):
    fat, inj = find_tolls_ar(fold_arabic(sentence).text)
    return (fat.low if fat else None, inj.low if inj else None)


# the forms as a writer would vocalise them or not, with a conjunction glued on or not; the subject
# (women, men, two people) agrees with the verb
_AFTER_SUBJECT = [
    ("نساء", ["قتلت", "استشهدت", "واستشهدت", "قضت", "لقيت حتفها", "توفيت", "ارتقت", "أُعدمت"]),
    ("رجال", ["قُتلوا", "فقتلوا", "استشهدوا", "قضوا", "لقوا حتفهم", "لقوا مصرعهم", "توفوا", "ارتقوا"]),
    ("رجال", ["أعدموا"]),
]
_BEFORE_COUNT = ["قُتل", "وقُتل", "قتلت", "استشهد", "واستشهدت", "قضى", "توفي", "توفيت", "ارتقى", "أُعدم"]
_WOUNDED_BEFORE = ["أُصيب", "وأصيبت", "جُرح", "جرحت", "يُصاب", "تصاب", "وأصيب"]
_WOUNDED_AFTER = ["أصيبوا", "أصيبت", "جرحوا", "جرحت", "يصابون"]


@pytest.mark.parametrize(("noun", "verb"), [(n, v) for n, vs in _AFTER_SUBJECT for v in vs])
def test_a_verb_of_dying_in_any_person_after_its_counted_subject_makes_a_death_toll(noun, verb):
    assert _tolls(f"وقال ناشطون إن 7 {noun} {verb} في القصف على البلدة") == (7, None)


@pytest.mark.parametrize("verb", _BEFORE_COUNT)
def test_a_verb_of_dying_in_any_form_before_the_count_makes_a_death_toll(verb):
    assert _tolls(f"{verb} 9 مدنيين في القصف على البلدة") == (9, None)


@pytest.mark.parametrize("verb", _WOUNDED_BEFORE)
def test_a_verb_of_wounding_in_any_form_before_the_count_makes_a_wounded_toll(verb):
    assert _tolls(f"{verb} 9 مدنيين في القصف على البلدة") == (None, 9)


@pytest.mark.parametrize("verb", _WOUNDED_AFTER)
def test_a_verb_of_wounding_after_its_subject_makes_a_wounded_toll(verb):
    assert _tolls(f"وقال المسعفون إن 6 أشخاص {verb} في القصف") == (None, 6)


@pytest.mark.parametrize(
    ("sentence", "tolls"),
    [
        ("قتيلان في غارة على بلدة سراقب", (2, None)),  # a headline with no verb
        ("شهيدتان في قصف على حي الشعار", (2, None)),
        ("وسقطت قتيلة في القصف", (1, None)),
        ("جريحتان في قصف على البلدة", (None, 2)),
        ("وبلغ عدد الضحايا 12 شهيدة", (12, None)),
        ("أسفر القصف عن 14 قتيلة و20 جريحة", (14, 20)),
        ("أودى القصف بحياة طفلتين", (2, None)),
        ("امرأتان قتلتا في القصف", (2, None)),  # a dual subject and its dual feminine verb
    ],
)
def test_feminine_and_dual_casualty_nouns_count_themselves(sentence, tolls):
    assert _tolls(sentence) == tolls


def test_victims_under_the_rubble_are_still_no_death_toll():
    # "الضحايا" may be the dead and the wounded together (annotation guidelines): no number
    assert _tolls("وأكدت الوزارة أن هناك مئات الضحايا تحت الأنقاض") == (None, None)


# ------------------------------------------------------------------ reporting verbs
_SPEAKER = "وزارة الصحة"
_SAYS = [
    "قالت",
    "وقالت",
    "تقول",
    "وأفادت",
    "ذكرت",
    "أعلنت",
    "وأكدت",
    "تؤكد",
    "أوضحت",
    "وأشارت",
    "لفتت",
    "صرّحت",
    "كشفت",
    "وأضافت",
    "أوردت",
    "شددت",
    "ونوهت",
    "وتابعت",
    "وأردفت",
    "وأخبرت",
    "روت",
    "وثقت",
    "سجلت",
    "أحصت",
    "قدّرت",
    "حذرت",
    "نددت",
]
_SAY_PLURAL = ["قالوا", "وأكدوا", "أفادوا", "ذكروا", "أشاروا", "شددوا", "تابعوا", "يقولون", "يؤكدون"]


@pytest.mark.parametrize("verb", _SAYS)
def test_every_reporting_verb_names_its_subject_as_the_speaker(verb):
    sentence = f"{verb} {_SPEAKER} أن 8 مدنيين قتلوا في القصف"
    assert find_attribution_ar(fold_arabic(sentence), sentence) == _SPEAKER


@pytest.mark.parametrize("verb", _SAY_PLURAL)
def test_reporting_verbs_in_the_plural_name_unnamed_speakers(verb):
    sentence = f"{verb} مسعفون محليون إن 8 مدنيين قتلوا في القصف"
    assert find_attribution_ar(fold_arabic(sentence), sentence) == "مسعفون محليون"


@pytest.mark.parametrize(
    "sentence",
    [
        "وأبلغت وزارة الصحة رويترز أن 8 مدنيين قتلوا",
        "وأخبرت وزارة الصحة الصحفيين أن 8 مدنيين قتلوا",
        "وقالت وزارة الصحة لوسائل الإعلام إن 8 مدنيين قتلوا",
        "بحسب ما أفادت به وزارة الصحة، قتل 8 مدنيين",
        "وفق ما ذكرته وزارة الصحة، قتل 8 مدنيين",
    ],
)
def test_the_one_told_and_a_pointing_pronoun_are_not_part_of_the_speaker(sentence):
    assert find_attribution_ar(fold_arabic(sentence), sentence) == _SPEAKER


@pytest.mark.parametrize("subject", ["الأرقام", "التقديرات", "الإحصاءات", "المعطيات"])
def test_figures_that_show_are_no_speaker(subject):
    sentence = f"وتشير {subject} إلى مقتل 8 مدنيين في القصف"
    assert find_attribution_ar(fold_arabic(sentence), sentence) is None


# ------------------------------------------------------------------ events of the taxonomy
@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("أطلق الجنود النار على المتظاهرين", "attack.ground"),
        ("وفتحت قوات الأمن النار على الحشود", "attack.ground"),
        ("أطلقوا النار على سيارة مدنية", "attack.ground"),
        ("قصفت الطائرات البلدة بعد الظهر", "attack.air_strike"),
        ("سقطت قنبلة ألقتها طائرة على السوق", "attack.air_strike"),
        ("نحر التنظيم رجلين أمام الأهالي", "killing.execution"),
        ("ونحروا ثلاثة أسرى", "killing.execution"),
        ("اقتادت القوات 5 شبان إلى جهة مجهولة", "detention.arbitrary"),
        ("واقتادوا المعلم من منزله", "detention.arbitrary"),
        ("وأخفي قسرا منذ اعتقاله قبل عامين", "disappearance.enforced"),
        ("وثقت الشبكة أسماء 40 من المغيبين في السجون", "disappearance.enforced"),
        ("ظهرت أعراض اختناق على المصابين", "attack.chemical"),
    ],
)
def test_each_event_of_the_taxonomy_is_found_in_its_other_wordings(sentence, event_type):
    hits = find_events_ar(fold_arabic(sentence).text)
    assert hits and hits[0].event_type == event_type


def test_forced_displacement_is_not_a_forced_disappearance():
    hits = find_events_ar(fold_arabic("وندد الأهالي بتهجير السكان قسريا من البلدة").text)
    assert hits and hits[0].event_type == "displacement.forced"


# ------------------------------------------------------------------ durations in words
@pytest.mark.parametrize(
    ("phrase", "days_before"),
    [("قبل ثلاثة أيام", 3), ("قبل 3 أيام", 3), ("قبل خمسة أيام", 5), ("قبل يومين", 2), ("قبل سبعة أيام", 7)],
)
def test_days_ago_in_digits_or_words_date_the_event(phrase, days_before):
    (c,) = extract_claims(f"قتل 4 مدنيين في قصف على بلدة سراقب {phrase}.", PUBLISHED)
    assert c.time.start == date.fromordinal(PUBLISHED.toordinal() - days_before)


@pytest.mark.parametrize("count", ["ثلاثة", "ثلاث", "3"])
def test_a_period_of_days_in_words_or_digits_is_a_span(count):
    (c,) = extract_claims(f"وثق المرصد مقتل 40 مدنيا في إدلب خلال {count} أيام.", PUBLISHED)
    assert c.time.end == PUBLISHED and c.time.start == date.fromordinal(PUBLISHED.toordinal() - 3)


# ------------------------------------------------------------------ qualifiers, vague words, ranges
def _toll(sentence: str):
    fat, _ = find_tolls_ar(fold_arabic(sentence).text)
    return (fat.low, fat.high, fat.qualifier) if fat else None


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        ("ما لا يقل عن", (40, None, "at_least")),
        ("أكثر من", (40, None, "more_than")),
        ("أزيد من", (40, None, "more_than")),
        ("ما يزيد على", (40, None, "more_than")),
        ("ما يربو على", (40, None, "more_than")),
        ("نحو", (40, 40, "about")),
        ("حوالي", (40, 40, "about")),
        ("زهاء", (40, 40, "about")),
        ("ما يقارب", (40, 40, "about")),
        ("ما يناهز", (40, 40, "about")),
        ("ما يصل إلى", (None, 40, "up_to")),
        ("أقل من", (None, 40, "up_to")),
    ],
)
def test_every_qualifier_of_the_contract_before_a_count(qualifier, expected):
    assert _toll(f"قتل {qualifier} 40 مدنيا في القصف") == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("عشرات المدنيين", (10, None, "vague")),
        ("مئات المدنيين", (100, None, "vague")),
        ("الآلاف من المدنيين", (1000, None, "vague")),
        ("عشرات الآلاف من المدنيين", (10000, None, "vague")),
        ("مئات الآلاف من المدنيين", (100000, None, "vague")),
    ],
)
def test_vague_words_and_their_compounds_by_the_contract_rule(words, expected):
    assert _toll(f"قتل {words} منذ بداية الحرب") == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        ("ما بين عشرين وثلاثين", (20, 30, "exact")),  # two tens are two numbers, not 50
        ("بين ثلاثين وأربعين", (30, 40, "exact")),
        ("ما بين 20 و30", (20, 30, "exact")),
        ("12 ألفا من", (12000, 12000, "exact")),
        ("1.5 ألف", (1500, 1500, "exact")),
        ("ثلاثة وعشرين", (23, 23, "exact")),  # the unit before the tens is one number
    ],
)
def test_ranges_in_words_and_thousands_after_a_count(count, expected):
    assert _toll(f"قتل {count} مدنيا في القصف") == expected


# ------------------------------------------------------------------ how bulletins of other wars count
@pytest.mark.parametrize(
    ("sentence", "tolls"),
    [
        ("حصدت الغارات أرواح 12 مدنيا", (12, None)),
        ("أزهق القصف أرواح 9 أشخاص", (9, None)),
        ("ارتفعت حصيلة الشهداء إلى 30 والإصابات إلى 50", (30, 50)),
        ("لقي 12 شخصا مصرعهم وأصيب 20 آخرون", (12, 20)),
    ],
)
def test_bulletin_wordings_of_the_dead_and_the_wounded(sentence, tolls):
    assert _tolls(sentence) == tolls


@pytest.mark.parametrize(
    "sentence",
    [
        "منعت القوات دخول المساعدات إلى البلدة المحاصرة",
        "وعرقلت الحواجز وصول القوافل إلى المخيم",
        "قطعت القوات المياه والكهرباء عن الحي",
        "أغلقت السلطات المعابر أمام الإمدادات",
        "واتهمت المنظمة الطرفين باتباع سياسة التجويع",
    ],
)
def test_every_way_of_stopping_aid_is_access_denied(sentence):
    hits = find_events_ar(fold_arabic(sentence).text)
    assert hits and hits[0].event_type == "humanitarian.access_denied"


@pytest.mark.parametrize("said", ["وأُفيد عن", "وقيل إن هناك", "ويقال إن هناك", "بحسب ما أفيد، سقط"])
def test_reportedly_is_unconfirmed(said):
    assert find_certainty_ar(fold_arabic(f"{said} 5 قتلى في القصف").text) == "unconfirmed"


def test_an_active_reporting_verb_stays_reported():
    assert find_certainty_ar(fold_arabic("وأفاد المرصد بمقتل 5 مدنيين في القصف").text) == "reported"


# ------------------------------------------------------------------ month names of every calendar
# each month as the Levant (with and without its article), Egypt and the Gulf, and the Maghreb write it
_MONTHS = {
    1: ["كانون الثاني", "كانون ثاني", "يناير", "جانفي"],
    2: ["شباط", "فبراير", "فيفري"],
    3: ["آذار", "اذار", "مارس"],
    4: ["نيسان", "أبريل", "ابريل", "إبريل", "أفريل"],
    5: ["أيار", "مايو", "ماي"],
    6: ["حزيران", "يونيو", "يونيه", "جوان"],
    7: ["تموز", "يوليو", "يوليه", "جويلية", "يوليوز"],
    8: ["آب", "أغسطس", "اغسطس", "أوت", "غشت"],
    9: ["أيلول", "سبتمبر", "شتنبر"],
    10: ["تشرين الأول", "تشرين أول", "أكتوبر", "اكتوبر"],
    11: ["تشرين الثاني", "تشرين ثاني", "نوفمبر", "نونبر"],
    12: ["كانون الأول", "كانون أول", "ديسمبر", "دجنبر"],
}
_MONTH_CASES = [(m, name) for m, names in _MONTHS.items() for name in names]
_YEAR_END = date(2023, 12, 31)  # every month of 2023 is before it


@pytest.mark.parametrize(("month", "name"), _MONTH_CASES)
def test_every_month_name_dates_a_day(month, name):
    (c,) = extract_claims(f"قتل 6 مدنيين في قصف على بلدة سراقب في 9 {name} 2023.", _YEAR_END)
    assert c.time.start == date(2023, month, 9)


@pytest.mark.parametrize(("month", "name"), _MONTH_CASES)
def test_every_month_name_after_an_ordinal_day(month, name):
    (c,) = extract_claims(f"قتل 6 مدنيين في قصف على بلدة سراقب في الحادي عشر من {name} 2023.", _YEAR_END)
    assert c.time.start == date(2023, month, 11)


@pytest.mark.parametrize(
    ("levantine", "gulf", "month"), [("كانون الأول", "ديسمبر", 12), ("شباط", "فبراير", 2)]
)
def test_a_month_written_twice_in_two_calendars_is_one_month(levantine, gulf, month):
    (c,) = extract_claims(f"قتل 6 مدنيين في قصف على بلدة سراقب في 9 {levantine}/{gulf} 2023.", _YEAR_END)
    assert c.time.start == date(2023, month, 9)


# ------------------------------------------------------------------ the persons a toll counts
_COUNTED = [
    "فتيات",
    "مسنين",
    "شبان",
    "أسرى",
    "سجناء",
    "ضباط",
    "شرطيين",
    "رعاة",
    "مصلين",
    "ركاب",
    "زبائن",
    "سكان",
    "لاجئين",
    "لبنانيين",
    "أوكرانيين",
    "أفغان",
    "ليبيين",
    "مصريين",
    "إسرائيليين",
    "صوماليين",
    "أكراد",
    "نساء",
    "أطفال",
    "مواطنين",
    "فلسطينيين",
    "يمنيين",
]


@pytest.mark.parametrize("persons", _COUNTED)
def test_a_count_of_any_persons_before_its_verb_is_a_toll(persons):
    assert _tolls(f"وقال المسعفون إن 5 {persons} قتلوا في القصف") == (5, None)


@pytest.mark.parametrize(
    ("verb", "tolls"),
    [
        ("قتلن", (5, None)),
        ("استشهدن", (5, None)),
        ("قضين", (5, None)),
        ("لقين حتفهن", (5, None)),
        ("توفين", (5, None)),
        ("أصبن", (None, 5)),
        ("جرحن", (None, 5)),
    ],
)
def test_the_feminine_plural_verb_after_women_counted(verb, tolls):
    assert _tolls(f"وقالت الوزارة إن 5 نساء {verb} في القصف") == tolls


# ------------------------------------------------------------------ fighters are not civilians harmed
@pytest.mark.parametrize(
    "fighters",
    [
        "20 إرهابيا",
        "5 عسكريين",
        "3 ضباط",
        "7 مسلحين",
        "6 مقاتلين",
        "4 جنود",
        "4 أفراد من قوات الأمن",
        "9 مرتزقة",
    ],
)
def test_a_toll_of_fighters_only_in_any_form_is_no_claim_of_harm_to_civilians(fighters):
    assert extract_claims(f"قتل {fighters} في هجوم على حاجز قرب درعا.", PUBLISHED) == []


def test_fighters_and_civilians_together_stay_a_claim():
    (c,) = extract_claims("قتل 5 ضباط و3 مدنيين في هجوم على حاجز قرب درعا.", PUBLISHED)
    assert c.fatalities is not None


def test_fighter_jets_are_not_fighters():
    # مقاتلات (warplanes) is the feminine plural of مقاتل: it must not make a toll one of fighters
    (c,) = extract_claims("قصفت مقاتلات حربية البلدة وقتلت 7 مدنيين.", PUBLISHED)
    assert c.event_type == "attack.air_strike" and c.fatalities.low == 7


# ------------------------------------------------------------------ weapons in the dual and plural
@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("سقطت قذيفتان على الحي", "attack.shelling"),
        ("سقوط قذيفتين على السوق", "attack.shelling"),
        ("انفجرت عبوتان ناسفتان قرب المدرسة", "other"),
        ("انفجار سيارتين مفخختين عند الحاجز", "attack.ground"),
        ("استهدفت ضربتان جويتان السوق", "attack.air_strike"),
        ("ونفذت ضربتين جويتين على الحي", "attack.air_strike"),
        ("استهدفت طائرتان مسيرتان سيارة مدنية", "attack.air_strike"),
        ("ألقيت قنبلتان عنقوديتان على الحقول", "attack.air_strike"),
        ("ارتكبت القوات مجزرتين في القرية", "killing.execution"),
        ("أطلق المسلحون النار من الرشاشات الثقيلة", "attack.ground"),
        ("هجوم بغاز الخردل على القرية", "attack.chemical"),
        ("استخدام غاز الأعصاب في الهجوم", "attack.chemical"),
    ],
)
def test_weapons_in_the_dual_and_plural_type_the_attack(sentence, event_type):
    hits = find_events_ar(fold_arabic(sentence).text)
    assert hits and hits[0].event_type == event_type


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("استهدفت غارتا التحالف السوق", "attack.air_strike"),
        ("قصفت مروحيتان البلدة", "attack.air_strike"),
        ("ألقت مروحيتا النظام براميل على الحي", "attack.air_strike"),
        ("حلقت طائرتان حربيتان فوق المدينة ثم قصفتا السوق", "attack.air_strike"),
        ("سقطت قنبلة برميلية على الحي", "attack.air_strike"),
        ("قصف بالقنابل الموجهة", "attack.air_strike"),
        ("قصف بالقنابل العنقودية", "attack.air_strike"),
        ("أصاب صاروخ جو أرض المبنى", "attack.air_strike"),
        ("دمر صاروخ أطلقته طائرة مسيرة السيارة", "attack.air_strike"),
        ("اندلعت معركتان عنيفتان في الريف", "armed.clash"),
        ("وقعت مواجهة مسلحة قرب الحاجز", "armed.clash"),
        ("انفجرت العبوات الناسفة في الطريق", "other"),
    ],
)
def test_aircraft_strikes_and_battles_in_the_dual_and_with_the_article(sentence, event_type):
    hits = find_events_ar(fold_arabic(sentence).text)
    assert hits and hits[0].event_type == event_type


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("أعدم التنظيم 3 رجال شنقا في الساحة", "killing.execution"),
        ("وشُنق رجلان أمام الأهالي", "killing.execution"),
        ("قتلهم المسلحون بدم بارد", "killing.execution"),
        ("طعن مستوطن شابا قرب الحاجز", "attack.ground"),
        ("ألقى مسلح قنبلة يدوية على المقهى", "attack.ground"),
        ("داهمت القوات القرية فجرا", "attack.ground"),
        ("دهس مستوطن طفلا قرب المدرسة", "attack.ground"),
    ],
)
def test_executions_and_ground_attacks_of_the_english_rules_in_arabic(sentence, event_type):
    hits = find_events_ar(fold_arabic(sentence).text)
    assert hits and hits[0].event_type == event_type


def test_an_appeal_against_a_ruling_is_no_stabbing():
    assert find_events_ar(fold_arabic("وقدم المحامي الطعن في القرار").text) == []


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("دخلت قافلتان إلى المدينة المحاصرة لإجلاء الجرحى", "evacuation"),
        ("وثقت المنظمة تصفيات ميدانية لمعتقلين", "killing.execution"),
        ("وضربت مجاعات عدة قرى في الإقليم", "humanitarian.access_denied"),
    ],
)
def test_feminine_trigger_nouns_in_the_dual_and_plural(sentence, event_type):
    hits = find_events_ar(fold_arabic(sentence).text)
    assert hits and hits[0].event_type == event_type


# ------------------------------------------------------------------ the day before yesterday
@pytest.mark.parametrize("phrase", ["أول أمس", "أول من أمس", "قبل أمس", "أمس الأول", "فجر أول من أمس"])
def test_every_wording_of_the_day_before_yesterday(phrase):
    (c,) = extract_claims(f"قتل 4 مدنيين في قصف على بلدة سراقب {phrase}.", PUBLISHED)
    assert c.time.start == date.fromordinal(PUBLISHED.toordinal() - 2)


def test_the_night_before_last_is_not_tonight():
    (c,) = extract_claims("قتل 4 مدنيين في قصف على بلدة سراقب الليلة قبل الماضية.", PUBLISHED)
    assert c.time.start == date.fromordinal(PUBLISHED.toordinal() - 2)


@pytest.mark.parametrize("written", ["1,500", "1.500", "١٬٥٠٠", "١،٥٠٠", "١٥٠٠"])
def test_thousands_grouped_every_way_outlets_write_them(written):
    assert _toll(f"قتل {written} مدني منذ بداية الحرب") == (1500, 1500, "exact")


def test_a_full_stop_before_one_digit_is_a_decimal_of_thousands():
    assert _toll("قتل 2.5 ألف مدني منذ بداية الحرب") == (2500, 2500, "exact")


# ------------------------------------------------------------------ appeals, concern and forecasts
@pytest.mark.parametrize(
    "sentence",
    [
        "من المحتمل أن تتعرض مدينة إدلب لقصف عنيف.",
        "ربما تشن الطائرات غارات جديدة على مدينة إدلب.",
        "تطالب المنظمة بفتح ممر إنساني لإجلاء المدنيين من حلب.",
        "وناشدت المنظمة الأطراف وقف الغارات على مدينة إدلب.",
        "أعربت المنظمة عن قلقها من تصاعد القصف على مدينة إدلب.",
        "دعا الأمين العام إلى التحقيق في الغارة على مدينة إدلب.",
    ],
)
def test_appeals_concern_and_forecasts_in_every_form_are_no_claims(sentence):
    assert extract_claims(sentence, PUBLISHED) == []


def test_an_appeal_beside_a_toll_keeps_the_toll():
    text = "قتل 9 مدنيين في غارة على مدينة إدلب، وطالبت المنظمة بوقف الغارات."
    (c,) = extract_claims(text, PUBLISHED)
    assert c.fatalities is not None and c.fatalities.low == 9


# ------------------------------------------------------------------ the imperfect of every trigger verb
@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("تقصف القوات البلدة منذ الصباح", "attack.shelling"),
        ("تعتقل القوات الشبان عند الحواجز", "detention.arbitrary"),
        ("يحتجز الأمن 5 شبان في المطار", "detention.arbitrary"),
        ("تقتحم القوات البلدة فجرا", "attack.ground"),
        ("حاصرت القوات المدينة من ثلاث جهات", "siege.blockade"),
        ("ينزح آلاف السكان نحو الحدود", "displacement.forced"),
        ("هُجّر آلاف السكان من القرية", "displacement.forced"),
        ("يختطف مسلحون المدنيين على الطريق", "disappearance.enforced"),
        ("تعدم القوات الأسرى في الساحة", "killing.execution"),
        ("أجلت فرق الإنقاذ 500 مدني من الحي", "evacuation"),
    ],
)
def test_every_trigger_verb_in_the_imperfect_and_the_feminine(sentence, event_type):
    hits = find_events_ar(fold_arabic(sentence).text)
    assert hits and hits[0].event_type == event_type


def test_a_future_attack_is_still_no_event():
    assert find_events_ar(fold_arabic("ستقصف القوات البلدة غدا").text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "قتل شاب بإطلاق نار في الحي",
        "أصيب طفل بأعيرة نارية قرب المدرسة",
        "أصيب طفل بطلق ناري في الرأس",
        "قتل شاب برشقات نارية على الحاجز",
        "قتل شاب بعيار ناري قرب منزله",
        "قتل شاب بالأسلحة الخفيفة على الطريق",
    ],
)
def test_gunfire_in_every_wording_is_a_ground_attack(sentence):
    hits = find_events_ar(fold_arabic(sentence).text)
    assert hits and hits[0].event_type == "attack.ground"


@pytest.mark.parametrize(
    "sentence",
    [
        "قصفت القوات البلدة بالمدافع الثقيلة",
        "اشتعلت المنازل بنيران المدافع",
        "استهدفت راجمة البلدة مساء",
        "سقط صاروخ كاتيوشا على السوق",
    ],
)
def test_guns_and_launchers_by_name_are_shelling(sentence):
    hits = find_events_ar(fold_arabic(sentence).text)
    assert hits and hits[0].event_type == "attack.shelling"
