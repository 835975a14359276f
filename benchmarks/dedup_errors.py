"""The synthetic dedup's errors by class: which true pairs the automatic links miss, and why.

In: the synthetic one-list dedup of ``linkage_bench.py --tasks large`` (``--n`` records, the same
records), with the damage kinds ``_linkage_bench_data._damage`` applied to each duplicate.
Out: on stdout, counts only: P / R / F1 of the automatic links, then per damage kind the true
pairs holding it and how many are missed, the same for pairs with exactly one damage, split by
whether the two ages agree and by the band the missed pair was scored in (not scored, 0.1-0.5,
0.5-0.9, or >= 0.9 and kept apart by the clustering), and the calibration of the scored pairs
(share true by probability band). Never: prints a name (the generator's names are combinations
of real name parts) or a record.

Usage: PYTHONPATH=src .venv/bin/python benchmarks/dedup_errors.py [--n 250000]
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _linkage_bench_data import synthetic_dedup
from linkage_bench import DATA, _pairs_from_clusters

# The blocking rules of ``_link_model._blocking_rules`` that a one-script list without birth
# dates, documents, addresses or places can meet: a pair none of them joins is never scored.
_RULES = (("key",), ("g", "f", "fam"), ("g", "f", "gf"), ("f", "gf", "fam"), ("g", "gf", "fam"),
          ("sk_key",), ("rasm",))  # fmt: skip


def _blocked(fa: dict, fb: dict) -> bool:
    if any(all(fa[c] is not None and fa[c] == fb[c] for c in rule) for rule in _RULES):
        return True
    # given and family where a side lacks the father's or grandfather's name
    parts_missing = any(x[c] is None for x in (fa, fb) for c in ("f", "gf"))
    return (
        parts_missing
        and fa["g"] is not None
        and fa["g"] == fb["g"]
        and fa["fam"] is not None
        and fa["fam"] == fb["fam"]
    )


def _band(p: float | None, blocked: bool = True) -> str:
    if p is None:
        return "scored < floor" if blocked else "never blocked"
    return ">=0.9 kept apart" if p >= 0.9 else "0.5-0.9" if p >= 0.5 else "0.1-0.5"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=250_000)
    args = ap.parse_args(argv)
    damages: dict[tuple[int, int], tuple[str, ...]] = {}
    records, truth = synthetic_dedup(DATA, args.n, damages=damages)
    from tawthiq.people import link_records
    from tawthiq.people._link_features import record_features

    cpu = time.process_time()
    res = link_records(records, dedupe_lists={"L"})
    cpu = time.process_time() - cpu
    list_of = {r.id: r.list_name for r in records}
    age = {r.id: r.age for r in records}
    prob = {(x.a, x.b): x.probability for x in res.pairs}
    auto = _pairs_from_clusters(res.clusters, list_of)
    tp, fp, fn = len(truth & auto), len(auto - truth), len(truth - auto)
    p, r = tp / (tp + fp), tp / (tp + fn)
    cols = ["g", "f", "gf", "fam", "key", "sk_key", "rasm"]
    feats = record_features(records).set_index("unique_id")[cols]
    feats = feats.astype(object).where(feats.notna(), None)

    def row(i: int) -> dict:
        return dict(zip(cols, feats.loc[i].tolist(), strict=True))

    classes, unblocked = collections.Counter(), collections.Counter()
    for pair in truth - auto:
        pr = prob.get(pair)
        blocked = pr is not None or _blocked(row(pair[0]), row(pair[1]))
        classes[_band(pr, blocked)] += 1
        if not blocked:
            unblocked[" + ".join(sorted(set(damages[pair]))) or "none"] += 1
    print(f"{args.n} records, {len(truth)} true pairs, link_records {cpu:.1f} CPU s")
    print(f"automatic links: P {p:.4f} R {r:.4f} F1 {2 * p * r / (p + r):.4f}; missed {fn}, false {fp}")
    print("missed true pairs by class: " + ", ".join(f"{k} {v}" for k, v in classes.most_common()))
    print(
        "never blocked, by damage kinds (the 8 largest): "
        + ", ".join(f"{k} {v}" for k, v in unblocked.most_common(8))
    )
    kinds, missed = collections.Counter(), collections.Counter()
    one, one_missed = collections.Counter(), collections.Counter()
    how = collections.Counter()
    for pair, ks in damages.items():
        lost = pair not in auto
        for k in set(ks) or {"none"}:
            kinds[k] += 1
            missed[k] += lost
        if len(ks) <= 1:
            k = ks[0] if ks else "none"
            one[k] += 1
            one_missed[k] += lost
            if lost:
                ages = "same age" if age[pair[0]] == age[pair[1]] else "ages differ"
                pr = prob.get(pair)
                how[(k, ages, _band(pr, pr is not None or _blocked(row(pair[0]), row(pair[1]))))] += 1
    print("damage kind: true pairs holding it, missed, share missed")
    for k in sorted(kinds, key=lambda k: -missed[k]):
        print(f"  {k:22s} {kinds[k]:8d} {missed[k]:7d} {missed[k] / kinds[k]:.3f}")
    print("pairs with exactly this one damage (none: no damage changed the name)")
    for k in sorted(one, key=lambda k: -one_missed[k]):
        print(f"  {k:22s} {one[k]:8d} {one_missed[k]:7d} {one_missed[k] / one[k]:.3f}")
    print("missed single-damage pairs by ages and band (the 12 largest)")
    for (k, ages, band), v in how.most_common(12):
        print(f"  {k:22s} {ages:12s} {band:18s} {v:7d}")
    print("calibration: scored pairs by probability band, share true by the generator")
    for lo, hi in ((0.1, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)):
        band = [k for k, v in prob.items() if lo <= v < hi]
        if band:
            true = sum(k in truth for k in band) / len(band)
            mean = sum(prob[k] for k in band) / len(band)
            print(
                f"  [{lo:.2f}, {min(hi, 1.0):.2f}) {len(band):8d} pairs, mean p {mean:.3f}, true {true:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
