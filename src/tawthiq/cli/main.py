"""`tawthiq`: the console script. Each stage's commands live in their own module here.

Each module named in ``_COMMANDS`` exposes ``register(app)``; this file only names them, under
the root group that handles every command's errors and loads a command's module only when the
command is asked for (``cli._common.TawthiqGroup``).
"""

from __future__ import annotations

from pathlib import Path

import typer

from tawthiq import __version__
from tawthiq.cli._common import DB_HELP, JSON_HELP, WORKSPACE_HELP, TawthiqGroup
from tawthiq.cli._logging import configure_logging, reset_logging

# Every command and the module of tawthiq.cli that registers it, in the order --help lists them:
# commands before groups (Typer's order), each in module order: workspace (init, demo; groups
# reports, audit), ingest, extract, claims, corroborate, people, estimate, evidence, export, sources, web.
# tests/cli/test_help.py checks this against what the modules register.
_COMMANDS = {
    "init": "workspace", "demo": "workspace", "ingest": "ingest",
    "extract": "extract", "corroborate": "corroborate", "incidents": "corroborate",
    "incident": "corroborate", "estimate": "estimate", "verify-export": "evidence",
    "dossier": "evidence", "export": "export", "import-dump": "export", "serve": "web",
    "reports": "workspace", "audit": "workspace", "claims": "claims", "people": "people",
    "evidence": "evidence", "sources": "sources", "users": "web", "tokens": "web",
}  # fmt: skip


class _Root(TawthiqGroup):
    lazy_commands = _COMMANDS


app = typer.Typer(
    cls=_Root,  # the one error handler: TawthiqError -> message on stderr, exit 1
    name="tawthiq",
    help="Tawthiq (توثيق): reports from a war into a defensible record of harm to civilians.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tawthiq {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
    verbose: bool = typer.Option(
        False,
        "--verbose",
        "-v",
        help="Also show log messages and library warnings on stderr (they always go to the log "
        "file: TAWTHIQ_LOG_FILE, default ~/.local/state/tawthiq/tawthiq.log).",
    ),
    workspace: Path | None = typer.Option(
        None, "--workspace", "-w", help=WORKSPACE_HELP + " For the command that follows.", show_default=False
    ),
    db: str | None = typer.Option(
        None, "--db", help=DB_HELP + " For the command that follows.", show_default=False
    ),
    json_: bool = typer.Option(False, "--json", help=JSON_HELP + " For the command that follows."),
) -> None:
    """Tawthiq (توثيق): reports from a war into a defensible record of harm to civilians."""
    # --workspace/--db/--json before the command: each command's own option takes them
    # (cli._common.SHARED_OPTIONS); given after the command, the command's own spelling wins.
    given = {"--workspace": workspace, "--db": db, "--json": True if json_ else None}
    ctx.obj = {flag: value for flag, value in given.items() if value is not None}
    configure_logging(verbose)
    ctx.call_on_close(reset_logging)


def main() -> None:
    app()
