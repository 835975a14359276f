"""Kill -9 in the middle of a batch: the store stays consistent and a re-run completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import defaultdict

import pytest
from sqlalchemy import func, select

from tawthiq.evidence import verify_file
from tawthiq.ingest import ingest_paths
from tawthiq.store import list_reports, verify_chain
from tawthiq.store.tables import ReportRow

FILES = 120
MESSAGES = 4  # each chat file holds this many messages: a file lands whole or not at all


def _make_batch(folder):
    folder.mkdir()
    for i in range(FILES):
        lines = [
            f"1{i % 9}/12/16, 10:{m:02d} - Planted {m}: message {m} of file {i}" for m in range(MESSAGES)
        ]
        (folder / f"chat-{i:03d}.txt").write_text("\n".join(lines) + "\n", "utf-8")


def _count(ws) -> int:
    with ws.session() as s:
        return s.scalar(select(func.count()).select_from(ReportRow))


@pytest.mark.slow
def test_kill_9_mid_batch_leaves_whole_files_and_an_intact_chain(workspace, tmp_path):
    batch = tmp_path / "batch"
    _make_batch(batch)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    code = (
        "import sys; from tawthiq.store import open_workspace; from tawthiq.ingest import ingest_paths\n"
        "ws = open_workspace(sys.argv[1], sys.argv[2] or None)\n"
        "ingest_paths(ws, [sys.argv[3]])\n"
    )
    db = (
        workspace.engine.url.render_as_string(hide_password=False)
        if workspace.engine.dialect.name != "sqlite"
        else ""
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(workspace.path), db, str(batch)], env=env)
    deadline = time.monotonic() + 120
    while _count(workspace) < 3 * MESSAGES and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = _count(workspace)
    assert 0 < done < FILES * MESSAGES, "the kill should land mid-batch; make the batch larger"

    with workspace.session() as s:
        assert verify_chain(s).ok
        parts = defaultdict(list)
        for r in list_reports(s):
            parts[r.sha256].append(r.part)
            ok = verify_file(workspace.evidence_dir, r.sha256, workspace.cipher)
            assert ok, "a row without its evidence file"
    assert all(sorted(p) == list(range(MESSAGES)) for p in parts.values()), "a half-written file"

    outs = ingest_paths(workspace, [batch])  # the re-run finishes the batch
    assert {o.status for o in outs} <= {"stored", "duplicate"}
    assert _count(workspace) == FILES * MESSAGES
    with workspace.session() as s:
        assert verify_chain(s).ok
