"""Speed of the LCMCR sampler: 10,000 iterations of one chain on the 6-list UK table, on one core.

    .venv/bin/python benchmarks/lcmcr_speed.py           # 10,000 iterations, best of 5
    .venv/bin/python benchmarks/lcmcr_speed.py --quick   # best of 2

Target (issue 6): under 10 seconds. The first call compiles the numba kernel (cached afterwards); it is
timed separately and excluded. The machine may be shared, so the best of several repeats is reported, with
the CPU time of the sampling thread (what the run would take with the core to itself).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from tawthiq.estimate import read_table
from tawthiq.estimate._lcmcr_kernel import gibbs_chain

TABLES = Path(__file__).resolve().parents[1] / "../shared/data/mse"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--iterations", type=int, default=10_000)
    args = ap.parse_args()
    repeats = 2 if args.quick else 5
    t0 = time.perf_counter()
    probe = read_table(TABLES / "kosovo_1999_4list.csv")[0]
    gibbs_chain(probe.cells, probe.counts, 10, 0.25, 0.25, 20, 10, 1, 0)
    print(f"compile or cache load: {time.perf_counter() - t0:.2f} s")
    for name in ("uk_modern_slavery_2013_6list", "kosovo_1999_4list"):
        t = read_table(TABLES / f"{name}.csv")[0]
        cells = np.ascontiguousarray(t.cells)
        counts = np.ascontiguousarray(t.counts)
        times, cpu = [], []
        for r in range(repeats):
            t0, c0 = time.perf_counter(), time.thread_time()
            gibbs_chain(cells, counts, 10, 0.25, 0.25, args.iterations, args.iterations // 2, 10, r)
            times.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
        best = min(times)
        print(
            f"{name}: {t.n_lists} lists, {len(t.counts)} cells, {t.observed:,} people; "
            f"{args.iterations:,} iterations (K=10, one chain, one core): best {best:.3f} s, "
            f"median {np.median(times):.3f} s ({1e6 * best / args.iterations:.1f} µs/iteration); "
            f"CPU time of the sampling thread: best {min(cpu):.3f} s"
        )


if __name__ == "__main__":
    main()
