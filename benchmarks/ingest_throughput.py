#!/usr/bin/env python
"""Ingest throughput and audit-verify time on the embedded SQLite default. Prints figures.

    .venv/bin/python benchmarks/ingest_throughput.py [N_FILES] [--db URL]

Writes N small text reports (default 2,000) and one chat export of N messages into a temp
folder, ingests them into a fresh workspace, and reports files/s, reports/s, and the time of
`verify_chain`. Timings on a shared machine are noisy: run it twice and quote the range.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tawthiq.ingest import IngestOptions, ingest_paths
from tawthiq.store import count_reports, init_workspace, verify_chain


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=2000)
    ap.add_argument("--db", default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "batch"
        folder.mkdir()
        for i in range(args.n):
            (folder / f"r{i:06d}.txt").write_text(
                f"DATE: 2016-12-{1 + i % 28:02d}\n\nReport {i}: shelling was reported in a district "
                "of the city; numbers were not confirmed.\n",
                "utf-8",
            )
        chat = "\n".join(f"13/12/2016, 10:{i % 60:02d} - Sender {i % 7}: message {i}" for i in range(args.n))
        (folder / "zz-chat.txt").write_text(chat + "\n", "utf-8")
        ws = init_workspace(Path(tmp) / "ws", db=args.db)
        t0 = time.perf_counter()
        outcomes = ingest_paths(ws, [folder], IngestOptions(from_header=True))
        t1 = time.perf_counter()
        with ws.session() as s:
            n_reports = sum(count_reports(s).values())
            t2 = time.perf_counter()
            check = verify_chain(s)
            t3 = time.perf_counter()
        ws.close()
    files = len(outcomes)
    print(f"backend: {args.db.split(':')[0] if args.db else 'sqlite'}")
    print(f"files ingested: {files} ({args.n} text + 1 chat export of {args.n} messages)")
    print(f"reports stored: {n_reports}")
    print(
        f"ingest wall time: {t1 - t0:.1f} s  ->  {files / (t1 - t0):.0f} files/s, "
        f"{n_reports / (t1 - t0):.0f} reports/s"
    )
    print(f"audit verify: {check.events} events in {t3 - t2:.2f} s (ok={check.ok})")


if __name__ == "__main__":
    main()
