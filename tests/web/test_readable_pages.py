"""Pages a documenter reads (issue 18 item 6): the missing-persons registry's Last seen and
History from the lists, a filled Places page, public pages that never lead to an empty page,
one colour per attack type, and a review queue that names each claim's report and source."""

from __future__ import annotations

import re
from datetime import date

from tawthiq.entities import EVENT_TYPES, PersonRecord


def test_the_registry_shows_when_and_where_a_list_last_saw_someone(make_client, built):
    from tawthiq.store.people import save_list

    with built.ws.session(actor="test") as s:
        save_list(
            s,
            "test-missing-list",
            [
                PersonRecord(list_name="test-missing-list", record_id="7", name_latin="Samir Listed-Missing",
                             status="missing", event_date=date(2016, 12, 13), place="Bustan al-Qasr"),
            ],
        )  # fmt: skip
    client = make_client("documenter")
    (item,) = [i for i in client.get("/missing.json").json()["items"] if i["list"] == "test-missing-list"]
    assert (item["last_seen_date"], item["last_seen_place"]) == ("2016-12-13", "Bustan al-Qasr")
    html = client.get("/missing").text
    row = html[html.index("Samir Listed-Missing") :].split("</tr>")[0]
    assert "13 December 2016" in row and "Bustan al-Qasr" in row
    assert "listed as missing on" in row and "test-missing-list #7" in row
    assert "believed_missing" not in html  # the label, never the code


def test_the_places_page_lists_the_places_of_the_incidents(make_client, built):
    client = make_client("viewer")
    items = client.get("/places.json").json()["items"]
    counts = {p["place_id"] or p["name"]: p["incidents"] for p in items}
    assert counts == {"aleppo-nbhd:fardous": 1, "aleppo-nbhd:saliheen": 1, "Raqqa": 1}
    (found,) = client.get("/places.json", params={"q": "الفردوس"}).json()["items"]
    assert found["name"] == "Fardous"
    html = client.get("/places").text
    assert "Fardous" in html and "/incidents?place=aleppo-nbhd%3Afardous" in html


def test_public_pages_count_only_published_incidents_so_next_is_never_empty(make_client, built):
    client = make_client()
    # The newest incident (Raqqa, discounted) is held back: paging the workspace's list gave an
    # empty first page and a "Next" to another.
    first = client.get("/public/incidents.json", params={"page_size": 1}).json()
    assert [i["id"] for i in first["items"]] == [built.incident_ids["shelling-fardous"]]
    assert (first["total"], first["pages"], first["next"]) == (1, 1, None)
    assert 'rel="next"' not in client.get("/public", params={"page_size": 1}).text
    api = client.get("/api/v1/public/incidents", params={"page_size": 1}).json()
    assert (len(api["items"]), api["next"]) == (1, None)


def test_every_event_type_has_its_own_timeline_colour():
    from tawthiq.web._timeline import TYPE_COLOURS, timeline_svg

    assert set(TYPE_COLOURS) == set(EVENT_TYPES)
    assert len(set(TYPE_COLOURS.values())) == len(EVENT_TYPES)
    day = date(2016, 12, 12)
    svg = str(
        timeline_svg({(day, "attack.air_strike"): 1, (day, "attack.shelling"): 2, (day, "attack.ground"): 1})
    )
    fills = {
        m.group(2): m.group(1)
        for m in re.finditer(r'fill="(#\w+)" data-day="[^"]+" data-type="([^"]+)"', svg)
    }
    assert len(set(fills.values())) == 3


def test_the_review_queue_names_each_claims_report_and_source(make_client, built):
    html = make_client("reviewer").get("/claims").text
    assert "Shelling reported in Fardous" in html and "Aleppo Monitor (test)" in html
    assert not re.search(r">Report \d+</", html)
