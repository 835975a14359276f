"""The store: migrations equal the models, protected values are ciphertext at rest,
a session is one transaction, and the workspace is found (or refused) clearly."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from tawthiq.entities import Protected, Report, Source
from tawthiq.errors import ProtectedDataError, WorkspaceError
from tawthiq.store import (
    add_reports,
    count_reports,
    get_or_create_source,
    init_workspace,
    list_reports,
    list_sources,
    open_workspace,
)
from tawthiq.store._migrate import schema_drift
from tawthiq.store.reveal import Disclosure
from tawthiq.store.tables import ReportRow, SourceRow

SHA = "ab" * 32
WHY = Disclosure(actor="tester", reason="checking the store opens what it sealed")


def test_migrations_match_models_so_drift_fails_ci(workspace):
    drift = schema_drift(workspace.engine)
    assert drift == [], (
        f"models and migrations differ: {drift!r}\n"
        "run: .venv/bin/python scripts/regen_initial_migration.py (and read the diff)"
    )


def test_protected_sender_and_identity_are_ciphertext_at_rest(workspace):
    with workspace.session() as s:
        src = get_or_create_source(s, Source(label="field contact 7", identity=Protected("Planted Name Q")))
        rep = Report(sha256=SHA, body="text", sender=Protected("+963 planted 555"), source_id=src.id)
        add_reports(s, [rep])
    with workspace.session() as s:
        raw_sender = s.scalar(select(ReportRow.sender_enc))
        raw_identity = s.scalar(select(SourceRow.identity_enc))
        assert b"planted" not in raw_sender and b"Planted" not in raw_identity
        shown = list_reports(s)[0]
        assert shown.sender is None  # not revealed unless asked
        revealed = list_reports(s, reveal=WHY)[0]
        assert revealed.sender.reveal() == "+963 planted 555"
        assert "planted" not in repr(revealed)
        assert list_sources(s, reveal=WHY)[0].identity.reveal() == "Planted Name Q"


def test_protected_value_refused_without_key_rather_than_stored_in_clear(tmp_path, monkeypatch):
    ws = init_workspace(tmp_path / "ws")
    ws.close()
    (tmp_path / "ws" / "key").unlink()
    with open_workspace(tmp_path / "ws") as ws2:
        assert ws2.cipher is None
        with pytest.raises(ProtectedDataError), ws2.session() as s:
            add_reports(s, [Report(sha256=SHA, body="x", sender=Protected("someone"))])
        with ws2.session() as s:
            assert count_reports(s) == {}


def test_ciphertext_from_one_column_does_not_open_in_another(workspace):
    c = workspace.require_cipher()
    blob = c.seal("Planted Witness", column="reports.sender")
    with pytest.raises(ProtectedDataError) as err:
        c.open(blob, column="sources.identity")
    assert "Planted" not in str(err.value)


def test_session_rolls_back_everything_when_the_block_raises(workspace):
    with pytest.raises(RuntimeError), workspace.session() as s:
        add_reports(s, [Report(sha256=SHA, body="half-written")])
        raise RuntimeError("crash mid-import")
    with workspace.session() as s:
        assert list_reports(s) == []


def test_key_file_is_owner_only(tmp_path):
    init_workspace(tmp_path / "ws").close()
    mode = stat.S_IMODE(os.stat(tmp_path / "ws" / "key").st_mode)
    assert mode == 0o600


def test_env_key_overrides_and_wrong_key_does_not_open(tmp_path, monkeypatch):
    import base64

    ws = init_workspace(tmp_path / "ws")
    with ws.session() as s:
        add_reports(s, [Report(sha256=SHA, body="x", sender=Protected("hidden person"))])
    ws.close()
    monkeypatch.setenv("TAWTHIQ_KEY", base64.b64encode(b"\x01" * 32).decode())
    with open_workspace(tmp_path / "ws") as ws2, ws2.session() as s:
        with pytest.raises(ProtectedDataError) as err:
            list_reports(s, reveal=WHY)
        assert "hidden" not in str(err.value)


def test_no_workspace_gives_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(WorkspaceError, match="tawthiq init"):
        open_workspace()
    with pytest.raises(WorkspaceError, match="not a Tawthiq workspace"):
        open_workspace(tmp_path)


def test_workspace_found_from_env_and_from_a_subfolder(tmp_path, monkeypatch):
    init_workspace(tmp_path / "ws").close()
    (tmp_path / "ws" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "ws" / "sub")
    with open_workspace() as ws:
        assert ws.path == (tmp_path / "ws").resolve()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TAWTHIQ_WORKSPACE", str(tmp_path / "ws"))
    with open_workspace() as ws:
        assert ws.path == (tmp_path / "ws").resolve()


def test_init_refuses_an_existing_workspace(tmp_path):
    init_workspace(tmp_path / "ws").close()
    with pytest.raises(WorkspaceError, match="already"):
        init_workspace(tmp_path / "ws")


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path):
    ws = init_workspace(tmp_path / "ws")
    with ws.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    ws.close()


def test_a_store_call_that_decrypts_records_who_saw_what_and_why_in_the_same_transaction(workspace):
    from tawthiq.entities import MissingNote, PersonRecord
    from tawthiq.errors import InputError
    from tawthiq.store import get_report, list_events, verify_chain
    from tawthiq.store.missing import load_missing, save_missing

    with workspace.session() as s:
        src = get_or_create_source(s, Source(label="field contact 7", identity=Protected("Planted Name Q")))
        get_or_create_source(s, Source(label="a wire"))  # nothing protected: nothing to record
        [rep] = add_reports(s, [Report(sha256=SHA, body="text", sender=Protected("+963 planted 555"))])
        rec = PersonRecord(list_name="registry", record_id="R1", name_latin="Test Missing", status="missing")
        note = MissingNote(
            note_record_id="n1",
            author_email=Protected("planted@example.invalid"),
            source_date=datetime(2016, 12, 15, tzinfo=UTC),
        )
        save_missing(s, "registry", [(rec, [note])])
    # A flag is not enough: decrypting without saying who and why is refused before anything opens.
    for call in (list_sources, list_reports, load_missing):
        with pytest.raises(TypeError), workspace.session() as s:
            call(s, reveal=True)
    with pytest.raises(TypeError), workspace.session() as s:
        get_report(s, rep.id, reveal=True)
    for bad in ("", "   ", "x" * 301):
        with pytest.raises(InputError) as err:
            Disclosure(actor="tester", reason=bad)
        assert err.value.field == "reason"
    with pytest.raises(InputError) as err:
        Disclosure(actor=" ", reason="a reason")
    assert err.value.field == "actor"

    with workspace.session(actor="someone-else") as s:
        list_sources(s, reveal=WHY)
        list_reports(s, reveal=WHY)
        get_report(s, rep.id, reveal=WHY)
        [person] = load_missing(s, reveal=WHY)
        assert person.notes[0].author_email.reveal() == "planted@example.invalid"
    with pytest.raises(RuntimeError), workspace.session() as s:  # a rolled-back view leaves no event
        list_sources(s, reveal=WHY)
        raise RuntimeError("crash after decrypting")
    with workspace.session() as s:
        views = [
            (e.actor, e.object_type, e.detail, e.reason)
            for e in list_events(s)
            if e.action == "evidence.view"
        ]
        assert verify_chain(s).ok
    why = WHY.reason
    assert views == [
        ("tester", "source", "identity shown (cli)", why),
        ("tester", "report", "sender shown (cli)", why),
        ("tester", "report", "sender shown (cli)", why),
        ("tester", "missing_note", "author_email shown (cli)", why),
    ]
    assert src.id is not None and not any("planted" in str(v).lower() for v in views)
