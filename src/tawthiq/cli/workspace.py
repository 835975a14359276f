"""Workspace commands: ``init``, ``reports``, ``audit verify``, ``audit list``, ``demo``.

In: command-line options. Out: data on stdout (a table, or JSON with ``--json``), messages on
stderr; exit 0 ok, 1 a TawthiqError (bad input, broken chain), 2 usage.
Never: prints a protected value unless ``--reveal --reason "…"`` is given and the key is present
(the store then records each value shown as an ``evidence.view`` custody event with the reason).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from tawthiq.cli._common import (
    DbOpt,
    JsonOpt,
    ReasonOpt,
    WorkspaceOpt,
    emit,
    err_console,
    id_parser,
    out_console,
    reveal_disclosure,
)
from tawthiq.entities import MAX_ID
from tawthiq.errors import InputError, StoreError

__all__ = ["register"]

audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)


def init(
    path: Annotated[Path, typer.Argument(help="Folder to create the workspace in.")] = Path("."),
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Create a workspace: folder, database, key file (0600) and evidence store."""
    from tawthiq.app.workspace import create_workspace

    made: dict[str, Any] = {}

    def created(ws: Any) -> None:
        made.update(workspace=str(ws.path), database=ws.engine.dialect.name,
                    key_file=str(ws.key_file) if ws.key_file.exists() else None)  # fmt: skip
        err_console.print(f"created workspace {ws.path} ({ws.engine.dialect.name})")
        if ws.key_file.exists():
            err_console.print(
                f"key file {ws.key_file} (mode 0600): back it up: protected fields and originals need it"
            )

    pub, policy = create_workspace(path, db, on_created=created)
    err_console.print(f"export signing key {pub.name} (private key 0600); redaction policy {policy.name}")
    emit({**made, "signing_key": str(pub), "policy": str(policy)}, json_, lambda _: None)


def _report_dict(r, reveal: bool) -> dict:
    d = {
        "id": r.id,
        "file_name": r.file_name,
        "sha256": r.sha256,
        "status": r.status,
        "reason": r.failure_reason,
        "received_at": r.received_at.isoformat() if r.received_at else None,
        "part": r.part,
        "channel": r.channel,
        "media_type": r.media_type,
        "size": r.size,
        "source": r.source_label,
        "published_at": r.published_text,  # "2016-12" for a report dated to the month
        "published_precision": r.published_precision,
        "language": r.language,
        "title": r.title,
        "url": r.url,  # the header's URL:, as written
        "metadata": dict(r.metadata),  # the header's other keys, in order; a person's value masked
    }
    if reveal:
        d["sender"] = r.sender.reveal() if r.sender else None
    return d


reports_app = typer.Typer(
    help="Reports and failed intakes: `tawthiq reports` lists them, `tawthiq reports show ID` shows one.",
    invoke_without_command=True,
)


@reports_app.callback()
def reports(
    ctx: typer.Context,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    status: Annotated[str | None, typer.Option(help="Only this status: stored or failed.")] = None,
    reveal: Annotated[
        bool, typer.Option("--reveal", help="Show protected senders (needs the key and --reason).")
    ] = False,
    reason: ReasonOpt = None,
    limit: Annotated[int | None, typer.Option(min=0, max=MAX_ID, help="At most this many rows.")] = None,
    offset: Annotated[int, typer.Option(min=0, max=MAX_ID, help="Skip this many rows first.")] = 0,
) -> None:
    """List stored reports and failed intakes (id, file, sha256, status, reason, received)."""
    if ctx.invoked_subcommand is not None:  # `reports show ID`: its own options, its own output
        return
    from tawthiq.store import list_reports, open_workspace

    disclosure = reveal_disclosure(reveal, reason)
    with open_workspace(workspace, db) as ws:
        if reveal:
            ws.require_cipher()
        with ws.session() as s:
            # issue 9: the store records each sender shown as an evidence.view custody event
            listed = list_reports(s, status=status, reveal=disclosure, limit=limit, offset=offset)
            rows = [_report_dict(r, reveal) for r in listed]
    emit(rows, json_, lambda r: _reports_table(r, reveal))


@reports_app.command("show")
def reports_show(
    report_id: Annotated[
        int,
        typer.Argument(
            help="Report id (from `tawthiq reports`).", parser=id_parser("report", "tawthiq reports")
        ),
    ],
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Show one report: where it came from (source, dates, URL, its header's other keys) and its text.

    A header key that names a person (CONTACT:, REPORTER:) shows only that it is protected: its
    value was never copied out of the sealed original (docs/ingest.md). The sender is never shown.
    """
    from tawthiq.store import get_report, open_workspace

    with open_workspace(workspace, db) as ws, ws.session() as s:
        found = get_report(s, report_id, mark_sender=True)
    if found is None:
        raise InputError(f"no report with id {report_id}; `tawthiq reports` lists them", field="ID")
    data = {**_report_dict(found, False), "has_protected_sender": found.sender is not None}
    data["body"] = found.body
    emit(data, json_, _report_lines)


def _report_lines(d: dict[str, Any]) -> None:
    # the header's other keys come under their own heading after the URL (docs/cli.md): printed
    # indented after received_at with no heading, they read as part of the received time (walk)
    where = ("id", "file_name", "status", "reason", "source", "published_at", "language", "title", "url")
    for key in (*where, "metadata", "channel", "sha256", "received_at"):
        if key == "metadata":
            if d["metadata"]:
                out_console.print("metadata:", highlight=False)
            for name, value in d["metadata"].items():
                out_console.print(f"  {escape(name)}: {escape(value)}", highlight=False, soft_wrap=True)
        elif d.get(key) not in (None, ""):
            out_console.print(f"{key}: {escape(str(d[key]))}", highlight=False, soft_wrap=True)
    if d["has_protected_sender"]:
        out_console.print("sender: protected (`tawthiq reports --reveal --reason TEXT`)", highlight=False)
    if d["body"]:
        out_console.print("")
        out_console.print(escape(d["body"]), highlight=False, soft_wrap=True)


_REASON_SHOWN = 200


def _clipped(reason: str) -> str:
    """A failed intake's reason for the table: whole, or cut with a mark that says where the rest is
    (cut silently at 80 characters, "known: body, id, language, publi" read as the whole list)."""
    if len(reason) <= _REASON_SHOWN:
        return reason
    return reason[: _REASON_SHOWN - 1] + "… (the whole reason: --json)"


def _reports_table(rows: list[dict[str, Any]], reveal: bool) -> None:
    table = Table(
        "id", "file", "part", "sha256", "status", "reason", "received", *(["sender"] if reveal else [])
    )
    table.columns[5].overflow = "fold"  # a narrow terminal folds a long word of the reason, never crops it
    for d in rows:
        table.add_row(
            str(d["id"]),
            d["file_name"] or "",
            str(d["part"]),
            d["sha256"][:12] + "…",
            d["status"],
            escape(_clipped(d["reason"] or "")),
            (d["received_at"] or "")[:19],
            *([d.get("sender") or ""] if reveal else []),
        )
    out_console.print(table)
    err_console.print(f"{len(rows)} report(s)")


@audit_app.command("verify")
def audit_verify(workspace: WorkspaceOpt = None, db: DbOpt = None, json_: JsonOpt = False) -> None:
    """Recompute the audit chain; exit 1 naming the first broken link."""
    from tawthiq.store import open_workspace, verify_chain

    with open_workspace(workspace, db) as ws, ws.session() as s:
        check = verify_chain(s)
    emit(check, json_, _chain_line, as_json=lambda c: c.as_dict())
    if not check.ok:
        raise StoreError(f"audit chain broken at {check.reason}")


def _chain_line(check: Any) -> None:
    # A broken chain prints no text line: the error that follows names the first broken link.
    if check.ok:
        out_console.print(f"audit chain intact: {check.events} event(s)")


@audit_app.command("list")
def audit_list(
    action: Annotated[
        str | None, typer.Option(help="Only this action, e.g. evidence.view (who saw protected values).")
    ] = None,
    object_type: Annotated[
        str | None, typer.Option("--object", help="Only events about this kind of record (report, source…).")
    ] = None,
    object_id: Annotated[
        str | None, typer.Option("--id", help="Only events about the record with this id.")
    ] = None,
    last: Annotated[
        int, typer.Option(min=1, max=MAX_ID, help="The newest N matching events (in chain order).")
    ] = 100,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Audit events, newest last: when, who, what, about which record, detail and reason.

    With --action evidence.view --object source --id 3: the custody trail of a source's
    protected values: everyone who has seen them, where and why. Never holds a protected value.
    """
    from tawthiq.store import list_events, open_workspace

    with open_workspace(workspace, db) as ws, ws.session() as s:
        events = list_events(s, object_type, object_id, action=action, last=last)
    emit(events, json_, _event_lines, as_json=lambda es: [e.model_dump(mode="json") for e in es])


def _event_lines(events: list[Any]) -> None:
    for e in events:  # one line each (tab-separated), so long details and reasons stay greppable
        reason = f"\treason: {e.reason}" if e.reason else ""
        typer.echo(
            f"{e.id}\t{e.at.isoformat(timespec='seconds')}\t{e.actor}\t{e.action}\t"
            f"{e.object_type} {e.object_id}\t{e.detail or ''}{reason}"
        )
    err_console.print(f"{len(events)} event(s)")


def demo(
    dir_: Annotated[Path, typer.Option("--dir", help="Demo workspace folder (recreated).")] = Path(
        "demo-workspace"
    ),
    serve: Annotated[
        bool | None,
        typer.Option(
            "--serve/--no-serve",
            help="Serve the demo workspace at the end (default: when run from a terminal).",
            show_default=False,
        ),
    ] = None,
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    json_: JsonOpt = False,
) -> None:
    """Build a demo workspace from the bundled corpus and lists, run every stage, print a summary, serve it.

    Ingest, extract, corroborate, people import and link, missing persons and sources, estimate;
    then (from a terminal, or with --serve) the web workspace on 127.0.0.1, with a demo login.
    """
    import sys

    from tawthiq.cli._demo import DEMO_STEPS
    from tawthiq.demo import run_demo

    summary = run_demo(dir_, log=lambda msg: err_console.print(msg, highlight=False), steps=DEMO_STEPS)
    address = f"http://127.0.0.1:{port}/"
    emit(summary, json_, _summary_lines)
    if serve is None:
        serve = sys.stdin.isatty() and sys.stdout.isatty() and not json_
    if not serve:
        err_console.print(f"serve it with: tawthiq serve {summary['workspace']} (then open {address})")
        return
    from tawthiq.store import open_workspace
    from tawthiq.web import WebSettings, serve_workspace

    err_console.print(f"serving the demo workspace at {address}  (Ctrl-C to stop)", highlight=False)
    serve_workspace(open_workspace(dir_), WebSettings(), host="127.0.0.1", port=port)


def _summary_lines(summary: dict[str, object]) -> None:
    for key, value in summary.items():
        out_console.print(f"{key}: {value}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("demo")(demo)
    app.add_typer(reports_app, name="reports")  # a group since `reports show ID` (issue 15 item 5)
    app.add_typer(audit_app, name="audit")
