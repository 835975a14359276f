"""Arabic classes of session 20 (issue 16): who speaks for every clause of a run-on sentence, who speaks
when the verb is an appeal, tolls told as a forecast, and the figure kept when one toll is told twice.
Every sentence is generated from a template in our own words; none is copied from a report."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tawthiq.extract import extract_claims

PUBLISHED = date(2019, 5, 12)

# a party named in full, then named again by its noun at the head of a run-on sentence
_NAMED_AGAIN = [
    ("قالت الشبكة السورية لحقوق الإنسان", "وأكدت الشبكة", "Syrian Network for Human Rights"),
    ("قال المرصد السوري لحقوق الإنسان", "وأضاف المرصد", "Syrian Observatory for Human Rights"),
    ("قال الدفاع المدني السوري", "وأضاف أن", "Syria Civil Defence"),
]
_THEN = ["فيما", "بينما", "في حين", "كما"]


@pytest.mark.parametrize(("named", "then"), list(product(_NAMED_AGAIN, _THEN)))
def test_every_clause_of_a_run_on_sentence_is_said_by_the_party_its_first_clause_names(named, then):
    # the clause after "، فيما" took the party of the sentence read alone: "وأكدت الشبكة" alone names
    # nobody (which network?), so the second toll had no speaker at all
    first, again, party = named
    lead = f"{again} أن" if not again.endswith("أن") else again
    text = (
        f"{first} إن قوات النظام قتلت 20 مدنيا في مدينة حلب أمس.\n"
        f"{lead} القوات الروسية قتلت 13 مدنيا في مدينة إدلب، "
        f"{then} قتل أربعة مدنيين في غارات على مدينة الرقة."
    )
    claims = extract_claims(text, PUBLISHED)
    by_toll = {c.fatalities.low: c.attributed_to for c in claims if c.fatalities}
    assert by_toll == {20: party, 13: party, 4: party}


def test_a_clause_denying_its_sentence_is_still_said_by_the_denier_alone():
    # the denier speaks for its own clause, and the toll it denies keeps no party it did not name
    text = "قتل 12 مدنيا في غارات على مدينة سراقب، فيما نفت وزارة الدفاع الروسية ذلك."
    claims = extract_claims(text, PUBLISHED)
    toll = next(c for c in claims if c.fatalities)
    assert toll.attributed_to is None


# ------------------------------------------------------------------ an appeal names who makes it
_APPEALERS = [  # (as written, its grammatical gender, the party)
    ("منظمة العفو الدولية", "f", "Amnesty International"),
    ("المرصد السوري لحقوق الإنسان", "m", "Syrian Observatory for Human Rights"),
    ("الدفاع المدني", "m", "Syria Civil Defence"),
]
_APPEALS = [  # (the verb, he and she), what follows its speaker
    (("ودعا", "ودعت"), "إلى التحقيق بعد مقتل 12 مدنيا في قصف على مدينة دوما أمس."),
    (("وطالب", "وطالبت"), "بمحاسبة المسؤولين عن مقتل 12 مدنيا في قصف على مدينة دوما أمس."),
    (("وناشد", "وناشدت"), "المجتمع الدولي التدخل بعد مقتل 12 مدنيا في قصف على مدينة دوما أمس."),
    (("وحث", "وحثت"), "الأطراف على وقف القتال، بعد مقتل 12 مدنيا في قصف على مدينة دوما أمس."),
    (("وأعرب", "وأعربت"), "عن القلق إزاء مقتل 12 مدنيا في قصف على مدينة دوما أمس."),
]


@pytest.mark.parametrize(("appealer", "appeal"), list(product(_APPEALERS, _APPEALS)))
def test_a_toll_told_in_an_appeal_is_said_by_the_one_who_appeals(appealer, appeal):
    # an appeal, a demand or a concern names its speaker as a reporting verb does: the toll had no party
    written, gender, party = appealer
    (he, she), rest = appeal
    sentence = f"{he if gender == 'm' else she} {written} {rest}"
    claims = extract_claims(sentence, PUBLISHED)
    assert [(c.fatalities.low if c.fatalities else None, c.attributed_to) for c in claims] == [(12, party)]


def test_an_appeal_with_no_toll_is_no_claim():
    assert extract_claims("ويطالب الأهالي بإدخال المساعدات إلى مدينة مضايا المحاصرة.", PUBLISHED) == []


# ------------------------------------------------------------------ a toll that may come is no toll
_MAY_DIE = [
    "حذر {p} من أن آلاف المدنيين قد يقتلون إذا استمر الهجوم على مدينة إدلب.",
    "وقال {p} إن مئات المدنيين سيقتلون في حال بدء الهجوم على مدينة إدلب.",
    "ويخشى {p} أن يقتل المئات إذا اقتحمت القوات مدينة درعا.",
    "وقال {p} إن آلاف المدنيين قد يلقون حتفهم إذا استمر القصف على مدينة دوما.",
    "وقال {p} إن مئات الأطفال معرضون للموت في مدينة مضايا المحاصرة.",
    "وحذر {p} من أن عشرات الجرحى قد يموتون في مدينة دوما بسبب نقص الأدوية.",
    "وقال {p} إن آلاف الأشخاص سوف يصابون إذا استخدمت الأسلحة في مدينة إدلب.",
]


@pytest.mark.parametrize(("template", "speaker"), list(product(_MAY_DIE, ["المرصد", "منسق الأمم المتحدة"])))
def test_a_toll_told_as_what_may_happen_is_no_claim(template, speaker):
    # CLAIMS.md: forecasts are not claims; "قد يقتلون" gave a toll of thousands on the report's day
    claims = extract_claims(template.format(p=speaker), PUBLISHED)
    assert [c.fatalities for c in claims if c.fatalities or c.injured] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "وقد قتل 12 مدنيا في غارة على مدينة سراقب أمس.",
        "قتل 12 مدنيا في غارة على مدينة سراقب أمس، ويخشى أن يموت آخرون متأثرين بجراحهم.",
        "لقي 12 مدنيا حتفهم في غارة على مدينة سراقب أمس، وقد يرتفع العدد.",
    ],
)
def test_a_toll_that_came_beside_a_fear_stays_a_toll(sentence):
    # قد before a perfect is "has"; a fear beside a toll told does not take the toll away
    claims = extract_claims(sentence, PUBLISHED)
    assert [c.fatalities.low for c in claims if c.fatalities] == [12]


# ------------------------------------------------------------------ a risen toll and its cause
_RISEN = [
    ("ارتفع عدد القتلى جراء الغارات على {place} إلى {n} شخصا", "killed"),
    ("ارتفعت حصيلة القتلى في القصف على {place} إلى {n} مدنيا", "killed"),
    ("وارتفع عدد الشهداء بسبب القصف المدفعي على {place} إلى أكثر من {n} مواطنا", "killed"),
    ("ارتفع عدد الجرحى جراء الغارات على {place} إلى {n} شخصا", "injured"),
]


@pytest.mark.parametrize(
    ("risen", "place", "n"), list(product(_RISEN, ["مدينة سراقب", "بلدة كفرنبل", "حي الشعار"], [30, 145]))
)
def test_a_risen_toll_with_its_cause_between_is_the_toll_its_noun_names(risen, place, n):
    # the cause and the place between the risen toll and its count pushed the count out of reach
    template, role = risen
    claims = extract_claims(template.format(place=place, n=n) + "، وفق المرصد السوري.", PUBLISHED)
    assert len(claims) == 1
    count = claims[0].fatalities if role == "killed" else claims[0].injured
    other = claims[0].injured if role == "killed" else claims[0].fatalities
    assert (count.low if count else None, other) == (n, None)


# ------------------------------------------------------------------ one toll told twice keeps its hedge
_HEDGED = [("على الأقل", "at_least", "{n} مدنيا على الأقل"), ("أكثر من", "more_than", "أكثر من {n} مدنيا")]
_RETOLD = [
    "وقال مدير المرصد إن الغارة استهدفت {place}، ما أسفر عن مقتل {n} مدنيا وجرح العشرات.",
    "وأضاف مدير المرصد أن {n} مدنيا قتلوا وأصيب 20 آخرون في {place}.",
]


@pytest.mark.parametrize(
    ("hedged", "retold", "place"), list(product(_HEDGED, _RETOLD, ["حي الشعار", "مدينة سراقب"]))
)
def test_one_toll_told_with_and_without_its_qualifier_keeps_the_qualifier(hedged, retold, place):
    # the retelling is the richer claim (it has the wounded) and its bare figure replaced the source's hedge
    _, qualifier, phrase = hedged
    text = (
        f"قال المرصد السوري لحقوق الإنسان إن {phrase.format(n=11)} قتلوا في غارة جوية على {place} مساء أمس. "
        + retold.format(place=place, n=11)
    )
    claims = extract_claims(text, PUBLISHED)
    assert [(c.fatalities.low, c.fatalities.qualifier) for c in claims if c.fatalities] == [(11, qualifier)]


# ------------------------------------------------------------------ what goes on, and words left out
_GOES_ON = [
    "ويستهدف مقاتلو المعارضة الأحياء الغربية من {place} بالقذائف.",
    "وتقصف قوات النظام {place} بالبراميل المتفجرة.",
    "وتدور اشتباكات عنيفة على أطراف {place}.",
    "وتستقبل {place} أعدادا كبيرة من النازحين جراء القصف.",
    "وتتعرض {place} لقصف مدفعي متواصل.",
    "فيما تشهد {place} غارات جوية متكررة.",
]
_TOWNS = ["مدينة حلب", "مدينة إدلب", "بلدة كفرنبل"]


@pytest.mark.parametrize(("template", "place"), list(product(_GOES_ON, _TOWNS)))
def test_a_clause_of_what_goes_on_with_no_day_and_no_toll_is_no_claim(template, place):
    # background in the present tense, after the claim it follows; it was a claim of its own, dated
    # on the claim before
    lead = "قتل 12 مدنيا في غارة على مدينة سراقب أمس. "
    claims = extract_claims(lead + template.format(place=place), PUBLISHED)
    assert [c.fatalities.low if c.fatalities else None for c in claims] == [12]


@pytest.mark.parametrize("place", _TOWNS)
def test_what_goes_on_with_a_toll_or_a_day_stays_a_claim(place):
    toll = extract_claims(f"وتقصف قوات النظام {place} بالبراميل ما أدى إلى مقتل 5 مدنيين.", PUBLISHED)
    day = extract_claims(f"وتتعرض {place} منذ صباح اليوم لقصف مدفعي عنيف.", PUBLISHED)
    assert [c.fatalities.low for c in toll if c.fatalities] == [5]
    assert len(day) == 1


@pytest.mark.parametrize("mark", ["(...)", "(…)", "[...]", "( ... )"])
def test_words_left_out_of_a_quotation_end_no_sentence(mark):
    # "(...)" ended the sentence: the car bomb lost its toll, which stood after the elision
    text = f'وقال المحافظ "انفجرت سيارة مفخخة في حي الزهراء في مدينة حمص {mark} وتسببت بمقتل ثمانية أشخاص".'
    claims = extract_claims(text, PUBLISHED)
    told = [(c.event_type, c.fatalities.low if c.fatalities else None) for c in claims]
    assert told == [("attack.ground", 8)]


# ------------------------------------------------------------------ the headline's speaker is the lede's
_LEDES = [
    ("قال المرصد السوري لحقوق الإنسان", "Syrian Observatory for Human Rights"),
    ("أفاد الدفاع المدني السوري", "Syria Civil Defence"),
    ("ذكرت مصادر محلية", "مصادر محلية"),
]
_HEADLINES = ["مقتل 20 مدنيا بغارات على {place}", "20 قتيلا مدنيا في قصف على {place}"]


@pytest.mark.parametrize(
    ("lede", "headline", "place"), list(product(_LEDES, _HEADLINES, ["مدينة إدلب", "مدينة دوما"]))
)
def test_a_headline_toll_of_its_own_is_said_by_the_party_the_lede_names(lede, headline, place):
    # a headline figure found nowhere in the body is a claim of its own (annotation.md), and the headline
    # speaks for the source its lede names; it had no party
    speaker, party = lede
    title = headline.format(place=place)
    body = f"{speaker} إن الطائرات الحربية شنت غارات على {place} صباح اليوم. وقتل 12 مدنيا في السوق."
    text = f"{title}\n\n{body}\n"
    claims = extract_claims(text, PUBLISHED, title=title)
    head = [c for c in claims if c.fatalities and c.fatalities.low == 20]
    assert [c.attributed_to for c in head] == [party]


def test_a_headline_with_a_speaker_of_its_own_keeps_it():
    title = "المرصد: مقتل 20 مدنيا بغارات على مدينة إدلب"
    text = f"{title}\n\nقال الدفاع المدني إن 12 مدنيا قتلوا في غارات على مدينة إدلب صباح اليوم.\n"
    claims = extract_claims(text, PUBLISHED, title=title)
    assert [c.attributed_to for c in claims if c.fatalities.low == 20] == [
        "Syrian Observatory for Human Rights"
    ]


_GOES_ON_WITH_TOLL = [
    "فيما تستهدف قوات النظام الأحياء الشرقية من {place} بالبراميل المتفجرة التي حصدت آلاف القتلى.",
    "ويقصف الطيران {place} بالصواريخ التي أودت بحياة مئات المدنيين.",
    "وتتعرض {place} لقصف متواصل أدى إلى مقتل أكثر من 200 مدني.",
]


@pytest.mark.parametrize(("template", "place"), list(product(_GOES_ON_WITH_TOLL, _TOWNS)))
def test_the_toll_of_what_goes_on_with_no_day_is_a_tally(template, place):
    # a toll summed over an attack that goes on is no one-day incident (annotation.md: kind)
    claims = extract_claims(template.format(place=place), PUBLISHED)
    assert [(c.kind, c.fatalities is not None) for c in claims] == [("tally", True)]


# ------------------------------------------------------------------ a count and one more person
_ONE_MORE = [("وامرأة", 1), ("ورجل", 1), ("وطفل", 1), ("وامرأتان", 2), ("وطفلان", 2), ("وطفلاها", 2)]


@pytest.mark.parametrize(
    ("verb", "count", "more", "place"),
    [
        (v, c, m, p)
        for v, c, m, p in product(["قتل", "استشهد", "أصيب"], [("3", 3), ("خمسة", 5)], _ONE_MORE, _TOWNS[:2])
    ],
)
def test_a_count_and_one_more_person_joined_by_wa_add_up(verb, count, more, place):
    # "استشهد 3 أطفال وامرأة" was 3: the singular joined to a count was added only after a bare verb
    written, n = count
    word, extra = more
    claims = extract_claims(f"{verb} {written} أطفال {word} في قصف على {place} أمس.", PUBLISHED)
    toll = claims[0].injured if verb == "أصيب" else claims[0].fatalities
    assert (len(claims), toll.low if toll else None) == (1, n + extra)


def test_one_more_person_after_a_sub_count_is_no_addition():
    claims = extract_claims("قتل 12 مدنيا بينهم 3 أطفال وامرأة في قصف على بلدة حاس.", PUBLISHED)
    assert [c.fatalities.low for c in claims] == [12]


@pytest.mark.parametrize(
    "sentence",
    [
        "أودت الغارات بحياة 8 مدنيين وأصابت 15 آخرين في {place}.",
        "قتلت الغارة 8 مدنيين وأصابت 15 آخرين في {place}.",
        "أسفر القصف عن مقتل 8 مدنيين، كما أصاب 15 آخرين في {place}.",
    ],
)
@pytest.mark.parametrize("place", _TOWNS)
def test_the_wounded_after_an_active_verb_of_wounding_are_counted(sentence, place):
    # "وأصابت 15 آخرين" (it wounded 15 others) gave no wounded
    claims = extract_claims(sentence.format(place=place), PUBLISHED)
    assert [(c.fatalities.low, c.injured.low if c.injured else None) for c in claims] == [(8, 15)]


# ------------------------------------------------------------------ a place described by the attack told
_DESCRIBED = [  # each with a place and a time of its own, so that it is no passing mention
    "وقال مسعف إن عمليات الإنقاذ في {place} تأخرت خمس ساعات بسبب ضيق الحي الذي استهدفه القصف.",
    "وعاد الأهالي صباح اليوم إلى {place} التي تعرضت للقصف لتفقد منازلهم.",
    "ويعاني المستشفى في {place} الذي طاله القصف من نقص في الأدوية منذ يومين.",
    "وتفقد الدفاع المدني صباح اليوم في {place} المباني التي دمرتها الغارات.",
]


@pytest.mark.parametrize(("sentence", "place"), list(product(_DESCRIBED, _TOWNS)))
def test_an_attack_in_a_relative_clause_with_no_toll_is_no_claim_of_its_own(sentence, place):
    # "الحي الذي استهدفه القصف" describes the quarter by the strike just told: it was a second claim
    claims = extract_claims(
        f"قتل 5 مدنيين في غارة على {place} أمس. " + sentence.format(place=place), PUBLISHED
    )
    assert [c.fatalities.low if c.fatalities else None for c in claims] == [5]


@pytest.mark.parametrize("place", _TOWNS)
def test_a_toll_with_its_attack_in_a_relative_clause_stays_a_claim(place):
    claims = extract_claims(f"قتل 5 مدنيين في القصف الذي استهدف {place} أمس.", PUBLISHED)
    assert [c.fatalities.low for c in claims] == [5]


# ------------------------------------------------------------------ a source in brackets at the end
@pytest.mark.parametrize(
    ("source", "party"),
    [
        ("المرصد", "Syrian Observatory for Human Rights"),
        ("المرصد السوري", "Syrian Observatory for Human Rights"),
        ("الدفاع المدني", "Syria Civil Defence"),
        ("الشبكة السورية لحقوق الإنسان", "Syrian Network for Human Rights"),
    ],
)
@pytest.mark.parametrize(
    "line", ["12 قتيلا بغارات على {place} ({s})", "مقتل 12 مدنيا بغارات على {place} [{s}]."]
)
@pytest.mark.parametrize("place", _TOWNS[:2])
def test_a_source_in_brackets_at_the_end_of_a_line_is_its_speaker(source, party, line, place):
    claims = extract_claims(line.format(place=place, s=source), PUBLISHED)
    assert [c.attributed_to for c in claims] == [party]


@pytest.mark.parametrize("tail", ["(رويترز)", "(فرانس برس)", "(حلب)", "(صور)"])
def test_an_agency_or_a_place_in_brackets_is_no_speaker(tail):
    # a wire relaying the story is the report's own voice, as everywhere else
    claims = extract_claims(f"مقتل 12 مدنيا بغارات على مدينة سراقب {tail}", PUBLISHED)
    assert [c.attributed_to for c in claims] == [None]


# ------------------------------------------------------------------ a toll that names no counter
_ACCORDING = ["وفق", "بحسب", "حسب"]


@pytest.mark.parametrize(
    ("according", "toll"),
    list(product(_ACCORDING, ["حصيلة أولية", "الحصيلة الرسمية", "حصيلة جديدة", "حصيلة غير نهائية"])),
)
def test_a_toll_that_names_no_one_who_counted_is_nobody(according, toll):
    # "وفق حصيلة أولية" (according to a first toll) named "حصيلة أولية" as the speaker
    claims = extract_claims(f"قتل 14 مدنيا في غارة على مدينة دوما، {according} {toll}.", PUBLISHED)
    assert [c.attributed_to for c in claims] == [None]


@pytest.mark.parametrize(
    ("document", "body", "party"),
    [
        (d, b, p)
        for d, (b, p) in product(
            ["حصيلة أولية", "حصيلة جديدة", "إحصائية شهرية", "تقرير يومي"],
            [
                ("للدفاع المدني", "Syria Civil Defence"),
                ("للمرصد السوري", "Syrian Observatory for Human Rights"),
            ],
        )
    ],
)
def test_a_document_with_its_adjective_names_the_body_that_counted(document, body, party):
    claims = extract_claims(f"قتل 14 مدنيا في غارة على مدينة دوما، وفق {document} {body}.", PUBLISHED)
    assert [c.attributed_to for c in claims] == [party]


@pytest.mark.parametrize("negation", ["ولم", "لم", "ولا", "ولن"])
@pytest.mark.parametrize("verb", ["تسجل", "يسجل", "تذكر", "تعلن"])
def test_a_negation_before_a_reporting_verb_is_no_speaker(negation, verb):
    # "ولم تسجل أي إصابات …" gave the speaker "ولم": the word before a verb was read as its subject
    claims = extract_claims(
        f"{negation} {verb} أي إصابات في صفوف المدنيين جراء القصف على مدينة دوما أمس.", PUBLISHED
    )
    assert all(c.attributed_to is None for c in claims)
