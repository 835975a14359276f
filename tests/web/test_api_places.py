"""``/api/v1/places`` answers gazetteer places. It read the workspace's places table alone, which no
command fills, so it answered an empty list in every workspace (the demo's too)."""

from __future__ import annotations

from .conftest import add_user


def _viewer(client, ws) -> dict[str, str]:
    from tawthiq.store import tokens

    add_user(ws, "places-viewer", "viewer")
    with ws.session() as s:
        return {"authorization": f"Bearer {tokens.create_token(s, 'places-viewer', 'tests')}"}


def test_api_places_answers_the_gazetteer_not_an_empty_table(make_client, built):
    client = make_client()
    h = _viewer(client, built.ws)
    body = client.get("/api/v1/places", params={"q": "bustan"}, headers=h).json()
    ids = [p["id"] for p in body["items"]]
    assert "aleppo-nbhd:bustan-al-qasr" in ids
    for p in body["items"]:
        assert "bustan" in (p["name_en"] + " ".join(p["variants"]) + p["id"]).casefold()
    assert ids == sorted(ids)
    qasr = next(p for p in body["items"] if p["id"] == "aleppo-nbhd:bustan-al-qasr")
    assert qasr["name_ar"] == "بستان القصر" and qasr["kind"] == "neighbourhood"
    assert qasr["lat"] is not None and qasr["source"] and qasr["licence"]


def test_api_places_finds_a_place_by_its_arabic_name(make_client, built):
    client = make_client()
    h = _viewer(client, built.ws)
    ids = [p["id"] for p in client.get("/api/v1/places", params={"q": "الفردوس"}, headers=h).json()["items"]]
    assert "aleppo-nbhd:fardous" in ids


def test_api_places_pages_through_every_match_and_an_unknown_name_finds_none(make_client, built):
    client = make_client()
    h = _viewer(client, built.ws)
    whole = client.get("/api/v1/places", params={"q": "aleppo-nbhd:"}, headers=h).json()
    assert whole["total"] > 50
    q = {"q": "aleppo-nbhd:", "page_size": 10}
    first = client.get("/api/v1/places", params=q, headers=h).json()
    second = client.get("/api/v1/places", params={**q, "page": 2}, headers=h).json()
    assert len(first["items"]) == len(second["items"]) == 10
    assert not {p["id"] for p in first["items"]} & {p["id"] for p in second["items"]}
    nothing = client.get("/api/v1/places", params={"q": "no such place anywhere"}, headers=h).json()
    assert nothing["items"] == [] and nothing["total"] == 0
