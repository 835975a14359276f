"""Alembic, driven from code: bring a database to the head revision of our migrations.

In: an engine. Out: the database at head (``upgrade``), or the differences between the
models and the migrated schema (``schema_drift``, used by the test that keeps them equal).
Never: creates tables with ``metadata.create_all``: every schema change is a migration.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from tawthiq.store.tables import Base

__all__ = ["alembic_config", "head_revision", "schema_drift", "upgrade"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None, url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Upgrade to head; a no-op (one cheap query) when the database is already there."""
    if current_revision(engine) == head_revision():
        return
    command.upgrade(alembic_config(engine), "head")


def schema_drift(engine: Engine) -> list[Any]:
    """What autogenerate would change: empty when migrations and models agree."""
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "render_as_batch": conn.dialect.name == "sqlite"}
        )
        return compare_metadata(ctx, Base.metadata)
