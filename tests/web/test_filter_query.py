"""The incident filters of the query string are the one query model (``entities.IncidentFilter``):
what it refuses, the pages refuse, naming the query parameter, in a fixed order."""

from __future__ import annotations

import pytest

from tawthiq.entities import EVENT_FAMILIES, EVENT_TYPES, GRADES, IncidentFilter


def _error(client, query: str) -> dict:
    r = client.get(f"/incidents.json?{query}")
    assert r.status_code == 400, query
    return r.json()["error"]


def test_a_family_with_a_trailing_dot_or_a_type_the_taxonomy_lacks_is_refused_not_an_empty_list():
    # "attack." would be read as one exact type, matching nothing: refused instead
    assert IncidentFilter(event_type="attack.").problem() == "event_type"
    assert IncidentFilter(event_type="attack.drone").problem() == "event_type"
    assert IncidentFilter(event_type="attack").family == "attack"
    assert IncidentFilter(event_type="attack.shelling").exact_type == "attack.shelling"
    assert all(IncidentFilter(event_type=t).problem() is None for t in (*EVENT_TYPES, *EVENT_FAMILIES))
    assert all(IncidentFilter(grade=g).problem() is None for g in GRADES)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("grade=bogus&from=not-a-day", "grade"),  # the grade is named before a bad day
        ("type=attack.&from=not-a-day", "type"),
        ("from=not-a-day&to=2016-12-01", "from"),
        ("from=2016-12-09&to=2016-12-01", "from"),  # after 'to'
        ("to=2016-13-01", "to"),
    ],
)
def test_the_first_bad_filter_is_named_by_its_query_parameter(make_client, query, field):
    client = make_client("viewer")
    assert _error(client, query)["field"] == field


def test_a_filter_survives_the_round_trip_through_pagination_links(make_client):
    client = make_client("viewer")
    r = client.get("/incidents.json?grade=fair&type=attack&place=%20Fardous%20&from=2016-12-01&to=2016-12-31")
    assert r.status_code == 200
    assert r.json()["filters"] == {
        "grade": "fair",
        "type": "attack",
        "place": "Fardous",
        "from": "2016-12-01",
        "to": "2016-12-31",
    }
