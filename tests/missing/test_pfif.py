"""PFIF in and out: another implementation's 1.2 conventions import and export as 1.4 without loss."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from tawthiq.entities import MissingNote, PersonRecord
from tawthiq.errors import InputError
from tawthiq.people.missing import current_status, match_note
from tawthiq.people.pfif import PFIF_NS, from_records, parse_pfif, to_records, write_pfif

FIXTURE = Path(__file__).parent / "fixtures" / "personfinder_1_2_top_level_notes.xml"
PLANTED = ("planted-secret-email", "PLANTED-PHONE", "PLANTED-FOUND-PHONE")


def test_personfinder_1_2_top_level_notes_attach_to_their_person():
    [person] = parse_pfif(FIXTURE.read_bytes(), path=FIXTURE.name)
    assert person.version == "1.2"
    assert person.fields["given_name"] == "Karim" and person.fields["family_name"] == "Haddad"
    assert person.fields["full_name"] == "Karim Haddad"  # 1.2 has no full_name: built from the parts
    assert [n["note_record_id"] for n in person.notes] == ["example.org/n.1", "example.org/n.2"]
    assert person.notes[0]["author_made_contact"] == "false"  # `found` renamed in 1.4


def test_import_then_export_keeps_every_field_but_the_protected_ones():
    persons = parse_pfif(FIXTURE.read_bytes())
    [(record, notes)] = to_records(persons, "family-registry")
    assert record.status == "missing"
    assert record.last_seen_place == "Bustan al-Qasr crossing"
    assert "Bustan al-Qasr crossing" in record.circumstances
    out = write_pfif(
        from_records(
            [(record, notes)], domain="tawthiq.example", original_fields={record.record_id: persons[0].fields}
        )
    )
    text = out.decode()
    for secret in PLANTED:
        assert secret not in text
    back = parse_pfif(out)
    assert back[0].version == "1.4"
    for field, value in persons[0].fields.items():
        if field in ("author_email", "author_phone"):
            continue
        assert back[0].fields[field] == value, field
    assert [n["status"] for n in back[0].notes] == ["information_sought", "believed_missing"]
    assert back[0].notes[0]["last_known_location"] == "Bustan al-Qasr crossing"


def test_export_validates_against_the_1_4_field_rules():
    rec = PersonRecord(list_name="demo", record_id="17", name_ar="عمر الحلبي", sex="m", age=40)
    note = MissingNote(
        note_record_id="n17",
        status="detained_acknowledged",
        author_name="Documenter",
        source_date=datetime(2016, 12, 20, 10, tzinfo=UTC),
        text="Detention acknowledged.",
    )
    xml = write_pfif(from_records([(rec, [note])], domain="tawthiq.example"))
    root = etree.fromstring(xml)
    assert root.tag == f"{{{PFIF_NS['1.4']}}}pfif"
    [back] = parse_pfif(xml)  # our own reader enforces the 1.4 rules: raises on any breach
    assert back.fields["person_record_id"] == "tawthiq.example/demo.17"
    assert back.notes[0]["status"] == "believed_alive"  # PFIF has no detention statuses
    [(_, notes)] = to_records([back], "x")
    assert notes[0].status == "detained_acknowledged"  # the extension element brings it back


def test_confidential_notes_never_leave():
    rec = PersonRecord(list_name="demo", record_id="5", name_latin="Ahmad Test")
    secret = MissingNote(
        note_record_id="n5",
        status="believed_dead",
        author_name="Witness",
        source_date=datetime(2016, 12, 14, tzinfo=UTC),
        text="witness account",
        confidential=True,
    )
    xml = write_pfif(from_records([(rec, [secret])], domain="tawthiq.example")).decode()
    assert "witness account" not in xml and "believed_dead" not in xml


@pytest.mark.parametrize(
    "broken, field",
    [
        ("<pfif:sex>unknown</pfif:sex>", "sex"),
        ("<pfif:source_date>16/12/2016</pfif:source_date>", "source_date"),
        ("<pfif:age>about 30</pfif:age>", "age"),
    ],
)
def test_a_bad_field_is_named_with_its_line(broken, field):
    fields = {
        "person_record_id": "<pfif:person_record_id>x.org/1</pfif:person_record_id>",
        "source_date": "<pfif:source_date>2016-12-16T08:30:00Z</pfif:source_date>",
        "full_name": "<pfif:full_name>Test Person</pfif:full_name>",
    }
    fields[field] = broken
    doc = (
        '<?xml version="1.0"?>\n<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">\n  <pfif:person>\n'
        + "\n".join(fields.values())
        + "\n  </pfif:person>\n</pfif:pfif>"
    )
    with pytest.raises(InputError) as err:
        parse_pfif(doc.encode(), path="inbox/family.xml")
    msg = str(err.value)
    assert "inbox/family.xml" in msg and f"field '{field}'" in msg and ":3:" in msg


def test_not_xml_is_a_parse_error_not_a_crash():
    with pytest.raises(InputError, match="not well-formed"):
        parse_pfif(b"\x00\xffnot xml", path="junk.xml")


def test_broken_xml_names_its_line_once_and_its_column():
    with pytest.raises(InputError) as err:
        parse_pfif(
            b'<?xml version="1.0"?>\n<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">\n'
            b"  <pfif:person>\n</pfif:pfif>",
            path="inbox/broken.xml",
        )
    msg = str(err.value)
    assert "inbox/broken.xml" in msg and ":4" in msg and "column" in msg
    assert msg.count("line") <= 1, msg


def test_status_is_derived_from_the_latest_note_never_overwritten():
    t = lambda d: datetime(2016, 12, d, tzinfo=UTC)  # noqa: E731
    notes = [
        MissingNote(note_record_id="a", status="information_sought", author_name="f", source_date=t(14)),
        MissingNote(note_record_id="c", status="", author_name="f", source_date=t(20), text="no news"),
        MissingNote(note_record_id="b", status="detained_denied", author_name="f", source_date=t(18)),
    ]
    assert current_status(notes) == "detained_denied"
    assert current_status([]) == "believed_missing"
    victim = PersonRecord(list_name="victims-2017", record_id="V9", status="killed")
    missing = PersonRecord(list_name="family", record_id="M1", status="missing")
    note = match_note(missing, victim, author="reviewer", now=t(25))
    assert current_status([*notes, note]) == "believed_dead"
    assert "victims-2017" in note.source and "V9" in note.text


def test_export_writes_given_and_family_names_as_the_list_wrote_them_not_linkage_keys():
    from tawthiq.people._import import split_full_name

    full = "Abd al-Rahman Mohammed Abu Zeid"  # a full-name column: import split it into lower-cased keys
    rec = PersonRecord(
        list_name="l", record_id="9", name_latin=full, status="missing", **split_full_name(full)
    )
    assert rec.given_name == "abdalrahman"
    [person] = parse_pfif(write_pfif(from_records([(rec, [])], domain="tawthiq.example")))
    assert (person.fields["given_name"], person.fields["family_name"]) == ("Abd al-Rahman", "Abu Zeid")
    assert person.fields["full_name"] == full
