"""The root group loads a command's module only when that command is asked for (click's LazyGroup):
``tawthiq incidents`` does not import the people, claims or web commands, and the table that
names the modules (``cli/main.py``) lists exactly what they register, in --help's order."""

from __future__ import annotations

import json
import subprocess
import sys

import typer
import typer.main

from tawthiq.cli.main import _COMMANDS, app

# the modules in the order cli/main.py assembled them before the commands were lazy
_MODULE_ORDER = ("workspace", "ingest", "extract", "claims", "corroborate", "people", "estimate",
                 "evidence", "export", "sources", "web")  # fmt: skip


def test_the_lazy_table_names_every_command_the_modules_register_in_the_order_help_lists_them():
    import importlib

    eager = typer.Typer()
    eager.callback()(lambda: None)
    for module in _MODULE_ORDER:
        importlib.import_module(f"tawthiq.cli.{module}").register(eager)
    assert list(typer.main.get_group(eager).commands) == list(_COMMANDS)
    assert set(_COMMANDS.values()) == set(_MODULE_ORDER)
    root = typer.main.get_command(app)
    assert root.list_commands(typer.Context(root)) == list(_COMMANDS)


def _modules_loaded_by(*args: str) -> set[str]:
    code = (
        "import json, sys\n"
        "from tawthiq.cli.main import main\n"
        f"sys.argv = ['tawthiq', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('tawthiq.cli.'))), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_a_command_imports_its_own_module_and_not_the_others():
    loaded = _modules_loaded_by("incidents", "--help")
    assert "tawthiq.cli.corroborate" in loaded
    assert not loaded & {"tawthiq.cli.people", "tawthiq.cli.claims", "tawthiq.cli.web", "tawthiq.cli.export"}


def test_a_mistyped_command_is_still_answered_with_the_closest_names():
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["incidnts"])
    assert result.exit_code == 2
    assert "incidents" in result.output and "incident" in result.output


def test_a_lazily_loaded_command_still_fails_in_one_line_with_exit_code_1(tmp_path):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["incidents", "-w", str(tmp_path / "no-workspace")])
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and "Traceback" not in result.output
