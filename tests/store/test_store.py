"""The store: migrations equal the models, protected values are ciphertext at rest,
a session is one transaction, and the workspace is found (or refused) clearly."""

from __future__ import annotations

import os
import stat
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
from tawthiq.store.tables import ReportRow, SourceRow

SHA = "ab" * 32


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
        revealed = list_reports(s, reveal=True)[0]
        assert revealed.sender.reveal() == "+963 planted 555"
        assert "planted" not in repr(revealed)
        assert list_sources(s, reveal=True)[0].identity.reveal() == "Planted Name Q"


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
            list_reports(s, reveal=True)
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
