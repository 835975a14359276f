"""A source ingest made for an unregistered sender ("chat sender 3f9a01bc") is written in the
page's language from its parts on the Arabic pages (issue 18): stored, printed by the CLI and
shown on English pages as it is."""

from __future__ import annotations

import re
from pathlib import Path

CHAT = Path(__file__).resolve().parents[1] / "missing" / "fixtures" / "chat_farewell.txt"


def test_a_chat_senders_source_is_written_in_arabic_on_the_silent_sources_page(
    make_client, built, cli, cli_json, tmp_path
):
    cli(built.ws, "ingest", str(CHAT), "--source", "Aleppo activists")
    senders = {s["label"]: s["id"] for s in cli_json(built.ws, "sources", "list") if "sender" in s["label"]}
    assert len(senders) == 2 and all(re.fullmatch(r"chat sender [0-9a-f]{8}", label) for label in senders)
    for source_id in senders.values():
        cli(built.ws, "sources", "checkin", str(source_id), "--days", "2")
    client = make_client("documenter")
    ar = client.get("/sources/overdue?lang=ar").text
    assert "chat sender" not in ar and "sender" not in ar
    for label in senders:
        digest = label.rsplit(" ", 1)[1]
        assert f"المُرسِل {digest} (رسالة محادثة)" in ar
    # the English page, the page's JSON twin and the CLI keep the stored label
    en = client.get("/sources/overdue?lang=en").text
    assert all(label in en for label in senders)
    assert {r["label"] for r in client.get("/sources/overdue.json?lang=ar").json()["items"]} == set(senders)
    assert {o["label"] for o in cli_json(built.ws, "sources", "overdue")} == set(senders)
    # a later report filed under that source (`--source LABEL`) names it the same way
    label = sorted(senders)[0]
    note = tmp_path / "follow-up.txt"
    note.write_text("A follow-up message from the same sender.\n", "utf-8")
    cli(built.ws, "ingest", str(note), "--source", label)
    reports = client.get("/reports?lang=ar").text
    assert label not in reports and f"المُرسِل {label.rsplit(' ', 1)[1]} (رسالة محادثة)" in reports
    assert label in client.get("/reports?lang=en").text


def test_a_label_a_person_gave_is_shown_as_given_in_arabic(make_client, built, cli, cli_json):
    for label in ("sender 1234abcd of the old network", "chat sender 1234abcd"):
        cli(built.ws, "sources", "add", label, "--checkin-days", "1")
    for s in cli_json(built.ws, "sources", "list"):
        if "1234abcd" in s["label"]:
            cli(built.ws, "sources", "contact", str(s["id"]), "--at", "2016-12-10T09:00")
    ar = make_client("documenter").get("/sources/overdue?lang=ar").text
    assert "sender 1234abcd of the old network" in ar  # not one ingest made: as given
    assert "المُرسِل 1234abcd (رسالة محادثة)" in ar
