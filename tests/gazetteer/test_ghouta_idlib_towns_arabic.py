"""The towns and villages of Eastern Ghouta, the Damascus countryside and Idlib that UCDP locates and no
Arabic-named source lists (scripts/build_gazetteer.py ``_TOWN_AR``): each is found in Arabic text and is
the same place, with the same point, as its English name ("حمورية" = "Hamouriyah"). The sentences are ours.
"""

from __future__ import annotations

import csv
from datetime import date
from importlib import resources

import pytest

from tawthiq.extract import extract_claims
from tawthiq.gazetteer import load_gazetteer


def _named_ucdp_towns() -> list[tuple[str, str, str]]:
    with resources.files("tawthiq.gazetteer").joinpath("data/towns.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            (r["id"], r["name_en"], r["name_ar"])
            for r in rows
            if r["id"].startswith("ucdp:") and r["name_ar"] and r["kind"] == "town"
        ]


_TOWNS = _named_ucdp_towns()


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_the_ghouta_and_idlib_towns_have_their_arabic_names():
    names = {ar for _, _, ar in _TOWNS}
    assert {"حمورية", "مسرابا", "سقبا", "زملكا", "عين ترما", "مديرا", "معرشورين", "سرمدا"} <= names
    assert len(_TOWNS) >= 50


@pytest.mark.parametrize(("place_id", "english", "arabic"), _TOWNS)
def test_a_town_named_in_arabic_is_the_ucdp_place_with_its_point(gaz, place_id, english, arabic):
    [ar] = [m for m in gaz.match_arabic(f"قتل مدنيون في قصف على بلدة {arabic} أمس") if m.place.kind == "town"]
    assert ar.place.id == place_id and ar.place.lat is not None


# the English matcher finds these by their UCDP name (a few others it reads as a namesake: "Foah",
# "Masaran", "Midaana", "Zebdeen"; docs/extraction.md, session 22)
_BOTH = ["Hamouriyah", "Misraba", "Saqba", "Zamalka", "Ein Terma", "Mudayra", "Maar Shurin", "Sarmada"]


@pytest.mark.parametrize("english", _BOTH)
def test_a_town_has_one_identity_in_both_scripts(gaz, english):
    [(place_id, arabic)] = [(i, a) for i, e, a in _TOWNS if e == english]
    [ar] = gaz.match_arabic(f"قتل مدنيون في قصف على بلدة {arabic} أمس")
    en = [m.place.id for m in gaz.match(f"Civilians were killed in shelling on {english} yesterday")]
    assert ar.place.id == place_id and en == [place_id]


@pytest.mark.parametrize(
    ("arabic", "english", "place_id"),
    [
        (
            "قتل 5 مدنيين في غارة جوية على مدينة حمورية في الغوطة الشرقية.",
            "Five civilians were killed in an air strike on Hamouriyah in Eastern Ghouta.",
            "ucdp:hamouriyah-town",
        ),
        (
            "قتل 7 مدنيين في غارة جوية على بلدة مسرابا.",
            "Seven civilians were killed in an air strike on Misraba.",
            "ucdp:misraba-town",
        ),
        (
            'قتل 19 مدنيا في غارة جوية على بلدة "معرشورين" في ريف إدلب.',
            "Nineteen civilians were killed in an air strike on Maar Shurin in Idlib countryside.",
            "ucdp:maar-shurin-village",
        ),
    ],
)
def test_an_arabic_and_an_english_claim_name_one_place(arabic, english, place_id):
    [ar] = extract_claims(arabic, date(2018, 2, 20))
    [en] = extract_claims(english, date(2018, 2, 20))
    assert ar.places[0].place_id == en.places[0].place_id == place_id
    assert (ar.places[0].lat, ar.places[0].lon) == (en.places[0].lat, en.places[0].lon)
