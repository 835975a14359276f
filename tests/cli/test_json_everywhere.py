"""Every command takes --json, and a failure under --json is JSON (issue 14 item 4; the eight
commands that had none: init, serve, people decide, people missing answer|note, people pfif
export, sources checkin|contact). Id arguments are read in Tawthiq's words.

The traps: a script that passes --json to every command finding a command that refuses it (exit
2) or prints nothing it can read; `people import --json` printing nothing when the import fails,
the script then left with an exit code and no file, line or field; an id typed wrong answered by
the type checker ("Input should be a valid integer") instead of saying what id it wanted and how
to list them; a failure under --json printed as text a JSON reader chokes on.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
import typer.main
from typer.testing import CliRunner

from tawthiq.cli._help import iter_commands
from tawthiq.cli.main import app
from tawthiq.entities import PersonRecord, Source

PLANTED = "Planted Person Name"
ERROR_KEYS = {"code", "type", "message", "file", "line", "field", "exit_code"}


def _leaves() -> dict[str, object]:
    root = typer.main.get_command(app)
    return {" ".join(p): c for p, c in iter_commands(root) if not getattr(c, "commands", None)}


def _error(result, exit_code: int = 1) -> dict:
    """The JSON error a failed command printed on stdout (and its exit code, as without --json)."""
    assert result.exit_code == exit_code, (result.stdout, result.stderr)
    err = json.loads(result.stdout)["error"]
    assert set(err) >= ERROR_KEYS and err["exit_code"] == exit_code
    return err


def test_every_command_takes_json():
    leaves = _leaves()
    assert len(leaves) > 50  # the walk reached the nested groups (people missing note …)
    without = sorted(
        path
        for path, cmd in leaves.items()
        if not any("--json" in getattr(p, "opts", ()) for p in cmd.params)
    )
    assert without == [], f"commands without --json: {without}"


def test_a_command_that_printed_its_json_result_and_then_fails_prints_one_json_document(workspace, cli):
    from sqlalchemy import text

    cli(workspace, "sources", "add", "a")
    cli(workspace, "sources", "add", "b")
    with workspace.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'someone else' WHERE id = 1"))
    res = cli(workspace, "audit", "verify", "--json", ok=False)
    assert res.exit_code == 1 and "audit chain broken" in res.stderr
    assert json.loads(res.stdout)["ok"] is False  # the result alone: no error document after it


def test_init_json_says_where_the_workspace_and_its_keys_are_and_a_second_init_is_a_json_error(tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["init", str(tmp_path / "ws"), "--json"])
    assert res.exit_code == 0, res.stderr
    made = json.loads(res.stdout)
    assert made["workspace"] == str((tmp_path / "ws").resolve()) and made["database"] == "sqlite"
    assert all(
        made[k] and (tmp_path / "ws" / made[k]).exists() for k in ("key_file", "signing_key", "policy")
    )
    again = _error(runner.invoke(app, ["--json", "init", str(tmp_path / "ws")]))
    assert again["type"] == "WorkspaceError" and "already" in again["message"]


def test_serve_json_prints_one_line_with_the_address_before_it_serves(workspace, monkeypatch):
    import tawthiq.web

    served = []
    monkeypatch.setattr(tawthiq.web, "serve_workspace", lambda ws, settings, **kw: served.append(kw))
    res = CliRunner().invoke(app, ["serve", str(workspace.path), "--port", "8123", "--json"])
    assert res.exit_code == 0, res.stderr
    [line] = res.stdout.splitlines()  # one line: a script reads it while the server runs
    started = json.loads(line)
    assert started["url"] == "http://127.0.0.1:8123/" and started["port"] == 8123
    assert started["workspace"] == str(workspace.path) and served == [
        {"host": "127.0.0.1", "port": 8123, "workers": 1}
    ]


def _records(ws) -> tuple[int, int]:
    from tawthiq.store.people import save_list
    from tawthiq.store.tables import PersonRecordRow

    with ws.session() as s:
        save_list(s, "victims", [PersonRecord(list_name="victims", record_id="v1", name_latin=PLANTED)])
        save_list(s, "missing", [PersonRecord(list_name="missing", record_id="m1", name_latin=PLANTED,
                                              status="missing")])  # fmt: skip
        ids = dict(s.query(PersonRecordRow.record_id, PersonRecordRow.id).all())
    return ids["v1"], ids["m1"]


def test_people_decide_json_and_its_error(workspace, cli, cli_json):
    a, b = _records(workspace)
    assert cli_json(workspace, "people", "decide", str(a), str(b), "no-match", "--reason", "ages differ") == {
        "a": a, "b": b, "decision": "non_match", "reason": "ages differ"
    }  # fmt: skip
    err = _error(cli(workspace, "people", "decide", str(a), "999", "match", "--json", ok=False))
    assert err["code"] == "bad_input" and PLANTED not in json.dumps(err)


def test_people_missing_note_json_and_its_error(workspace, cli, cli_json):
    _, missing = _records(workspace)
    out = cli_json(workspace, "people", "missing", "note", str(missing), "--status", "believed_alive",
                   "--text", "seen at the crossing", "--date", "2016-12-20")  # fmt: skip
    assert out["record"] == missing and out["added"] is True
    assert out["note"]["status"] == "believed_alive" and out["note"]["id"] > 0
    assert "author_email" not in out["note"]  # protected: never in the JSON
    err = _error(cli(workspace, "people", "missing", "note", "999", "--json", ok=False))
    assert err["field"] == "person_record_id"
    err = _error(
        cli(workspace, "people", "missing", "note", str(missing), "--date", "20/12/16", "--json", ok=False)
    )
    assert err["field"] == "date"


def test_people_missing_answer_json_and_its_error(workspace, cli, cli_json):
    from tawthiq.app.missing import list_inquiries, submit_inquiry

    submit_inquiry(workspace, {"kind": "ask", "name": PLANTED}, None)
    [inq], _ = list_inquiries(workspace)
    out = cli_json(workspace, "people", "missing", "answer", str(inq.id), "--text", "no news yet")
    assert out == {"inquiry": inq.id, "status": "answered", "record": None}
    err = _error(cli(workspace, "people", "missing", "answer", "999", "--text", "x", "--json", ok=False))
    assert err["field"] == "inquiry" and PLANTED not in json.dumps(err)


def test_people_pfif_export_json_says_the_file_and_how_many(workspace, cli_json, tmp_path):
    _records(workspace)
    out = cli_json(workspace, "people", "pfif", "export", "--out", str(tmp_path / "m.xml"))
    assert out["file"] == str(tmp_path / "m.xml") and out["persons"] == 1
    assert out["bytes"] == (tmp_path / "m.xml").stat().st_size


def test_sources_checkin_and_contact_json_and_their_errors(workspace, cli, cli_json):
    from tawthiq.app.sources import add_source

    sid = add_source(workspace, Source(label="stringer", kind="individual")).id
    assert cli_json(workspace, "sources", "checkin", "stringer", "--days", "3") == {
        "source_id": sid,
        "checkin_days": 3,
    }
    c = cli_json(
        workspace, "sources", "contact", "stringer", "--at", "2016-12-13T21:04", "--channel", "phone"
    )
    assert (c["source_id"], c["channel"], c["farewell"]) == (sid, "phone", None)
    assert datetime.fromisoformat(c["at"]) == datetime(2016, 12, 13, 21, 4, tzinfo=UTC) and c["id"] > 0
    err = _error(cli(workspace, "sources", "checkin", PLANTED, "--days", "3", "--json", ok=False))
    assert err["field"] == "source" and PLANTED not in json.dumps(err)  # what was typed may be a name
    err = _error(cli(workspace, "sources", "contact", "stringer", "--at", "13/12/16", "--json", ok=False))
    assert err["field"] == "at"


def test_people_import_json_names_the_file_line_and_field_when_the_import_fails(workspace, cli, tmp_path):
    bad = tmp_path / "victims.csv"
    bad.write_text(f"record_id,name,age\nr1,{PLANTED},x\n", encoding="utf-8")
    res = cli(workspace, "people", "import", str(bad), "--list", "v", "--yes", "--json", ok=False)
    err = _error(res)
    assert (err["file"], err["line"], err["field"]) == (str(bad), 2, "age")
    assert [(e["line"], e["field"]) for e in err["errors"]] == [(2, "age")]
    assert PLANTED not in res.stdout
    # several bad rows: each one named, under --strict too
    bad.write_text(f"record_id,name,age\nr1,{PLANTED},x\nr2,B,200\nr3,C,30\n", encoding="utf-8")
    err = _error(
        cli(workspace, "people", "import", str(bad), "--list", "v", "--yes", "--strict", "--json", ok=False)
    )
    assert [(e["line"], e["field"]) for e in err["errors"]] == [(2, "age"), (3, "age")]
    # a file that is not there: still JSON, naming it
    err = _error(
        cli(workspace, "people", "import", str(tmp_path / "nope.csv"), "--list", "v", "--json", ok=False)
    )
    assert "nope.csv" in err["message"]


# every command that takes an id, with the id's name and the command that lists them
ID_COMMANDS = [
    (["incident", "{}"], "incident id", "tawthiq incidents"),
    (["dossier", "{}", "--out", "x.zip"], "incident id", "tawthiq incidents"),
    (["claims", "approve", "{}", "--reason", "r"], "claim id", "tawthiq claims"),
    (["claims", "reject", "1", "{}", "--reason", "r"], "claim id", "tawthiq claims"),
    (["people", "decide", "{}", "2", "match"], "record id", "tawthiq people review --json"),
    (["people", "decide", "1", "{}", "match"], "record id", "tawthiq people review --json"),
    # `people missing show|note RECORD` also take a list's own id ("M007"): any word is an id there
    # (tests/missing/test_missing_registry.py: an unknown one is "no missing person", exit 1)
    (["people", "missing", "answer", "{}", "--text", "t"], "inquiry id", "tawthiq people missing inquiries"),
    (["people", "missing", "answer", "1", "--text", "t", "--record", "{}"], "person record id",
     "tawthiq people missing list"),
]  # fmt: skip
BAD_IDS = ["abc", "1.5", "3a", "#3", "٣x", "1e3", " "]


@pytest.mark.parametrize(("args", "what", "lister"), ID_COMMANDS, ids=lambda v: str(v)[:40])
@pytest.mark.parametrize("bad", BAD_IDS)
def test_an_id_that_is_no_whole_number_is_named_in_tawthiqs_words_with_how_to_list_them(
    workspace, cli, args, what, lister, bad
):
    line = [a.replace("{}", bad) for a in args]
    res = cli(workspace, *line, ok=False)
    assert res.exit_code == 2  # a usage error, as before
    said = " ".join(re.sub("[│╭╮╰╯─]", " ", res.stderr).split())  # the box wraps lines
    assert f"{what} must be a whole number, got" in said
    assert f"ids count from 1: `{lister}` lists them" in said
    assert "Input should be" not in said
    err = _error(cli(workspace, *line, "--json", ok=False), exit_code=2)
    assert err["code"] == "usage" and f"{what} must be a whole number" in err["message"]


def test_a_good_id_still_reaches_the_command(workspace, cli):
    res = cli(workspace, "incident", "7", "--json", ok=False)
    err = _error(res)
    assert "no incident" in err["message"]  # parsed as 7: the command itself answered


def test_an_option_value_spelled_json_is_not_the_json_flag(workspace, cli, tmp_path):
    """`--source --json` names a source "--json": the failure is text, not a JSON document, both
    when the command fails after reading its options and when click stops while reading them."""
    missing = str(tmp_path / "nope.txt")
    bad_kind = ("--source-kind", "bogus")  # refused by the command (InputError, exit 1)
    after = cli(workspace, "ingest", missing, "--source", "--json", *bad_kind, ok=False)
    assert after.exit_code == 1 and after.stdout == "" and "bogus" in after.stderr
    while_reading = cli(workspace, "ingest", missing, "--source", "--json", "--no-such-option", ok=False)
    assert while_reading.exit_code == 2 and while_reading.stdout == ""
    with_equals = cli(workspace, "ingest", missing, "--source=--json", "--no-such-option", ok=False)
    assert with_equals.exit_code == 2 and with_equals.stdout == ""
    after_dashes = cli(workspace, "people", "import", "--list", "v", "--", "--json", ok=False)
    assert after_dashes.exit_code == 1 and after_dashes.stdout == ""


def test_the_json_flag_after_an_option_value_still_asks_for_json(workspace, cli, tmp_path):
    missing = str(tmp_path / "nope.txt")
    parsed = cli(
        workspace, "ingest", missing, "--source", "--json", "--source-kind", "bogus", "--json", ok=False
    )
    assert _error(parsed)["field"] == "--source-kind"
    unparsed = cli(workspace, "ingest", missing, "--source", "x", "--json", "--no-such-option", ok=False)
    assert _error(unparsed, exit_code=2)["code"] == "usage"


USAGE_ERRORS = [
    ("incidents", "--json", "--bogus"),  # the command's own options
    ("--json", "--bogus", "incidents"),  # the root's options, before any command
    ("--json", "no-such-command"),  # a command name
    ("people", "list", "--json", "--bogus"),  # a sub-command of a group
    ("incident", "abc", "--json"),  # an argument of the wrong type
]


@pytest.mark.parametrize("line", USAGE_ERRORS, ids=" ".join)
def test_a_usage_error_under_json_prints_the_json_alone_with_no_usage_panel_on_stderr(workspace, cli, line):
    """A script that reads stdout and logs stderr got the JSON and a boxed usage panel besides."""
    res = cli(workspace, *line, ok=False)
    assert _error(res, exit_code=2)["code"] == "usage"
    assert res.stderr == ""
    without = cli(workspace, *(w for w in line if w != "--json"), ok=False)
    assert without.exit_code == 2 and without.stdout == ""  # as before: usage on stderr
    assert "Usage: tawthiq" in without.stderr
