#!/usr/bin/env python3
"""Extraction speed and memory: reports per second on one core, and peak memory.

In: the hand-written fixture reports in tests/fixtures/reports/ (no copyrighted text).
Out: figures printed to stdout. Never: asserts anything (targets are read by people, not tests).

The corpus is synthesised by recombining fixture sentences: each synthetic report has a fixture title
and 6-14 body sentences drawn (seeded) from all fixtures, so ≥ 1,000 distinct reports of realistic
length. Also times the two sentence splitters considered (syntok, used; pysbd if installed).

usage: python benchmarks/extract_bench.py [N_REPORTS]
"""

from __future__ import annotations

import os
import random
import resource
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tawthiq.extract import extract_claims  # noqa: E402
from tawthiq.extract._sentences import split_sentences  # noqa: E402
from tawthiq.gazetteer import load_gazetteer  # noqa: E402


def corpus(n: int, seed: int = 7) -> list[str]:
    titles, sentences = [], []
    for f in sorted((ROOT / "tests" / "fixtures" / "reports").glob("*.txt")):
        lines = [ln.strip() for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
        if not lines or not lines[0].isascii():
            continue
        titles.append(lines[0])
        for ln in lines[1:]:
            sentences.extend(text for s, e in split_sentences(ln) if len(text := ln[s:e]) > 20)
    rng = random.Random(seed)
    return [
        rng.choice(titles) + "\n\n" + " ".join(rng.choices(sentences, k=rng.randint(6, 14))) for _ in range(n)
    ]


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 1000
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
        cores = "1 (pinned)"
    except (AttributeError, OSError):
        cores = "1 (not pinned: no sched_setaffinity)"
    t0 = time.perf_counter()
    load_gazetteer()
    load_s = time.perf_counter() - t0
    reports = corpus(n)
    chars = sum(len(r) for r in reports)
    extract_claims(reports[0], date(2016, 12, 13))  # warm caches
    t0, c0 = time.perf_counter(), time.process_time()
    claims = sum(len(extract_claims(r, date(2016, 12, 13))) for r in reports)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    tracemalloc.start()  # traced separately: tracing slows Python several-fold
    for r in reports[:100]:
        extract_claims(r, date(2016, 12, 13))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"reports: {n} synthetic ({chars / n:.0f} characters on average), claims: {claims}, cores: {cores}")
    print(f"gazetteer load: {load_s:.2f} s (once per process)")
    print(
        f"extraction: {n / elapsed:.1f} reports/s wall clock ({elapsed / n * 1000:.1f} ms/report); "
        f"{n / cpu:.1f} reports per CPU-second (this process's own CPU time, less noisy on a busy machine)"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"peak traced Python memory during extraction: {peak / 2**20:.1f} MiB; "
        f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    t0 = time.perf_counter()
    for r in reports:
        split_sentences(r)
    print(f"sentence splitting alone, syntok: {(time.perf_counter() - t0) / n * 1000:.2f} ms/report")
    try:
        import pysbd
    except ImportError:
        print("pysbd not installed: splitter comparison skipped")
    else:
        seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
        t0 = time.perf_counter()
        for r in reports:
            seg.segment(r)
        print(f"sentence splitting alone, pysbd: {(time.perf_counter() - t0) / n * 1000:.2f} ms/report")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
