"""Arabic names of the first-level regions outside Syria (issue 16 item 3): every region of the nine
countries whose wars the corpus reports has one, or a listed reason.

Built by scripts/build_world_gazetteer.py from ISO 3166-2 as the PyPI package iso3166-2 ships it
(Arabic names; an Afghan province's Dari and Pashto names as Arabic writes them) and from GeoNames'
Arabic names of the town a region is named after. The sentences are generated from templates of our own.
"""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest

from tawthiq.gazetteer import load_gazetteer

_DATA = resources.files("tawthiq.gazetteer") / "data"
NINE = ("AF", "IQ", "LB", "LY", "MM", "PS", "SD", "UA", "YE")


def _tsv(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((_DATA / name).read_text("utf-8")), delimiter="\t"))


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_every_region_has_an_arabic_name_or_a_listed_reason():
    regions = {r["id"]: r["name_en"] for r in _tsv("world.tsv") if r["kind"] == "governorate"}
    named = {r["id"] for r in _tsv("world_ar.tsv")}
    reasons = {r["id"]: r["reason"] for r in _tsv("world_ar_missing.tsv")}
    nine = {rid for rid in regions if rid.split(":")[1][:2] in NINE}
    assert len(nine) == 157 and len(regions) > len(nine)  # and the regions of other wars' countries
    without = {rid: name for rid, name in regions.items() if rid not in named and not reasons.get(rid)}
    assert without == {}
    # a listed reason is for a region that really has no name, never a stale one
    assert not set(reasons) & named
    assert set(reasons) <= set(regions)
    # the regions of the Arabic-speaking countries and Afghanistan all have one now
    for rid in regions:
        if rid.split(":")[1][:2] in ("AF", "IQ", "LB", "LY", "SD", "YE"):
            assert rid in named, regions[rid]


_WORDS = ("محافظة", "ولاية", "إقليم")
_TEMPLATES = ("قصفت الطائرات مواقع في {}", "سقط عدد من الضحايا في {} أمس", "وصلت قافلة إغاثة إلى {}")
# (name as an Arabic report writes it, region id): names a region had no Arabic name for before
_REGIONS = [
    ("هلمند", "world:AF.10"),
    ("ننكرهار", "world:AF.18"),
    ("ننجرهار", "world:AF.18"),
    ("بادغيس", "world:AF.02"),
    ("بكتيكا", "world:AF.29"),
    ("الأنبار", "world:IQ.01"),
    ("نينوى", "world:IQ.15"),
    ("ديالى", "world:IQ.10"),
    ("صلاح الدين", "world:IQ.18"),
    ("حضرموت", "world:YE.04"),
    ("أبين", "world:YE.01"),
    ("شبوة", "world:YE.05"),
    ("إب", "world:YE.23"),
    ("الجزيرة", "world:SD.38"),
    ("شمال دارفور", "world:SD.55"),
    ("جنوب كردفان", "world:SD.50"),
    ("النيل الأزرق", "world:SD.42"),
    ("البقاع", "world:LB.08"),
    ("بعلبك الهرمل", "world:LB.11"),
    ("الكفرة", "world:LY.65"),
    ("الجبل الأخضر", "world:LY.63"),
]


@pytest.mark.parametrize("name,rid", _REGIONS)
@pytest.mark.parametrize("word", _WORDS)
@pytest.mark.parametrize("template", _TEMPLATES)
def test_a_region_named_in_arabic_after_a_regions_word_is_found(gaz, name, rid, word, template):
    text = template.format(f"{word} {name}")
    ids = [m.place.id for m in gaz.match_arabic(text)]
    assert ids == [rid]
    place = gaz.places[rid] if rid in gaz.places else gaz.world.get(rid)
    assert place is not None and place.kind == "governorate" and place.lat is not None


def test_a_name_two_regions_of_one_country_were_given_goes_to_the_one_it_spells(gaz):
    # the source gives Khartoum State the name of Gezira State (الجزيرة): Gezira keeps it,
    # Khartoum keeps its own
    assert [m.place.id for m in gaz.match_arabic("معارك في ولاية الجزيرة")] == ["world:SD.38"]
    assert [m.place.id for m in gaz.match_arabic("معارك في ولاية الخرطوم")] == ["world:SD.29"]


def test_a_syrian_neighbourhood_of_a_regions_name_stays_syrian_without_a_regions_word(gaz):
    aleppo = [m.place.id for m in gaz.match_arabic("قصف على حي صلاح الدين في حلب")]
    assert aleppo[0].startswith("aleppo-nbhd:")
    iraq = [m.place.id for m in gaz.match_arabic("في محافظة صلاح الدين شمال بغداد")]
    assert iraq[0] == "world:IQ.18"


@pytest.mark.parametrize("text", ["في آب الماضي", "قال الأب إن", "وصل إلى إب"])
def test_a_two_letter_region_name_needs_a_regions_word(gaz, text):
    assert all(m.place.kind != "governorate" for m in gaz.match_arabic(text))


@pytest.mark.parametrize("town", ["طهران", "صنعاء", "الموصل"])
@pytest.mark.parametrize("word", ["بلدة", "مدينة", "قرية"])
def test_a_place_word_after_a_world_name_begins_the_next_place(gaz, town, word):
    # the world name's key does not change with a place word after it: it is not part of the name
    text = f"قصفت قوات قادمة من {town} {word} سراقب"
    found = gaz.match_arabic(text)
    assert found[0].surface == town
    assert any(m.surface == f"{word} سراقب" for m in found)


@pytest.mark.parametrize(
    "text,rid",
    [
        ("Fighting in the Tigray region killed 12 civilians", "world:ET.53"),
        ("Insurgents killed 12 civilians in Borno State", "world:NG.27"),
        ("Militants killed 12 civilians in Cabo Delgado province", "world:MZ.01"),
        ("A drone killed 2 civilians in Jizan province", "world:SA.17"),
    ],
)
def test_regions_of_other_wars_are_found_by_name(text, rid):
    from datetime import date

    from tawthiq.extract import extract_claims

    [claim] = extract_claims(text + " on Monday, officials said.", date(2024, 3, 4))
    assert [p.place_id for p in claim.places] == [rid]


def test_a_region_abroad_named_like_a_place_of_the_reports_country_is_not_taken():
    from datetime import date

    from tawthiq.extract import extract_claims

    # Mozambique has a Gaza province; Syria's Eastern Ghouta shares its consonants with Libya's Ghat
    [gaza] = extract_claims(
        "An Israeli air strike killed 12 civilians in the Gaza governorate on Monday.", date(2024, 3, 4)
    )
    assert not any((p.place_id or "").startswith("world:MZ") for p in gaza.places)
    [ghouta] = extract_claims(
        "Shelling of Douma killed 12 civilians in the Eastern Ghouta region on Monday.", date(2024, 3, 4)
    )
    assert "ucdp:eastern-ghouta" in [p.place_id for p in ghouta.places]
    assert not any((p.place_id or "").startswith("world:LY") for p in ghouta.places)


@pytest.mark.parametrize(
    "name,arabic,corpus,other",
    [
        ("Al Jawf", "الجوف", "world:YE.21", "world:SA.20"),
        ("Red Sea", "البحر الأحمر", "world:SD.36", "world:EG.02"),
    ],
)
def test_a_region_name_two_countries_share_is_the_reports_country_else_the_corpus_countrys(
    gaz, name, arabic, corpus, other
):
    other_country = gaz.world.country(other)
    assert gaz.world.regions(name)[0] == corpus
    assert gaz.world.regions(name, {other_country})[0] == other
    assert [m.place.id for m in gaz.match_arabic(f"قصف في محافظة {arabic}")] == [corpus]
    # a town of the other country named in the report's title or lede decides
    town = next(pid for pid in gaz.world.candidates("Cairo" if other_country == "EG" else "Riyadh"))
    assert [m.place.id for m in gaz.match_arabic(f"قصف في محافظة {arabic}", (town,))] == [other]
