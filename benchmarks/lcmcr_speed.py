"""Seconds per table for LCMCR at its default settings: the published tables and simulated populations.

    .venv/bin/python benchmarks/lcmcr_speed.py                      # published tables + 20 'wide' populations
    .venv/bin/python benchmarks/lcmcr_speed.py --populations 0      # the published tables only
    .venv/bin/python benchmarks/lcmcr_speed.py --csv runs.csv       # also the LCMCR runs of mse_coverage.py
    .venv/bin/python benchmarks/lcmcr_speed.py --populations 0 --iterations 2500   # another first check
    .venv/bin/python benchmarks/lcmcr_speed.py --populations 0 --chains 2          # fewer chains

Target (issue 20): at most 5 s per table at the default settings on a 2-core machine, with 2 or more
chains in parallel and convergence checked (R-hat and ESS; chains start at 5,000 sweeps and are
continued only while those say the draws are not enough). For each table: the wall time of
``lcmcr(table)`` in a warm process (the kernel compiled or loaded from numba's cache first, timed apart),
the CPU time it used (all threads: what it costs the machine), the sweeps per chain it ran and its status;
then, over every table, the median, the share at most 5 s and the worst, in CPU seconds. CPU seconds are
the measure because the machine may be shared (the load average is printed): on a machine to itself the
wall time is about the CPU time divided by the 2 cores. The simulated populations are those of
``benchmarks/mse_coverage.py`` (scenario ``wide``, its default seed 2016), so ``--csv`` adds that
benchmark's per-run CPU seconds for the same kind of table.
"""

from __future__ import annotations

import argparse
import csv
import os
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from tawthiq.estimate import SCENARIOS, LcmcrSettings, lcmcr, random_population, read_table

TABLES = Path(__file__).resolve().parents[1] / "../shared/data/mse"
PUBLISHED = (
    "kosovo_1999_4list",
    "uk_modern_slavery_2013_6list",
    "uk_modern_slavery_2013_5list",
    "rcapture_hiv_rome_4list",
    "conting_spina_bifida_3list_by_ethnicity",
)
TARGET_S = 5.0


def _summary(label: str, cpu: list[float]) -> str:
    if not cpu:
        return f"{label}: no tables"
    a = np.array(cpu)
    return (
        f"{label}: {len(a)} tables; CPU s per table median {np.median(a):.2f}, "
        f"share <= {TARGET_S:.0f} s {np.mean(a <= TARGET_S):.2f} ({int(np.sum(a <= TARGET_S))}/{len(a)}), "
        f"worst {a.max():.2f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--populations", type=int, default=20, help="simulated 'wide' populations to time")
    ap.add_argument("--seed", type=int, default=2016, help="seed of the populations (mse_coverage's)")
    ap.add_argument("--csv", nargs="*", default=[], help="mse_coverage.py CSV files: add their LCMCR CPU s")
    ap.add_argument("--iterations", type=int, default=None, help="sweeps per chain before the first check")
    ap.add_argument("--chains", type=int, default=None, help="chains (default: LcmcrSettings.chains)")
    args = ap.parse_args()
    t0, c0 = time.perf_counter(), time.process_time()
    probe = read_table(TABLES / "kosovo_1999_4list.csv")[0]
    lcmcr(probe, LcmcrSettings(iterations=40, max_iterations=40, thin=1))
    print(
        f"compile or cache load (not counted below): {time.perf_counter() - t0:.2f} s wall, "
        f"{time.process_time() - c0:.2f} s CPU; load average {os.getloadavg()}"
    )
    tables = []
    for name in PUBLISHED:
        path = TABLES / f"{name}.csv"
        if path.exists():
            tables += [
                (f"{name} {t.stratum or ''}".strip(), t, "published") for t in read_table(path, by=None)
            ]
    for i in range(args.populations):
        pop = random_population(
            np.random.default_rng([args.seed, SCENARIOS.index("wide"), i]), scenario="wide"
        )
        tables.append((f"simulated wide #{i} ({pop.label})", pop.table, "simulated"))
    cpu_by: dict[str, list[float]] = {"published": [], "simulated": []}
    settings = LcmcrSettings() if args.iterations is None else LcmcrSettings(iterations=args.iterations)
    if args.chains is not None:
        settings = replace(settings, chains=args.chains)
    for name, t, kind in tables:
        t0, c0 = time.perf_counter(), time.process_time()
        e = lcmcr(t, settings).estimate
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        cpu_by[kind].append(cpu)
        d = e.diagnostics
        shown = f"N {e.N:,} ({e.low:,}–{e.high:,})" if e.N is not None else "not reportable (N null)"
        print(
            f"{name}: {t.n_lists} lists, {len(t.counts)} cells, {t.observed:,} people: {wall:.2f} s wall, "
            f"{cpu:.2f} s CPU; {d['chains']} chains x {d['iterations']:,} sweeps "
            f"({1e6 * cpu / (d['chains'] * d['iterations']):.0f} µs CPU/sweep); "
            f"R-hat {d['convergence']['r_hat']}, "
            f"ESS {d['convergence']['ess_bulk']}/{d['convergence']['ess_tail']}; {e.status}; "
            f"{shown}; load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
    from_csv = []
    for path in args.csv:
        with open(path, encoding="utf-8") as f:
            from_csv += [float(r["cpu_s"]) for r in csv.DictReader(f) if r["method"] == "lcmcr"]
    print(_summary("published tables", cpu_by["published"]))
    print(_summary("simulated populations, timed here", cpu_by["simulated"]))
    if args.csv:
        print(_summary("mse_coverage.py LCMCR runs", from_csv))
    print(_summary("all", cpu_by["published"] + cpu_by["simulated"] + from_csv))


if __name__ == "__main__":
    main()
