"""Every public output says what it held back, by rule; an internal export includes it, marked.

On the export tests' small workspace: Fardous (fair, 82 dead), Salah al-Din (weak, 2 dead: a
small count) and a discounted incident. Traps: an export that comes out empty and says nothing
(claims never reviewed); a dossier refusal naming the wrong rule; an incident held back by two
rules counted twice in ``withheld``; a small count "held back" from an incident not published at
all; an internal export that leaks a protected value, loses its signature, or is allowed to a
reviewer.
"""

from __future__ import annotations

import json
from datetime import date

import geojson
import pandas as pd
import pytest
from sqlalchemy import update

from tawthiq.cli.main import app

_ROWS_FILE = {"acled": "acled.csv", "ged": "ged.csv", "hxl": "hxl.csv", "geojson": "incidents.geojson"}


@pytest.fixture
def unreviewed(demo):
    from tawthiq.store.tables import ClaimRow

    with demo.ws.session(actor="test") as s:
        s.execute(update(ClaimRow).values(review_status="unreviewed"))
    return demo


def _run(runner, demo, *args):
    return runner.invoke(app, [*args, "-w", str(demo.path)])


def _export(runner, demo, fmt, out, *extra):
    res = _run(runner, demo, "export", fmt, "--out", str(out), "--json", *extra)
    assert res.exit_code == 0, (res.stdout, res.stderr)
    return json.loads(res.stdout), res.stderr


def _rows(folder, fmt) -> int:
    path = folder / _ROWS_FILE[fmt]
    if fmt == "geojson":
        return len(geojson.loads(path.read_text(encoding="utf-8"))["features"])
    df = pd.read_csv(path)
    return len(df) - (1 if fmt == "hxl" else 0)  # hxl: the hashtag row


def _manifest(folder) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_unreviewed_workspace_exports_empty_and_says_why_then_approve_all_fills_every_format(
    runner, unreviewed, tmp_path
):
    for fmt in _ROWS_FILE:
        summary, stderr = _export(runner, unreviewed, fmt, tmp_path / f"before-{fmt}")
        assert _rows(tmp_path / f"before-{fmt}", fmt) == 0
        withheld = _manifest(tmp_path / f"before-{fmt}")["details"]["withheld"]
        assert withheld == summary["withheld"]
        assert (withheld["incidents"], withheld["published"], withheld["withheld"]) == (3, 0, 3)
        assert withheld["by_rule"]["unreviewed_claims"] == 3 and withheld["by_rule"]["grade"] == 1
        assert withheld["by_rule"]["small_count"] == 0  # nothing published, so no count held back
        assert "3 no reviewed claim" in stderr and "claims approve" in stderr
    res = _run(runner, unreviewed, "claims", "approve", "--all", "--reason", "trusted batch")
    assert res.exit_code == 0, res.stderr
    for fmt in _ROWS_FILE:
        summary, stderr = _export(runner, unreviewed, fmt, tmp_path / f"after-{fmt}")
        assert _rows(tmp_path / f"after-{fmt}", fmt) == 2  # the discounted incident stays out
        by_rule = _manifest(tmp_path / f"after-{fmt}")["details"]["withheld"]["by_rule"]
        assert by_rule == {
            "unreviewed_claims": 0, "grade": 1, "publication_delay": 0, "undated": 0, "small_count": 1
        }  # fmt: skip
        assert "published 2 of 3" in stderr


def test_publication_delay_is_counted_under_its_own_rule(runner, demo, tmp_path):
    policy = demo.path / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("publication_delay_days: 7", "publication_delay_days: 36500"), "utf-8")
    summary, stderr = _export(runner, demo, "acled", tmp_path / "a")
    assert summary["rows"] == 0
    assert summary["withheld"]["by_rule"]["publication_delay"] == 3
    assert summary["withheld"]["withheld"] == 3  # the discounted one counts under grade too, once here
    assert "3 within the publication delay" in stderr


def test_the_private_dump_carries_no_incident_tally(runner, demo, tmp_path):
    summary, _ = _export(runner, demo, "dump", tmp_path / "dump")
    assert "withheld" not in summary and "withheld" not in _manifest(tmp_path / "dump")["details"]


def test_public_dossier_refusal_names_the_real_rule(runner, unreviewed, tmp_path):
    fardous = unreviewed.incident_ids["fardous"]
    res = _run(
        runner, unreviewed, "dossier", str(fardous), "--out", str(tmp_path / "d"), "--public", "--no-pdf"
    )
    assert res.exit_code == 1
    assert "no reviewed claim" in res.stderr and "grade" not in res.stderr and "delay" not in res.stderr
    assert "tawthiq claims review" in res.stderr  # what to do about it
    res = _run(runner, unreviewed, "claims", "approve", "--all", "--reason", "batch")
    assert res.exit_code == 0
    false = unreviewed.incident_ids["false"]
    res = _run(
        runner, unreviewed, "dossier", str(false), "--out", str(tmp_path / "f"), "--public", "--no-pdf"
    )
    assert res.exit_code == 1 and "grade not published" in res.stderr and "reviewed" not in res.stderr
    res = _run(
        runner, unreviewed, "dossier", str(fardous), "--out", str(tmp_path / "ok"), "--public", "--no-pdf"
    )
    assert res.exit_code == 0, res.stderr


def test_internal_export_includes_unreviewed_incidents_marked_signed_and_audited(
    runner, unreviewed, tmp_path, planted, all_text
):
    from tawthiq.evidence import verify_export
    from tawthiq.store.audit import list_events

    out = tmp_path / "internal"
    summary, stderr = _export(runner, unreviewed, "acled", out, "--internal", "--reason", "for the UN COI")
    df = pd.read_csv(out / "acled.csv")
    assert len(df) == 3  # every incident, the discounted one too, each marked
    status = dict(zip(df.location + "/" + df.tawthiq_grade, df.tawthiq_publication_status, strict=True))
    assert status["Fardous/fair"] == "withheld: unreviewed_claims"
    assert status["Fardous/discounted"] == "withheld: unreviewed_claims, grade"
    assert not df.tawthiq_reviewed.any()
    assert summary["internal"] is True and summary["public"] is False
    assert verify_export(out).ok
    text = all_text(out)
    for value in planted.values():
        assert value not in text, "an internal export leaks a planted protected value"
    with unreviewed.ws.session() as s:
        events = [e for e in list_events(s, limit=10**6) if e.action == "export.internal"]
    assert len(events) == 1 and events[0].reason == "for the UN COI" and events[0].actor.startswith("cli:")
    assert "internal export" in stderr


def test_internal_marks_a_reviewed_incident_public_in_every_format(runner, demo, tmp_path):
    for fmt in ("ged", "hxl", "geojson"):
        _export(runner, demo, fmt, tmp_path / fmt, "--internal", "--reason", "partner")
    ged = pd.read_csv(tmp_path / "ged" / "ged.csv")
    assert sorted(ged.tawthiq_publication_status) == ["public", "public", "withheld: grade"]
    assert ged.tawthiq_reviewed.all()
    hxl = pd.read_csv(tmp_path / "hxl" / "hxl.csv")
    assert list(hxl.iloc[0])[-2:] == ["#status+reviewed", "#status+publication"] and len(hxl) == 4
    fc = geojson.loads((tmp_path / "geojson" / "incidents.geojson").read_text(encoding="utf-8"))
    assert sorted(f["properties"]["tawthiq_publication_status"] for f in fc["features"]) == [
        "public", "public", "withheld: grade"
    ]  # fmt: skip


def test_internal_export_refused_to_a_reviewer_without_reason_or_for_pfif(runner, unreviewed, tmp_path):
    from tawthiq.store import users

    with unreviewed.ws.session(actor="test") as s:
        users.add_user(s, "rami", "reviewer", "a long enough passphrase 2")
        users.add_user(s, "dina", "documenter", "a long enough passphrase 4")
    res = _run(runner, unreviewed, "export", "acled", "--out", str(tmp_path / "r"), "--internal",
               "--reason", "x", "--as", "rami")  # fmt: skip
    assert res.exit_code == 1 and "documenter" in res.stderr
    assert not (tmp_path / "r").exists()
    res = _run(
        runner, unreviewed, "export", "acled", "--out", str(tmp_path / "n"), "--internal", "--as", "dina"
    )
    assert res.exit_code == 1 and "--reason" in res.stderr
    res = _run(
        runner, unreviewed, "export", "pfif", "--out", str(tmp_path / "p"), "--internal", "--reason", "x"
    )
    assert res.exit_code == 1 and "incident formats" in res.stderr
    res = _run(runner, unreviewed, "export", "acled", "--out", str(tmp_path / "z"), "--reason", "x")
    assert res.exit_code == 1 and "--internal" in res.stderr
    res = _run(runner, unreviewed, "export", "acled", "--out", str(tmp_path / "d"), "--internal",
               "--reason", "partner", "--as", "dina")  # fmt: skip
    assert res.exit_code == 0, res.stderr


def test_tally_counts_each_rule_and_each_incident_once():
    from tawthiq.entities import Claim, Fatalities, Incident, TimeSpan
    from tawthiq.policy import Policy, withheld_reasons, withheld_tally

    day = date(2016, 12, 12)
    claim = Claim(id=1, review_status="unreviewed")
    reviewed = Claim(id=2, review_status="accepted")
    rejected = Claim(id=3, review_status="rejected")
    span = TimeSpan(start=day, end=day, precision="day")
    two_rules = Incident(key="a", time=span, grade="discounted", claim_ids=(1,))
    small = Incident(key="b", time=span, grade="weak", claim_ids=(2,), fatalities=Fatalities(best=2))
    only_rejected = Incident(key="c", grade="fair", claim_ids=(3,))
    policy = Policy()
    now = date(2017, 1, 1)
    assert withheld_reasons(two_rules, [claim], now, policy) == ("unreviewed_claims", "grade")
    assert withheld_reasons(small, [reviewed], now, policy) == ("small_count",)
    assert withheld_reasons(only_rejected, [rejected], now, policy) == ("unreviewed_claims", "undated")
    tally = withheld_tally(
        [(two_rules, [claim]), (small, [reviewed]), (only_rejected, [rejected])], now, policy
    )
    assert (tally.incidents, tally.published, tally.withheld) == (3, 1, 2)
    assert tally.by_rule() == {
        "unreviewed_claims": 2, "grade": 1, "publication_delay": 0, "undated": 1, "small_count": 1
    }  # fmt: skip
