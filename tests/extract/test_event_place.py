"""The report's event place against places named in passing, and datelines (issues 15/16, places).

A place named in passing (a seat: "London-based", "ومقره لندن"; where a speaker spoke; talks: "the
Astana talks", "محادثات أستانا"; where the victims came from; a byline) is never a claim's place nor
the report's event place; a destination ("fled to X") is never carried to the next sentence nor the
report's place; a dateline ("ALEPPO, Syria (AP) —", "حلب - ") is the report's place only when the
text names no other. Every sentence is generated from templates of our own, one per class, crossed
with real place names (no corpus text).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest

from tawthiq.extract import extract_claims
from tawthiq.extract._places import dateline_ar, dateline_en, is_aside, is_passing

D = date(2024, 3, 4)
EVENT = "an air strike killed 12 civilians on Monday, rescuers said."
EVENT_IN = "an air strike killed 12 civilians in {E} on Monday, rescuers said."
# (name as written, a pattern its place's name matches): event places, Syrian and abroad
EVENTS = [("Saraqib", "Saraqib"), ("Douma", "D(?:o)?uma"), ("Mosul", "Mosul"), ("Kharkiv", "Kharkiv")]
# places reports name in passing: capitals and exile seats
ASIDES = ["London", "Beirut", "Geneva", "Istanbul", "Gaziantep", "Amman"]


def _places(text: str, title: str | None = None) -> list[list[str]]:
    """Each claim's place names, folded to ASCII ("Dūmā" → "Duma")."""
    return [[_ascii(p.name) for p in c.places] for c in extract_claims(text, D, title=title)]


def _ascii(name: str) -> str:
    if any("\u0600" <= ch <= "\u06ff" for ch in name):
        return name
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


_ASIDE_TEMPLATES = [
    "The {P}-based Syrian Observatory for Human Rights said " + EVENT_IN,
    "A monitoring group based in {P} said " + EVENT_IN,
    "A monitor headquartered in {P} said " + EVENT_IN,
    "Speaking to reporters in {P}, the UN envoy said " + EVENT_IN,
    "The UN envoy told a news conference in {P} that " + EVENT_IN,
    "Delegates at the {P} talks were told that " + EVENT_IN,
    "On the sidelines of talks held in {P}, officials said " + EVENT_IN,
    "The victims, originally from {P}, were among those killed when " + EVENT_IN,
]


@pytest.mark.parametrize("template", _ASIDE_TEMPLATES)
@pytest.mark.parametrize("aside", ASIDES[:3])
@pytest.mark.parametrize("event,name", EVENTS[:3])
def test_a_place_named_as_an_aside_is_not_the_claims_place(template, aside, event, name):
    [places] = _places(template.format(P=aside, E=event))
    assert any(re.match(name, p) for p in places)
    assert not any(aside in p for p in places)


@pytest.mark.parametrize(
    "lede",
    [
        "The {P}-based Syrian Observatory for Human Rights gave the toll on Monday.",
        "Speaking to reporters in {P}, the UN envoy condemned the attack.",
        "By Sarah Jones in {P}",
        "Delegates at the {P} talks condemned the attack.",
        "Hundreds of families have fled to {P} since the weekend.",
    ],
)
@pytest.mark.parametrize("aside", ASIDES)
def test_a_place_named_in_passing_in_the_lede_is_never_the_reports_place(lede, aside):
    text = lede.format(P=aside) + "\n" + EVENT[0].upper() + EVENT[1:]
    claims = _places(text)
    assert claims and not any(aside in p for places in claims for p in places)


@pytest.mark.parametrize("event,name", EVENTS)
@pytest.mark.parametrize("aside", ASIDES[:3])
def test_the_ledes_event_place_wins_over_a_passing_mention(event, name, aside):
    text = (
        f"The {aside}-based monitor said on Monday that the town of {event} had been shelled for a week.\n"
        + EVENT[0].upper()
        + EVENT[1:]
    )
    assert any(re.match(name, p) for p in _places(text)[-1])


@pytest.mark.parametrize("event,name", EVENTS[:2])
@pytest.mark.parametrize("to", ["Idlib city", "Afrin", "Azaz"])
@pytest.mark.parametrize(
    "verb", ["fled from {E} to {T}", "were displaced from {E} to {T}", "were bussed from {E} to {T}"]
)
def test_a_destination_is_not_carried_to_the_next_sentence(event, name, to, verb):
    text = f"Hundreds of families {verb.format(E=event, T=to)} on Sunday.\n" + EVENT[0].upper() + EVENT[1:]
    last = _places(text)[-1]
    assert any(re.match(name, p) for p in last) and not any(to.split()[0] in p for p in last)


_DATELINES = [
    ("ALEPPO, Syria (AP) — ", "Aleppo"),
    ("Aleppo, Syria (AFP) - ", "Aleppo"),
    ("KYIV, Ukraine (Reuters) — ", "Kyiv"),
    ("SANAA, Yemen, March 3 (Reuters) - ", "Sanaa"),
    ("MOSUL, Iraq, 3 March (AP) – ", "Mosul"),
    ("(Reuters) - MOSUL - ", "Mosul"),
    ("KHARKIV — ", "Kharkiv"),
    ("Gaza City (AFP) - ", "Gaza"),
]


@pytest.mark.parametrize("dateline,name", _DATELINES)
def test_a_dateline_is_the_reports_place_when_the_text_names_no_other(dateline, name):
    [places] = _places(dateline + EVENT[0].upper() + EVENT[1:])
    assert [p for p in places if p.lower().startswith(name.lower())]


@pytest.mark.parametrize("dateline,_name", _DATELINES)
@pytest.mark.parametrize("event,name", EVENTS[:2])
def test_a_place_the_text_names_wins_over_the_dateline(dateline, _name, event, name):
    text = dateline + EVENT_IN[0].upper() + EVENT_IN[1:].format(E=event) + " Rescuers said 20 were wounded."
    for places in _places(text):
        assert places and all(re.match(name, p) for p in places)


@pytest.mark.parametrize(
    "text",
    [
        "Aleppo is a city in the north.",
        "The ministry said - in a statement - that",
        "Syrian forces — backed by Russian jets — advanced",
        "UN: 82 killed in Aleppo",
        "Hodeidah: the port city",
    ],
)
def test_a_sentence_starting_with_a_name_is_no_dateline(text):
    assert dateline_en(text) is None


def test_passing_classes_name_the_place_and_not_the_event():
    s = "The London-based group said the strike on Douma killed 12; families fled to Idlib."
    at = s.index
    assert is_aside(s, at("London"), at("London") + 6)
    assert not is_passing(s, at("Douma"), at("Douma") + 5)
    assert is_passing(s, at("Idlib"), at("Idlib") + 5) and not is_aside(s, at("Idlib"), at("Idlib") + 5)


# Arabic: the same classes
_AR_EVENTS = [("دوما", "دوما"), ("سراقب", "سراقب"), ("الموصل", "الموصل")]
_AR_ASIDES = ["لندن", "بيروت", "جنيف"]
_AR_TEMPLATES = [
    "قال المرصد السوري لحقوق الإنسان ومقره {P} إن غارة جوية قتلت 12 مدنيا في مدينة {E} يوم الاثنين",
    "قالت مصادر على هامش محادثات {P} إن 12 مدنيا قتلوا في قصف على مدينة {E} يوم الاثنين",
    "قال مراسلنا في {P} إن 12 مدنيا قتلوا في قصف على مدينة {E} يوم الاثنين",
]


@pytest.mark.parametrize("template", _AR_TEMPLATES)
@pytest.mark.parametrize("aside", _AR_ASIDES)
@pytest.mark.parametrize("event,name", _AR_EVENTS)
def test_an_arabic_place_named_as_an_aside_is_not_the_claims_place(template, aside, event, name):
    [places] = _places(template.format(P=aside, E=event))
    assert any(name in p for p in places) and not any(aside in p for p in places)


@pytest.mark.parametrize("aside", _AR_ASIDES)
@pytest.mark.parametrize(
    "lede",
    [
        "أصدر المرصد السوري لحقوق الإنسان ومقره {P} بيانا اليوم",
        "انطلقت جولة جديدة من محادثات {P} اليوم",
        "نزحت مئات العائلات إلى {P} خلال الأسبوع الماضي",
    ],
)
def test_an_arabic_place_named_in_passing_in_the_lede_is_never_the_reports_place(aside, lede):
    text = lede.format(P=aside) + "\n" + "قتل 12 مدنيا في غارة جوية يوم الاثنين بحسب الدفاع المدني"
    claims = _places(text)
    # (a displacement to the place is that claim's own place: only the strike's claim is checked)
    assert claims and not any(aside in p for p in claims[-1])


@pytest.mark.parametrize("dateline", ["{P} - ", "{P} (رويترز) - ", "{P} - أ ف ب: ", "{P} ـ "])
@pytest.mark.parametrize("place", ["حلب", "دمشق", "صنعاء"])
def test_an_arabic_dateline_is_the_reports_place_when_the_text_names_no_other(dateline, place):
    text = dateline.format(P=place) + "قتل 12 مدنيا في غارة جوية يوم الاثنين بحسب الدفاع المدني"
    assert dateline_ar(text) is not None
    [places] = _places(text)
    assert any(place in p for p in places)


@pytest.mark.parametrize("dateline", ["دمشق - ", "بيروت (رويترز) - "])
@pytest.mark.parametrize("event,name", _AR_EVENTS[:2])
def test_an_arabic_place_the_text_names_wins_over_the_dateline(dateline, event, name):
    text = dateline + f"قتل 12 مدنيا في غارة جوية على مدينة {event} يوم الاثنين"
    [places] = _places(text)
    assert places and all(name in p for p in places)


# a capital standing for its government is no place: as a speaker, or in "X-backed", "X-led"
CAPITALS = ["Moscow", "Tehran", "Riyadh", "Damascus", "Kyiv"]


@pytest.mark.parametrize("capital", CAPITALS)
@pytest.mark.parametrize(
    "template",
    [
        "{P} has accused rebels of an attack that killed 12 civilians on Monday.",
        "{P} denied that its jets killed 12 civilians on Monday.",
        "A {P}-backed militia shelled the village, killing 12 civilians, medics said.",
        "Fighters of a {P}-allied force killed 12 civilians on Monday, medics said.",
        "Officials said {P} had warned that an attack killed 12 civilians on Monday.",
    ],
)
def test_a_capital_standing_for_its_government_is_no_place(capital, template):
    [places] = _places(template.format(P=capital))
    assert not any(capital in p for p in places)


@pytest.mark.parametrize("event,name", EVENTS[:2])
def test_the_people_of_a_place_who_speak_keep_their_place(event, name):
    [places] = _places(f"Residents of {event} said an air strike killed 12 civilians on Monday.")
    assert any(re.match(name, p) for p in places)


@pytest.mark.parametrize(
    "dateline,name", [("BEIRUT/AMMAN (Reuters) - ", "Beirut"), ("KYIV/MOSCOW, March 3 (Reuters) - ", "Kyiv")]
)
def test_a_dateline_of_two_cities_is_the_first(dateline, name):
    [places] = _places(dateline + EVENT[0].upper() + EVENT[1:])
    assert [p for p in places if p.lower().startswith(name.lower())]


@pytest.mark.parametrize("capital", ["موسكو", "طهران", "دمشق"])
@pytest.mark.parametrize(
    "template",
    [
        "قالت {P} إن غارة جوية قتلت 12 مدنيا في بلدة سراقب يوم الاثنين",
        "اتهمت {P} فصائل المعارضة بقصف بلدة سراقب مما أدى إلى مقتل 12 مدنيا",
        "قصفت قوات مدعومة من {P} بلدة سراقب مما أدى إلى مقتل 12 مدنيا",
        "قصفت الميليشيات الموالية لـ{P} بلدة سراقب مما أدى إلى مقتل 12 مدنيا",
    ],
)
def test_an_arabic_capital_standing_for_its_government_is_no_place(capital, template):
    [places] = _places(template.format(P=capital))
    assert any("سراقب" in p for p in places) and not any(capital in p for p in places)


@pytest.mark.parametrize("place", ["بيروت", "دمشق"])
def test_an_arabic_dateline_with_a_date_is_the_reports_place_only_alone(place):
    head = f"{place}، 5 ديسمبر (رويترز) - "
    [alone] = _places(head + "قتل 12 مدنيا في غارة جوية يوم الاثنين")
    assert any(place in p for p in alone)
    [named] = _places(head + "قتل 12 مدنيا في غارة جوية على مدينة سراقب يوم الاثنين")
    assert named and all("سراقب" in p for p in named)


@pytest.mark.parametrize("outlet", ["the {P} Independent", "{P} Today", "the {P} Times", "{P} Media Center"])
@pytest.mark.parametrize("town", ["Kyiv", "Aleppo", "Beirut"])
def test_an_outlet_named_after_a_town_is_no_place(outlet, town):
    name = outlet.format(P=town)
    [places] = _places(f"An air strike killed 12 civilians in Saraqib on Monday, {name} reported.")
    assert places and not any(town in p for p in places)
    # and the outlet is never the report's place either
    assert not any(town in p for ps in _places(f"According to {name}, " + EVENT) for p in ps)


@pytest.mark.parametrize("outlet", ["تلفزيون {P} اليوم", "شبكة {P} الآن", "راديو {P}"])
@pytest.mark.parametrize("town", ["حلب", "دمشق"])
def test_an_arabic_outlet_named_after_a_town_is_no_place(outlet, town):
    text = f"قتل 12 مدنيا في غارة جوية على بلدة سراقب يوم الاثنين بحسب {outlet.format(P=town)}"
    [places] = _places(text)
    assert any("سراقب" in p for p in places) and not any(town in p for p in places)
