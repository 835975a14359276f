"""The two rules issue 14 moved out of the store: what a family's inquiry becomes
(``people.missing.inquiry_record``, called by ``app.missing.accept_inquiry``) and which ingested
messages are contact with their sender's source, and when (``sources.message_contacts``).

The traps: a chat message logged as contact at noon of its day when its line says 21:04 (a
source who wrote late at night looked silent half a day longer, or spoke before a check-in it
came after); a 12-hour clock's 12 AM read as noon; a line whose time is no time refusing the
export; an inquiry taken in twice making a second record; an Arabic name stored as Latin.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tawthiq.app.missing import answer_inquiry, load_missing, submit_inquiry
from tawthiq.entities import Protected, Report
from tawthiq.ingest import IngestOptions, ingest_paths
from tawthiq.ingest._chat import read_chat
from tawthiq.ingest._email import read_email
from tawthiq.ingest._types import ReadContext
from tawthiq.people.missing import INQUIRY_LIST, inquiry_record
from tawthiq.sources import contact_time, message_contacts
from tawthiq.store.missing import Inquiry

PLANTED = ("Planted Sender One", "Planted Sender Two")

# (the line's timestamp, the message's own time): the shapes WhatsApp writes on Android and iOS
CLOCKS = [
    ("13/12/2016, 21:04 - ", datetime(2016, 12, 13, 21, 4, tzinfo=UTC)),
    ("13/12/2016, 9:04 PM - ", datetime(2016, 12, 13, 21, 4, tzinfo=UTC)),
    ("13/12/2016, 9:04 p.m. - ", datetime(2016, 12, 13, 21, 4, tzinfo=UTC)),
    ("13/12/2016, 12:30 AM - ", datetime(2016, 12, 13, 0, 30, tzinfo=UTC)),
    ("13/12/2016, 12:30 PM - ", datetime(2016, 12, 13, 12, 30, tzinfo=UTC)),
    ("13.12.2016, 06:05 - ", datetime(2016, 12, 13, 6, 5, tzinfo=UTC)),
    ("[13/12/2016, 21:04:11] ", datetime(2016, 12, 13, 21, 4, 11, tzinfo=UTC)),
    ("\u200e[13/12/2016, 07:59:59] ", datetime(2016, 12, 13, 7, 59, 59, tzinfo=UTC)),
    ("13/12/16, 23:59 - ", datetime(2016, 12, 13, 23, 59, tzinfo=UTC)),
]
# a timestamp whose time is no time still starts a message (as before): its contact is at noon
NO_TIME = [
    "13/12/2016, 25:04 - ",
    "13/12/2016, 21:75 - ",
    "13/12/2016, 13:04 PM - ",
    "13/12/2016, 0:10 AM - ",
]


def _chat(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("stamp", "sent"), CLOCKS)
def test_a_chat_line_gives_its_message_its_own_time_in_every_clock_whatsapp_writes(stamp, sent):
    [draft] = read_chat(ReadContext(path=Path("c.txt"), data=f"{stamp}{PLANTED[0]}: hello".encode()))
    assert draft.sent_at == sent and draft.published_at == sent.date()


@pytest.mark.parametrize("stamp", NO_TIME)
def test_a_chat_line_whose_time_is_no_time_is_still_read_and_its_contact_falls_back_to_noon(stamp):
    [draft] = read_chat(ReadContext(path=Path("c.txt"), data=f"{stamp}{PLANTED[0]}: hello".encode()))
    assert draft.sent_at is None and draft.published_at == date(2016, 12, 13)
    report = Report(id=1, sha256="0" * 64, channel="chat", published_at=draft.published_at, body="hello")
    assert contact_time(report, draft.sent_at) == datetime(2016, 12, 13, 12, 0, tzinfo=UTC)


def test_an_email_is_contact_at_its_date_header_in_utc():
    data = (
        b"From: someone@example.org\r\nSubject: news\r\n"
        b"Date: Tue, 13 Dec 2016 23:30:00 +0200\r\n\r\nThe bakery was hit.\r\n"
    )
    [draft] = read_email(ReadContext(path=Path("m.eml"), data=data))
    report = Report(id=1, sha256="0" * 64, channel="email", published_at=draft.published_at, body=draft.body)
    assert contact_time(report, draft.sent_at) == datetime(2016, 12, 13, 21, 30, tzinfo=UTC)


def test_only_stored_messages_with_a_sender_are_contact_and_a_farewell_is_flagged():
    sender = Protected(PLANTED[0])
    reports = [
        Report(id=1, sha256="a" * 64, channel="chat", body="this may be my last message"),
        Report(id=2, sha256="b" * 64, channel="chat", body="hello", status="failed"),
        Report(id=3, sha256="c" * 64, channel="file", body="an article, no sender"),
        Report(id=None, sha256="d" * 64, channel="chat", body="not stored"),
    ]
    at = datetime(2016, 12, 12, 23, 40, tzinfo=UTC)
    [c] = message_contacts(reports, {1: sender, 2: sender}, {1: at})
    assert (c.report_id, c.at, c.farewell, c.channel) == (1, at, "last message", "chat")
    assert PLANTED[0] not in repr(c)  # the sender stays protected in the value


def test_a_chat_message_is_logged_as_contact_at_its_own_time_not_at_noon_of_its_day(
    workspace, tmp_path, cli_json
):
    lines = [f"{stamp}{PLANTED[i % 2]}: message {i}" for i, (stamp, _) in enumerate(CLOCKS)]
    lines.append(f"{NO_TIME[0]}{PLANTED[0]}: a line whose time is no time")
    ingest_paths(workspace, [_chat(tmp_path, lines)], IngestOptions(source="activists"))
    sources = [s for s in cli_json(workspace, "sources", "list") if s["label"].startswith("chat sender ")]
    assert len(sources) == 2
    logged = sorted(
        datetime.fromisoformat(c["at"])
        for s in sources
        for c in cli_json(workspace, "sources", "log", str(s["id"]))
    )
    expected = [sent for _, sent in CLOCKS] + [datetime(2016, 12, 13, 12, 0, tzinfo=UTC)]
    assert logged == sorted(expected)


def _inquiry(name: str, **fields) -> Inquiry:
    base = dict(
        id=7, kind="ask", name=name, age=None, sex=None, last_seen_date=None, last_seen_place=None,
        circumstances=None, status="open", answer=None, person_record_id=None,
        created_at=datetime(2016, 12, 14, 9, 0, tzinfo=UTC),
    )  # fmt: skip
    return Inquiry(**{**base, **fields})


@pytest.mark.parametrize(
    ("name", "script"),
    [("محمد أحمد", "ar"), ("Mohammad Ahmad", "latin"), ("Mohammad محمد", "ar"), ("Zeynep Çelik", "latin")],
)
def test_an_inquiry_becomes_a_missing_record_named_in_the_script_of_its_letters(name, script):
    now = datetime(2016, 12, 20, tzinfo=UTC)
    record, note = inquiry_record(_inquiry(name, last_seen_place="Fardous"), now)
    assert (record.list_name, record.record_id, record.status) == (INQUIRY_LIST, "inquiry-7", "missing")
    assert (record.name_ar, record.name_latin) == ((name, None) if script == "ar" else (None, name))
    assert note.status == "information_sought" and note.source_date == datetime(2016, 12, 14, 9, tzinfo=UTC)
    assert note.entry_date == now and note.last_known_location == "Fardous"


def test_an_inquiry_taken_in_twice_is_one_record_with_one_first_note(workspace):
    submit_inquiry(workspace, {"kind": "ask", "name": "محمد أحمد", "age": 30}, None)
    with workspace.session() as s:
        from tawthiq.store.missing import list_inquiries

        [inq] = list_inquiries(s)
    first = answer_inquiry(workspace, inq.id, None, take_in=True, actor="doc")
    again = answer_inquiry(workspace, inq.id, "we are looking", take_in=True, actor="doc")
    assert first == again is not None
    with workspace.session() as s:
        [person] = [m for m in load_missing(s) if m.record.list_name == INQUIRY_LIST]
    assert person.record.name_ar == "محمد أحمد" and person.record.age == 30
    assert [n.status for n in person.notes] == [
        "information_sought"
    ] and person.status == "information_sought"
