"""Arabic reports behind the same front door (issue 16): claims, places, parties, bad input.

Every fixture is a sentence we wrote, stating invented facts, named for the trap it tests.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.entities import Count
from tawthiq.errors import InputError
from tawthiq.extract import canonical_party, extract_claims, reads_language
from tawthiq.extract._arabic_numbers import find_numbers_ar, find_tolls_ar
from tawthiq.extract._arabic_time import resolve_time_ar
from tawthiq.gazetteer import load_gazetteer
from tawthiq.text.arabic import fold, fold_arabic, name_key

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
PUBLISHED = date(2016, 12, 13)  # a Tuesday, as in conftest.py


def _one(claims):
    assert len(claims) == 1, [c.quote for c in claims]
    return claims[0]


def test_arabic_report_gives_number_place_party_certainty_and_date(report):
    c = _one(report("ar_windows_1256.txt.cp1256"))
    assert c.event_type == "attack.shelling" and c.kind == "incident"
    assert c.fatalities.contract() == {"low": 7, "high": 7, "qualifier": "exact"}
    assert c.injured.contract() == {"low": 20, "high": 20, "qualifier": "exact"}
    assert [p.place_id for p in c.places] == ["aleppo-nbhd:fardous", "C1007"]
    assert c.places[0].name == "حي الفردوس"  # as written
    assert c.attributed_to == "Syrian Observatory for Human Rights"
    assert c.certainty == "reported"
    assert c.time.start == date(2016, 12, 12)  # أمس, published 2016-12-13


def test_tatweel_and_diacritics_read_as_plain_text_and_spans_index_the_original(report):
    text = (REPORTS / "ar_tatweel_and_diacritics.txt").read_text(encoding="utf-8")
    c = _one(report("ar_tatweel_and_diacritics.txt"))
    assert c.fatalities.low == 8 and c.injured.low == 12  # ثمانية، اثنا عشر
    assert c.places[0].place_id == "aleppo-nbhd:sha-ar"
    assert c.attributed_to == "Syria Civil Defence"
    assert text[c.span[0] : c.span[1]] == c.quote


def test_arabic_indic_digits_number_words_and_qualifiers(report):
    claims = report("ar_arabic_indic_digits_and_number_words.txt")
    assert claims[0].fatalities.contract() == {
        "low": 27,
        "high": None,
        "qualifier": "at_least",
    }
    assert claims[0].event_type == "attack.shelling"
    assert claims[0].places[0].place_id == "geonames:164816"  # بلدة سراقب
    assert claims[0].time.start == date(2016, 12, 13)  # يوم الثلاثاء, published on a Tuesday
    assert claims[1].injured.contract() == {"low": 43, "high": None, "qualifier": "more_than"}
    tally = claims[2]
    assert tally.kind == "tally" and tally.fatalities.contract() == {
        "low": 40,
        "high": 40,
        "qualifier": "about",
    }
    assert tally.attributed_to == "Syrian Network for Human Rights"
    assert (tally.time.start, tally.time.end) == (date(2016, 11, 1), date(2016, 11, 30))


def test_hamza_and_ta_marbuta_variants_name_one_place(report):
    claims = report("ar_hamza_and_ta_marbuta_variants.txt")
    assert len(claims) == 2
    assert {c.places[0].place_id for c in claims} == {"geonames:167611"}  # معرة النعمان, written two ways


def test_levantine_and_gulf_month_names(report):
    claims = report("ar_levantine_and_gulf_months.txt")
    assert [c.time.start for c in claims] == [date(2016, 12, 5), date(2016, 12, 7)]


def test_bidi_controls_do_not_hide_places_or_parties(report):
    text = (REPORTS / "ar_bidi_controls.txt").read_text(encoding="utf-8")
    c = _one(report("ar_bidi_controls.txt"))
    assert c.fatalities.low == 9 and c.places[0].place_id == "aleppo-nbhd:fardous"
    assert c.attributed_to == "Syrian Observatory for Human Rights"
    assert text[c.span[0] : c.span[1]] == c.quote


def test_hedges_denial_and_forecast(report):
    claims = report("ar_hedges_and_denial.txt")
    assert [(c.event_type, c.certainty) for c in claims] == [
        ("killing.execution", "unconfirmed"),  # أنباء عن … لم يتسن التحقق
        ("attack.air_strike", "denied"),  # نفت وزارة الدفاع الروسية أن تكون طائراتها قصفت: its planes
    ]  # وقد تتعرض … لقصف: a forecast, not a claim
    assert claims[0].fatalities.low == 15 and claims[0].places[0].place_id == "aleppo-nbhd:salihin"
    assert claims[1].attributed_to == "Russian defence ministry"


def test_a_car_bomb_is_a_ground_attack_as_in_english():
    c = _one(extract_claims("قتل 16 مدنياً في تفجير سيارة مفخخة في حي الزهراء بمدينة حمص.", PUBLISHED))
    assert (c.event_type, c.fatalities.low) == ("attack.ground", 16)
    assert [p.name for p in c.places] == ["حي الزهراء", "مدينة حمص"]  # Homs' Zahraa, not Aleppo's


def test_reversed_lam_alef_from_pdf_is_a_clear_input_error(report):
    with pytest.raises(InputError, match="visual order"):
        report("ar_reversed_lam_alef_pdf.txt")


def test_windows_1256_read_as_latin1_is_a_clear_input_error():
    raw = (REPORTS / "ar_windows_1256.txt.cp1256").read_bytes()
    with pytest.raises(InputError, match="windows-1256"):
        extract_claims(raw.decode("latin-1"), PUBLISHED)


def test_mixed_report_reads_each_sentence_in_its_language(report):
    en, ar = report("ar_mixed_english_and_arabic.txt")
    assert (en.fatalities.low, en.places[0].place_id) == (11, "aleppo-nbhd:sukkari")
    assert (ar.fatalities.low, ar.places[0].place_id) == (4, "aleppo-nbhd:fardous")
    assert ar.event_type == "attack.air_strike"  # براميل متفجرة
    assert ar.attributed_to == "Syria Civil Defence"


def test_an_arabic_and_an_english_claim_about_one_neighbourhood_share_its_identity():
    ar = _one(extract_claims("قتل 6 مدنيين في قصف على حي الشعار في مدينة حلب.", PUBLISHED))
    en = _one(extract_claims("Shelling killed six civilians in al-Shaar in Aleppo.", PUBLISHED))
    assert ar.places[0].place_id == en.places[0].place_id == "aleppo-nbhd:sha-ar"
    assert (ar.places[0].lat, ar.places[0].lon) == (en.places[0].lat, en.places[0].lon)


@pytest.mark.parametrize(
    "arabic, english",
    [
        ("المرصد السوري لحقوق الإنسان", "SOHR"),
        ("الدفاع المدني", "White Helmets"),
        ("الخوذ البيضاء", "Syria Civil Defence"),
        ("الشبكة السورية لحقوق الإنسان", "SNHR"),
        ("سانا", "SANA"),
    ],
)
def test_parties_are_one_origin_across_scripts(arabic, english):
    from tawthiq.corroborate import normalize_party

    assert canonical_party(arabic) == canonical_party(english)
    assert normalize_party(arabic) == normalize_party(english)


def test_gazetteer_matches_arabic_variants_to_one_place():
    g = load_gazetteer()
    ids = {
        m.place.id
        for text in ("حيّ الشّعار في حلب", "الشعار، حلب", "حي الشعـــار بحلب")
        for m in g.match_arabic(text)
        if m.place.kind == "neighbourhood"
    }
    assert ids == {"aleppo-nbhd:sha-ar"}
    assert [m.place.id for m in g.match_arabic("ريف دمشق")] == ["SY03"]  # a governorate's own name
    assert [m.place.id for m in g.match_arabic("في ريف إدلب الجنوبي")] == ["SY07"]
    # Homs has a Zahraa too: an Aleppo neighbourhood needs Aleppo in sight
    assert not [m for m in g.match_arabic("تفجير في حي الزهراء في حمص") if m.place.parent_id == "C1007"]


def test_languages_read():
    assert reads_language("Twelve civilians were killed.")
    assert reads_language("قتل 12 مدنيا")
    assert not reads_language((REPORTS / "cyrillic_not_read.txt").read_text(encoding="utf-8"))
    assert extract_claims((REPORTS / "cyrillic_not_read.txt").read_text(encoding="utf-8"), PUBLISHED) == []


def test_cli_reads_an_arabic_file_in_windows_1256():
    from typer.testing import CliRunner

    from tawthiq.cli.main import app

    r = CliRunner().invoke(
        app, ["extract", str(REPORTS / "ar_windows_1256.txt.cp1256"), "--published", "2016-12-13", "--json"]
    )
    assert r.exit_code == 0, r.output
    claims = json.loads(r.stdout)["claims"]
    assert [(c["fatalities"]["low"], c["attributed_to"]) for c in claims] == [
        (7, "Syrian Observatory for Human Rights")
    ]


@pytest.mark.parametrize(
    "phrase, count",
    [
        ("ما لا يقل عن ٣٣ شخصا", (33, None, "at_least")),
        ("أكثر من 80 قتيلا", (80, None, "more_than")),
        ("نحو 40 مدنيا", (40, 40, "about")),
        ("حوالي ألفي شخص", (2000, 2000, "about")),
        ("ثلاثة وأربعين مدنيا", (43, 43, "exact")),
        ("عشرات القتلى", (10, None, "vague")),
        ("مئات الجرحى", (100, None, "vague")),
        ("آلاف النازحين", (1000, None, "vague")),
        ("بين 20 و30 قتيلا", (20, 30, "exact")),
        ("ثلاثة آلاف وخمسمئة", (3500, 3500, "exact")),
    ],
)
def test_arabic_counts(phrase, count):
    c = find_numbers_ar(fold(phrase))[0].count
    assert (c.low, c.high, c.qualifier) == count


def test_mixed_killed_and_injured_count_gives_no_number():
    assert find_tolls_ar(fold("موقعة نحو 15 شهيد وجريح")) == (None, None)


def test_subcount_is_not_added():
    fat, _ = find_tolls_ar(fold("قتل 18 شخصا بينهم 5 أطفال"))
    assert fat.low == 18


def test_relative_days():
    sunday = date(2018, 2, 11)
    assert resolve_time_ar(fold("فجر أمس"), sunday).start == date(2018, 2, 10)
    assert resolve_time_ar(fold("مساء الخميس"), sunday).start == date(2018, 2, 8)
    assert resolve_time_ar(fold("أول أمس"), sunday).start == date(2018, 2, 9)


def test_name_key_unifies_spellings():
    assert name_key("مدينة مَعَرّة النعمان") == name_key("معره النعمان")
    assert name_key("إدلب") == name_key("ادلب")


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("قتلمدنيوأإآةىـًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩0123456789 ،.\u200f\u202bﻻ")), max_size=120
    )
)
def test_any_arabic_text_gives_claims_or_input_error_never_a_crash(text):
    f = fold_arabic(text)
    assert len(f.offsets) == len(f.text)
    try:
        claims = extract_claims(text, PUBLISHED)
    except InputError:
        return
    for c in claims:
        assert text[c.span[0] : c.span[1]] == c.quote


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("قتل مدنيا،.ـًٌٍَُِّْ\u200f\u202b\u200d\u06d6")), max_size=80),
    st.integers(min_value=0, max_value=2500),
)
def test_fold_offsets_after_dropped_runs_point_at_the_kept_characters(text, pad):
    """The kept offsets are built from the runs of dropped characters (diacritics, tatweel, bidi
    controls), for a sentence (whose fold is cached) and a long text (whose fold is not): each
    folded character maps to the original character it came from, as the one-by-one fold does."""
    from tawthiq.text.arabic import _fold_char

    long_text = text + "ق" * pad
    for t in (text, long_text, text):  # the third call is the cached fold of the first
        f = fold_arabic(t)
        expected = [i for i, ch in enumerate(t) for _ in _fold_char(ch)]
        assert list(f.offsets) == expected
        assert f.text == "".join(_fold_char(ch) for ch in t)


def test_word_prefilter_never_hides_a_place(monkeypatch):
    """The first-letters prefilter of match_arabic is only a speed-up: the same places without it."""
    from tawthiq.gazetteer import _arabic

    g = load_gazetteer()
    texts = [
        p.read_text(encoding="utf-8") for p in sorted(REPORTS.glob("ar_*.txt")) if "reversed" not in p.name
    ]
    texts.append("قتل 16 مدنياً في تفجير بمدينة حمص وبحي الشعار وفي ريف دمشق ولبلدة سراقب")
    texts.append("قتل 5 مدنيين في غزة وفي مدينة صنعاء وبالموصل، ولبلدة سراقب في ريف إدلب")  # world and Syrian

    def places():
        return [[(m.start, m.end, m.place.id) for m in g.match_arabic(t)] for t in texts]

    fast = places()
    assert any(pid.startswith("world:") for ms in fast for _, _, pid in ms)  # the world layer is tried too
    monkeypatch.setattr(_arabic, "_may_start", lambda word, heads: True)
    assert places() == fast


# ---------------------------------------------------------------- generalising (round two)
def _ar(text, published=PUBLISHED, title=None):
    return extract_claims(text, published, title=title)


def test_header_url_with_an_arabic_slug_is_not_a_sentence():
    text = (
        "URL: https://example.org/ar/news/مقتل-سبعة-بقصف-على-بلدة-تلدو\n"
        "OUTLET: Example\n\n"
        "قتل سبعة مدنيين بقصف مدفعي على بلدة تلدو اليوم.\n"
    )
    c = _one(_ar(text))
    assert c.fatalities.low == 7 and not c.quote.startswith("URL")


def test_headline_with_its_own_figure_is_kept_and_a_restating_one_is_not():
    restated = "عشرات الضحايا بقصف على بلدة تلدو\n\nقتل 14 مدنيا بقصف مدفعي على بلدة تلدو اليوم.\n"
    assert [c.fatalities.low for c in _ar(restated, title="عشرات الضحايا بقصف على بلدة تلدو")] == [14]
    own = "مقتل 9 مدنيين بقصف على مدينة الرستن\n\nوقتل 4 مدنيين بقصف مدفعي على بلدة تلدو اليوم.\n"
    lows = sorted(c.fatalities.low for c in _ar(own, title="مقتل 9 مدنيين بقصف على مدينة الرستن"))
    assert lows == [4, 9]


def test_lede_and_body_repeating_one_toll_are_one_claim_with_the_source():
    text = (
        "قتل 11 مدنيا بغارة جوية على بلدة تلدو صباح اليوم.\n"
        "وقال الدفاع المدني إن 11 مدنيا قتلوا بغارة على بلدة تلدو.\n"
    )
    c = _one(_ar(text))
    assert c.fatalities.low == 11 and c.attributed_to == "Syria Civil Defence"


def test_a_sentence_with_no_date_takes_the_date_of_the_event_before_it():
    text = (
        "قتل 5 مدنيين بغارة جوية على بلدة تلدو يوم الأحد.\n"
        "وأصيب 9 آخرون بجروح في غارة ثانية على مدينة الرستن.\n"
    )
    claims = _ar(text)
    assert {c.time.start for c in claims} == {date(2016, 12, 11)}


def test_a_country_wide_toll_is_a_tally_of_other_causes():
    text = (
        "وثقت الشبكة السورية لحقوق الإنسان مقتل 900 شخص في سوريا خلال تشرين الثاني الماضي.\n"
        "وقتل 300 منهم في سوريا على يد قوات النظام.\n"
    )
    claims = _ar(text)
    assert [(c.kind, c.event_type) for c in claims] == [("tally", "other"), ("tally", "other")]
    assert claims[1].time.start == date(2016, 11, 1)


def test_a_monitors_own_dispatch_is_its_own_voice_unless_it_names_itself():
    # annotation.md, "Self-publishing organisations": a monitor's claim on its own site is in its own
    # voice (null), as in English; a sentence that names the monitor as its speaker keeps the name
    text = (
        "OUTLET: Syrian Observatory for Human Rights (المرصد السوري لحقوق الإنسان)\n\n"
        "استشهد 6 مواطنين في غارات جوية على بلدة تلدو اليوم.\n"
    )
    assert _one(_ar(text)).attributed_to is None
    named = text.replace("استشهد 6", "ووثق المرصد السوري لحقوق الإنسان استشهاد 6")
    assert _one(_ar(named)).attributed_to == "Syrian Observatory for Human Rights"


def test_the_hospital_the_wounded_were_taken_to_is_not_a_target_and_habit_is_not_an_event():
    text = (
        "قتل 8 مدنيين بغارة جوية على بلدة تلدو اليوم.\n"
        "ونقل الهلال الأحمر الجرحى إلى المستشفى الوطني.\n"
        "وكثيرا ما تقصف البلدة بالبراميل المتفجرة.\n"
    )
    c = _one(_ar(text))
    assert c.event_type == "attack.air_strike"


@pytest.mark.parametrize(
    ("phrase", "low", "qualifier"),
    [
        ("أودى القصف بحياة 12 مدنيا", 12, "exact"),
        ("أودت الغارة بحياة سبعة أشخاص", 7, "exact"),
        ("قتل أحد عشر مدنيا يوم الأحد", 11, "exact"),
        ("مقتل 4 رجال بينهم شاب وجرح 9 أشخاص على الأقل", 4, "exact"),
        ("راح ضحيته ستة أطفال على الأقل", 6, "at_least"),
    ],
)
def test_killing_phrases_and_where_at_least_belongs(phrase, low, qualifier):
    fat, _ = find_tolls_ar(fold(phrase))
    assert (fat.low, fat.qualifier) == (low, qualifier)


def test_victims_alone_is_a_mixed_count_and_sunday_is_not_one():
    assert find_tolls_ar(fold("أوقع التصعيد عشرات الضحايا المدنيين")) == (None, None)
    fat, _ = find_tolls_ar(fold("قتل مدني يوم الأحد"))
    assert fat is None or fat.low == 1


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("أفاد ناشطون بمقتل 5 مدنيين في بلدة تلدو", "ناشطون"),
        ("وفقاً لوزارة الصحة في المدينة قتل 50 شخصا", "وزارة الصحة في المدينة"),
        ("قتل 12 مدنيا بحسب ما أعلنت مديرية الصحة", "مديرية الصحة"),
        ("نقلت وكالة رويترز عن مسؤول في الدفاع المدني أن 10 قتلوا", "Syria Civil Defence"),
        (
            "حذر مكتب الأمم المتحدة للشؤون الإنسانية من تدهور الوضع بعد مقتل 40 مدنيا",
            "UN humanitarian office",
        ),
        ("وتحدثت أنباء عن مقتل 5 أشخاص", None),
    ],
)
def test_attribution_verbs_and_prepositions(sentence, party):
    from tawthiq.extract._arabic import find_attribution_ar

    assert find_attribution_ar(fold_arabic(sentence), sentence) == party


def test_a_pronoun_subject_names_the_party_named_before_with_that_noun():
    text = (
        "أعلنت لجان التنسيق المحلية مقتل 30 شخصا في بلدة تلدو اليوم.\n"
        "بينما ذكرت الشبكة السورية لحقوق الإنسان أن 9 أشخاص قتلوا في مدينة الرستن.\n"
        "وكشفت اللجان عن إعدام 6 معتقلين في بلدة كفرنبل.\n"
    )
    last = [c for c in _ar(text) if c.fatalities and c.fatalities.low == 6]
    assert _one(last).attributed_to == "لجان التنسيق المحلية"


def test_allegations_are_unconfirmed_not_denied_and_a_forecast_is_no_event():
    from tawthiq.extract._arabic import find_certainty_ar, find_events_ar

    assert find_certainty_ar(fold("وتحدثت ادعاءات عن قصف بالكلور")) == "unconfirmed"
    assert find_certainty_ar(fold("نفت الوزارة قصف المستشفى")) == "denied"
    assert find_events_ar(fold("وحذر من أن المدينة ستتعرض لقصف عنيف")) == []


def test_towns_outside_syria_are_found_by_their_arabic_names_where_a_place_stands():
    gaz = load_gazetteer()

    def names(text):
        return [(m.surface, m.place.name_en) for m in gaz.match_arabic(text)]

    assert names("قصف على مدينة غزة") == [("مدينة غزة", "Gaza")]
    assert names("غارة على صنعاء") == [("صنعاء", "Sanaa")]
    assert names("بقيادة واشنطن") == []  # no place word or locative: a name in a phrase, not a place
    assert names("في بلدة عين الخضرة") == []  # the first word of a longer (unknown) name
    # (the Ghouta's عين ترما was that example until the gazetteer learnt its Arabic name, session 22)
    assert names("في بلدة عين ترما") == [("بلدة عين ترما", "Ein Terma")]
    assert names("في المحلات التجارية") == []  # a common word that is a small town somewhere


def test_an_arabic_claim_in_gaza_has_gazas_coordinate():
    c = _one(_ar("قتل 30 شخصا بغارة جوية على مدينة غزة اليوم.\n"))
    assert c.places[0].place_id.startswith("world:") and 31.0 < c.places[0].lat < 32.0


def test_suffocation_cases_are_wounded_and_the_wounded_of_the_strike_before_join_it():
    assert find_tolls_ar(fold("سجلت 11 حالة اختناق بين المدنيين"))[1].low == 11
    assert find_tolls_ar(fold("قضى 21 شخصا اختناقا"))[0].low == 21
    text = "قتل 10 مدنيين بغارة جوية على بلدة تلدو اليوم، كما تسببت الغارة بإصابة العشرات منهم.\n"
    c = _one(_ar(text))
    assert (c.fatalities.low, c.injured.low, c.injured.qualifier) == (10, 10, "vague")


def test_per_place_breakdown_with_one_toll_each_is_not_merged_across_manners():
    text = (
        "وقال مصدر في الشرطة إن قذائف صاروخية سقطت على حي الفردوس في حلب ما أدى لمقتل شخصين.\n"
        "ولفت المصدر إلى أن قناصا أطلق النار على أهالي حي الشعار ما أسفر عن مقتل شخصين.\n"
    )
    assert sorted(c.event_type for c in _ar(text)) == ["attack.ground", "attack.shelling"]


def test_a_passing_mention_with_no_number_place_or_time_is_not_a_claim():
    text = (
        "قتل 7 مدنيين بقصف مدفعي على بلدة تلدو اليوم.\n"
        "وتعرضت المنطقة لمزيد من الاستهداف بالصواريخ وسط اشتباكات متقطعة.\n"
    )
    assert [c.fatalities.low for c in _ar(text)] == [7]


# ----------------------------------------------------------------- third round: classes (issue 16)
@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("قتلت طائرات التحالف الدولي 18 مدنيا في مدينة الرقة.", 18),  # verb, subject, then the count
        ("أصابت قذائف الهاون 9 أشخاص في حي الشعار بحلب.", None),  # the same verb form for the wounded
        ("راح ضحية القصف الصاروخي 7 مدنيين في حي الفردوس بحلب.", 7),
        ("قتل عنصران من الدفاع المدني في غارة على مدينة أريحا.", 2),  # a dual noun
        ("قتل طفل وامرأة في قصف على بلدة كفرزيتا.", 2),  # singular persons joined by و
        ("استشهد شاب وطفلين بقذيفة على حي الميدان بحلب.", 3),
    ],
)
def test_killing_verbs_before_their_subject_and_counted_nouns_give_the_toll(sentence, killed):
    c = _one(_ar(sentence))
    assert (c.fatalities.low if c.fatalities else None) == killed


def test_the_active_wounding_verb_counts_the_wounded():
    c = _one(_ar("أصابت قذائف الهاون 9 أشخاص في حي الشعار بحلب."))
    assert c.injured is not None and c.injured.low == 9


@pytest.mark.parametrize(
    "sentence",
    [
        "استهدفت طائرة مسيرة سيارة في مدينة الباب ما أدى إلى مقتل 3 أشخاص.",
        "قصفت مروحيات النظام بلدة اللطامنة ببرميلين متفجرين.",
        "قتل 5 أشخاص بغارة نفذتها طائرة بدون طيار على بلدة سرمين.",
    ],
)
def test_drones_helicopters_and_barrels_in_the_dual_are_air_strikes(sentence):
    assert _one(_ar(sentence)).event_type == "attack.air_strike"


def test_a_march_is_not_a_drone():
    claims = _ar("خرجت مسيرة احتجاجية في مدينة إدلب بعد قصف مدفعي قتل 4 مدنيين.")
    assert [c.event_type for c in claims] == ["attack.shelling"]


def test_a_definition_of_a_weapon_is_no_event():
    assert _ar("يشار إلى أن البراميل المتفجرة هي عبارة عن براميل محشوة بالمتفجرات تلقيها المروحيات.") == []


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("في الرابع من يناير", date(2016, 1, 4)),
        ("في الحادي والعشرين من شهر شباط الماضي", date(2016, 2, 21)),
        ("في الثاني عشر من كانون الأول", date(2016, 12, 12)),
        ("في العاشر من تشرين الثاني/نوفمبر 2016", date(2016, 11, 10)),
    ],
)
def test_ordinal_days_in_words_are_dates(phrase, day):
    c = _one(_ar(f"قتل 9 أشخاص في غارات على بلدة حريتان {phrase}."))
    assert (c.time.start, c.time.precision, c.kind) == (day, "day", "incident")


def test_the_month_of_tishreen_al_awwal_is_not_the_first_of_a_month():
    c = _one(_ar("قتل 9 أشخاص في غارات على بلدة حريتان في تشرين الأول من العام الماضي.", date(2016, 3, 10)))
    assert (c.time.start, c.time.end, c.time.precision) == (date(2015, 10, 1), date(2015, 10, 31), "month")


def test_a_monitors_count_for_a_month_is_a_tally():
    c = _one(_ar("وثقت الشبكة السورية لحقوق الإنسان مقتل 210 مدنيين في شهر تشرين الثاني."))
    assert c.kind == "tally" and c.time.precision == "month" and c.fatalities.low == 210


def test_a_neighbourhood_of_a_city_not_named_is_kept_whole_and_not_a_foreign_town():
    """Aleppo is not named, so the Aleppo neighbourhood is not allowed; its first word (بستان) is a
    town in Turkey, and "حصار" (siege) a town in India: neither may stand for the place."""
    c = _one(_ar("قتل 4 مدنيين بنيران قناص في حي بستان القصر."))
    assert [(p.name, p.place_id) for p in c.places] == [("حي بستان القصر", None)]
    c = _one(_ar("قتل مئات المدنيين في حصار مضايا."))
    assert all(not (p.place_id or "").startswith("world:") for p in c.places)


@pytest.mark.parametrize(
    "sentence",
    [
        "قتل 12 مدنياً في غارات على مدينة سراقب، وفقاً للدفاع المدني.",  # ل + ال written لل
        "قتل 12 مدنياً في غارات على مدينة سراقب، على ما أفادت منظمة الخوذ البيضاء.",
    ],
)
def test_according_to_with_the_article_after_li_and_as_x_reported_name_the_party(sentence):
    assert _one(_ar(sentence)).attributed_to == "Syria Civil Defence"


def test_a_clause_saying_the_toll_could_not_be_verified_hedges_the_claim_before_it():
    c = _one(_ar("وذكر ناشطون أن 12 مدنياً قتلوا في غارات على مدينة سراقب، فيما لم يتسن التحقق من الحصيلة."))
    assert c.certainty == "unconfirmed" and c.fatalities.low == 12
    claims = _ar("قتل 12 مدنياً في غارات على مدينة سراقب.\nولم يتسنَّ التحقق من ذلك من مصدر مستقل.\n")
    assert [c.certainty for c in claims] == ["unconfirmed"]


def test_a_clause_that_details_or_sets_the_scene_is_not_a_claim_of_its_own():
    text = (
        "قتل 9 مدنيين في قصف مدفعي على مدينة دوما، حيث استهدف القصف سوق الهال الشعبي.\n"
        "وأصيب 20 آخرون في غارات على بلدة حمورية، وسط نقص الإمكانيات الطبية والأدوية.\n"
    )
    assert [(c.event_type, c.fatalities, c.injured and c.injured.low) for c in _ar(text)] == [
        ("attack.shelling", Count(low=9, high=9, qualifier="exact"), None),
        ("attack.air_strike", None, 20),
    ]


def test_a_quarter_the_gazetteer_lacks_lies_in_the_town_the_report_is_about():
    text = (
        "قتل 20 مدنيا في غارات على مدينة الرقة اليوم.\n"
        "ومن بين القتلى 12 شخصا قتلوا في غارة استهدفت مقهى في ضاحية جزرة غرب المدينة.\n"
    )
    second = _ar(text)[-1]
    assert [p.name for p in second.places] == ["ضاحية جزرة", "مدينة الرقة"]
    assert second.places[1].place_id == load_gazetteer().lookup("الرقة")[0].id


def test_a_toll_likely_to_rise_is_a_forecast_not_a_claim():
    assert _ar("ويرجح أن يرتفع عدد القتلى في غارات على مدينة سراقب.") == []


def test_a_conjunction_glued_to_a_word_is_no_place_but_a_list_of_places_is():
    """ "فرقه" is "its teams", not "ف" + Raqqa governorate; "في حمص وحلب" and "حلب وحمص" are two places."""
    g = load_gazetteer()
    assert g.match_arabic("قال الدفاع المدني إن فرقه انتشلت جثث 16 شخصاً") == []
    assert [m.surface for m in g.match_arabic("قصف على حمص وحلب")] == ["حمص", "حلب"]
    assert [m.surface for m in g.match_arabic("حلب وحمص")] == ["حلب", "حمص"]


def test_a_war_long_toll_is_a_tally_in_the_country_dated_from_its_period():
    text = (
        "قتل 14 مدنياً في غارات على بلدة كفرنبل اليوم.\n"
        "وتشهد سوريا منذ عام 2011 نزاعاً دامياً تسبب بمقتل أكثر من 370 ألف شخص.\n"
        "وتشهد البلاد منذ بداية الثورة نزاعاً مسلحاً.\n"
    )
    claims = _ar(text)
    assert [c.kind for c in claims] == ["incident", "tally"]
    war = claims[1]
    assert (war.event_type, [p.place_id for p in war.places]) == ("other", ["SY"])
    assert (war.time.start, war.time.precision) == (date(2011, 3, 15), "year")  # the first protests
    assert war.fatalities.contract() == {"low": 370000, "high": None, "qualifier": "more_than"}


def test_a_headline_over_the_province_is_the_body_claim_in_its_town():
    text = (
        "مقتل 14 مدنياً بغارات روسية على ريف إدلب\n\n"
        "قتل 14 مدنياً على الأقل جراء غارات جوية على بلدة كفرنبل في ريف إدلب الجنوبي.\n"
    )
    claims = _ar(text, title="مقتل 14 مدنياً بغارات روسية على ريف إدلب")
    assert [(c.fatalities.qualifier, c.places[0].name) for c in claims] == [("at_least", "بلدة كفرنبل")]


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("يوم الثلاثاء", date(2016, 12, 13), date(2016, 12, 13), "day"),  # يوم is "the day of", not today
        ("مساء يوم الأحد", date(2016, 12, 11), date(2016, 12, 11), "day"),
        ("يوم الثلاثاء الماضي", date(2016, 12, 6), date(2016, 12, 6), "day"),  # written on a Tuesday
        ("في 11/12/2016", date(2016, 12, 11), date(2016, 12, 11), "day"),  # day first
        ("بتاريخ 2016-12-11", date(2016, 12, 11), date(2016, 12, 11), "day"),
        ("في الـ5 من الشهر الجاري", date(2016, 12, 5), date(2016, 12, 5), "day"),
        ("في الخامس من الشهر الماضي", date(2016, 11, 5), date(2016, 11, 5), "day"),
        ("خلال الساعات الـ48 الماضية", date(2016, 12, 11), date(2016, 12, 13), "days"),
        ("خلال الأسبوع الجاري", date(2016, 12, 12), date(2016, 12, 13), "week"),
        ("منذ مطلع الشهر الجاري", date(2016, 12, 1), date(2016, 12, 13), "month"),
    ],
)
def test_arabic_date_forms_of_the_press(phrase, start, end, precision):
    t = resolve_time_ar(fold(f"قتل 5 مدنيين {phrase}"), PUBLISHED)
    assert (t.start, t.end, t.precision) == (start, end, precision)


def test_a_toll_over_a_year_is_a_tally_of_that_year():
    c = _one(_ar("وثقت الشبكة مقتل 1200 مدني في محافظة إدلب خلال العام الماضي.", date(2017, 1, 20)))
    assert (c.kind, c.time.start, c.time.end, c.time.precision) == (
        "tally",
        date(2016, 1, 1),
        date(2016, 12, 31),
        "year",
    )


@pytest.mark.parametrize(
    ("arabic", "english"),
    [
        ("مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية", "OCHA"),
        ("منظمة الصحة العالمية", "World Health Organization"),
        ("اللجنة الدولية للصليب الأحمر", "ICRC"),
        ("منظمة أطباء بلا حدود", "Doctors Without Borders"),
        ("منظمة العفو الدولية", "Amnesty"),
        ("وزارة الدفاع الروسية", "Russian defence ministry"),
    ],
)
def test_an_arabic_party_carries_the_english_canonical_name(arabic, english):
    from tawthiq.corroborate import normalize_party

    assert canonical_party(arabic) == canonical_party(english)
    assert normalize_party(arabic) == normalize_party(english)


@pytest.mark.parametrize(
    ("arabic", "english"),
    [
        ("الجمعية الطبية السورية الأمريكية", "SAMS"),
        ("مركز حلب الإعلامي", "Aleppo Media Center"),
        ("التحالف الدولي", "the US-led coalition"),
        ("التحالف الدولي بقيادة واشنطن", "the international coalition"),
        ("لجان التنسيق المحلية", "Local Coordination Committees"),
    ],
)
def test_an_origin_named_in_arabic_and_in_english_counts_once(arabic, english):
    """The origin table (corroborate) folds ء away: "أطباء بلا حدود" was not MSF there."""
    from tawthiq.corroborate import normalize_party

    assert normalize_party(arabic) == normalize_party(english)
    assert normalize_party("the Saudi-led coalition") != normalize_party("التحالف الدولي")


def test_an_armed_attack_with_no_weapon_named_is_a_ground_attack_not_the_manner_before():
    text = (
        "قتل 6 مدنيين في غارات على مدينة سراقب اليوم.\n"
        "وقتل أربعة مدنيين في هجوم مسلح استهدف حاجزا أمنيا بريف حماة.\n"
        "وأسفر الهجوم عن إصابة ثلاثة آخرين.\n"
    )
    assert [c.event_type for c in _ar(text)][:2] == ["attack.air_strike", "attack.ground"]


def test_the_attack_named_again_keeps_the_manner_told_before():
    text = "قتل 6 مدنيين في غارات على مدينة سراقب اليوم.\nوأسفر الهجوم عن مقتل طفلين آخرين في المدينة.\n"
    assert {c.event_type for c in _ar(text)} == {"attack.air_strike"}


def test_the_seat_of_the_speakers_office_is_not_the_claims_place():
    text = (
        "قتل 9 مدنيين بقذائف صاروخية على حي الحمدانية في مدينة حلب اليوم.\n"
        "وكان مصدر في محافظة حلب أفاد بأن 12 شخصا قتلوا جراء القذائف.\n"
    )
    second = _ar(text)[-1]
    assert second.fatalities.low == 12
    assert all(p.place_id != "SY02" for p in second.places)  # not the governorate of the source's office


@pytest.mark.parametrize(
    ("phrase", "days", "precision"),
    [("منذ أكثر من أسبوع", 7, "week"), ("منذ أسبوعين", 14, "week"), ("منذ 3 أيام", 3, "days")],
)
def test_since_a_length_of_time_spans_back_from_the_report(phrase, days, precision):
    t = resolve_time_ar(fold(f"تتعرض المدينة لقصف مكثف {phrase}"), PUBLISHED)
    assert (t.start, t.end, t.precision) == (PUBLISHED - timedelta(days=days), PUBLISHED, precision)


@pytest.mark.parametrize(
    ("phrase", "killed", "wounded"),
    [
        ("قتلت الغارات 22 طفلاً و6 معلمين", (28, 28, "exact"), None),  # coordinated counts of one toll
        ("مقتل ما لا يقل عن 4 ممرضين و7 مرضى", (11, None, "at_least"), None),
        ("قتل 18 شخصا بينهم 5 أطفال و3 نساء", (18, 18, "exact"), None),  # sub-counts never added
        ("مقتل 5 مدنيين و10 جرحى", (5, 5, "exact"), (10, 10, "exact")),  # a count's own noun decides
        ("سقط 5 قتلى و10 جرحى", (5, 5, "exact"), (10, 10, "exact")),
        ("مقتل 3 وإصابة 7", (3, 3, "exact"), (7, 7, "exact")),
    ],
)
def test_coordinated_counts_add_up_and_a_wounded_noun_keeps_its_count(phrase, killed, wounded):
    fat, inj = find_tolls_ar(fold(phrase))
    assert (fat.low, fat.high, fat.qualifier) == killed
    assert ((inj.low, inj.high, inj.qualifier) if inj else None) == wounded


@pytest.mark.parametrize(
    ("phrase", "killed", "wounded"),
    [
        ("لقي طفل مصرعه في القصف", 1, None),
        ("لقي طفلان مصرعهما", 2, None),
        ("سقط قتيلان في القصف", 2, None),  # a casualty noun that is its own count
        ("أسفر القصف عن سقوط قتيل وثلاثة جرحى", 1, 3),
        ("أودى القصف بحياة شخصين", 2, None),
        ("ارتفعت الحصيلة إلى 12", 12, None),  # "the toll" alone is the death toll
        ("ارتفعت حصيلة الجرحى إلى 12", None, 12),
        ("بلغت حصيلة الضحايا 30", None, None),  # ضحايا alone is a mixed count
    ],
)
def test_singular_dual_and_running_tolls(phrase, killed, wounded):
    fat, inj = find_tolls_ar(fold(phrase))
    assert (fat.low if fat else None, inj.low if inj else None) == (killed, wounded)


SOHR, SCD = "Syrian Observatory for Human Rights", "Syria Civil Defence"


@pytest.mark.parametrize(
    ("sentence", "party", "certainty"),
    [
        ("المرصد: مقتل 12 مدنيا في غارات على مدينة إدلب", SOHR, "reported"),
        ('الدفاع المدني لـ"عنب بلدي": مقتل 12 مدنيا في غارات على مدينة إدلب', SCD, "reported"),
        ("حلب: مقتل 12 مدنيا في غارات على حي الشعار", None, "reported"),  # a place before the colon
        # "يدعى" (named) is no hedge; "يدعي أن" (claims that) is
        ("وقال مسؤول في الدفاع المدني يدعى أحمد إن 12 مدنيا قتلوا في غارات على مدينة إدلب.", SCD, "reported"),
        ("ويدعي النظام أن 12 شخصا قتلوا في غارات على مدينة إدلب.", None, "unconfirmed"),
        ("واتهم ناشطون الطيران الروسي بقصف بلدة معرشورين ما أدى إلى مقتل 12 مدنيا.", "ناشطون", "reported"),
    ],
)
def test_party_before_a_colon_a_man_named_is_no_hedge_and_the_accuser_speaks(sentence, party, certainty):
    c = _one(_ar(sentence))
    assert (c.attributed_to, c.certainty) == (party, certainty)


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        ("سيطرت قوات النظام على بلدة خان شيخون اليوم.", ["territory.change"]),  # the subject in between
        ("استعادت القوات الحكومية السيطرة على مدينة سراقب.", ["territory.change"]),
        # a relative clause describes a place: no second event
        ("قتل 9 مدنيين في مدينة سراقب قرب قاعدة جوية انتزعتها القوات الحكومية.", ["other"]),
        ("قتل 9 مدنيين في البلدة التي سيطرت عليها القوات الحكومية أمس.", ["other"]),
    ],
)
def test_territory_taken_with_its_subject_between_and_a_place_described_is_not_taken(sentence, types):
    assert [c.event_type for c in _ar(sentence)] == types


def test_a_governorate_named_like_the_reports_town_is_the_town():
    text = (
        "قتل 20 مدنيا في غارات على مدينة الرقة اليوم.\n"
        "وقتل 15 شخصا في غارة على مقهى غرب المدينة التي تحاول قوات سوريا الديمقراطية اقتحام الرقة منها.\n"
    )
    second = _ar(text, title="غارات على مدينة الرقة")[-1]
    raqqa_town = load_gazetteer().lookup("مدينة الرقة")[0]
    assert raqqa_town.kind == "town" and [p.place_id for p in second.places] == [raqqa_town.id]


def test_a_later_account_without_a_number_restates_the_toll_claim_before_it():
    text = (
        "قتل 12 مدنياً في غارات على مدينة سراقب اليوم، بحسب الدفاع المدني.\n"
        "وقال الدفاع المدني إن الغارات استهدفت سوقاً شعبياً في مدينة سراقب اليوم.\n"
        "وقال المرصد السوري إن طائرات روسية نفذت الغارات على مدينة سراقب اليوم.\n"
    )
    claims = _ar(text)
    assert [(c.fatalities.low if c.fatalities else None, c.attributed_to) for c in claims] == [
        (12, "Syria Civil Defence"),
        (None, "Syrian Observatory for Human Rights"),  # another party asserting: a claim of its own
    ]


def test_a_per_place_breakdown_is_one_claim_per_place_each_quoting_its_part():
    text = "استشهد 3 مواطنين في بلدة كفربطنا، و2 في مدينة دوما، ومواطن في مدينة حرستا، جراء القصف الجوي.\n"
    claims = _ar(text)
    assert [(c.fatalities.low, c.places[0].name) for c in claims] == [
        (3, "بلدة كفربطنا"),
        (2, "مدينة دوما"),
        (1, "مدينة حرستا"),
    ]
    assert {c.event_type for c in claims} == {"attack.air_strike"}
    assert all(text[c.span[0] : c.span[1]] == c.quote for c in claims)


def test_a_toll_with_its_subcounts_by_place_is_not_a_breakdown():
    c = _one(_ar("قتل 12 مدنيا في غارات على ريف إدلب، بينهم 5 في بلدة حاس و4 في بلدة كفرنبل."))
    assert c.fatalities.low == 12


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ('"قتل 12 مدنيا في الغارات على مدينة سراقب"، قال أحمد الشيخ، وهو مسعف في الدفاع المدني.', SCD),
        ("ووفق إحصائية لمركز إدلب الإعلامي، قتل 12 مدنيا في الغارات على مدينة سراقب.", "مركز إدلب الإعلامي"),
        (
            "وبحسب تقرير للشبكة السورية لحقوق الإنسان، قتل 12 مدنيا في الغارات على مدينة سراقب.",
            "Syrian Network for Human Rights",
        ),
    ],
)
def test_a_person_speaks_for_the_body_of_his_apposition_and_a_document_for_its_author(sentence, party):
    assert _one(_ar(sentence)).attributed_to == party


def test_a_strike_on_a_civil_defence_centre_is_an_attack_on_medical_care():
    c = _one(_ar("قتل 3 متطوعين في غارة جوية استهدفت مركزا للدفاع المدني في بلدة حاس."))
    assert (c.event_type, c.fatalities.low) == ("attack.medical", 3)
    c = _one(_ar("قال الدفاع المدني إن 5 مدنيين قتلوا في غارات على بلدة حاس."))
    assert c.event_type == "attack.air_strike"  # the civil defence speaking is no target


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("فيما قتل 287 مسلحاً في المعارك على أطراف مدينة حلب.", False),  # fighters only
        ("وقتل أربعة من عناصر القوات الحكومية في هجوم على حاجز بريف حماة.", False),
        ("قتل 3 عناصر من الدفاع المدني في غارة على بلدة حاس.", True),  # rescuers are not fighters
        ("قتل 5 مسلحين و3 مدنيين في غارة على بلدة حاس.", True),  # civilians among them
        ("قتل 12 شخصا في غارة على بلدة حاس.", True),
    ],
)
def test_a_toll_of_fighters_only_is_not_harm_to_civilians(sentence, kept):
    assert bool(_ar(sentence)) is kept


@pytest.mark.parametrize(
    ("phrase", "start"),
    [
        ("قبل يومين", date(2016, 12, 11)),
        ("قبل 3 أيام", date(2016, 12, 10)),
        ("قبل أيام", PUBLISHED),  # no length: the report's day
        ("قبل يومين من الهجوم", PUBLISHED),  # before another event, not before the report
    ],
)
def test_days_ago_count_back_from_the_report(phrase, start):
    assert resolve_time_ar(fold(f"قتل 5 مدنيين {phrase}"), PUBLISHED).start == start
