"""Every `people` command answers --help and is in docs/people.md (or docs/missing.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tawthiq.cli.main import app
from tawthiq.cli.people import people_app

DOCS = Path(__file__).resolve().parents[2] / "docs"
COMMANDS = [c.name for c in people_app.registered_commands]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_people_command_has_help_and_is_documented(name):
    result = CliRunner().invoke(app, ["people", name, "--help"])
    assert result.exit_code == 0 and "Usage" in result.stdout
    assert f"tawthiq people {name}" in (DOCS / "people.md").read_text("utf-8")


def test_every_import_field_is_documented():
    from tawthiq.people import FIELDS

    text = (DOCS / "people.md").read_text("utf-8")
    assert [f for f in FIELDS if f"`{f}`" not in text] == []
