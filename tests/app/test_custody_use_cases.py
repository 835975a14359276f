"""The evidence custody use cases (``app.evidence``) behind ``tawthiq evidence verify|seal|derive|history``
and the web's reveal of a protected value.

The traps: a custody event missing, renamed or by the wrong actor; an event that outlives a
change that failed (a seal whose rename failed, a derived copy whose link failed), or a
change with no event; a verification that writes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from tawthiq.app.evidence import custody_history, derive, reveal, seal_evidence, verify_evidence
from tawthiq.errors import InputError, StoreError
from tawthiq.evidence import MAGIC, evidence_path
from tawthiq.store import list_events
from tawthiq.store.reveal import Disclosure

DATA = b"a report as a workspace from before sealing kept it\n"


def _events(ws) -> list[tuple[str, str, str]]:
    with ws.session() as s:
        return [(e.action, e.actor, e.object_id) for e in list_events(s)]


def _derived_rows(ws) -> list[tuple]:
    with ws.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT sha256, original_sha256 FROM derived_files"))]


def test_sealing_records_one_seal_event_per_clear_original_and_is_idempotent(workspace, plant_clear_original):
    sha = plant_clear_original(workspace, DATA)
    before = _events(workspace)
    heard = []
    summary = seal_evidence(workspace, on_start=lambda clear, files: heard.append((clear, files)))
    assert summary == {"files": 1, "sealed": [sha], "already_sealed": 0, "failed": []} and heard == [(1, 1)]
    assert _events(workspace) == [*before, ("evidence.seal", "cli", sha)]
    assert evidence_path(workspace.evidence_dir, sha).read_bytes().startswith(MAGIC)
    again = seal_evidence(workspace)
    assert again["sealed"] == [] and again["already_sealed"] == 1
    assert _events(workspace) == [*before, ("evidence.seal", "cli", sha)]


def test_a_seal_whose_rename_fails_logs_no_seal_event_and_leaves_the_file_clear(
    workspace, monkeypatch, plant_clear_original
):
    sha = plant_clear_original(workspace, DATA)
    before = _events(workspace)

    def failing(*args, **kwargs):
        raise StoreError("disk full while sealing")

    monkeypatch.setattr("tawthiq.evidence.seal_file", failing)
    summary = seal_evidence(workspace)
    assert summary["sealed"] == [] and [f["sha256"] for f in summary["failed"]] == [sha]
    assert _events(workspace) == before
    assert evidence_path(workspace.evidence_dir, sha).read_bytes() == DATA


def test_deriving_links_the_copy_with_its_derive_event_on_the_original(
    workspace, tmp_path, plant_clear_original
):
    sha = plant_clear_original(workspace, DATA)
    copy = tmp_path / "redacted.txt"
    copy.write_bytes(b"a report [redacted]\n")
    before = _events(workspace)
    d = derive(workspace, sha, copy, "redacted", "names removed")
    assert (d.original_sha256, d.kind, d.media_type, d.actor) == (sha, "redacted", "text/plain", "cli")
    assert _events(workspace) == [*before, ("evidence.derive", "cli", sha)]
    events, derived = custody_history(workspace, sha)
    assert [e.action for e in events][-1] == "evidence.derive" and derived == [d]


def test_a_derived_copy_whose_event_fails_is_not_linked(
    workspace, tmp_path, monkeypatch, plant_clear_original
):
    sha = plant_clear_original(workspace, DATA)
    copy = tmp_path / "working.txt"
    copy.write_bytes(b"a working copy\n")
    before = _events(workspace)

    def failing(*args, **kwargs):
        raise RuntimeError("audit write failed")

    monkeypatch.setattr("tawthiq.store.custody.record_event", failing)
    with pytest.raises(RuntimeError, match="audit write failed"):
        derive(workspace, sha, copy, "working")
    assert _derived_rows(workspace) == [] and _events(workspace) == before


def test_deriving_from_an_unknown_original_is_refused_naming_the_field(workspace, tmp_path):
    copy = tmp_path / "working.txt"
    copy.write_bytes(b"a working copy\n")
    with pytest.raises(InputError) as refused:
        derive(workspace, "ab" * 32, copy, "working")
    assert refused.value.field == "original" and _derived_rows(workspace) == []


def test_verifying_the_evidence_store_finds_an_altered_original_and_writes_nothing(
    workspace, plant_clear_original
):
    sha = plant_clear_original(workspace, DATA)
    before = _events(workspace)
    assert verify_evidence(workspace).ok
    path = evidence_path(workspace.evidence_dir, sha)
    os.chmod(path, 0o644)
    path.write_bytes(DATA + b"edited\n")
    heard = []
    check = verify_evidence(workspace, on_start=heard.append)
    assert not check.ok and [p.problem for p in check.problems] == ["altered"]
    assert heard == [workspace.evidence_dir] and _events(workspace) == before


CHAT = Path(__file__).resolve().parents[1] / "fixtures" / "evidence" / "chat_planted_phones.txt"


def test_revealing_a_protected_value_records_who_saw_it_and_why(workspace, cli_json):
    report_id = cli_json(workspace, "ingest", str(CHAT))["outcomes"][0]["report_ids"][0]
    why = Disclosure(actor="amal", reason="calling the source back", where="web")
    value = reveal(workspace, "report.sender", report_id, why)
    assert value is not None and "Planted" in value.reveal()
    with workspace.session() as s:
        [view] = list_events(s, action="evidence.view")
    assert (view.actor, view.object_type, view.object_id, view.reason) == (
        "amal",
        "report",
        str(report_id),
        "calling the source back",
    )
    assert "Planted" not in (view.detail or "")


def test_a_reveal_whose_custody_event_fails_shows_nothing(workspace, cli_json, monkeypatch):
    report_id = cli_json(workspace, "ingest", str(CHAT))["outcomes"][0]["report_ids"][0]
    before = _events(workspace)

    def failing(*args, **kwargs):
        raise RuntimeError("audit write failed")

    monkeypatch.setattr("tawthiq.store.reveal.record_custody", failing)
    why = Disclosure(actor="amal", reason="calling the source back", where="api")
    with pytest.raises(RuntimeError, match="audit write failed"):
        reveal(workspace, "report.sender", report_id, why)
    assert _events(workspace) == before
