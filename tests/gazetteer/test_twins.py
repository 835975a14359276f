"""One town, one identity: a UCDP town that is a GeoNames town spelt otherwise is one place (issue 16,
item 3), and namesakes far apart, or different towns at one point, stay apart.

Report sentences are written for the test (invented facts).
"""

from __future__ import annotations

import csv
from datetime import date
from importlib import resources

import pytest

from tawthiq.corroborate import build_incidents
from tawthiq.entities import ReportRef, SourcedClaim
from tawthiq.extract import extract_claims
from tawthiq.gazetteer import load_gazetteer
from tawthiq.gazetteer._twins import TWIN_KM, find_twins, twin_key
from tawthiq.geo import km


def _rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for name in ("admin.tsv", "aleppo_neighbourhoods.tsv", "towns.tsv"):
        text = (resources.files("tawthiq.gazetteer") / "data" / name).read_text("utf-8")
        rows += csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return rows


@pytest.mark.parametrize(
    ("ucdp_spelling", "geonames_spelling", "arabic", "place_id"),
    [
        ("Kafr Nabl", "Kafranbel", "كفرنبل", "geonames:168661"),
        ("Maarat al-Numaan", "Ma'arrat an Nu'man", "معرة النعمان", "geonames:167611"),
        ("Tall Rifaat", "Tall Rif'at", "تل رفعت", "geonames:163476"),
        ("Jenderis", "Jindayris", "جنديرس", "geonames:169190"),
        ("Qabbasin", "Kabbasin", "قباسين", "geonames:166285"),
    ],
)
def test_a_town_spelt_two_ways_in_english_and_once_in_arabic_is_one_place(
    ucdp_spelling, geonames_spelling, arabic, place_id
):
    g = load_gazetteer()
    found = {
        g.match(f"Air strikes hit {ucdp_spelling} on Monday.")[0].place.id,
        g.match(f"Air strikes hit {geonames_spelling} on Monday.")[0].place.id,
        g.match_arabic(f"غارات جوية على مدينة {arabic} اليوم")[0].place.id,
    }
    assert found == {place_id}


def test_an_id_stored_before_the_merge_still_resolves_to_the_one_place():
    g = load_gazetteer()
    assert g.get("ucdp:kafr-nabl-town").id == "geonames:168661"
    assert "ucdp:kafr-nabl-town" not in g.places
    assert g.contains("SY07", "ucdp:kafr-nabl-town")  # Idlib, through the place it now is


def test_namesakes_far_apart_are_not_merged():
    g = load_gazetteer()
    mansouras = {p.id: p for p in g.lookup("Mansoura") if p.kind == "town"}
    # the Raqqa one (GeoNames) and UCDP's in rural Aleppo and in Hama: three towns, 60-240 km apart
    assert {"geonames:8559276", "ucdp:mansoura-village", "ucdp:mansoura-town"} <= set(mansouras)
    rabia = {p.id for p in g.lookup("Rabia")}
    assert {"geonames:167880", "ucdp:ar-rabiah-town"} <= rabia  # Latakia's and Hama's


def test_two_towns_at_one_point_with_different_names_are_not_merged():
    g = load_gazetteer()
    assert g.lookup("Yalda")[0].id == "ucdp:yalda-town"
    assert g.lookup("Babila")[0].id == "geonames:171998"  # 1.2 km apart, two towns


def _row(pid: str, name: str, lat: float, lon: float, variants: str = "") -> dict[str, str]:
    return {"id": pid, "kind": "town", "name_en": name, "name_ar": "", "variants": variants} | {
        "lat": str(lat),
        "lon": str(lon),
    }


@pytest.mark.parametrize(
    ("ucdp", "geonames", "dlat", "twins"),
    [
        ("Sabka", "As Sabkhah", 0.004, True),  # kh / k
        ("Diban", "Dhiban", 0.01, True),  # dh / d
        ("Kobane/Ayn al Arab", "'Ayn al 'Arab", 0.0, True),  # either side of the slash
        ("Sabka", "As Sabkhah", 0.2, False),  # the same name 22 km away is a namesake
        ("Yalda", "Babila", 0.005, False),  # one point, two names
        ("Arbin", "Kafr Batna", 0.0, False),
    ],
)
def test_the_twin_rule_needs_one_name_and_one_point(ucdp, geonames, dlat, twins):
    rows = [_row("ucdp:x-town", ucdp, 35.0, 38.0), _row("geonames:1", geonames, 35.0 + dlat, 38.0)]
    assert (find_twins(rows) == {"ucdp:x-town": "geonames:1"}) is twins


def test_no_two_shipped_towns_of_one_name_and_one_point_remain():
    """Every UCDP/GeoNames pair the rule joins lies within TWIN_KM, and after the merge no UCDP town and
    GeoNames town sharing a name key are that close (the build let 61 such pairs in)."""
    rows = _rows()
    twins = find_twins(rows)
    by_id = {r["id"]: r for r in rows}
    assert len(twins) >= 50
    for u, gid in twins.items():
        a, b = by_id[u], by_id[gid]
        assert km(float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"])) <= TWIN_KM
    g = load_gazetteer()
    towns = [p for p in g if p.kind == "town" and p.id.startswith(("ucdp:", "geonames:")) and p.lat]
    ucdp = [p for p in towns if p.id.startswith("ucdp:")]
    geo = [p for p in towns if p.id.startswith("geonames:")]
    left = [
        (u.id, n.id)
        for u in ucdp
        for n in geo
        if abs(u.lat - n.lat) < 0.03
        and twin_key(u.name_en) in {twin_key(x) for x in (n.name_en, *n.variants)}
        and km(u.lat, u.lon, n.lat, n.lon) <= TWIN_KM
    ]
    assert left == []


def _sourced(texts: list[str]) -> list[SourcedClaim]:
    out = []
    for i, text in enumerate(texts, start=1):
        for c in extract_claims(text, date(2016, 2, 16)):
            out.append(
                SourcedClaim(
                    claim=c.model_copy(update={"id": i}),
                    report=ReportRef(sha256=f"{i:064d}", file=f"r{i}.txt"),
                    report_id=i,
                    published=date(2016, 2, 16),
                    source_label=f"Outlet {i}",
                )
            )
    return out


def test_an_english_report_in_ucdps_spelling_and_an_arabic_one_make_one_incident():
    claims = _sourced(
        [
            "Seven civilians were killed in air strikes on Kafr Nabl on Monday, the Syrian Observatory said.",
            "قال المرصد السوري لحقوق الإنسان إن سبعة مدنيين قتلوا في غارات جوية على مدينة كفرنبل "
            "يوم الإثنين.",
        ]
    )
    assert {c.claim.places[0].place_id for c in claims} == {"geonames:168661"}
    (incident,) = build_incidents(claims)
    assert incident.claim_ids == (1, 2)


def test_a_joined_town_is_shown_under_the_spelling_of_conflict_reporting_and_keeps_the_other():
    # Trap: the join kept GeoNames' id and, with it, GeoNames' scholarly transliteration as the
    # English name, so a Houla report's incident read "Kafr Lāhā", Azaz "I‘zāz" and Kafr Nabl
    # "Kafranbel" on every page and export. The UCDP name (the press's spelling) is shown; the
    # GeoNames name stays a variant, so the same names are indexed (the spellings test above).
    rows = _rows()
    by_id = {r["id"]: r for r in rows}
    g = load_gazetteer()
    for ucdp_id, gid in find_twins(rows).items():
        town = g.get(gid)
        assert town.name_en == by_id[ucdp_id]["name_en"]
        assert by_id[gid]["name_en"] in town.variants


def test_no_place_name_carries_a_bidi_control():
    # one source row's Arabic name (Houla's) ended in two LRMs, shown on every Arabic page
    from tawthiq.text.bidi import BIDI_CONTROLS

    g = load_gazetteer()
    marked = [p.id for p in g if any(ch in BIDI_CONTROLS for ch in (p.name_ar or "") + p.name_en)]
    assert marked == []
