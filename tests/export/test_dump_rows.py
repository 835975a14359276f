"""A dump whose manifest verifies but whose rows are wrong (issue 21): refused naming the file,
line and column, nothing written.

The signature proves who wrote a dump, not that the writer was right: a dump edited by hand and
signed again, or written by a buggy tool, must still be refused row by row. Each test edits one
table file of a real dump, signs the folder again with the dumping workspace's key (so
``verify_export`` passes), runs ``tawthiq import-dump`` into an empty workspace, and checks
the message and that the target is still empty (no row, no evidence file).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tawthiq.cli.main import app

TABLE = "reports"


@pytest.fixture
def dumped(runner, demo, tmp_path) -> Path:
    out = tmp_path / "dump"
    res = runner.invoke(app, ["export", "dump", "--out", str(out), "-w", str(demo.path)])
    assert res.exit_code == 0, res.output
    return out


def _lines(dump: Path) -> list[bytes]:
    return (dump / "tables" / f"{TABLE}.jsonl").read_bytes().splitlines(keepends=True)


def _resign(dump: Path, demo, lines: list[bytes]) -> None:
    from tawthiq.evidence import MANIFEST_FILE, verify_export, write_signed_manifest

    (dump / "tables" / f"{TABLE}.jsonl").write_bytes(b"".join(lines))
    old = json.loads((dump / MANIFEST_FILE).read_text("utf-8"))
    write_signed_manifest(
        dump, workspace=demo.path, export="dump", audit_head=old["audit_head"], details=old["details"]
    )
    assert verify_export(dump).ok, "the edited dump should verify: the test is about its rows"


def _edit_first(lines: list[bytes], change) -> list[bytes]:
    rec = json.loads(lines[0])
    change(rec)
    return [json.dumps(rec, ensure_ascii=False).encode() + b"\n", *lines[1:]]


def _import(runner, demo, dump: Path, tmp_path):
    from tawthiq.store import init_workspace
    from tawthiq.store.dump import is_empty

    with init_workspace(tmp_path / "target") as target:
        res = runner.invoke(
            app, ["import-dump", str(dump), "-w", str(target.path), "--source-key", str(demo.ws.key_file)]
        )
        with target.session() as s:
            left = is_empty(s)
        files = [p for p in target.evidence_dir.rglob("*") if p.is_file()]
    assert res.exit_code == 1, (res.stdout, res.stderr, res.exception)
    assert isinstance(res.exception, SystemExit), "an exception escaped (a traceback)"
    assert left == [], f"rows were written: {left}"
    assert files == [], "evidence files were written"
    return res.stderr


def test_a_row_twice_is_refused_naming_both_lines(runner, demo, dumped, tmp_path):
    lines = _lines(dumped)
    _resign(dumped, demo, [*lines, lines[0]])
    err = _import(runner, demo, dumped, tmp_path)
    assert f"{TABLE}.jsonl:{len(lines) + 1}: field 'id': same id as line 1" in err


def test_a_line_that_is_not_an_object_is_refused(runner, demo, dumped, tmp_path):
    lines = _lines(dumped)
    _resign(dumped, demo, [lines[0], b"[1, 2, 3]\n", *lines[1:]])
    err = _import(runner, demo, dumped, tmp_path)
    assert f"{TABLE}.jsonl:2: a row must be a JSON object, not list" in err


def test_invalid_utf8_in_a_row_is_refused_with_its_line(runner, demo, dumped, tmp_path):
    lines = _lines(dumped)
    broken = lines[-1].replace(b'"file_name": "', b'"file_name": "\xff', 1)
    assert broken != lines[-1]
    _resign(dumped, demo, [*lines[:-1], broken])
    err = _import(runner, demo, dumped, tmp_path)
    assert f"{TABLE}.jsonl:{len(lines)}: not UTF-8" in err and "0xff" in err


def test_a_missing_column_is_refused_naming_it(runner, demo, dumped, tmp_path):
    _resign(dumped, demo, _edit_first(_lines(dumped), lambda r: r.pop("title")))
    err = _import(runner, demo, dumped, tmp_path)
    assert f"{TABLE}.jsonl:1: field 'title': missing" in err


@pytest.mark.parametrize(
    ("column", "value", "says"),
    [
        ("size", "12", "must be an integer, not str"),
        ("size", True, "must be an integer, not bool"),
        ("body", 42, "must be a string, not int"),
        ("received_at", "13/12/2016", "is not an ISO 8601 date-time"),
        ("sha256", None, "is null"),
        ("sha256", "a" * 65, "over the column's 64"),
        ("body", "a NUL \x00 in the text", "NUL or a lone surrogate"),
    ],
    ids=["int-as-string", "bool-as-int", "int-as-text", "bad-datetime", "null", "too-long", "nul"],
)
def test_a_value_of_the_wrong_type_is_refused_naming_its_column(
    runner, demo, dumped, tmp_path, column, value, says
):
    _resign(dumped, demo, _edit_first(_lines(dumped), lambda r: r.__setitem__(column, value)))
    err = _import(runner, demo, dumped, tmp_path)
    assert f"{TABLE}.jsonl:1: field '{column}': " in err and says in err


def test_a_huge_integer_is_refused_not_an_overflow_traceback(runner, demo, dumped, tmp_path):
    _resign(dumped, demo, _edit_first(_lines(dumped), lambda r: r.__setitem__("part", 10**30)))
    err = _import(runner, demo, dumped, tmp_path)
    assert f"{TABLE}.jsonl:1: field 'part': integer out of range" in err


def test_an_integer_over_4300_digits_is_refused_not_a_valueerror_traceback(runner, demo, dumped, tmp_path):
    lines = _lines(dumped)
    huge = lines[0].replace(b'"part": 0', b'"part": ' + b"9" * 5000, 1)
    assert huge != lines[0]
    _resign(dumped, demo, [huge, *lines[1:]])
    err = _import(runner, demo, dumped, tmp_path)
    assert f"{TABLE}.jsonl:1: not a JSON line" in err and "4,300 digits" in err


def test_a_row_whose_parent_is_missing_is_refused_naming_the_file(runner, demo, dumped, tmp_path):
    _resign(dumped, demo, _edit_first(_lines(dumped), lambda r: r.__setitem__("source_id", 999_999)))
    err = _import(runner, demo, dumped, tmp_path)
    assert f"{TABLE}.jsonl:1: field 'source_id': sources.id = 999999 is in no row of sources.jsonl" in err
