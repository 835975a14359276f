"""The audit chain: every write leaves an event; a hand edit or deletion is named by verify."""

from __future__ import annotations

import sqlite3

from sqlalchemy import text
from typer.testing import CliRunner

from tawthiq.cli.main import app
from tawthiq.entities import Report
from tawthiq.store import add_reports, list_events, record_event, verify_chain

SHA = "cd" * 32


def _three_writes(ws):
    for i in range(3):
        with ws.session(actor="tester") as s:
            add_reports(s, [Report(sha256=SHA, part=i, body=f"message {i}")])


def test_every_write_appends_a_linked_event(workspace):
    _three_writes(workspace)
    with workspace.session() as s:
        events = list_events(s)
        assert [e.action for e in events] == ["report.ingest"] * 3
        assert events[1].prev_hash == events[0].hash and events[0].actor == "tester"
        assert verify_chain(s).ok


def test_editing_one_row_by_hand_breaks_the_chain_at_that_row(workspace):
    _three_writes(workspace)
    with workspace.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'someone else' WHERE id = 2"))
    with workspace.session() as s:
        check = verify_chain(s)
    assert not check.ok and check.broken_id == 2 and "edited" in check.reason


def test_deleting_a_row_breaks_the_link_after_it(workspace):
    _three_writes(workspace)
    with workspace.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = 2"))
    with workspace.session() as s:
        check = verify_chain(s)
    assert not check.ok and check.broken_id == 3 and "prev_hash" in check.reason


def test_event_in_a_rolled_back_transaction_leaves_no_trace(workspace):
    try:
        with workspace.session() as s:
            record_event(s, "claim.create", "claim", 1)
            raise RuntimeError("write failed after the event")
    except RuntimeError:
        pass
    with workspace.session() as s:
        assert list_events(s) == [] and verify_chain(s).ok


def test_audit_verify_command_passes_then_fails_after_a_hand_edit(tmp_path):
    runner = CliRunner()
    ws = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(ws)]).exit_code == 0
    note = tmp_path / "note.txt"
    note.write_text("A short report for the chain.\n", "utf-8")
    assert runner.invoke(app, ["ingest", "-w", str(ws), str(note)]).exit_code == 0
    ok = runner.invoke(app, ["audit", "verify", "-w", str(ws)])
    assert ok.exit_code == 0 and "intact" in ok.stdout
    with sqlite3.connect(ws / "tawthiq.db") as conn:  # by hand, outside Tawthiq
        conn.execute("UPDATE audit_events SET detail = 'nothing to see' WHERE id = 1")
    bad = runner.invoke(app, ["audit", "verify", "-w", str(ws)])
    assert bad.exit_code == 1 and "event 1" in bad.stderr
