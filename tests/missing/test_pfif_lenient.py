"""Issue 17 item 4 / issue 21 item 3, PFIF side: another system's file is imported, not refused whole.

Person Finder's own test files break the PFIF 1.4 rules here and there (notes without
``author_name``); Person Finder imports them, repairing or skipping the bad record. So does
Tawthiq by default: each repaired or skipped record is reported with file, line, record id and
field, the rest is stored in one transaction. ``--strict`` refuses the file at any problem.
The fixtures in ``tests/fixtures/pfif/`` are shaped like Person Finder's 1.1–1.4 test files,
with invented people.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.errors import InputErrors
from tawthiq.people.pfif import parse_pfif, read_pfif, to_records

PFIF = Path(__file__).resolve().parents[1] / "fixtures" / "pfif"
PLANTED = ("planted-author-email", "PLANTED-PHONE", "PLANTED-FOUND", "planted-found-email")

# file, version, persons with their number of notes, (line, note id) of each note without author
SHAPED = [
    ("personfinder_1_1_first_last_found.xml", "1.1", {"person.1101": 2}, [(33, "note.1101-b")]),
    ("personfinder_1_2_status_and_ranges.xml", "1.2", {"person.1201": 3}, [(41, "note.1201-c")]),
    (
        "personfinder_1_3_full_name_top_level_notes.xml",
        "1.3",
        {"person.1301": 1, "person.1302": 2},
        [(43, "note.1302-b")],
    ),
    (
        "personfinder_1_4_notes_without_author.xml",
        "1.4",
        {"person.1401": 4},
        [(52, "note.1401-c"), (60, "note.1401-d")],
    ),
]
DOMAIN = "registry.example.org/"


@pytest.mark.parametrize(("name", "version", "persons", "no_author"), SHAPED)
def test_person_finder_shaped_file_keeps_every_person_and_note_repairing_the_missing_author(
    name, version, persons, no_author
):
    read = read_pfif((PFIF / name).read_bytes(), path=PFIF / name)
    assert read.version == version
    assert {p.fields["person_record_id"]: len(p.notes) for p in read.persons} == {
        DOMAIN + k: v for k, v in persons.items()
    }
    assert read.skipped == ()
    assert [(Path(i.path).name, i.line, i.record_id, i.field, i.kind) for i in read.repaired] == [
        (name, line, DOMAIN + nid, "author_name", "note") for line, nid in no_author
    ]
    items = to_records(read.persons, "registry")
    authors = {n.note_record_id: n.author_name for _, notes in items for n in notes}
    assert all(authors[DOMAIN + nid] == "" for _, nid in no_author)  # left empty, not invented
    assert all(rec.name_latin for rec, _ in items)  # 1.1/1.2 names built from first/last name


@pytest.mark.parametrize(("name", "version", "persons", "no_author"), SHAPED)
def test_strict_read_refuses_the_same_file_naming_the_note_without_author(name, version, persons, no_author):
    with pytest.raises(InputErrors) as err:
        parse_pfif((PFIF / name).read_bytes(), path=PFIF / name)
    assert [(e.line, e.field) for e in err.value.errors] == [(line, "author_name") for line, _ in no_author]


def test_old_field_names_are_upgraded_when_the_file_is_read_leniently():
    [p] = read_pfif((PFIF / "personfinder_1_1_first_last_found.xml").read_bytes()).persons
    assert p.fields["full_name"] == "Yazan Qassab" and p.fields["home_city"] == "Aleppo"
    assert p.fields["home_postal_code"] == "00000" and "bread" in p.fields["description"]
    assert [n.get("author_made_contact") for n in p.notes] == ["false", "false"]


SOME_BAD = PFIF / "pfif_1_4_some_bad_records.xml"
EXPECTED_SKIPS = [
    (18, "note", "note.9001-b", "source_date"),  # 2016-02-30
    (24, "note", "note.9001-c", "status"),  # probably_fine
    (32, "person", "person.9002", "date_of_birth"),  # 1990-13-45, skipped with its note
    (49, "person", "person.9003", "person_record_id"),  # second copy of the same id
    (54, "note", "note.9999-a", "person_record_id"),  # its person is not in the file
]


def test_bad_records_are_skipped_and_the_rest_imported_with_a_report_per_record(workspace, cli_json):
    result = cli_json(workspace, "people", "pfif", "import", str(SOME_BAD), "--list", "registry")
    assert (result["persons"], result["inserted"], result["notes_added"]) == (2, 2, 1)
    assert [(s["line"], s["kind"], s["record_id"], s["field"]) for s in result["skipped"]] == [
        (line, kind, DOMAIN + rid, field) for line, kind, rid, field in EXPECTED_SKIPS
    ]
    assert all(s["file"] == str(SOME_BAD) and s["reason"] for s in result["skipped"])
    assert "already used on line 44" in result["skipped"][3]["reason"]
    stored = cli_json(workspace, "people", "missing", "list")
    assert sorted((m["record_id"], m["name"], m["notes"]) for m in stored) == [
        (DOMAIN + "person.9001", "Hala Darwish", 1),
        (DOMAIN + "person.9003", "Lina Hourani", 0),  # the first copy is kept
    ]


def test_the_audit_log_of_the_import_names_each_skipped_record_by_line_and_id(workspace, cli_json):
    cli_json(workspace, "people", "pfif", "import", str(SOME_BAD), "--list", "registry")
    [event] = [e for e in cli_json(workspace, "audit", "list") if e["action"] == "missing.pfif_issues"]
    assert event["object_id"] == "registry"
    for line, _, rid, _ in EXPECTED_SKIPS:
        assert f"{line}:{DOMAIN}{rid}" in event["detail"]
    assert "Hala" not in event["detail"] and "Fadi" not in event["detail"]  # ids, never names


def test_strict_import_refuses_the_whole_file_and_stores_nothing(workspace, cli, cli_json):
    result = cli(workspace, "people", "pfif", "import", str(SOME_BAD), "--strict", ok=False)
    assert result.exit_code == 1
    assert "pfif_1_4_some_bad_records.xml:32: field 'date_of_birth'" in result.stderr
    assert cli_json(workspace, "people", "missing", "list") == []


def test_human_report_names_file_line_record_and_field_and_never_a_contact(workspace, cli):
    path = PFIF / "personfinder_1_4_notes_without_author.xml"
    result = cli(workspace, "people", "pfif", "import", str(path))
    out = result.stdout + result.stderr
    assert f"repaired: {path}:52: note '{DOMAIN}note.1401-c': field 'author_name'" in out
    assert "1 person(s)" in out and "4 new note(s)" in out and "0 record(s) skipped, 2 repaired" in out
    assert not any(secret in out for secret in PLANTED)


def test_reimporting_a_repaired_file_adds_no_note_twice(workspace, cli_json):
    path = str(PFIF / "personfinder_1_4_notes_without_author.xml")
    assert cli_json(workspace, "people", "pfif", "import", path)["notes_added"] == 4
    again = cli_json(workspace, "people", "pfif", "import", path)
    assert (again["inserted"], again["notes_added"]) == (0, 0)


def test_a_file_whose_every_person_is_skipped_stores_nothing_and_says_so(workspace, cli, cli_json):
    trap = Path(__file__).resolve().parents[1] / "fixtures" / "traps" / "pfif_date_of_birth_impossible.xml"
    result = cli(workspace, "people", "pfif", "import", str(trap), ok=False)
    assert result.exit_code == 1 and "nothing stored" in result.stderr
    assert cli_json(workspace, "people", "missing", "list") == []
