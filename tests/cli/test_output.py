"""Quiet, useful output (issue 17): library warnings to the log file (shown with -v), progress
only on a terminal and never with --json."""

from __future__ import annotations

import json
import logging
import warnings

import pytest
from rich.console import Console
from typer.testing import CliRunner

import tawthiq.app.corroborate as app_corroborate
from tawthiq.cli.main import app


@pytest.fixture
def ws(tmp_path, monkeypatch):
    monkeypatch.setenv("TAWTHIQ_LOG_FILE", str(tmp_path / "logs" / "tawthiq.log"))
    res = CliRunner().invoke(app, ["init", str(tmp_path / "ws")])
    assert res.exit_code == 0, res.output
    monkeypatch.setenv("TAWTHIQ_WORKSPACE", str(tmp_path / "ws"))
    return tmp_path


@pytest.fixture
def noisy_library(monkeypatch):
    """corroborate, with a library warning and a splink-style WARNING log on the way."""
    real = app_corroborate.corroborate

    def noisy(*args, **kwargs):
        warnings.warn("the library's future changes", FutureWarning, stacklevel=1)
        logging.getLogger("splink").warning("Level exact match not observed in dataset")
        return real(*args, **kwargs)

    monkeypatch.setattr(app_corroborate, "corroborate", noisy)


def test_library_warnings_go_to_the_log_file_not_to_the_users_terminal(ws, noisy_library):
    res = CliRunner().invoke(app, ["corroborate"])
    assert res.exit_code == 0, res.output
    assert "not observed" not in res.stderr and "FutureWarning" not in res.stderr
    log = (ws / "logs" / "tawthiq.log").read_text(encoding="utf-8")
    assert "WARNING splink: Level exact match not observed in dataset" in log
    assert "FutureWarning: the library's future changes" in log


def test_verbose_shows_the_warnings_on_stderr_and_still_logs_them(ws, noisy_library):
    res = CliRunner().invoke(app, ["-v", "corroborate"])
    assert res.exit_code == 0, res.output
    assert "Level exact match not observed" in res.stderr and "FutureWarning" in res.stderr
    assert "not observed" in (ws / "logs" / "tawthiq.log").read_text(encoding="utf-8")


def test_a_command_after_a_verbose_one_is_quiet_again(ws, noisy_library):
    runner = CliRunner()
    assert runner.invoke(app, ["--verbose", "corroborate"]).exit_code == 0
    res = runner.invoke(app, ["corroborate"])
    assert "not observed" not in res.stderr


def test_an_unwritable_log_file_does_not_stop_the_command(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("TAWTHIQ_LOG_FILE", str(blocker / "tawthiq.log"))  # its folder is a file
    res = CliRunner().invoke(app, ["init", str(tmp_path / "ws")])
    assert res.exit_code == 0, res.output


@pytest.fixture
def on_a_terminal(monkeypatch):
    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))


def test_progress_is_shown_on_a_terminal_only_and_never_with_json(monkeypatch):
    from tawthiq.cli._common import progress

    with progress("linking") as bar:
        assert not bar.shown  # pytest's stderr is no terminal
    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    with progress("linking", total=3) as bar:
        bar.advance()
        assert bar.shown
    with progress("linking", json_=True) as bar:
        assert not bar.shown


def test_json_output_never_carries_progress_even_on_a_terminal(ws, on_a_terminal):
    res = CliRunner().invoke(app, ["corroborate", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["incidents"] == 0
    assert "corroborating" not in res.stderr and "loading claims" not in res.stderr


def test_no_progress_when_stderr_is_not_a_terminal(ws):
    res = CliRunner().invoke(app, ["corroborate"])
    assert res.exit_code == 0, res.output
    assert "corroborating" not in res.stderr and "loading claims" not in res.stderr


def test_an_unexpected_error_is_one_line_naming_the_log_never_a_traceback_with_values(ws, monkeypatch):
    # a bug's traceback prints the failing values (a statement's parameters, a witness's words)
    def broken(*args, **kwargs):
        raise RuntimeError("a value from the data: Witness Invented-Name")

    monkeypatch.setattr(app_corroborate, "corroborate", broken)
    res = CliRunner().invoke(app, ["corroborate"])
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit)
    assert "unexpected error (RuntimeError)" in res.stderr and "tawthiq.log" in res.stderr
    assert "Traceback" not in res.stderr and "Invented-Name" not in res.stderr + res.stdout
    log = (ws / "logs" / "tawthiq.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "unexpected error in" in log


def test_a_database_error_in_the_log_names_no_values(tmp_path):
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from tawthiq.store.session import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (name TEXT UNIQUE)"))
        conn.execute(text("INSERT INTO t VALUES (:n)"), {"n": "Witness Invented-Name"})
    with pytest.raises(IntegrityError) as caught, engine.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES (:n)"), {"n": "Witness Invented-Name"})
    assert "Invented-Name" not in str(caught.value)


def test_emit_prints_json_with_arabic_unescaped_and_dates_as_text_and_skips_the_renderer(capsys):
    from datetime import date

    from tawthiq.cli._common import emit

    rendered: list[object] = []
    emit({"place": "حلب", "day": date(2016, 12, 13)}, True, rendered.append)
    out = capsys.readouterr().out
    assert '"place": "حلب"' in out and '"day": "2016-12-13"' in out  # not \\u062d…, not a TypeError
    assert json.loads(out) == {"place": "حلب", "day": "2016-12-13"} and out.endswith("}\n")
    assert rendered == []


def test_emit_without_json_renders_and_never_builds_the_json(capsys):
    from tawthiq.cli._common import emit

    def no_json(_: object) -> object:
        raise AssertionError("a text run built the JSON (an extra query per row)")

    rendered: list[object] = []
    emit([1, 2], False, rendered.append, as_json=no_json)
    assert rendered == [[1, 2]] and capsys.readouterr().out == ""


def test_a_pdf_renderers_step_by_step_info_stays_out_of_the_log_but_warnings_do_not(tmp_path, monkeypatch):
    from tawthiq.cli._logging import configure_logging, reset_logging

    path = tmp_path / "tawthiq.log"
    monkeypatch.setenv("TAWTHIQ_LOG_FILE", str(path))
    configure_logging()
    try:
        logging.getLogger("weasyprint.progress").info("Step 5 - Creating layout - Page 3")
        logging.getLogger("fontTools.subset").info("Glyph names cleared")
        logging.getLogger("weasyprint").warning("Ignored `foo: bar` at 3:1, unknown property")
        logging.getLogger("tawthiq.export").info("dossier written")
    finally:
        reset_logging()
    log = path.read_text(encoding="utf-8")
    assert "Creating layout" not in log and "Glyph names" not in log
    assert "unknown property" in log and "dossier written" in log
