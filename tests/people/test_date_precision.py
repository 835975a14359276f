"""Issue 17 item 5: a date known only to the month or the year keeps that precision.

Before: "12/2016" in a list was stored empty with a warning, and a PFIF ``date_of_birth`` of
``1988-03`` was dropped. Now each is stored as the first day of its period with the period's
precision, and shown, exported and compared at that precision — never as the first of the month.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tawthiq.entities import PersonRecord, date_text, partial_date
from tawthiq.people._values import PartialDateError, parse_partial_date

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PARTIAL = FIXTURES / "dates_known_to_the_month_or_year.csv"
PFIF = Path(__file__).resolve().parents[1] / "fixtures" / "pfif"
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
LEVANTINE = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
             "تشرين الأول", "تشرين الثاني", "كانون الأول"]  # fmt: skip
MONTH_FORMS = [
    lambda y, m: f"{m:02d}/{y}",
    lambda y, m: f"{m}/{y}",
    lambda y, m: f"{y}-{m:02d}",
    lambda y, m: f"{m:02d}.{y}".translate(INDIC),
    lambda y, m: f"{date(y, m, 1):%B} {y}",
    lambda y, m: f"{LEVANTINE[m - 1]} {y}".translate(INDIC),
]
YEAR_FORMS = [lambda y: str(y), lambda y: f"{y}م", lambda y: f"عام {y}".translate(INDIC), lambda y: y]


@given(st.integers(1900, 2030), st.integers(1, 12), st.sampled_from(MONTH_FORMS))
def test_a_month_in_any_written_form_is_kept_as_that_month(year, month, form):
    assert parse_partial_date(form(year, month)) == (date(year, month, 1), "month")


@given(st.integers(1900, 2030), st.sampled_from(YEAR_FORMS))
def test_a_year_alone_is_kept_as_that_year(year, form):
    assert parse_partial_date(form(year)) == (date(year, 1, 1), "year")


@pytest.mark.parametrize("text", ["14 December", "١٤ كانون الأول"])
def test_a_day_and_month_without_a_year_is_left_empty_with_a_warning(text):
    with pytest.raises(PartialDateError, match="has no year"):
        parse_partial_date(text)


@given(st.dates(min_value=date(1, 1, 1)), st.sampled_from(["day", "month", "year"]))
def test_the_text_of_a_date_at_its_precision_reads_back_as_the_same_period(d, precision):
    start = {"day": d, "month": d.replace(day=1), "year": d.replace(month=1, day=1)}[precision]
    assert partial_date(date_text(start, precision)) == (start, precision)


@given(st.dates(min_value=date(1900, 1, 1)), st.sampled_from(["day", "month", "year"]))
def test_a_record_reads_back_from_its_json_with_the_same_date_and_precision(d, precision):
    start = {"day": d, "month": d.replace(day=1), "year": d.replace(month=1, day=1)}[precision]
    rec = PersonRecord(list_name="l", record_id="1", event_date=start, event_date_precision=precision)
    shown = rec.model_dump(mode="json")
    assert shown["event_date"] == date_text(start, precision)
    assert PersonRecord.model_validate(shown) == rec


def test_list_import_keeps_month_and_year_and_shows_them_at_their_precision(cli, cli_json, workspace):
    out = cli_json(workspace, "people", "import", str(PARTIAL), "--list", "morgue", "--yes")
    assert out["stored"] == 5
    # only the day and month without a year cannot be kept: left empty, the user told
    assert [(w["row"], w["field"]) for w in out["warnings"]] == [(6, "event_date")]
    cli(workspace, "people", "link")
    recs = {r["record_id"]: r for p in cli_json(workspace, "people", "persons") for r in p["records"]}
    shown = {k: (r["event_date"], r["birth_date"]) for k, r in recs.items()}
    assert shown == {
        "M-1": ("2016-12", "1971"),
        "M-2": ("2016", "1994-03"),
        "M-3": ("2016-12-13", "1985-07-09"),
        "M-4": ("2016-12", None),
        "M-5": (None, None),
    }
    again = cli_json(workspace, "people", "import", str(PARTIAL), "--list", "morgue", "--yes")
    assert (again["unchanged"], again["updated"]) == (5, 0)  # precision compared like any value


def test_month_strata_count_a_month_but_never_put_a_year_alone_in_january(cli, workspace):
    from tawthiq.store.capture import capture_histories

    cli(workspace, "people", "import", str(PARTIAL), "--list", "morgue", "--yes")
    cli(workspace, "people", "link")
    with workspace.session() as s:
        table = capture_histories(s, by="month")
    strata = sorted(str(x) for x in table["stratum"])
    assert strata == ["2016-12", "2016-12", "2016-12", "None", "None"]  # M-2 ("2016") and M-5: unknown


def test_pfif_month_of_birth_is_kept_and_exported_as_the_month(cli, workspace, tmp_path):
    from tawthiq.people.pfif import parse_pfif

    src = PFIF / "personfinder_1_2_status_and_ranges.xml"  # date_of_birth 1988-03
    cli(workspace, "people", "pfif", "import", str(src), "--list", "registry")
    out = tmp_path / "out.xml"
    cli(workspace, "people", "pfif", "export", "--out", str(out))
    [person] = parse_pfif(out.read_bytes())
    assert person.fields["date_of_birth"] == "1988-03"
    assert "1988-03-01" not in out.read_text()


def test_migration_0002_gives_dates_stored_before_it_the_precision_of_a_day(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine, text

    from tawthiq.store._migrate import alembic_config, upgrade

    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        sql = "INSERT INTO person_records (list_name, record_id, event_date, status) VALUES (:l, :r, :d, :s)"
        conn.execute(text(sql), [dict(l="old", r="1", d="2016-12-13", s="killed"),
                                 dict(l="old", r="2", d=None, s="killed")])  # fmt: skip
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT record_id, event_date_precision FROM person_records ORDER BY 1"))
        assert rows.all() == [("1", "day"), ("2", None)]
