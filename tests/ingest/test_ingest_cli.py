"""The ``ingest``/``reports``/``init`` commands as a user runs them, and the protected-value scan."""

from __future__ import annotations

import json
import logging

import pytest
from typer.testing import CliRunner

from tawthiq.cli.main import app
from tawthiq.entities import Protected, Source
from tawthiq.store import get_or_create_source, open_workspace

PLANTED = (
    "Abu Planted",
    "+963 944 000 111",
    "Umm Planted",
    "Witness Planted",
    "planted.sender@example.org",
    "Planted Sender",
    "Planted JSON Sender",
    "Planted Identity 42",
)


@pytest.fixture
def ws_path(tmp_path):
    result = CliRunner().invoke(app, ["init", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    return tmp_path / "ws"


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_protected_values_never_reach_logs_or_output_at_debug(ws_path, fixtures, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy")  # every statement and its parameters too
    with open_workspace(ws_path) as ws, ws.session() as s:
        get_or_create_source(s, Source(label="contact A", identity=Protected("Planted Identity 42")))
    outputs = []
    for args in (
        [
            "ingest",
            "-w",
            ws_path,
            fixtures / "chat_android_mdy.txt",
            fixtures / "chat_ios_dmy.txt",
            fixtures / "message.eml",
            fixtures / "reports.jsonl",
            fixtures / "bad_utf8.eml",
        ],
        ["ingest", "-w", ws_path, "--json", fixtures / "chat_ios_dmy.txt"],
        ["reports", "-w", ws_path],
        ["reports", "-w", ws_path, "--json"],
        ["audit", "verify", "-w", ws_path, "--json"],
    ):
        r = run(*args)
        outputs += [r.stdout, r.stderr]
    seen = "\n".join([*outputs, caplog.text])
    assert "INSERT INTO reports" in caplog.text  # the scan did see the database traffic
    leaked = [p for p in PLANTED if p.lower() in seen.lower()]
    assert leaked == [], f"protected values leaked: {len(leaked)} of {len(PLANTED)}"
    # and --reveal with the key shows them: the scan above could have found them
    revealed = run("reports", "-w", ws_path, "--json", "--reveal", "--reason", "test").stdout
    assert "Umm Planted" in revealed


def test_reveal_without_key_is_refused(ws_path, fixtures):
    run("ingest", "-w", ws_path, fixtures / "chat_ios_dmy.txt")
    (ws_path / "key").unlink()
    r = run("reports", "-w", ws_path, "--reveal", "--reason", "test")
    assert r.exit_code == 1 and "no key" in r.stderr


def test_ingest_exits_1_naming_the_broken_file_while_the_rest_land(ws_path, fixtures):
    r = run(
        "ingest", "-w", ws_path, fixtures / "page.html", fixtures / "truncated.html", fixtures / "message.eml"
    )
    assert r.exit_code == 1
    assert "truncated.html" in r.stderr and "truncated HTML" in r.stderr
    assert "2 stored" in r.stderr and "1 failed" in r.stderr
    rows = json.loads(run("reports", "-w", ws_path, "--json").stdout)
    assert sorted((d["file_name"], d["status"]) for d in rows) == [
        ("message.eml", "stored"),
        ("page.html", "stored"),
        ("truncated.html", "failed"),
    ]
    failed = next(d for d in rows if d["status"] == "failed")
    assert "truncated HTML" in failed["reason"] and len(failed["sha256"]) == 64 and failed["received_at"]


def test_ingest_json_is_one_object_on_stdout_with_outcomes_and_counts(ws_path, fixtures):
    r = run("ingest", "-w", ws_path, "--json", fixtures / "page.html", fixtures / "page.html")
    data = json.loads(r.stdout)
    assert [d["status"] for d in data["outcomes"]] == ["stored", "duplicate"]
    assert data["counts"]["stored"] == 1 and data["counts"]["duplicate"] == 1 and data["exit_code"] == 0


def test_bad_published_date_is_a_clear_error_not_a_traceback(ws_path, fixtures):
    r = run("ingest", "-w", ws_path, "--published", "13/12/2016", fixtures / "page.html")
    assert r.exit_code == 1
    assert "field '--published': '13/12/2016' is not a date YYYY-MM-DD (or a month YYYY-MM" in r.stderr
    assert "Traceback" not in r.output


def test_commands_outside_a_workspace_say_how_to_make_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("reports")
    assert r.exit_code == 1 and "tawthiq init" in r.stderr


@pytest.mark.parametrize("cmd", [["init"], ["ingest"], ["reports"], ["audit", "verify"], ["demo"]])
def test_every_command_has_help(cmd):
    r = run(*cmd, "--help")
    assert r.exit_code == 0 and "Usage" in r.stdout


def test_an_empty_folder_is_an_error_not_a_silent_success(ws_path, tmp_path):
    (tmp_path / "nothing").mkdir()
    r = run("ingest", "-w", ws_path, tmp_path / "nothing")
    assert r.exit_code == 1 and "no files found" in r.stderr


def test_a_missing_path_is_named_and_the_rest_still_land(ws_path, fixtures, tmp_path):
    r = run("ingest", "-w", ws_path, tmp_path / "typo.txt", fixtures / "page.html")
    assert r.exit_code == 1 and "typo.txt: no such file" in r.stderr and "1 stored" in r.stderr


def test_reports_pages_with_limit_and_offset(ws_path, fixtures):
    run("ingest", "-w", ws_path, fixtures / "chat_ios_dmy.txt")
    rows = json.loads(run("reports", "-w", ws_path, "--json", "--limit", "2", "--offset", "1").stdout)
    assert [d["part"] for d in rows] == [1, 2]


def test_my_commands_are_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text("utf-8")
    for cmd in ("tawthiq init", "tawthiq ingest", "tawthiq reports", "tawthiq audit verify", "tawthiq demo"):
        assert f"`{cmd}" in doc, f"{cmd} is missing from docs/cli.md"


def test_a_malformed_date_header_is_a_warning_the_user_sees_not_only_the_log(ws_path, tmp_path):
    # the report is kept without a date; before, the terminal said only "stored … 1 report(s)" and the
    # warning went to the log file, so a documenter never learnt that the date was dropped
    f = tmp_path / "committee.txt"
    f.write_text("DATE: 12/12/2016\nOUTLET: Local committee\n\nShelling hit the market.\n", encoding="utf-8")
    r = run("ingest", "-w", ws_path, f, "--published-from-header")
    assert r.exit_code == 0, r.output
    assert "stored" in r.stderr
    assert "warning" in r.stderr
    assert "committee.txt:1: field 'DATE': '12/12/2016' is not a date YYYY-MM-DD" in r.stderr
    assert "kept without a date" in r.stderr


def test_a_reason_quoting_brackets_is_printed_as_written_not_as_markup(ws_path, tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"body": "x", "[bold]tag[/bold]": 1}\n', encoding="utf-8")
    r = run("ingest", "-w", ws_path, f)
    assert r.exit_code == 1
    assert "field '[bold]tag[/bold]': unknown field" in r.stderr


def test_a_failed_intakes_reason_is_not_cut_short_in_the_reports_table(ws_path, tmp_path):
    # the table cut every reason at 80 characters with no mark: "(known: body, id, language, publi"
    f = tmp_path / "typo.jsonl"
    f.write_text('{"body": "Shelling on the market.", "autor": "x"}\n', encoding="utf-8")
    run("ingest", "-w", ws_path, f)
    r = run("reports", "-w", ws_path, "--status", "failed")
    assert r.exit_code == 0, r.output
    # whatever the terminal's width: the reason column wraps and folds, read back without the wrapping
    shown = "".join(r.stdout.replace("│", "").split())
    assert "(known:body,id,language,published,published_at,sender,source,text,title,url)" in shown
