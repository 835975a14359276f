"""``tawthiq ingest PATH…``: files and folders into the workspace, one transaction per file.

In: paths and options. Out: one line per file on stderr (stored / duplicate / failed: reason,
each warning of a stored file such as a malformed DATE:, and each bad record of a stored file),
a summary line; ``--json`` prints one object on stdout:
``outcomes`` (one per file), ``failures`` (file, line, field, reason, report_id), ``counts``,
``stopped`` and ``exit_code``.
Exit codes: 0 every file stored or a duplicate; 1 some files or records failed (recorded as
failed intakes; the rest are stored all the same); 3 ``--strict`` stopped at a failure (nothing
of that file written, the files after it not read). Errors before any file (no workspace, a bad
option, no files found) are exit 1 as for every command.
Never: prints a protected value (chat senders and e-mail From: are sealed at once).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from tawthiq.cli._common import DbOpt, JsonOpt, WorkspaceOpt, emit, err_console, progress
from tawthiq.entities import DatePrecision
from tawthiq.errors import InputError

__all__ = ["register"]

_STYLE = {"stored": "green", "duplicate": "yellow", "failed": "bold red"}
EXIT_SOME_FAILED = 1
EXIT_STOPPED = 3


def _published(value: str | None) -> tuple[date | None, DatePrecision | None]:
    """``--published``: a day, or a month (``2016-12``) or year (``2016``) kept at that precision."""
    from tawthiq.ingest import parse_report_date

    if value is None:
        return None, None
    try:
        return parse_report_date(value, path="", field="--published")
    except InputError:
        raise InputError(
            f"{value!r} is not a date YYYY-MM-DD (or a month YYYY-MM, or a year YYYY)", field="--published"
        ) from None


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (walked recursively).")],
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    source: Annotated[str | None, typer.Option(help="Source label (created if new).")] = None,
    source_kind: Annotated[
        str,
        typer.Option(help="Kind of a new --source: ngo, media, wire, un, government, …"),
    ] = "other",
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD (or YYYY-MM, YYYY) for files that carry none."),
    ] = None,
    published_from_header: Annotated[
        bool,
        typer.Option(help="Read DATE:/TITLE:/SOURCE: header lines and NAME.meta.json sidecars."),
    ] = False,
    max_size: Annotated[float, typer.Option(help="Refuse files over this many MB.")] = 20.0,
    chat_date_order: Annotated[
        str, typer.Option(help="Day/month order of chat exports: auto, dmy or mdy.")
    ] = "auto",
    chat_timezone: Annotated[
        str,
        typer.Option(
            help="Time zone of the phone that exported a chat (an IANA name, e.g. Asia/Damascus): "
            "a message's clock is read in it to log when the source was last in contact."
        ),
    ] = "UTC",
    strict: Annotated[
        bool,
        typer.Option(
            help="Stop at the first file or record that fails, writing nothing of that file (exit 3); "
            "by default it is recorded as a failed intake and the batch goes on (exit 1)."
        ),
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """Ingest reports: text, HTML, .eml, WhatsApp .txt exports, JSON lines, and folders of them."""
    from tawthiq.entities import SOURCE_KINDS
    from tawthiq.ingest import IngestOptions, check_timezone, ingest_paths
    from tawthiq.store import open_workspace

    kinds = SOURCE_KINDS
    if source_kind not in kinds:
        raise InputError(f"{source_kind!r} is not one of {', '.join(kinds)}", field="--source-kind")
    if chat_date_order not in ("auto", "dmy", "mdy"):
        raise InputError(f"{chat_date_order!r} is not auto, dmy or mdy", field="--chat-date-order")
    check_timezone(chat_timezone, field="--chat-timezone")
    published_day, published_precision = _published(published)
    opts = IngestOptions(
        source=source,
        source_kind=source_kind,
        published=published_day,
        published_precision=published_precision,
        from_header=published_from_header,
        max_bytes=int(max_size * 1_000_000),
        chat_date_order=chat_date_order,
        chat_timezone=chat_timezone,
        strict=strict,
    )

    def show(o) -> None:
        name = Path(o.path).name
        if o.status == "stored":
            line = f"{o.path}: {len(o.report_ids)} report(s)"
        elif o.reason and o.reason.startswith(name) and o.path.endswith(name):
            line = o.path[: -len(name)] + o.reason  # the reason already names the file
        else:
            line = f"{o.path}: {o.reason}"
        err_console.print(
            f"[{_STYLE[o.status]}]{o.status}[/] {escape(line)}", highlight=False, soft_wrap=True
        )
        for w in o.warnings:  # a malformed DATE: header: the report is kept, the user must still see why
            err_console.print(f"  [yellow]warning[/] {escape(w)}", highlight=False, soft_wrap=True)
        if o.status == "stored":
            for f in o.failures:
                where = f"{o.path}:{f.line}" if f.line is not None else o.path
                fld = f"field '{f.field}': " if f.field else ""
                kept = f" (failed intake #{f.report_id})" if f.report_id is not None else ""
                err_console.print(
                    f"  [bold red]record failed[/] {escape(f'{where}: {fld}{f.reason}{kept}')}",
                    highlight=False,
                    soft_wrap=True,
                )
        if o.stopped:
            err_console.print(
                f"[bold red]stopped[/] (--strict) at {o.path}: nothing of it was written", highlight=False
            )

    with open_workspace(workspace, db) as ws, progress("ingesting", json_=json_) as bar:

        def shown_and_counted(o) -> None:
            show(o)
            bar.advance()

        outcomes = ingest_paths(ws, paths, opts, on_file=shown_and_counted)
    if not outcomes:
        raise InputError("no files found under " + ", ".join(str(p) for p in paths))
    counts = {k: sum(1 for o in outcomes if o.status == k) for k in ("stored", "duplicate", "failed")}
    failed_records = sum(len(o.failures) for o in outcomes if o.status == "stored")
    stopped = any(o.stopped for o in outcomes)
    code = EXIT_STOPPED if stopped else EXIT_SOME_FAILED if counts["failed"] or failed_records else 0
    # Without --json each file was shown as it was read (``show``); the summary line follows on stderr.
    emit(outcomes, json_, lambda _: None, as_json=lambda os_: {
        "outcomes": [o.as_dict() for o in os_],
        "failures": [asdict(f) for o in os_ for f in o.failures],
        "counts": {
            "files": len(os_),
            **counts,
            "failed_records": failed_records,
            "reports": sum(len(o.report_ids) for o in os_ if o.status == "stored"),
        },
        "stopped": stopped,
        "exit_code": code,
    })  # fmt: skip
    records = f"; {failed_records} record(s) failed, kept as failed intakes" if failed_records else ""
    err_console.print(
        f"{len(outcomes)} file(s): {counts['stored']} stored, {counts['duplicate']} duplicate, "
        f"{counts['failed']} failed{records}" + (" — stopped by --strict" if stopped else ""),
        highlight=False,
    )
    if code:
        raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
