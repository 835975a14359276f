"""Silent sources: chat messages count as contact, farewells raise priority, the overdue list is ordered."""

import json
import logging
from pathlib import Path

FIX = Path(__file__).parent / "fixtures"
PLANTED = ("Planted Activist One", "Planted Activist Two", "planted-phone-0944")


def test_chat_messages_count_as_contact_and_a_farewell_makes_the_source_urgent(
    workspace, cli, cli_json, caplog
):
    caplog.set_level(logging.DEBUG)
    cli(workspace, "ingest", str(FIX / "chat_farewell.txt"), "--source", "Aleppo activists")
    sources = {s["label"]: s for s in cli_json(workspace, "sources", "list")}
    senders = [label for label in sources if label.startswith("chat sender ")]
    assert len(senders) == 2  # one source per sender, labelled by digest, never by name
    for label in senders:
        cli(workspace, "sources", "checkin", str(sources[label]["id"]), "--days", "2")
    overdue = cli_json(workspace, "sources", "overdue", "--now", "2016-12-20T12:00")
    assert [o["priority"] for o in overdue] == ["urgent", "overdue"]
    assert overdue[0]["farewell"] == "last message"
    # the sender who wrote last (and said goodbye) is urgent even though the other is silent longer
    assert overdue[0]["overdue_hours"] < overdue[1]["overdue_hours"]
    log = cli_json(workspace, "sources", "log", str(overdue[0]["source_id"]))
    assert [c["farewell"] for c in log] == ["last message", None]
    everything = caplog.text + json.dumps(overdue) + json.dumps(log) + json.dumps(list(sources))
    assert not any(p in everything for p in PLANTED)


def test_overdue_sources_are_listed_longest_first_and_a_check_in_clears_them(workspace, cli, cli_json):
    for label, days in (("stringer-a", 1), ("stringer-b", 3), ("stringer-c", 7)):
        cli(
            workspace,
            "sources",
            "add",
            label,
            "--checkin-days",
            str(days),
            "--identity",
            "--contact",
            input="planted-name\nplanted-phone-0944\n",
        )
    ids = {s["label"]: s["id"] for s in cli_json(workspace, "sources", "list")}
    cli(workspace, "sources", "contact", str(ids["stringer-a"]), "--at", "2016-12-10T09:00")
    cli(workspace, "sources", "contact", str(ids["stringer-b"]), "--at", "2016-12-01T09:00")
    cli(workspace, "sources", "contact", str(ids["stringer-c"]), "--at", "2016-12-14T09:00")
    overdue = cli_json(workspace, "sources", "overdue", "--now", "2016-12-16T09:00")
    assert [o["label"] for o in overdue] == ["stringer-b", "stringer-a"]  # b: 12 days late, a: 5; c on time
    cli(workspace, "sources", "contact", str(ids["stringer-b"]), "--at", "2016-12-16T08:00")
    assert [o["label"] for o in cli_json(workspace, "sources", "overdue", "--now", "2016-12-16T09:00")] == [
        "stringer-a"
    ]
    listed = cli(workspace, "sources", "list", "--json").stdout
    assert "planted-phone-0944" not in listed and "planted-name" not in listed
    revealed = cli_json(workspace, "sources", "list", "--reveal", "--reason", "check-in call")
    assert {s["contact"] for s in revealed if s["label"].startswith("stringer")} == {"planted-phone-0944"}


def test_a_bad_time_is_named(workspace, cli):
    cli(workspace, "sources", "add", "x")
    result = cli(workspace, "sources", "contact", "1", "--at", "13/12/16", ok=False)
    assert result.exit_code == 1 and "field 'at'" in result.stderr


def test_sources_commands_take_a_label_where_the_docs_say_source(workspace, cli, cli_json):
    # issue 17: `sources contact` wanted a number where docs/missing.md says SOURCE (a label)
    cli(workspace, "sources", "add", "Stringer-A", "--identity", input="planted-name\n")
    cli(workspace, "sources", "add", "stringer-b")
    ids = {s["label"]: s["id"] for s in cli_json(workspace, "sources", "list")}
    cli(workspace, "sources", "checkin", "Stringer-A", "--days", "2")  # exact label
    res = cli(workspace, "sources", "contact", "STRINGER-a", "--at", "2016-12-10T09:00")  # any case
    assert f"for source {ids['Stringer-A']} " in res.stderr
    log = cli_json(workspace, "sources", "log", "stringer-a")
    assert [c["at"][:10] for c in log] == ["2016-12-10"]
    assert cli_json(workspace, "sources", "log", str(ids["stringer-b"])) == []  # the id still works
    rows = {s["label"]: s for s in cli_json(workspace, "sources", "list")}
    assert rows["Stringer-A"]["checkin_days"] == 2 and rows["stringer-b"]["checkin_days"] is None


def test_an_id_wins_over_a_label_made_of_digits(workspace, cli, cli_json):
    cli(workspace, "sources", "add", "first")
    cli(workspace, "sources", "add", "1")  # a label that looks like the first source's id
    ids = {s["label"]: s["id"] for s in cli_json(workspace, "sources", "list")}
    cli(workspace, "sources", "checkin", "1", "--days", "3")
    rows = {s["label"]: s["checkin_days"] for s in cli_json(workspace, "sources", "list")}
    assert ids["first"] == 1 and rows == {"first": 3, "1": None}


def test_an_ambiguous_label_lists_the_candidate_ids_never_an_identity(workspace, cli, cli_json):
    cli(workspace, "sources", "add", "Activist", "--identity", input="Planted Activist One\n")
    cli(workspace, "sources", "add", "ACTIVIST", "--identity", input="Planted Activist Two\n")
    ids = sorted(s["id"] for s in cli_json(workspace, "sources", "list"))
    res = cli(workspace, "sources", "contact", "activist", ok=False)
    assert res.exit_code == 1
    assert "field 'source'" in res.stderr and f"ids {ids[0]}, {ids[1]}" in res.stderr
    assert not any(p in res.output + res.stderr for p in PLANTED)
    assert cli_json(workspace, "sources", "log", str(ids[0])) == []  # nothing logged for either
    assert cli_json(workspace, "sources", "log", str(ids[1])) == []
    # the exact label is not ambiguous
    cli(workspace, "sources", "contact", "ACTIVIST", "--at", "2016-12-10T09:00")
    assert len(cli_json(workspace, "sources", "log", str(ids[1]))) == 1


def test_an_unknown_source_is_an_error_that_does_not_echo_what_was_typed(workspace, cli):
    cli(workspace, "sources", "add", "stringer")
    res = cli(workspace, "sources", "checkin", "Planted Activist One", "--days", "2", ok=False)
    assert res.exit_code == 1 and "no source has this id or label" in res.stderr
    assert "Planted" not in res.output + res.stderr
    assert cli(workspace, "sources", "log", "99", ok=False).exit_code == 1


def test_a_source_silent_for_years_is_shown_with_its_dates_not_a_count_of_thousands_of_days(
    workspace, cli, monkeypatch
):
    # the demo's 2016 check-ins read against today's clock said "3643.3 days"
    from tawthiq.cli._common import out_console

    # the table whole, not wrapped: the console's width is fixed when it is made (COLUMNS then),
    # so set it on the console itself, and let monkeypatch put the old value back
    monkeypatch.setattr(out_console, "_width", 200)
    cli(workspace, "sources", "add", "stringer", "--checkin-days", "2")
    cli(workspace, "sources", "contact", "stringer", "--at", "2016-12-13T12:00")
    out = cli(workspace, "sources", "overdue", "--now", "2026-12-06T12:00").stdout
    assert "last heard" in out and "2016-12-13 12:00" in out and "yes, since 2016-12-15" in out
    assert "days" not in out
    recent = cli(workspace, "sources", "overdue", "--now", "2016-12-18T12:00").stdout
    assert "3.0 days" in recent  # a few days late still says how late
