"""`tawthiq export FORMAT --out DIR` and `tawthiq import-dump DIR`.

Thin layer: parse, call ``tawthiq.app.export`` (load entities through ``store``, call the
exporter chosen from the registry, sign the folder, record the export as a custody event; or
check a dump and restore it), render. Data (the summary) to stdout, progress to stderr; exit 1 on bad input.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from tawthiq.cli._common import (
    AsOpt,
    DbOpt,
    JsonOpt,
    WorkspaceOpt,
    cli_operator,
    emit,
    err_console,
    progress,
)
from tawthiq.errors import InputError

__all__ = ["register"]

_FORMATS = ("acled", "ged", "geojson", "hxl", "pfif", "dump")


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_cmd(
        fmt: Annotated[str, typer.Argument(metavar="FORMAT", help=f"One of: {', '.join(_FORMATS)}.")],
        out: Annotated[Path, typer.Option("--out", "-o", help="New (or empty) output folder.")],
        grade: Annotated[
            list[str] | None, typer.Option("--grade", help="Only these grades (repeat).")
        ] = None,
        since: Annotated[
            str | None, typer.Option("--since", help="Incidents ending on/after YYYY-MM-DD.")
        ] = None,
        until: Annotated[
            str | None, typer.Option("--until", help="Incidents starting on/before YYYY-MM-DD.")
        ] = None,
        type_: Annotated[
            list[str] | None, typer.Option("--type", help="Event type or its family (repeat).")
        ] = None,
        country: Annotated[
            str | None, typer.Option("--country", help="Country column when the gazetteer has none.")
        ] = None,
        internal: Annotated[
            bool,
            typer.Option(
                "--internal",
                help="For a trusted partner: include incidents the policy withholds (unreviewed, "
                "delayed …), each marked; documenter or admin, needs --reason; audited.",
            ),
        ] = False,
        reason: Annotated[
            str | None,
            typer.Option(
                "--reason", help="With --internal: who it is for and why (audit log).", show_default=False
            ),
        ] = None,
        as_user: AsOpt = None,
        workspace: WorkspaceOpt = None,
        db: DbOpt = None,
        json_: JsonOpt = False,
    ) -> None:
        """Export incidents (or missing persons, or everything) in a standard format, signed.

        Incident formats say on stderr (and in the manifest, `withheld`) how many incidents the
        redaction policy held back, by rule.
        """
        from tawthiq.app.export import check_format, export_workspace
        from tawthiq.store import open_workspace

        check_format(fmt)
        if reason is not None and not internal:
            raise InputError("--reason goes with --internal", field="--reason")
        filters = {
            "grade": grade,
            "since": _day(since, "--since"),
            "until": _day(until, "--until"),
            "type": type_,
        }

        def writing(folder: Path) -> None:
            err_console.print(f"exporting {fmt} to {folder} …")

        with open_workspace(workspace, db) as ws, progress(f"exporting {fmt}", json_=json_):
            operator = cli_operator(ws, as_user) if internal else None
            summary = export_workspace(
                ws, fmt, out, filters, country, on_writing=writing, internal=operator, reason=reason
            )
        folder = Path(summary["out"])
        if summary.get("left_out"):  # acled: incidents with no place (export/_tabular.ACLED_NO_PLACE)
            ids = ", ".join(f"#{x['incident']}" for x in summary["left_out"])
            err_console.print(f"[yellow]warning:[/] {len(summary['left_out'])} incident(s) left out "
                              f"({ids}): {summary['left_out'][0]['reason']}", highlight=False,
                              soft_wrap=True)  # fmt: skip
        if "withheld" in summary:
            err_console.print(
                _withheld_line(summary["withheld"], internal=internal), highlight=False, soft_wrap=True
            )
        emit(summary, json_, lambda d: typer.echo(
            f"{fmt}: {d['files']} file(s) in {folder}, signed "
            f"(key {d['key_fingerprint'][:16]}…)"))  # fmt: skip

    @app.command("import-dump")
    def import_dump_cmd(
        folder: Annotated[Path, typer.Argument(help="A folder written by `tawthiq export dump`.")],
        source_key: Annotated[
            Path | None,
            typer.Option(
                "--source-key", help="The dumped workspace's key file, when this workspace has another key."
            ),
        ] = None,
        public_key: Annotated[
            Path | None, typer.Option("--public-key", help="Check the dump's signature with this public key.")
        ] = None,
        workspace: WorkspaceOpt = None,
        db: DbOpt = None,
        json_: JsonOpt = False,
    ) -> None:
        """Restore a dump into an EMPTY workspace (one transaction), with its evidence files."""
        from tawthiq.app.export import check_dump, restore_dump
        from tawthiq.store import open_workspace

        meta = check_dump(folder, public_key)
        with open_workspace(workspace, db) as ws, progress("restoring the dump", json_=json_):
            summary = restore_dump(ws, folder, meta, source_key=source_key)
        emit(summary, json_, lambda d: typer.echo(
            f"restored {d['rows']} rows in {len(d['tables'])} tables and {d['evidence_files']} evidence files"
        ))  # fmt: skip


def _withheld_line(withheld: dict, *, internal: bool) -> str:
    """``withheld by policy: …`` as a person reads it (the manifest holds the same counts)."""
    from tawthiq.policy import WithheldTally

    tally = WithheldTally(**{k: withheld[k] for k in ("incidents", "published", "withheld")},
                          **withheld["by_rule"])  # fmt: skip
    line = tally.summary()
    if internal:
        return f"internal export: withheld incidents included, each marked; a public export would have {line}"
    if tally.incidents and not tally.published and tally.unreviewed_claims:
        line += " — review claims with `tawthiq claims review` or `tawthiq claims approve`"
    return line


def _day(value: str | None, opt: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value!r} is not YYYY-MM-DD", field=opt) from None
