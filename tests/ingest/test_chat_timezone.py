"""``ingest --chat-timezone``: a chat export's clock is the phone's, in the phone's zone.

The traps: an Aleppo phone's 21:04 logged as 21:04 UTC (a source who wrote before a 20:00 UTC
check-in looked as if it wrote after it); daylight saving ignored (Syria was UTC+3 in summer 2016
and UTC+2 in winter); a misspelt zone failing every file of a batch one by one, or storing some of
them, instead of one error naming the option before anything is read.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tawthiq.errors import InputError
from tawthiq.ingest import IngestOptions

SENDER = "Planted Chat Sender"


def _utc(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, 4, tzinfo=UTC)


def _logged(cli_json, ws) -> list[datetime]:
    [source] = [s for s in cli_json(ws, "sources", "list") if s["label"].startswith("chat sender ")]
    return sorted(datetime.fromisoformat(c["at"]) for c in cli_json(ws, "sources", "log", str(source["id"])))


@pytest.mark.parametrize(
    ("zone", "winter", "summer"),
    [
        ("UTC", _utc(2016, 12, 13, 21), _utc(2016, 7, 10, 21)),
        ("Asia/Damascus", _utc(2016, 12, 13, 19), _utc(2016, 7, 10, 18)),  # UTC+2 in winter, +3 in summer
        ("America/New_York", _utc(2016, 12, 14, 2), _utc(2016, 7, 11, 1)),  # the next day in UTC
    ],
)
def test_a_chat_message_is_contact_at_its_phones_clock_read_in_the_zone_given_with_daylight_saving(
    workspace, tmp_path, cli, cli_json, zone, winter, summer
):
    chat = tmp_path / "chat.txt"
    chat.write_text(f"13/12/2016, 21:04 - {SENDER}: winter\n10/07/2016, 21:04 - {SENDER}: summer\n", "utf-8")
    cli(workspace, "ingest", str(chat), "--source", "activists", "--chat-timezone", zone)
    assert _logged(cli_json, workspace) == [summer, winter]
    # the day the message was written stays the phone's own day, whatever UTC says
    days = sorted(r["published_at"] for r in cli_json(workspace, "reports"))
    assert days == ["2016-07-10", "2016-12-13"]


def test_a_misspelt_zone_is_one_error_naming_the_option_and_nothing_is_stored(
    workspace, tmp_path, cli, cli_json
):
    chats = []
    for n in range(3):
        chats.append(tmp_path / f"chat{n}.txt")
        chats[-1].write_text(f"13/12/2016, 21:04 - {SENDER}: message {n}\n", "utf-8")
    result = cli(workspace, "ingest", *map(str, chats), "--chat-timezone", "Asia/Damscus", ok=False)
    assert result.exit_code != 0
    assert "--chat-timezone" in result.stderr and "Asia/Damscus" in result.stderr
    assert result.stderr.count("not a time zone") == 1
    assert SENDER not in result.stdout + result.stderr
    assert cli_json(workspace, "reports") == []


def test_a_caller_of_the_ingest_stage_gets_the_same_error_before_any_file_is_read():
    with pytest.raises(InputError) as err:
        IngestOptions(chat_timezone="Mars/Olympus")
    assert err.value.field == "chat_timezone" and "Mars/Olympus" in str(err.value)
