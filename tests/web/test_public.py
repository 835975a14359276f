"""The public view and public API: no login, and nothing protected, unreviewed or held back."""

from __future__ import annotations

from .conftest import PLANTED_IDENTITY, PLANTED_SENDER, UNREVIEWED_MARKER


def _all_public_text(client, built) -> str:
    pages = [
        "/public",
        "/public/incidents.json",
        "/public/map",
        "/public/map/incidents.json?bbox=36,35,40,37",
        "/api/v1/public/incidents",
    ]
    pages += [f"/public/incidents/{i}" for i in built.incident_ids.values()]
    pages += [f"/public/incidents/{i}.json" for i in built.incident_ids.values()]
    return "\n".join(client.get(p).text for p in pages)


def test_public_view_never_shows_planted_protected_values_or_unreviewed_claims(make_client, built):
    client = make_client()
    text = _all_public_text(client, built)
    assert PLANTED_IDENTITY not in text
    assert PLANTED_SENDER not in text
    assert UNREVIEWED_MARKER not in text
    assert "shells hit a market in Fardous" in text  # the reviewed, public claim is there


def test_incident_resting_only_on_unreviewed_claims_is_not_public(make_client, built):
    client = make_client()
    r = client.get(f"/public/incidents/{built.incident_ids['execution-saliheen']}.json")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"


def test_discounted_incident_is_not_public(make_client, built):
    client = make_client()
    assert client.get(f"/public/incidents/{built.incident_ids['clash-raqqa']}").status_code == 404
    ids = [i["id"] for i in client.get("/public/incidents.json").json()["items"]]
    assert built.incident_ids["clash-raqqa"] not in ids
    assert built.incident_ids["shelling-fardous"] in ids


def test_public_incident_withholds_chat_quote_and_anonymises_individual_source(make_client, built):
    client = make_client()
    item = client.get(f"/public/incidents/{built.incident_ids['shelling-fardous']}.json").json()
    chat = [c for c in item["claims"] if c["id"] == built.claim_ids["chat"]]
    assert chat and chat[0]["quote"] is None
    assert "Local contact 7" not in str(item)


def test_public_map_points_are_fuzzed_like_the_policy_says(make_client, built):
    from tawthiq.entities import PlaceRef
    from tawthiq.policy import load_policy, public_place

    from .conftest import FARDOUS

    client = make_client()
    feats = client.get("/public/map/incidents.json?bbox=36.5,35.5,38,36.8").json()["features"]
    assert feats, "the public incident should be in this box"
    lon, lat = feats[0]["geometry"]["coordinates"]
    expected = public_place(PlaceRef(**FARDOUS), load_policy(built.ws.path))
    assert (lat, lon) == (expected["lat"], expected["lon"])
    if expected["fuzzed_within_m"]:
        assert (lat, lon) != (FARDOUS["lat"], FARDOUS["lon"])


def test_public_view_hides_incidents_inside_the_publication_delay(make_client, built):
    from datetime import UTC, datetime

    from tawthiq.store.tables import IncidentRow

    with built.ws.session() as s:
        row = s.get(IncidentRow, built.incident_ids["shelling-fardous"])
        row.time_start = row.time_end = datetime.now(UTC).date()
    client = make_client()
    assert client.get(f"/public/incidents/{built.incident_ids['shelling-fardous']}").status_code == 404


def test_public_page_json_and_api_say_how_many_incidents_each_rule_holds_back(make_client, built):
    # shelling-fardous is published; execution-saliheen rests on an unreviewed claim; clash-raqqa
    # is discounted
    client = make_client()
    expected = {
        "incidents": 3,
        "published": 1,
        "withheld": 2,
        "by_rule": {
            "unreviewed_claims": 1,
            "grade": 1,
            "publication_delay": 0,
            "undated": 0,
            "small_count": 0,
        },
    }
    assert client.get("/public/incidents.json").json()["withheld"] == expected
    assert client.get("/api/v1/public/incidents").json()["withheld"] == expected
    html = client.get("/public").text
    assert "Published: 1 of 3 incidents in the record." in html
    assert "Held back: 1 with no reviewed claim, 1 by grade, 0 within the publication delay" in html
    # the Arabic plural for 3 to 10 ("3 حوادث", never "3 حادثة")
    assert "المنشور: 1 من 3 حوادث في السجل." in client.get("/public?lang=ar").text


def test_public_withheld_count_moves_when_a_claim_is_approved(make_client, built):
    from tawthiq.app.claims import review_claim
    from tawthiq.app.roles import Operator

    client = make_client()
    assert client.get("/public/incidents.json").json()["withheld"]["published"] == 1
    review_claim(built.ws, built.claim_ids["execution"], "accept", Operator("test", "reviewer"))
    after = client.get("/public/incidents.json").json()["withheld"]
    assert (after["published"], after["by_rule"]["unreviewed_claims"]) == (2, 0)


def test_an_origin_named_after_an_individual_source_is_published_as_its_kind(make_client, built):
    """corroborate names an unattributed claim's origin (and its outlet) after its source's label,
    and a documenter may set an individual's label to the person's name: the public incident (JSON,
    API, both languages' pages) showed it in origins, outlets and rationale, while the public source
    already said only "individual source"."""
    from sqlalchemy import select

    from tawthiq.corroborate import say
    from tawthiq.store.tables import IncidentRow

    name = "Local contact 7"  # the individual source's label in the fixture
    with built.ws.session(actor="test") as s:
        row = s.scalars(select(IncidentRow).where(IncidentRow.key == "shelling-fardous")).one()
        row.origins = ["am", name, f"Activists (per {name})"]
        row.outlets = ["Aleppo Monitor (test)", name]
        row.rationale = say("independent_origins", n=3, origins=row.origins) + " " + say("outlets", n=2)
        row.rationale_phrases = None
    iid = built.incident_ids["shelling-fardous"]
    client = make_client()
    data = client.get(f"/public/incidents/{iid}.json").json()
    assert data["origins"] == ["am", "individual source", "Activists (per individual source)"]
    assert data["outlets"] == ["Aleppo Monitor (test)", "individual source"]
    pages = [f"/public/incidents/{iid}", f"/public/incidents/{iid}?lang=ar", "/api/v1/public/incidents"]
    for page in pages:
        assert name not in client.get(page).text, page
    assert name not in str(data)
