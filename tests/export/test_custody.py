"""Custody: viewing a protected item is an audit event with who and why, and the chain still verifies.

The traps: a CLI reveal without a reason; the reason lost on the way to the log; the value in it.
"""

from __future__ import annotations

import json

from tawthiq.cli.main import app


def _views(demo, object_type):
    from tawthiq.store import list_events

    with demo.ws.session() as s:
        return [e for e in list_events(s, object_type=object_type) if e.action == "evidence.view"]


def test_revealing_a_source_identity_is_recorded_without_the_value(runner, demo, planted):
    assert _views(demo, "source") == []
    res = runner.invoke(app, ["sources", "list", "--reveal", "--json", "-w", str(demo.path)])
    assert res.exit_code == 1 and "--reason" in res.stderr and "field 'reason'" in res.stderr
    assert planted["identity"] not in res.stdout and _views(demo, "source") == []
    args = ["sources", "list", "--reveal", "--reason", "calling the stringer back", "--json"]
    res = runner.invoke(app, [*args, "-w", str(demo.path)])
    assert res.exit_code == 0, res.stderr
    assert planted["identity"] in res.stdout  # the documenter asked for it
    views = _views(demo, "source")
    assert len(views) == 1 and planted["identity"] not in (views[0].detail or "")
    assert views[0].reason == "calling the stringer back" and views[0].actor.startswith("cli:")
    assert views[0].detail == "identity, contact shown (cli)"


def test_revealing_a_chat_sender_is_recorded(runner, demo):
    res = runner.invoke(
        app, ["reports", "--reveal", "--reason", "who sent it?", "--json", "-w", str(demo.path)]
    )
    assert res.exit_code == 0, res.stderr
    chat = next(r for r in json.loads(res.stdout) if r["channel"] == "chat")
    assert [(e.object_id, e.reason) for e in _views(demo, "report")] == [(str(chat["id"]), "who sent it?")]
    from tawthiq.store import verify_chain

    with demo.ws.session() as s:
        assert verify_chain(s).ok


def test_audit_list_shows_who_saw_a_sources_protected_values_and_why(runner, demo, planted):
    args = ["sources", "list", "--reveal", "--reason", "calling the stringer back", "-w", str(demo.path)]
    assert runner.invoke(app, args).exit_code == 0
    [source_id] = [e.object_id for e in _views(demo, "source")]
    only_this = ["--action", "evidence.view", "--object", "source", "--id", source_id]
    res = runner.invoke(app, ["audit", "list", *only_this, "--json", "-w", str(demo.path)])
    assert res.exit_code == 0, res.stderr
    [event] = json.loads(res.stdout)
    assert event["reason"] == "calling the stringer back" and event["actor"].startswith("cli:")
    table = runner.invoke(app, ["audit", "list", "--action", "evidence.view", "-w", str(demo.path)])
    assert "calling the stringer back" in table.stdout
    assert not any(v in res.stdout + table.stdout for v in planted.values())
    newest = runner.invoke(app, ["audit", "list", "--last", "2", "--json", "-w", str(demo.path)])
    events = json.loads(newest.stdout)
    assert len(events) == 2 and events[0]["id"] < events[1]["id"] and events[1]["action"] == "evidence.view"
