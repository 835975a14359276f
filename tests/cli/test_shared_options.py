"""--workspace, --db and --json before the command (``tawthiq --json -w W reports``) or after it
(``tawthiq reports --json -w W``), as issue 14 asks, both spellings kept.

The traps: the option before the command silently ignored (a command that has no --workspace,
such as ``init``, would then act on the current folder); the command's own option losing to
the one before it; the environment variable beating a flag typed before the command; the
two spellings printing different output.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tawthiq.cli.main import app


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), env=env)

    return invoke


def test_the_options_before_the_command_print_what_the_commands_own_options_print(workspace, run):
    w = str(workspace.path)
    after = run("audit", "verify", "--json", "-w", w)
    before = run("--json", "-w", w, "audit", "verify")
    assert after.exit_code == before.exit_code == 0, (after.stderr, before.stderr)
    assert before.stdout == after.stdout and json.loads(before.stdout)["ok"] is True
    assert run("--workspace", w, "reports").stdout == run("reports", "--workspace", w).stdout


def test_the_commands_own_option_wins_over_the_one_before_it(workspace, run, tmp_path):
    missing = str(tmp_path / "no-workspace-here")
    result = run("-w", missing, "audit", "verify", "--json", "-w", str(workspace.path))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["ok"] is True


def test_a_flag_before_the_command_wins_over_the_environment(workspace, run, tmp_path):
    env = {"TAWTHIQ_WORKSPACE": str(tmp_path / "no-workspace-here")}
    result = run("-w", str(workspace.path), "--json", "audit", "verify", env=env)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["ok"] is True


def test_a_command_without_the_option_refuses_it_and_does_nothing(workspace, run, tmp_path):
    target = tmp_path / "new"
    result = run("-w", str(workspace.path), "init", str(target))
    assert result.exit_code == 2
    assert "tawthiq init takes no --workspace" in result.stderr
    assert not target.exists()
    refused = run("--json", "-w", str(workspace.path), "init", str(target))  # under --json, a JSON error
    assert refused.exit_code == 2 and json.loads(refused.stdout)["error"]["code"] == "usage"
    assert not target.exists()
