"""`tawthiq demo`: the bundled corpus lands whole, with its dates and sources, every run."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tawthiq.cli.main import app
from tawthiq.demo import corpus_files, run_demo
from tawthiq.errors import WorkspaceError
from tawthiq.store import list_reports, open_workspace


def test_demo_ingests_every_corpus_file_with_dates_and_sources(tmp_path):
    summary = run_demo(tmp_path / "demo")
    assert summary["files"] == len(corpus_files()) and summary["failed intakes"] == 0
    assert summary["audit chain"] == "intact"
    with open_workspace(tmp_path / "demo") as ws, ws.session() as s:
        reps = list_reports(s)
    assert len(reps) == summary["reports"]
    assert all(r.published_at for r in reps), "every demo report must carry its publication date"
    assert all(r.source_label for r in reps), "every demo report must carry its source"
    assert {r.channel for r in reps} == {"file", "html", "email", "chat", "jsonl"}
    assert {r.language for r in reps} == {"en", "ar"}


def test_demo_is_recreated_on_a_second_run(tmp_path):
    first = run_demo(tmp_path / "demo")
    second = run_demo(tmp_path / "demo")
    assert first["reports"] == second["reports"]  # not duplicated into the old workspace


def test_demo_refuses_to_delete_a_folder_that_is_not_a_workspace(tmp_path):
    (tmp_path / "precious").mkdir()
    (tmp_path / "precious" / "thesis.txt").write_text("keep me", "utf-8")
    with pytest.raises(WorkspaceError, match="not deleting"):
        run_demo(tmp_path / "precious")
    assert (tmp_path / "precious" / "thesis.txt").exists()


def test_demo_command_runs_every_stage_and_does_not_block_without_a_terminal(tmp_path):
    import json

    r = CliRunner().invoke(app, ["demo", "--dir", str(tmp_path / "d"), "--json"])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert summary["audit chain"] == "intact"
    assert summary["claims"] > 0 and summary["incidents"] > 0
    assert summary["unique persons"] < summary["person records"]  # linkage joined records
    estimates = {k: v for k, v in summary.items() if k.startswith("estimate")}
    assert set(estimates) == {"estimate (lcmcr)", "estimate (loglinear)"}
    assert summary["web login"].startswith("demo / ")
    assert "serve it with: tawthiq serve" in r.stderr  # not a terminal: it says how, and stops
