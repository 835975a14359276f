"""Errors shown in place on every form (issue 18 item 3): a correction with high below low, a
blank reveal reason, an override without a reason. With htmx the form comes back (422, swapped
by static/forms.js) with the message and the user's choices; without JavaScript a 400 page keeps
them. Nothing is written."""

from __future__ import annotations

import re

from .conftest import PLANTED_SENDER, csrf_of

HX = {"HX-Request": "true"}


def _audit_actions(ws) -> list[str]:
    from tawthiq.store.audit import list_events

    with ws.session() as s:
        return [e.action for e in list_events(s)]


def test_a_correction_with_high_below_low_comes_back_with_the_fields_typed(make_client, built):
    cid = built.claim_ids["execution"]
    client = make_client("reviewer")
    before = _audit_actions(built.ws)
    form = {
        "csrf_token": csrf_of(client, f"/claims/{cid}"),
        "decision": "correct",
        "event_type": "attack.ground",
        "fatalities_low": "9",
        "fatalities_high": "4",
        "attributed_to": "a second witness",
    }
    r = client.post(f"/claims/{cid}/review", data=form, headers=HX)
    assert r.status_code == 422 and "<html" not in r.text
    assert "high is below low" in r.text and 'role="alert"' in r.text
    assert 'value="9"' in r.text and 'value="4"' in r.text and 'value="a second witness"' in r.text
    assert re.search(r'<option value="attack.ground" selected>', r.text)
    assert "<details open>" in r.text
    page = client.post(f"/claims/{cid}/review", data=form, follow_redirects=False)
    assert page.status_code == 400 and "<html" in page.text and 'value="9"' in page.text
    assert _audit_actions(built.ws) == before
    claim = client.get(f"/claims/{cid}.json").json()
    assert (claim["review_status"], claim["event_type"]) == ("unreviewed", "killing.execution")


def test_a_blank_reveal_reason_comes_back_in_place_and_shows_nothing(make_client, built):
    rid = built.report_ids["chat"]
    client = make_client("documenter")
    token = csrf_of(client, f"/reports/{rid}")
    data = {"csrf_token": token, "reason": "  ", "label": "Reveal"}
    r = client.post(f"/protected/report/{rid}/sender", data=data, headers=HX)
    assert r.status_code == 422 and "<html" not in r.text
    assert 'role="alert"' in r.text and 'name="reason"' in r.text and PLANTED_SENDER not in r.text
    assert r.headers["cache-control"] == "no-store"
    page = client.post(f"/protected/report/{rid}/sender", data=data)
    assert page.status_code == 400 and "<html" in page.text and 'name="reason"' in page.text
    assert PLANTED_SENDER not in page.text
    assert "evidence.view" not in _audit_actions(built.ws)


def test_an_override_without_a_reason_keeps_the_chosen_grade(make_client, built):
    iid = built.incident_ids["execution-saliheen"]
    client = make_client("documenter")
    token = csrf_of(client, f"/incidents/{iid}")
    data = {"csrf_token": token, "grade": "contested", "reason": " "}
    r = client.post(f"/incidents/{iid}/override", data=data, headers=HX)
    assert r.status_code == 422 and "<html" not in r.text
    assert 'role="alert"' in r.text and "say why you override the grade" in r.text
    assert '<option value="contested" selected>' in r.text
    page = client.post(f"/incidents/{iid}/override", data=data, follow_redirects=False)
    assert page.status_code == 400 and "<html" in page.text
    assert '<option value="contested" selected>' in page.text
    assert client.get(f"/incidents/{iid}.json").json()["grade_override"] is None
    ok = client.post(
        f"/incidents/{iid}/override", data={**data, "reason": "two origins disagree on the toll"}, headers=HX
    )
    assert ok.headers["hx-redirect"] == f"/incidents/{iid}"
    assert client.get(f"/incidents/{iid}.json").json()["grade_override"] == "contested"
