"""Engines and sessions: a database URL in, a configured SQLAlchemy engine out.

In: a URL (``sqlite:///…`` or ``postgresql://…``). Out: an engine (SQLite in WAL mode with
foreign keys on and a busy timeout; PostgreSQL through psycopg 3) and a transactional
``session_scope``. Never: creates tables by hand; the schema comes only from the Alembic
migrations (``store/_migrate.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar, overload

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tawthiq.entities import MAX_ID
from tawthiq.errors import StoreError

__all__ = ["as_utc", "is_row_id", "make_engine", "normalise_url", "session_cipher", "session_scope"]


def normalise_url(url: str) -> str:
    """``postgresql://`` → ``postgresql+psycopg://`` (psycopg 3 is the driver we ship)."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str) -> Engine:
    """An engine for ``url``. ``hide_parameters``: a database error's message never holds the
    statement's values (a name, a quote; protected fields are ciphertext but their neighbours
    are not), wherever it ends up: a log file, a 500's log line, a bug report."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        # No caller ever waits for a pooled connection: the web answers from one engine in up
        # to 40 threads plus its event loop (web/_inline.py), and a wait in the loop would stop
        # every page of that process. A SQLite connection is a file handle and a page cache;
        # connections beyond 5 are closed when returned. (SQLAlchemy's default, 5 + 10, let 15
        # slow requests make the loop wait.)
        engine = create_engine(
            url, connect_args={"timeout": 30}, pool_size=5, max_overflow=64, hide_parameters=True
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL is still crash-safe
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    try:
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot use database URL ({type(exc).__name__})") from None


@contextmanager
def session_scope(factory: sessionmaker[Session], **info: Any) -> Iterator[Session]:
    """One transaction: commit when the block ends, roll back if it raises."""
    session = factory()
    session.info.update(info)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def session_cipher(session: Session, *, needed: bool = True) -> Any:
    """The workspace cipher a session carries (``session.info['cipher']``).

    With ``needed`` and no key, raises :class:`~tawthiq.errors.ProtectedDataError`: a protected
    value is refused rather than stored or shown in clear.
    """
    cipher = session.info.get("cipher")
    if needed and cipher is None:
        from tawthiq.errors import ProtectedDataError

        raise ProtectedDataError("no key: set TAWTHIQ_KEY or restore the workspace key file")
    return cipher


@overload
def as_utc(dt: datetime) -> datetime: ...
@overload
def as_utc(dt: None) -> None: ...
@overload
def as_utc(dt: datetime | None) -> datetime | None: ...
def as_utc(dt: datetime | None) -> datetime | None:
    """A datetime in UTC: naive ones (SQLite gives them back naive) are taken as UTC."""
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


_K = TypeVar("_K", int, str)


def chunks(ids: Sequence[_K], size: int = 500) -> Iterator[list[_K]]:
    """Slices of ids small enough for any database's bound-parameter limit (SQLite's is lowest)."""
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def is_row_id(value: int) -> bool:
    """Whether ``value`` can be a row's id: looking up any other (a typed 30-digit number) finds nothing."""
    return 0 < value <= MAX_ID
