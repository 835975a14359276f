"""Namesakes in the real lists against the synthetic dedup's generator: are name parts independent?

In: the real releases in ../shared/data/linkage (read only; distinct people by their 9-digit id)
and the synthetic dedup's generator (``_linkage_bench_data.synthetic_dedup``: the first record
of each synthetic person only, so the generator's duplicates do not count as namesakes).
Out: on stdout, counts and rates only: per source and per key (name parts that agree), the
chance that two distinct people picked at random share the key, that chance if the parts were
drawn independently from the same source's marginal frequencies, their ratio and the others
sharing it per person in that list (strangers' keys grow with the list, at the chance times the
size; siblings' do not); the chance that two people's ages agree; and the share of names whose
given name repeats the grandfather's (the Arab custom of naming a first son after his paternal
grandfather).
Never: prints a name, a name part or a row.

Usage: PYTHONPATH=src .venv/bin/python benchmarks/name_collisions.py [--synthetic-n 100000]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _linkage_bench_data import gaza_records, synthetic_dedup
from linkage_bench import DATA, PAIRINGS

from tawthiq.people._link_features import record_features

KEYS = {
    "given+father+family": ("g", "f", "fam"),
    "all four parts": ("g", "f", "gf", "fam"),
    "father+grandfather+family": ("f", "gf", "fam"),
    "father+family": ("f", "fam"),
    "given+family": ("g", "fam"),
}


def _share(counts: pd.Series) -> float:
    """The chance that two distinct rows picked at random fall in one group."""
    n = counts.sum()
    return float((counts * (counts - 1)).sum() / (n * (n - 1)))


def _rates(features: pd.DataFrame) -> dict[str, tuple[float, float]]:
    f = features.dropna(subset=["g", "f", "gf", "fam"])
    marg = {c: _share(f[c].value_counts()) for c in ("g", "f", "gf", "fam")}
    out = {}
    for name, cols in KEYS.items():
        real = _share(f.groupby(list(cols)).size())
        indep = 1.0
        for c in cols:
            indep *= marg[c]
        out[name] = (real, indep)
    out["_n"] = (float(len(f)), 0.0)
    out["_g_is_gf"] = (float((f["g"] == f["gf"]).mean()), 0.0)
    ages = f["age"].dropna().astype(int).value_counts()
    m = float(ages.sum())
    same = _share(ages)
    # ordered pairs one year apart, over all ordered pairs of distinct people
    apart = sum(int(c) * int(ages.get(a + 1, 0) + ages.get(a - 1, 0)) for a, c in ages.items()) / (
        m * (m - 1)
    )
    out["_age"] = (same, same + apart)
    return out


def _print(label: str, rates: dict[str, tuple[float, float]]) -> None:
    n = int(rates["_n"][0])
    same, near = rates["_age"]
    print(f"{label}: {n} people with four name parts; given name = grandfather's {rates['_g_is_gf'][0]:.4f}")
    print(f"  two people at random: same age {same:.4f}, ages within a year {near:.4f}")
    head = f"  {'key':28s} {'P(share)':>10s} {'independent':>11s} {'ratio':>6s}"
    print(f"{head} {'per person here':>15s}")
    for name in KEYS:
        real, indep = rates[name]
        print(f"  {name:28s} {real:10.2e} {indep:11.2e} {real / indep:6.2f} {real * (n - 1):15.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synthetic-n", type=int, default=100_000)
    args = ap.parse_args(argv)
    for fname in sorted({f for pair in PAIRINGS.values() for f in pair}):
        records, _ = gaza_records(DATA, fname, fname)
        records = [r for r in records if r.list_name == "A"]
        # one row per person: a release lists a person once, by id (duplicates there are few)
        _print(f"real {fname}", _rates(record_features(records)))
    records, truth = synthetic_dedup(DATA, args.synthetic_n)
    second = {b for _, b in truth}
    firsts = [r for r in records if r.id not in second]
    _print(f"synthetic, first records of {args.synthetic_n}", _rates(record_features(firsts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
