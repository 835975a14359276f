"""`tawthiq extract FILE` on a 0-byte file says what ingest says: an empty file, exit 1.

Trap (documenter's walk, session 23): `tawthiq ingest empty.txt` fails it as
"empty file (0 bytes)" (exit 1), but `tawthiq extract empty.txt` printed an empty claims table,
exit 0, with the note "empty report: no text below the header", for a file with no header at all.
A header with nothing under it keeps its own note (tests/extract/test_unread_language_note.py).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tawthiq.cli.main import app


@pytest.mark.parametrize("as_json", [False, True])
def test_a_zero_byte_file_is_an_error_naming_the_file_as_ingest_says_not_an_empty_table(tmp_path, as_json):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    args = ["extract", str(f), "--published", "2016-12-13", *(["--json"] if as_json else [])]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 1, r.output
    if as_json:
        err = json.loads(r.stdout)["error"]
        assert err["file"].endswith("empty.txt")
        assert "empty file (0 bytes)" in err["message"]
    else:
        assert "empty.txt" in r.stderr and "empty file (0 bytes)" in r.stderr
        assert "no text below the header" not in r.stderr


def test_a_header_alone_is_still_a_note_not_an_error(tmp_path):
    f = tmp_path / "header_only.txt"
    f.write_text("DATE: 2016-12-11\n\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(f), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["claims"] == []
    assert "empty report: no text below the header, no claims" in r.stderr
