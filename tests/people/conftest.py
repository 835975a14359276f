"""Helpers for the people tests: run the real CLI against the ``workspace`` fixture.

``cli(ws, "people", "import", …)`` runs ``tawthiq`` in-process with the workspace in
``TAWTHIQ_WORKSPACE`` (its marker carries the PostgreSQL URL on the PostgreSQL run) and
returns the click result (``exit_code``, ``stdout``, ``stderr``); ``cli_json`` the parsed
stdout of a command run with ``--json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO = Path(__file__).resolve().parents[2] / "src" / "tawthiq" / "demo" / "lists"


@pytest.fixture
def cli():
    from tawthiq.cli.main import app

    runner = CliRunner()

    def run(ws: Any, *args: str, input: str | None = None, ok: bool = True):
        result = runner.invoke(app, list(args), input=input, env={"TAWTHIQ_WORKSPACE": str(ws.path)})
        if ok:
            assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
        return result

    return run


@pytest.fixture
def cli_json(cli):
    def run(ws: Any, *args: str, input: str | None = None, ok: bool = True) -> Any:
        return json.loads(cli(ws, *args, "--json", input=input, ok=ok).stdout)

    return run


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def demo_lists() -> Path:
    return DEMO
