"""`tawthiq people import`: bad rows named by row and field, good rows kept, mappings, re-import."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD = FIXTURES / "arabic_headers_bad_rows.csv"


@pytest.fixture
def lists(cli_json):
    return lambda ws: {x["name"]: x for x in cli_json(ws, "people", "lists")}


@pytest.fixture
def records(cli, cli_json):
    """Link, then every stored record by its list's own id."""

    def run(ws):
        cli(ws, "people", "link")
        return {r["record_id"]: r for p in cli_json(ws, "people", "persons") for r in p["records"]}

    return run


def test_bad_rows_are_named_by_row_and_field_and_good_rows_are_stored(cli, workspace, lists):
    result = cli(workspace, "people", "import", str(BAD), "--list", "vdc", "--yes", "--json", ok=False)
    out = json.loads(result.stdout)
    assert {(e["row"], e["field"]) for e in out["errors"]} == {
        (3, "age"),  # 'سبعة' written out in words
        (4, "event_date"),  # month 13
        (5, "name"),  # empty name
        (6, "sex"),  # 'ربما'
        (7, "record_id"),  # ق-1 a second time
    }
    assert out["warnings"] == []  # row 8's month and year alone are kept as a month (issue 17)
    assert (out["rows"], out["stored"], out["inserted"]) == (8, 3, 3)
    assert "arabic_headers_bad_rows.csv:3: field 'age'" in result.stderr
    assert lists(workspace)["vdc"]["records"] == 3


def test_refused_rows_exit_1_as_ingest_does_and_the_accepted_rows_stay_stored(cli, workspace, lists):
    text = cli(workspace, "people", "import", str(BAD), "--list", "vdc", "--yes", ok=False)
    assert text.exit_code == 1 and "5 refused" in text.stdout
    assert lists(workspace)["vdc"]["records"] == 3  # nothing accepted is lost
    again = cli(workspace, "people", "import", str(BAD), "--list", "vdc", "--yes", "--json", ok=False)
    out = json.loads(again.stdout)
    assert again.exit_code == out["exit_code"] == 1
    assert {(e["file"], e["line"], e["field"]) for e in out["errors"]} >= {(str(BAD), 3, "age")}
    clean = FIXTURES / "overlap_a.csv"
    ok = cli(workspace, "people", "import", str(clean), "--list", "a", "--yes", "--json")
    assert ok.exit_code == json.loads(ok.stdout)["exit_code"] == 0


def test_row_errors_never_print_the_person_s_name(cli, workspace):
    result = cli(workspace, "people", "import", str(BAD), "--list", "vdc", "--yes", ok=False)
    assert "row refused" in result.stderr
    for name in ("نجلاء", "منير", "وائل", "شادي"):  # the refused rows' people
        assert name not in result.stderr


def test_values_are_parsed_from_arabic_words_and_arabic_indic_digits(cli, workspace, records):
    cli(workspace, "people", "import", str(BAD), "--list", "vdc", "--yes", ok=False)
    recs = records(workspace)
    first = recs["ق-1"]
    values = (first["sex"], first["age"], first["event_date"], first["status"])
    assert values == ("m", 42, "2016-12-03", "killed")
    assert (first["given_name"], first["family_name"]) == ("سليم", "الفرا")
    assert recs["ق-7"]["event_date"] == "2016-12" and recs["ق-7"]["status"] == "missing"  # a month, kept
    assert recs["ق-8"]["event_date"] == "2016-12-11" and recs["ق-8"]["status"] == "detained"


def test_guessed_mapping_is_not_used_unconfirmed_when_nobody_can_answer(cli, workspace, lists):
    result = cli(workspace, "people", "import", str(BAD), "--list", "vdc", ok=False)
    assert result.exit_code == 1
    assert "--map 'الرقم=record_id'" in result.stderr and "--yes" in result.stderr
    assert "vdc" not in lists(workspace)


def test_guessed_mapping_is_used_when_the_user_says_yes_at_the_prompt(cli, workspace, lists, monkeypatch):
    monkeypatch.setattr("tawthiq.cli.people._interactive", lambda: True)
    cli(workspace, "people", "import", str(BAD), "--list", "vdc", input="y\n", ok=False)
    assert lists(workspace)["vdc"]["records"] == 3


def test_mapping_from_yaml_file_and_from_the_command_line_agree(cli_json, workspace):
    by_file = cli_json(workspace, "people", "import", str(BAD), "--list", "a",
                       "--mapping", str(FIXTURES / "mapping_vdc.yaml"), ok=False)  # fmt: skip
    maps = [x for column, fld in by_file["mapping"].items() for x in ("--map", f"{column}={fld}")]
    by_args = cli_json(workspace, "people", "import", str(BAD), "--list", "b", *maps, ok=False)
    assert by_file["stored"] == by_args["stored"] == 3
    assert by_file["errors"] == by_args["errors"]


def test_unknown_field_or_column_in_mapping_is_refused_with_the_choices(cli, workspace):
    result = cli(workspace, "people", "import", str(BAD), "--list", "a", "--map", "الاسم=fullname",
                 "--map", "Nom=name_ar", ok=False)  # fmt: skip
    assert result.exit_code == 1
    assert "'fullname': unknown field" in result.stderr and "name_latin" in result.stderr
    assert "'Nom': no such column" in result.stderr


def test_reimporting_a_list_updates_by_record_id_without_duplicating(cli_json, workspace, tmp_path, lists):
    first = cli_json(workspace, "people", "import", str(BAD), "--list", "vdc", "--yes", ok=False)
    again = cli_json(workspace, "people", "import", str(BAD), "--list", "vdc", "--yes", ok=False)
    assert (first["inserted"], again["inserted"], again["unchanged"]) == (3, 0, 3)
    changed = tmp_path / "vdc.csv"
    changed.write_text(BAD.read_text("utf-8").replace(",٤٢,", ",٤٣,"), "utf-8")
    third = cli_json(workspace, "people", "import", str(changed), "--list", "vdc", "--yes", ok=False)
    assert (third["inserted"], third["updated"], third["unchanged"]) == (0, 1, 2)
    assert lists(workspace)["vdc"]["records"] == 3


def test_strict_import_stores_nothing_when_a_row_is_bad(cli, workspace, lists):
    result = cli(workspace, "people", "import", str(BAD), "--list", "vdc", "--yes", "--strict", ok=False)
    assert result.exit_code == 1 and "nothing stored" in result.stderr
    assert "vdc" not in lists(workspace)


def test_json_lines_report_broken_lines_and_out_of_range_ages(cli_json, workspace):
    path = FIXTURES / "families_en.jsonl"
    out = cli_json(workspace, "people", "import", str(path), "--list", "fam", "--yes", ok=False)
    assert {(e["row"], e["field"]) for e in out["errors"]} == {(3, None), (4, "age"), (5, None)}
    assert out["stored"] == 2
    assert out["mapping"]["first name"] == "given_name" and out["mapping"]["father"] == "father_name"


def test_xlsx_with_english_headers_and_excel_dates(cli_json, workspace, tmp_path, records):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Victim ID", "Full name", "Gender", "Age (years)", "Date of death", "Status"])
    sheet.append([17, "Karim Nader al-Farra", "M", 40.0, datetime(2016, 12, 3), "Killed"])
    sheet.append([18, "Hala Karim al-Farra", "F", None, "04/12/2016", "wounded"])
    path = tmp_path / "victims.xlsx"
    book.save(path)
    out = cli_json(workspace, "people", "import", str(path), "--list", "xl", "--yes")
    assert out["mapping"] == {
        "Victim ID": "record_id", "Full name": "name_latin", "Gender": "sex", "Age (years)": "age",
        "Date of death": "event_date", "Status": "status",
    }  # fmt: skip
    assert out["stored"] == 2 and out["errors"] == []
    recs = records(workspace)
    assert recs["17"]["age"] == 40 and recs["17"]["event_date"] == "2016-12-03"
    assert recs["18"]["status"] == "injured" and recs["18"]["sex"] == "f"


def test_windows_arabic_encoding_and_semicolons_are_detected(cli_json, workspace, tmp_path):
    text = BAD.read_text("utf-8").replace(",", ";")
    text = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))  # cp1256 has no Arabic-Indic digits
    path = tmp_path / "cp1256.csv"
    path.write_bytes(text.encode("cp1256"))
    out = cli_json(workspace, "people", "import", str(path), "--list", "win", "--yes", ok=False)
    assert out["mapping"]["الاسم"] == "name_ar"
    assert out["stored"] == 3


def test_old_excel_files_are_refused_naming_the_file_and_the_way_out(cli, workspace, tmp_path):
    path = tmp_path / "list.xls"
    shutil.copy(BAD, path)
    result = cli(workspace, "people", "import", str(path), "--list", "x", ok=False)
    assert result.exit_code == 1 and "list.xls" in result.stderr and ".xlsx" in result.stderr


def test_tab_separated_list_with_commas_inside_names(cli_json, workspace, tmp_path):
    path = tmp_path / "list.tsv"
    path.write_text("id\tname\tage\n1\tFarra, Selim Abd al-Karim\t42\n2\tFarra, Najla Selim\t7\n", "utf-8")
    out = cli_json(workspace, "people", "import", str(path), "--list", "t", "--yes")
    assert out["mapping"] == {"id": "record_id", "name": "name_latin", "age": "age"}
    assert out["stored"] == 2 and out["errors"] == []


def test_reordered_rows_are_unchanged_records_on_reimport(cli_json, workspace, tmp_path):
    header, *rows = (FIXTURES / "overlap_a.csv").read_text("utf-8").splitlines()
    cli_json(workspace, "people", "import", str(FIXTURES / "overlap_a.csv"), "--list", "a", "--yes")
    shuffled = tmp_path / "overlap_a.csv"
    shuffled.write_text("\n".join([header, *reversed(rows)]) + "\n", "utf-8")
    again = cli_json(workspace, "people", "import", str(shuffled), "--list", "a", "--yes")
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 6)


@pytest.mark.parametrize(
    "header",
    ["الرقم,الاسم,رقم الهوية,العنوان", "ID,Name,ID number,Address"],
    ids=["arabic", "english"],
)
def test_id_number_and_address_columns_are_recognised_and_kept(cli_json, workspace, tmp_path, header):
    f = tmp_path / "list.csv"
    f.write_text(f"{header}\n1,سامر يحيى الزعتري,٤٠١٢٣٤٥٦٧,حي الرمال - شارع ١٢\n", "utf-8")
    out = cli_json(workspace, "people", "import", str(f), "--list", "l", "--yes")
    assert sorted(out["mapping"].values()) == ["address", "name_ar", "national_id", "record_id"]
    cli_json(workspace, "people", "link")
    (rec,) = [r for p in cli_json(workspace, "people", "persons") for r in p["records"]]
    assert (rec["record_id"], rec["national_id"], rec["address"]) == ("1", "٤٠١٢٣٤٥٦٧", "حي الرمال - شارع ١٢")


def test_a_list_with_a_header_and_no_rows_says_so_before_guessing_a_mapping(cli, workspace, tmp_path):
    # the walk of session 22: a header-only CSV showed the guessed mapping (at a terminal it asks to
    # confirm it), then "no good rows among 0"; the file's real problem comes first, naming the file
    header_only = tmp_path / "victims.csv"
    header_only.write_text("ref,full name,sex,age,date of death\n", encoding="utf-8")
    result = cli(workspace, "people", "import", str(header_only), "--list", "v", ok=False)
    assert result.exit_code == 1
    assert "Guessed the column mapping" not in result.stderr
    assert f"{header_only}: the file has its header row but no rows of people under it" in result.stderr
    as_json = cli(workspace, "people", "import", str(header_only), "--list", "v", "--json", ok=False)
    out = json.loads(as_json.stdout)
    assert out["error"]["code"] == "bad_input" and out["error"]["file"] == str(header_only)
