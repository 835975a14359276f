"""Custody: viewing a protected item is an audit event, and the chain still verifies."""

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
    assert res.exit_code == 0, res.stderr
    assert planted["identity"] in res.stdout  # the documenter asked for it
    views = _views(demo, "source")
    assert len(views) == 1 and planted["identity"] not in (views[0].detail or "")


def test_revealing_a_chat_sender_is_recorded(runner, demo):
    res = runner.invoke(app, ["reports", "--reveal", "--json", "-w", str(demo.path)])
    assert res.exit_code == 0, res.stderr
    chat = next(r for r in json.loads(res.stdout) if r["channel"] == "chat")
    assert [e.object_id for e in _views(demo, "report")] == [str(chat["id"])]
    from tawthiq.store import verify_chain

    with demo.ws.session() as s:
        assert verify_chain(s).ok
