"""Readers, without a database: each format's traps (date order, charsets, truncation)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tawthiq.errors import EncodingError, InputError, InputErrors, ParseError
from tawthiq.ingest import decode_text, detect_language, pick_reader, read_file


def test_whatsapp_android_month_first_is_detected_from_a_day_over_12(fixtures):
    drafts = read_file(fixtures / "chat_android_mdy.txt")
    assert [d.published_at for d in drafts] == [date(2016, 12, 13)] * 2 + [date(2016, 12, 14)]
    assert drafts[0].body == "Shelling on Bustan al-Qasr since the evening,\nwe cannot reach the wounded"
    assert drafts[1].sender.reveal() == "+963 944 000 111"  # numbers as senders too
    assert "Planted" not in repr(drafts[0])


def test_whatsapp_ios_brackets_with_ltr_marks_and_multiline(fixtures):
    drafts = read_file(fixtures / "chat_ios_dmy.txt")
    assert len(drafts) == 3
    assert drafts[0].published_at == date(2016, 12, 13) and drafts[0].language == "ar"
    assert drafts[2].body == "The buses have not come yet.\nWe are still waiting near the roundabout."
    assert drafts[2].sender.reveal() == "Witness Planted"


def test_whatsapp_ambiguous_dates_default_day_first_and_can_be_forced(fixtures):
    assert read_file(fixtures / "chat_ambiguous_dates.txt")[0].published_at == date(2016, 12, 5)
    forced = read_file(fixtures / "chat_ambiguous_dates.txt", chat_date_order="mdy")
    assert forced[0].published_at == date(2016, 5, 12)


def test_whatsapp_mixed_date_orders_are_refused_naming_the_line(tmp_path):
    p = tmp_path / "mixed.txt"
    p.write_text("13/12/16, 10:00 - A: one\n12/14/16, 10:00 - B: two\n", "utf-8")
    with pytest.raises(ParseError) as err:
        read_file(p)
    assert err.value.line == 2 and err.value.field == "date"


def test_header_lines_give_date_title_source_and_leave_the_body(fixtures):
    [d] = read_file(fixtures / "report_with_header.txt", from_header=True)
    assert d.published_at == date(2016, 12, 12)
    assert d.title == "Families trapped in Saliheen" and d.source == "Local council statement"
    assert d.body.startswith("Families remained trapped")


def test_header_date_in_wrong_shape_is_a_warning_naming_line_and_field_and_the_report_is_kept(fixtures):
    # issue 15: a malformed DATE: no longer refuses the report; it is kept without a date (its claims
    # get an unknown time, never the clock) and the warning names the file, the line and the key
    [d] = read_file(fixtures / "report_bad_header_date.txt", from_header=True)
    assert d.published_at is None
    [warning] = d.warnings
    assert "report_bad_header_date.txt:1: field 'DATE'" in warning and "YYYY-MM-DD" in warning
    assert not d.body.startswith("DATE")


def test_header_block_is_read_whatever_keys_it_holds():
    from tawthiq.ingest import read_header

    text = "URL: https://example.org/a\nOUTLET: Example Wire\nCONFLICT: invented-1\nDATE: 2020-03-04\n\nBody."
    head = read_header(text, "invented.txt")
    assert (head.published_at, head.source, head.url) == (
        date(2020, 3, 4),
        "Example Wire",
        "https://example.org/a",
    )
    assert head.metadata == {"CONFLICT": "invented-1"}
    assert text[head.body_start :] == "Body."
    assert read_header("Warning: this sentence has a colon.\nBody.", "x.txt").body_start == 0


def test_html_strips_boilerplate_and_keeps_title_and_date(fixtures):
    [d] = read_file(fixtures / "page.html")
    assert d.title == "Hospital hit in eastern Aleppo | Example News"
    assert d.published_at == date(2016, 11, 18)
    assert "field hospital in the Shaar district" in d.body
    for junk in ("tracking", "Subscribe", "Copyright", "color:red"):
        assert junk not in d.body


def test_truncated_html_is_refused_as_cut_off(fixtures):
    with pytest.raises(ParseError, match="truncated HTML"):
        read_file(fixtures / "truncated.html")


def test_email_subject_date_body_and_protected_from(fixtures):
    [d] = read_file(fixtures / "message.eml")
    assert d.title == "Update from the eastern neighbourhoods"
    assert d.published_at == date(2016, 12, 13)
    assert "bakery was hit" in d.body and "لا توجد أرقام" in d.body
    assert "planted.sender@example.org" in d.sender.reveal()
    assert "planted" not in repr(d)


def test_email_with_invalid_utf8_names_the_part_and_byte(fixtures):
    with pytest.raises(EncodingError) as err:
        read_file(fixtures / "bad_utf8.eml")
    msg = str(err.value)
    assert "bad_utf8.eml" in msg and "MIME part 1" in msg and "not valid utf-8" in msg
    assert "planted" not in msg.lower()


def test_jsonl_gives_one_report_per_line_with_protected_sender(fixtures):
    drafts = read_file(fixtures / "reports.jsonl")
    assert len(drafts) == 2
    assert drafts[0].source == "Activist network" and drafts[0].published_at == date(2016, 11, 20)
    assert drafts[1].language == "ar" and drafts[1].sender.reveal() == "Planted JSON Sender"


def test_jsonl_collects_every_bad_line_with_its_field(fixtures):
    with pytest.raises(InputErrors) as err:
        read_file(fixtures / "bad.jsonl")
    where = {(e.line, e.field) for e in err.value.errors}
    assert where == {(2, "published_at"), (3, "body"), (4, None)}


def test_windows_1256_arabic_is_decoded(fixtures):
    [d] = read_file(fixtures / "arabic_cp1256.txt")
    assert "حي الفردوس" in d.body and d.language == "ar"


def test_utf16_with_bom_is_decoded(fixtures):
    [d] = read_file(fixtures / "arabic_utf16.txt")
    assert "الراموسة" in d.body


def test_mostly_utf8_text_with_a_bad_byte_is_refused_not_misread():
    data = ("سطر عربي صحيح تماماً " * 5 + "\n").encode() + b"bad \xff byte\n"
    with pytest.raises(EncodingError) as err:
        decode_text(data, "x.txt")
    assert err.value.line == 2 and "not valid UTF-8" in str(err.value)


def test_binary_is_refused_as_not_text(tmp_path):
    p = tmp_path / "photo.bin"
    p.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(EncodingError, match="not"):
        read_file(p)


def test_reader_choice_by_name_and_content(tmp_path: Path):
    assert pick_reader(Path("a.eml"), b"").name == "email"
    assert pick_reader(Path("a.jsonl"), b"").name == "jsonl"
    assert pick_reader(Path("noext"), b"<!DOCTYPE html><html>").name == "html"
    assert pick_reader(Path("chat.txt"), b"12/13/16, 21:04 - A: hi").name == "whatsapp"
    assert pick_reader(Path("note.txt"), b"Plain prose.").name == "text"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("قتل عشرة مدنيين في قصف على حلب", "ar"),
        ("Ten civilians were killed in shelling on Aleppo, activists said.", "en"),
        ("Dix civils ont été tués dans un bombardement sur Alep, selon des militants.", "und"),
        ("2016-12-13 12:00", None),
    ],
)
def test_language_by_script(text, lang):
    assert detect_language(text) == lang


@given(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=200))
def test_any_utf8_text_round_trips_through_decode(text):
    decoded, enc = decode_text(text.encode("utf-8"), "x.txt")
    assert decoded == text.replace("\r\n", "\n").replace("\r", "\n") and enc == "utf-8"


@given(st.text(max_size=100), st.text(max_size=100))
def test_a_nul_is_refused_with_its_byte_and_line_never_stored(before, after):
    data = (before + "\x00" + after).encode("utf-8")
    with pytest.raises(EncodingError, match="NUL byte at byte") as err:
        decode_text(data, "x.txt")
    assert err.value.line == data.count(b"\n", 0, data.find(b"\x00")) + 1


@given(st.text(max_size=40))
def test_header_date_parser_gives_input_error_never_a_crash(value):
    from tawthiq.ingest._headers import parse_date

    try:
        parse_date(value, path="r.txt", field="DATE")
    except InputError as exc:
        assert exc.field == "DATE"


def test_email_header_with_raw_invalid_bytes_names_the_header_not_its_value(tmp_path):
    p = tmp_path / "hdr.eml"
    p.write_bytes(b"From: Planted \xff\xfe <p@example.org>\nSubject: s\n\nbody text\n")
    with pytest.raises(EncodingError) as err:
        read_file(p)
    assert err.value.field == "From" and "Planted" not in str(err.value)


def test_windows_1256_email_part_is_decoded_by_its_declared_charset(tmp_path):
    p = tmp_path / "ar.eml"
    head = b"From: a@example.org\nSubject: s\nContent-Type: text/plain; charset=windows-1256\n\n"
    p.write_bytes(head + "نص عربي عن القصف".encode("cp1256") + b"\n")
    [d] = read_file(p)
    assert d.body == "نص عربي عن القصف" and d.language == "ar"


_names = st.text(alphabet=st.characters(whitelist_categories=("L",)), min_size=1, max_size=12)
_bodies = st.text(
    alphabet=st.characters(
        whitelist_categories=("L", "N", "Zs", "P"), blacklist_characters="\u2028\u2029\x85"
    ),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() == s and s)


@given(
    st.lists(
        st.tuples(_names, _bodies, st.dates(date(2000, 1, 1), date(2099, 12, 31))), min_size=1, max_size=8
    ),
    st.sampled_from(["android", "ios"]),
)
def test_chat_export_round_trips_sender_body_and_date(tmp_path_factory, messages, shape):
    lines = []
    for name, body, day in messages:
        stamp = f"{day.day:02d}/{day.month:02d}/{day.year}"
        lines.append(
            f"[{stamp}, 10:00:00] {name}: {body}" if shape == "ios" else f"{stamp}, 10:00 - {name}: {body}"
        )
    p = tmp_path_factory.mktemp("chat") / "chat.txt"
    p.write_text("\n".join(lines) + "\n", "utf-8")
    drafts = read_file(p, chat_date_order="dmy")
    assert [(d.sender.reveal(), d.body, d.published_at) for d in drafts] == messages
