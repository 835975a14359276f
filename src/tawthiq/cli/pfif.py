"""`tawthiq people pfif …` and `tawthiq people missing …`: the missing-persons registry.

Thin layer over ``app.missing`` (the registry, notes, inquiries, PFIF in and out) and the
PFIF reader of ``people.pfif`` (its issues are printed as the file is read). Never prints an
author's e-mail or phone; a PFIF export leaves out protected fields and confidential notes
whatever is asked.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from tawthiq.cli._common import (
    DbOpt,
    JsonOpt,
    WorkspaceOpt,
    emit,
    err_console,
    id_parser,
    out_console,
    progress,
)
from tawthiq.entities import NOTE_STATUSES, MissingNote
from tawthiq.errors import InputError

__all__ = ["missing_app", "pfif_app"]
_RECORD_ID = id_parser("person record", "tawthiq people missing list")

pfif_app = typer.Typer(
    help="PFIF 1.4 (People Finder Interchange Format) import and export.", no_args_is_help=True
)
missing_app = typer.Typer(
    help="Missing persons: status history, notes, family inquiries.", no_args_is_help=True
)

_STATUSES = tuple(s for s in NOTE_STATUSES if s)  # "" (information only) is said as ''


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise InputError("no such file", path=path)
    return path.read_bytes()


@pfif_app.command("import")
def pfif_import(
    file: Annotated[Path, typer.Argument(help="A PFIF 1.1–1.4 XML file.")],
    list_name: Annotated[
        str | None, typer.Option("--list", help="List name (default: the file name).")
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Refuse the whole file if any record breaks a PFIF 1.4 rule (default: skip or "
            "repair such records, import the rest and report each).",
        ),
    ] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Import missing persons and their notes from PFIF, in one transaction.

    Records another system wrote against the PFIF 1.4 rules are repaired where they can be (a
    note without author_name: left empty) and skipped where they cannot (an impossible date, an
    unknown status, an id used twice); each is reported with file, line, record id and field.
    """
    from tawthiq.app.missing import import_pfif, pfif_records
    from tawthiq.people.pfif import PfifRead, parse_pfif, read_pfif
    from tawthiq.store import open_workspace

    data = _read(file)
    read = PfifRead(parse_pfif(data, path=file)) if strict else read_pfif(data, path=file)
    for issue in read.issues:
        colour = "red" if issue.action == "skipped" else "yellow"
        err_console.print(f"[{colour}]{issue.action}:[/] {issue}", highlight=False, soft_wrap=True)
    if read.skipped and not read.persons:
        raise InputError(
            f"no person could be imported ({len(read.skipped)} record(s) skipped); nothing stored", path=file
        )
    name = list_name or file.stem
    items, fields = pfif_records(read.persons, name)
    with open_workspace(workspace, db) as ws, progress(f"importing {len(items)} person(s)", json_=json_):
        sha256 = hashlib.sha256(data).hexdigest()
        result = import_pfif(
            ws, name, items, fields, file_name=file.name, sha256=sha256,
            skipped=[f"{i.line}:{i.record_id}" for i in read.skipped],
            repaired=[f"{i.line}:{i.record_id}" for i in read.repaired],
        )  # fmt: skip
    result = {
        **result,
        "file": str(file),
        "skipped": [i.as_dict() for i in read.skipped],
        "repaired": [i.as_dict() for i in read.repaired],
    }
    emit(result, json_, lambda r: _imported_line(file, len(items), name, r, read))


def _imported_line(file: Path, items: int, name: str, result: dict[str, Any], read: Any) -> None:
    err_console.print(
        f"{file}: {items} person(s) into list '{name}' (new {result['inserted']}, updated "
        f"{result['updated']}), {result['notes_added']} new note(s); {result['candidates']} possible "
        "match(es) with other lists queued for review"
        + (
            f"; {len(read.skipped)} record(s) skipped, {len(read.repaired)} repaired (listed above)"
            if read.issues
            else ""
        ),
        highlight=False,
        soft_wrap=True,
    )


@pfif_app.command("export")
def pfif_export(
    out: Annotated[Path, typer.Option("--out", help="File to write (PFIF 1.4 XML).")],
    domain: Annotated[str, typer.Option(help="Record-id domain for records made here.")] = "tawthiq.local",
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Export every missing person as PFIF 1.4: no protected field, no confidential note."""
    from tawthiq.app.missing import pfif_export
    from tawthiq.store import open_workspace

    with open_workspace(workspace, db) as ws:
        count, xml = pfif_export(ws, domain)
    out.write_bytes(xml)
    err_console.print(f"wrote {count} person(s) to {out}")
    emit({"file": str(out), "persons": count, "bytes": len(xml)}, json_, lambda _: None)


@missing_app.command("list")
def missing_list(workspace: WorkspaceOpt = None, db: DbOpt = None, json_: JsonOpt = False) -> None:
    """Missing persons with their derived status, last seen, and number of notes."""
    from tawthiq.app.missing import load_missing
    from tawthiq.store import open_workspace

    with open_workspace(workspace, db) as ws, ws.session() as s:
        people = load_missing(s)
    data: list[dict[str, Any]] = [
        {
            "record": m.record.id,
            "list": m.record.list_name,
            "record_id": m.record.record_id,
            "name": m.record.name_ar or m.record.name_latin,
            "status": m.status,
            # last seen, else the list's date and place: as the web's /missing shows them
            "last_seen_date": m.last_seen_text,
            "last_seen_place": m.last_seen_place,
            "circumstances": m.record.circumstances,
            "notes": len(m.notes),
        }
        for m in people
    ]
    emit(data, json_, _missing_table)


def _missing_table(data: list[dict[str, Any]]) -> None:
    table = Table("record", "list", "name", "status", "last seen", "notes")
    for d in data:
        seen = " ".join(x for x in (d["last_seen_date"], d["last_seen_place"]) if x)
        table.add_row(str(d["record"]), d["list"], d["name"] or "", d["status"], seen, str(d["notes"]))
    out_console.print(table)


_RECORD_HELP = (
    "The missing person: the record id `people missing list` shows, or the list's own id as imported "
    "(e.g. M007; with --list when several lists give it)."
)
_LIST_OPT = typer.Option(
    "--list", "-l", help="Read RECORD as this list's own id (the id column of the file imported)."
)


@missing_app.command("show")
def missing_show(
    record: Annotated[str, typer.Argument(help=_RECORD_HELP)],
    list_name: Annotated[str | None, _LIST_OPT] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """One missing person's status history, oldest first, and the status derived from it."""
    from tawthiq.app.missing import load_missing, resolve_missing
    from tawthiq.people import names_as_written
    from tawthiq.store import open_workspace

    with open_workspace(workspace, db) as ws, ws.session() as s:
        found = load_missing(s, record_ids=[resolve_missing(s, record, list_name=list_name)])
    m = found[0]
    data = {
        "record": names_as_written(m.record).model_dump(mode="json"),
        "status": m.status,
        # last seen, else the list's date and place: as `people missing list` and the web's /missing
        "last_seen_date": m.last_seen_text,
        "last_seen_place": m.last_seen_place,
        "notes": [n.shown_json() for n in m.notes],
    }
    emit(data, json_, lambda _: _history_table(m))


def _history_table(m: Any) -> None:
    name = escape(m.record.name_ar or m.record.name_latin or "")
    out_console.print(f"[bold]{name}[/] — current status: [bold]{m.status}[/]")
    # A list entry has no note: without these lines the history of a person a list gives as missing
    # was an empty table, though the list says when and where (the web's /missing shows both).
    seen = ", ".join(x for x in (m.last_seen_text, m.last_seen_place) if x)
    out_console.print(f"last seen: {escape(seen or 'unknown')}", highlight=False)
    listed = f"{m.record.list_name} #{m.record.record_id}"
    out_console.print(f"listed as missing on {escape(listed)}", highlight=False)
    table = Table("date", "status", "author", "source", "text", "confidential")
    for n in m.notes:
        table.add_row(
            f"{n.source_date:%Y-%m-%d}",
            n.status,
            n.author_name,
            n.source or "",
            n.text,
            "yes" if n.confidential else "",
        )
    out_console.print(table)


@missing_app.command("note")
def missing_note(
    given: Annotated[str, typer.Argument(metavar="RECORD", help=_RECORD_HELP)],
    status: Annotated[str, typer.Option(help=f"One of {', '.join(_STATUSES)}, or '' for information.")] = "",
    text: Annotated[str, typer.Option(help="What the note says.")] = "",
    author: Annotated[str, typer.Option(help="Who writes the note.")] = "documenter",
    source: Annotated[str | None, typer.Option(help="What it rests on (list, call, visit …).")] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Date the information is from (YYYY-MM-DD).")
    ] = None,
    confidential: Annotated[bool, typer.Option(help="Never leaves the workspace.")] = False,
    last_seen_at: Annotated[str | None, typer.Option(help="Last known location.")] = None,
    list_name: Annotated[str | None, _LIST_OPT] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Add a note to a missing person's history (the status is derived from the notes)."""
    from tawthiq.app.missing import add_note, resolve_missing
    from tawthiq.store import open_workspace

    if status and status not in _STATUSES:
        raise InputError(f"{status!r} is not one of {', '.join(_STATUSES)}", field="status")
    try:
        when = datetime.combine(date.fromisoformat(on), datetime.min.time(), UTC) if on else datetime.now(UTC)
    except ValueError:
        raise InputError(f"{on!r} is not YYYY-MM-DD", field="date") from None
    with open_workspace(workspace, db) as ws:
        if given.strip().isdecimal() and list_name is None:
            record = _RECORD_ID(given)  # a stored id: any person record takes a note, as before
        else:
            with ws.session() as s:
                record = resolve_missing(s, given, list_name=list_name)
        note = MissingNote(
            note_record_id=f"note.{record}.{datetime.now(UTC):%Y%m%dT%H%M%S%f}",
            status=status,
            author_name=author,
            source_date=when,
            source=source,
            text=text,
            confidential=confidential,
            last_known_location=last_seen_at,
        )
        stored = add_note(ws, record, note)
    err_console.print(f"note {stored.id if stored else '(already there)'} added to record {record}")
    emit({"record": record, "added": stored is not None, "note": stored.shown_json() if stored else None},
         json_, lambda _: None)  # fmt: skip


@missing_app.command("inquiries")
def inquiries(
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    status: Annotated[str | None, typer.Option(help="open, answered or closed.")] = None,
) -> None:
    """Families' inquiries from the public form (the review queue for documenters)."""
    from tawthiq.app.missing import list_inquiries
    from tawthiq.store import open_workspace

    with open_workspace(workspace, db) as ws:
        rows, _ = list_inquiries(ws, status=status)
    data = [
        {k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in vars(r).items()}
        for r in rows
    ]
    emit(data, json_, _inquiries_table)


def _inquiries_table(data: list[dict[str, Any]]) -> None:
    table = Table("id", "kind", "name", "last seen", "status", "created")
    for d in data:
        seen = " ".join(x for x in (d["last_seen_date"], d["last_seen_place"]) if x)
        table.add_row(str(d["id"]), d["kind"], d["name"], seen, d["status"], d["created_at"][:16])
    out_console.print(table)


@missing_app.command("answer")
def answer(
    inquiry: Annotated[
        int,
        typer.Argument(help="Inquiry id.", parser=id_parser("inquiry", "tawthiq people missing inquiries")),
    ],
    text: Annotated[str, typer.Option(help="The answer the family will read with its ticket.")],
    record: Annotated[
        int | None, typer.Option(help="The person record it concerns, if any.", parser=_RECORD_ID)
    ] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Answer a family's inquiry; only the holder of its ticket can read the answer."""
    from tawthiq.app.missing import answer_inquiry
    from tawthiq.store import open_workspace

    with open_workspace(workspace, db) as ws:
        record = answer_inquiry(ws, inquiry, text, record_id=record, actor="cli")
    err_console.print(f"inquiry {inquiry} answered")
    emit({"inquiry": inquiry, "status": "answered", "record": record}, json_, lambda _: None)
