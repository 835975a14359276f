"""A workspace: one folder holding the database, the key and the evidence store.

In: a folder (``--workspace`` / ``TAWTHIQ_WORKSPACE`` / the current folder or a parent) and
optionally a database URL (``--db`` / ``TAWTHIQ_DB``). Out: :class:`Workspace`, with an
engine at the head migration, a cipher for protected fields and a transactional
``session()``. Never: guesses a workspace that has no marker file; never prints the key.

Layout::

    PATH/tawthiq-workspace.json   marker: format version, creation time, optional db URL
    PATH/tawthiq.db               the SQLite database (unless a db URL is given)
    PATH/key                      AES-256 key, base64, mode 0600 (TAWTHIQ_KEY overrides it)
    PATH/evidence/ab/cdef…        original files, named by SHA-256, sealed with the key, read-only
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tawthiq.errors import ProtectedDataError, StoreError, WorkspaceError
from tawthiq.store._crypto import Cipher, load_key, write_key_file
from tawthiq.store._migrate import upgrade
from tawthiq.store.session import make_engine, session_scope

__all__ = ["DB_ENV", "MARKER", "WORKSPACE_ENV", "Workspace", "init_workspace", "open_workspace"]

MARKER = "tawthiq-workspace.json"
DB_FILE = "tawthiq.db"
KEY_FILE = "key"
EVIDENCE_DIR = "evidence"
WORKSPACE_ENV = "TAWTHIQ_WORKSPACE"
DB_ENV = "TAWTHIQ_DB"


class Workspace:
    """An open workspace. ``session()`` is one transaction; the cipher seals protected fields."""

    def __init__(self, path: Path, engine: Engine, cipher: Cipher | None) -> None:
        self.path = path
        self.engine = engine
        self.cipher = cipher
        self._factory = sessionmaker(engine, expire_on_commit=False)

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r}, {self.engine.dialect.name})"

    @property
    def evidence_dir(self) -> Path:
        return self.path / EVIDENCE_DIR

    @property
    def key_file(self) -> Path:
        return self.path / KEY_FILE

    def require_cipher(self) -> Cipher:
        if self.cipher is None:
            raise ProtectedDataError(
                f"no key: set TAWTHIQ_KEY or restore {self.key_file} to read or write protected fields "
                "and originals"
            )
        return self.cipher

    @contextmanager
    def session(self, actor: str = "cli") -> Iterator[Session]:
        """One transaction: commits at the end of the block, rolls back if it raises.

        ``session.info`` carries ``cipher``, ``actor`` and ``workspace`` for store functions.
        """
        try:
            with session_scope(self._factory, cipher=self.cipher, actor=actor, workspace=self) as s:
                yield s
        except OperationalError as exc:
            raise StoreError(f"database error: {exc.orig.__class__.__name__}: {exc.orig}") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _find(path: Path | None) -> Path:
    if path is None and os.environ.get(WORKSPACE_ENV):
        path = Path(os.environ[WORKSPACE_ENV])
    if path is not None:
        path = path.expanduser().resolve()
        if not (path / MARKER).is_file():
            raise WorkspaceError(
                f"{path}: not a Tawthiq workspace (no {MARKER}); create one with `tawthiq init`"
            )
        return path
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file():
            return folder
    raise WorkspaceError(
        f"no Tawthiq workspace in {here} or its parents; run `tawthiq init PATH`, "
        f"or pass --workspace PATH (or set {WORKSPACE_ENV})"
    )


def _url(path: Path, db: str | None, marker: dict) -> str:
    return db or os.environ.get(DB_ENV) or marker.get("db_url") or f"sqlite:///{path / DB_FILE}"


def open_workspace(path: Path | str | None = None, db: str | None = None) -> Workspace:
    """Open the workspace at ``path`` (or found from the environment / current folder).

    The database is brought to the head migration on open.
    """
    folder = _find(Path(path) if path is not None else None)
    try:
        marker = json.loads((folder / MARKER).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkspaceError(f"{folder / MARKER}: unreadable ({type(exc).__name__})") from None
    engine = make_engine(_url(folder, db, marker))
    try:
        upgrade(engine)
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(f"cannot open the database: {exc.orig.__class__.__name__}") from None
    key = load_key(folder / KEY_FILE)
    return Workspace(folder, engine, Cipher(key) if key else None)


def init_workspace(path: Path | str, db: str | None = None) -> Workspace:
    """Create the folder, marker, key file (0600, unless TAWTHIQ_KEY is set), evidence store
    and database at the head migration; refuse a folder that already is a workspace."""
    folder = Path(path).expanduser().resolve()
    if (folder / MARKER).exists():
        raise WorkspaceError(f"{folder}: already a Tawthiq workspace")
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(f"{folder}: exists and is not a folder")
    fresh = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    if fresh:  # originals (chat exports name their senders) and the key: owner only
        folder.chmod(0o700)
    (folder / EVIDENCE_DIR).mkdir(mode=0o700, exist_ok=True)
    if not (folder / KEY_FILE).exists() and not os.environ.get("TAWTHIQ_KEY"):
        write_key_file(folder / KEY_FILE)
    marker = {"format": 1, "created_at": datetime.now(UTC).isoformat()}
    if db:
        marker["db_url"] = db
    (folder / MARKER).write_text(json.dumps(marker, indent=2) + "\n", "utf-8")
    return open_workspace(folder, db)
