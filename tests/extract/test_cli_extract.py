"""`tawthiq extract` on files (no workspace) and inside a workspace; bad input gives one-line errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tawthiq.cli.main import app

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, **kw):
        return runner.invoke(app, ["extract", *args], **kw)

    return invoke


def test_file_mode_prints_the_claims_contract(run):
    r = run(str(REPORTS / "subcount_including_women_and_children.txt"), "--published", "2016-12-13", "--json")
    assert r.exit_code == 0, r.output
    obj = json.loads(r.stdout)
    assert obj["report"] == {"title": "Air raids kill dozens in eastern Aleppo", "published": "2016-12-13"}
    [c] = obj["claims"]
    assert set(c) == {
        "kind",
        "event_type",
        "quote",
        "span",
        "places",
        "time",
        "fatalities",
        "injured",
        "victims",
        "perpetrators",
        "attributed_to",
        "certainty",
    }
    assert c["fatalities"] == {"low": 82, "high": 82, "qualifier": "exact"}
    assert set(c["places"][0]) == {"name", "lat", "lon", "precision"}


def test_title_header_is_read(tmp_path, run):
    f = tmp_path / "r.txt"
    f.write_text("TITLE: Strike on a market\n\nShelling killed 3 people in al-Sukkari on Monday.\n")
    obj = json.loads(run(str(f), "--published", "2016-12-13", "--json").stdout)
    assert obj["report"]["title"] == "Strike on a market"
    assert obj["claims"][0]["time"]["start"] == "2016-12-12"


def test_windows_1252_file_is_decoded(tmp_path, run):
    f = tmp_path / "cp1252.txt"
    f.write_bytes(
        "Shelling killed 3 people in al-Sukkari on Monday \u2013 residents said.\n".encode("cp1252")
    )
    r = run(str(f), "--published", "2016-12-13", "--json")
    assert r.exit_code == 0 and len(json.loads(r.stdout)["claims"]) == 1


def test_arabic_only_is_read(run):
    r = run(str(REPORTS / "arabic_only_no_english.txt"), "--published", "2016-12-13", "--json")
    assert r.exit_code == 0
    assert [c["places"][0]["name"] for c in json.loads(r.stdout)["claims"]] == ["حلب", "حي السكري"]


def test_a_language_not_read_says_so_and_exits_zero(run):
    r = run(str(REPORTS / "cyrillic_not_read.txt"), "--published", "2016-12-13", "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["claims"] == []
    assert "neither English nor Arabic" in r.stderr


@pytest.mark.parametrize("value", ["13/12/2016", "2016-13-01", "yesterday"])
def test_wrong_published_format_is_one_line_error(run, value):
    r = run(str(REPORTS / "subcount_including_women_and_children.txt"), "--published", value)
    assert r.exit_code == 1
    assert "--published" in r.stderr and "Traceback" not in r.output
    assert len(r.stderr.strip().splitlines()) == 1


def test_empty_file_gives_no_claims(tmp_path, run):
    # a blank file: a 0-byte one is refused, as ingest refuses it (tests/cli/test_extract_file_empty.py)
    f = tmp_path / "empty.txt"
    f.write_bytes(b"\n  \n")
    r = run(str(f), "--published", "2016-12-13", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["claims"] == []


def test_binary_junk_is_refused_naming_the_file(tmp_path, run):
    f = tmp_path / "junk.bin"
    f.write_bytes(bytes(range(256)) * 40)
    r = run(str(f), "--published", "2016-12-13")
    assert r.exit_code == 1 and "junk.bin" in r.stderr and "binary" in r.stderr


def test_twenty_megabytes_is_refused_before_reading(tmp_path, run):
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024)
    r = run(str(f), "--published", "2016-12-13")
    assert r.exit_code == 1 and "huge.txt" in r.stderr and "MB" in r.stderr


def test_missing_file_is_an_error(tmp_path, run):
    r = run(str(tmp_path / "nope.txt"), "--published", "2016-12-13")
    assert r.exit_code == 1 and "no such file" in r.stderr


def test_no_published_and_no_date_header_never_dates_from_the_clock(tmp_path, run):
    f = tmp_path / "undated.txt"
    f.write_text("Twelve civilians were killed in an air strike on al-Shaar on Monday.\n", encoding="utf-8")
    r = run(str(f), "--json")
    assert r.exit_code == 0 and "--published" in r.stderr  # the warning says what to pass
    (claim,) = json.loads(r.stdout)["claims"]
    assert claim["time"] == {"start": None, "end": None, "precision": "unknown"}


def test_a_date_header_is_the_publication_date_of_a_single_file(tmp_path, run):
    f = tmp_path / "dated.txt"
    f.write_text(
        "DATE: 2016-12-13\nOUTLET: Invented Daily\n\n"
        "Twelve civilians were killed in an air strike on al-Shaar on Monday.\n",
        encoding="utf-8",
    )
    obj = json.loads(run(str(f), "--json").stdout)
    assert obj["report"]["published"] == "2016-12-13"
    assert obj["claims"][0]["time"]["start"] == "2016-12-12"  # Monday before the header's date


def test_workspace_mode_is_rerunnable_and_keeps_reviewed_claims(workspace, run):
    from tawthiq.entities import Report
    from tawthiq.store import add_reports
    from tawthiq.store.claims import load_claims
    from tawthiq.store.tables import ClaimRow

    body = (REPORTS / "number_words_and_ranges.txt").read_text()
    with workspace.session() as s:
        [rep] = add_reports(
            s,
            [
                Report(
                    sha256="a" * 64,
                    body=body,
                    title="Shelling hits two districts",
                    published_at=date(2016, 12, 13),
                    language="en",
                )
            ],
        )
    r = run("--workspace", str(workspace.path), "--json")
    assert r.exit_code == 0, r.output
    with workspace.session() as s:
        first = load_claims(s, report_id=rep.id)
        assert len(first) == 3
        s.get(ClaimRow, first[0].id).review_status = "accepted"  # as a reviewer's decision leaves it
    assert run("--workspace", str(workspace.path)).exit_code == 0
    with workspace.session() as s:
        again = load_claims(s, report_id=rep.id)
    assert len(again) == 3  # replaced, not duplicated
    assert [c.review_status for c in again].count("accepted") == 1
    assert first[0].id in {c.id for c in again}  # the reviewed claim kept its id


def test_a_file_with_a_date_header_and_no_title_is_not_titled_by_its_date_line(tmp_path, run):
    # the title was the file's first line, "DATE: 2016-12-13"; it is the body's first line, as ingest
    # stores it and as benchmarks/annotations.title gives it to the extractor
    f = tmp_path / "untitled.txt"
    f.write_text(
        "DATE: 2016-12-13\nOUTLET: Invented Daily\n\n"
        "Air strike on al-Shaar\nTwelve civilians were killed in an air strike on al-Shaar on Monday.\n",
        encoding="utf-8",
    )
    obj = json.loads(run(str(f), "--json").stdout)
    assert obj["report"]["title"] == "Air strike on al-Shaar"


def test_a_malformed_date_header_is_not_called_missing(tmp_path, run):
    f = tmp_path / "misdated.txt"
    f.write_text(
        "DATE: 12/12/2016\n\nTwelve civilians were killed in al-Shaar on Monday.\n", encoding="utf-8"
    )
    r = run(str(f), "--json")
    assert r.exit_code == 0, r.output
    assert "misdated.txt:1: field 'DATE': '12/12/2016' is not a date" in r.stderr
    assert "no DATE: header" not in r.stderr  # it has one: it is not a date
    assert "its DATE: header is not a date" in r.stderr
    assert json.loads(r.stdout)["report"]["title"] == "Twelve civilians were killed in al-Shaar on Monday."
