"""An incident an Arabic report places is exported under the gazetteer's English name.

Before: ACLED's `location`, GED's `where_description`, HXL's `#loc+name` and GeoJSON's `place`
were the name as an Arabic claim wrote it ("حي العامرية") although the gazetteer knew the place
(Amiriyah) and GeoJSON's `place_ar` already held its Arabic name; an English CSV had an Arabic cell
where ACLED's codebook has the place's name. A place the gazetteer does not know stays as written.
"""

from __future__ import annotations

import csv
import json

from tawthiq.entities import Place
from tawthiq.export._context import place_name

REPORT = (
    "DATE: 2016-12-15\nTITLE: إجلاء من حي العامرية\n\n"
    "قتل 15 مدنيا في غارة جوية على حي العامرية في حلب يوم الثلاثاء، بحسب المرصد السوري لحقوق الإنسان.\n"
)


def test_place_name_takes_the_english_name_of_a_known_place_written_in_arabic():
    places = {"aleppo-nbhd:amiriyah": Place(id="aleppo-nbhd:amiriyah", name_en="Amiriyah", name_ar="العامرية",
                                            kind="neighbourhood")}  # fmt: skip
    known = {"name": "حي العامرية", "place_id": "aleppo-nbhd:amiriyah"}
    assert place_name(known, places) == "Amiriyah"
    assert place_name({"name": "حي مجهول", "place_id": None}, places) == "حي مجهول"  # unknown: as written
    assert place_name({"name": "al-Amiriya", "place_id": "aleppo-nbhd:amiriyah"}, places) == "al-Amiriya"
    assert place_name(None, places) is None


def test_acled_and_geojson_name_an_arabic_report_s_place_in_english(cli, workspace, tmp_path):
    f = tmp_path / "amiriyah.txt"
    f.write_text(REPORT, encoding="utf-8")
    cli(workspace, "ingest", str(f), "--published-from-header")
    cli(workspace, "extract")
    cli(workspace, "claims", "approve", "--all", "--reason", "test batch")
    cli(workspace, "corroborate")
    cli(workspace, "export", "acled", "--out", str(tmp_path / "acled"))
    cli(workspace, "export", "geojson", "--out", str(tmp_path / "geo"))
    [row] = list(csv.DictReader((tmp_path / "acled" / "acled.csv").open(encoding="utf-8")))
    assert row["location"] == "Amiriyah" and "at Amiriyah" in row["notes"]
    [feature] = json.loads((tmp_path / "geo" / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    assert feature["properties"]["place"] == "Amiriyah"
    assert feature["properties"]["place_ar"] == "العامرية"


def test_a_claim_stored_with_a_ucdp_twin_s_id_is_exported_under_its_town_s_name(cli, workspace, tmp_path):
    # Trap: the gazetteer joined 61 UCDP twins to their GeoNames towns (d43b6f5); a claim stored
    # before carries the twin's id, which the gazetteer's get() answers but the export's table of
    # places by id did not, so the English name, governorate and country columns went blank.
    from datetime import date

    from tawthiq.entities import Claim, Count, PlaceRef, TimeSpan
    from tawthiq.gazetteer import load_gazetteer
    from tawthiq.store.claims import save_claims
    from tawthiq.store.reports import list_reports

    gazetteer = load_gazetteer()
    twin, town = next(iter(sorted(gazetteer.twin_ids().items())))
    place = gazetteer.get(town)
    assert place.name_en and place.name_ar and gazetteer.get(twin) == place
    f = tmp_path / "twin.txt"
    f.write_text(f"DATE: 2016-05-29\n\nقتل 4 مدنيين في قصف على {place.name_ar}.\n", encoding="utf-8")
    cli(workspace, "ingest", str(f), "--published-from-header")
    with workspace.session(actor="test") as s:
        (report,) = list_reports(s)
        assert report.id is not None
        day = TimeSpan(start=date(2016, 5, 29), end=date(2016, 5, 29), precision="day")
        written = PlaceRef(name=place.name_ar, place_id=twin, lat=place.lat, lon=place.lon, precision="town")
        claim = Claim(
            event_type="attack.shelling",
            quote="قصف",
            span=(0, 4),
            places=(written,),
            time=day,
            fatalities=Count(low=4, high=4, qualifier="exact"),
        )
        save_claims(s, report.id, [claim])
    cli(workspace, "claims", "approve", "--all", "--reason", "test batch")
    cli(workspace, "corroborate")
    cli(workspace, "export", "acled", "--out", str(tmp_path / "acled"))
    [row] = list(csv.DictReader((tmp_path / "acled" / "acled.csv").open(encoding="utf-8")))
    assert row["location"] == place.name_en
    assert row["country"] == "Syria" and row["admin1"]
