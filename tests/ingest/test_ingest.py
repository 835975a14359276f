"""Ingest into a workspace: nothing lost, one transaction per file, duplicates by hash."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from datetime import date
from pathlib import Path

import pytest

from tawthiq.evidence import evidence_path, read_evidence, verify_file
from tawthiq.ingest import IngestOptions, ingest_paths
from tawthiq.store import list_reports, list_sources, verify_chain
from tawthiq.store.reveal import Disclosure

DEV_REPORTS = Path(__file__).resolve().parents[2] / "../shared/data/dev/reports"


def _reports(ws, **kw):
    with ws.session() as s:
        return list_reports(s, **kw)


def test_dev_report_is_stored_with_its_sha256_and_bytes_as_evidence(workspace):
    if not DEV_REPORTS.is_dir():
        pytest.skip(f"dev reports not found at {DEV_REPORTS} (the shared/ folder beside the repo)")
    path = sorted(DEV_REPORTS.glob("*.txt"))[0]
    [out] = ingest_paths(workspace, [path])
    assert out.status == "stored"
    [rep] = _reports(workspace)
    assert rep.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert rep.size == path.stat().st_size and rep.file_name == path.name and rep.received_at
    stored = evidence_path(workspace.evidence_dir, rep.sha256)
    assert read_evidence(workspace.evidence_dir, rep.sha256, workspace.cipher) == path.read_bytes()
    assert stat.S_IMODE(stored.stat().st_mode) == 0o444
    assert verify_file(workspace.evidence_dir, rep.sha256, workspace.cipher)


def test_same_bytes_twice_is_a_duplicate_not_a_second_report(workspace, fixtures, tmp_path):
    copy = tmp_path / "renamed-copy.html"
    shutil.copy(fixtures / "page.html", copy)
    first, second = ingest_paths(workspace, [fixtures / "page.html", copy])
    assert (first.status, second.status) == ("stored", "duplicate")
    assert second.report_ids == first.report_ids
    assert len(_reports(workspace)) == 1


def test_broken_files_fail_clearly_and_earlier_reports_stay(workspace, fixtures, tmp_path):
    big = tmp_path / "big.bin"
    with open(big, "wb") as fh:  # 50 MiB of random bytes
        fh.write(os.urandom(1024) * (50 * 1024))
    ingest_paths(workspace, [fixtures / "page.html"])
    outs = ingest_paths(
        workspace,
        [
            fixtures / "bad_utf8.eml",
            fixtures / "truncated.html",
            fixtures / "empty.txt",
            big,
            fixtures / "message.eml",
        ],
    )
    by_name = {Path(o.path).name: o for o in outs}
    assert "not valid utf-8" in by_name["bad_utf8.eml"].reason
    assert "truncated HTML" in by_name["truncated.html"].reason
    assert "empty file" in by_name["empty.txt"].reason
    assert "over the 20 MB limit" in by_name["big.bin"].reason
    assert by_name["message.eml"].status == "stored"
    for name in ("bad_utf8.eml", "truncated.html", "empty.txt", "big.bin"):
        assert by_name[name].status == "failed" and name in by_name[name].reason
    stored = _reports(workspace, status="stored")
    assert sorted(r.file_name for r in stored) == ["message.eml", "page.html"]
    failed = {r.file_name: r for r in _reports(workspace, status="failed")}
    assert set(failed) == {"bad_utf8.eml", "truncated.html", "empty.txt", "big.bin"}
    assert failed["big.bin"].size == 50 * 1024 * 1024
    # the bytes of a parse failure are kept; the oversize file's are not (that is the limit)
    assert verify_file(workspace.evidence_dir, failed["truncated.html"].sha256, workspace.cipher)
    assert not evidence_path(workspace.evidence_dir, failed["big.bin"].sha256).exists()
    with workspace.session() as s:
        assert verify_chain(s).ok


def test_refailing_file_is_reported_again_not_stored_twice(workspace, fixtures):
    ingest_paths(workspace, [fixtures / "truncated.html"])
    [again] = ingest_paths(workspace, [fixtures / "truncated.html"])
    assert again.status == "failed" and "already recorded as failed intake" in again.reason
    assert len(_reports(workspace)) == 1


def test_chat_export_gives_one_report_per_message_with_sealed_senders(workspace, fixtures):
    [out] = ingest_paths(workspace, [fixtures / "chat_ios_dmy.txt"])
    assert len(out.report_ids) == 3
    reps = _reports(workspace)
    assert [r.part for r in reps] == [0, 1, 2] and {r.channel for r in reps} == {"chat"}
    assert all(r.sender is None for r in reps)  # not revealed unless asked
    assert (
        _reports(workspace, reveal=Disclosure(actor="tester", reason="test"))[0].sender.reveal()
        == "Umm Planted"
    )


def test_folder_with_headers_and_sidecars_carries_its_own_dates(workspace, fixtures, tmp_path):
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(fixtures / "report_with_header.txt", folder / "a.txt")
    shutil.copy(fixtures / "sidecar_report.txt", folder / "sub" / "b.txt")
    shutil.copy(fixtures / "sidecar_report.txt.meta.json", folder / "sub" / "b.txt.meta.json")
    (folder / ".hidden.txt").write_text("not a report", "utf-8")
    outs = ingest_paths(workspace, [folder], IngestOptions(from_header=True, published=date(2016, 1, 1)))
    assert [Path(o.path).name for o in outs] == ["a.txt", "b.txt"]
    reps = {r.file_name: r for r in _reports(workspace)}
    assert reps["a.txt"].published_at == date(2016, 12, 12)
    assert reps["b.txt"].published_at == date(2016, 11, 28) and reps["b.txt"].title == "Water station stops"
    assert reps["b.txt"].source_label == "Council statement"


def test_published_option_fills_files_without_a_date_and_source_is_created(workspace, fixtures):
    ingest_paths(
        workspace,
        [fixtures / "sidecar_report.txt"],
        IngestOptions(published=date(2016, 12, 1), source="UN OCHA", source_kind="un"),
    )
    [rep] = _reports(workspace)
    assert rep.published_at == date(2016, 12, 1) and rep.source_label == "UN OCHA"
    with workspace.session() as s:
        assert [(x.label, x.kind) for x in list_sources(s)] == [("UN OCHA", "un")]


def test_bad_jsonl_lines_are_failed_intakes_in_place_and_the_good_line_is_stored(workspace, fixtures):
    [out] = ingest_paths(workspace, [fixtures / "bad.jsonl"])
    assert out.status == "stored" and len(out.report_ids) == 1
    assert [(f.line, f.field) for f in out.failures] == [(2, "published_at"), (3, "body"), (4, None)]
    reps = _reports(workspace)
    assert [(r.part, r.status) for r in reps] == [(0, "stored"), (1, "failed"), (2, "failed"), (3, "failed")]
    assert "bad.jsonl:2: field 'published_at'" in reps[1].failure_reason
    assert {f.report_id for f in out.failures} == {r.id for r in reps[1:]}


def test_strict_refuses_a_jsonl_file_with_one_bad_line_whole_writing_nothing(workspace, fixtures):
    [out] = ingest_paths(workspace, [fixtures / "bad.jsonl"], IngestOptions(strict=True))
    assert out.status == "failed" and out.stopped and "bad.jsonl:2: field 'published_at'" in out.reason
    assert _reports(workspace) == []
    assert not any(p.is_file() for p in workspace.evidence_dir.rglob("*")), "an orphan evidence file"
