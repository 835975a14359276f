"""Originals sealed at rest: nothing readable under evidence/, every change caught, old clear files kept.

The planted chat export (``tests/fixtures/evidence/chat_planted_phones.txt``) names a sender
and two phone numbers, the very values the database encrypts; a copied workspace folder must
not give them away through the evidence store.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from tawthiq.errors import ProtectedDataError, StoreError
from tawthiq.evidence import (
    MAGIC,
    copy_evidence,
    evidence_path,
    file_state,
    read_evidence,
    store_bytes,
    verify_file,
)

CHAT = Path(__file__).resolve().parents[1] / "fixtures" / "evidence" / "chat_planted_phones.txt"
SECRETS = ("+963 944 PLANTED 731", "+963 944 PLANTED 732", "Planted Phone Owner Rq5521")


def _bytes_under(folder: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()]


def _writable(path: Path) -> None:
    os.chmod(path, 0o644)


def test_phone_numbers_of_a_planted_chat_export_are_in_no_file_under_evidence(workspace, cli_json):
    [out] = cli_json(workspace, "ingest", str(CHAT))["outcomes"]
    assert out["status"] == "stored" and len(out["report_ids"]) == 3
    files = _bytes_under(workspace.evidence_dir)
    assert files, "the original was not stored"
    for path, data in files:
        assert data.startswith(MAGIC), f"{path} is not sealed"
        for secret in SECRETS:
            for form in (secret, secret.replace(" ", "")):
                assert form.encode() not in data, f"{path} holds a planted value in clear"
    # and the original comes back whole, byte for byte
    sha = hashlib.sha256(CHAT.read_bytes()).hexdigest()
    assert read_evidence(workspace.evidence_dir, sha, workspace.cipher) == CHAT.read_bytes()


@pytest.mark.parametrize("size", [0, 1, (1 << 20) - 41, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 7])
def test_sizes_around_the_1_mib_segment_boundary_round_trip(workspace, size):
    data = os.urandom(size)
    sha, path, created = store_bytes(workspace.evidence_dir, data, workspace.cipher)
    assert created and sha == hashlib.sha256(data).hexdigest()
    assert read_evidence(workspace.evidence_dir, sha, workspace.cipher) == data
    assert file_state(path, sha, workspace.cipher) == "sealed"


def _stored_original(workspace, size: int = 3 * (1 << 20) + 5) -> tuple[str, Path]:
    sha, path, _ = store_bytes(workspace.evidence_dir, os.urandom(size), workspace.cipher)
    return sha, path


def _verify(cli, ws):
    res = cli(ws, "evidence", "verify", "--json", ok=False)
    return res.exit_code, json.loads(res.stdout)


@pytest.mark.parametrize("offset", [len(MAGIC) + 8 + 3, 100, 1 << 20, -5])
def test_a_flipped_byte_in_a_sealed_original_fails_verification_naming_the_file(workspace, cli, offset):
    sha, path = _stored_original(workspace)
    _writable(path)
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))
    code, check = _verify(cli, workspace)
    assert code == 1 and not check["ok"]
    [p] = check["problems"]
    assert (p["sha256"], p["problem"]) == (sha, "altered")
    assert str(path) in p["detail"]
    assert not verify_file(workspace.evidence_dir, sha, workspace.cipher)
    with pytest.raises(StoreError, match=sha[2:]):
        read_evidence(workspace.evidence_dir, sha, workspace.cipher)


@pytest.mark.parametrize("cut", ["tail", "last_segment", "to_header"])
def test_a_truncated_sealed_original_fails_verification(workspace, cli, cut):
    sha, path = _stored_original(workspace)
    _writable(path)
    data = path.read_bytes()
    # Tink segments are 1 MiB of ciphertext after our 24-byte head: cutting exactly at a segment
    # boundary leaves a well-formed stream whose last segment lacks the last-segment flag.
    keep = {"tail": len(data) - 7, "last_segment": 24 + 3 * (1 << 20), "to_header": 24 + 40}[cut]
    assert keep < len(data)
    path.write_bytes(data[:keep])
    code, check = _verify(cli, workspace)
    assert code == 1
    assert [(p["sha256"], p["problem"]) for p in check["problems"]] == [(sha, "altered")]


def test_a_sealed_original_copied_under_another_name_does_not_open(workspace, cli):
    _, path_a = _stored_original(workspace, 1000)
    sha_b, path_b = _stored_original(workspace, 2000)
    _writable(path_b)
    shutil.copyfile(path_a, path_b)  # the name (the original's hash) is bound into the ciphertext
    with pytest.raises(StoreError, match="altered or truncated"):
        read_evidence(workspace.evidence_dir, sha_b, workspace.cipher)


def test_a_wrong_key_fails_clearly_and_writes_no_original(workspace, cli, monkeypatch, tmp_path):
    sha, path = _stored_original(workspace, 5000)
    monkeypatch.setenv("TAWTHIQ_KEY", base64.b64encode(os.urandom(32)).decode())
    code, check = _verify(cli, workspace)
    assert code == 1
    [p] = check["problems"]
    assert p["problem"] == "other-key" and "another key" in p["detail"] and str(path) in p["detail"]
    from tawthiq.store import Cipher

    with pytest.raises(ProtectedDataError, match="another key"):
        read_evidence(workspace.evidence_dir, sha, Cipher(os.urandom(32)))
    dst = tmp_path / "out" / sha
    with pytest.raises(ProtectedDataError):
        copy_evidence(workspace.evidence_dir, sha, dst, Cipher(os.urandom(32)))
    assert not dst.exists() and list(dst.parent.iterdir()) == []


def test_without_a_key_intake_fails_clearly_and_writes_nothing(workspace, cli):
    workspace.key_file.rename(workspace.path.parent / "key.away")
    res = cli(workspace, "ingest", str(CHAT), ok=False)
    assert res.exit_code == 1 and "no key" in res.stderr
    assert _bytes_under(workspace.evidence_dir) == []
    from tawthiq.store import list_reports

    with workspace.session() as s:
        assert list_reports(s) == []
    # and reading sealed originals without the key is the same clear error
    (workspace.path.parent / "key.away").rename(workspace.key_file)
    sha, _ = _stored_original(workspace, 10)
    with pytest.raises(ProtectedDataError, match="no key"):
        read_evidence(workspace.evidence_dir, sha, None)


def test_a_clear_legacy_original_is_still_read_and_seal_converts_it_once(
    workspace, cli, cli_json, plant_clear_original
):
    data = CHAT.read_bytes()
    sha = plant_clear_original(workspace, data)
    path = evidence_path(workspace.evidence_dir, sha)
    assert file_state(path, sha, workspace.cipher) == "clear"
    assert read_evidence(workspace.evidence_dir, sha, workspace.cipher) == data
    code, check = _verify(cli, workspace)
    assert code == 0 and check["clear"] == 1  # only a warning
    assert [p["problem"] for p in check["problems"]] == ["clear"]

    first = cli_json(workspace, "evidence", "seal")
    assert first["sealed"] == [sha] and first["failed"] == []
    assert file_state(path, sha, workspace.cipher) == "sealed"
    assert oct(path.stat().st_mode & 0o777) == oct(0o444)
    assert b"PLANTED" not in path.read_bytes()
    assert read_evidence(workspace.evidence_dir, sha, workspace.cipher) == data
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left

    again = cli_json(workspace, "evidence", "seal")
    assert again["sealed"] == [] and again["already_sealed"] == 1
    history = cli_json(workspace, "evidence", "history", sha)
    assert [e["action"] for e in history["events"]].count("evidence.seal") == 1
    code, check = _verify(cli, workspace)
    assert code == 0 and check["problems"] == [] and check["sealed"] == 1


def test_an_altered_clear_original_is_reported_not_sealed(workspace, cli, cli_json, plant_clear_original):
    sha = plant_clear_original(workspace, b"a report from before sealing")
    path = evidence_path(workspace.evidence_dir, sha)
    _writable(path)
    path.write_bytes(b"a report from before sealing, changed")
    res = cli(workspace, "evidence", "seal", "--json", ok=False)
    assert res.exit_code == 1
    out = json.loads(res.stdout)
    assert out["sealed"] == [] and str(path) in out["failed"][0]["problem"]
    assert path.read_bytes() == b"a report from before sealing, changed"  # left as found
    history = cli_json(workspace, "evidence", "history", sha)
    assert "evidence.seal" not in [e["action"] for e in history["events"]]


def test_a_clear_file_from_an_old_dump_is_sealed_on_import(workspace, tmp_path):
    from tawthiq.evidence import reseal_file

    old_dump = tmp_path / "old-dump" / "evidence"  # a dump written before sealing: clear files
    data = CHAT.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    (old_dump / sha[:2]).mkdir(parents=True)
    (old_dump / sha[:2] / sha[2:]).write_bytes(data)
    assert reseal_file(old_dump, sha, workspace.evidence_dir, None, workspace.cipher)
    stored = evidence_path(workspace.evidence_dir, sha)
    assert file_state(stored, sha, workspace.cipher) == "sealed" and b"PLANTED" not in stored.read_bytes()
    assert read_evidence(workspace.evidence_dir, sha, workspace.cipher) == data
    (old_dump / sha[:2] / sha[2:]).write_bytes(data + b"changed")
    with pytest.raises(StoreError, match="altered"):  # a changed file never lands under the old name
        reseal_file(old_dump, sha, tmp_path / "other-store", None, workspace.cipher)
    assert [f for f in (tmp_path / "other-store").rglob("*") if f.is_file()] == []  # nor a temp file


def test_dossier_originals_equal_the_original_bytes_and_the_manifest_keeps_their_hash(runner, demo, tmp_path):
    from tawthiq.cli.main import app

    out = tmp_path / "d"
    inc = str(demo.incident_ids["fardous"])
    res = runner.invoke(app, ["dossier", inc, "--out", str(out), "-w", str(demo.path), "--no-pdf"])
    assert res.exit_code == 0, res.output + res.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    for sha in demo.evidence.values():
        copied = out / "originals" / sha
        assert copied.read_bytes() == read_evidence(demo.ws.evidence_dir, sha, demo.ws.cipher)
        assert hashlib.sha256(copied.read_bytes()).hexdigest() == sha == listed[f"originals/{sha}"]
    assert not list(out.rglob(".tmp-*"))


@pytest.mark.parametrize("fmt", ["acled", "ged", "geojson", "hxl"])
def test_public_exports_never_include_an_original(runner, demo, tmp_path, fmt):
    from tawthiq.cli.main import app

    out = tmp_path / fmt
    res = runner.invoke(app, ["export", fmt, "--out", str(out), "-w", str(demo.path)])
    assert res.exit_code == 0, res.output + res.stderr
    originals = [read_evidence(demo.ws.evidence_dir, s, demo.ws.cipher) for s in demo.evidence.values()]
    for path, data in _bytes_under(out):
        assert not path.name.startswith(tuple(demo.evidence.values()))
        assert data not in originals and MAGIC not in data, f"{path} carries an original"


def test_dump_carries_originals_sealed_never_in_clear(runner, demo, tmp_path, planted, plant_clear_original):
    from tawthiq.cli.main import app

    sha = plant_clear_original(demo.ws, b"legacy report naming " + planted["witness"].encode())
    out = tmp_path / "dump"
    res = runner.invoke(app, ["export", "dump", "--out", str(out), "-w", str(demo.path)])
    assert res.exit_code == 0, res.output + res.stderr
    for path, data in _bytes_under(out / "evidence"):
        assert data.startswith(MAGIC), f"{path} is in clear in the dump"
        assert planted["witness"].encode() not in data and planted["sender"].encode() not in data
    assert read_evidence(out / "evidence", sha, demo.ws.cipher).startswith(b"legacy report")
