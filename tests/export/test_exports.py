"""Each export format opens in its usual reader, applies the policy, and is signed."""

from __future__ import annotations

import json
import math

import geojson
import pandas as pd
import pytest
import shapely.geometry
from lxml import etree

from tawthiq.cli.main import app


def _export(runner, demo, fmt, out, *extra):
    return runner.invoke(app, ["export", fmt, "--out", str(out), "-w", str(demo.path), "--json", *extra])


def test_acled_csv_opens_in_pandas_with_taxonomy_mapped_and_discounted_left_out(
    runner, demo, tmp_path, true_salah
):
    res = _export(runner, demo, "acled", tmp_path / "a")
    assert res.exit_code == 0, res.output
    df = pd.read_csv(tmp_path / "a" / "acled.csv")
    assert len(df) == 2  # the discounted incident is never public
    fardous = df[df.location == "Fardous"].iloc[0]
    assert (fardous.event_type, fardous.sub_event_type) == ("Violence against civilians", "Attack")
    assert fardous.fatalities == 82 and fardous.time_precision == 1 and fardous.geo_precision == 1
    salah = df[df.location == "Salah al-Din"].iloc[0]
    assert pd.isna(salah.fatalities) and "fewer than 3" in salah.notes  # 2 dead: suppressed
    assert (salah.latitude, salah.longitude) != true_salah and salah.geo_precision == 2  # fuzzed


def test_ged_csv_carries_precision_codes_and_best_low_high(runner, demo, tmp_path):
    assert _export(runner, demo, "ged", tmp_path / "g").exit_code == 0
    df = pd.read_csv(tmp_path / "g" / "ged.csv")
    row = df[df.where_coordinates == "Fardous"].iloc[0]
    assert (row.best, row.low, row.high, row.date_prec, row.where_prec) == (82, 82, 82, 1, 1)
    assert row.type_of_violence == 3 and "UN OHCHR" in row.source_original
    assert row.date_start == "2016-12-12"


def test_hxl_csv_has_hashtag_row_under_the_header(runner, demo, tmp_path):
    assert _export(runner, demo, "hxl", tmp_path / "h").exit_code == 0
    df = pd.read_csv(tmp_path / "h" / "hxl.csv")
    tags = list(df.iloc[0])
    for tag in ("#event+id", "#date+start", "#adm1+name", "#geo+lat", "#geo+lon", "#affected+killed"):
        assert tag in tags
    data = df.iloc[1:]
    assert len(data) == 2
    killed = data[df.columns[tags.index("#affected+killed")]].astype(float).dropna().tolist()
    assert killed == [82.0]


def test_geojson_is_valid_and_points_are_fuzzed_near_front_line(runner, demo, tmp_path, true_salah):
    assert _export(runner, demo, "geojson", tmp_path / "j").exit_code == 0
    with open(tmp_path / "j" / "incidents.geojson", encoding="utf-8") as fh:
        fc = geojson.load(fh)
    assert fc.is_valid and len(fc["features"]) == 2
    pts = {f["properties"]["place"]: shapely.geometry.shape(f["geometry"]) for f in fc["features"]}
    assert pts["Fardous"].is_valid and pts["Fardous"].y == pytest.approx(36.1905)
    salah = pts["Salah al-Din"]
    assert (salah.y, salah.x) != true_salah
    assert salah.distance(shapely.geometry.Point(true_salah[1], true_salah[0])) < 0.02  # ≈ within 1.5 km


def test_geojson_area_of_a_fuzzed_place_is_drawn_from_the_published_point_not_the_true_one(
    runner, demo, tmp_path, true_salah
):
    from tawthiq.gazetteer import place_area

    assert _export(runner, demo, "geojson", tmp_path / "j").exit_code == 0
    text = (tmp_path / "j" / "incidents.geojson").read_text(encoding="utf-8")
    feats = {f["properties"]["place"]: f for f in json.loads(text)["features"]}
    salah = feats["Salah al-Din"]
    moved = salah["properties"]["fuzzed_within_m"]
    area = salah["properties"]["area"]
    # the true place is an exact point (no area): an area from it would be None or reveal it
    assert place_area({"precision": "exact", "lat": true_salah[0], "lon": true_salah[1]}) is None
    assert area == {"kind": "circle", "radius_m": moved} and moved > 0
    # the circle sits on the published point and still holds the true one: nothing is narrowed
    lon, lat = salah["geometry"]["coordinates"]
    north_m = (true_salah[0] - lat) * 111_320
    east_m = (true_salah[1] - lon) * 111_320 * math.cos(math.radians(lat))
    assert math.hypot(north_m, east_m) <= area["radius_m"]
    # and the true coordinates appear nowhere in the file, at the precision they are stored
    assert f"{true_salah[0]}" not in text and f"{true_salah[1]}" not in text
    # an unmoved neighbourhood without an outline is a circle too, never a bare dot
    fardous = feats["Fardous"]["properties"]
    assert fardous["fuzzed_within_m"] is None and fardous["area"]["kind"] == "circle"


def test_public_formats_contain_no_protected_value(runner, demo, tmp_path, planted, all_text):
    for fmt in ("acled", "ged", "hxl", "geojson"):
        assert _export(runner, demo, fmt, tmp_path / fmt).exit_code == 0
        text = all_text(tmp_path / fmt)
        for value in planted.values():
            assert value not in text, f"{fmt} leaks a planted protected value"


def test_filters_select_by_grade_and_date(runner, demo, tmp_path):
    res = _export(runner, demo, "acled", tmp_path / "f", "--grade", "fair", "--since", "2016-12-11")
    assert res.exit_code == 0, res.output
    assert list(pd.read_csv(tmp_path / "f" / "acled.csv").location) == ["Fardous"]
    bad = _export(runner, demo, "acled", tmp_path / "f2", "--since", "12/11/2016")
    assert bad.exit_code == 1 and "--since" in bad.stderr and "YYYY-MM-DD" in bad.stderr


def test_unknown_format_and_non_empty_out_are_clear_errors(runner, demo, tmp_path):
    res = _export(runner, demo, "kml", tmp_path / "k")
    assert res.exit_code == 1 and "acled" in res.stderr
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x.txt").write_text("x")
    res = _export(runner, demo, "acled", tmp_path / "busy")
    assert res.exit_code == 1 and "busy" in res.stderr


def test_pfif_without_missing_records_says_what_is_needed(runner, demo, tmp_path):
    res = _export(runner, demo, "pfif", tmp_path / "p")
    assert res.exit_code == 1 and "missing-person records" in res.stderr


def test_pfif_export_parses_with_lxml(runner, demo, tmp_path, planted, all_text):
    from tawthiq.entities import PersonRecord
    from tawthiq.store.people import save_list

    with demo.ws.session() as s:
        save_list(
            s,
            "missing-2016",
            [
                PersonRecord(
                    list_name="missing-2016",
                    record_id="m1",
                    name_latin="Test Person One",
                    status="missing",
                    age=30,
                    sex="m",
                )
            ],
        )
    from datetime import UTC, datetime

    from tawthiq.entities import MissingNote
    from tawthiq.store.missing import add_note
    from tawthiq.store.people import load_records

    with demo.ws.session() as s:
        rid = next(r.id for r in load_records(s) if r.record_id == "m1")
        when = datetime(2016, 12, 14, tzinfo=UTC)
        add_note(
            s,
            rid,
            MissingNote(
                note_record_id="n1",
                status="believed_missing",
                author_name="Desk",
                author_email=planted["contact"],
                source_date=when,
                text="crossed the line",
            ),
        )
        add_note(
            s,
            rid,
            MissingNote(
                note_record_id="n2",
                status="believed_alive",
                author_name="Desk",
                source_date=when,
                text=planted["witness"],
                confidential=True,
            ),
        )
    res = _export(runner, demo, "pfif", tmp_path / "p")
    assert res.exit_code == 0, res.output + res.stderr
    doc = etree.parse(str(tmp_path / "p" / "pfif.xml"))
    ns = {"p": "http://zesty.ca/pfif/1.4"}
    assert doc.xpath("count(//p:person)", namespaces=ns) == 1
    assert doc.xpath("string(//p:person/p:full_name)", namespaces=ns) == "Test Person One"
    assert doc.xpath("//p:note/p:status/text()", namespaces=ns) == [
        "believed_missing"
    ]  # confidential left out
    text = all_text(tmp_path / "p")
    assert planted["contact"] not in text and planted["witness"] not in text


def test_export_summary_names_the_signed_audit_head(runner, demo, tmp_path):
    res = _export(runner, demo, "geojson", tmp_path / "s")
    summary = json.loads(res.stdout)
    manifest = json.loads((tmp_path / "s" / "manifest.json").read_text())
    assert summary["audit_head"] == manifest["audit_head"] and len(manifest["audit_head"]) == 64
    assert [f["path"] for f in manifest["files"]] == ["incidents.geojson"]
