"""Person-pair review on the web (issue 18 item 3): the pairs the CLI's `people review` shows,
decided with a reason that reaches the audit log, errors shown in place with the choice kept,
and missing persons' matches for documenters only."""

from __future__ import annotations

import re

import pytest

from tawthiq.entities import LinkedPair, PersonRecord

from .conftest import csrf_of

PLANTED_NATIONAL_ID = "PLANTED-NATIONAL-ID-5501"


@pytest.fixture
def pairs(built):
    """Two queued pairs: an ordinary one (list a #1 with list b #1) with its match weights, and a
    missing person (list a #2) with a victim of list b (#2), queued as a missing-person match."""
    from tawthiq.store.missing import queue_pairs
    from tawthiq.store.people import load_records, save_list

    with built.ws.session(actor="test") as s:
        save_list(
            s,
            "test-list-b",
            [
                PersonRecord(list_name="test-list-b", record_id="1", name_latin="Mohamad Abdullah al-Hallaq",
                             status="killed", age=34, national_id=PLANTED_NATIONAL_ID),
                PersonRecord(list_name="test-list-b", record_id="2", name_latin="Yusef Karimi Haddad",
                             status="killed"),
            ],
        )  # fmt: skip
        ids = {(r.list_name, r.record_id): r.id for r in load_records(s)}
        ordinary = LinkedPair(
            a=ids["test-list-a", "1"], b=ids["test-list-b", "1"], probability=0.61, weight=0.6,
            decision="review", weights={"age": -1.25, "name": 4.2, "date": 0.5},
        )  # fmt: skip
        missing = LinkedPair(
            a=ids["test-list-a", "2"],
            b=ids["test-list-b", "2"],
            probability=0.7,
            weight=1.2,
            decision="review",
        )
        queue_pairs(s, "test-list-b", [ordinary], reason="model")
        queue_pairs(s, "test-list-b", [missing], reason="missing-person")
    return ordinary, missing


def _decide(client, pair, *, htmx=True, json=False, **form):
    data = {"csrf_token": csrf_of(client, "/people/review"), "a": pair.a, "b": pair.b, **form}
    path = "/people/review/decide" + (".json" if json else "")
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(path, data=data, headers=headers, follow_redirects=False)


def _review_events(ws):
    from tawthiq.store.audit import list_events

    with ws.session() as s:
        return list_events(s, action="people.review")


def test_a_pair_shows_both_records_and_the_weights_strongest_first(make_client, pairs):
    ordinary, _ = pairs
    client = make_client("viewer")
    data = client.get("/people/review.json").json()
    assert [(p["a"], p["b"]) for p in data["items"]] == [(ordinary.a, ordinary.b)]
    item = data["items"][0]
    assert [w["comparison"] for w in item["weights"]] == ["name", "age", "date"]
    names = {f["field"]: (f["a"], f["b"]) for f in item["fields"]}
    assert names["name_ar"] == ("محمد عبد الله الحلاق", None)
    assert names["name_latin"] == (None, "Mohamad Abdullah al-Hallaq")
    html = client.get("/people/review").text
    assert "محمد عبد الله الحلاق" in html and "Mohamad Abdullah al-Hallaq" in html
    assert "+4.20" in html and "-1.25" in html


def test_a_national_id_is_compared_never_shown(make_client, pairs):
    client = make_client("documenter")
    for path in ("/people/review", "/people/review.json", "/people/review?kind=missing"):
        assert PLANTED_NATIONAL_ID not in client.get(path).text


def test_a_decision_with_its_reason_reaches_the_audit_log_and_leaves_the_queue(make_client, built, pairs):
    ordinary, _ = pairs
    client = make_client("reviewer")
    r = _decide(client, ordinary, decision="non_match", reason="different  ages\nand fathers")
    assert r.status_code == 200 and "not the same person" in r.text
    (event,) = _review_events(built.ws)
    assert (event.actor, event.detail, event.reason) == (
        "reviewer-user",
        "non_match",
        "different ages and fathers",
    )
    assert client.get("/people/review.json").json()["items"] == []


def test_without_javascript_a_decision_returns_to_the_queue(make_client, built, pairs):
    ordinary, _ = pairs
    client = make_client("reviewer")
    r = _decide(client, ordinary, htmx=False, decision="match", reason="same father and family")
    assert r.status_code == 303 and r.headers["location"] == "/people/review?kind=pairs"
    assert [e.detail for e in _review_events(built.ws)] == ["match"]


def test_a_blank_reason_comes_back_in_place_with_the_choice_kept(make_client, built, pairs):
    ordinary, _ = pairs
    client = make_client("reviewer")
    r = _decide(client, ordinary, decision="match", reason="   ")
    assert r.status_code == 422  # swapped in place by static/forms.js
    assert 'role="alert"' in r.text and "say why you decided so" in r.text
    assert re.search(r'value="match" required checked', r.text)
    assert "<html" not in r.text  # the pair's fragment, not a page
    page = _decide(client, ordinary, htmx=False, decision="match", reason="")
    assert page.status_code == 400 and "<html" in page.text
    assert re.search(r'value="match" required checked', page.text)
    assert _review_events(built.ws) == []


def test_no_decision_chosen_keeps_the_reason_typed(make_client, built, pairs):
    ordinary, _ = pairs
    client = make_client("reviewer")
    r = _decide(client, ordinary, reason="ages differ by 30 years")
    assert r.status_code == 422 and "choose match or no match" in r.text
    assert 'value="ages differ by 30 years"' in r.text
    as_json = _decide(client, ordinary, htmx=False, json=True, reason="x")
    assert as_json.status_code == 400 and as_json.json()["error"]["field"] == "decision"
    assert _review_events(built.ws) == []


def test_a_viewer_may_look_but_not_decide(make_client, built, pairs):
    ordinary, _ = pairs
    client = make_client("viewer")
    assert client.get("/people/review").status_code == 200
    assert _decide(client, ordinary, decision="match", reason="looks alike").status_code == 403
    assert _review_events(built.ws) == []


def test_missing_person_matches_are_for_documenters_only(make_client, built, pairs):
    _, missing = pairs
    for role in ("viewer", "reviewer"):
        client = make_client(role)
        assert client.get("/people/review?kind=missing").status_code == 403
        assert "Yusef Karimi Haddad" not in client.get("/people/review").text  # not in the ordinary queue
        r = _decide(client, missing, decision="match", reason="same name", kind="pairs")
        assert r.status_code == 403
    assert _review_events(built.ws) == []
    documenter = make_client("documenter")
    items = documenter.get("/people/review.json?kind=missing").json()["items"]
    assert [(p["a"], p["b"], p["reason"]) for p in items] == [(missing.a, missing.b, "missing-person")]
    r = _decide(documenter, missing, decision="match", reason="his brother confirmed it", kind="missing")
    assert r.status_code == 200
    from tawthiq.app.missing import load_missing

    with built.ws.session() as s:
        (person,) = [m for m in load_missing(s) if m.record.id == missing.a]
    assert person.status == "believed_dead"  # the confirmed match added a note, as in the CLI


def test_the_page_needs_a_login(make_client, pairs):
    client = make_client()
    assert client.get("/people/review.json").status_code == 401


def test_a_pair_shows_the_name_parts_as_the_lists_wrote_them_not_linkage_keys():
    from tawthiq.people._import import split_full_name
    from tawthiq.web.routers.people import pair_view

    full = "Abd al-Rahman Mohammed Abu Zeid"
    a = PersonRecord(list_name="a", record_id="1", name_latin=full, **split_full_name(full))
    b = PersonRecord(list_name="b", record_id="1", name_latin=full, given_name="Abd al-Rahman")
    shown = {
        f["field"]: (f["a"], f["b"])
        for f in pair_view(LinkedPair(a=1, b=2, probability=0.9, weight=3.2, decision="review"), a, b)[
            "fields"
        ]
    }
    assert shown["given_name"] == ("Abd al-Rahman", "Abd al-Rahman")
    assert shown["family_name"] == ("Abu Zeid", None)
