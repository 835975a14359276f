"""What every command's ``--help`` shows beyond Typer's defaults: flags as flags, and examples.

In: the root click group (``TawthiqGroup.__init__``) and each command it loads. Out: the same
commands, changed in place: a boolean flag's type column is empty (Typer 0.29 writes
``--json <bool>``, which reads as if the flag took a value), and each command's epilog holds its
examples from :data:`tawthiq.cli._examples.EXAMPLES`. Never: changes how a command parses or runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer
from rich.markup import escape

from tawthiq.cli._examples import EXAMPLES

__all__ = ["iter_commands", "polish_help"]


def iter_commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command under ``group`` with its path (``("people", "pfif", "import")``), groups too;
    through ``list_commands``/``get_command``, so the root's lazy commands are loaded."""
    if not hasattr(group, "list_commands"):
        return
    ctx = typer.Context(group)
    for name in sorted(group.list_commands(ctx)):
        cmd = group.get_command(ctx, name)
        yield (*path, name), cmd
        yield from iter_commands(cmd, (*path, name))


def polish_help(root: Any, at: tuple[str, ...] = (), *, deep: bool = True) -> None:
    """Flags without a type, examples in the epilog, for ``root`` (at path ``at``) and, when
    ``deep``, every command under it."""
    for path, cmd in [(at, root), *(iter_commands(root, at) if deep else ())]:
        _flags_as_flags(cmd)
        lines = EXAMPLES.get(" ".join(path))
        if lines and not cmd.epilog:
            # rich markup is parsed in help text: '[pdf]' or '[bold]' in an example is text
            cmd.epilog = "[bold]Examples[/]\n" + "\n".join(escape(line) for line in lines)


def _flags_as_flags(cmd: Any) -> None:
    params = list(cmd.params)
    # --help is made on first use and cached by the command: make it now, to mark it too
    help_option = cmd.get_help_option(typer.Context(cmd, info_name=cmd.name))
    if help_option is not None:
        params.append(help_option)
    for param in params:
        if getattr(param, "is_bool_flag", False) and param.metavar is None:
            # Typer shows a parameter's metavar, when it has one, in place of its type
            param.metavar = ""
