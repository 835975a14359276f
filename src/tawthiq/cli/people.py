"""`tawthiq people …`: import victim lists, link them into persons, review, list persons.

Thin layer: parse options, call ``people`` (pure) and ``store.people`` (database), render.
Data to stdout (``--json`` prints the model), progress and messages to stderr. Messages never
carry a name (row errors name the file, row and field); only the interactive review screen
shows the two records, to the reviewer at the terminal.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table as RichTable

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
from tawthiq.cli.pfif import missing_app, pfif_app
from tawthiq.entities import MAX_ID, LinkedPair, PersonRecord
from tawthiq.errors import InputError, InputErrors
from tawthiq.people import (
    FIELDS,
    ImportResult,
    build_records,
    check_mapping,
    guess_mapping,
    mapping_from_args,
    mapping_from_yaml,
    names_as_written,
    read_table,
)

if TYPE_CHECKING:
    from tawthiq.store import Workspace

people_app = typer.Typer(
    name="people",
    help="Victim, detainee and missing lists: import, link into persons, review, list persons.",
    no_args_is_help=True,
)

_SHOWN = ("list_name", *FIELDS)
_RECORD_ID = id_parser("record", "tawthiq people review --json")


def _open(workspace: Path | None, db: str | None):
    from tawthiq.store import open_workspace

    return open_workspace(workspace, db)


def _display_name(r: PersonRecord) -> str:
    parts = (r.given_name, r.father_name, r.grandfather_name, r.family_name)
    return r.name_ar or r.name_latin or " ".join(p for p in parts if p)


def record_json(r: PersonRecord) -> dict[str, Any]:
    """One record as `persons --json` and `review --json` print it: names as the list wrote them."""
    r = names_as_written(r)
    shown = r.model_dump(mode="json")  # dates at their precision: "2016-12" for a month
    rest = {f: shown[f] for f in FIELDS[1:]}  # FIELDS[0] is record_id
    return {"list": r.list_name, "record_id": r.record_id, "name": _display_name(r), **rest}


# ---------------------------------------------------------------- import


def _mapping_table(mapping: dict[str, str], headers: tuple[str, ...]) -> RichTable:
    table = RichTable(title="column → field", title_justify="left")
    table.add_column("column")
    table.add_column("field")
    for header in headers:
        table.add_row(header, mapping.get(header, "[dim](ignored)[/]"))
    return table


def _interactive() -> bool:
    """Whether someone can answer a prompt (stdin is a terminal)."""
    return sys.stdin.isatty()


def _confirm_guess(mapping: dict[str, str], headers: tuple[str, ...], path: Path, yes: bool) -> None:
    err_console.print(f"Guessed the column mapping of {path.name} from its headers:")
    err_console.print(_mapping_table(mapping, headers))
    if yes:
        return
    if not _interactive():
        guess = " ".join(f"--map '{c}={f}'" for c, f in mapping.items())
        raise InputError(
            f"the column mapping was guessed ({guess}); confirm it with --yes, or give it with --map "
            "COLUMN=FIELD or --mapping FILE.yaml",
            path=path,
        )
    if not typer.confirm("Import with this mapping?", err=True):
        raise InputError("import cancelled: give the mapping with --map COLUMN=FIELD or --mapping FILE.yaml",
                         path=path)  # fmt: skip


def _issue(e: InputError, path: Path) -> dict[str, Any]:
    """A refused row or a warning as ``--json`` lists it: the file, line and field as a failed
    command's ``errors`` name them (``cli._common.error_json``); ``row`` is the same number, kept
    for scripts written before."""
    file = str(e.path or path)
    return {"file": file, "line": e.line, "row": e.line, "field": e.field, "message": e.message}


@people_app.command("import")
def import_list(
    file: Annotated[Path, typer.Argument(help="The list: .csv/.tsv, .xlsx or .jsonl.", show_default=False)],
    list_name: Annotated[str, typer.Option("--list", "-l", help="The list's name (e.g. 'vdc-2016').")],
    maps: Annotated[
        list[str] | None,
        typer.Option("--map", "-m", help=f"COLUMN=FIELD (repeatable). Fields: {', '.join(FIELDS)}."),
    ] = None,
    mapping_file: Annotated[
        Path | None, typer.Option("--mapping", help="YAML file of 'COLUMN: field' lines.")
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Accept the guessed mapping without asking.")
    ] = False,
    has_duplicates: Annotated[
        bool | None,
        typer.Option(
            "--has-duplicates/--no-duplicates",
            help="Whether this list may name one person twice (default: no, or what it said before).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Store nothing if any row is bad (default: store the good rows).")
    ] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Import a list into the workspace; re-importing updates records by the list's own id."""
    with err_console.status(f"reading {file.name}…"):
        table = read_table(file)
    if not table.rows:
        # a header and nothing under it: said before a mapping is guessed and asked about (the walk
        # of session 22 was shown the guess, then told "no good rows among 0")
        raise InputError("the file has its header row but no rows of people under it; nothing stored",
                         path=file)  # fmt: skip
    if maps or mapping_file:
        mapping = mapping_from_yaml(mapping_file) if mapping_file else {}
        mapping.update(mapping_from_args(maps or []))
        check_mapping(
            mapping, table.headers, origin=str(mapping_file) if mapping_file and not maps else "--map"
        )
    else:
        mapping = guess_mapping(table.headers, table.rows)
        if not mapping:
            raise InputError(f"no column header is known (headers: {', '.join(table.headers)}); "
                             "give the mapping with --map COLUMN=FIELD", path=file)  # fmt: skip
        _confirm_guess(mapping, table.headers, file, yes)
    if "record_id" not in mapping.values():
        err_console.print("[yellow]warning:[/] no record_id column: rows are identified by their row "
                          "number, so re-import only an unchanged file")  # fmt: skip
    with progress(f"checking {len(table.rows):,} rows", json_=json_):
        result: ImportResult = build_records(table, mapping, list_name)
    for problem in (*result.errors, *result.warnings):
        err_console.print(f"[red]row refused:[/] {problem}" if problem in result.errors else
                          f"[yellow]warning:[/] {problem}", highlight=False, soft_wrap=True)  # fmt: skip
    # the refused rows go with the error (printed above; in the error's "errors" with --json)
    if strict and result.errors:
        said = f"{len(result.errors)} bad row(s); nothing stored (--strict)"
        raise InputErrors(result.errors, path=file, summary=said)
    if not result.records:
        raise InputErrors(
            result.errors, path=file, summary=f"no good rows among {result.rows}; nothing stored"
        )

    from tawthiq.app.people import import_list as store_list

    with _open(workspace, db) as ws, progress("storing the list", json_=json_):
        # issue 8: every missing person is compared with a list as it arrives; candidates go to review
        counts, missing_candidates = store_list(
            ws, list_name, result.records, has_duplicates=has_duplicates, file_name=file.name,
            sha256=table.sha256, mapping=mapping,
        )  # fmt: skip
    if missing_candidates:
        err_console.print(f"{missing_candidates} possible match(es) with missing persons queued for review "
                          "(`tawthiq people review`)")  # fmt: skip
    summary = {
        "list": list_name, "file": str(file), "rows": result.rows, "stored": len(result.records),
        "inserted": counts.inserted, "updated": counts.updated, "unchanged": counts.unchanged,
        "not_in_file": counts.not_in_file, "mapping": mapping, "missing_candidates": missing_candidates,
        "errors": [_issue(e, file) for e in result.errors],
        "warnings": [_issue(e, file) for e in result.warnings],
        "exit_code": 1 if result.errors else 0,
    }  # fmt: skip
    emit(summary, json_, _imported_lines)
    if result.errors:  # as `tawthiq ingest`: the good rows are stored, the refused ones named above
        raise typer.Exit(1)


def _imported_lines(d: dict[str, Any]) -> None:
    out_console.print(
        f"{d['list']}: {d['stored']} of {d['rows']} rows stored ({d['inserted']} new, "
        f"{d['updated']} updated, {d['unchanged']} unchanged); {len(d['errors'])} refused"
        + (f"; {d['not_in_file']} stored before are not in this file (kept)" if d["not_in_file"] else ""),
        highlight=False,
    )
    err_console.print("next: `tawthiq people link` to link the lists into persons")


@people_app.command("lists")
def lists(workspace: WorkspaceOpt = None, db: DbOpt = None, json_: JsonOpt = False) -> None:
    """The imported lists: records, whether they may hold duplicates, last file."""
    from tawthiq.store.people import load_lists

    with _open(workspace, db) as ws, ws.session() as s:
        found = load_lists(s)
    emit(found, json_, _lists_table, as_json=lambda f: [
        {"name": x.name, "records": x.records, "has_duplicates": x.has_duplicates, "file": x.file_name,
         "imported_at": x.imported_at} for x in f])  # fmt: skip


def _lists_table(found: list[Any]) -> None:
    table = RichTable("list", "records", "has duplicates", "file", "imported")
    for x in found:
        table.add_row(x.name, str(x.records), "yes" if x.has_duplicates else "no", x.file_name or "",
                      f"{x.imported_at:%Y-%m-%d %H:%M}")  # fmt: skip
    out_console.print(table)


# ---------------------------------------------------------------- link


@people_app.command("link")
def link(
    match_threshold: Annotated[
        float | None, typer.Option(help="Probability from which records are one person.")
    ] = None,
    review_threshold: Annotated[
        float | None, typer.Option(help="Probability from which a pair goes to review.")
    ] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Link every imported record into persons; uncertain pairs go to the review queue.

    Idempotent: the same records and decisions give the same persons, and a person keeps
    its id while its records stay together. Review decisions are used as labels.
    """
    from tawthiq.app.people import link as link_lists

    with _open(workspace, db) as ws, progress("loading records and decisions", json_=json_) as bar:
        linked = link_lists(
            ws, match_threshold=match_threshold, review_threshold=review_threshold,
            on_step=lambda text: bar.update(description=text),
        )  # fmt: skip
    counts, result = linked.counts, linked.result
    summary = {"records": counts.records, "persons": counts.persons, "kept": counts.kept, "new": counts.new,
               "removed": counts.removed, "review": counts.review, "labels": linked.labels,
               "age_offsets": [o.model_dump() for o in result.age_offsets]}  # fmt: skip
    emit(summary, json_, lambda _: _linked_lines(counts, result))


def _linked_lines(counts: Any, result: Any) -> None:
    out_console.print(
        f"{counts.records} records → {counts.persons} persons ({counts.kept} kept their id, "
        f"{counts.new} new, {counts.removed} dissolved); {counts.review} pairs to review "
        "(`tawthiq people review`)",
        highlight=False,
    )
    for o in result.age_offsets:  # list-level evidence the linker used (docs/linkage.md, step 2a)
        out_console.print(
            f"age offset: list {o.list_name!r}, ages {o.ages_from} to {o.ages_to}, read as "
            f"{-o.years:+d} years to match list {o.other_list!r} "
            f"({o.pairs} of {o.large} namesake pairs with distant ages show it)",
            highlight=False,
        )


# ---------------------------------------------------------------- review


def _pair_json(pair: Any, recs: dict[int, PersonRecord]) -> dict[str, Any]:
    return {"a": {"id": pair.a, **record_json(recs[pair.a])},
            "b": {"id": pair.b, **record_json(recs[pair.b])},
            "probability": round(pair.probability, 4), "weight": round(pair.weight, 3),
            "weights": {k: round(v, 3) for k, v in pair.weights.items()}, "reason": pair.reason}  # fmt: skip


def _show_pair(n: int, total: int, pair: Any, a: PersonRecord, b: PersonRecord) -> None:
    why = "" if pair.reason == "model" else f"; queued as {pair.reason}"
    table = RichTable(title=f"pair {n} of {total}: match probability {pair.probability:.2f} "
                      f"(weight {pair.weight:+.1f}{why})", title_justify="left")  # fmt: skip
    table.add_column("field", style="dim")
    table.add_column(f"A  #{pair.a}")
    table.add_column(f"B  #{pair.b}")
    shown_a = names_as_written(a).model_dump(mode="json")  # "2016-12" for a month
    shown_b = names_as_written(b).model_dump(mode="json")
    for f in _SHOWN:
        va, vb = shown_a[f], shown_b[f]
        if va is None and vb is None:
            continue
        style = "" if va == vb else "bold"
        table.add_row(f, str(va if va is not None else "—"), str(vb if vb is not None else "—"), style=style)
    err_console.print(table)
    if pair.weights:
        weights = RichTable(
            "comparison", "weight (log2 Bayes factor)", title="match weights", title_justify="left"
        )
        for name, w in sorted(pair.weights.items(), key=lambda kv: -abs(kv[1])):
            weights.add_row(name, f"[green]{w:+.2f}[/]" if w > 0 else f"[red]{w:+.2f}[/]")
        err_console.print(weights)


_ANSWERS = {"m": "match", "n": "non_match", "s": "skip", "q": "quit"}


@people_app.command("review")
def review(
    limit: Annotated[
        int | None, typer.Option(min=0, max=MAX_ID, help="Review (or list) at most this many pairs.")
    ] = None,
    missing: Annotated[
        bool,
        typer.Option(
            "--missing",
            help="Only the possible matches between a missing person and a record on another list "
            "(killed, detained, injured), in either script.",
        ),
    ] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Review uncertain pairs: both records side by side with the match weights.

    Answer m (match), n (no match), s (skip) or q (quit). Each answer is stored at once,
    audit-logged, and used as a label by the next `tawthiq people link`. `--json` lists the queue.
    A confirmed match of a missing person adds a note to their history (believed_dead for a
    record on a list of the killed).
    """
    from tawthiq.app.people import review_page, review_queue

    with _open(workspace, db) as ws:
        if missing:
            queue, recs, _ = review_page(ws, missing=True, limit=limit)
        else:
            queue, recs = review_queue(ws, limit)
        emit(queue, json_, lambda q: _review_screen(ws, q, recs, missing),
             as_json=lambda q: [_pair_json(p, recs) for p in q])  # fmt: skip


def _review_screen(
    ws: Workspace, queue: list[LinkedPair], recs: dict[int, PersonRecord], missing: bool
) -> None:
    """Without ``--json``, the review queue is rendered as the interactive screen."""
    from tawthiq.app.people import decide_pair

    if not queue:
        err_console.print("No possible match of a missing person to review." if missing else
                          "The review queue is empty.")  # fmt: skip
        return
    tally = {"match": 0, "non_match": 0, "skip": 0}
    for n, pair in enumerate(queue, start=1):
        _show_pair(n, len(queue), pair, recs[pair.a], recs[pair.b])
        answer = typer.prompt("[m]atch / [n]o match / [s]kip / [q]uit", default="s", err=True).strip().lower()
        while answer[:1] not in _ANSWERS:
            answer = typer.prompt("please answer m, n, s or q", default="s", err=True).strip().lower()
        choice = _ANSWERS[answer[:1]]
        if choice == "quit":
            break
        tally[choice] += 1
        if choice != "skip":
            with ws.session() as s:
                decide_pair(s, pair.a, pair.b, choice)
    out_console.print(f"{tally['match']} match, {tally['non_match']} no match, {tally['skip']} skipped; "
                      "run `tawthiq people link` to apply the decisions", highlight=False)  # fmt: skip


@people_app.command("decide")
def decide(
    a: Annotated[int, typer.Argument(help="Record id A (as `review --json` shows it).", parser=_RECORD_ID)],
    b: Annotated[int, typer.Argument(help="Record id B.", parser=_RECORD_ID)],
    decision: Annotated[str, typer.Argument(help="match or non_match.")],
    reason: Annotated[
        str | None, typer.Option(help="Why (kept with the decision in the audit log, as the web asks).")
    ] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Record a review decision without the interactive screen (for scripts)."""
    from tawthiq.app.people import decide_pair

    why = " ".join(reason.split()) if reason else None
    decided = decision.replace("-", "_").replace("no_match", "non_match")
    with _open(workspace, db) as ws, ws.session() as s:
        decide_pair(s, a, b, decided, reason=why)
    err_console.print(f"pair {a}–{b}: {decision}")
    emit({"a": a, "b": b, "decision": decided, "reason": why}, json_, lambda _: None)


# ---------------------------------------------------------------- persons

_CSV_COLUMNS = ("person_id", "person_status", "lists", "list", "record_id", "name", "name_ar", "name_latin",
                "sex", "age", "birth_date", "event_date", "place", "national_id", "address",
                "status")  # fmt: skip


@people_app.command("persons")
def persons(
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Also write one row per record to this CSV.")
    ] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Unique persons (after `people link`) with the lists that name them."""
    from tawthiq.app.people import load_persons

    with _open(workspace, db) as ws:
        found, unlinked = load_persons(ws)
    if unlinked:
        err_console.print(f"[yellow]note:[/] {unlinked} record(s) in no person yet: run `people link`")
    data: list[dict[str, Any]] = [
        {"id": p.id, "status": p.status, "lists": sorted({r.list_name for r in recs}),
         "records": [record_json(r) for r in recs]}
        for p, recs in found
    ]  # fmt: skip
    if csv_out is not None:
        with csv_out.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=_CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for person in data:
                for rec in person["records"]:
                    writer.writerow({"person_id": person["id"], "person_status": person["status"],
                                     "lists": ";".join(person["lists"]), **rec})  # fmt: skip
        err_console.print(f"wrote {csv_out} ({len(data)} persons)")
    emit(data, json_, lambda d: None if csv_out is not None else _persons_table(d))


def _persons_table(data: list[dict[str, Any]]) -> None:
    table = RichTable("id", "status", "lists", "name")
    for person in data:
        table.add_row(str(person["id"]), person["status"], ", ".join(person["lists"]),
                      person["records"][0]["name"] if person["records"] else "")  # fmt: skip
    out_console.print(table)
    err_console.print(f"{len(data)} persons")


def register(app: typer.Typer) -> None:
    app.add_typer(people_app, name="people")


# PFIF import/export and the missing-persons registry (cli/pfif.py) hang under `people`.
people_app.add_typer(pfif_app, name="pfif")
people_app.add_typer(missing_app, name="missing")
