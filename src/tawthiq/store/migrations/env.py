"""Alembic environment: the models' metadata (with its naming convention), batch mode on SQLite.

Run from code (``store/_migrate.py``, which passes the engine in ``config.attributes``) or by
``scripts/regen_initial_migration.py`` (which passes a URL).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

from tawthiq.errors import StoreError
from tawthiq.store.session import make_engine
from tawthiq.store.tables import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


engine: Engine | None = config.attributes.get("engine")
if engine is None:
    url = config.get_main_option("sqlalchemy.url")
    if url is None:  # alembic.ini names none: the store always passes its engine or a URL
        raise StoreError("no database to migrate: pass an engine or sqlalchemy.url")
    engine = make_engine(url)
with engine.begin() as conn:
    _run(conn)
