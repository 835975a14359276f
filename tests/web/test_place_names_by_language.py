"""A place's name in the page's language (polish, session 24): an Arabic report writes
العامرية, the English Places page put it in the English Name column; "eastern Aleppo" carries the
city's Arabic name حلب, and the Arabic pages lost the part ("شرق حلب")."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.entities import Incident, PlaceRef, TimeSpan
from tawthiq.gazetteer import place_names

from .conftest import PASSWORD, add_user, login

# as the Arabic extractor stores a gazetteer neighbourhood: the name as written, the gazetteer's id
AMIRIYAH_AS_WRITTEN = {"name": "العامرية", "name_ar": "العامرية", "place_id": "aleppo-nbhd:amiriyah",
                       "precision": "neighbourhood", "lat": 36.1707, "lon": 37.1261}  # fmt: skip
# a compass part of the city: the city's id, point and Arabic name
EASTERN_ALEPPO = {"name": "eastern Aleppo", "name_ar": "حلب", "place_id": "C1007", "precision": "town",
                  "lat": 36.2012, "lon": 37.1612}  # fmt: skip
UNKNOWN_LATIN = {"name": "Invented Hamlet", "precision": "town", "lat": 36.0, "lon": 37.0}


@pytest.fixture
def client(workspace):
    from fastapi.testclient import TestClient

    from tawthiq.app.corroborate import rebuild_incidents
    from tawthiq.web import WebSettings, create_app

    day = TimeSpan(start=date(2016, 12, 12), end=date(2016, 12, 12), precision="day")
    with workspace.session(actor="test") as s:
        rebuild_incidents(
            s,
            [
                Incident(
                    key=f"k{i}",
                    event_type="attack.shelling",
                    places=(PlaceRef(**p),),
                    time=day,
                    grade="weak",
                    rationale="test",
                )
                for i, p in enumerate((AMIRIYAH_AS_WRITTEN, EASTERN_ALEPPO, UNKNOWN_LATIN))
            ],
        )
    add_user(workspace, "viewer-user", "viewer")
    c = TestClient(create_app(workspace, WebSettings()))
    login(c, "viewer-user", PASSWORD)
    return c


def _row(html: str, marker: str) -> str:
    body = html[html.index("<tbody>") :]
    return body[: body.index(marker)].rsplit("<tr>", 1)[1] + body[body.index(marker) :].split("</tr>")[0]


def test_the_places_name_column_is_in_the_pages_language_not_the_reports(client):
    en = client.get("/places?lang=en").text
    row = _row(en, "aleppo-nbhd:amiriyah")
    name_cell = row.split("</td>")[0]
    assert "Amiriyah" in name_cell and "العامرية" not in name_cell  # before: العامرية in Name
    assert "العامرية" in row.split("</td>")[1]  # the Arabic column
    ar = client.get("/places?lang=ar").text
    row = _row(ar, "aleppo-nbhd:amiriyah")
    assert "العامرية" in row.split("</td>")[0] and "Amiriyah" in row.split("</td>")[1]
    (item,) = client.get("/places.json", params={"q": "Amiriyah"}).json()["items"]
    assert (item["name"], item["name_en"], item["name_ar"]) == ("العامرية", "Amiriyah", "العامرية")


def test_a_place_with_no_name_in_the_pages_language_shows_the_other_said_so(client):
    ar = client.get("/places?lang=ar").text
    row = _row(ar, "Invented Hamlet")
    assert "لا اسم له بالعربية" in row  # "no Arabic name": visibly a fallback, not a translation
    en = client.get("/places?lang=en").text
    assert "no English name" not in _row(en, "Invented Hamlet")
    (item,) = client.get("/places.json", params={"q": "Hamlet"}).json()["items"]
    assert (item["name_en"], item["name_ar"]) == ("Invented Hamlet", None)


@pytest.mark.parametrize("path", ["/places", "/incidents"])
def test_a_part_of_a_city_keeps_its_part_in_arabic_and_english(client, path):
    # before: the Arabic pages wrote "eastern Aleppo" as حلب, the whole city
    ar = client.get(f"{path}?lang=ar").text
    assert "شرق حلب" in ar
    en = client.get(f"{path}?lang=en").text
    assert "eastern Aleppo" in en


def test_the_maps_arabic_place_of_a_part_of_a_city_is_the_part(client):
    features = client.get("/map/incidents.json?bbox=36.5,35.5,37.5,36.5").json()["features"]
    places = {f["properties"]["place"]: f["properties"]["place_ar"] for f in features}
    assert places["eastern Aleppo"] == "شرق حلب"  # before: حلب
    assert places["Amiriyah"] == "العامرية"  # before: the English map's place was العامرية


@pytest.mark.parametrize(
    ("written", "en", "ar"),
    [
        ("eastern Aleppo", "eastern Aleppo", "شرق حلب"),
        ("east Aleppo", "east Aleppo", "شرق حلب"),
        ("north-east Aleppo", "north-east Aleppo", "شمال شرق حلب"),
        ("حلب الشرقية", "eastern Aleppo", "حلب الشرقية"),
        ("شرق حلب", "eastern Aleppo", "شرق حلب"),
        ("الأحياء الشرقية من حلب", "eastern Aleppo", "الأحياء الشرقية من حلب"),
        ("حلب الغربية", "western Aleppo", "حلب الغربية"),
        ("وسط حلب", "central Aleppo", "وسط حلب"),
        ("east of Aleppo", "east of Aleppo", "ريف حلب الشرقي"),
        ("Aleppo", "Aleppo", "حلب"),
        ("حلب", "Aleppo", "حلب"),
    ],
)
def test_every_way_a_report_names_a_part_of_the_city_survives_in_both_languages(written, en, ar):
    names = place_names({"name": written, "place_id": "C1007", "name_ar": "حلب"})
    assert (names.en, names.ar) == (en, ar)


def test_a_compass_word_in_a_neighbourhoods_own_name_is_no_part():
    # "West Bank" reads as a direction: only a town's name is read for a part
    names = place_names(AMIRIYAH_AS_WRITTEN | {"name": "غرب العامرية"})
    assert (names.en, names.ar) == ("Amiriyah", "العامرية")
