"""A report in a language the extractor does not read says so, in and out of a workspace.

Before: a Spanish report gave 0 claims and no word why (`tawthiq extract` printed only "no
publication date"), because the extractor accepts any Latin script; issue 15's bad-input list
asks for "a clear note, no claims, no crash". A Latin-script text in another language than English
is now not read at all (`text.language`, session 22; French even gave claims before), and says so.
Short messages (a chat's "<Media omitted>") and English reports that simply hold no claim are not
noted.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tawthiq.cli.main import app

NOTE = "neither English nor Arabic text"  # Latin script in another language (text.language): not read
TEXTS = {
    "spanish.txt": "Bombardeos en Alepo: al menos veinte civiles murieron el martes en el barrio, dijeron.\n",
    "turkish.txt": "Halep'te salı günü hava saldırısında en az yirmi sivil hayatını kaybetti, dediler.\n",
    "portuguese.txt": "Bombardeios em Alepo: pelo menos vinte civis morreram na terça-feira no bairro.\n",
}
QUIET = {
    "english_no_claim.txt": "The weather in Aleppo was cold and the market reopened in the morning.\n",
    "media_omitted.txt": "<Media omitted>\n",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_extract_file_notes_a_language_it_does_not_read(tmp_path, name):
    f = tmp_path / name
    f.write_text(TEXTS[name], encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(f), "--published", "2016-12-13", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["claims"] == []
    assert f"{name}: {NOTE}" in r.stderr


@pytest.mark.parametrize("name", sorted(QUIET))
def test_extract_file_does_not_note_english_or_a_short_message(tmp_path, name):
    f = tmp_path / name
    f.write_text(QUIET[name], encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(f), "--published", "2016-12-13", "--json"])
    assert r.exit_code == 0, r.output
    assert NOTE not in r.stderr


def test_workspace_extract_notes_it_per_report(cli, workspace, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in {**TEXTS, **QUIET}.items():
        (folder / name).write_text(text, encoding="utf-8")
    cli(workspace, "ingest", str(folder), "--published", "2016-12-13")
    r = cli(workspace, "extract")
    noted = {line.split("(")[1].split(")")[0] for line in r.stderr.splitlines() if NOTE in line}
    assert noted == set(TEXTS)


@pytest.mark.parametrize(
    ("content", "why"), [("\n\n", "empty report"), ("...\n---\n12345\n", "neither English")]
)
def test_a_file_with_nothing_to_read_gets_one_note_not_a_date_warning_too(tmp_path, content, why):
    # before: an empty file was told "no publication date … times that depend on it are unknown"
    # and then "empty report, no claims"; a workspace notes such a report once (a 0-byte file is
    # an error, as ingest says: tests/cli/test_extract_file_empty.py)
    f = tmp_path / "nothing.txt"
    f.write_text(content, encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(f), "--json"])
    assert r.exit_code == 0, r.output
    assert why in r.stderr and "no publication date" not in r.stderr


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("DATE: 2016-12-11\n\n---\n\n* * *\n", "empty report: no text below the header"),
        ("DATE: 2016-12-11\nOUTLET: Field team\n", "empty report"),
    ],
)
def test_a_header_above_nothing_to_read_is_not_read_as_english(tmp_path, content, why):
    # the walk of session 22: 'extract FILE' judged the language on the whole file, so a header's
    # Latin keys (DATE:, OUTLET:) made a page of dashes "English" and it said nothing, while a
    # workspace (which stores the body without its header) said "neither English nor Arabic text"
    f = tmp_path / "nothing_below_the_header.txt"
    f.write_text(content, encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(f), "--json"])
    assert r.exit_code == 0, r.output
    assert why in r.stderr and json.loads(r.stdout)["claims"] == []


HEADER_ALONE = {
    "rule_below.txt": "DATE: 2016-12-11\nOUTLET: Field team\n\n---\n",
    "marks_below.txt": "DATE: 2016-12-11\n\n* * *\n\n___\n",
    "arabic_header_rule.txt": "DATE: 2016-12-11\nTITLE: \u062a\u0642\u0631\u064a\u0631\n\n\u2014\u2014\n",
}


def test_a_header_alone_gets_the_same_words_from_ingest_and_from_extract_file(cli, workspace, tmp_path):
    # session 22's walk: a workspace called a header alone "neither English nor Arabic text" while
    # 'extract FILE' called it "empty report"; one wording now (app.extract.nothing_to_read).
    # Session 24: ingest stored a header above rules with language und; it now fails it as it fails
    # a header above nothing (text.blank.is_blank), in the same words
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in HEADER_ALONE.items():
        (folder / name).write_text(text, encoding="utf-8")
    r = cli(workspace, "ingest", str(folder), "--published-from-header", ok=False)
    said = r.stdout + r.stderr
    assert said.count("empty report: no text below the header") >= len(HEADER_ALONE)
    assert json.loads(cli(workspace, "extract", "--json").stdout) == []  # nothing stored to extract
    for name in HEADER_ALONE:
        assert name in said
        r = CliRunner().invoke(app, ["extract", str(folder / name), "--json"])
        assert r.exit_code == 0, r.output
        assert f"{name}: empty report: no text below the header, no claims" in r.stderr
        assert "neither English" not in r.stderr


def test_ingest_refuses_a_header_alone_in_the_same_words(cli, workspace, tmp_path):
    # a header with nothing at all below it is not stored: its failure reason says what the note says
    f = tmp_path / "header_only.txt"
    f.write_text("DATE: 2016-12-11\nOUTLET: Field team\n", encoding="utf-8")
    r = cli(workspace, "ingest", str(f), "--published-from-header", ok=False)
    assert "empty report: no text below the header" in r.stdout + r.stderr
