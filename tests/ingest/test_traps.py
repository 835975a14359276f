"""Issue 21, ingest side: each input that ended in a traceback, answered with an InputError.

The files are in ``tests/fixtures/traps/``, named for their trap. Each answer must name the
file, the line (or record) and, where there is one, the field — and be an ``InputError``,
the one exception a batch catches to record a failed intake and go on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.errors import EncodingError, InputError, ParseError
from tawthiq.ingest import read_file

TRAPS = Path(__file__).resolve().parents[1] / "fixtures" / "traps"


@pytest.mark.parametrize(
    ("name", "line", "field", "words"),
    [
        ("jsonl_3000_nested_brackets.jsonl", 1, None, "nested too deeply"),
        ("jsonl_integer_over_4300_digits.jsonl", 1, None, "4,300 digits"),
        ("jsonl_lone_surrogate.jsonl", 1, "body", "surrogate"),
        ("jsonl_nul_escape.jsonl", 1, "body", "NUL"),
        ("jsonl_nan_is_not_json.jsonl", 1, None, "NaN is not a JSON value"),
        ("jsonl_duplicate_id.jsonl", 3, "id", "already used on line 1"),
    ],
)
def test_jsonl_traps_name_file_line_and_field(name, line, field, words):
    with pytest.raises(InputError) as err:
        read_file(TRAPS / name)
    e = err.value
    assert (Path(e.path).name, e.line, e.field) == (name, line, field)
    assert words in str(e)


@pytest.mark.parametrize("name", ["email_date_year_overflow.eml", "email_date_year_overflow_no_time.eml"])
def test_email_date_year_overflow_is_a_parse_error_on_the_date_header(name):
    with pytest.raises(ParseError) as err:
        read_file(TRAPS / name)
    assert err.value.field == "Date" and Path(err.value.path).name == name


def test_email_part_content_type_with_a_star_and_no_value_names_the_header_and_its_line():
    # found by the long run (benchmarks/fuzz.py, seed 3): `text/plain; cb1*` in a part made the
    # standard library's parser raise IndexError while reading the message
    name = "email_part_content_type_star_without_value.eml"
    with pytest.raises(ParseError) as err:
        read_file(TRAPS / name)
    e = err.value
    assert (Path(e.path).name, e.line, e.field) == (name, 8, "Content-Type")


def test_chat_ascii_plus_one_0xff_is_refused_with_the_offset_not_stored_as_a_dot_above():
    data = (TRAPS / "chat_ascii_plus_one_0xff.txt").read_bytes()
    with pytest.raises(EncodingError) as err:
        read_file(TRAPS / "chat_ascii_plus_one_0xff.txt")
    assert err.value.line == 1
    offset = data.index(b"\xff")
    assert f"byte {offset} (0xff)" in str(err.value)


def test_a_nul_byte_in_a_text_is_refused_with_its_offset():
    with pytest.raises(EncodingError, match="NUL byte at byte 25") as err:
        read_file(TRAPS / "text_nul_byte.txt")
    assert err.value.line == 1


def test_a_few_legacy_bytes_are_still_read_when_there_are_enough_to_tell(fixtures):
    # Windows-1256 Arabic is many high bytes: the stray-byte rule must not refuse it
    [d] = read_file(fixtures / "arabic_cp1256.txt")
    assert d.language == "ar"


@pytest.mark.parametrize(
    ("name", "field", "words"),
    [
        ("email_charset_punycode.eml", "body", "not decodable as its declared charset 'punycode'"),
        ("email_charset_unicode_escape_lone_surrogate.eml", "body", "NUL or a lone surrogate"),
        ("email_header_nul.eml", "Subject", "NUL"),
    ],
)
def test_email_charsets_and_headers_that_make_unstorable_text_are_refused(name, field, words):
    # found by benchmarks/fuzz.py: a codec named as the charset, a NUL in a header
    with pytest.raises(EncodingError) as err:
        read_file(TRAPS / name)
    assert err.value.field == field and words in str(err.value)


def test_html_8000_nested_blockquotes_is_read_in_linear_time():
    # issue 21: 27 s before (every block asked for the blocks inside it); now well under a second
    # of our own work; generous bound for a loaded CI machine, benchmarks/reader_shapes.py measures
    import time

    from tawthiq.ingest._html import read_html
    from tawthiq.ingest._types import ReadContext

    n = 8000
    html = "<html><body>" + "<blockquote>q " * n + "innermost" + "</blockquote>" * n + "</body></html>"
    start = time.perf_counter()
    [draft] = read_html(ReadContext(path=Path("html_8000_nested_blockquotes.html"), data=html.encode()))
    assert time.perf_counter() - start < 10
    assert draft.body.endswith("innermost")  # leaves speak, as before
