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

A dump whose manifest verifies can still hold wrong rows (edited and signed again, or written by
a buggy tool): every row is checked against its table before it is inserted (UTF-8, one JSON
object, every column, each value of its column's type and range, no key twice, foreign keys to
rows already loaded), and the first that fails is an :class:`InputError` naming the file, line
and column (issue 21); the caller's one transaction then writes nothing.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from tawthiq.errors import InputError, StoreError
from tawthiq.store._crypto import Cipher
from tawthiq.store._migrate import alembic_config, head_revision
from tawthiq.store.audit import record_event
from tawthiq.store.session import make_engine
from tawthiq.store.tables import Base

__all__ = ["TABLES_DIR", "dump_schema", "dump_tables", "is_empty", "load_tables"]

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


def dump_schema() -> str | None:
    """The schema revision a dump written now carries (``dump.json``'s ``schema``)."""
    return head_revision()


def is_empty(session: Session) -> list[str]:
    """Names of the tables that hold rows (an empty list means the database is empty)."""
    return [t.name for t in _tables() if (session.scalar(select(func.count()).select_from(t)) or 0) > 0]


# A dump moves between SQLite and PostgreSQL: an Integer column holds what PostgreSQL's int4 does,
# a BigInteger what int8 does (SQLite would take more, PostgreSQL would not).
_INT_RANGE = {Integer: 2**31, BigInteger: 2**63}
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL (PostgreSQL) or a lone surrogate (SQLite)


def _check(col: Column, value: Any, path: Path, line: int) -> Any:
    """``value`` (from JSON) decoded for ``col``, or an InputError naming the file, line and column."""

    def bad(msg: str) -> InputError:
        return InputError(msg, path=path, line=line, field=col.name)

    if value is None:
        if not col.nullable:
            raise bad("is null, but the column needs a value")
        return None
    t = col.type
    if isinstance(t, Boolean):
        if not isinstance(value, bool):
            raise bad(f"must be true or false, not {type(value).__name__}")
        return value
    if isinstance(t, Integer):  # BigInteger is an Integer
        if not isinstance(value, int) or isinstance(value, bool):
            raise bad(f"must be an integer, not {type(value).__name__}")
        limit = _INT_RANGE[BigInteger if isinstance(t, BigInteger) else Integer]
        if not -limit <= value < limit:
            raise bad(f"integer out of range for its column ({len(str(abs(value)))} digits)")
        return value
    if isinstance(t, Float):
        if not isinstance(value, int | float) or isinstance(value, bool) or value != value:
            raise bad(f"must be a number, not {type(value).__name__}")
        return value
    if isinstance(t, JSON):
        return value
    if not isinstance(value, str):
        raise bad(f"must be a string, not {type(value).__name__}")
    if isinstance(t, LargeBinary):
        try:
            return base64.b64decode(value, validate=True)
        except ValueError:
            raise bad("is not base64") from None
    if isinstance(t, DateTime | Date):
        try:
            return _decode(t, value)
        except ValueError:
            raise bad(
                f"{value[:40]!r} is not an ISO 8601 {'date-time' if isinstance(t, DateTime) else 'date'}"
            ) from None
    if isinstance(t, String):  # Text is a String
        if t.length is not None and len(value) > t.length:
            raise bad(f"is {len(value)} characters, over the column's {t.length}")
        if m := _UNSTORABLE.search(value):
            raise bad(f"character {m.start()} is a NUL or a lone surrogate, which no database stores")
    return value


def _unique_keys(table: Table) -> list[tuple[str, ...]]:
    """Column-name tuples whose values must be unique: the primary key and unique constraints."""
    keys = [tuple(c.name for c in table.primary_key.columns)] if table.primary_key.columns else []
    for con in table.constraints:
        if isinstance(con, UniqueConstraint):
            keys.append(tuple(c.name for c in con.columns))
    for idx in table.indexes:
        if idx.unique:
            keys.append(tuple(c.name for c in idx.columns))
    return [k for k in dict.fromkeys(keys) if k]


def _parents(table: Table) -> list[tuple[str, str, str]]:
    """(column, parent table, parent column) of each foreign key to another table."""
    return [
        (fk.parent.name, fk.column.table.name, fk.column.name)
        for fk in table.foreign_keys
        if fk.column.table.name != table.name
    ]


def _rows(
    path: Path,
    table: Table,
    loaded: dict[tuple[str, str], set[Any]],
    done: set[str],
    only: set[str] | None = None,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of one table file, each checked against the table before anything is inserted: UTF-8,
    one JSON object a line, every column present and of its type, no key used twice in the file,
    every foreign key found among the rows already loaded (``loaded``: (table, column) -> values,
    filled here for the columns other tables point to). Any failure is an InputError naming the
    file, line and column."""
    cols = {c.name: c for c in table.columns if only is None or c.name in only}
    keys = [k for k in _unique_keys(table) if only is None or set(k) <= only]
    seen: dict[tuple[str, ...], dict[tuple[Any, ...], int]] = {k: {} for k in keys}
    # a parent that loads after this table (a cycle) cannot be checked here: the database will
    parents = [p for p in _parents(table) if p[1] in done and p[0] in cols]
    targets = [c for (t, c) in loaded if t == table.name and c in cols]
    with path.open("rb") as fh:
        for i, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"not UTF-8: byte {exc.start} (0x{raw[exc.start]:02x}) of the line", path=path, line=i
                ) from None
            if not line.strip():
                continue
            try:
                rec = json.loads(line, parse_constant=_no_constant)
            except RecursionError:
                raise InputError("not a JSON line: nested too deeply", path=path, line=i) from None
            except ValueError as exc:  # JSONDecodeError, an integer over 4,300 digits, NaN
                msg = (
                    exc.msg if isinstance(exc, json.JSONDecodeError) else "a number over 4,300 digits or NaN"
                )
                raise InputError(f"not a JSON line ({msg})", path=path, line=i) from None
            if not isinstance(rec, dict):
                raise InputError(f"a row must be a JSON object, not {type(rec).__name__}", path=path, line=i)
            unknown = set(rec) - set(cols)
            if unknown:
                raise InputError(
                    f"no such column in {table.name}", path=path, line=i, field=sorted(unknown)[0]
                )
            missing = [c for c in cols if c not in rec]
            if missing:
                raise InputError(
                    f"missing: a dump row holds every column of {table.name}",
                    path=path,
                    line=i,
                    field=missing[0],
                )
            row = {k: _check(cols[k], v, path, i) for k, v in rec.items()}
            for key in keys:
                value = tuple(rec[c] for c in key)
                if any(v is None for v in value):
                    continue  # NULLs never collide in a unique constraint
                first = seen[key].setdefault(value, i)
                if first != i:
                    raise InputError(
                        f"same {', '.join(key)} as line {first}: a row twice, or two rows with one key",
                        path=path,
                        line=i,
                        field=key[0],
                    )
            for col, parent, pcol in parents:
                v = rec[col]
                if v is not None and (parent, pcol) in loaded and v not in loaded[(parent, pcol)]:
                    raise InputError(
                        f"{parent}.{pcol} = {v} is in no row of {parent}.jsonl", path=path, line=i, field=col
                    )
            for c in targets:
                loaded[(table.name, c)].add(rec[c])
            yield i, row


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _reseal(rec: dict[str, Any], table: str, source: Cipher, target: Cipher) -> dict[str, Any]:
    for col, blob in list(rec.items()):
        if col.endswith("_enc") and blob is not None:
            column = f"{table}.{col[:-4]}"
            rec[col] = target.seal(source.open(blob, column=column), column=column)
    return rec


def _insert(
    session: Session, table: Table, batch: list[dict[str, Any]], path: Path, lines: list[int]
) -> None:
    """Insert checked rows; what the database still refuses (a row whose parent is missing) is an
    InputError naming the file and the lines of the batch (the caller's transaction rolls back)."""
    try:
        session.execute(table.insert(), batch)
    except (IntegrityError, DataError) as exc:
        where = f"lines {lines[0]}-{lines[-1]}" if len(lines) > 1 else f"line {lines[0]}"
        raise InputError(
            f"the database refused a row of {where} ({type(exc.orig).__name__}: a key used twice "
            "or a row whose parent row is missing)",
            path=path,
        ) from None


def load_tables(
    session: Session,
    dump: Path,
    *,
    source_cipher: Cipher | None,
    target_cipher: Cipher | None,
    same_key: bool,
    schema: str | None = None,
) -> dict[str, int]:
    """Restore a dump into an empty database (one transaction, rolled back on any error).

    ``schema``: the migration revision the dump was written at (its ``dump.json``); None for a
    dump from before it was recorded, whose revision is then read from its columns. A dump of an
    older schema is first restored into a scratch SQLite database at its revision, brought to
    head by the same Alembic migrations a workspace goes through, and loaded from there, so a
    backup made by an older Tawthiq restores with its data migrated, never refused or guessed.
    """
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
    ciphers = (
        (source_cipher, target_cipher)
        if reseal and source_cipher is not None and target_cipher is not None
        else None
    )
    revision = _dump_revision(dump, schema)
    if revision == head_revision():
        counts = _load(session, dump, None, ciphers)
    else:
        with tempfile.TemporaryDirectory(prefix="tawthiq-dump-") as tmp:
            counts = _load(session, _migrate_dump(dump, revision, Path(tmp)), None, ciphers)
    _finish(session, counts, revision)
    return counts


def _load(
    session: Session,
    dump: Path,
    columns: dict[str, set[str]] | None,
    ciphers: tuple[Cipher, Cipher] | None,
) -> dict[str, int]:
    """Insert every table file of ``dump``, checked row by row. ``columns``: the tables and columns
    of an older schema (a scratch database at the dump's revision), None for head; ``ciphers``:
    (source, target) to seal protected fields again, None to carry them as they are."""
    counts: dict[str, int] = {}
    tables = [t for t in _tables() if columns is None or t.name in columns]
    # the values each foreign key points to, filled as their tables load (parents come first)
    loaded: dict[tuple[str, str], set[Any]] = {
        (parent, pcol): set() for t in tables for _, parent, pcol in _parents(t)
    }
    for table in tables:
        path = dump / TABLES_DIR / f"{table.name}.jsonl"
        if not path.exists():
            raise InputError(f"missing table file for {table.name}", path=path)
        only = None if columns is None else columns[table.name]
        target = table if only is None else _subset(table, only)
        batch: list[dict[str, Any]] = []
        lines: list[int] = []
        n = 0
        for line, rec in _rows(path, table, loaded, set(counts), only):
            if ciphers is not None:
                rec = _reseal(rec, table.name, *ciphers)
            batch.append(rec)
            lines.append(line)
            if len(batch) >= _BATCH:
                _insert(session, target, batch, path, lines)
                n += len(batch)
                batch, lines = [], []
        if batch:
            _insert(session, target, batch, path, lines)
            n += len(batch)
        counts[table.name] = n
    return counts


def _subset(table: Table, only: set[str]) -> Table:
    """``table`` with only the columns an older schema has (typed as at head, for the inserts)."""
    return Table(table.name, MetaData(), *(Column(c, table.c[c].type) for c in sorted(only)))


def _revisions() -> list[str]:
    """The migrations' revisions, newest first."""
    return [r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()]


@functools.cache
def _columns_at(revision: str) -> dict[str, frozenset[str]]:
    """{table: columns} of the schema at ``revision`` (a scratch SQLite database migrated to it)."""
    with tempfile.TemporaryDirectory(prefix="tawthiq-schema-") as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'schema.sqlite'}")
        try:
            command.upgrade(alembic_config(engine), revision)
            found = inspect(engine)
            return {
                name: frozenset(c["name"] for c in found.get_columns(name))
                for name in found.get_table_names()
                if name != "alembic_version"
            }
        finally:
            engine.dispose()


def _first_columns(dump: Path) -> dict[str, frozenset[str]]:
    """{table: the columns of its first row} for each table file of the dump that holds a row."""
    found: dict[str, frozenset[str]] = {}
    for path in sorted((dump / TABLES_DIR).glob("*.jsonl")):
        with path.open("rb") as fh:
            for raw in fh:
                if raw.strip():
                    try:
                        rec = json.loads(raw)
                    except (ValueError, RecursionError):
                        break  # the strict load names the line
                    if isinstance(rec, dict):
                        found[path.stem] = frozenset(rec)
                    break
    return found


def _dump_revision(dump: Path, schema: str | None) -> str | None:
    """The revision to restore the dump at: its recorded one, or the newest whose columns are
    the dump's; head (the strict load, whose errors name the line and column) when none fits."""
    known = _revisions()
    head = known[0] if known else None
    if schema is not None:
        if schema not in known:
            raise InputError(
                f"the dump was written at schema revision {schema!r}, which this Tawthiq does not "
                f"know (it knows up to {head!r}): restore it with the Tawthiq that wrote it, or a newer one",
                path=dump / "dump.json",
                field="schema",
            )
        return schema
    first = _first_columns(dump)
    for revision in known:
        at = _columns_at(revision)
        if all(name in at and cols == at[name] for name, cols in first.items()):
            return revision
    return head


def _migrate_dump(dump: Path, revision: str | None, tmp: Path) -> Path:
    """The dump restored into a scratch SQLite database at ``revision``, upgraded to head by the
    migrations, and dumped again (protected fields carried as they are) into ``tmp``."""
    assert revision is not None
    engine = make_engine(f"sqlite:///{tmp / 'old.sqlite'}")
    try:
        command.upgrade(alembic_config(engine), revision)
        columns = {name: set(cols) for name, cols in _columns_at(revision).items()}
        with Session(engine) as old, old.begin():
            _load(old, dump, columns, None)
        command.upgrade(alembic_config(engine), "head")
        with Session(engine) as old:
            dump_tables(old, tmp / "head")
    finally:
        engine.dispose()
    return tmp / "head"


def _finish(session: Session, counts: dict[str, int], revision: str | None) -> None:
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
    migrated = "" if revision == head_revision() else f", migrated from schema {revision}"
    record_event(
        session,
        "dump.import",
        "workspace",
        "dump",
        detail=f"{sum(counts.values())} rows in {len(counts)} tables{migrated}",
    )
