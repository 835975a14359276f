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
