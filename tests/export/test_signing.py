"""Signed exports: the manifest verifies, and fails after one byte of one file changes."""

from __future__ import annotations

import json
import os
import stat

from tawthiq.cli.main import app


def _signed(runner, demo, tmp_path, fmt="acled"):
    out = tmp_path / fmt
    res = runner.invoke(app, ["export", fmt, "--out", str(out), "-w", str(demo.path)])
    assert res.exit_code == 0, res.output
    return out


def _verify(runner, out, *extra):
    return runner.invoke(app, ["verify-export", str(out), "--json", *extra])


def test_fresh_export_verifies_with_the_published_public_key(runner, demo, tmp_path):
    out = _signed(runner, demo, tmp_path)
    key = tmp_path / "key.pem"
    res = runner.invoke(app, ["evidence", "public-key", "-w", str(demo.path), "--out", str(key)])
    assert res.exit_code == 0 and res.stdout.startswith("-----BEGIN PUBLIC KEY-----")
    check = json.loads(_verify(runner, out, "--public-key", str(key)).stdout)
    assert check["ok"] and check["signature_ok"] and check["key_source"] == "given"
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["tool_version"] and manifest["audit_head"] and manifest["files"][0]["size"] > 0


def test_one_changed_byte_in_a_data_file_fails_verification(runner, demo, tmp_path):
    out = _signed(runner, demo, tmp_path)
    path = out / "acled.csv"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    res = _verify(runner, out)
    assert res.exit_code == 1
    assert any("acled.csv" in p and "SHA-256" in p for p in json.loads(res.stdout)["problems"])


def test_edited_manifest_breaks_the_signature(runner, demo, tmp_path):
    out = _signed(runner, demo, tmp_path)
    m = out / "manifest.json"
    m.write_text(m.read_text().replace('"acled"', '"acleD"', 1))
    res = _verify(runner, out)
    assert res.exit_code == 1 and not json.loads(res.stdout)["signature_ok"]


def test_file_slipped_into_export_is_reported(runner, demo, tmp_path):
    out = _signed(runner, demo, tmp_path)
    (out / "extra.csv").write_text("a,b\n")
    res = _verify(runner, out)
    assert res.exit_code == 1 and "extra.csv: not listed in the manifest" in res.stdout


def test_another_workspace_key_is_rejected(runner, demo, tmp_path):
    from tawthiq.evidence import ensure_signing_key

    out = _signed(runner, demo, tmp_path)
    other = ensure_signing_key(tmp_path / "other")
    res = _verify(runner, out, "--public-key", str(other))
    assert res.exit_code == 1 and not json.loads(res.stdout)["signature_ok"]


def test_private_signing_key_is_owner_only(demo):
    from tawthiq.evidence import PRIVATE_KEY_FILE, load_signing_key

    load_signing_key(demo.path)
    mode = stat.S_IMODE(os.stat(demo.path / PRIVATE_KEY_FILE).st_mode)
    assert mode == 0o600


def test_verify_export_of_a_plain_folder_is_a_clear_error(runner, tmp_path):
    (tmp_path / "nothing").mkdir()
    res = _verify(runner, tmp_path / "nothing")
    assert res.exit_code == 1 and "manifest.json" in res.stderr
