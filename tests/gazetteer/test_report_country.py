"""A town name Syria and another country share: a report on that country means its own town.

Syria's tables hold villages named like towns of Iraq and Yemen (Ar Ramadi, Sinjar, Sa'dah); a Syrian
name wins by default, but not in a report whose title and lede name places abroad and none in Syria.
The same rule holds in Arabic (tests/gazetteer/test_arabic_world_names.py). The sentences are ours.
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims
from tawthiq.gazetteer import load_gazetteer

BAGHDAD, MOSUL, SANAA = "world:98182", "world:99072", "world:71137"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _one(gaz, text, context):
    [m] = gaz.match(text, context)
    return m.place


@pytest.mark.parametrize(
    "name,context,country",
    [("Ramadi", (BAGHDAD,), "IQ"), ("Sinjar", (MOSUL,), "IQ"), ("Saada", (SANAA,), "YE")],
)
def test_a_report_on_places_abroad_takes_the_town_of_that_country(gaz, name, context, country):
    place = _one(gaz, f"Shelling in {name} killed four.", context)
    assert place.id.startswith("world:") and gaz.world.country(place.id) == country


@pytest.mark.parametrize("name", ["Ramadi", "Sinjar", "Saada"])
def test_a_report_that_names_syria_or_nothing_keeps_the_syrian_village(gaz, name):
    assert not _one(gaz, f"Shelling in {name} killed four.", ()).id.startswith("world:")
    assert not _one(gaz, f"Shelling in {name} killed four.", (BAGHDAD, "C1007")).id.startswith("world:")


def test_a_syrian_name_that_no_town_of_the_reports_country_shares_stays_syrian(gaz):
    assert _one(gaz, "Strikes in Idlib killed four.", (BAGHDAD,)).id == "SY07"


def test_a_claim_in_a_report_on_iraq_is_placed_in_iraqs_ramadi():
    title = "Car bombs in Baghdad kill twelve"
    text = (
        f"{title}\n\nA car bomb killed twelve people in Baghdad on Monday. "
        "Another bomb killed four people in Ramadi on Tuesday, police said.\n"
    )
    claims = extract_claims(text, date(2016, 5, 3), title=title)
    ramadi = [p for c in claims for p in c.places if p.name == "Ramadi"]
    assert ramadi and all(p.place_id == "world:98717" for p in ramadi)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Car bombs in Baghdad and in Ramadi", "world:98717"),  # Iraq named first: Iraq's Ramadi
        ("Shelling in Aleppo and in Ramadi", "ucdp:ar-ramadi-village"),  # Syria named first
        ("غارات على صنعاء وقصف في الحديدة", "world:79415"),  # Yemen named first: Hodeidah
        ("قصف في حلب وفي الحديدة", "geonames:170136"),  # Syria named first: the village
    ],
)
def test_without_context_the_places_named_before_decide(gaz, text, expected):
    found = gaz.match_arabic(text) if "ق" in text else gaz.match(text)
    assert found[-1].place.id == expected
