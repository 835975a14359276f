"""Benchmark: import a large synthetic victim list (CSV and XLSX); print rows per minute and memory.

    .venv/bin/python benchmarks/people_import_bench.py [--rows 200000] [--xlsx-rows 50000]

The list is made here from the demo's invented name pools (src/tawthiq/demo/lists/generate.py),
Arabic headers, Arabic-Indic digits, 1% bad rows. Prints, for each step, wall time and rows per
minute: reading and parsing (pure: ``read_table`` + ``build_records``), the first store into a
fresh SQLite workspace, a re-import of the same file (every row compared, none written), and
for the CSV storing a link result (persons, links; pairs of records, no splink) twice and reading
the persons back. Peak resident memory of the process at the end. Linking is measured by linkage_bench.py.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from tawthiq.app.people import save_link_result
from tawthiq.people import LinkedPair, LinkResult, build_records, guess_mapping, read_table
from tawthiq.store import init_workspace
from tawthiq.store.people import load_persons, load_records, save_list

ROOT = Path(__file__).resolve().parents[1]
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
HEADERS = ["الرقم", "الاسم", "الجنس", "العمر", "تاريخ الوفاة", "مكان الوفاة", "الحالة"]


def _pools():
    spec = importlib.util.spec_from_file_location("gen", ROOT / "src/tawthiq/demo/lists/generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)  # type: ignore[union-attr]
    return gen


def _rows(n: int, rng: random.Random):
    gen = _pools()
    male = [a for a, _ in gen.MALE]
    female = [a for a, _ in gen.FEMALE]
    family = [a for a, _ in gen.FAMILY]
    places = [a for a, _ in gen.PLACES]
    for i in range(n):
        f = rng.random() < 0.27
        parts = [rng.choice(female if f else male), rng.choice(male), rng.choice(male), rng.choice(family)]
        name = " ".join(parts)
        age = str(rng.randint(0, 90)).translate(INDIC) if rng.random() > 0.01 else "?؟"
        day = (date(2016, 12, 1) + timedelta(days=rng.randint(0, 30))).strftime("%d/%m/%Y").translate(INDIC)
        yield [f"R{i}", name, "أنثى" if f else "ذكر", age, day, rng.choice(places), "شهيد"]


def _time(label: str, rows: int, fn):
    start = time.perf_counter()
    out = fn()
    took = time.perf_counter() - start
    print(f"{label:<38} {took:8.2f} s  {rows / took * 60:>12,.0f} rows/min")
    return out


def bench(path: Path, rows: int, tmp: Path, list_name: str) -> None:
    def parse():
        table = read_table(path)
        return build_records(table, guess_mapping(table.headers, table.rows), list_name)

    result = _time(f"{path.suffix} read + parse ({rows:,} rows)", rows, parse)
    print(f"  {len(result.records):,} records, {len(result.errors):,} rows refused")
    ws = init_workspace(tmp / f"ws-{list_name}")
    try:
        for label in ("first store (SQLite)", "re-import, unchanged"):
            with ws.session() as s:
                counts = _time(label, rows, lambda s=s: save_list(s, list_name, result.records))
            print(f"  inserted {counts.inserted:,}, unchanged {counts.unchanged:,}")
        if list_name == "csv":
            _bench_persons(ws, rows)
    finally:
        ws.close()


def _bench_persons(ws, rows: int) -> None:
    """Store a link result (every 2 consecutive records one person, no splink), twice, and read it."""
    with ws.session() as s:
        records = _time("load records", rows, lambda: load_records(s))
    ids = [r.id for r in records]
    clusters = tuple(tuple(ids[i : i + 2]) for i in range(0, len(ids), 2))
    pairs = tuple(LinkedPair(a=c[0], b=c[1], probability=0.95, weight=4.0, decision="match")
                  for c in clusters if len(c) == 2)  # fmt: skip
    result = LinkResult(pairs=pairs, clusters=clusters)
    for label in ("store persons, all new", "store persons again, ids kept"):
        with ws.session() as s:
            counts = _time(label, rows, lambda s=s: save_link_result(s, result, records))
        print(f"  persons {counts.persons:,}: kept {counts.kept:,}, new {counts.new:,}")
    with ws.session() as s:
        _time("load persons with their records", rows, lambda: load_persons(s))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--xlsx-rows", type=int, default=50_000)
    args = ap.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        path = tmp / "big.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADERS)
            writer.writerows(_rows(args.rows, rng))
        bench(path, args.rows, tmp, "csv")
        if args.xlsx_rows:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet()
            sheet.append(HEADERS)
            for row in _rows(args.xlsx_rows, rng):
                sheet.append(row)
            xlsx = tmp / "big.xlsx"
            book.save(xlsx)
            bench(xlsx, args.xlsx_rows, tmp, "xlsx")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:,.0f} MB (2-core machine shared with other work: times are noisy)")


if __name__ == "__main__":
    main()
