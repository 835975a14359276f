"""PFIF export: where a person was last seen goes in a note, never in the home address.

Before: ``people pfif export`` wrote a missing-persons list's place of disappearance as the
person's ``home_city`` (PFIF 1.4: the city of the person's home) and dropped the date of the
disappearance; no note carried where or when the person was last seen. A family reading the
file in Person Finder saw a home town that was the place of a crossing, and no sighting.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tawthiq.entities import MissingNote, PersonRecord
from tawthiq.people.pfif import from_records, parse_pfif, to_records, write_pfif

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def _export(rec: PersonRecord, notes: list[MissingNote] | None = None):
    xml = write_pfif(from_records([(rec, notes or [])], domain="tawthiq.example", now=NOW))
    [person] = parse_pfif(xml)  # strict: the 1.4 field rules, as the other PFIF tests check
    return person


# generated cases of the class: a list's place and date of disappearance at each precision
CASES = [
    # (event_date, precision, place, source_date written, date in the text)
    (date(2016, 12, 5), "day", "al-Ansari", "2016-12-05T00:00:00Z", "on 2016-12-05"),
    (date(2016, 12, 1), "month", "Kallaseh crossing", "2026-01-02T03:04:05Z", "on 2016-12 "),
    (date(2016, 1, 1), "year", "Bustan al-Qasr", "2026-01-02T03:04:05Z", "on 2016 "),
    (None, None, "حي الشعار", "2026-01-02T03:04:05Z", "Last seen at حي الشعار"),
    (date(2016, 12, 14), "day", None, "2016-12-14T00:00:00Z", "Last seen on 2016-12-14 (list"),
]


@pytest.mark.parametrize(("when", "precision", "place", "source_date", "text"), CASES)
def test_list_place_of_disappearance_is_a_last_seen_note_not_home_city(
    when, precision, place, source_date, text
):
    rec = PersonRecord(
        list_name="missing-aleppo",
        record_id="M7",
        name_latin="Test Person",
        status="missing",
        place=place,
        event_date=when,
        event_date_precision=precision,
    )
    person = _export(rec)
    assert not any(k.startswith("home_") for k in person.fields), person.fields
    [note] = person.notes
    assert note.get("last_known_location") == place
    assert note["source_date"] == source_date
    assert text in note["text"] and "missing-aleppo" in note["text"]
    assert note["status"] == "believed_missing"
    # read back, Tawthiq finds the sighting where it wrote it
    [(back, _)] = to_records([person], "re-import")
    assert back.last_seen_place == place


def test_a_note_that_already_says_where_is_not_doubled():
    rec = PersonRecord(
        list_name="family", record_id="example.org/p.1", name_latin="Test Person", status="missing",
        last_seen_place="Bustan al-Qasr crossing", last_seen_date=date(2016, 12, 14),
    )  # fmt: skip
    note = MissingNote(
        note_record_id="example.org/n.1",
        status="information_sought",
        author_name="Family",
        source_date=datetime(2016, 12, 14, tzinfo=UTC),
        last_known_location="Bustan al-Qasr crossing",
        text="seen at the crossing",
    )
    person = _export(rec, [note])
    assert [n["note_record_id"] for n in person.notes] == ["example.org/n.1"]


def test_a_sighting_only_a_confidential_note_gives_does_not_leave():
    rec = PersonRecord(
        list_name="family", record_id="example.org/p.2", name_latin="Test Person", status="missing",
        place="al-Ansari", event_date=date(2016, 12, 5),
        last_seen_place="planted-secret-checkpoint", last_seen_date=date(2016, 12, 20),
    )  # fmt: skip
    secret = MissingNote(
        note_record_id="example.org/n.2",
        author_name="Witness",
        source_date=datetime(2016, 12, 20, tzinfo=UTC),
        last_known_location="planted-secret-checkpoint",
        text="witness account",
        confidential=True,
    )
    xml = write_pfif(from_records([(rec, [secret])], domain="tawthiq.example", now=NOW)).decode()
    assert "planted-secret-checkpoint" not in xml and "2016-12-20" not in xml
    [person] = parse_pfif(xml.encode())
    [note] = person.notes  # the list's own sighting instead
    assert note["last_known_location"] == "al-Ansari" and note["source_date"] == "2016-12-05T00:00:00Z"


def test_a_killed_record_place_is_not_written_as_a_sighting():
    rec = PersonRecord(
        list_name="vdc", record_id="V1", name_latin="Test Person", status="killed",
        place="al-Ferdous", event_date=date(2016, 12, 12),
    )  # fmt: skip
    person = _export(rec)
    assert person.notes == () and "home_city" not in person.fields


def test_people_pfif_export_of_an_imported_missing_list(cli, workspace, tmp_path):
    lst = tmp_path / "missing.csv"
    lst.write_text(
        "ref,name latin,gender,date of disappearance,place,status\n"
        "X1,Test Person One,m,2016-12-05,Kallaseh crossing,missing\n"
        "X2,Test Person Two,f,12/2016,al-Ansari,missing\n",
        encoding="utf-8",
    )
    cli(workspace, "people", "import", str(lst), "--list", "missing-test", "--yes")
    out = tmp_path / "out.xml"
    cli(workspace, "people", "pfif", "export", "--out", str(out))
    persons = {p.fields["person_record_id"].rsplit(".", 1)[1]: p for p in parse_pfif(out.read_bytes())}
    assert all("home_city" not in p.fields for p in persons.values())
    one, two = persons["X1"].notes[0], persons["X2"].notes[0]
    assert (one["last_known_location"], one["source_date"]) == ("Kallaseh crossing", "2016-12-05T00:00:00Z")
    assert two["last_known_location"] == "al-Ansari" and "on 2016-12 " in two["text"]


HOME_ONLY = b"""<?xml version="1.0" encoding="UTF-8"?>
<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">
  <pfif:person>
    <pfif:person_record_id>family.example/p1</pfif:person_record_id>
    <pfif:source_date>2016-12-20T10:00:00Z</pfif:source_date>
    <pfif:full_name>Test Person</pfif:full_name>
    <pfif:home_city>Aleppo</pfif:home_city>
    <pfif:home_neighborhood>al-Ansari</pfif:home_neighborhood>
  </pfif:person>
</pfif:pfif>
"""


def test_a_pfif_home_is_never_written_back_as_a_sighting():
    # to_records keeps a PFIF person's home neighbourhood as the record's place: on the way out it
    # goes back to home_*, and no note says the person was last seen at home
    persons = parse_pfif(HOME_ONLY)
    [(rec, notes)] = to_records(persons, "family")
    assert rec.place == "al-Ansari"
    xml = write_pfif(
        from_records(
            [(rec, notes)], domain="tawthiq.example", now=NOW,
            original_fields={rec.record_id: persons[0].fields},
        )
    )  # fmt: skip
    [back] = parse_pfif(xml)
    assert (back.fields["home_city"], back.fields["home_neighborhood"]) == ("Aleppo", "al-Ansari")
    assert back.notes == ()


@pytest.mark.parametrize("command", [("people", "pfif", "export", "--out"), ("export", "pfif", "--out")])
def test_both_pfif_exports_keep_what_a_pfif_import_brought(cli, workspace, tmp_path, command):
    src = tmp_path / "family.xml"
    src.write_bytes(HOME_ONLY)
    cli(workspace, "people", "pfif", "import", str(src), "--list", "family")
    out = tmp_path / "out"
    cli(workspace, *command, str(out if command[0] == "export" else out.with_suffix(".xml")))
    xml = (out / "pfif.xml") if command[0] == "export" else out.with_suffix(".xml")
    [back] = parse_pfif(xml.read_bytes())
    assert back.fields["home_city"] == "Aleppo" and back.fields["home_neighborhood"] == "al-Ansari"
    assert back.notes == ()


def test_an_inquiry_last_seen_date_is_exported_beside_its_registration_note():
    # a family's inquiry: last seen 2016-12-10 at the crossing; its note is dated when they asked
    from tawthiq.people.missing import INQUIRY_LIST

    rec = PersonRecord(
        list_name=INQUIRY_LIST, record_id="inquiry-3", name_latin="Test Person", status="missing",
        last_seen_date=date(2016, 12, 10), last_seen_place="Bustan al-Qasr crossing",
    )  # fmt: skip
    asked = MissingNote(
        note_record_id="inquiry.3",
        status="information_sought",
        author_name="family",
        source_date=datetime(2017, 1, 20, tzinfo=UTC),
        last_known_location="Bustan al-Qasr crossing",
        text="Registered by a relative through the inquiry form.",
    )
    person = _export(rec, [asked])
    seen = [n for n in person.notes if n["source_date"] == "2016-12-10T00:00:00Z"]
    assert [n["last_known_location"] for n in seen] == ["Bustan al-Qasr crossing"]
    assert "status" not in seen[0]  # the family's note carries the status


def test_a_later_note_elsewhere_is_the_last_sighting_shown(cli, cli_json, workspace, tmp_path):
    # before: `people missing note --last-seen-at` added the note, and `show` still gave the PFIF
    # import's first sighting as "last seen"
    src = tmp_path / "family.xml"
    src.write_bytes(HOME_ONLY.replace(b"</pfif:home_neighborhood>", b"</pfif:home_neighborhood>" + NOTE_XML))
    cli(workspace, "people", "pfif", "import", str(src), "--list", "family")
    [row] = cli_json(workspace, "people", "missing", "list")
    assert (row["last_seen_date"], row["last_seen_place"]) == ("2016-12-15", "Bustan al-Qasr crossing")
    rid = str(row["record"])
    cli(workspace, "people", "missing", "note", rid, "--status", "believed_alive", "--text", "seen",
        "--author", "Documenter", "--date", "2016-12-28", "--last-seen-at", "Jibrin shelter")  # fmt: skip
    shown = cli_json(workspace, "people", "missing", "show", rid)
    assert (shown["last_seen_date"], shown["last_seen_place"]) == ("2016-12-28", "Jibrin shelter")
    # an older note elsewhere does not move it back
    cli(workspace, "people", "missing", "note", rid, "--text", "heard of", "--author", "Documenter",
        "--date", "2016-12-01", "--last-seen-at", "Old town")  # fmt: skip
    shown = cli_json(workspace, "people", "missing", "show", rid)
    assert shown["last_seen_place"] == "Jibrin shelter"


NOTE_XML = b"""
    <pfif:note>
      <pfif:note_record_id>family.example/n1</pfif:note_record_id>
      <pfif:author_name>Her sister</pfif:author_name>
      <pfif:source_date>2016-12-15T09:00:00Z</pfif:source_date>
      <pfif:status>information_sought</pfif:status>
      <pfif:last_known_location>Bustan al-Qasr crossing</pfif:last_known_location>
      <pfif:text>Crossed at dawn.</pfif:text>
    </pfif:note>"""
