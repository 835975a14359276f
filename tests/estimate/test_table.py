"""Reading contingency tables: what a user gets wrong, and the message that says where."""

from __future__ import annotations

import pandas as pd
import pytest

from tawthiq.errors import EncodingError, InputError
from tawthiq.estimate import read_table, table_from_histories

GOOD = "A,B,C,count\n1,0,0,50\n0,1,0,40\n0,0,1,30\n1,1,0,10\n1,0,1,8\n0,1,1,6\n1,1,1,2\n"


def test_reads_lists_counts_sizes_and_overlaps(write_csv):
    (t,) = read_table(write_csv(GOOD))
    assert t.lists == ("A", "B", "C")
    assert t.observed == 146
    assert t.list_sizes() == {"A": 70, "B": 58, "C": 46}
    assert t.overlaps() == {"A&B": 12, "A&C": 10, "B&C": 8}


def test_repeated_pattern_rows_are_added_not_overwritten(write_csv):
    (t,) = read_table(write_csv("A,B,count\n1,0,3\n1,0,4\n1,1,1\n"))
    assert t.observed == 8
    assert t.list_sizes()["A"] == 8


def test_count_for_the_all_zero_cell_is_refused_naming_line_and_field(write_csv):
    with pytest.raises(InputError) as exc:
        read_table(write_csv("A,B,count\n1,0,3\n0,0,12\n1,1,1\n"))
    assert exc.value.line == 3
    assert exc.value.field == "count"
    assert "table.csv:3" in str(exc.value)


def test_all_zero_row_with_count_zero_is_ignored_with_a_note(write_csv):
    (t,) = read_table(write_csv("A,B,count\n0,0,0\n1,0,3\n1,1,1\n"))
    assert t.observed == 4
    assert any("all-zero" in n for n in t.notes)


def test_list_value_other_than_0_or_1_names_line_and_column(write_csv):
    with pytest.raises(InputError) as exc:
        read_table(write_csv("A,B,count\n1,0,3\n2,1,1\n"))
    assert (exc.value.line, exc.value.field) == (3, "A")


def test_negative_and_non_numeric_counts_are_all_reported(write_csv):
    with pytest.raises(InputError) as exc:
        read_table(write_csv("A,B,count\n1,0,-3\n0,1,many\n1,1,1\n"))
    text = str(exc.value)
    assert "table.csv:2: field 'count'" in text and "table.csv:3: field 'count'" in text


def test_a_bad_list_cell_is_reported_with_every_other_bad_row_not_alone(write_csv):
    # the first cell that was not 0/1 stopped the reading: a user fixed it, ran again, met the next one
    with pytest.raises(InputError) as exc:
        read_table(write_csv("A,B,count\n1,0,3\n0,1,x\n2,1,3\n1,3,1\n0,0,5\n"))
    text = str(exc.value)
    for where in (
        "table.csv:3: field 'count'",
        "table.csv:4: field 'A'",
        "table.csv:5: field 'B'",
        "table.csv:6: field 'count'",
    ):
        assert where in text


def test_missing_count_column(write_csv):
    with pytest.raises(InputError) as exc:
        read_table(write_csv("A,B,n\n1,0,3\n"))
    assert exc.value.field == "count"


def test_ragged_row_names_its_line(write_csv):
    with pytest.raises(InputError) as exc:
        read_table(write_csv("A,B,count\n1,0,3\n0,1\n"))
    assert exc.value.line == 3


def test_latin1_bytes_are_an_encoding_error(tmp_path):
    p = tmp_path / "latin.csv"
    p.write_bytes("Liste_é,B,count\n1,0,3\n".encode("latin-1"))
    with pytest.raises(EncodingError):
        read_table(p)


def test_missing_file_and_empty_file(tmp_path, write_csv):
    with pytest.raises(InputError, match="not found"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="empty"):
        read_table(write_csv(""))


def test_by_splits_strata_and_unknown_by_column_is_named(write_csv):
    text = "A,B,count,region\n1,0,3,north\n0,1,2,north\n1,1,1,north\n1,0,5,south\n1,1,2,south\n"
    tables = read_table(write_csv(text), by="region")
    assert [t.stratum for t in tables] == ["north", "south"]
    assert [t.observed for t in tables] == [6, 7]
    with pytest.raises(InputError) as exc:
        read_table(write_csv(text), by="month")
    assert exc.value.field == "month"


def test_label_column_without_by_is_pooled_with_a_note(write_csv):
    text = "A,B,count,region\n1,0,3,north\n1,0,5,south\n1,1,2,south\n"
    (t,) = read_table(write_csv(text))
    assert t.observed == 10
    assert any("region" in n for n in t.notes)


def test_histories_ignore_people_on_no_list_and_keep_unknown_strata():
    df = pd.DataFrame({"A": [1, 1, 0, 0], "B": [0, 1, 1, 0], "stratum": ["2016-12", None, "2016-12", "x"]})
    tables = table_from_histories(df, ["A", "B"], by="stratum")
    assert {t.stratum: t.observed for t in tables} == {"2016-12": 2, "unknown": 1}


def test_a_list_holding_nobody_is_left_out_with_a_note(write_csv):
    from tawthiq.estimate import loglinear

    (t,) = read_table(write_csv("A,B,C,D,count\n1,0,0,0,30\n0,1,0,0,20\n1,1,0,0,10\n0,0,1,0,15\n1,0,1,0,5\n"))
    e = loglinear(t).estimate
    assert e.lists == ("A", "B", "C")
    assert any("D" in n and "nobody" in n for n in e.diagnostics["notes"])
