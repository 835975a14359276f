"""`tawthiq claims …` end to end on the export tests' small workspace, with every claim unreviewed.

Traps: a bulk approval that leaves nothing audited; a batch with one unknown id half-applied; a
viewer or a disabled user approving from the CLI; the web and the CLI writing different audit
events for the same decision.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update

from tawthiq.cli.main import app


@pytest.fixture
def unreviewed(demo):
    """The demo workspace with its claims back to what the extractor leaves: unreviewed."""
    from tawthiq.store.tables import ClaimRow

    with demo.ws.session(actor="test") as s:
        s.execute(update(ClaimRow).values(review_status="unreviewed"))
    return demo


def _run(runner, demo, *args, input=None):
    return runner.invoke(app, [*args, "-w", str(demo.path)], input=input)


def _statuses(demo) -> dict[int, str]:
    from tawthiq.app.claims import list_claims

    return {c.id: c.review_status for c in list_claims(demo.ws)[0]}


def _events(demo, action):
    from tawthiq.store.audit import list_events

    with demo.ws.session() as s:
        return [e for e in list_events(s, limit=10**6) if e.action == action]


def test_list_shows_only_unreviewed_by_default_and_json_has_the_api_model(runner, unreviewed):
    ids = sorted(unreviewed.claim_quotes)
    res = _run(runner, unreviewed, "claims", "approve", str(ids[0]), "--reason", "checked the wire")
    assert res.exit_code == 0, res.output
    res = _run(runner, unreviewed, "claims", "list", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert ids[0] not in [c["id"] for c in data["items"]]
    assert data["total"] == len(data["items"]) == 3  # four claims in the workspace, one accepted
    assert {c["review_status"] for c in data["items"]} == {"unreviewed"}
    accepted = json.loads(_run(runner, unreviewed, "claims", "list", "--status", "accepted", "--json").stdout)
    assert [c["id"] for c in accepted["items"]] == [ids[0]]
    bad = _run(runner, unreviewed, "claims", "list", "--status", "approved")
    assert bad.exit_code == 1 and "--status" in bad.stderr


def test_approve_all_accepts_every_unreviewed_claim_and_audits_each_with_the_reason(runner, unreviewed):
    ids = sorted(unreviewed.claim_quotes)
    res = _run(runner, unreviewed, "claims", "reject", str(ids[1]), "--reason", "not civilians")
    assert res.exit_code == 0, res.output
    res = _run(runner, unreviewed, "claims", "approve", "--all", "--reason", "trusted UN batch", "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == {"accepted": 3}
    statuses = _statuses(unreviewed)
    assert statuses[ids[1]] == "rejected"  # a reviewer's rejection is not overruled by the batch
    assert sorted(s for s in statuses.values()) == ["accepted"] * 3 + ["rejected"]
    events = _events(unreviewed, "claim.accepted")
    accepted = sorted(i for i, s in statuses.items() if s == "accepted")
    assert sorted(int(e.object_id) for e in events) == accepted
    assert {e.reason for e in events} == {"trusted UN batch"}
    assert all(e.actor.startswith("cli:") for e in events)
    rejected = _events(unreviewed, "claim.rejected")
    assert [(e.object_id, e.reason) for e in rejected] == [(str(ids[1]), "not civilians")]


def test_approve_without_a_reason_or_with_ids_and_all_is_refused(runner, unreviewed):
    res = _run(runner, unreviewed, "claims", "approve", "--all")
    assert res.exit_code == 1 and "--reason" in res.stderr
    res = _run(runner, unreviewed, "claims", "approve", "1", "--all", "--reason", "x")
    assert res.exit_code == 1
    assert set(_statuses(unreviewed).values()) == {"unreviewed"}


def test_a_batch_with_one_unknown_id_changes_nothing(runner, unreviewed):
    ids = sorted(unreviewed.claim_quotes)
    res = _run(runner, unreviewed, "claims", "approve", str(ids[0]), "99999", "--reason", "batch")
    assert res.exit_code == 1 and "99999" in res.stderr
    assert set(_statuses(unreviewed).values()) == {"unreviewed"}
    assert _events(unreviewed, "claim.accepted") == []


def test_a_viewer_or_a_disabled_user_cannot_review_from_the_cli(runner, unreviewed):
    from tawthiq.store import users

    with unreviewed.ws.session(actor="test") as s:
        users.add_user(s, "amal", "viewer", "a long enough passphrase 1")
        users.add_user(s, "rami", "reviewer", "a long enough passphrase 2")
        users.add_user(s, "gone", "reviewer", "a long enough passphrase 3")
        users.set_active(s, "gone", False)
    claim = str(sorted(unreviewed.claim_quotes)[0])
    res = _run(runner, unreviewed, "claims", "approve", claim, "--reason", "x", "--as", "amal")
    assert res.exit_code == 1 and "reviewer" in res.stderr
    res = _run(runner, unreviewed, "claims", "approve", "--all", "--reason", "x", "--as", "gone")
    assert res.exit_code == 1 and "disabled" in res.stderr
    res = _run(runner, unreviewed, "claims", "reject", claim, "--reason", "x", "--as", "nobody")
    assert res.exit_code == 1 and "nobody" in res.stderr
    assert set(_statuses(unreviewed).values()) == {"unreviewed"}
    res = _run(runner, unreviewed, "claims", "approve", claim, "--reason", "read it", "--as", "rami")
    assert res.exit_code == 0, res.output
    assert [e.actor for e in _events(unreviewed, "claim.accepted")] == ["cli:rami"]


def test_interactive_review_stores_each_answer_and_stops_at_quit(runner, unreviewed):
    ids = sorted(unreviewed.claim_quotes)
    res = _run(runner, unreviewed, "claims", "review", input="a\nr\nq\n")
    assert res.exit_code == 0, res.output
    statuses = _statuses(unreviewed)
    assert (statuses[ids[0]], statuses[ids[1]], statuses[ids[2]]) == ("accepted", "rejected", "unreviewed")
    assert "1 accepted, 1 rejected, 0 skipped" in res.stdout


def test_web_review_writes_the_same_audit_event_as_the_cli(unreviewed):
    from tawthiq.store.users import User
    from tawthiq.web._data import WebData

    claim = sorted(unreviewed.claim_quotes)[0]
    WebData(unreviewed.ws).claims.review(claim, "accepted", {}, User(id=1, name="huda", role="reviewer"))
    assert [(e.actor, e.object_id) for e in _events(unreviewed, "claim.accepted")] == [("huda", str(claim))]
    viewer = User(id=2, name="amal", role="viewer")
    from tawthiq.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        WebData(unreviewed.ws).claims.review(claim, "rejected", {}, viewer)
