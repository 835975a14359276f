"""Contingency tables of capture histories: the only input the estimators take.

In: a CSV file (one 0/1 column per list, a ``count`` column, optional stratum columns) or a
pandas DataFrame of capture histories (one row per person, one 0/1 column per list).
Out: :class:`ContingencyTable` values, one per stratum, plus their pooled total.
Never: guesses a list column from a column with values other than 0/1 that look numeric (that is an
error, reported with file, line and field), or accepts a count for the all-zero cell (nobody can
have been counted on no list: that cell is what the estimators estimate).
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tawthiq.errors import EncodingError, InputError, InputErrors, ParseError

__all__ = ["ContingencyTable", "merge_tables", "read_table", "table_from_histories"]


@dataclass(frozen=True, eq=False)
class ContingencyTable:
    """Observed counts of each capture pattern over ``lists``.

    ``cells`` is an (n_cells, n_lists) 0/1 array of the patterns present (the all-zero pattern is never
    there); ``counts`` the number of people with each pattern (zeros allowed). Arrays are read-only.
    ``notes`` says what was dropped or merged while building the table, and why.
    """

    lists: tuple[str, ...]
    cells: np.ndarray
    counts: np.ndarray
    stratum: str | None = None
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        cells = np.ascontiguousarray(self.cells, dtype=np.int8).reshape(-1, len(self.lists))
        counts = np.ascontiguousarray(self.counts, dtype=np.int64).reshape(-1)
        if cells.shape[0] != counts.shape[0]:
            raise ValueError("cells and counts differ in length")
        cells.setflags(write=False)
        counts.setflags(write=False)
        object.__setattr__(self, "cells", cells)
        object.__setattr__(self, "counts", counts)

    @property
    def n_lists(self) -> int:
        return len(self.lists)

    @property
    def observed(self) -> int:
        """People seen on at least one list."""
        return int(self.counts.sum())

    def list_sizes(self) -> dict[str, int]:
        """How many people each list holds."""
        sizes = (self.cells.astype(np.int64) * self.counts[:, None]).sum(axis=0)
        return {name: int(s) for name, s in zip(self.lists, sizes, strict=True)}

    def overlaps(self) -> dict[str, int]:
        """People on both lists of each pair, keyed ``"A&B"``; a zero here limits the log-linear models."""
        out: dict[str, int] = {}
        for a, b in itertools.combinations(range(self.n_lists), 2):
            both = (self.cells[:, a] == 1) & (self.cells[:, b] == 1)
            out[f"{self.lists[a]}&{self.lists[b]}"] = int(self.counts[both].sum())
        return out

    def full(self) -> tuple[np.ndarray, np.ndarray]:
        """All 2^J - 1 observable patterns (zeros filled in), in a fixed order, with their counts."""
        j = self.n_lists
        patterns = np.array(list(itertools.product((0, 1), repeat=j))[1:], dtype=np.int8)
        index = {tuple(int(v) for v in row): i for i, row in enumerate(patterns)}
        counts = np.zeros(len(patterns), dtype=np.int64)
        for row, c in zip(self.cells, self.counts, strict=True):
            counts[index[tuple(int(v) for v in row)]] += c
        return patterns, counts

    def without_empty_lists(self) -> ContingencyTable:
        """The same table without lists that hold nobody (no model can say anything about them), noted."""
        sizes = self.list_sizes()
        keep = [j for j, name in enumerate(self.lists) if sizes[name] > 0]
        if len(keep) == self.n_lists:
            return self
        dropped = [name for name in self.lists if sizes[name] == 0]
        acc: dict[tuple[int, ...], int] = {}
        for row, c in zip(self.cells, self.counts, strict=True):
            key = tuple(int(row[j]) for j in keep)
            acc[key] = acc.get(key, 0) + int(c)
        note = f"list(s) {', '.join(dropped)} hold nobody here and were left out"
        return _from_dict(tuple(self.lists[j] for j in keep), acc, self.stratum, (*self.notes, note))

    def diagnostics(self) -> dict[str, object]:
        """Sample size per list and pairwise overlaps, as printed by the CLI."""
        return {"list_sizes": self.list_sizes(), "overlaps": self.overlaps(), "notes": list(self.notes)}


def merge_tables(tables: Sequence[ContingencyTable], stratum: str | None = None) -> ContingencyTable:
    """Pool strata over the same lists into one table (counts of equal patterns added)."""
    if not tables:
        raise ValueError("no tables to merge")
    lists = tables[0].lists
    acc: dict[tuple[int, ...], int] = {}
    for t in tables:
        if t.lists != lists:
            raise ValueError("tables over different lists cannot be merged")
        for row, c in zip(t.cells, t.counts, strict=True):
            key = tuple(int(v) for v in row)
            acc[key] = acc.get(key, 0) + int(c)
    return _from_dict(lists, acc, stratum, ())


def _from_dict(
    lists: tuple[str, ...], acc: dict[tuple[int, ...], int], stratum: str | None, notes: Iterable[str]
) -> ContingencyTable:
    keys = sorted(acc, reverse=True)
    cells = np.array(keys, dtype=np.int8).reshape(-1, len(lists))
    counts = np.array([acc[k] for k in keys], dtype=np.int64)
    return ContingencyTable(lists, cells, counts, stratum, tuple(notes))


def _classify_columns(
    header: list[str], rows: list[list[str]], by: str | None, path: str
) -> tuple[list[int], int, int | None, list[str]]:
    """Decide which columns are lists, which is ``count`` and which the stratum; collect what is ignored."""
    names = [h.strip() for h in header]
    lowered = [n.lower() for n in names]
    if "count" not in lowered:
        raise InputError(
            "no 'count' column (one 0/1 column per list and a 'count' column)",
            path=path,
            line=1,
            field="count",
        )
    count_col = lowered.index("count")
    by_col = None
    if by is not None:
        if by not in names:
            raise InputError(
                f"no column '{by}' to stratify by; columns: {', '.join(names)}", path=path, line=1, field=by
            )
        by_col = names.index(by)
    list_cols: list[int] = []
    ignored: list[str] = []
    for j, name in enumerate(names):
        if j in (count_col, by_col):
            continue
        values = {r[j].strip() for r in rows if j < len(r)}
        if values <= {"0", "1"}:
            list_cols.append(j)
        elif any(not _is_number(v) for v in values):
            ignored.append(name)  # a label column (a stratum) not asked for: pooled over
        else:
            list_cols.append(j)  # numbers other than 0/1: each such cell is reported by read_table
    if len(list_cols) < 2:
        raise InputError(f"need at least 2 list columns (0/1), found {len(list_cols)}", path=path, line=1)
    return list_cols, count_col, by_col, ignored


def _is_number(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return True


def read_table(path: str | Path, by: str | None = None) -> list[ContingencyTable]:
    """Read a contingency table CSV; one table per value of ``by`` (in order of first appearance).

    Rows with the same pattern (in the same stratum) are added. A row with every list 0 is refused if its
    count is positive and dropped with a note if it is 0. Every bad row is reported (file, line, field).
    """
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError("file not found", path=p) from None
    except UnicodeDecodeError as exc:
        raise EncodingError(f"not UTF-8 text (byte {exc.start})", path=p) from None
    try:
        rows = list(csv.reader(text.splitlines()))
    except csv.Error as exc:
        raise ParseError(f"not CSV: {exc}", path=p) from None
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise InputError("empty file: expected a header and at least one row", path=p)
    header, body = rows[0], rows[1:]
    if not body:
        raise InputError("no rows after the header", path=p, line=1)
    errors = [
        InputError(f"{len(r)} fields, header has {len(header)}", path=p, line=i + 2)
        for i, r in enumerate(body)
        if len(r) != len(header)
    ]
    if errors:
        raise InputErrors(errors, path=p) if len(errors) > 1 else errors[0]
    names = [h.strip() for h in header]
    list_cols, count_col, by_col, ignored = _classify_columns(header, body, by, str(p))
    lists = tuple(names[j] for j in list_cols)
    notes: list[str] = []
    if ignored:
        notes.append(
            f"column(s) {', '.join(ignored)} not used: counts pooled over them (use --by to stratify)"
        )
    per: dict[str | None, dict[tuple[int, ...], int]] = {}
    dropped_zero = 0
    for i, r in enumerate(body):
        line = i + 2
        # every bad cell of the row, with the bad cells of every other row: not only the first one
        bad_cells = [
            InputError(f"list column must be 0 or 1, got '{r[j].strip()}'", path=p, line=line, field=names[j])
            for j in list_cols
            if r[j].strip() not in ("0", "1")
        ]
        errors.extend(bad_cells)
        raw = r[count_col].strip()
        try:
            count = int(raw)
        except ValueError:
            errors.append(
                InputError(
                    f"count must be a whole number, got '{raw}'", path=p, line=line, field=names[count_col]
                )
            )
            continue
        if bad_cells:
            continue
        if count < 0:
            errors.append(
                InputError(
                    f"count must not be negative, got {count}", path=p, line=line, field=names[count_col]
                )
            )
            continue
        key = tuple(int(r[j].strip()) for j in list_cols)
        if not any(key):
            if count > 0:
                errors.append(
                    InputError(
                        "the all-zero pattern (on no list) is what is estimated; it cannot have a count",
                        path=p,
                        line=line,
                        field=names[count_col],
                    )
                )
            else:
                dropped_zero += 1
            continue
        stratum = r[by_col].strip() if by_col is not None else None
        if by_col is not None and not stratum:
            errors.append(InputError("empty stratum", path=p, line=line, field=names[by_col]))
            continue
        acc = per.setdefault(stratum, {})
        acc[key] = acc.get(key, 0) + count
    if errors:
        raise InputErrors(errors, path=p) if len(errors) > 1 else errors[0]
    if dropped_zero:
        notes.append("all-zero pattern row with count 0 ignored: that cell is what is estimated")
    tables = [_from_dict(lists, acc, s, notes) for s, acc in per.items()]
    if not any(t.observed for t in tables):
        raise InputError("every count is zero: nobody observed", path=p, field=names[count_col])
    return tables


def table_from_histories(
    histories, lists: Sequence[str] | None = None, by: str | None = None
) -> list[ContingencyTable]:
    """Capture histories (a DataFrame, one row per person, 0/1 per list) → tables, one per ``by`` value.

    People on no list are ignored (they cannot come from a list). Rows whose stratum is missing go to the
    stratum ``"unknown"``, with a note, so the total still counts them.
    """
    df = histories
    if lists is None:
        lists = [c for c in df.columns if c != by]
    lists = tuple(lists)
    if len(lists) < 2:
        raise InputError(f"need at least 2 lists, found {len(lists)}", field="lists")
    x = df[list(lists)].fillna(0).astype(int).to_numpy()
    if not np.isin(x, (0, 1)).all():
        raise InputError("capture histories must be 0 or 1", field="lists")
    keep = x.any(axis=1)
    labels = np.array([None] * len(df), dtype=object) if by is None else df[by].to_numpy(dtype=object)
    notes: list[str] = []
    missing = sum(1 for v in labels[keep] if by is not None and (v is None or v != v or v == ""))
    if missing:
        notes.append(f"{missing} person(s) with no {by}: counted in stratum 'unknown'")
    per: dict[str | None, dict[tuple[int, ...], int]] = {}
    for row, lab in zip(x[keep], labels[keep], strict=True):
        s = None if by is None else (str(lab) if lab is not None and lab == lab and lab != "" else "unknown")
        acc = per.setdefault(s, {})
        key = tuple(int(v) for v in row)
        acc[key] = acc.get(key, 0) + 1
    if not per:
        raise InputError("no person is on any list", field="lists")
    return [_from_dict(lists, acc, s, notes) for s, acc in sorted(per.items(), key=lambda kv: str(kv[0]))]
