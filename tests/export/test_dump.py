"""dump -> import-dump restores an EMPTY workspace losing nothing; evidence verify catches tampering."""

from __future__ import annotations

import json
import os

import pytest

from tawthiq.cli.main import app


def _tables(ws, tmp_path, name):
    """Every table of a workspace as {table: [row, …]} through the dump writer itself."""
    from tawthiq.store.dump import dump_tables

    out = tmp_path / name
    with ws.session() as s:
        dump_tables(s, out)
    return _read(out)


def _read(out):
    return {
        p.stem: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()]
        for p in (out / "tables").glob("*.jsonl")
    }


def _without_enc(tables):
    return {
        t: [{k: v for k, v in r.items() if not k.endswith("_enc")} for r in rows]
        for t, rows in tables.items()
    }


@pytest.fixture
def dumped(runner, demo, tmp_path):
    out = tmp_path / "dump"
    res = runner.invoke(app, ["export", "dump", "--out", str(out), "-w", str(demo.path), "--json"])
    assert res.exit_code == 0, res.output + res.stderr
    return out


def test_round_trip_under_a_new_key_loses_nothing(runner, demo, dumped, tmp_path, planted):
    from tawthiq.evidence import file_state, read_evidence
    from tawthiq.store import init_workspace, list_sources, verify_chain
    from tawthiq.store.reveal import Disclosure

    before = _read(dumped)  # the workspace as dumped (later events, e.g. export.write, come after)
    with init_workspace(tmp_path / "restored") as target:
        res = runner.invoke(
            app,
            [
                "import-dump",
                str(dumped),
                "-w",
                str(target.path),
                "--source-key",
                str(demo.ws.key_file),
                "--json",
            ],
        )
        assert res.exit_code == 0, res.output + res.stderr
        assert json.loads(res.stdout)["resealed"] is True
        after = _tables(target, tmp_path, "after")
        # the import is itself one more audit event; everything before it is identical
        assert after["audit_events"][: len(before["audit_events"])] == before["audit_events"]
        assert after["audit_events"][-1]["action"] == "dump.import"
        after["audit_events"] = after["audit_events"][: len(before["audit_events"])]
        assert _without_enc(after) == _without_enc(before)
        assert all(
            before[t] for t in ("sources", "reports", "claims", "incidents", "incident_claims", "evidence")
        )
        with target.session() as s:
            assert verify_chain(s).ok
            person = next(
                x
                for x in list_sources(s, reveal=Disclosure(actor="tester", reason="re-seal check"))
                if x.kind == "individual"
            )
            assert person.identity.reveal() == planted["identity"]  # re-sealed under the new key
        for sha in demo.evidence.values():  # re-sealed under the new key, the same originals
            assert read_evidence(target.evidence_dir, sha, target.cipher) == read_evidence(
                demo.ws.evidence_dir, sha, demo.ws.cipher
            )
            assert file_state(target.evidence_dir / sha[:2] / sha[2:], sha, target.cipher) == "sealed"
        assert (target.path / "policy.yaml").read_text() == (demo.path / "policy.yaml").read_text()


def test_source_key_file_wins_over_this_workspaces_key_in_the_environment(
    runner, demo, dumped, tmp_path, planted, monkeypatch
):
    """TAWTHIQ_KEY is the key of the workspace being restored into; the file named by
    --source-key is the dump's. The environment variable used to win over the named file, so the
    dump was opened with the wrong key."""
    import base64

    from tawthiq.store import init_workspace, list_sources
    from tawthiq.store.reveal import Disclosure

    monkeypatch.setenv("TAWTHIQ_KEY", base64.b64encode(os.urandom(32)).decode())
    with init_workspace(tmp_path / "env-keyed") as target:
        res = runner.invoke(
            app,
            ["import-dump", str(dumped), "-w", str(target.path), "--source-key", str(demo.ws.key_file)],
        )
        assert res.exit_code == 0, res.output + res.stderr
        with target.session() as s:
            person = next(
                x
                for x in list_sources(s, reveal=Disclosure(actor="tester", reason="env key check"))
                if x.kind == "individual"
            )
            assert person.identity.reveal() == planted["identity"]


def test_dump_never_holds_protected_values_in_clear(demo, dumped, planted, all_text):
    text = all_text(dumped)
    for value in (planted["identity"], planted["contact"]):
        assert value not in text


def test_import_without_the_source_key_is_refused_and_writes_nothing(runner, demo, dumped, tmp_path):
    from tawthiq.store import init_workspace
    from tawthiq.store.dump import is_empty

    with init_workspace(tmp_path / "t2") as target:
        res = runner.invoke(app, ["import-dump", str(dumped), "-w", str(target.path)])
        assert res.exit_code == 1 and "--source-key" in res.stderr
        with target.session() as s:
            assert is_empty(s) == []


def test_import_into_a_workspace_with_data_is_refused(runner, demo, dumped):
    res = runner.invoke(app, ["import-dump", str(dumped), "-w", str(demo.path)])
    assert res.exit_code == 1 and "EMPTY" in res.stderr


def test_tampered_dump_is_refused(runner, demo, dumped, tmp_path):
    from tawthiq.store import init_workspace

    p = dumped / "tables" / "incidents.jsonl"
    p.write_text(p.read_text().replace('"fair"', '"confirmed"'))
    with init_workspace(tmp_path / "t3") as target:
        res = runner.invoke(app, ["import-dump", str(dumped), "-w", str(target.path)])
    assert res.exit_code == 1 and "does not verify" in res.stderr


def test_evidence_verify_detects_a_corrupted_file(runner, demo):
    ok = runner.invoke(app, ["evidence", "verify", "-w", str(demo.path), "--json"])
    assert ok.exit_code == 0 and json.loads(ok.stdout)["checked"] == 2
    sha = demo.evidence["wire.txt"]
    path = demo.ws.evidence_dir / sha[:2] / sha[2:]
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[0] ^= 0x20
    path.write_bytes(bytes(data))
    bad = runner.invoke(app, ["evidence", "verify", "-w", str(demo.path), "--json"])
    assert bad.exit_code == 1
    problems = json.loads(bad.stdout)["problems"]
    assert [(p["sha256"], p["problem"]) for p in problems] == [(sha, "altered")]


def test_evidence_verify_detects_a_missing_file(runner, demo):
    sha = demo.evidence["chat.txt"]
    (demo.ws.evidence_dir / sha[:2] / sha[2:]).unlink()
    bad = runner.invoke(app, ["evidence", "verify", "-w", str(demo.path)])
    assert bad.exit_code == 1 and f"missing: {sha}" in bad.stdout


def test_derived_redaction_is_linked_verified_and_audited(runner, demo, tmp_path):
    red = tmp_path / "chat-redacted.txt"
    red.write_text("[13/12/2016 21:04] [name withheld]: they took [name withheld] at the crossing")
    orig = demo.evidence["chat.txt"]
    res = runner.invoke(
        app, ["evidence", "derive", orig, str(red), "--kind", "redacted", "-w", str(demo.path), "--json"]
    )
    assert res.exit_code == 0, res.output + res.stderr
    derived = json.loads(res.stdout)
    assert derived["original_sha256"] == orig and derived["kind"] == "redacted"
    check = json.loads(runner.invoke(app, ["evidence", "verify", "-w", str(demo.path), "--json"]).stdout)
    assert check["ok"] and check["checked"] == 3 and check["problems"] == []
    hist = json.loads(
        runner.invoke(app, ["evidence", "history", orig, "-w", str(demo.path), "--json"]).stdout
    )
    assert "evidence.derive" in [e["action"] for e in hist["events"]]
    assert hist["derived"][0]["sha256"] == derived["sha256"]
