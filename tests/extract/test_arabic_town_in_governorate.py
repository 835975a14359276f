"""One assertion told at two scales: a toll in a governorate ("ريف إدلب") and, in a sentence after it, the
same toll, a part of it or a bare account in a town the gazetteer puts inside that governorate ("بلدة
سراقب"). Each was a second claim (the places shared no key), which split one event in two for the
scorer and for corroboration; now the town's claim is the governorate's (the twin keeps both places, the
town first). Generated: governorates as reports write them x towns x phrasings x numbers in digits and
words. Every sentence is our own."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tawthiq.extract import extract_claims

PUBLISHED = date(2018, 2, 20)
# (the governorate as written, its id, towns in it as written with their gazetteer ids)
_AREAS = [
    ("محافظة إدلب", "SY07", [("مدينة سراقب", "geonames:164816"), ("مدينة خان شيخون", "geonames:168325")]),
    ("ريف إدلب", "SY07", [("بلدة كفر نبل", "geonames:168661"), ("مدينة معرة النعمان", "geonames:167611")]),
    ("ريف دمشق", "SY03", [("مدينة دوما", "geonames:170592"), ("مدينة حرستا", "geonames:169897")]),
]
_NUMBERS = [("19", 19), ("تسعة عشر", 19), ("12", 12), ("اثني عشر", 12)]

# the toll again, in the town: (lede, restatement) templates; {g} governorate, {t} town, {n} number
_TWINS = [
    (
        "قتل {n} مدنيا في غارات على {g} أمس، بحسب المرصد السوري.",
        "وقال مدير المرصد إن {n} مدنيا قتلوا في الغارات على {t}.",
    ),
    (
        "أعلن المرصد السوري مقتل {n} مدنيا في غارات على {g} أمس.",
        "وأوضح المرصد أن الغارات استهدفت {t} وأسفرت عن مقتل {n} مدنيا.",
    ),
]
# a part of the dead told before: it is no toll of its own
_PARTS = [
    (
        "قتل {n} مدنيا في قصف جوي على {g} أمس.",
        "وقال المرصد إن القصف استهدف {t}، مشيرا إلى أن من بين القتلى 5 من عائلة واحدة.",
    ),
    ("استشهد {n} مدنيا في قصف على {g} أمس.", "وقال الدفاع المدني إن القصف طال {t}، ومن بين الشهداء 3 أطفال."),
]
_CASES = [
    (lede.format(g=g, n=nw, t=t), follow.format(g=g, n=nw, t=t), n, gid, tid)
    for (g, gid, towns), (nw, n), (lede, follow) in product(_AREAS, _NUMBERS, _TWINS)
    for t, tid in towns
]


@pytest.mark.parametrize(("lede", "follow", "toll", "gov", "town"), _CASES)
def test_the_same_toll_in_a_town_of_the_governorate_is_one_claim_with_both_places(
    lede, follow, toll, gov, town
):
    claims = extract_claims(f"{lede} {follow}", PUBLISHED)
    assert [(c.fatalities.low, [p.place_id for p in c.places]) for c in claims] == [(toll, [town, gov])]


_PART_CASES = [
    (lede.format(g=g, n=nw, t=t), follow.format(g=g, n=nw, t=t), n, gid)
    for (g, gid, towns), (nw, n), (lede, follow) in product(_AREAS, _NUMBERS, _PARTS)
    for t, _ in towns
]


@pytest.mark.parametrize(("lede", "follow", "toll", "gov"), _PART_CASES)
def test_a_part_of_the_dead_in_a_town_of_the_governorate_is_no_second_toll(lede, follow, toll, gov):
    claims = extract_claims(f"{lede} {follow}", PUBLISHED)
    assert [c.fatalities.low for c in claims] == [toll]
    assert gov in [p.place_id for p in claims[0].places]


def test_a_town_outside_the_governorate_is_still_its_own_claim():
    # the rule is containment, not any town: Douma is not in Idlib
    text = (
        "قتل 12 مدنيا في غارات على ريف إدلب أمس. "
        "وقال الدفاع المدني إن 12 مدنيا قتلوا في غارات على مدينة دوما."
    )
    claims = extract_claims(text, PUBLISHED)
    assert sorted(p.place_id for c in claims for p in c.places) == ["SY07", "geonames:170592"]
    assert len(claims) == 2


@pytest.mark.parametrize("quote", ['"', "«", "“"])
def test_a_town_named_in_quotes_is_named_without_them(quote):
    close = {"«": "»", "“": "”"}.get(quote, quote)
    text = f"قتل 7 مدنيين في غارة على بلدة {quote}سراقب{close} في ريف إدلب أمس."
    [claim] = extract_claims(text, PUBLISHED)
    assert claim.places[0].place_id == "geonames:164816"
    assert quote not in claim.places[0].name and close not in claim.places[0].name
