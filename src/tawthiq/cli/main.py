"""`tawthiq`: the console script. Each stage's commands live in their own module here.

Each module in ``_COMMAND_MODULES`` exposes ``register(app)``; this file only assembles them,
under the root group that handles every command's errors (``cli._common.TawthiqGroup``).
"""

from __future__ import annotations

import typer

from tawthiq import __version__
from tawthiq.cli import (
    claims,
    corroborate,
    estimate,
    evidence,
    export,
    extract,
    ingest,
    people,
    sources,
    web,
    workspace,
)
from tawthiq.cli._common import TawthiqGroup
from tawthiq.cli._logging import configure_logging, reset_logging

app = typer.Typer(
    cls=TawthiqGroup,  # the one error handler: TawthiqError -> message on stderr, exit 1
    name="tawthiq",
    help="Tawthiq (توثيق): reports from a war into a defensible record of harm to civilians.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# in this order: workspace (init, demo, reports, audit), ingest, extract, claims, corroborate, people,
# estimate, evidence, export, sources, web
_COMMAND_MODULES = (
    workspace, ingest, extract, claims, corroborate, people, estimate, evidence, export, sources, web
)  # fmt: skip


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
) -> None:
    """Tawthiq (توثيق): reports from a war into a defensible record of harm to civilians."""
    configure_logging(verbose)
    ctx.call_on_close(reset_logging)


for _module in _COMMAND_MODULES:
    _module.register(app)


def main() -> None:
    app()
