"""Every CLI command and every Claim field is documented in docs/ (a user can find what they can run)."""

from __future__ import annotations

from pathlib import Path

import typer.main

from tawthiq.cli.main import app
from tawthiq.entities import Claim

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _subcommands(cmd) -> list[tuple[str, object]]:
    # typer's groups are not click.Group subclasses in every version: ask for their commands, by
    # list_commands/get_command (the root group loads its commands only when asked)
    if not hasattr(cmd, "list_commands"):
        return []
    ctx = typer.Context(cmd)
    return [(name, cmd.get_command(ctx, name)) for name in sorted(cmd.list_commands(ctx))]


def _commands(cmd, prefix: str) -> list[str]:
    subs = _subcommands(cmd)
    if not subs:
        return [prefix]
    return [c for name, sub in subs for c in _commands(sub, f"{prefix} {name}")]


def _docs_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")))


def test_every_cli_command_is_in_the_docs():
    text = _docs_text()
    commands = _commands(typer.main.get_command(app), "tawthiq")
    assert len(commands) > 30
    missing = [c for c in commands if c not in text]
    assert not missing, f"commands not documented in docs/*.md: {missing}"


def test_every_claim_field_is_in_the_extraction_docs():
    text = (DOCS / "extraction.md").read_text(encoding="utf-8")
    fields = Claim().contract().keys()
    missing = [f for f in fields if f"`{f}`" not in text]
    assert not missing, f"Claim fields not documented in docs/extraction.md: {missing}"


def test_every_command_has_help():
    def walk(cmd, path: str) -> list[str]:
        bad = [] if (cmd.help or cmd.short_help) else [path]
        for name, sub in _subcommands(cmd):
            bad += walk(sub, f"{path} {name}")
        return bad

    assert walk(typer.main.get_command(app), "tawthiq") == []
