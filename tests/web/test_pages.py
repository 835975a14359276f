"""Workspace pages and their .json twins: inbox, report with spans, incidents, map, timeline, people."""

from __future__ import annotations

import re

from .conftest import AR_BODY, PLANTED_IDENTITY, PLANTED_SENDER


def test_inbox_lists_failed_intake_with_its_reason(make_client, built):
    client = make_client("viewer")
    html = client.get("/reports?status=failed").text
    assert "bytes are not text in any accepted encoding" in html
    data = client.get("/reports.json").json()
    failed = [r for r in data["items"] if r["status"] == "failed"]
    assert failed and failed[0]["failure_reason"].endswith("accepted encoding")
    assert data["total"] == 4


def test_a_failed_intakes_english_reason_on_an_arabic_page_is_marked_as_recorded_in_english(
    make_client, built
):
    """Ingest stores why an intake failed in English (with the file's name): the Arabic inbox and
    report page show it marked "(كما سُجّل، بالإنجليزية)", isolated left to right, not as a
    sentence of the Arabic page; the English pages show it as stored."""
    client = make_client("viewer")
    reason = "broken.txt: bytes are not text in any accepted encoding"
    for path in ("/reports?status=failed&lang=ar", f"/reports/{built.report_ids['failed']}?lang=ar"):
        html = client.get(path).text
        assert f'(كما سُجّل، بالإنجليزية) <bdi lang="en" dir="ltr">{reason}</bdi>' in html, path
    english = client.get(f"/reports/{built.report_ids['failed']}?lang=en").text
    assert f'<dd class="error">{reason}</dd>' in english


def test_report_page_marks_claim_spans_in_place_and_escapes_markup(make_client, built):
    client = make_client("viewer")
    html = client.get(f"/reports/{built.report_ids['en']}").text
    marks = re.findall(r'<mark class="claim-span[^"]*" data-claims="(\d+)"><a [^>]*>(.*?)</a></mark>', html)
    marked = {int(cid): text for cid, text in marks}
    assert marked[built.claim_ids["shelling"]].startswith("at least 12 civilians were killed")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_chat_report_shows_that_a_sender_exists_but_never_who(make_client, built):
    client = make_client("admin")
    html = client.get(f"/reports/{built.report_ids['chat']}").text
    js = client.get(f"/reports/{built.report_ids['chat']}.json").text
    assert "protected" in html
    assert PLANTED_SENDER not in html + js and PLANTED_IDENTITY not in html + js
    assert client.get(f"/reports/{built.report_ids['chat']}.json").json()["report"]["has_protected_sender"]


def test_arabic_report_renders_right_to_left(make_client, built):
    client = make_client("viewer")
    html = client.get(f"/reports/{built.report_ids['ar']}").text
    assert AR_BODY[:13] in html  # the text before the first claim span
    assert '<h1 class="report-title"><bdi dir="rtl">قصف على حي الفردوس</bdi></h1>' in html


def test_incidents_filter_by_grade_type_arabic_place_and_dates(make_client, built):
    client = make_client("viewer")

    def ids(query: str) -> set[int]:
        return {i["id"] for i in client.get("/incidents.json?" + query).json()["items"]}

    shelling, execution, clash = (
        built.incident_ids[k] for k in ("shelling-fardous", "execution-saliheen", "clash-raqqa")
    )
    assert ids("") == {shelling, execution, clash}
    assert ids("grade=fair") == {shelling}
    assert ids("type=attack") == {shelling}  # a family
    assert ids("type=killing.execution") == {execution}
    assert ids("place=الصالحين") == {execution}
    assert ids("place=fardous") == {shelling}
    assert ids("from=2016-12-15") == {clash}
    assert ids("to=2016-12-13") == {shelling, execution}


def test_grade_filter_uses_the_override_not_the_computed_grade(make_client, built):
    from tawthiq.store.incidents import override_incident_grade

    with built.ws.session(actor="test") as s:
        override_incident_grade(s, built.incident_ids["execution-saliheen"], "contested", "origins disagree")
    client = make_client("viewer")
    got = {i["id"] for i in client.get("/incidents.json?grade=contested").json()["items"]}
    assert got == {built.incident_ids["execution-saliheen"]}
    assert not {i["id"] for i in client.get("/incidents.json?grade=weak").json()["items"]}


def test_pagination_walks_every_incident_once(make_client, built):
    client = make_client("viewer")
    seen, page = [], 1
    while page:
        data = client.get(f"/incidents.json?page_size=2&page={page}").json()
        seen += [i["id"] for i in data["items"]]
        page = data["next"]
    assert sorted(seen) == sorted(built.incident_ids.values())
    html = client.get("/incidents?page_size=2&grade=").text
    assert 'rel="next"' in html


def test_bad_filter_values_get_the_error_shape_naming_the_field(make_client, built):
    client = make_client("viewer")
    for query, field in (
        ("grade=great", "grade"),
        ("from=13/12/16", "from"),
        ("type=bombing", "type"),
        ("page=0", "page"),
        ("page_size=100000", "page_size"),
    ):
        r = client.get("/incidents.json?" + query)
        assert r.status_code == 400, query
        assert r.json()["error"]["field"] == field
    r = client.get("/incidents?grade=great")
    assert r.status_code == 400 and "great" in r.text and "<!doctype html>" in r.text


def test_unknown_incident_is_404_in_the_error_shape(make_client, built):
    client = make_client("viewer")
    r = client.get("/incidents/999999.json")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_incident_page_shows_claims_quotes_origins_outlets_rationale(make_client, built):
    client = make_client("viewer")
    iid = built.incident_ids["shelling-fardous"]
    html = client.get(f"/incidents/{iid}").text
    for needle in (
        "shells hit a market in Fardous",
        "2 independent origins: am; individual. Reported by 1 outlet.",
        "Aleppo Monitor (test)",
        "neighbourhood",
        '<bdi dir="rtl" lang="ar">الفردوس</bdi>',
    ):
        assert needle in html
    data = client.get(f"/incidents/{iid}.json").json()
    assert {c["id"] for c in data["claims"]} == {built.claim_ids[k] for k in ("shelling", "arabic", "chat")}
    assert all(c["report"] for c in data["claims"])


def test_map_returns_only_incidents_in_the_box_coloured_by_grade(make_client, built):
    client = make_client("viewer")
    aleppo = client.get("/map/incidents.json?bbox=37.0,36.1,37.3,36.3").json()
    got = {f["properties"]["id"]: f for f in aleppo["features"]}
    assert set(got) == {built.incident_ids["shelling-fardous"], built.incident_ids["execution-saliheen"]}
    fardous = got[built.incident_ids["shelling-fardous"]]
    assert fardous["properties"]["precision"] == "neighbourhood"
    assert fardous["properties"]["colour"] and fardous["properties"]["grade"] == "fair"
    r = client.get("/map/incidents.json?bbox=37.3,36.1,37.0,36.3")
    assert r.status_code == 400 and r.json()["error"]["field"] == "bbox"


def test_map_page_uses_bundled_assets_only(make_client, built):
    client = make_client("viewer")
    html = client.get("/map").text
    srcs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert srcs and all(s.startswith(("/", "?", "#")) for s in srcs), srcs
    for asset in (
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/markercluster/leaflet.markercluster.js",
        "/static/map.js",
    ):
        assert asset in html and client.get(asset).status_code == 200


def test_timeline_counts_incidents_per_day_and_type(make_client, built):
    client = make_client("viewer")
    rows = client.get("/timeline.json").json()["items"]
    assert {"day": "2016-12-12", "event_type": "attack.shelling", "count": 1} in rows
    assert sum(r["count"] for r in rows) == 3
    html = client.get("/timeline").text
    assert "<svg" in html and 'data-day="2016-12-20"' in html


def test_people_search_is_tolerant_of_spelling_and_script(make_client, built):
    client = make_client("viewer")

    def names(q: str) -> list[str]:
        return [
            i["name_ar"] or i["name_latin"]
            for i in client.get("/people.json", params={"q": q}).json()["items"]
        ]

    assert names("Mohamad Abdullah al-Hallaq")[0] == "محمد عبد الله الحلاق"  # Latin finds Arabic
    assert names("Yousef Haddad")[0] == "Yusuf Karimi Haddad"
    assert names("محمّد الحلاّق")[0] == "محمد عبد الله الحلاق"  # shadda, no compound


def test_people_search_needs_login(make_client, built):
    assert make_client().get("/people.json?q=Yusuf").status_code == 401
