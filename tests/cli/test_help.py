"""Every command's --help: flags shown as flags, and examples that run as written (issue 17)."""

from __future__ import annotations

import json
import re
import shlex

import pytest
import typer.main

from tawthiq.cli._examples import EXAMPLES
from tawthiq.cli._help import iter_commands
from tawthiq.cli.main import app


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


def _root():
    return typer.main.get_command(app)


def _leaves() -> dict[str, object]:
    return {" ".join(path): cmd for path, cmd in iter_commands(_root()) if not getattr(cmd, "commands", None)}


def test_every_command_has_an_example_in_its_help():
    leaves = _leaves()
    assert len(leaves) > 40  # the walk reached the nested groups (people pfif import …)
    missing = sorted(path for path in leaves if not EXAMPLES.get(path))
    assert not missing, f"commands without an example in cli/_examples.py: {missing}"


def test_no_example_is_left_for_a_command_that_no_longer_exists():
    known = {" ".join(path) for path, _ in iter_commands(_root())} | {""}
    stale = sorted(set(EXAMPLES) - known)
    assert not stale, f"examples for commands that do not exist: {stale}"


def _parse(line: str):
    """The command an example line names, and its arguments parsed as the CLI would parse them."""
    words = shlex.split(line, comments=True)
    assert words[0] == "tawthiq", line
    cmd, path, rest = _root(), [], words[1:]
    # list_commands/get_command: the root group loads its commands only when asked
    while hasattr(cmd, "list_commands") and rest and rest[0] in cmd.list_commands(typer.Context(cmd)):
        path.append(rest[0])
        cmd = cmd.get_command(typer.Context(cmd), rest.pop(0))
    return " ".join(path), cmd, rest


@pytest.mark.parametrize(
    ("key", "line"), [(k, line) for k, lines in sorted(EXAMPLES.items()) for line in lines]
)
def test_an_example_names_its_own_command_and_only_options_it_has(key, line):
    path, cmd, rest = _parse(line)
    if key == "":  # the root's examples show other commands
        assert path, line
        return
    assert path == key, f"an example of {key!r} runs {path!r}: {line}"
    # raises on an unknown option, a missing required option or argument, a bad value, extra words
    cmd.make_context(path, rest)


@pytest.mark.parametrize("args", [["--help"], ["export", "--help"], ["people", "pfif", "import", "--help"]])
def test_help_shows_flags_as_flags_not_as_bool_values(runner, args):
    res = runner.invoke(app, args, env={"COLUMNS": "120"})
    assert res.exit_code == 0, res.output
    assert "<bool>" not in res.output
    assert re.search(r"--help\s+Show this message", res.output)


def test_help_ends_with_the_commands_examples_and_they_are_not_read_as_markup(runner):
    res = runner.invoke(app, ["dossier", "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    after = res.output.split("Examples", 1)[1]
    for line in EXAMPLES["dossier"]:
        assert line.split("#")[0].strip() in after
    res = runner.invoke(app, ["export", "--help"], env={"COLUMNS": "200"})
    assert "--grade fair --grade confirmed" in res.output.split("Examples", 1)[1]


def test_a_flag_still_parses_as_a_flag_after_its_help_changed(runner, tmp_path):
    # the help changes the flag's display only: `--json` takes no value and still gives JSON
    assert runner.invoke(app, ["init", str(tmp_path / "ws")]).exit_code == 0
    res = runner.invoke(app, ["audit", "verify", "-w", str(tmp_path / "ws"), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["ok"] is True
