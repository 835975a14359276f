"""Full private backup of a workspace's database as JSON lines, and its restore (issue 9).

In: a session (and, to restore, a dump folder and the ciphers). Out: ``tables/<name>.jsonl``
(every row of every table in ``tables.Base.metadata``, foreign-key order) and a summary;
:func:`load_tables` writes them back into an EMPTY database in one transaction.
Never: writes a protected value in clear. ``*_enc`` columns are carried as their AES-GCM
ciphertext (base64); on restore they are opened with the source key and sealed again under
the target workspace's key when the keys differ (the column name is the associated data).

Values are encoded by column type, so the restore needs no guessing: bytes as base64,
dates and datetimes as ISO 8601 (datetimes in UTC with their offset, so a dump moves
between SQLite and PostgreSQL), JSON as JSON. Audit events keep their hashes, so the
restored chain verifies and continues (the restore itself is appended as one event).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Integer, LargeBinary, Table, func, select, text
from sqlalchemy.orm import Session

from tawthiq.errors import InputError, StoreError
from tawthiq.store._crypto import Cipher
from tawthiq.store.audit import record_event
from tawthiq.store.tables import Base

__all__ = ["TABLES_DIR", "dump_tables", "is_empty", "load_tables"]

TABLES_DIR = "tables"
_BATCH = 2000


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _encode(col_type: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(col_type, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime):  # UTC, always with its offset: SQLite gives naive UTC, PostgreSQL aware
        value = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _decode(col_type: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(col_type, LargeBinary):
        return base64.b64decode(value)
    if isinstance(col_type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(col_type, Date):
        return date.fromisoformat(value)
    return value


def dump_tables(session: Session, out: Path) -> dict[str, int]:
    """Write every table to ``out/tables/<name>.jsonl``; returns {table: rows}."""
    folder = out / TABLES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in _tables():
        cols = list(table.columns)
        order = list(table.primary_key.columns) or cols
        n = 0
        with (folder / f"{table.name}.jsonl").open("w", encoding="utf-8") as fh:
            q = select(*cols).order_by(*order).execution_options(yield_per=_BATCH)
            for row in session.execute(q):
                rec = {c.name: _encode(c.type, v) for c, v in zip(cols, row, strict=True)}
                fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
                n += 1
        counts[table.name] = n
    return counts


def is_empty(session: Session) -> list[str]:
    """Names of the tables that hold rows (an empty list means the database is empty)."""
    return [t.name for t in _tables() if (session.scalar(select(func.count()).select_from(t)) or 0) > 0]


def _rows(path: Path, table: Table) -> Iterator[dict[str, Any]]:
    types = {c.name: c.type for c in table.columns}
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                raise InputError("not a JSON line", path=path, line=i) from None
            unknown = set(rec) - set(types)
            if unknown:
                raise InputError(
                    f"no such column in {table.name}", path=path, line=i, field=sorted(unknown)[0]
                )
            try:
                yield {k: _decode(types[k], v) for k, v in rec.items()}
            except (ValueError, TypeError):
                raise InputError("value does not fit its column type", path=path, line=i) from None


def _reseal(rec: dict[str, Any], table: str, source: Cipher, target: Cipher) -> dict[str, Any]:
    for col, blob in list(rec.items()):
        if col.endswith("_enc") and blob is not None:
            column = f"{table}.{col[:-4]}"
            rec[col] = target.seal(source.open(blob, column=column), column=column)
    return rec


def load_tables(
    session: Session,
    dump: Path,
    *,
    source_cipher: Cipher | None,
    target_cipher: Cipher | None,
    same_key: bool,
) -> dict[str, int]:
    """Restore a dump into an empty database (one transaction, rolled back on any error)."""
    busy = is_empty(session)
    if busy:
        raise StoreError(f"import-dump needs an EMPTY workspace; these tables hold rows: {', '.join(busy)}")
    reseal = not same_key
    if reseal and (source_cipher is None or target_cipher is None):
        raise InputError(
            "the dump's protected fields were sealed with another key: give the source key "
            "(--source-key FILE) so they can be sealed again under this workspace's key",
            path=dump,
        )
    counts: dict[str, int] = {}
    for table in _tables():
        path = dump / TABLES_DIR / f"{table.name}.jsonl"
        if not path.exists():
            raise InputError(f"missing table file for {table.name}", path=path)
        batch: list[dict[str, Any]] = []
        n = 0
        for rec in _rows(path, table):
            if reseal:
                rec = _reseal(rec, table.name, source_cipher, target_cipher)
            batch.append(rec)
            if len(batch) >= _BATCH:
                session.execute(table.insert(), batch)
                n += len(batch)
                batch = []
        if batch:
            session.execute(table.insert(), batch)
            n += len(batch)
        counts[table.name] = n
    if session.get_bind().dialect.name == "postgresql":
        for table in _tables():
            pk = list(table.primary_key.columns)
            if len(pk) == 1 and isinstance(pk[0].type, Integer) and counts.get(table.name):
                session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                        f"(SELECT MAX({pk[0].name}) FROM {table.name}))"
                    )
                )
    session.flush()
    record_event(
        session,
        "dump.import",
        "workspace",
        "dump",
        detail=f"{sum(counts.values())} rows in {len(counts)} tables",
    )
    return counts
