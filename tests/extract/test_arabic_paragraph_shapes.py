"""How Arabic sentences join into claims, by paragraph shape (issue 16; CLAIMS.md: "the same assertion
repeated by the same source in one report is one claim; the same event asserted by another source, or
with another number, is another claim"). One claim per event, speaker and number: a lead toll and its
details are one claim; the same toll told again by the same speaker is one claim; another speaker or
another number is another claim; another place (not inside the first) or another day is another event;
a war-long background figure is a tally of its own. Every report is generated from templates in our
own words, over towns, weapons, tolls and speakers; none is copied from a report."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tawthiq.extract import extract_claims

PUBLISHED = date(2019, 5, 12)  # a Sunday
TOWNS = [("مدينة سراقب", "سراقب"), ("مدينة أريحا", "أريحا"), ("مدينة دوما", "دوما")]
OTHER_TOWN = {"سراقب": "مدينة معرة النعمان", "أريحا": "مدينة جسر الشغور", "دوما": "مدينة حرستا"}
WEAPONS = [("غارات جوية على", "attack.air_strike"), ("قصف مدفعي على", "attack.shelling")]
TOLLS = [(12, "12 مدنيا"), (27, "27 مدنيا")]
CASES = list(product(TOWNS, WEAPONS, TOLLS))


def _tolls(text: str) -> list[tuple[int | None, str]]:
    return [
        (c.fatalities.low if c.fatalities else None, c.event_type) for c in extract_claims(text, PUBLISHED)
    ]


@pytest.mark.parametrize(("town", "weapon", "toll"), CASES)
def test_a_lead_toll_then_its_details_is_one_claim(town, weapon, toll):
    (place, _), (words, etype), (n, count) = town, weapon, toll
    text = (
        f"قال المرصد السوري لحقوق الإنسان إن {count} قتلوا اليوم الأحد في {words} {place}.\n"
        f"وأضاف المرصد أن بين القتلى 4 أطفال، وأن الغارات استهدفت سوقا شعبيا وسط المدينة."
    )
    assert _tolls(text) == [(n, etype)]


@pytest.mark.parametrize(("town", "weapon", "toll"), CASES)
def test_the_same_toll_told_again_by_the_same_speaker_is_one_claim(town, weapon, toll):
    (place, _), (words, etype), (n, count) = town, weapon, toll
    text = (
        f"قتل {count} اليوم الأحد في {words} {place}، بحسب المرصد السوري لحقوق الإنسان.\n"
        f"وأوضح مدير المرصد أن القصف أدى إلى مقتل {n} مدنيا في المدينة."
    )
    claims = extract_claims(text, PUBLISHED)
    assert [(c.fatalities.low, c.event_type) for c in claims if c.fatalities] == [(n, etype)]


@pytest.mark.parametrize(("town", "weapon", "toll"), CASES)
def test_another_speaker_with_another_number_is_another_claim(town, weapon, toll):
    (place, _), (words, _etype), (n, count) = town, weapon, toll
    text = (
        f"قال المرصد السوري لحقوق الإنسان إن {count} قتلوا اليوم الأحد في {words} {place}.\n"
        f"من جهته، قال الدفاع المدني إن {n + 3} مدنيا قتلوا في القصف على المدينة."
    )
    claims = extract_claims(text, PUBLISHED)
    got = sorted((c.fatalities.low, c.attributed_to) for c in claims if c.fatalities)
    assert got == [(n, "Syrian Observatory for Human Rights"), (n + 3, "Syria Civil Defence")]


@pytest.mark.parametrize(("town", "weapon", "toll"), CASES)
def test_two_events_in_two_towns_are_two_claims(town, weapon, toll):
    (place, short), (words, _etype), (n, count) = town, weapon, toll
    text = (
        f"قتل {count} اليوم الأحد في {words} {place}، بحسب المرصد السوري لحقوق الإنسان.\n"
        f"وفي {OTHER_TOWN[short]}، قتل 5 مدنيين في قصف مماثل."
    )
    claims = extract_claims(text, PUBLISHED)
    assert sorted(c.fatalities.low for c in claims if c.fatalities) == sorted([n, 5])


@pytest.mark.parametrize(("town", "weapon", "toll"), CASES)
def test_a_background_war_toll_is_a_tally_apart_from_the_event(town, weapon, toll):
    (place, _), (words, _etype), (n, count) = town, weapon, toll
    text = (
        f"قتل {count} اليوم الأحد في {words} {place}، بحسب المرصد السوري لحقوق الإنسان.\n\n"
        "وقتل أكثر من 370 ألف شخص في سوريا منذ اندلاع النزاع في عام 2011."
    )
    claims = extract_claims(text, PUBLISHED)
    kinds = sorted((c.kind, c.fatalities.low) for c in claims if c.fatalities)
    assert kinds == [("incident", n), ("tally", 370000)]
    (event,) = [c for c in claims if c.kind == "incident"]
    assert event.time.start == PUBLISHED


@pytest.mark.parametrize(("town", "toll"), list(product(TOWNS, TOLLS)))
def test_a_bombardment_without_the_article_is_a_new_attack_not_the_one_before(town, toll):
    (place, _), (n, count) = town, toll
    text = (
        f"قتل {count} اليوم الأحد في غارات جوية على {place}، بحسب المرصد السوري لحقوق الإنسان.\n"
        "وأمس، قتل 8 مدنيين في قصف لفصائل المعارضة على أحياء المدينة، بحسب المرصد."
    )
    got = sorted((c.fatalities.low, c.event_type) for c in extract_claims(text, PUBLISHED) if c.fatalities)
    assert got == sorted([(n, "attack.air_strike"), (8, "attack.shelling")])


@pytest.mark.parametrize(("town", "toll"), list(product(TOWNS, TOLLS)))
def test_another_speakers_bombardment_keeps_its_own_manner(town, toll):
    (place, _), (_n, count) = town, toll
    text = (
        f"قتل {count} اليوم الأحد في غارات جوية على {place}.\n"
        "وقال الدفاع المدني إن القصف أدى إلى مقتل 30 مدنيا في المدينة."
    )
    claims = extract_claims(text, PUBLISHED)
    (other,) = [c for c in claims if c.attributed_to == "Syria Civil Defence"]
    assert other.event_type == "attack.shelling"
