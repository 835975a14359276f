"""``tawthiq ingest PATH…``: files and folders into the workspace, one transaction per file.

In: paths and options. Out: one line per file on stderr (stored / duplicate / failed: reason),
a summary; ``--json`` prints the outcomes as one JSON array on stdout. Exit 1 when any file
failed (the others are stored all the same).
Never: prints a protected value (chat senders and e-mail From: are sealed at once).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from tawthiq.cli._common import DbOpt, JsonOpt, WorkspaceOpt, err_console, print_json
from tawthiq.errors import InputError

__all__ = ["register"]

_STYLE = {"stored": "green", "duplicate": "yellow", "failed": "bold red"}


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value!r} is not a date YYYY-MM-DD", field="--published") from None


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
        str | None, typer.Option(help="Publication date YYYY-MM-DD for files that carry none.")
    ] = None,
    published_from_header: Annotated[
        bool,
        typer.Option(help="Read DATE:/TITLE:/SOURCE: header lines and NAME.meta.json sidecars."),
    ] = False,
    max_size: Annotated[float, typer.Option(help="Refuse files over this many MB.")] = 20.0,
    chat_date_order: Annotated[
        str, typer.Option(help="Day/month order of chat exports: auto, dmy or mdy.")
    ] = "auto",
    json_: JsonOpt = False,
) -> None:
    """Ingest reports: text, HTML, .eml, WhatsApp .txt exports, JSON lines, and folders of them."""
    from tawthiq.entities import SOURCE_KINDS
    from tawthiq.ingest import IngestOptions, ingest_paths
    from tawthiq.store import open_workspace

    kinds = SOURCE_KINDS
    if source_kind not in kinds:
        raise InputError(f"{source_kind!r} is not one of {', '.join(kinds)}", field="--source-kind")
    if chat_date_order not in ("auto", "dmy", "mdy"):
        raise InputError(f"{chat_date_order!r} is not auto, dmy or mdy", field="--chat-date-order")
    opts = IngestOptions(
        source=source,
        source_kind=source_kind,
        published=_published(published),
        from_header=published_from_header,
        max_bytes=int(max_size * 1_000_000),
        chat_date_order=chat_date_order,
    )

    def show(o) -> None:
        name = Path(o.path).name
        if o.status == "stored":
            line = f"{o.path}: {len(o.report_ids)} report(s)"
        elif o.reason and o.reason.startswith(name) and o.path.endswith(name):
            line = o.path[: -len(name)] + o.reason  # the reason already names the file
        else:
            line = f"{o.path}: {o.reason}"
        err_console.print(f"[{_STYLE[o.status]}]{o.status}[/] {line}", highlight=False, soft_wrap=True)

    with open_workspace(workspace, db) as ws:
        outcomes = ingest_paths(ws, paths, opts, on_file=show)
    if not outcomes:
        raise InputError("no files found under " + ", ".join(str(p) for p in paths))
    counts = {k: sum(1 for o in outcomes if o.status == k) for k in ("stored", "duplicate", "failed")}
    if json_:
        print_json([o.as_dict() for o in outcomes])
    err_console.print(
        f"{len(outcomes)} file(s): {counts['stored']} stored, {counts['duplicate']} duplicate, "
        f"{counts['failed']} failed",
        highlight=False,
    )
    if counts["failed"]:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
