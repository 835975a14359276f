"""ACLED geo_precision and GED where_prec follow the kind of place (issue 17).

"eastern Aleppo" carries the city's point and the precision ``town``: it was exported as if the
event were at the city centre (precision 1). An area of a town is not precision 1.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tawthiq.demo import CORPUS
from tawthiq.export._taxonomy import acled_geo_precision, ged_where_prec, place_scale

# (name, extractor's precision) -> (kind of place, ACLED geo_precision, GED where_prec)
KINDS = [
    (("a building", "exact"), ("exact", 1, 1)),
    (("Jub al-Qubba", "neighbourhood"), ("neighbourhood", 1, 1)),
    (("eastern Aleppo", "town"), ("town_part", 2, 2)),
    (("east Aleppo", "town"), ("town_part", 2, 2)),
    (("E. Aleppo", "town"), ("town_part", 2, 2)),
    (("شرق حلب", "town"), ("town_part", 2, 2)),
    (("حلب الشرقية", "town"), ("town_part", 2, 2)),
    # the one rule of gazetteer.compass_part (issue 18): a part after the name, two points, a
    # bearing from the town (ground beside it: not at the town's point either), diacritics
    (("Aleppo East", "town"), ("town_part", 2, 2)),
    (("north-east Aleppo", "town"), ("town_part", 2, 2)),
    (("east of Aleppo", "town"), ("town_part", 2, 2)),
    (("شرقيّ حلب", "town"), ("town_part", 2, 2)),
    (("الأحياء الشرقية من حلب", "town"), ("town_part", 2, 2)),
    (("ريف حلب الشرقي", "town"), ("town_part", 2, 2)),
    (("باب شرقي", "town"), ("town", 1, 1)),  # Bab Sharqi: a name, no article, not a part
    (("Aleppo", "town"), ("town", 1, 1)),
    (("حلب", "town"), ("town", 1, 1)),
    (("Eastleigh", "town"), ("town", 1, 1)),  # a compass word inside a name is not a part of a town
    (("Jebel Saman", "district"), ("district", 2, 3)),
    (("Aleppo Governorate", "governorate"), ("governorate", 3, 4)),
    (("Eastern Ghouta", "governorate"), ("governorate", 3, 4)),  # a region stays a region
    (("Syria", "country"), ("country", 3, 6)),
    (("nowhere known", None), ("country", 3, 6)),  # unknown: never more precise than known
]


@pytest.mark.parametrize(("place", "expected"), KINDS, ids=[k[0][0] for k in KINDS])
def test_each_kind_of_place_gets_its_own_precision_codes(place, expected):
    name, precision = place
    scale = place_scale({"name": name, "precision": precision})
    assert (scale, acled_geo_precision(scale, False), ged_where_prec(scale, False)) == expected


def test_a_moved_point_is_never_better_than_near_its_town():
    for scale in ("exact", "neighbourhood", "town"):
        assert acled_geo_precision(scale, True) == 2 and ged_where_prec(scale, True) == 2
    assert acled_geo_precision("governorate", True) == 3 and ged_where_prec("country", True) == 6


def test_eastern_aleppo_is_exported_as_an_area_not_the_city_centre(workspace, cli, tmp_path):
    # the demo's shelling report: one incident in Jub al-Qubba, one in "eastern Aleppo"
    cli(workspace, "ingest", str(CORPUS / "06-jub-al-qubba-shelling.txt"), "--published-from-header")
    cli(workspace, "extract")
    cli(workspace, "claims", "approve", "--all", "--reason", "test batch")
    cli(workspace, "corroborate")
    for fmt in ("acled", "ged", "hxl"):
        cli(workspace, "export", fmt, "--out", str(tmp_path / fmt))
    acled = pd.read_csv(tmp_path / "acled" / "acled.csv")
    ged = pd.read_csv(tmp_path / "ged" / "ged.csv")
    by_place = dict(zip(acled.location, acled.geo_precision, strict=True))
    assert by_place.get("eastern Aleppo") == 2, by_place
    assert by_place.get("Jub al-Qubba") == 1, by_place
    where = dict(zip(ged.where_coordinates, ged.where_prec, strict=True))
    assert where.get("eastern Aleppo") == 2 and where.get("Jub al-Qubba") == 1, where
    hxl = pd.read_csv(tmp_path / "hxl" / "hxl.csv").iloc[1:]
    assert set(hxl["Location precision"]) == {"town_part", "neighbourhood"}


def _incidents_with_and_without_a_place(ctx):
    yield {"id": 7, "event_type": "attack.shelling", "grade": "weak", "rationale": "r",
           "places": [{"name": "Jub al-Qubba", "precision": "neighbourhood", "lat": 36.2, "lon": 37.2}],
           "origins": ["o"], "outlets": []}  # fmt: skip
    yield {"id": 8, "event_type": "killing.execution", "grade": "weak", "rationale": "r", "places": [],
           "origins": ["o"], "outlets": []}  # fmt: skip


def test_an_incident_with_no_place_is_left_out_of_acled_by_name_not_written_with_an_empty_location(
    workspace, cli, tmp_path, monkeypatch
):
    import json

    from tawthiq.export import _tabular

    monkeypatch.setattr(_tabular, "public_incidents", _incidents_with_and_without_a_place)
    res = cli(workspace, "export", "acled", "--out", str(tmp_path / "acled"), "--json")
    acled = pd.read_csv(tmp_path / "acled" / "acled.csv")
    assert list(acled.event_id_cnty) == ["TWQ7"] and acled.location.notna().all()
    assert "#8" in res.stderr and "geo_precision 3" in res.stderr
    assert [x["incident"] for x in json.loads(res.stdout)["left_out"]] == [8]
    cli(workspace, "export", "ged", "--out", str(tmp_path / "ged"))
    ged = pd.read_csv(tmp_path / "ged" / "ged.csv")
    assert sorted(ged.id) == [7, 8]  # GED has a code for "somewhere in the country" and keeps it
