"""Issue 21, list side: CSV and JSON-lines lists that ended in a traceback or merged silently.

Each answer is an ``InputError`` naming the file and line (a row error, or the whole file
refused): never ``TypeError`` from the delimiter sniffer, ``_csv.Error``, ``RecursionError``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.errors import InputError, ParseError
from tawthiq.people import build_records, guess_mapping, mapping_from_yaml, read_table

TRAPS = Path(__file__).resolve().parents[1] / "fixtures" / "traps"


def _import(path: Path):
    table = read_table(path)
    return table, build_records(table, guess_mapping(table.headers, table.rows), "list")


def test_csv_one_column_no_delimiter_is_one_column_of_names():
    table, result = _import(TRAPS / "csv_one_column_no_delimiter.csv")
    assert table.headers == ("name",)
    assert [r.name_latin for r in result.records] == ["Ahmad Khalil", "Mahmoud Haj Ali"]
    assert not result.errors


def test_csv_empty_is_refused_as_empty():
    with pytest.raises(ParseError, match="empty"):
        read_table(TRAPS / "csv_empty.csv")


def test_csv_header_only_has_no_rows_and_no_crash():
    table, result = _import(TRAPS / "csv_header_only.csv")
    assert table.headers == ("id", "name", "age") and result.rows == 0 and not result.records


def test_csv_ragged_rows_more_cells_than_the_header_are_row_errors_with_their_line():
    _table, result = _import(TRAPS / "csv_ragged_rows.csv")
    assert [r.name_latin for r in result.records] == ["Ahmad Khalil", "Omar"]
    [error] = result.errors
    assert error.line == 3 and "3 cells but the header has 1 columns" in str(error)


def test_csv_unterminated_quote_is_reported_with_its_line_not_merged_into_one_name():
    _table, result = _import(TRAPS / "csv_unterminated_quote_swallows_next_line.csv")
    assert not result.records  # never one record named "Ahmad\n2,B"
    [error] = result.errors
    assert error.line == 2 and "never closed" in str(error) and "lines 2–3" in str(error)


def test_csv_text_after_a_closing_quote_is_a_row_error_and_the_next_row_is_read():
    _table, result = _import(TRAPS / "csv_text_after_closing_quote.csv")
    assert [r.record_id for r in result.records] == ["2"]
    assert [e.line for e in result.errors] == [2]


def test_csv_field_over_131072_characters_is_a_row_error(tmp_path):
    path = tmp_path / "csv_field_over_131072_characters.csv"
    path.write_text("id,name\n1," + "x" * 140_000 + "\n2,Omar\n", encoding="utf-8")
    _table, result = _import(path)
    assert [r.record_id for r in result.records] == ["2"]
    [error] = result.errors
    assert error.line == 2 and "131,072 characters" in str(error)


@pytest.mark.parametrize(
    ("name", "words", "field"),
    [
        ("jsonl_3000_nested_brackets.jsonl", "nested too deeply", None),
        ("jsonl_integer_over_4300_digits.jsonl", "4,300 digits", None),
        ("jsonl_lone_surrogate.jsonl", "surrogate", "body"),
        ("jsonl_nul_escape.jsonl", "NUL", "body"),
    ],
)
def test_jsonl_list_traps_are_line_errors(name, words, field):
    table = read_table(TRAPS / name)
    [error] = table.errors
    assert (error.line, error.field) == (1, field) and words in str(error)


def test_mapping_yaml_with_invalid_bytes_or_deep_nesting_is_an_input_error():
    with pytest.raises(InputError):
        mapping_from_yaml(TRAPS / "policy_invalid_utf8.yaml")
    with pytest.raises(InputError, match=r"nested too deeply|not valid YAML"):
        mapping_from_yaml(TRAPS / "policy_3000_nested_brackets.yaml")


@pytest.mark.parametrize(
    "name",
    [
        "csv_one_column_no_delimiter.csv",
        "csv_empty.csv",
        "csv_header_only.csv",
        "csv_ragged_rows.csv",
        "csv_unterminated_quote_swallows_next_line.csv",
        "jsonl_3000_nested_brackets.jsonl",
        "jsonl_integer_over_4300_digits.jsonl",
        "jsonl_lone_surrogate.jsonl",
    ],
)
def test_people_import_cli_answers_every_trap_without_a_traceback(cli, workspace, name):
    result = cli(workspace, "people", "import", str(TRAPS / name), "--list", "l", "--yes", ok=False)
    assert result.exit_code in (0, 1), result.exception
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr


def test_a_long_cell_in_a_date_column_is_refused_at_once_with_a_short_message(tmp_path):
    path = tmp_path / "csv_date_cell_100000_chars.csv"
    path.write_text("id,name,date of death\n1,Ahmad," + "1 " * 50_000 + "\n", encoding="utf-8")
    _table, result = _import(path)
    [error] = result.errors
    assert error.field == "event_date" and len(error.message) < 120


def test_a_folder_or_unreadable_path_is_an_input_error_not_an_os_error(tmp_path):
    folder = tmp_path / "list.csv"
    folder.mkdir()
    with pytest.raises(InputError):
        read_table(folder)
    with pytest.raises(InputError):
        mapping_from_yaml(folder)
