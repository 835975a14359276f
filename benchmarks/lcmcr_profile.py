"""Where a slow LCMCR table spends its time: sweeps to convergence, and the CPU cost of one sweep by step.

    .venv/bin/python benchmarks/lcmcr_profile.py --populations 2016:11 20261206:13
    .venv/bin/python benchmarks/lcmcr_profile.py --worst 9 --csv tune.csv:2016 held.csv:20261206

A population is ``SEED:I``: population I of ``benchmarks/mse_coverage.py``'s ``wide`` scenario drawn with
that seed (2016 the tuning set, 20261206 the held-out one), estimated with LCMCR's seed I as that benchmark
does. ``--worst N`` takes the N runs with the most CPU seconds from mse_coverage.py CSV files (each
``FILE:SEED``). For each table it prints: the sweeps per chain the defaults ran and their CPU seconds
(all threads; taken from the CSV for the runs it picked), hence the CPU cost of one chain-sweep; then
one chain's sweep taken apart in one thread, on a chain warmed up by 2,000 sweeps, in microseconds per
sweep over 2,000 sweeps: each step's cost is what a sweep with that step run twice takes more than a
plain one. The steps: the Metropolis moves (``rounds`` rounds, and the unobserved drawn afresh), the
classes of the observed, the unobserved per class, and the capture probabilities, sticks and alpha. CPU
seconds because the machine is shared (the load average is printed); no assertion, only figures.
"""

from __future__ import annotations

import argparse
import csv
import os
import time

import numpy as np
from numba import njit

from tawthiq.estimate import SCENARIOS, LcmcrSettings, lcmcr, random_population
from tawthiq.estimate._lcmcr_kernel import (
    _moves,
    _observed_classes,
    _parameters,
    _scratch,
    _unobserved_classes,
    initial_state,
    run_block,
)

REPS = 2_000


@njit(cache=False, nogil=True)
def _sweeps(counts, n_obs, K, a, b, lam, lw, pi, n0k, steps, alpha, rounds, w, reps, twice):
    """``reps`` sweeps as ``_lcmcr_kernel._sweep`` makes them, step ``twice`` (0-3) run twice in each: the
    extra CPU is that step's cost, measured on a chain in its ordinary state (-1: none twice)."""
    for _ in range(reps):
        _moves(counts, n_obs, lam, lw, pi, n0k, steps, alpha, 0, rounds, w)
        if twice == 0:
            _moves(counts, n_obs, lam, lw, pi, n0k, steps, alpha, 0, rounds, w)
        _observed_classes(counts, pi, w)
        if twice == 1:
            _observed_classes(counts, pi, w)
        n0 = _unobserved_classes(n_obs, pi, n0k, w)
        if twice == 2:
            n0 = _unobserved_classes(n_obs, pi, n0k, w)
        alpha, _ = _parameters(n_obs, n0, a, b, lam, lw, pi, n0k, alpha, w)
        if twice == 3:
            alpha, _ = _parameters(n_obs, n0, a, b, lam, lw, pi, n0k, alpha, w)
    return alpha


STEPS = ("moves", "observed", "unobserved", "parameters")


def profile_sweep(table, st: LcmcrSettings, seed: int) -> dict[str, float]:
    """Microseconds of one thread per sweep, and per step (the sweep with that step run twice, less the
    sweep), on a chain warmed up by 2,000 sweeps."""
    cells = np.ascontiguousarray(table.cells, dtype=np.int8)
    counts = np.ascontiguousarray(table.counts, dtype=np.int64)
    n_obs = int(counts.sum())
    state = initial_state(table.n_lists, st.K, seed)
    run_block(cells, counts, st.K, st.a_alpha, st.b_alpha, state, 2_000, 500, seed, st.rounds)
    w = _scratch(cells, st.K)
    lam, lw, pi, n0k, steps = (state[k] for k in ("lam", "lw", "pi", "n0k", "steps"))
    alpha = float(state["alpha"])
    out = {}
    _sweeps(counts, n_obs, st.K, st.a_alpha, st.b_alpha, lam, lw, pi, n0k, steps, alpha, st.rounds, w, 1, -1)
    for twice in (-1, 0, 1, 2, 3):
        c0 = time.thread_time()
        alpha = _sweeps(
            counts,
            n_obs,
            st.K,
            st.a_alpha,
            st.b_alpha,
            lam,
            lw,
            pi,
            n0k,
            steps,
            alpha,
            st.rounds,
            w,
            REPS,
            twice,
        )
        out[STEPS[twice] if twice >= 0 else "sweep"] = 1e6 * (time.thread_time() - c0) / REPS
    for name in STEPS:
        out[name] -= out["sweep"]
    out["occupied"] = float(np.sum(pi >= 1e-9))
    return out


def _worst(specs: list[str], n: int) -> list[tuple[int, int, dict]]:
    """The n runs with the most CPU seconds in mse_coverage.py CSV files (``FILE:SEED``), with their row."""
    rows = []
    for spec in specs:
        path, seed = spec.rsplit(":", 1)
        with open(path, encoding="utf-8") as f:
            rows += [
                (float(r["cpu_s"]), int(seed), int(r["i"]), r)
                for r in csv.DictReader(f)
                if r["method"] == "lcmcr"
            ]
    return [(seed, i, r) for _, seed, i, r in sorted(rows, key=lambda x: -x[0])[:n]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--populations", nargs="*", default=[], help="SEED:I, e.g. 2016:11")
    ap.add_argument("--worst", type=int, default=0, help="the N slowest runs of the --csv files")
    ap.add_argument("--csv", nargs="*", default=[], help="mse_coverage.py CSV files, each FILE:SEED")
    ap.add_argument("--no-run", action="store_true", help="only take a sweep apart (no run to convergence)")
    args = ap.parse_args()
    pops = [(int(s), int(i), None) for s, i in (p.split(":") for p in args.populations)]
    pops += _worst(args.csv, args.worst) if args.worst else []
    print(f"load average {os.getloadavg()}", flush=True)
    for seed, i, row in pops:
        pop = random_population(np.random.default_rng([seed, SCENARIOS.index("wide"), i]), scenario="wide")
        t, st = pop.table, LcmcrSettings(seed=i)
        head = f"{seed}:{i} ({pop.label}): {t.n_lists} lists, {len(t.counts)} cells, {t.observed:,} observed"
        if row is not None:  # the run the CSV recorded
            per = 1e6 * float(row["cpu_s"]) / (LcmcrSettings().chains * int(row["iterations"]))
            head += (
                f"; in the CSV: {row['status']}, {int(row['iterations']):,} sweeps per chain, "
                f"{row['cpu_s']} CPU s, {per:.0f} µs per chain-sweep, R-hat {row['r_hat']}, "
                f"ESS {row['ess_bulk']}/{row['ess_tail']}"
            )
        elif not args.no_run:
            c0 = time.process_time()
            e = lcmcr(t, st).estimate
            cpu = time.process_time() - c0
            d = e.diagnostics
            sweeps = d["chains"] * d["iterations"]
            head += (
                f"; defaults: {e.status}, {d['iterations']:,} sweeps per chain, {cpu:.2f} CPU s, "
                f"{1e6 * cpu / sweeps:.0f} µs per chain-sweep, R-hat {d['convergence']['r_hat']}, "
                f"ESS {d['convergence']['ess_bulk']}/{d['convergence']['ess_tail']}"
            )
        p = profile_sweep(t, st, i)
        parts = p["moves"] + p["observed"] + p["unobserved"] + p["parameters"]
        print(
            f"{head}; one sweep {p['sweep']:.0f} µs: moves ({st.rounds} rounds) {p['moves']:.0f}, "
            f"classes of the observed {p['observed']:.0f}, unobserved per class {p['unobserved']:.0f}, "
            f"parameters {p['parameters']:.0f} (sum {parts:.0f}); {p['occupied']:.0f} classes above 1e-9; "
            f"load {os.getloadavg()[0]:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
