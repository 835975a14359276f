"""Spreadsheet cells that stay data: formula neutralisation, and the one CSV/XLSX table writer.

In: a header and rows of values (str, int, float, None, dates). Out: a ``.csv`` (UTF-8) or
``.xlsx`` file whose text cells can never run as formulas; the number of rows written.
Never: changes a number, or a text that is a plain number ("-3.5" stays "-3.5").

Why: a report quote, a place name or an incident note is text someone else wrote. A cell
that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets (``=cmd|' /C calc'!A0``, ``=HYPERLINK(...)`` to leak data), so
such a text cell gets a leading single quote, as the OWASP "CSV Injection" page recommends:
the analyst sees the text, the spreadsheet never evaluates it (issue 21).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["FORMULA_STARTS", "neutralise_cell", "write_table"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise_cell(value: Any) -> Any:
    """A text that a spreadsheet would read as a formula gets a leading ``'``; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write ``header`` and ``rows`` as CSV, or as XLSX when ``path`` ends in ``.xlsx``."""
    if path.suffix.lower() == ".xlsx":
        return _write_xlsx(path, header, rows)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([neutralise_cell(h) for h in header])
        for row in rows:
            w.writerow(["" if v is None else neutralise_cell(v) for v in row])
            n += 1
    return n


# Characters XML 1.0 cannot hold (openpyxl refuses them): shown as U+FFFD in the sheet.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xlsx_cell(value: Any) -> Any:
    value = neutralise_cell(value)
    return _XML_ILLEGAL.sub("\ufffd", value) if isinstance(value, str) else value


def _write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    from openpyxl import Workbook  # heavy; only when an XLSX goes out

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([_xlsx_cell(h) for h in header])
    n = 0
    for row in rows:
        # openpyxl itself turns any str starting with "=" into a formula: neutralised first
        sheet.append([_xlsx_cell(v) for v in row])
        n += 1
    book.save(path)
    return n
