"""Accounts, sessions, CSRF and roles."""

from __future__ import annotations

import re

from tawthiq.web import WebSettings

from .conftest import PASSWORD, add_user, csrf_of, login


def test_workspace_pages_redirect_to_login_and_json_twins_answer_401(make_client):
    client = make_client()
    r = client.get("/incidents", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=/incidents")
    r = client.get("/incidents.json")
    assert r.status_code == 401
    assert r.json() == {
        "error": {
            "status": 401,
            "code": "login_required",
            "message": "log in to see this page",
            "field": None,
        }
    }


def test_wrong_password_and_unknown_user_get_the_same_answer(make_client, built):
    client = make_client()
    add_user(built.ws, "amal", "viewer")
    a = login(client, "amal", "not the password")
    b = login(client, "nobody-here", "not the password")
    assert a.status_code == b.status_code == 401
    assert "Wrong name or password" in a.text and "Wrong name or password" in b.text
    assert "not the password" not in a.text


def test_login_then_logout_ends_the_session(make_client, built):
    client = make_client()
    add_user(built.ws, "amal", "viewer")
    r = login(client, "amal", PASSWORD)
    assert r.status_code == 303 and r.headers["location"] == "/incidents"
    assert client.get("/incidents.json").status_code == 200
    token = csrf_of(client, "/incidents")
    client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert client.get("/incidents.json").status_code == 401


def test_login_redirect_never_leaves_the_site(make_client, built):
    client = make_client()
    add_user(built.ws, "amal", "viewer")
    token = csrf_of(client)
    r = client.post(
        "/login",
        data={"name": "amal", "password": PASSWORD, "csrf_token": token, "next": "//evil.example/steal"},
        follow_redirects=False,
    )
    assert r.headers["location"] == "/incidents"


def test_session_cookie_is_httponly_and_session_expires(make_client, built):
    """The lifetime setting is the session's stored expiry, and a session past it is refused.

    The clock is moved by moving the stored expiry, not by sleeping: a 1-second lifetime with a
    sleep failed on a loaded CI machine when the login itself took over a second."""
    from datetime import timedelta

    from sqlalchemy import select, update

    from tawthiq.store.tables import WebSessionRow

    client = make_client(settings=WebSettings(session_ttl_seconds=600))
    add_user(built.ws, "amal", "viewer")
    r = login(client, "amal", PASSWORD)
    cookie = r.headers["set-cookie"]
    assert "tawthiq_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert client.get("/incidents.json").status_code == 200
    with built.ws.session() as s:
        row = s.scalars(select(WebSessionRow)).one()
        assert row.expires_at - row.created_at == timedelta(seconds=600)
        s.execute(update(WebSessionRow).values(expires_at=row.created_at - timedelta(seconds=1)))
    assert client.get("/incidents.json").status_code == 401


def test_idle_session_expires_before_its_lifetime(built):
    from datetime import UTC, datetime, timedelta

    from tawthiq.store import sessions, users

    add_user(built.ws, "amal", "viewer")
    with built.ws.session() as s:
        u = users.authenticate(s, "amal", PASSWORD)
        cookie, _ = sessions.start_session(s, u, 8 * 3600)
    later = datetime.now(UTC) + timedelta(hours=3)
    with built.ws.session() as s:
        assert sessions.session_user(s, cookie, later, idle_seconds=2 * 3600) is None


def test_passwords_and_session_cookies_are_not_stored_in_clear(make_client, built):
    from sqlalchemy import select

    from tawthiq.store.tables import UserRow, WebSessionRow

    client = make_client()
    add_user(built.ws, "amal", "viewer")
    login(client, "amal", PASSWORD)
    cookie = client.cookies.get("tawthiq_session")
    with built.ws.session() as s:
        hashes = list(s.scalars(select(UserRow.password_hash)))
        ids = list(s.scalars(select(WebSessionRow.id_hash)))
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)
    assert cookie and cookie not in ids


def test_post_without_csrf_token_is_refused(make_client, built):
    client = make_client("reviewer")
    r = client.post(f"/claims/{built.claim_ids['execution']}/review", data={"decision": "accept"})
    assert r.status_code == 403
    assert "CSRF" in r.text


def test_csrf_token_of_another_browser_is_refused(make_client, built):
    other = make_client()
    foreign = csrf_of(other)
    client = make_client("reviewer")
    r = client.post(
        f"/claims/{built.claim_ids['execution']}/review", data={"decision": "accept", "csrf_token": foreign}
    )
    assert r.status_code == 403


def test_login_form_itself_needs_csrf(make_client, built):
    client = make_client()
    add_user(built.ws, "amal", "viewer")
    r = client.post("/login", data={"name": "amal", "password": PASSWORD})
    assert r.status_code == 403


def test_viewer_cannot_review_and_reviewer_review_is_audited_with_the_user(make_client, built):
    from tawthiq.store import list_events

    cid = built.claim_ids["execution"]
    viewer = make_client("viewer")
    r = viewer.post(
        f"/claims/{cid}/review", data={"decision": "accept", "csrf_token": csrf_of(viewer, "/claims")}
    )
    assert r.status_code == 403
    reviewer = make_client("reviewer")
    r = reviewer.post(
        f"/claims/{cid}/review",
        data={"decision": "reject", "csrf_token": csrf_of(reviewer, "/claims")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    with built.ws.session() as s:
        events = list_events(s, object_type="claim", object_id=str(cid))
    assert [(e.actor, e.action) for e in events][-1] == ("reviewer-user", "claim.rejected")


def test_correction_changes_fields_and_bad_number_names_the_field(make_client, built):
    cid = built.claim_ids["execution"]
    client = make_client("reviewer")
    token = csrf_of(client, "/claims")
    r = client.post(
        f"/claims/{cid}/review",
        data={"decision": "correct", "fatalities_low": "five", "csrf_token": token},
        headers={"accept": "application/json"},
    )
    assert r.status_code == 400 and r.json()["error"]["field"] == "fatalities_low"
    r = client.post(
        f"/claims/{cid}/review",
        data={
            "decision": "correct",
            "fatalities_low": "6",
            "event_type": "attack.ground",
            "csrf_token": token,
        },
        headers={"hx-request": "true"},
    )
    assert r.status_code == 200 and f'id="claim-{cid}"' in r.text  # the partial HTMX swaps in
    claim = client.get(f"/claims/{cid}.json").json()
    assert claim["review_status"] == "corrected"
    assert claim["event_type"] == "attack.ground" and claim["fatalities"]["low"] == 6


def test_override_needs_documenter_and_a_reason(make_client, built):
    iid = built.incident_ids["shelling-fardous"]
    reviewer = make_client("reviewer")
    r = reviewer.post(
        f"/incidents/{iid}/override",
        data={"grade": "confirmed", "reason": "x", "csrf_token": csrf_of(reviewer, "/incidents")},
    )
    assert r.status_code == 403
    doc = make_client("documenter")
    token = csrf_of(doc, f"/incidents/{iid}")
    r = doc.post(
        f"/incidents/{iid}/override",
        data={"grade": "confirmed", "reason": "  ", "csrf_token": token},
        headers={"accept": "application/json"},
    )
    assert r.status_code == 400 and r.json()["error"]["field"] == "reason"
    r = doc.post(
        f"/incidents/{iid}/override",
        data={"grade": "confirmed", "reason": "UN report names victims", "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = doc.get(f"/incidents/{iid}").text
    assert "UN report names victims" in page
    # the JSON says what the CLI's --json says: grade is the grade shown (the override), with the
    # computed grade and the override's reason beside it (issue 18: grade was the computed one)
    data = doc.get(f"/incidents/{iid}.json").json()
    assert data["grade"] == "confirmed" and data["computed_grade"] == "fair"
    assert data["grade_override"] == "confirmed" and data["override_reason"] == "UN report names victims"
    assert "effective_grade" not in data


def test_forms_on_pages_carry_a_csrf_field(make_client, built):
    client = make_client("admin")
    html = client.get(f"/reports/{built.report_ids['en']}").text
    forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>.*?</form>", html, flags=re.S)
    assert forms and all('name="csrf_token"' in f for f in forms)
