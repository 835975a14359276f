"""Options and rendering shared by every command: the workspace, --json, errors → exit codes.

Errors: :class:`TawthiqGroup` (the root group of ``cli/main.py``) turns any ``TawthiqError``
of any command into a one-line message and exit code 1; commands do not catch them.

Exit codes: 0 ok, 1 bad input or a failed operation (a TawthiqError), 2 usage.
Data goes to stdout; progress and messages to stderr.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, ClassVar, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from typer._click.exceptions import BadParameter, UsageError  # typer vendors its own click
from typer.core import TyperGroup
from typer.exceptions import TyperException

from tawthiq.errors import InputError, InputErrors, PermissionDenied, TawthiqError

err_console = Console(stderr=True)
out_console = Console()

# The options every command that has a workspace shares, given either to the command
# (``tawthiq reports --db URL``) or once before it (``tawthiq --db URL reports``): the root
# callback (``cli/main.py``) keeps the ones given before the command in ``ctx.obj``, and the
# command's own option takes that value when it was not itself given on the command line (its
# environment variable included: a flag typed beats the environment). A command that has no
# such option refuses it (usage error, exit 2) rather than ignoring it: ``tawthiq -w elsewhere
# init`` must not create a workspace in the current folder. Issue 14 item 4.
SHARED_OPTIONS = ("--workspace", "--db", "--json")
WORKSPACE_HELP = "Workspace folder (default: the current folder)."
DB_HELP = "Database URL (postgresql://…); default: the workspace's SQLite file."
JSON_HELP = "Print JSON (the model the API returns)."


def shared_before(ctx: Any) -> dict[str, Any]:
    """The shared options given before the command (``tawthiq --db URL reports``), by flag."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, dict) else {}


def _from_root(flag: str) -> Callable[..., Any]:
    def callback(ctx: typer.Context, param: typer.CallbackParam, value: Any) -> Any:
        before = shared_before(ctx)
        source = ctx.get_parameter_source(param.name) if param.name else None
        if flag in before and (source is None or source.name != "COMMANDLINE"):
            return before[flag]
        return value

    return callback


WorkspaceOpt = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        envvar="TAWTHIQ_WORKSPACE",
        help=WORKSPACE_HELP,
        show_default=False,
        callback=_from_root("--workspace"),
    ),
]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", envvar="TAWTHIQ_DB", help=DB_HELP, show_default=False, callback=_from_root("--db")),
]


# ctx.meta (shared by every context of one command line): the --json value the command parsed.
_JSON_PARSED = "tawthiq.json_parsed"


def _json_from_root() -> Callable[..., Any]:
    take = _from_root("--json")

    def callback(ctx: typer.Context, param: typer.CallbackParam, value: Any) -> Any:
        value = take(ctx, param, value)
        ctx.meta[_JSON_PARSED] = bool(value)  # what a failure answers in (json_asked)
        return value

    return callback


def json_option(help: str = JSON_HELP) -> Any:
    """The ``--json`` option (taken from before the command too), with a help of its own for a
    command whose JSON is not a result (``serve``: a line on start)."""
    return typer.Option("--json", help=help, callback=_json_from_root())


JsonOpt = Annotated[bool, json_option()]


def id_parser(what: str, lister: str) -> Callable[[Any], int]:
    """The parser of an id argument or option (``typer.Argument(parser=…)``): a whole number, else a
    usage error (exit 2) in Tawthiq's words naming what the id is of and how to list them
    (``incident id must be a whole number, got 'abc'; ids count from 1: `tawthiq incidents` lists
    them``), not the type checker's ("Input should be a valid integer")."""

    def parse(value: Any) -> int:
        if isinstance(value, int):  # a default
            return value
        text = str(value).strip()
        if text.isdecimal():  # int() takes these; isdigit would take "²", which it refuses
            return int(text)
        raise typer.BadParameter(
            f"{what} id must be a whole number, got {str(value)!r}; ids count from 1: `{lister}` lists them"
        )

    return parse


def refuse_unshared(cmd: Any) -> None:
    """Make a command refuse a shared option given before it that it does not take (exit 2)."""
    takes = {opt for p in cmd.params for opt in getattr(p, "opts", ()) if opt in SHARED_OPTIONS}
    if takes == set(SHARED_OPTIONS) or getattr(cmd, "_refuses_unshared", False):
        return
    invoke = cmd.invoke

    def checked(ctx: Any) -> Any:
        extra = [flag for flag in shared_before(ctx) if flag not in takes]
        if extra:
            raise typer.BadParameter(
                f"{ctx.command_path} takes no {extra[0]}; give it only to commands that have it",
                param_hint=f"'{extra[0]}'",
            )
        return invoke(ctx)

    cmd.invoke = checked
    cmd._refuses_unshared = True


def json_asked(ctx: Any) -> bool:
    """Whether the command line asks for JSON: ``--json`` before the command (the root keeps it in
    ``ctx.obj``) or after it, so that a command's failure, even one click finds while reading its
    arguments, is JSON too.

    Once the command has parsed its options, their ``--json`` value is the answer (``ctx.meta``,
    set by the option's callback). Before that (a usage error), the words the root group has still
    to hand on are read as the commands' own options read them: a word that is an option's VALUE is
    not the flag (``--title --json`` is a title), and nothing after ``--`` counts."""
    parsed = ctx.meta.get(_JSON_PARSED)
    if parsed is not None:
        return bool(parsed)
    if shared_before(ctx).get("--json") or getattr(ctx, "params", {}).get("json_"):  # the root's own
        return True
    rest = [*getattr(ctx, "_protected_args", ()), *getattr(ctx, "args", ())]
    return _json_flag_in(ctx, ctx.command, rest)


def _json_flag_in(ctx: Any, command: Any, words: list[str]) -> bool:
    """Whether ``words`` (a command line below ``command``) hold ``--json`` as a flag: sub-commands
    are followed by name; an option that takes a value skips its value (``--title --json``,
    ``-w --json``); ``--opt=value`` is one word; ``--`` ends the options."""
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            return False
        if word == "--json":
            return True
        if word.startswith("-") and len(word) > 1:
            option = _option_named(command, word) if "=" not in word else None
            if option is not None and not (option.is_flag or option.count):
                i += max(option.nargs, 1)  # its value, whatever it looks like
        elif hasattr(command, "get_command"):  # a group: the next word may name its sub-command
            sub = command.get_command(ctx, word)
            if sub is not None:
                command = sub
        i += 1
    return False


def _option_named(command: Any, word: str) -> Any:
    for param in getattr(command, "params", ()):
        if word in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())):
            return param
    return None


def error_json(exc: BaseException) -> dict[str, Any]:
    """The one JSON shape of a failed command (with ``--json``, on stdout; the message stays on
    stderr as without it): ``{"error": {"code", "type", "message", "file", "line", "field",
    "exit_code"}}``, the codes the web's (``bad_input``, ``forbidden``, ``bad_request``) and
    ``usage`` (exit 2) or ``unexpected``; ``errors`` lists each problem of a file that had several.
    Never a traceback or a protected value: only what the one-line message already says."""
    file = line = field = None
    code, exit_code, message = "bad_request", 1, str(exc)
    extra: dict[str, Any] = {}
    if isinstance(exc, InputError):
        code, file, line, field = "bad_input", exc.path, exc.line, exc.field
        if isinstance(exc, InputErrors):
            if len(exc.errors) == 1:  # one problem: where it is, at the top as for any error
                line, field = exc.errors[0].line, exc.errors[0].field
            extra["errors"] = [
                {"message": e.message, "file": e.path or exc.path, "line": e.line, "field": e.field}
                for e in exc.errors
            ]
    elif isinstance(exc, PermissionDenied):
        code = "forbidden"
    elif isinstance(exc, UsageError):
        code, exit_code, message = "usage", exc.exit_code, exc.format_message()
        if isinstance(exc, BadParameter) and exc.param is not None:
            field = exc.param.name
    elif not isinstance(exc, TawthiqError):
        from tawthiq.cli._logging import log_file

        code, message = "unexpected", f"unexpected error ({type(exc).__name__}); details in {log_file()}"
    body = {"code": code, "type": type(exc).__name__, "message": message, "file": file, "line": line,
            "field": field, "exit_code": exit_code}  # fmt: skip
    return {"error": {**body, **extra}}


class TawthiqGroup(TyperGroup):
    """The root command group: the one place a :class:`TawthiqError` becomes a one-line message
    on stderr and exit code 1, for every command and sub-command below it; and the one place
    every command's ``--help`` gets its examples and shows flags as flags (``cli._help``).

    It loads its commands lazily (click's documented ``LazyGroup``, "Advanced Groups and
    Context": ``list_commands`` names them, ``get_command`` imports the one asked for):
    :attr:`lazy_commands` maps each command to the ``tawthiq.cli`` module whose ``register(app)``
    defines it, in the order ``--help`` lists them. ``tawthiq incidents`` imports
    ``cli/corroborate.py`` and not the people, claims or web modules.
    """

    lazy_commands: ClassVar[Mapping[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from tawthiq.cli._help import polish_help

        polish_help(self, deep=False)  # the root; each lazy command when it is loaded (_load)

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *(n for n in self.lazy_commands if n not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            self._load(self.lazy_commands[cmd_name])
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.lazy_commands:  # a typo: "did you mean" weighs every name
            for module in dict.fromkeys(self.lazy_commands.values()):
                self._load(module)
        return super().resolve_command(ctx, args)

    def _load(self, module: str) -> None:
        """Add the commands ``tawthiq.cli.<module>`` registers (each shown as flags, with examples)."""
        for name, cmd in _module_commands(module).items():
            self.commands.setdefault(name, cmd)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """The root's own options (``tawthiq --json --bogus incidents``): a usage error there is
        JSON alone under ``--json``, as it is for a command's options (``invoke``)."""
        words = list(args)  # click's parser consumes the list it is given
        try:
            return super().parse_args(ctx, args)
        except UsageError as exc:
            if ctx.parent is None and _json_flag_in(ctx, self, words):
                _print_json(error_json(exc))
                raise typer.Exit(exc.exit_code) from None
            raise

    def invoke(self, ctx: Any) -> Any:  # typer.Context (typer vendors its own click)
        json_ = json_asked(ctx)  # before click hands the command line on to the command
        try:
            return super().invoke(ctx)
        except TawthiqError as exc:
            _refuse(ctx, json_, exc)
        except UsageError as exc:  # click prints it on stderr and exits 2; under --json only the JSON
            if _json_error(ctx, json_, exc):
                raise typer.Exit(exc.exit_code) from None
            raise
        except (typer.Exit, typer.Abort, TyperException):  # exit codes: click's own
            raise
        except OSError as exc:
            if exc.filename is None:
                _unexpected(ctx, json_, exc)
            # A file the user named that cannot be read or written (``--out`` into a folder that
            # does not exist, a read-only disk, no space left): the system's reason and the path,
            # as any bad input, not "an unexpected error, please report it".
            _refuse(ctx, json_, _file_error(exc))
        except Exception as exc:
            _unexpected(ctx, json_, exc)


def _file_error(exc: OSError) -> InputError:
    """The system's reason a named file could not be opened, in a documenter's words where the
    system's are misleading ("No such file or directory" for a file about to be written)."""
    path = Path(os.fsdecode(exc.filename))
    reason = exc.strerror or type(exc).__name__
    if isinstance(exc, FileNotFoundError) and not path.parent.is_dir():
        reason = f"the folder {path.parent} does not exist"
    return InputError(reason, path=path)


def _json_error(ctx: Any, json_: bool, exc: BaseException) -> bool:
    """Under ``--json``, the failure as JSON on stdout, unless the command printed its result first
    (``audit verify`` on a broken chain says so itself: a second document would not parse). The
    ``--json`` the command parsed, when it got that far, overrides ``json_`` (read before it did).
    Returns whether the command line asked for JSON."""
    json_ = bool(ctx.meta.get(_JSON_PARSED, json_))
    if json_ and not ctx.meta.get(_PRINTED):
        _print_json(error_json(exc))
    return json_


def _refuse(ctx: Any, json_: bool, exc: TawthiqError) -> NoReturn:
    """Bad input or a refused action: one line on stderr (and the JSON error), exit 1."""
    _json_error(ctx, json_, exc)
    # escape: a message naming "names[0]" or "tawthiq[pdf]" is text, not rich markup
    err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
    raise typer.Exit(1) from None


def _unexpected(ctx: Any, json_: bool, exc: BaseException) -> NoReturn:
    """A bug, not bad input: one line and the log file's name, exit 1. Never a traceback: it
    prints the failing statement's values and the frames' locals, which may be a witness's words;
    the log file keeps it for the report (issue 21: nothing escapes)."""
    from tawthiq.cli._logging import log_file

    logging.getLogger("tawthiq.cli").error("unexpected error in %s", ctx.command_path, exc_info=True)
    _json_error(ctx, json_, exc)
    err_console.print(
        f"[bold red]error:[/] the command stopped on an unexpected error ({type(exc).__name__}); "
        f"the details are in the log file {escape(str(log_file()))}: please report it",
        highlight=False,
        soft_wrap=True,
    )
    raise typer.Exit(1) from None


@functools.cache
def _module_commands(module: str) -> dict[str, Any]:
    """The click commands a module's ``register(app)`` adds, built once per process (as Typer
    builds the root's own: same settings), their ``--help`` polished."""
    import importlib

    import typer.main

    from tawthiq.cli._help import iter_commands, polish_help

    sub = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    importlib.import_module(f"tawthiq.cli.{module}").register(sub)
    commands = dict(typer.main.get_group(sub).commands)
    for name, cmd in commands.items():
        polish_help(cmd, (name,))
        for _, leaf in [((name,), cmd), *iter_commands(cmd, (name,))]:
            if not hasattr(leaf, "list_commands"):  # a group passes them on to its commands
                refuse_unshared(leaf)
    return commands


class Bar:
    """One task of a :func:`progress` display: say what is being done, how much of how many."""

    def __init__(self, progress: Any, task: Any, shown: bool) -> None:
        self._progress, self._task = progress, task
        self.shown = shown  # False off a terminal and with --json: updates are then no-ops

    def update(self, description: str | None = None, total: float | None = None) -> None:
        self._progress.update(self._task, description=description, total=total)

    def advance(self, n: float = 1) -> None:
        self._progress.advance(self._task, n)


@contextmanager
def progress(description: str, *, json_: bool = False, total: float | None = None) -> Iterator[Bar]:
    """A rich progress display on stderr for a command that can take more than a few seconds.

    Shown only when stderr is a terminal and never with ``--json`` (a script reading the JSON,
    or a log of the run, gets no spinner frames); it disappears when the work is done. Without
    a ``total`` it is a spinner with the elapsed time; with one, a bar with done/total.
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    shown = not json_ and err_console.is_terminal
    with Progress(*columns, console=err_console, transient=True, disable=not shown) as p:
        yield Bar(p, p.add_task(description, total=total), shown)


# Set in the click context's meta (one dict for the whole command line) once a command has printed
# its JSON: a command that then fails (`audit verify --json` on a broken chain: {"ok": false, …},
# exit 1) must not print a second JSON document after it, which no JSON reader would parse.
_PRINTED = "tawthiq.json_printed"


def _mark_printed() -> None:
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    if ctx is not None:
        ctx.meta[_PRINTED] = True


def _print_json(data: Any) -> None:
    """Print JSON to stdout, UTF-8, Arabic unescaped."""
    _mark_printed()
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_json_line(data: Any) -> None:
    """Print JSON as one line on stdout and flush it at once: for a command that goes on running
    (``serve --json``), a script reads the line as soon as it is written."""
    _mark_printed()
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


_T = TypeVar("_T")


def emit(
    data: _T, json_: bool, render: Callable[[_T], object], *, as_json: Callable[[_T], Any] | None = None
) -> None:
    """A command's result, the one way out: with ``--json``, ``data`` printed by :func:`_print_json`
    (through ``as_json`` first when given, so a text run never builds the JSON); else
    ``render(data)``, the command's table or text lines.

    ``data`` is plain values or entities; a renderer that needs more than ``data`` closes over it
    and ignores its argument.
    """
    if json_:
        _print_json(as_json(data) if as_json is not None else data)
    else:
        render(data)


ReasonOpt = Annotated[
    str | None,
    typer.Option(
        "--reason",
        help="Why you need to see protected values (required with --reveal; kept in the audit log).",
        show_default=False,
    ),
]


def reveal_disclosure(reveal: bool, reason: str | None) -> Any:
    """The :class:`~tawthiq.store.reveal.Disclosure` for ``--reveal --reason``, or ``None``.

    The actor is ``cli:`` and the operating-system user who ran the command (the CLI has no
    login: whoever holds the key file is trusted, and the audit log names them as best it can).
    """
    from tawthiq.errors import InputError
    from tawthiq.store.reveal import Disclosure

    if not reveal:
        if reason:
            raise InputError("--reason goes with --reveal", field="reason")
        return None
    if not reason or not reason.strip():
        raise InputError("--reveal needs --reason: say why you need to see protected values", field="reason")
    return Disclosure(actor=f"cli:{_os_user()}", reason=reason, where="cli")


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name and no passwd entry (some containers)
        return "unknown"


AsOpt = Annotated[
    str | None,
    typer.Option(
        "--as",
        envvar="TAWTHIQ_USER",
        help="Act as this web user of the workspace, with their role (default: the web user named "
        "like your login, else the workspace owner).",
        show_default=False,
    ),
]


def cli_operator(ws: Any, as_user: str | None) -> Any:
    """The :class:`~tawthiq.app.roles.Operator` running this command (``--as``, else the OS user)."""
    from tawthiq.app.claims import cli_operator as operator

    return operator(ws, _os_user(), as_user)
