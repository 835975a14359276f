"""The public view's caches (issue 18): kept per data version and day, never stale, never leaking.

The public list keeps its pages, the ids it publishes and its withheld tally per data version,
and decides what it publishes from facts read in SQL (``store.browse.publication_facts``) instead
of every incident and claim. Each test warms the caches first, then writes the way another
process would (through the app's use cases or the store, not through this client), then asks
again. The reference for what the facts decide is the policy on entities (``withheld_reasons``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from tawthiq.app.claims import review_claim
from tawthiq.app.roles import Operator

from .conftest import FARDOUS, UNREVIEWED_MARKER

_PUBLIC = ("/public/incidents.json", "/api/v1/public/incidents")


def _public_ids(client) -> dict[str, set[int]]:
    return {path: {i["id"] for i in client.get(path).json()["items"]} for path in _PUBLIC}


def test_incident_of_a_newly_approved_claim_appears_in_the_warm_public_list(make_client, built):
    client = make_client()
    execution = built.incident_ids["execution-saliheen"]
    shelling = built.incident_ids["shelling-fardous"]
    assert _public_ids(client) == {key: {shelling} for key in _PUBLIC}  # warm: cached per version
    assert "Saliheen" not in client.get("/public").text
    assert client.get(f"/public/incidents/{execution}.json").status_code == 404

    review_claim(built.ws, built.claim_ids["execution"], "accept", Operator("test", "reviewer"))

    assert _public_ids(client) == {key: {shelling, execution} for key in _PUBLIC}
    data = client.get("/public/incidents.json").json()
    assert data["total"] == 2 and data["withheld"]["published"] == 2
    assert "Saliheen" in client.get("/public").text
    assert client.get(f"/public/incidents/{execution}.json").status_code == 200


def test_incident_whose_claims_are_rejected_leaves_the_warm_public_list_and_its_quotes_with_it(
    make_client, built
):
    client = make_client()
    shelling = built.incident_ids["shelling-fardous"]
    assert _public_ids(client) == {key: {shelling} for key in _PUBLIC}
    assert "shells hit a market in Fardous" in client.get("/public/incidents.json").text
    pages = (
        f"/public/incidents/{shelling}.json",
        f"/public/incidents/{shelling}",
        f"/api/v1/public/incidents/{shelling}",
    )
    assert [client.get(p).status_code for p in pages] == [200, 200, 200]  # warm: public forms kept

    for name in ("shelling", "arabic", "chat"):
        review_claim(built.ws, built.claim_ids[name], "reject", Operator("test", "reviewer"))

    assert _public_ids(client) == {key: set() for key in _PUBLIC}
    for path in _PUBLIC:
        assert "shells hit a market in Fardous" not in client.get(path).text
    assert f'href="/public/incidents/{shelling}"' not in client.get("/public").text
    withheld = client.get("/public/incidents.json").json()["withheld"]
    assert (withheld["published"], withheld["by_rule"]["unreviewed_claims"]) == (0, 2)
    assert [client.get(p).status_code for p in pages] == [404, 404, 404]


def test_grade_overridden_to_discounted_leaves_the_warm_public_list(make_client, built):
    from tawthiq.store.incidents import override_incident_grade

    client = make_client()
    shelling = built.incident_ids["shelling-fardous"]
    assert _public_ids(client) == {key: {shelling} for key in _PUBLIC}
    with built.ws.session(actor="test") as s:
        override_incident_grade(s, shelling, "discounted", "the market was not hit that day")
    assert _public_ids(client) == {key: set() for key in _PUBLIC}
    assert client.get("/public/incidents.json").json()["withheld"]["by_rule"]["grade"] == 2


def test_public_page_cached_for_a_logged_in_visitor_carries_no_name_or_token_to_the_next(make_client, built):
    import re

    reviewer = make_client("reviewer")
    seen = reviewer.get("/public").text  # fills the page's cache as reviewer-user
    assert "reviewer-user" in seen
    visitor = make_client()
    visitor.app.state.data = reviewer.app.state.data  # one server process: the same caches
    page = visitor.get("/public").text
    assert f'href="/public/incidents/{built.incident_ids["shelling-fardous"]}"' in page  # the cached items
    assert "reviewer-user" not in page and "(reviewer)" not in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', seen)
    assert token is None or token.group(1) not in page
    assert UNREVIEWED_MARKER not in page


def test_publication_facts_decide_as_the_policy_does_on_entities(built):
    """Traps: an undated incident dated only by its claims (the later one counts), a rejected
    claim beside an accepted one, an accepted tally claim (not a reason to publish), an incident
    with no claim at all, a grade override, a small toll."""
    from tawthiq.policy import (
        Policy,
        facts_withheld_reasons,
        facts_withheld_tally,
        withheld_reasons,
        withheld_tally,
    )
    from tawthiq.store import browse
    from tawthiq.store import claims as claim_store
    from tawthiq.store.incidents import override_incident_grade
    from tawthiq.store.tables import IncidentClaimRow, IncidentRow

    c = built.claim_ids
    with built.ws.session(actor="test") as s:
        for key, claims, tally in (
            ("undated-two-claims", (c["arabic"], c["faraway"]), ()),
            ("rejected-and-accepted", (c["execution"], c["chat"]), ()),
            ("tally-only-reviewed", (c["execution"],), (c["faraway"],)),
            ("no-claims", (), ()),
        ):
            row = IncidentRow(
                key=key,
                event_type="attack.shelling",
                places=[FARDOUS],
                grade="fair",
                fatalities_best=2 if key == "no-claims" else None,
                time_start=None if key.startswith("undated") else date(2016, 12, 1),
            )
            s.add(row)
            s.flush()
            for cid in claims:
                s.add(IncidentClaimRow(incident_id=row.id, claim_id=cid, role="supporting"))
            for cid in tally:
                s.add(IncidentClaimRow(incident_id=row.id, claim_id=cid, role="tally"))
        override_incident_grade(s, built.incident_ids["clash-raqqa"], "weak", "a civilian was hit")
    from tawthiq.store.review import review_claim as store_review

    with built.ws.session(actor="test") as s:
        store_review(s, c["execution"], "rejected", actor="test")

    with built.ws.session() as s:
        facts = {f.id: f for f in browse.publication_facts(s)}
        incidents, _ = browse.list_incidents(s, limit=1000)
        claims = {x.id: x for x in claim_store.claims_by_ids(s, list(c.values()))}
    assert len(facts) == len(incidents) == 7
    undated = next(i for i in incidents if i.key == "undated-two-claims")
    assert facts[undated.id].last_claim_day == date(2016, 12, 20)  # the faraway claim's day

    items = [(inc, [claims[i] for i in (*inc.claim_ids, *inc.contradicting_claim_ids)]) for inc in incidents]
    for now in (datetime(2017, 1, 10, tzinfo=UTC), datetime(2016, 12, 15, tzinfo=UTC)):
        for policy in (Policy(), Policy(publish_undated=True, publication_delay_days=3)):
            for inc, own in items:
                assert facts_withheld_reasons(facts[inc.id], now, policy) == withheld_reasons(
                    inc, own, now, policy
                ), inc.key
            assert facts_withheld_tally(facts.values(), now, policy) == withheld_tally(items, now, policy)
    by_key = {inc.key: facts_withheld_reasons(facts[inc.id], date(2017, 1, 10), Policy()) for inc, _ in items}
    assert "unreviewed_claims" in by_key["tally-only-reviewed"]
    assert "unreviewed_claims" not in by_key["rejected-and-accepted"]
    assert by_key["no-claims"][0] == "unreviewed_claims"
    assert "grade" not in by_key["clash-raqqa"]


def _map_ids(client, bbox: str) -> set[int]:
    features = client.get(f"/public/map/incidents.json?bbox={bbox}").json()["features"]
    return {f["properties"]["id"] for f in features}


def test_public_map_finds_an_incident_by_its_published_point_never_by_its_true_one(built):
    """A box around the true point of a fuzzed place must not find it (else smaller and smaller
    boxes reveal the point the policy moves); a box around the published point must."""
    from fastapi.testclient import TestClient

    from tawthiq.entities import PlaceRef
    from tawthiq.policy import FrontLine, Policy, public_place
    from tawthiq.web import create_app
    from tawthiq.web._data import WebData

    policy = Policy(
        fuzz_secret="test-secret", front_line=FrontLine(radius_m=1000, places=("aleppo-nbhd:fardous",))
    )
    client = TestClient(create_app(built.ws, data=WebData(built.ws, policy=policy)))
    shown = public_place(PlaceRef(**FARDOUS), policy)
    assert shown["fuzzed_within_m"] == 1000 and (shown["lat"], shown["lon"]) != (
        FARDOUS["lat"],
        FARDOUS["lon"],
    )

    def box(lat: float, lon: float, d: float = 0.0005) -> str:
        return f"{lon - d},{lat - d},{lon + d},{lat + d}"

    shelling = built.incident_ids["shelling-fardous"]
    assert shelling not in _map_ids(client, box(FARDOUS["lat"], FARDOUS["lon"]))
    assert _map_ids(client, box(shown["lat"], shown["lon"])) == {shelling}
    (feature,) = client.get(f"/public/map/incidents.json?bbox={box(shown['lat'], shown['lon'])}").json()[
        "features"
    ]
    assert feature["geometry"]["coordinates"] == [shown["lon"], shown["lat"]]


def test_warm_public_map_shows_a_newly_approved_incident_and_drops_a_rejected_one(make_client, built):
    client = make_client()
    aleppo = "37.0,36.1,37.3,36.3"
    shelling = built.incident_ids["shelling-fardous"]
    execution = built.incident_ids["execution-saliheen"]
    assert _map_ids(client, aleppo) == {shelling}  # warm: public forms kept per version

    review_claim(built.ws, built.claim_ids["execution"], "accept", Operator("test", "reviewer"))
    assert _map_ids(client, aleppo) == {shelling, execution}

    for name in ("shelling", "arabic", "chat"):
        review_claim(built.ws, built.claim_ids[name], "reject", Operator("test", "reviewer"))
    assert _map_ids(client, aleppo) == {execution}
    assert UNREVIEWED_MARKER not in client.get(f"/public/map/incidents.json?bbox={aleppo}").text


def test_cached_public_rows_follow_the_interface_language(make_client, built):
    client = make_client()
    shelling = built.incident_ids["shelling-fardous"]
    english = client.get("/public?lang=en").text  # fills the English rows first
    arabic = client.get("/public?lang=ar").text
    assert (
        f'href="/public/incidents/{shelling}"' in english and f'href="/public/incidents/{shelling}"' in arabic
    )
    assert 'class="grade grade-fair">fair<' in english
    assert 'class="grade grade-fair">fair<' not in arabic and "الفردوس" in arabic


def test_public_map_and_pages_stay_whole_when_more_incidents_are_public_than_forms_are_kept(
    make_client, built, monkeypatch
):
    from tawthiq.web import _public

    monkeypatch.setattr(_public._PublicForms, "SIZE", 1)  # every form but the last is dropped
    client = make_client()
    review_claim(built.ws, built.claim_ids["execution"], "accept", Operator("test", "reviewer"))
    shelling = built.incident_ids["shelling-fardous"]
    execution = built.incident_ids["execution-saliheen"]
    for _ in range(2):
        assert _map_ids(client, "37.0,36.1,37.3,36.3") == {shelling, execution}
        for i in (shelling, execution):
            assert client.get(f"/public/incidents/{i}.json").json()["id"] == i
    forms = client.app.state.data.versions.per_version(
        ("public-forms", datetime.now(UTC).date()), _public._PublicForms
    )
    assert len(forms) == 1


def test_visitors_arriving_together_after_a_change_share_one_pass_over_the_workspace(built, monkeypatch):
    """The public facts of every incident cost 1.3 s of CPU at 100,000 incidents: after a change,
    the visitors who arrive while it runs wait for that pass instead of each making their own."""
    import threading

    from tawthiq.store import browse
    from tawthiq.web._data import WebData

    real = browse.publication_facts
    passes: list[int] = []
    entered, release = threading.Event(), threading.Event()

    def slow_facts(s):
        passes.append(1)
        entered.set()
        release.wait(20)
        return real(s)

    monkeypatch.setattr(browse, "publication_facts", slow_facts)
    data = WebData(built.ws)
    answers: list[dict] = []
    visitors = [threading.Thread(target=lambda: answers.append(data.public.withheld())) for _ in range(5)]
    visitors[0].start()
    assert entered.wait(10)
    for v in visitors[1:]:
        v.start()
    # Had the others not waited, they would be inside a pass of their own by now: give them
    # the chance (a bound, not a measurement), then let the first pass finish.
    for _ in range(50):
        if len(passes) > 1:
            break
        threading.Event().wait(0.02)
    release.set()
    for v in visitors:
        v.join(20)
    assert len(passes) == 1
    assert len(answers) == 5 and all(a == answers[0] for a in answers) and answers[0]["published"] == 1
