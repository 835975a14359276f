"""Seconds per table for LCMCR at its default settings, and what the sampler costs per sweep.

    .venv/bin/python benchmarks/lcmcr_speed.py           # the published tables and 4 simulated ones
    .venv/bin/python benchmarks/lcmcr_speed.py --quick   # the published tables only

Target (issue 20): at most 5 s per table at the default settings on a 2-core machine, with 2 or more
chains in parallel and convergence checked. For each table: the wall time of ``lcmcr(table)`` in a warm
process (kernel compiled or loaded from numba's cache, timed once first and reported), the CPU time it
used (all threads: what it costs the machine), how many sweeps per chain it ran before R-hat and ESS were
met, and its status. The machine may be shared: the load average is printed with the results, and the
CPU time is what the wall time would be, divided by the cores, on a machine to itself.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np

from tawthiq.estimate import LcmcrSettings, lcmcr, random_population, read_table

TABLES = Path(__file__).resolve().parents[1] / "../shared/data/mse"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    probe = read_table(TABLES / "kosovo_1999_4list.csv")[0]
    lcmcr(probe, LcmcrSettings(iterations=40, max_iterations=40, thin=1))
    print(f"compile or cache load: {time.perf_counter() - t0:.2f} s; load average {os.getloadavg()}")
    tables = [
        (name, read_table(TABLES / f"{name}.csv")[0])
        for name in (
            "kosovo_1999_4list",
            "uk_modern_slavery_2013_6list",
            "uk_modern_slavery_2013_5list",
            "rcapture_hiv_rome_4list",
        )
    ]
    if not args.quick:
        for i in range(4):
            pop = random_population(np.random.default_rng([7, i]), scenario="wide")
            tables.append((f"simulated wide #{i} ({pop.label})", pop.table))
    for name, t in tables:
        t0, c0 = time.perf_counter(), time.process_time()
        e = lcmcr(t).estimate
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        d = e.diagnostics
        print(
            f"{name}: {t.n_lists} lists, {len(t.counts)} cells, {t.observed:,} people: {wall:.2f} s wall, "
            f"{cpu:.2f} s CPU; {d['chains']} chains x {d['iterations']:,} sweeps "
            f"({1e6 * cpu / (d['chains'] * d['iterations']):.0f} µs CPU/sweep); "
            f"R-hat {d['convergence']['r_hat']}, "
            f"ESS {d['convergence']['ess_bulk']}/{d['convergence']['ess_tail']}; {e.status}; "
            f"N {e.N:,} ({e.low:,}–{e.high:,}); load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
