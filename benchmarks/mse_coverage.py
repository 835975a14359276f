"""Coverage and error of the estimators on simulated populations whose total is known.

For each scenario of ``tawthiq.estimate.random_population`` draws populations, runs every method at its
default settings and prints, per scenario and method: the median relative error |N̂ − N| / N, the median
signed error, the share of 95% intervals that contain the true N with its 95% Wilson interval, the
median interval width relative to N, and (LCMCR) the share of runs flagged "did not converge" and the
coverage of the intervals that are reported as numbers (the converged ones), and the CPU seconds per run
(median, share at most 5 s, worst). The ``wide`` scenario
(issue 20) also gets a breakdown by density (sparse/dense), dependence, number of lists and people
observed (under 3,000, 3,000-10,000, 10,000 or more).

    .venv/bin/python benchmarks/mse_coverage.py --n 200 --out runs.csv           # the tuning set
    .venv/bin/python benchmarks/mse_coverage.py --n 20 --seed 77 --out held.csv  # a held-out set
    .venv/bin/python benchmarks/mse_coverage.py --summarize runs.csv             # tables from a CSV
    .venv/bin/python benchmarks/mse_coverage.py --indices 0 11 --tempering continuation --out t.csv
    .venv/bin/python benchmarks/mse_coverage.py --indices 0 11 --chains 2 --out two.csv  # fewer chains
    .venv/bin/python benchmarks/mse_coverage.py --scenarios heterogeneous hard referral --n 30

Every run is one CSV line (``--out``), so a long study can be split (``--start``) and run in the
background; ``--summarize`` reads one or more such files. Timings on a shared machine are noisy (the
CPU seconds are what the run costs); the coverage does not depend on them.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from dataclasses import replace

import numpy as np

from tawthiq.errors import EstimationError
from tawthiq.estimate import SCENARIOS, LcmcrSettings, LoglinearSettings, lcmcr, loglinear, random_population

FIELDS = [
    "scenario", "i", "label", "method", "lists", "N", "observed", "N_hat", "low", "high", "status",
    "r_hat", "ess_bulk", "ess_tail", "iterations", "wall_s", "cpu_s",
]  # fmt: skip


def wilson(hits: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """95% Wilson score interval for a binomial proportion."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half, centre + half)


def _cov(rows: list[dict]) -> str:
    hits = sum(r["hit"] for r in rows)
    lo, hi = wilson(hits, len(rows))
    return f"{hits}/{len(rows)} = {hits / len(rows):.3f} ({lo:.3f}–{hi:.3f})" if rows else "–"


def _size(observed: int) -> str:
    return "<3k" if observed < 3000 else "3k-10k" if observed < 10_000 else ">=10k"


def summarize(rows: list[dict], out=sys.stdout) -> None:
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for r in rows:  # a study split into overlapping runs repeats populations: each counts once
        key = (r["scenario"], r["i"], r["method"])
        if key not in seen:
            seen.add(key)
            unique.append(r)
    rows = unique
    for r in rows:
        r["hit"] = float(r["low"]) <= float(r["N"]) <= (float(r["high"]) if r["high"] else np.inf)
        r["rel"] = (float(r["N_hat"]) - float(r["N"])) / float(r["N"])
        r["width"] = ((float(r["high"]) if r["high"] else np.inf) - float(r["low"])) / float(r["N"])
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rows:
        groups[(r["scenario"], r["method"])].append(r)
        if r["scenario"] == "wide":
            for key in r["label"].split(","):
                groups[(f"  wide:{key}", r["method"])].append(r)
            groups[(f"  wide:{r['lists']} lists", r["method"])].append(r)
            # the flagged runs are mostly tables with many people (issue 20, session 22)
            groups[(f"  wide:observed {_size(int(r['observed']))}", r["method"])].append(r)
    print(
        f"{'group':<24}{'method':<10}{'runs':>5}{'|rel err|':>10}{'signed':>8}  "
        f"{'coverage, all runs (95% CI)':<32}"
        f"{'width/N':>8}{'flagged':>8}  {'coverage of reported numbers':<32}"
        f"{'cpu s':>7}{'<=5s':>6}{'worst':>7}",
        file=out,
    )
    for (g, m), rs in sorted(groups.items(), key=lambda kv: (kv[0][0].lstrip(), kv[0][1])):
        rel = np.array([r["rel"] for r in rs])
        flagged = [r for r in rs if r["status"] == "did_not_converge"]
        reported = [r for r in rs if r["status"] != "did_not_converge"]
        cpus = np.array([float(r["cpu_s"]) for r in rs])
        print(
            f"{g:<24}{m:<10}{len(rs):>5}{np.median(np.abs(rel)):>10.3f}{np.median(rel):>8.3f}  {_cov(rs):<32}"
            f"{np.median([r['width'] for r in rs]):>8.3f}{len(flagged) / len(rs):>8.2f}  "
            f"{_cov(reported):<32}{np.median(cpus):>7.2f}{np.mean(cpus <= 5):>6.2f}{cpus.max():>7.1f}",
            file=out,
        )


def _lcmcr_settings(args: argparse.Namespace) -> LcmcrSettings:
    """LCMCR's defaults but for what the command line sets (the seed is set per population)."""
    st = LcmcrSettings()
    if args.iterations:
        st = replace(st, iterations=args.iterations)
    if args.tempering:
        st = replace(st, tempering=args.tempering)
    if args.temper_after is not None:
        st = replace(st, temper_after=args.temper_after)
    if args.hot_rounds is not None:
        st = replace(st, hot_rounds=args.hot_rounds)
    if args.ladder:
        st = replace(st, ladder=tuple(args.ladder))
    if args.quarter_burn_in:
        st = replace(st, half_burn_in=False)
    if args.chains:
        st = replace(st, chains=args.chains)
    if args.max_iterations:
        st = replace(st, max_iterations=args.max_iterations)
    return st


def run(args: argparse.Namespace) -> list[dict]:
    rows: list[dict] = []
    out = open(args.out, "a", encoding="utf-8", newline="") if args.out else None  # noqa: SIM115
    writer = csv.DictWriter(out, FIELDS) if out else None
    if out is not None and out.tell() == 0:
        writer.writeheader()
    for scenario in args.scenarios:
        for i in args.indices or range(args.start, args.start + args.n):
            pop = random_population(
                np.random.default_rng([args.seed, SCENARIOS.index(scenario), i]), scenario=scenario
            )
            for m in args.methods:
                t0, c0 = time.perf_counter(), time.process_time()
                try:
                    if m == "lcmcr":
                        settings = replace(_lcmcr_settings(args), seed=i + 1000 * args.chain_seed)
                        e = lcmcr(pop.table, settings).estimate
                    else:
                        e = loglinear(pop.table, LoglinearSettings(seed=i)).estimate
                except EstimationError as exc:
                    print(f"  {scenario} #{i} {m}: {exc}", file=sys.stderr)
                    continue
                conv = e.diagnostics.get("convergence", {})
                # a run that did not converge has no N: its chains' figures, kept for diagnosis, are
                # what the "all runs" coverage scores (the "reported" coverage leaves such runs out)
                shown = e.diagnostics.get("unconverged", {}) if e.N is None else {}
                n_hat, low, high = shown.get("N", e.N), shown.get("low", e.low), shown.get("high", e.high)
                row = {
                    "scenario": scenario, "i": i, "label": pop.label or scenario, "method": m,
                    "lists": pop.table.n_lists, "N": pop.N, "observed": pop.table.observed, "N_hat": n_hat,
                    "low": low, "high": high if high is not None else "", "status": e.status,
                    "r_hat": conv.get("r_hat", ""), "ess_bulk": conv.get("ess_bulk", ""),
                    "ess_tail": conv.get("ess_tail", ""), "iterations": e.diagnostics.get("iterations", ""),
                    "wall_s": round(time.perf_counter() - t0, 2), "cpu_s": round(time.process_time() - c0, 2),
                }  # fmt: skip
                rows.append(row)
                if writer is not None:
                    writer.writerow(row)
                    out.flush()
            if not args.indices and (i + 1 - args.start) % 20 == 0:
                print(f"  … {scenario}: {i + 1 - args.start}/{args.n}", file=sys.stderr, flush=True)
    return [{k: str(v) for k, v in r.items()} for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20, help="populations per scenario")
    ap.add_argument("--scenarios", nargs="+", default=["wide"], choices=SCENARIOS)
    ap.add_argument("--methods", nargs="+", default=["lcmcr"], choices=["lcmcr", "loglinear"])
    ap.add_argument("--iterations", type=int, default=None, help="LCMCR first-run iterations per chain")
    ap.add_argument("--seed", type=int, default=2016)
    ap.add_argument(
        "--chain-seed", type=int, default=0, help="LCMCR chains' seed: population index + 1000 x this"
    )
    ap.add_argument("--start", type=int, default=0, help="first population index (to split a run)")
    ap.add_argument("--indices", type=int, nargs="+", default=None, help="only these populations")
    ap.add_argument("--tempering", choices=["never", "continuation", "always"], default=None)
    ap.add_argument("--temper-after", type=int, default=None, help="LCMCR: temper only after these sweeps")
    ap.add_argument("--hot-rounds", type=int, default=None, help="LCMCR: rounds of moves on hot levels")
    ap.add_argument("--ladder", type=float, nargs="+", default=None, help="LCMCR: the tempering ladder")
    ap.add_argument(
        "--quarter-burn-in", action="store_true", help="LCMCR: never burn half (the rule before session 22)"
    )
    ap.add_argument("--chains", type=int, default=None, help="LCMCR: chains (default: LcmcrSettings.chains)")
    ap.add_argument("--max-iterations", type=int, default=None, help="LCMCR: sweeps per chain at most")
    ap.add_argument("--out", default=None, help="append one CSV line per run to this file")
    ap.add_argument("--summarize", nargs="+", default=None, help="only print the tables of these CSV files")
    args = ap.parse_args()
    if args.summarize:
        rows = []
        for path in args.summarize:
            with open(path, encoding="utf-8") as f:
                rows.extend(csv.DictReader(f))
    else:
        rows = run(args)
    summarize(rows)


if __name__ == "__main__":
    main()
