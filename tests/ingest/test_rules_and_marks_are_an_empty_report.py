"""A report whose text is only rules and marks ("----", "* * *", bidi marks) is an empty report
(polish, session 24): ingest asked only ``text.strip()``, so it stored such a file with language
``und`` and no word why, while a file of whitespace failed as "empty report: no text below the
header". One rule now (``tawthiq.text.blank.is_blank``), asked by each reader."""

from __future__ import annotations

import itertools

import pytest

from tawthiq.ingest import IngestOptions, ingest_paths
from tawthiq.store import list_reports
from tawthiq.text.blank import is_blank

RULES = ["----", "***", "* * *", "___", "═══════", "• • •", "~~~~", "=====", "—— ——", "- - -", "· · ·", "#"]
MARKS = ["\u200f", "\u200e", "\u202b", "\u202c", "\u2067\u2069", "\u061c", "\ufeff", "\u200b"]
# every rule and mark on its own, and pairs of them over lines, with and without a header
BODIES = [
    *RULES,
    *MARKS,
    *(f"{a}\n\n{b}\n" for a, b in itertools.islice(itertools.product(RULES, MARKS), 0, None, 7)),
]


@pytest.mark.parametrize("header", ["", "DATE: 2016-12-11\nOUTLET: Field team\n\n"])
def test_a_text_of_only_rules_and_marks_fails_as_an_empty_report_not_stored_as_und(
    workspace, tmp_path, header
):
    files = []
    for i, body in enumerate(BODIES):
        f = tmp_path / f"rules_{i:02}.txt"
        f.write_text(header + body, encoding="utf-8")
        files.append(f)
    outcomes = ingest_paths(workspace, files, IngestOptions(from_header=bool(header)))
    assert [o.status for o in outcomes] == ["failed"] * len(BODIES)
    with workspace.session() as s:
        reports = list_reports(s)
    assert len(reports) == len(BODIES)
    for rep in reports:
        assert rep.status == "failed" and rep.language != "und", rep.file_name
        # the reason a whitespace-only file gets, naming the file and the field
        assert "empty report: no text below the header" in rep.failure_reason
        assert rep.file_name in rep.failure_reason and "'body'" in rep.failure_reason


@pytest.mark.parametrize("text", ["-- 3 --", "* حلب *", "\u200fقصف\u200f", "---\nShelling in Fardous\n---"])
def test_one_letter_or_digit_among_the_rules_is_a_report(text):
    assert not is_blank(text)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("page.html", "<html><body><p>----</p><hr><p>\u200f* * *\u200f</p></body></html>"),
        ("message.eml", "From: a@example.org\nSubject: x\nContent-Type: text/plain\n\n----\n* * *\n"),
    ],
)
def test_an_html_page_or_an_email_of_only_rules_is_failed_too(workspace, tmp_path, name, data):
    f = tmp_path / name
    f.write_text(data, encoding="utf-8")
    [out] = ingest_paths(workspace, [f])
    assert out.status == "failed"
    with workspace.session() as s:
        [rep] = list_reports(s)
    assert rep.status == "failed" and "field 'body'" in rep.failure_reason
