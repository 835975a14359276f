"""Issue 17 item 5: a report dated only to the month or the year keeps that precision.

Before: ``DATE: 2016-12`` was refused (a warning, no date), so every relative time of the report
was unknown; had it been read as 2016-12-01, "yesterday" would have become 30 November, a day the
report never gave. Now the report is stored at the month, its relative times span the month
(precision ``month``), its absolute dates stay days, and the web, the API and the exports show
each at its precision.
"""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from tawthiq.entities import Report
from tawthiq.extract import extract_claims_in_period
from tawthiq.ingest._headers import parse_report_date

RELATIVE = (
    "Yesterday at least 12 civilians were killed in air strikes on al-Sukkari in Aleppo, activists said."
)
ABSOLUTE = (
    "On 12 December 2016, at least 30 civilians were killed by shelling in Bustan al-Qasr, "
    "the civil defence said."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-12", (date(2016, 12, 1), "month")),
        ("2016", (date(2016, 1, 1), "year")),
        ("2016-12-13", (date(2016, 12, 13), "day")),
        ("2016-12-13T08:00", (date(2016, 12, 13), "day")),
    ],
)
def test_a_report_date_is_read_with_how_much_of_it_is_known(text, expected):
    assert parse_report_date(text, path="r.txt", field="DATE") == expected


@pytest.mark.parametrize("text", ["2016-13", "2016-00", "16-12", "12/2016x"])
def test_a_month_that_is_not_one_is_refused_naming_the_field(text):
    from tawthiq.errors import InputError

    with pytest.raises(InputError, match="field 'DATE'"):
        parse_report_date(text, path="r.txt", field="DATE")


def test_a_relative_time_spans_the_month_and_an_absolute_date_stays_a_day():
    claims = extract_claims_in_period(f"{RELATIVE}\n\n{ABSOLUTE}", date(2016, 12, 1), "month")
    times = {c.quote[:9]: c.time for c in claims}
    rel, ab = times["Yesterday"], times["On 12 Dec"]
    assert rel.precision == "month" and rel.start <= date(2016, 12, 1) and rel.end >= date(2016, 12, 30)
    assert (ab.start, ab.end, ab.precision) == (date(2016, 12, 12), date(2016, 12, 12), "day")
    # a day-dated report is read exactly as before
    day = extract_claims_in_period(RELATIVE, date(2016, 12, 14), "day")
    assert (day[0].time.start, day[0].time.precision) == (date(2016, 12, 13), "day")


@pytest.mark.parametrize(
    ("span", "text"),
    [
        ((date(2016, 12, 12), date(2016, 12, 12), "day"), "2016-12-12"),
        ((date(2016, 11, 30), date(2016, 12, 30), "month"), "2016-11-30 – 2016-12-30"),
        ((date(2016, 12, 1), date(2016, 12, 31), "month"), "2016-12"),
        ((date(2016, 1, 1), date(2016, 12, 31), "year"), "2016"),
        ((date(2016, 12, 1), date(2016, 12, 31), "days"), "2016-12-01 – 2016-12-31"),  # days, not "a month"
        ((None, date(2016, 12, 13), "days"), "… – 2016-12-13"),
        ((None, None, "unknown"), ""),
    ],
)
def test_a_time_span_reads_as_a_day_a_span_a_month_or_a_year(span, text):
    from tawthiq.entities import TimeSpan

    start, end, precision = span
    assert TimeSpan(start=start, end=end, precision=precision).text() == text


def test_a_report_model_without_a_precision_is_a_day_and_shows_at_its_precision():
    assert Report(sha256="x", published_at=date(2016, 12, 13)).published_precision == "day"
    month = Report(sha256="x", published_at=date(2016, 12, 1), published_precision="month")
    assert month.published_text == "2016-12"
    assert Report(sha256="x", published_precision="month").published_precision is None


def test_a_month_dated_report_keeps_its_month_from_ingest_to_the_exports(workspace, cli, cli_json, tmp_path):
    report = tmp_path / "month.txt"
    report.write_text(f"DATE: 2016-12\nTITLE: Strikes on al-Sukkari\n\n{RELATIVE}\n\n{ABSOLUTE}\n", "utf-8")
    lines = tmp_path / "year.jsonl"
    lines.write_text(json.dumps({"body": ABSOLUTE, "published_at": "2016"}) + "\n", "utf-8")
    cli(workspace, "ingest", str(report), str(lines), "--published-from-header")
    stored = {r["file_name"]: r for r in cli_json(workspace, "reports")}
    assert (stored["month.txt"]["published_at"], stored["month.txt"]["published_precision"]) == (
        "2016-12",
        "month",
    )
    assert (stored["year.jsonl"]["published_at"], stored["year.jsonl"]["published_precision"]) == (
        "2016",
        "year",
    )
    cli(workspace, "extract")
    claims = cli_json(workspace, "claims", "list")["items"]
    by_quote = {c["quote"][:9]: c["time"] for c in claims}
    # the claims table's date column shows the month-long span, not its first day as the date
    from tawthiq.cli.claims import _when
    from tawthiq.entities import Claim

    month_claim = Claim.model_validate({"time": by_quote["Yesterday"]})
    assert _when(month_claim) == f"{by_quote['Yesterday']['start']} – {by_quote['Yesterday']['end']}"
    assert by_quote["Yesterday"]["precision"] == "month"
    assert by_quote["On 12 Dec"] == {"start": "2016-12-12", "end": "2016-12-12", "precision": "day"}
    cli(workspace, "claims", "approve", "--all", "--reason", "test batch")
    cli(workspace, "corroborate")
    cli(workspace, "export", "acled", "--out", str(tmp_path / "a"))
    cli(workspace, "export", "ged", "--out", str(tmp_path / "g"))
    acled = pd.read_csv(tmp_path / "a" / "acled.csv")
    ged = pd.read_csv(tmp_path / "g" / "ged.csv")
    assert set(acled[acled.location == "al-Sukkari"].time_precision) == {3}  # ACLED: within the month
    assert set(ged[ged.where_coordinates == "al-Sukkari"].date_prec) == {4}  # GED: a month
    assert set(acled[acled.location == "Bustan al-Qasr"].time_precision) == {1}
    # GED's source_date is the report's date at its precision, never a first of the month
    assert set(ged[ged.where_coordinates == "al-Sukkari"].source_date) == {"2016-12"}


def test_published_on_the_command_line_may_be_a_month_for_files_that_carry_no_date(
    workspace, cli, cli_json, tmp_path
):
    plain = tmp_path / "undated.txt"
    plain.write_text(RELATIVE + "\n", "utf-8")
    cli(workspace, "ingest", str(plain), "--published", "2016-12")
    (rep,) = cli_json(workspace, "reports")
    assert (rep["published_at"], rep["published_precision"]) == ("2016-12", "month")
    res = cli(workspace, "ingest", str(plain), "--published", "2016-13", ok=False)
    assert res.exit_code == 1 and "field '--published'" in res.stderr


def test_migration_0003_gives_reports_stored_before_it_the_precision_of_a_day(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine, text

    from tawthiq.store._migrate import alembic_config, upgrade

    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(engine), "0002_date_precision")
    with engine.begin() as conn:
        sql = (
            "INSERT INTO reports (status, sha256, size, media_type, channel, part, received_at, published_at,"
            " body) VALUES ('stored', :sha, 0, 'text/plain', 'file', 0, '2016-12-14 00:00:00', :d, '')"
        )
        conn.execute(text(sql), [dict(sha="a", d="2016-12-13"), dict(sha="b", d=None)])
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT sha256, published_precision FROM reports ORDER BY 1"))
        assert rows.all() == [("a", "day"), ("b", None)]
