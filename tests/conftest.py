"""Shared fixtures: ``workspace`` is a fresh workspace, on SQLite and (when
``TAWTHIQ_TEST_PG_URL`` is set, as ``.ci/run`` does) on PostgreSQL.

The PostgreSQL run gets a database of its own per test (created from the admin URL and
dropped afterwards), so tests never see each other's rows, also under ``pytest -n 2``.
Without the URL the PostgreSQL parameter is skipped with the reason shown by ``-ra``.

Every test gets its own ``TAWTHIQ_KEY``-free environment: the key comes from the
workspace's key file, so tests never depend on a developer's shell.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

PG_ENV = "TAWTHIQ_TEST_PG_URL"

# Hypothesis fails an example that takes over 200 ms by default: a timed assertion, which fails on
# a loaded machine (CI under other jobs, a laptop on battery) and says nothing about the behaviour
# tested. Speed is measured in benchmarks/, never asserted in tests, so no example has a deadline.
settings.register_profile("tawthiq", deadline=None)
settings.load_profile("tawthiq")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for name in ("TAWTHIQ_KEY", "TAWTHIQ_WORKSPACE", "TAWTHIQ_DB"):
        monkeypatch.delenv(name, raising=False)
    # the CLI's log file (cli/_logging.py): never the tester's own ~/.local/state/tawthiq
    monkeypatch.setenv("TAWTHIQ_LOG_FILE", str(tmp_path_factory.getbasetemp() / "tawthiq.log"))


def _pg_database(admin_url: str) -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from tawthiq.store.session import normalise_url

    admin = make_url(normalise_url(admin_url))
    name = "tawthiq_t_" + uuid.uuid4().hex[:12]
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    """None for the workspace's own SQLite file, or a fresh PostgreSQL database URL."""
    if request.param == "sqlite":
        yield None
        return
    admin = os.environ.get(PG_ENV)
    if not admin:
        pytest.skip(f"PostgreSQL not tested: set {PG_ENV} (scripts/test.sh starts a server and sets it)")
    yield from _pg_database(admin)


@pytest.fixture
def workspace(tmp_path: Path, db_url: str | None):
    """A fresh, migrated workspace in ``tmp_path/ws`` (SQLite, or PostgreSQL when configured)."""
    from tawthiq.store import init_workspace

    ws = init_workspace(tmp_path / "ws", db=db_url)
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def cli():
    """Run the real ``tawthiq`` CLI in-process on a workspace: ``cli(ws, "people", "import", …)``.

    Returns click's result (``exit_code``, ``stdout``, ``stderr``); with ``ok=True`` (the default)
    a non-zero exit fails the test with both streams shown.
    """
    from typer.testing import CliRunner

    from tawthiq.cli.main import app

    runner = CliRunner()

    def run(ws, *args: str, input: str | None = None, ok: bool = True):
        result = runner.invoke(app, list(args), input=input, env={"TAWTHIQ_WORKSPACE": str(ws.path)})
        if ok:
            assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
        return result

    return run


@pytest.fixture
def cli_json(cli):
    """Like ``cli`` with ``--json`` appended; returns the parsed stdout."""
    import json

    def run(ws, *args: str, input: str | None = None):
        return json.loads(cli(ws, *args, "--json", input=input).stdout)

    return run


@pytest.fixture
def plant_clear_original():
    """A function that stores an original as a workspace from before sealing held it: clear bytes
    named by their hash, read-only, registered as evidence with its event by ``test``; returns the hash."""
    import hashlib
    from datetime import UTC, datetime

    from tawthiq.entities import Evidence
    from tawthiq.evidence import evidence_path
    from tawthiq.store import add_evidence

    def plant(ws, data: bytes, name: str = "legacy.txt") -> str:
        sha = hashlib.sha256(data).hexdigest()
        path = evidence_path(ws.evidence_dir, sha)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        os.chmod(path, 0o444)
        with ws.session(actor="test") as s:
            add_evidence(
                s,
                Evidence(
                    sha256=sha,
                    media_type="text/plain",
                    size=len(data),
                    captured_at=datetime(2016, 12, 14, tzinfo=UTC),
                    file_name=name,
                ),
            )
        return sha

    return plant
