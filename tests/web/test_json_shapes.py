"""An incident and a report have one analyst's JSON shape (``web/_json.py``): a page's ``.json``
twin and the API give the same object, so a script can move from one to the other."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tawthiq.store import tokens


def _api(client, built) -> tuple[TestClient, dict[str, str]]:
    with built.ws.session() as s:
        token = tokens.create_token(s, "viewer-user", "notebook")
    return TestClient(client.app), {"authorization": f"Bearer {token}"}


def test_an_incident_with_its_claims_is_the_same_object_on_its_page_twin_and_in_the_api(make_client, built):
    client = make_client("viewer")
    api, bearer = _api(client, built)
    for incident in built.incident_ids.values():
        page = client.get(f"/incidents/{incident}.json").json()
        assert page["claims"] and page["grade"] and page["computed_grade"]
        assert api.get(f"/api/v1/incidents/{incident}", headers=bearer).json() == page
    listed = client.get("/incidents.json").json()
    assert api.get("/api/v1/incidents", headers=bearer).json()["items"] == listed["items"]


def test_a_report_and_the_inbox_are_the_same_objects_on_the_page_twins_and_in_the_api(make_client, built):
    client = make_client("viewer")
    api, bearer = _api(client, built)
    for report in built.report_ids.values():
        page = client.get(f"/reports/{report}.json").json()
        assert "sender" not in page["report"] and "has_protected_sender" in page["report"]
        assert api.get(f"/api/v1/reports/{report}", headers=bearer).json() == page
    inbox = client.get("/reports.json").json()["items"]
    assert inbox and all("body" not in r for r in inbox)
    assert api.get("/api/v1/reports", headers=bearer).json()["items"] == inbox


def test_an_overridden_incident_has_the_grade_the_cli_shows_in_the_api_not_the_computed_one(
    make_client, built, cli_json
):
    """The API's ``grade`` was the computed grade while ``tawthiq incident ID --json`` said the
    shown one (the override): a script moving between them read two grades for one incident."""
    iid = built.incident_ids["shelling-fardous"]
    doc = make_client("documenter")
    with built.ws.session() as s:
        token = tokens.create_token(s, "documenter-user", "notebook")
    api, bearer = TestClient(doc.app), {"authorization": f"Bearer {token}"}
    before = api.get(f"/api/v1/incidents/{iid}", headers=bearer).json()
    assert before["grade"] == before["computed_grade"] and before["grade_override"] is None
    r = api.post(
        f"/api/v1/incidents/{iid}/override",
        json={"grade": "discounted", "reason": "shown false by a later report"},
        headers=bearer,
    )
    assert r.status_code == 200 and r.json()["grade"] == "discounted"
    shown = api.get(f"/api/v1/incidents/{iid}", headers=bearer).json()
    cli = cli_json(built.ws, "incident", str(iid))
    keys = ("grade", "computed_grade", "grade_override", "override_reason")
    assert (
        {k: shown[k] for k in keys}
        == {k: cli[k] for k in keys}
        == {
            "grade": "discounted",
            "computed_grade": before["computed_grade"],
            "grade_override": "discounted",
            "override_reason": "shown false by a later report",
        }
    )
    listed = api.get("/api/v1/incidents", headers=bearer, params={"grade": "discounted"}).json()["items"]
    assert iid in {i["id"] for i in listed if i["grade"] == "discounted"}
