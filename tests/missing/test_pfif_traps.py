"""Issue 21, PFIF side: impossible dates, unknown statuses and duplicate ids are InputErrors.

Before: ``2016-02-30`` in a note was a ``ValueError`` in ``to_records``, an unknown
``tawthiq:status`` a pydantic ``ValidationError``, a ``person_record_id`` twice an
``IntegrityError`` in the database, and ``2016-99-99T99:99:99Z`` was stored as is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.errors import InputErrors
from tawthiq.people.pfif import parse_pfif

TRAPS = Path(__file__).resolve().parents[1] / "fixtures" / "traps"


@pytest.mark.parametrize(
    ("name", "line", "field", "words"),
    [
        ("pfif_note_impossible_date.xml", 7, "source_date", "'2016-02-30T10:00:00Z' is not a UTC time"),
        ("pfif_date_of_birth_impossible.xml", 3, "date_of_birth", "'2016-13-45' is not a real date"),
        ("pfif_source_date_all_nines.xml", 3, "source_date", "'2016-99-99T99:99:99Z' is not a UTC time"),
        ("pfif_unknown_tawthiq_status.xml", 7, "tawthiq:status", "'executed_maybe' is not a status"),
        ("pfif_duplicate_person_record_id.xml", 8, "person_record_id", "already used on line 3"),
        ("pfif_duplicate_note_record_id.xml", 14, "note_record_id", "already used on line 7"),
    ],
)
def test_pfif_trap_is_refused_naming_file_line_and_field(name, line, field, words):
    path = TRAPS / name
    with pytest.raises(InputErrors) as err:
        parse_pfif(path.read_bytes(), path=path)
    [e] = err.value.errors
    assert (Path(e.path).name, e.line, e.field) == (name, line, field)
    assert words in str(e)


def test_pfif_import_strict_refuses_a_duplicate_id_before_the_database(cli, workspace):
    path = TRAPS / "pfif_duplicate_person_record_id.xml"
    result = cli(workspace, "people", "pfif", "import", str(path), "--strict", ok=False)
    assert result.exit_code == 1 and "already used on line 3" in result.stdout + result.stderr


def test_pfif_import_keeps_the_first_of_a_duplicate_id_and_reports_the_second(cli_json, workspace):
    path = TRAPS / "pfif_duplicate_person_record_id.xml"
    result = cli_json(workspace, "people", "pfif", "import", str(path))
    assert result["inserted"] == 1
    [skipped] = result["skipped"]
    where = (skipped["line"], skipped["field"], skipped["record_id"])
    assert where == (8, "person_record_id", "example.org/p.1")
    assert "already used on line 3" in skipped["reason"]
