"""A victim, detainee or missing list (CSV, XLSX, JSON lines) -> PersonRecords and row errors.

In: a file path, a column mapping (``{column: field}``, from the command line, a YAML file or
guessed from Arabic or English headers) and the list's name.
Out: :class:`ImportResult` — the good rows as :class:`~tawthiq.entities.PersonRecord` (``id``
unset), every bad row as an :class:`~tawthiq.errors.InputError` naming file, row and field,
and warnings (a date without its year, left empty) the same way. A month or a year alone
("12/2016", "2016") is kept with its precision (``event_date_precision``).
Never: touches the database, stops at the first bad row, or puts a name into a message
(messages name the row and the field; the value only for fields that are not names).

Reading: CSV and JSON-lines bytes are decoded by :func:`tawthiq.ingest.decode_text` (a BOM,
then strict UTF-8, then charset-normalizer; corrupt UTF-8 is refused with its line); the CSV
delimiter is the one the header line uses most (one column when it uses none); XLSX through
openpyxl (first sheet, first non-empty row as headers); JSON lines one object a line, through
:func:`tawthiq.ingest.load_json_line`.

Whatever a file holds, the readers answer with :class:`~tawthiq.errors.InputError` (file, line,
field), never another exception (issue 21). A row the CSV parser cannot read — a quote never
closed, text after a closing quote, a cell over 131,072 characters, more cells than the header —
is a row error with its line, not a silent merge into the row before.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from tawthiq.entities import PersonRecord
from tawthiq.errors import InputError, ParseError
from tawthiq.people._values import (
    PartialDateError,
    fold,
    parse_age,
    parse_partial_date,
    parse_sex,
    parse_status,
    to_text,
)
from tawthiq.people.names import split_name

__all__ = [
    "FIELDS",
    "ImportResult",
    "Table",
    "build_records",
    "check_mapping",
    "guess_mapping",
    "mapping_from_args",
    "mapping_from_yaml",
    "read_table",
    "split_full_name",
]

FIELDS: tuple[str, ...] = (
    "record_id", "name_ar", "name_latin", "given_name", "father_name", "grandfather_name",
    "family_name", "sex", "age", "birth_date", "event_date", "place", "national_id", "address", "status",
)  # fmt: skip
_PARTS = ("given_name", "father_name", "grandfather_name", "family_name")
_NAME_FIELDS = ("name_ar", "name_latin", *_PARTS)


@dataclass(frozen=True)
class Table:
    """A list as read: its headers and its rows, each with the row number the user sees."""

    path: Path
    headers: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, Any]], ...]
    errors: tuple[InputError, ...] = ()  # lines that are not rows at all (bad JSON)
    sha256: str = ""  # of the file's bytes, for the audit log


@dataclass(frozen=True)
class ImportResult:
    records: tuple[PersonRecord, ...]
    errors: tuple[InputError, ...] = ()
    warnings: tuple[InputError, ...] = ()
    rows: int = 0
    mapping: Mapping[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- reading


def read_table(path: str | Path) -> Table:
    """Read CSV/TSV, XLSX or JSON lines by the file's extension."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", path=path)
    suffix = path.suffix.lower()
    readers = {".csv": _read_csv, ".tsv": _read_csv, ".txt": _read_csv, ".xlsx": _read_xlsx,
               ".xlsm": _read_xlsx, ".jsonl": _read_jsonl, ".ndjson": _read_jsonl,
               ".json": _read_jsonl}  # fmt: skip
    if suffix == ".xls":
        raise ParseError("old Excel .xls files are not read: save the sheet as .xlsx or .csv", path=path)
    if suffix not in readers:
        raise ParseError(f"unknown list format {suffix!r} (use .csv, .tsv, .xlsx or .jsonl)", path=path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or type(exc).__name__})", path=path) from None
    table = readers[suffix](path, data)
    return replace(table, sha256=hashlib.sha256(data).hexdigest())


def _decode(path: Path, data: bytes) -> str:
    # tawthiq.ingest imported here, not at the top: its package brings the store (SQLAlchemy,
    # Alembic, Jinja), 0.4 CPU s that ``from tawthiq.people import link_records`` does not need.
    from tawthiq.ingest import decode_text

    return decode_text(data, str(path))[0]


def _unique(headers: Iterable[Any]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(headers, start=1):
        name = to_text(h) or f"column {i}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return tuple(out)


_DELIMITERS = ",;\t|"
_QUOTED = re.compile(r'"[^"]*"?')


def _delimiter(path: Path, header: str) -> str:
    """The candidate found most often in the header line outside quotes.

    A one-column list (no candidate at all) is read with ``,`` (``\\t`` for .tsv), so it is one
    column, not a crash (issue 21: csv.Sniffer gives up on one column, an empty file, ragged rows).
    The header decides rather than a sniffer over the rows: deterministic, linear, and a cell
    holding commas further down cannot change it.
    """
    bare = _QUOTED.sub("", header)
    best = max(_DELIMITERS, key=bare.count)
    if bare.count(best):
        return best
    return "\t" if path.suffix.lower() == ".tsv" else ","


def _csv_problem(exc: csv.Error, path: Path, start: int, end: int) -> ParseError:
    msg = str(exc)
    if "unexpected end of data" in msg:
        text = (f"a quote opened on line {start} is never closed: lines {start}–{end} are not read "
                "as rows (close the quote, or double a quote inside a cell: \"\")")  # fmt: skip
    elif "field limit" in msg:
        text = (f"a cell over {csv.field_size_limit():,} characters "
                "(an unclosed quote swallowing the lines after it, or not a list)")  # fmt: skip
    elif "expected after" in msg:
        text = 'text after a closing quote (a quote inside a cell must be doubled: "")'
    else:
        text = f"not CSV here ({msg})"
    return ParseError(text, path=path, line=start)


def _read_csv(path: Path, data: bytes) -> Table:
    text = _decode(path, data)
    header_line = next((line for line in text.split("\n", 64)[:64] if line.strip()), "")
    delimiter = _delimiter(path, header_line)
    # strict: a quote left open or text after a closing quote is an error with its line, never
    # a silent merge of the next line into a cell (issue 21: `1,"Ahmad` / `2,B` became one name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    headers: tuple[str, ...] = ()
    rows = []
    errors: list[InputError] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the reader starts afresh on the next line
            errors.append(_csv_problem(exc, path, start, reader.line_num))
            continue
        if not any(c.strip() for c in cells):
            continue
        if not headers:
            headers = _unique(cells)
            continue
        if len(cells) > len(headers) and any(c.strip() for c in cells[len(headers) :]):
            errors.append(ParseError(
                f"{len(cells)} cells but the header has {len(headers)} columns "
                f"(a {_DELIMITER_NAMES[delimiter]} inside a cell that is not quoted?)",
                path=path, line=start))  # fmt: skip
            continue
        rows.append((start, dict(zip(headers, cells, strict=False))))
    if not headers:
        if errors:
            raise errors[0]
        raise ParseError("the file is empty (no header row)", path=path)
    return Table(path, headers, tuple(rows), tuple(errors))


_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}


def _read_xlsx(path: Path, data: bytes) -> Table:
    from openpyxl import load_workbook  # heavy; only when an XLSX comes in

    headers: tuple[str, ...] = ()
    rows = []
    number = 0
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, InvalidFileException…
        raise ParseError(f"not a readable .xlsx workbook ({type(exc).__name__})", path=path) from None
    try:
        if not book.worksheets:
            raise ParseError("the workbook has no sheet", path=path)
        sheet = book.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not any(to_text(c) for c in cells):
                continue
            if not headers:
                headers = _unique(cells)
                continue
            rows.append((number, dict(zip(headers, cells, strict=False))))
    except InputError:
        raise
    except Exception as exc:  # the sheet's XML is read lazily, row by row: same edge as load_workbook
        raise ParseError(f"not a readable .xlsx sheet ({type(exc).__name__})", path=path,
                         line=number + 1) from None  # fmt: skip
    finally:
        book.close()
    if not headers:
        raise ParseError("the first sheet is empty (no header row)", path=path)
    return Table(path, headers, tuple(rows))


def _cell(value: Any) -> Any:
    """A JSON value as a cell: objects and arrays as their JSON text."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _load_json_line(line: str, *, path: Path, line_number: int) -> Any:
    from tawthiq.ingest import load_json_line  # lazily: see _decode

    return load_json_line(line, path=path, line=line_number)


def _read_jsonl(path: Path, data: bytes) -> Table:
    headers: dict[str, None] = {}
    rows = []
    errors: list[InputError] = []
    # split on "\n" only: str.splitlines() also splits on U+2028, \x1c…, which JSON strings may hold
    for number, line in enumerate(_decode(path, data).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = _load_json_line(line, path=path, line_number=number)
        except InputError as exc:
            errors.append(exc)
            continue
        if not isinstance(obj, dict):
            errors.append(ParseError("a line must be a JSON object", path=path, line=number))
            continue
        try:
            row = {str(k): _cell(v) for k, v in obj.items()}
        except (RecursionError, ValueError):
            errors.append(ParseError("a value nested too deeply to read as a cell", path=path, line=number))
            continue
        headers.update(dict.fromkeys(row))
        rows.append((number, row))
    if not rows and not errors:
        raise ParseError("the file holds no JSON objects", path=path)
    return Table(path, tuple(headers), tuple(rows), tuple(errors))


# ---------------------------------------------------------------- mapping

# Header words a list may use for each field, in English and Arabic (folded before lookup).
# "name" is decided by the column's script, or means the given name when parts are mapped.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "record_id": ("id", "record id", "record", "no", "number", "serial", "ref", "reference", "code",
                  "الرقم", "رقم", "رقم السجل", "الرقم التسلسلي", "تسلسل", "المعرف", "الرمز"),
    "name": ("name", "full name", "الاسم", "الاسم الكامل", "الاسم الثلاثي", "الاسم الرباعي", "اسم"),
    "name_ar": ("name ar", "arabic name", "name arabic", "ar name", "الاسم بالعربي", "الاسم بالعربيه"),
    "name_latin": ("name en", "en name", "english name", "name english", "latin name", "name latin",
                   "transliteration", "الاسم بالانكليزي", "الاسم بالانجليزي", "الاسم بالانجليزيه"),
    "given_name": ("first name", "given name", "forename", "الاسم الاول"),
    "father_name": ("father", "father name", "fathers name", "father s name", "اسم الاب", "الاب"),
    "grandfather_name": ("grandfather", "grandfather name", "grandfathers name", "اسم الجد", "الجد"),
    "family_name": ("family", "family name", "surname", "last name", "اسم العائله", "العائله",
                    "الكنيه", "الشهره", "اللقب", "الكنيه العائله"),
    "sex": ("sex", "gender", "الجنس", "الجنس ذكر انثي"),
    "age": ("age", "age years", "العمر", "السن", "العمر بالسنوات"),
    "birth_date": ("dob", "date of birth", "birth date", "birthdate", "born", "تاريخ الولاده",
                   "تاريخ الميلاد", "المواليد", "مواليد"),
    "event_date": ("date", "date of death", "death date", "date of incident", "date of disappearance",
                   "date of arrest", "date of detention", "date killed", "date missing", "التاريخ",
                   "تاريخ الوفاه", "تاريخ الاستشهاد", "تاريخ الاعتقال", "تاريخ الفقدان",
                   "تاريخ الاختفاء", "تاريخ الحادثه", "تاريخ القتل"),
    "place": ("place", "location", "place of death", "place of incident", "residence", "city", "town",
              "area", "neighbourhood", "neighborhood", "district", "المكان", "مكان الوفاه",
              "مكان الاستشهاد", "مكان الاعتقال", "مكان الاختفاء", "مكان الاقامه", "الحي", "المنطقه",
              "المدينه", "البلده"),
    "national_id": ("id number", "national id", "national id number", "national number", "identity number",
                    "identity card", "identity card number", "id card", "id card number", "id no",
                    "document number", "passport", "passport number", "ssn", "social security number",
                    "soc sec id", "رقم الهويه", "الهويه", "رقم الهويه الوطنيه", "الرقم الوطني",
                    "رقم البطاقه", "رقم البطاقه الشخصيه", "رقم الوثيقه", "رقم جواز السفر", "رقم الجواز"),
    "address": ("address", "home address", "residence address", "street", "street address",
                "address line", "العنوان", "عنوان السكن", "عنوان الاقامه", "الشارع"),
    "status": ("status", "fate", "state", "الحاله", "الوضع", "المصير"),
}  # fmt: skip
_LOOKUP = {fold(word): fld for fld, words in _SYNONYMS.items() for word in words}


def _guess_field(header: str) -> str | None:
    key = fold(header)
    if key in _LOOKUP:
        return _LOOKUP[key]
    # "Date of death (dd/mm/yyyy)": the longest known phrase inside the header, word for word
    padded = f" {key} "
    hits = [w for w in _LOOKUP if f" {w} " in padded]
    return _LOOKUP[max(hits, key=len)] if hits else None


def _mostly_arabic(values: Iterable[Any]) -> bool:
    arabic = latin = 0
    for v in values:
        for ch in to_text(v) or "":
            if "\u0600" <= ch <= "\u06ff":
                arabic += 1
            elif ch.isalpha():
                latin += 1
    return arabic >= latin


def guess_mapping(headers: Iterable[str], rows: Iterable[tuple[int, dict[str, Any]]] = ()) -> dict[str, str]:
    """``{column: field}`` from header words; each field taken by its first matching column."""
    headers = list(headers)
    sample = list(rows)[:200]
    guessed: dict[str, str] = {}
    for header in headers:
        fld = _guess_field(header)
        if fld is not None and fld not in guessed.values():
            guessed[header] = fld
    has_parts = any(f in _PARTS for f in guessed.values())
    for header, fld in list(guessed.items()):
        if fld != "name":
            continue
        if has_parts and "given_name" not in guessed.values():
            guessed[header] = "given_name"
            continue
        choice = "name_ar" if _mostly_arabic(r.get(header) for _, r in sample) else "name_latin"
        if choice in guessed.values():
            del guessed[header]
        else:
            guessed[header] = choice
    return guessed


def mapping_from_args(items: Iterable[str]) -> dict[str, str]:
    """``["الاسم=name_ar", "Age=age"]`` -> ``{"الاسم": "name_ar", "Age": "age"}``."""
    mapping = {}
    for item in items:
        column, sep, fld = item.rpartition("=")
        if not sep or not column.strip() or not fld.strip():
            raise InputError(f"{item!r} is not COLUMN=FIELD", field="--map")
        mapping[column.strip()] = fld.strip()
    return mapping


def mapping_from_yaml(path: str | Path) -> dict[str, str]:
    """A YAML mapping ``{column: field}``, at the top level or under ``columns:``."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such mapping file", path=path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or type(exc).__name__})", path=path) from None
    try:
        data = yaml.safe_load(_decode(path, raw))
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else None
        raise ParseError("not valid YAML", path=path, line=line) from None
    except RecursionError:
        raise ParseError("not a mapping: nested too deeply", path=path) from None
    if isinstance(data, dict) and isinstance(data.get("columns"), dict):
        data = data["columns"]
    if not isinstance(data, dict) or not all(isinstance(v, str) and isinstance(k, str | int | float)
                                             for k, v in data.items()):  # fmt: skip
        raise ParseError("a mapping file holds 'COLUMN: field' lines (optionally under 'columns:')",
                         path=path)  # fmt: skip
    return {str(k): v for k, v in data.items()}


def check_mapping(mapping: Mapping[str, str], headers: Iterable[str], *, origin: str = "--map") -> None:
    """Every field canonical, every column present, no field twice; else one InputError saying all."""
    headers = list(headers)
    problems = []
    seen: dict[str, str] = {}
    for column, fld in mapping.items():
        if fld not in FIELDS:
            problems.append(f"{column!r}={fld!r}: unknown field (fields: {', '.join(FIELDS)})")
        if column not in headers:
            problems.append(f"{column!r}: no such column (columns: {', '.join(headers)})")
        if fld in seen:
            problems.append(f"{fld!r} is mapped from both {seen[fld]!r} and {column!r}")
        seen[fld] = column
    if problems:
        raise InputError("; ".join(problems), path=origin)


# ---------------------------------------------------------------- rows -> records


def split_full_name(full: str) -> dict[str, str]:
    """A full name -> given/father/grandfather/family, by :func:`tawthiq.people.names.split_name`.

    Extra middle names stay in the full name only (the record keeps it whole).
    """
    parts = split_name(full)
    found = {"given_name": parts.given, "father_name": parts.father,
             "grandfather_name": parts.grandfather, "family_name": parts.family}  # fmt: skip
    return {k: v for k, v in found.items() if v}


_PARSERS = {"sex": parse_sex, "age": parse_age, "status": parse_status}
_DATE_FIELDS = ("birth_date", "event_date")


def build_records(table: Table, mapping: Mapping[str, str], list_name: str) -> ImportResult:
    """Turn each row into a PersonRecord; collect every bad row instead of stopping."""
    check_mapping(mapping, table.headers)
    errors = list(table.errors)
    warnings: list[InputError] = []
    records: list[PersonRecord] = []
    first_row_of: dict[str, int] = {}
    columns = {fld: col for col, fld in mapping.items()}
    for number, row in table.rows:
        values: dict[str, Any] = {}
        row_errors = []
        for fld, col in columns.items():
            cell = row.get(col)
            if fld in _DATE_FIELDS:  # kept with its precision: "12/2016" is a month (issue 17)
                try:
                    got = parse_partial_date(cell)
                except PartialDateError as exc:
                    warnings.append(InputError(f"{exc}; left empty", path=table.path, line=number, field=fld))
                except ValueError as exc:
                    row_errors.append(InputError(str(exc), path=table.path, line=number, field=fld))
                else:
                    values[fld], values[f"{fld}_precision"] = got if got else (None, None)
            elif fld in _PARSERS:
                try:
                    values[fld] = _PARSERS[fld](cell)
                except PartialDateError as exc:
                    warnings.append(InputError(f"{exc}; left empty", path=table.path, line=number, field=fld))
                except ValueError as exc:
                    row_errors.append(InputError(str(exc), path=table.path, line=number, field=fld))
            else:
                values[fld] = to_text(cell)
        record_id = values.pop("record_id", None) if "record_id" in columns else f"row-{number}"
        if record_id is None:
            row_errors.append(InputError("empty: every row needs the list's own id", path=table.path,
                                         line=number, field="record_id"))  # fmt: skip
        elif record_id in first_row_of:
            row_errors.append(InputError(f"{record_id!r} is already used on row {first_row_of[record_id]}",
                                         path=table.path, line=number, field="record_id"))  # fmt: skip
        if not any(values.get(f) for f in _NAME_FIELDS):
            names = [columns[f] for f in _NAME_FIELDS if f in columns] or ["no name column is mapped"]
            row_errors.append(InputError(f"no name in {', '.join(names)}", path=table.path, line=number,
                                         field="name"))  # fmt: skip
        if row_errors:
            errors.extend(row_errors)
            continue
        first_row_of[record_id] = number
        full = values.get("name_ar") or values.get("name_latin")
        if full and not any(values.get(p) for p in _PARTS):
            values.update(split_full_name(full))
        values = {k: v for k, v in values.items() if v is not None}
        try:
            records.append(PersonRecord(list_name=list_name, record_id=record_id, row=number, **values))
        except ValidationError as exc:  # a value our parsers let through but the model refuses
            refused = str(exc.errors()[0]["loc"][0]) if exc.errors() else None
            errors.append(InputError("value refused by the record model", path=table.path, line=number,
                                     field=refused))  # fmt: skip
    return ImportResult(tuple(records), tuple(errors), tuple(warnings), len(table.rows), dict(mapping))
