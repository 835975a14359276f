"""The web's per-data-version caches and in-memory incident index: never stale, never another user's.

Each test first asks for the page so that its cache and the index are warm, then writes the way
another process would (through the store, not through this app), then asks again.
"""

from __future__ import annotations

import re
from datetime import date

from .conftest import FARDOUS, PASSWORD, add_user, login


def _ids(client, query: str) -> set[int]:
    return {i["id"] for i in client.get(f"/incidents.json?{query}").json()["items"]}


def _row_grades(html: str) -> dict[int, str]:
    rows = re.findall(r'<a href="/incidents/(\d+)">\d+</a>.*?class="grade grade-(\w+)"', html, re.S)
    return {int(i): g for i, g in rows}


def test_list_count_and_map_see_an_override_written_elsewhere_on_the_next_request(make_client, built):
    from tawthiq.store.incidents import override_incident_grade

    client = make_client("viewer")
    execution = built.incident_ids["execution-saliheen"]
    bbox = "/map/incidents.json?bbox=37.0,36.1,37.3,36.3"
    assert _ids(client, "grade=contested") == set()
    assert _row_grades(client.get("/incidents").text)[execution] == "weak"
    for _ in range(2):  # the incident page's data is kept per data version once asked
        page = client.get(f"/incidents/{execution}.json").json()
        assert page["grade"] == "weak" and page["override_reason"] is None
    before = {f["properties"]["id"]: f["properties"]["grade"] for f in client.get(bbox).json()["features"]}
    assert before[execution] == "weak"

    with built.ws.session(actor="test") as s:
        override_incident_grade(s, execution, "contested", "origins disagree")

    data = client.get("/incidents.json?grade=contested").json()
    assert {i["id"] for i in data["items"]} == {execution} and data["total"] == 1
    assert _row_grades(client.get("/incidents").text)[execution] == "contested"
    assert "1 " in client.get("/incidents?grade=contested").text  # the pager's total, from the index
    after = {f["properties"]["id"]: f["properties"]["grade"] for f in client.get(bbox).json()["features"]}
    assert after[execution] == "contested"
    page = client.get(f"/incidents/{execution}.json").json()
    assert page["grade"] == "contested" and page["override_reason"] == "origins disagree"
    assert "origins disagree" in client.get(f"/incidents/{execution}").text


def test_incident_inserted_in_bulk_without_an_audit_event_is_listed_on_the_next_request(make_client, built):
    from sqlalchemy import insert, select

    from tawthiq.store.tables import IncidentRow

    client = make_client("viewer")
    assert client.get("/incidents.json").json()["total"] == 3
    assert "bulk-new" not in client.get("/incidents").text
    with built.ws.session(actor="test") as s:
        s.execute(
            insert(IncidentRow),
            [
                {
                    "key": "bulk-new",
                    "event_type": "attack.air_strike",
                    "places": [FARDOUS],
                    "time_start": date(2016, 12, 30),
                    "time_end": date(2016, 12, 30),
                    "grade": "confirmed",
                    "rationale": "bulk-inserted for this test",
                }
            ],
        )
        new_id = s.scalar(select(IncidentRow.id).where(IncidentRow.key == "bulk-new"))
    data = client.get("/incidents.json").json()
    assert data["total"] == 4 and data["items"][0]["id"] == new_id  # newest first
    assert f'href="/incidents/{new_id}"' in client.get("/incidents").text
    assert _ids(client, "grade=confirmed&type=attack") == {new_id}
    feats = client.get("/map/incidents.json?bbox=37.0,36.1,37.3,36.3").json()["features"]
    assert new_id in {f["properties"]["id"] for f in feats}


def test_cached_list_rows_never_carry_another_users_name_role_or_csrf_token(make_client, built):
    first = make_client("documenter")  # warms the rows' cache, as documenter-user
    page_a = first.get("/incidents?grade=fair").text
    add_user(built.ws, "second-viewer", "viewer")
    second = make_client()
    second.app.state.data = first.app.state.data  # the same caches, as in one server process
    login(second, "second-viewer", PASSWORD)
    page_b = second.get("/incidents?grade=fair").text

    def csrf(html: str) -> str:
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    assert _row_grades(page_a) == _row_grades(page_b) != {}  # the same rows (from the cache)
    assert "documenter-user" in page_a and "documenter-user" not in page_b
    assert "second-viewer" in page_b and "(viewer)" in page_b and "(documenter)" not in page_b
    assert csrf(page_a) != csrf(page_b) and csrf(page_a) not in page_b
    assert '<a href="/missing">' in page_a and '<a href="/missing">' not in page_b  # role-only link


def test_cached_rows_follow_the_interface_language(make_client, built):
    client = make_client("viewer")
    english = client.get("/incidents?grade=fair&lang=en").text
    arabic = client.get("/incidents?grade=fair&lang=ar").text
    assert 'class="grade grade-fair">fair<' in english
    assert 'class="grade grade-fair">fair<' not in arabic


def test_the_kept_filter_form_shows_this_requests_filter_and_language_not_the_last_ones(make_client, built):
    """The incidents list keeps its filter form with its rows (per data version, filter, page and
    language): a form kept for one filter or language must never come back for another."""
    client = make_client("viewer")

    def chosen(html: str) -> tuple[str | None, str | None]:
        grade = re.search(r'<option value="(\w+)" selected>', html.split('name="grade"')[1])
        kind = re.search(r'<option value="([\w.]+)" selected>', html.split('name="type"')[1])
        return (grade and grade.group(1)), (kind and kind.group(1))

    for _ in range(2):  # the second round answers from what the first kept
        assert chosen(client.get("/incidents?grade=fair&lang=en").text) == ("fair", None)
        assert chosen(client.get("/incidents?grade=weak&type=attack.shelling").text) == (
            "weak",
            "attack.shelling",
        )
        assert chosen(client.get("/incidents").text) == (None, None)
        arabic = client.get("/incidents?grade=fair&lang=ar").text
        assert (
            chosen(arabic) == ("fair", None)
            and "مرجّحة" in arabic.split('name="grade"')[1].split("</select>")[0]
        )
        english = client.get("/incidents?grade=fair&lang=en").text
        assert ">fair<" in english.split('name="grade"')[1].split("</select>")[0]
    assert 'class="filters-box" open' in client.get("/incidents?place=Fardous").text  # a filter set: open


def test_incident_index_survives_logins_and_claim_reviews_but_not_an_incident_write(make_client, built):
    """Rebuilding the index costs ~1 s at 100,000 incidents: only incident writes may cause it."""
    from tawthiq.store.incidents import override_incident_grade
    from tawthiq.store.review import review_claim

    client = make_client("reviewer")
    data = client.app.state.data
    client.get("/incidents")
    first = data.incidents._index._index
    add_user(built.ws, "another", "viewer")
    login(make_client(), "another", PASSWORD)  # user.set and user.login events
    with built.ws.session(actor="test") as s:
        review_claim(s, built.claim_ids["execution"], "rejected", actor="test")
    assert client.get("/incidents.json").json()["total"] == 3
    assert data.incidents._index._index is first

    execution = built.incident_ids["execution-saliheen"]
    with built.ws.session(actor="test") as s:
        override_incident_grade(s, execution, "confirmed", "a second origin came in")
    assert _ids(client, "grade=confirmed") == {execution}
    assert data.incidents._index._index is not first


def test_index_answers_every_filter_as_the_sql_query_does_undated_and_placeless_included(built):
    """The list, counts and timeline come from the in-memory index; SQL is the reference: the two
    executors of the one query model (``entities.IncidentFilter``) give the same incidents."""
    from datetime import timedelta

    from sqlalchemy import insert

    from tawthiq.entities import EVENT_FAMILIES, EVENT_TYPES, GRADES, IncidentFilter
    from tawthiq.store import browse
    from tawthiq.store.tables import IncidentRow
    from tawthiq.web._data import WebData

    grades = ("confirmed", "fair", "weak", "contested", "discounted")
    rows = []
    for n in range(60):
        start = date(2016, 12, 1) + timedelta(days=n % 9) if n % 7 else None  # some undated
        end = start + timedelta(days=n % 3) if start and n % 2 else None  # some without an end
        rows.append(
            {
                "key": f"mixed-{n}",
                "event_type": EVENT_TYPES[n % len(EVENT_TYPES)],
                "places": [FARDOUS] if n % 5 else [],  # some without a place
                "time_start": start,
                "time_end": end,
                "grade": grades[n % 5],
                "grade_override": grades[(n + 1) % 5] if n % 11 == 0 else None,
                "rationale": "",
            }
        )
    with built.ws.session(actor="test") as s:
        s.execute(insert(IncidentRow), rows)
    data = WebData(built.ws)
    filters = [
        IncidentFilter(),
        IncidentFilter(grade="fair"),
        IncidentFilter(grade="contested", event_type="attack"),
        IncidentFilter(event_type="attack.shelling"),
        IncidentFilter(event_type="killing"),
        IncidentFilter(event_type="evacuation"),  # a type that is its own family
        IncidentFilter(event_type="other", grade="weak"),
        IncidentFilter(date_from=date(2016, 12, 4)),
        IncidentFilter(date_to=date(2016, 12, 5)),
        IncidentFilter(grade="weak", date_from=date(2016, 12, 3), date_to=date(2016, 12, 6)),
        # every value the query model takes: each grade, each type and each family
        *(IncidentFilter(grade=g) for g in GRADES),
        *(IncidentFilter(event_type=t) for t in (*EVENT_TYPES, *EVENT_FAMILIES)),
    ]
    assert all(f.problem() is None for f in filters)
    for f in filters:
        with built.ws.session() as s:
            want, want_total = browse.list_incidents(s, f, offset=0, limit=500)
            want_days = browse.count_incidents_by_day(s, f)
        got, got_total = data.incidents.page(f, 0, 500)
        assert [i.id for i in got] == [i.id for i in want], f
        assert got_total == want_total == len(want), f
        assert data.incidents.timeline(f) == want_days, f
        second, _ = data.incidents.page(f, 3, 4)
        assert [i.id for i in second] == [i.id for i in want[3:7]], f


def test_map_features_from_the_index_equal_those_built_from_the_rows(make_client, built):
    """The map's GeoJSON is joined from per-feature JSON made by the index: same as the SQL path."""
    from tawthiq.store import browse
    from tawthiq.store.browse import IncidentFilter
    from tawthiq.store.incidents import override_incident_grade
    from tawthiq.web.routers.geo import incident_feature

    with built.ws.session(actor="test") as s:
        override_incident_grade(s, built.incident_ids["execution-saliheen"], "contested", "disputed")
    client = make_client("viewer")
    for bbox in ("37.0,36.1,37.3,36.3", "-180,-90,180,90", "37.16,36.18,37.17,36.19"):
        got = client.get(f"/map/incidents.json?bbox={bbox}").json()
        with built.ws.session() as s:
            box = tuple(float(x) for x in bbox.split(","))
            rows = browse.incidents_in_bbox(s, box, IncidentFilter(), limit=5000)
        want = [incident_feature(i) for i in rows]
        assert got == {"type": "FeatureCollection", "features": want, "truncated": False}, bbox


def test_map_says_truncated_only_when_more_incidents_matched_than_it_shows(make_client, built):
    from tawthiq.web import WebSettings

    ids = sorted(built.incident_ids.values())
    world = "/map/incidents.json?bbox=-180,-90,180,90"
    two = make_client("viewer", WebSettings(map_max_markers=2)).get(world).json()
    assert two["truncated"] is True
    assert [f["properties"]["id"] for f in two["features"]] == ids[:2]  # the lowest ids, as SQL
    three = make_client("viewer", WebSettings(map_max_markers=3)).get(world).json()
    assert three["truncated"] is False and len(three["features"]) == 3
