"""PFIF (People Finder Interchange Format) in and out: 1.1–1.4 read, 1.4 written.

In: PFIF XML bytes (any of the namespaces ``http://zesty.ca/pfif/1.1`` … ``/1.4``).
Out: :class:`PfifPerson` values (the PFIF fields as strings, plus their notes), mapped to and
from :class:`~tawthiq.entities.PersonRecord` and :class:`~tawthiq.entities.MissingNote`.
Never: touches the database, and never writes a protected field (author e-mail/phone, the found
person's e-mail/phone) or a confidential note into an export.

Field lists and rules follow the PFIF 1.4 specification (zesty.ca/pfif/1.4): mandatory
``person_record_id``, ``source_date`` and ``full_name`` on a person; ``note_record_id``,
``author_name``, ``source_date`` and ``text`` on a note; record ids of the form
``domain/unique-id``; UTC times as ``YYYY-MM-DDThh:mm:ssZ``. Older versions are upgraded on
read (``first_name``/``last_name`` → ``given_name``/``family_name``, ``found`` →
``author_made_contact``). PFIF has no detention statuses: Tawthiq's ``detained_acknowledged`` and
``detained_denied`` are written as ``believed_alive`` / ``believed_missing`` with the exact status
in an extension element (``tawthiq:status``) that other readers ignore and Tawthiq reads back.

Dates are checked as dates, not only as shapes (issue 21: ``2016-02-30`` in a note and
``2016-13-45`` as a date of birth crashed the import; ``2016-99-99T99:99:99Z`` was stored),
an unknown ``tawthiq:status`` is refused with its line, and a ``person_record_id`` or
``note_record_id`` used twice in one file is reported with both lines instead of failing in
the database.

Two reads (issue 17): :func:`read_pfif` is lenient, as Person Finder is with another system's
file — it repairs what it can (a note without ``author_name``: left empty), skips the records it
cannot take, and returns each as a :class:`PfifIssue`; :func:`parse_pfif` is strict and refuses
the file at any problem.

Hand-written on lxml rather than a PFIF package: none is published on PyPI for Python 3
(Google Person Finder's module is Python 2 and not packaged).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal, get_args

from lxml import etree
from pydantic import BaseModel, ConfigDict

from tawthiq.entities import MissingNote, NoteStatus, PersonRecord, Protected, date_text
from tawthiq.errors import InputError, InputErrors, ParseError
from tawthiq.people._written import names_as_written

__all__ = [
    "PFIF_NS",
    "PfifIssue",
    "PfifPerson",
    "PfifRead",
    "from_records",
    "parse_pfif",
    "read_pfif",
    "to_records",
    "write_pfif",
]

PFIF_NS = {v: f"http://zesty.ca/pfif/{v}" for v in ("1.1", "1.2", "1.3", "1.4")}
_VERSION_OF_NS = {ns: v for v, ns in PFIF_NS.items()}
EXT_NS = "urn:tawthiq:pfif-extension:1"

PERSON_FIELDS_14 = (
    "person_record_id", "entry_date", "expiry_date", "author_name", "author_email",
    "author_phone", "source_name", "source_date", "source_url", "full_name", "given_name",
    "family_name", "alternate_names", "description", "sex", "date_of_birth", "age",
    "home_street", "home_neighborhood", "home_city", "home_state", "home_postal_code",
    "home_country", "photo_url", "profile_urls",
)  # fmt: skip
NOTE_FIELDS_14 = (
    "note_record_id", "person_record_id", "linked_person_record_id", "entry_date",
    "author_name", "author_email", "author_phone", "source_date", "author_made_contact",
    "status", "email_of_found_person", "phone_of_found_person", "last_known_location",
    "text", "photo_url",
)  # fmt: skip
# Renames from older versions to 1.4.
_OLD_NAMES = {"first_name": "given_name", "last_name": "family_name", "found": "author_made_contact",
              "home_zip": "home_postal_code", "other": "description"}  # fmt: skip
PROTECTED_FIELDS = frozenset(
    {"author_email", "author_phone", "email_of_found_person", "phone_of_found_person"}
)
NOTE_STATUSES = (
    "",
    "information_sought",
    "is_note_author",
    "believed_alive",
    "believed_missing",
    "believed_dead",
)
TAWTHIQ_STATUSES = tuple(s for s in get_args(NoteStatus) if s)
_DETENTION_AS_PFIF = {"detained_acknowledged": "believed_alive", "detained_denied": "believed_missing"}

_TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
_DOB_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_AGE_RE = re.compile(r"^\d{1,3}(-\d{1,3})?$")
_ID_RE = re.compile(r"^[^/\s]+/\S+$")


class PfifPerson(BaseModel):
    """A PFIF person with its notes; every value kept as the string PFIF carries."""

    model_config = ConfigDict(frozen=True)
    fields: dict[str, str]
    notes: tuple[dict[str, str], ...] = ()
    version: str = "1.4"


Action = Literal["skipped", "repaired"]


@dataclass(frozen=True)
class PfifIssue:
    """One problem with one record of a PFIF file, and what the lenient reader did about it.

    ``record_id`` is the record's PFIF id (``person_record_id`` or ``note_record_id``; empty when
    the record has none) — an id, never a name or a contact. ``action`` is ``skipped`` (the record
    is not imported; a skipped person takes its notes with it) or ``repaired`` (imported with the
    field as ``reason`` says).
    """

    path: str
    line: int
    kind: Literal["person", "note"]
    record_id: str
    field: str
    reason: str
    action: Action

    def as_error(self) -> InputError:
        """The problem as the :class:`InputError` a strict read raises (file, line, field)."""
        return InputError(self.reason, path=self.path, line=self.line, field=self.field)

    def as_dict(self) -> dict[str, object]:
        return {"file": self.path, "line": self.line, "kind": self.kind, "record_id": self.record_id,
                "field": self.field, "reason": self.reason, "action": self.action}  # fmt: skip

    def __str__(self) -> str:
        rid = f" {self.record_id!r}" if self.record_id else ""
        return (
            f"{self.path}:{self.line}: {self.kind}{rid}: field '{self.field}': {self.reason} — {self.action}"
        )


@dataclass(frozen=True)
class PfifRead:
    """What a lenient read kept (persons with their good notes) and every issue met on the way."""

    persons: list[PfifPerson]
    issues: tuple[PfifIssue, ...] = ()
    version: str = "1.4"

    @property
    def skipped(self) -> tuple[PfifIssue, ...]:
        return tuple(i for i in self.issues if i.action == "skipped")

    @property
    def repaired(self) -> tuple[PfifIssue, ...]:
        return tuple(i for i in self.issues if i.action == "repaired")


# A problem found in one record: (field, reason, repair). ``repair`` None means the record cannot
# be imported; a string is the value the field takes instead ("" = left empty).
_Problem = tuple[str, str, str | None]


# ------------------------------------------------------------------ reading


def parse_pfif(data: bytes, *, path: str | Path = "<pfif>") -> list[PfifPerson]:
    """Parse a PFIF document (1.1–1.4) strictly against the 1.4 field rules.

    Any problem — even one the lenient :func:`read_pfif` would repair — refuses the file: every
    problem is raised together as one :class:`InputErrors`, naming the file, the line of the
    element and the field (``tawthiq people pfif import --strict``).
    """
    read = read_pfif(data, path=path)
    if read.issues:
        raise InputErrors([i.as_error() for i in read.issues], path=path)
    return read.persons


def read_pfif(data: bytes, *, path: str | Path = "<pfif>") -> PfifRead:
    """Read a PFIF document (1.1–1.4) leniently, as Person Finder imports another system's file.

    Repaired: a note without ``author_name`` or ``text`` (left empty), a person without
    ``source_date`` (left empty), a ``sex``, ``age`` or ``author_made_contact`` that is not a PFIF
    value (left empty). Skipped: a record without its id or a malformed one, a person without any
    name, an impossible date or time, an unknown note status, a ``person_record_id`` or
    ``note_record_id`` used again in the file (the first is kept), a note whose person is not in
    the file or was skipped. Each is a :class:`PfifIssue` (file, line, record id, field, reason).
    A document that is not PFIF XML at all is still a :class:`ParseError`.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        # lxml's message ends with its own ", line N, column M": the error names the line once
        msg = re.sub(r",\s*line \d+, column \d+\s*$", "", exc.msg)
        column = exc.position[1] if exc.position else None
        where = f" (column {column})" if column else ""
        raise ParseError(f"not well-formed XML: {msg}{where}", path=path, line=exc.lineno) from None
    ns = etree.QName(root).namespace
    if ns not in _VERSION_OF_NS or etree.QName(root).localname != "pfif":
        raise ParseError(
            "root element is not <pfif> in a PFIF 1.1–1.4 namespace", path=path, line=root.sourceline
        )
    version = _VERSION_OF_NS[ns]
    where = str(path)
    issues: list[PfifIssue] = []
    persons: dict[str, PfifPerson] = {}
    order: list[str] = []
    skipped_persons: set[str] = set()
    loose_notes: list[tuple[dict[str, str], int]] = []
    person_line: dict[str, int] = {}
    note_line: dict[str, int] = {}

    def report(
        kind, rid: str, line: int, problems: list[_Problem], fields: dict[str, str], extra: str = ""
    ) -> bool:
        """Record each problem; apply the repairs; True when the record is to be skipped."""
        fatal = any(fix is None for _, _, fix in problems)
        for field, reason, fix in problems:
            if fix is not None and not fatal:
                if fix:
                    fields[field] = fix
                else:
                    fields.pop(field, None)
                reason += "; left empty" if not fix else f"; set to {fix!r}"
            action: Action = "skipped" if fatal else "repaired"
            issues.append(PfifIssue(where, line, kind, rid, field, reason + (extra if fatal else ""), action))
        return fatal

    def again(seen: dict[str, int], field: str, value: str | None, line: int) -> list[_Problem]:
        if value and value in seen:
            return [(field, f"{value!r} is already used on line {seen[value]}", None)]
        return []

    def read_note(elem, person_id: str, *, nested: bool) -> dict[str, str] | None:
        note = _read_fields(elem, ns, "note")
        if nested:
            note.setdefault("person_record_id", person_id)
        line = elem.sourceline
        nid = note.get("note_record_id", "")
        problems = _check_note(note, nested=nested) + again(note_line, "note_record_id", nid, line)
        if report("note", nid, line, problems, note):
            return None
        if nid:
            note_line[nid] = line
        return note

    for child in root:
        if not isinstance(child.tag, str):
            continue
        q = etree.QName(child)
        if q.namespace != ns:
            continue  # other namespaces are ignored, as the spec asks
        if q.localname == "person":
            fields = _read_fields(child, ns, "person")
            rid = fields.get("person_record_id", "")
            line = child.sourceline
            problems = _check_person(fields, version) + again(person_line, "person_record_id", rid, line)
            notes = [n for sub in child.findall(f"{{{ns}}}note")
                     if (n := read_note(sub, rid, nested=True)) is not None]  # fmt: skip
            extra = f" (with its {len(notes)} note(s))" if notes else ""
            if report("person", rid, line, problems, fields, extra):
                if rid and rid not in person_line:
                    skipped_persons.add(rid)
                continue
            person_line[rid] = line
            persons[rid] = PfifPerson(fields=fields, notes=tuple(notes), version=version)
            order.append(rid)
        elif q.localname == "note":
            note = read_note(child, "", nested=False)
            if note is not None:
                loose_notes.append((note, child.sourceline))
    for note, line in loose_notes:
        rid = note.get("person_record_id", "")
        if rid not in persons:
            why = "was skipped" if rid in skipped_persons else "is not in this file"
            problem: _Problem = ("person_record_id", f"note refers to person {rid!r}, which {why}", None)
            report("note", note.get("note_record_id", ""), line, [problem], note)
            continue
        p = persons[rid]
        persons[rid] = p.model_copy(update={"notes": (*p.notes, note)})
    return PfifRead([persons[r] for r in order], tuple(issues), version)


def _read_fields(elem, ns: str, kind: str) -> dict[str, str]:
    allowed = PERSON_FIELDS_14 if kind == "person" else NOTE_FIELDS_14
    out: dict[str, str] = {}
    for f in elem:
        if not isinstance(f.tag, str):
            continue
        q = etree.QName(f)
        if q.namespace == EXT_NS and q.localname == "status":
            out["tawthiq_status"] = (f.text or "").strip()
            continue
        if q.namespace == EXT_NS and q.localname == "confidential":
            out["tawthiq_confidential"] = (f.text or "").strip()
            continue
        if q.namespace != ns or q.localname in ("note", "person"):
            continue
        name = _OLD_NAMES.get(q.localname, q.localname)
        if name not in allowed:
            continue  # unknown PFIF field of a later version: ignored, as the spec asks
        text = (f.text or "").strip()
        if name == "description" and q.localname == "other" and "description" in out:
            text = out["description"] + "\n" + text
        out[name] = text
    return out


def _check_person(fields: dict[str, str], version: str) -> list[_Problem]:
    out: list[_Problem] = []
    if not fields.get("person_record_id"):
        out.append(("person_record_id", "missing (mandatory)", None))
    elif not _ID_RE.match(fields["person_record_id"]):
        out.append(("person_record_id", "must be 'domain/unique-id'", None))
    if not fields.get("full_name"):
        given, family = fields.get("given_name", ""), fields.get("family_name", "")
        if version in ("1.1", "1.2") and (given or family):
            fields["full_name"] = " ".join(x for x in (given, family) if x)
        else:
            out.append(("full_name", "missing (mandatory in PFIF 1.3 and 1.4)", None))
    if version == "1.4" and not fields.get("source_date"):
        out.append(("source_date", "missing (mandatory in PFIF 1.4)", ""))
    for f in ("entry_date", "source_date", "expiry_date"):
        if fields.get(f) and not _is_time(fields[f]):
            out.append(
                (f, f"{fields[f]!r} is not a UTC time YYYY-MM-DDThh:mm:ssZ (a real date and time)", None)
            )
    if fields.get("sex") and fields["sex"] not in ("female", "male", "other"):
        out.append(("sex", f"{fields['sex']!r} is not one of female, male, other", ""))
    if fields.get("date_of_birth") and not _is_dob(fields["date_of_birth"]):
        dob = fields["date_of_birth"]
        out.append(("date_of_birth", f"{dob!r} is not a real date YYYY, YYYY-MM or YYYY-MM-DD", None))
    if fields.get("age") and not _AGE_RE.match(fields["age"]):
        out.append(("age", f"{fields['age']!r} is not a number or a range N-M", ""))
    return out


def _check_note(note: dict[str, str], *, nested: bool) -> list[_Problem]:
    out: list[_Problem] = []
    for f, fix in (("note_record_id", None), ("author_name", ""), ("source_date", None), ("text", "")):
        if not note.get(f):
            out.append((f, "missing (mandatory)", fix))
    if not nested and not note.get("person_record_id"):
        out.append(("person_record_id", "missing (mandatory on a note outside its person)", None))
    if note.get("note_record_id") and not _ID_RE.match(note["note_record_id"]):
        out.append(("note_record_id", "must be 'domain/unique-id'", None))
    for f in ("entry_date", "source_date"):
        if note.get(f) and not _is_time(note[f]):
            out.append(
                (f, f"{note[f]!r} is not a UTC time YYYY-MM-DDThh:mm:ssZ (a real date and time)", None)
            )
    if note.get("status", "") not in NOTE_STATUSES:
        out.append(("status", f"{note['status']!r} is not a PFIF note status", None))
    if note.get("tawthiq_status") and note["tawthiq_status"] not in TAWTHIQ_STATUSES:
        known = ", ".join(TAWTHIQ_STATUSES)
        out.append(("tawthiq:status", f"{note['tawthiq_status']!r} is not a status (one of {known})", None))
    # whether a note must stay in the workspace cannot be guessed: a bad flag skips the note
    if note.get("tawthiq_confidential", "false") not in ("true", "false"):
        out.append(("tawthiq:confidential", "must be true or false", None))
    if note.get("author_made_contact") and note["author_made_contact"] not in ("true", "false"):
        out.append(("author_made_contact", "must be true or false", ""))
    return out


def _is_time(s: str) -> bool:
    if not _TIME_RE.match(s):
        return False
    try:
        _time(s)
    except ValueError:
        return False
    return True


def _is_dob(s: str) -> bool:
    if not _DOB_RE.match(s):
        return False
    year, month, day = [*s.split("-"), "01", "01"][:3]
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


# ------------------------------------------------------------------ mapping


def to_records(persons: Iterable[PfifPerson], list_name: str) -> list[tuple[PersonRecord, list[MissingNote]]]:
    """Map PFIF persons to Tawthiq person records (status ``missing``) and their notes."""
    out = []
    for p in persons:
        f = p.fields
        full = f.get("full_name", "")
        arabic = bool(re.search(r"[\u0600-\u06FF]", full))
        notes = [_note_from_pfif(n) for n in p.notes]
        located = sorted((n for n in notes if n.last_known_location), key=lambda n: n.source_date)
        rec = PersonRecord(
            list_name=list_name,
            record_id=f["person_record_id"],
            name_ar=full if arabic else None,
            name_latin=None if arabic else full or None,
            given_name=f.get("given_name") or None,
            family_name=f.get("family_name") or None,
            sex={"male": "m", "female": "f"}.get(f.get("sex", "")),
            age=int(f["age"]) if f.get("age", "").isdigit() else None,
            birth_date=f.get("date_of_birth") or None,  # YYYY, YYYY-MM, YYYY-MM-DD: kept at its precision
            place=f.get("home_neighborhood") or f.get("home_city") or None,
            status="missing",
            circumstances=f.get("description") or None,
            last_seen_place=located[-1].last_known_location if located else None,
            last_seen_date=located[-1].source_date.date() if located else None,
        )
        out.append((rec, notes))
    return out


def _note_from_pfif(n: dict[str, str]) -> MissingNote:
    status = n.get("tawthiq_status") or n.get("status", "")
    amc = n.get("author_made_contact")
    return MissingNote(
        note_record_id=n["note_record_id"],
        status=status,
        author_name=n.get("author_name", ""),
        author_email=Protected(n["author_email"]) if n.get("author_email") else None,
        author_phone=Protected(n["author_phone"]) if n.get("author_phone") else None,
        source_date=_time(n["source_date"]),
        entry_date=_time(n["entry_date"]) if n.get("entry_date") else None,
        author_made_contact=None if amc is None else amc == "true",
        last_known_location=n.get("last_known_location") or None,
        text=n.get("text", ""),
        linked_person_record_id=n.get("linked_person_record_id") or None,
        confidential=n.get("tawthiq_confidential") == "true",
    )


def from_records(
    items: Iterable[tuple[PersonRecord, Sequence[MissingNote]]],
    *,
    domain: str,
    source_name: str = "Tawthiq",
    now: datetime | None = None,
    original_fields: dict[str, dict[str, str]] | None = None,
) -> list[PfifPerson]:
    """Map records and notes to PFIF 1.4 persons for export.

    Protected fields and confidential notes are left out here, whatever the caller's policy:
    a PFIF file leaves the workspace. ``original_fields`` (by record id) carries fields a PFIF
    import brought in that Tawthiq's model does not hold, so an import → export loses nothing.
    """
    now = now or datetime.now(UTC)
    out = []
    for stored, notes in items:
        rec = names_as_written(stored)  # given_name/family_name as the list wrote them, not linkage keys
        rid = rec.record_id if _ID_RE.match(rec.record_id) else f"{domain}/{rec.list_name}.{rec.record_id}"
        base = {
            k: v
            for k, v in (original_fields or {}).get(rec.record_id, {}).items()
            if k not in PROTECTED_FIELDS
        }
        full = (
            rec.name_ar
            or rec.name_latin
            or " ".join(
                x for x in (rec.given_name, rec.father_name, rec.grandfather_name, rec.family_name) if x
            )
        )
        fields = {
            **base,
            "person_record_id": rid,
            "source_name": base.get("source_name") or source_name,
            "source_date": base.get("source_date") or _fmt_time(now),
            "full_name": full,
        }
        for key, val in (
            ("given_name", rec.given_name),
            ("family_name", rec.family_name),
            ("sex", {"m": "male", "f": "female"}.get(rec.sex or "")),
            ("age", str(rec.age) if rec.age is not None else None),
            ("date_of_birth", date_text(rec.birth_date, rec.birth_date_precision)),
            ("description", rec.circumstances),
        ):
            if val:
                fields[key] = val
        # ``home_*`` is where the person lives (PFIF 1.4): a list's place of disappearance is not
        # written there but in a last-seen note below. A PFIF import's own home fields are in ``base``.
        pnotes = []
        for n in notes:
            if n.confidential:
                continue
            nd = {
                "note_record_id": n.note_record_id
                if _ID_RE.match(n.note_record_id)
                else f"{domain}/{n.note_record_id}",
                "person_record_id": rid,
                "author_name": n.author_name or source_name,
                "source_date": _fmt_time(n.source_date),
                "text": n.text or n.status or "note",
            }
            if n.entry_date:
                nd["entry_date"] = _fmt_time(n.entry_date)
            if n.status:
                nd["status"] = _DETENTION_AS_PFIF.get(n.status, n.status)
                if n.status in _DETENTION_AS_PFIF:
                    nd["tawthiq_status"] = n.status
            if n.author_made_contact is not None:
                nd["author_made_contact"] = "true" if n.author_made_contact else "false"
            if n.last_known_location:
                nd["last_known_location"] = n.last_known_location
            if n.linked_person_record_id:
                nd["linked_person_record_id"] = n.linked_person_record_id
            pnotes.append(nd)
        from_pfif = bool(base)  # imported from PFIF: its place is the PFIF home_* field
        seen = _last_seen_note(
            rec, notes, pnotes, rid=rid, domain=domain, author=source_name, now=now, from_pfif=from_pfif
        )
        if seen is not None:
            pnotes.insert(0, seen)
        out.append(PfifPerson(fields=fields, notes=tuple(pnotes)))
    return out


def _last_seen_note(
    rec: PersonRecord,
    notes: Sequence[MissingNote],
    written: Sequence[dict[str, str]],
    *,
    rid: str,
    domain: str,
    author: str,
    now: datetime,
    from_pfif: bool = False,
) -> dict[str, str] | None:
    """A note saying when and where the record was last seen, when no written note says it.

    PFIF 1.4 keeps a sighting in a note (``last_known_location``, dated by ``source_date``), not
    in the person's ``home_*`` fields, which are where the person lives. The record's last-seen
    date and place (a PFIF note's or an inquiry's), else the list's date and place of the
    disappearance on a list's record of the missing (not a PFIF import's, whose place is its home),
    as :class:`~tawthiq.people.missing.MissingPerson` shows them. ``source_date`` is that date
    when it is known to the day; a month or a year stays in the text at its precision, with the
    export time as ``source_date`` (PFIF has no partial times). A sighting only a confidential
    note gives is not written (the note never leaves).
    """
    # to_records takes last seen from the latest located note, confidential or not: a sighting
    # only a confidential note gives stays in the workspace, date and place
    hidden = (
        rec.last_seen_place is not None
        and not any(n.last_known_location == rec.last_seen_place for n in notes if not n.confidential)
        and any(n.last_known_location == rec.last_seen_place for n in notes if n.confidential)
    )
    seen_place = None if hidden else rec.last_seen_place
    seen_date = None if hidden else rec.last_seen_date
    # a list's date and place are the disappearance's only on a list's record of the missing: a
    # PFIF import's place is its home_city or home_neighborhood (to_records), which goes back there
    listed = rec.status == "missing" and not from_pfif
    place = seen_place or (rec.place if listed else None)
    day: date | None
    when: str | None
    if seen_date is not None:
        day, when = seen_date, seen_date.isoformat()
    else:
        precision = rec.event_date_precision if listed else None
        day = rec.event_date if precision == "day" else None
        when = date_text(rec.event_date, precision) if listed else None
    if not (place or when):
        return None
    said = {(n.get("last_known_location"), n["source_date"][:10]) for n in written}
    if any(loc == place and (day is None or d == day.isoformat()) for loc, d in said):
        return None  # a note that leaves already says it (a PFIF import's own sighting)
    seen = " ".join(x for x in (f"on {when}" if when else None, f"at {place}" if place else None) if x)
    local = re.sub(r"\s+", "_", rid.split("/", 1)[1])
    note = {
        "note_record_id": f"{domain}/{local}.last-seen",
        "person_record_id": rid,
        "author_name": author,
        "source_date": _fmt_time(datetime(day.year, day.month, day.day, tzinfo=UTC) if day else now),
        "text": f"Last seen {seen} (list {rec.list_name}, record {rec.record_id}).",
    }
    if place:
        note["last_known_location"] = place
    if rec.status == "missing" and not any(n.get("status") for n in written):
        note["status"] = "believed_missing"  # what Tawthiq derives for a missing person without a status note
    return note


# ------------------------------------------------------------------ writing


def write_pfif(persons: Iterable[PfifPerson]) -> bytes:
    """Serialise persons (with nested notes) as a PFIF 1.4 document, fields in spec order."""
    ns = PFIF_NS["1.4"]
    root = etree.Element(f"{{{ns}}}pfif", nsmap={"pfif": ns, "tawthiq": EXT_NS})
    for p in persons:
        pe = etree.SubElement(root, f"{{{ns}}}person")
        for name in PERSON_FIELDS_14:
            if p.fields.get(name) and name not in PROTECTED_FIELDS:
                etree.SubElement(pe, f"{{{ns}}}{name}").text = _xml_safe(p.fields[name])
        for n in p.notes:
            ne = etree.SubElement(pe, f"{{{ns}}}note")
            for name in NOTE_FIELDS_14:
                if n.get(name) and name not in PROTECTED_FIELDS:
                    etree.SubElement(ne, f"{{{ns}}}{name}").text = _xml_safe(n[name])
            if n.get("tawthiq_status"):
                etree.SubElement(ne, f"{{{EXT_NS}}}status").text = n["tawthiq_status"]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(s: str) -> str:
    return _XML_BAD.sub("", s)


def _time(s: str) -> datetime:
    return datetime.strptime(s[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)


def _fmt_time(dt: datetime) -> str:
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC)
    return dt.replace(microsecond=0, tzinfo=None).isoformat() + "Z"
