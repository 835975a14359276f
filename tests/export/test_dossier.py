"""Incident dossiers: every claim is in it; the public variant holds no protected value."""

from __future__ import annotations

import json

from tawthiq.cli.main import app


def _dossier(runner, demo, out, incident, *extra):
    return runner.invoke(
        app, ["dossier", str(incident), "--out", str(out), "-w", str(demo.path), "--json", *extra]
    )


def test_private_dossier_shows_every_claim_with_quote_files_and_custody(runner, demo, tmp_path):
    inc = demo.incident_ids["fardous"]
    out = tmp_path / "d"
    res = _dossier(runner, demo, out, inc, "--no-pdf")
    assert res.exit_code == 0, res.output + res.stderr
    html = (out / "dossier.html").read_text(encoding="utf-8")
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    own = [cid for cid, q in demo.claim_quotes.items() if cid in {c["id"] for c in data["claims"]}]
    assert len(data["claims"]) == 2 and len(own) == 2
    for cid in own:
        assert f'id="claim-{cid}"' in html
        assert demo.claim_quotes[cid] in html
    assert "fair" in html and "two independent origins agree" in html
    for sha in demo.evidence.values():  # both reports' originals, by hash, and copied
        assert sha in html and (out / "originals" / sha).is_file()
    assert any(e["action"] == "evidence.store" for e in data["custody"])
    assert runner.invoke(app, ["verify-export", str(out)]).exit_code == 0


def test_public_dossier_contains_no_planted_protected_value(runner, demo, tmp_path, planted, all_text):
    out = tmp_path / "pub"
    res = _dossier(runner, demo, out, demo.incident_ids["fardous"], "--public", "--no-pdf")
    assert res.exit_code == 0, res.output + res.stderr
    text = all_text(out)
    for name, value in planted.items():
        assert value not in text, f"public dossier leaks the planted {name}"
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert len(data["claims"]) == 2  # the chat claim is listed, its quote withheld
    assert sorted(p.name for p in (out / "originals").iterdir()) == [demo.evidence["wire.txt"]]
    assert all(e["actor"] is None for e in data["custody"])


def test_public_dossier_of_discounted_incident_is_refused(runner, demo, tmp_path):
    res = _dossier(runner, demo, tmp_path / "x", demo.incident_ids["false"], "--public", "--no-pdf")
    assert res.exit_code == 1 and "withheld by the redaction policy" in res.stderr


def test_dossier_pdf_is_rendered_from_the_same_template(runner, demo, tmp_path):
    out = tmp_path / "pdf"
    res = _dossier(runner, demo, out, demo.incident_ids["fardous"])
    assert res.exit_code == 0, res.output + res.stderr
    pdf = (out / "dossier.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 2000


def test_pdf_without_the_pdf_extra_names_the_extra_to_install(runner, demo, tmp_path, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "weasyprint", None)  # as on a plain install
    out = tmp_path / "nopdf"
    res = _dossier(runner, demo, out, demo.incident_ids["fardous"])
    assert res.exit_code == 1
    assert "pip install 'tawthiq[pdf]'" in res.stderr and "Traceback" not in res.stderr
    assert (out / "dossier.html").exists() and not (out / "dossier.pdf").exists()


def test_copying_originals_into_a_dossier_is_a_custody_event(runner, demo, tmp_path):
    _dossier(runner, demo, tmp_path / "c", demo.incident_ids["fardous"], "--no-pdf")
    res = runner.invoke(
        app, ["evidence", "history", demo.evidence["wire.txt"], "-w", str(demo.path), "--json"]
    )
    actions = [e["action"] for e in json.loads(res.stdout)["events"]]
    assert actions[0] == "evidence.store" and "evidence.transfer" in actions


def test_unknown_incident_is_a_clear_error(runner, demo, tmp_path):
    res = _dossier(runner, demo, tmp_path / "u", 9999, "--no-pdf")
    assert res.exit_code == 1 and "no incident 9999" in res.stderr


def test_who_saw_a_protected_value_and_why_is_in_the_private_dossier_only(runner, demo, tmp_path):
    why = "checking the chat sender before a call back"
    res = runner.invoke(app, ["reports", "--reveal", "--reason", why, "-w", str(demo.path), "--json"])
    assert res.exit_code == 0, res.stderr
    inc = demo.incident_ids["fardous"]
    assert _dossier(runner, demo, tmp_path / "p", inc, "--no-pdf").exit_code == 0
    data = json.loads((tmp_path / "p" / "dossier.json").read_text(encoding="utf-8"))
    [view] = [e for e in data["custody"] if e["action"] == "evidence.view"]
    assert view["reason"] == why and view["detail"] == "sender shown (cli)"
    assert why in (tmp_path / "p" / "dossier.html").read_text(encoding="utf-8")
    assert _dossier(runner, demo, tmp_path / "pub", inc, "--public", "--no-pdf").exit_code == 0
    public = json.loads((tmp_path / "pub" / "dossier.json").read_text(encoding="utf-8"))
    assert all(e["reason"] is None for e in public["custody"])
    assert why not in (tmp_path / "pub" / "dossier.html").read_text(encoding="utf-8")


def test_public_dossier_ships_no_original_of_a_source_kept_anonymous(runner, demo, tmp_path):
    # the public label of an 'individual' source is its kind; its original file would name it
    from sqlalchemy import text

    with demo.ws.session() as s:
        s.execute(text("UPDATE sources SET kind = 'individual' WHERE label = 'Wire One'"))
    out = tmp_path / "anon"
    res = _dossier(runner, demo, out, demo.incident_ids["fardous"], "--public", "--no-pdf")
    assert res.exit_code == 0, res.output + res.stderr
    data = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert data["originals"] == [] and data["files"] == []
    assert not (out / "originals").exists()
    private = tmp_path / "private"
    assert _dossier(runner, demo, private, demo.incident_ids["fardous"], "--no-pdf").exit_code == 0
    assert (private / "originals" / demo.evidence["wire.txt"]).is_file()
