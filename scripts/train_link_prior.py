"""Train the prior model shipped for small lists: people/data/link_prior.json.

In: the shared victim lists (../shared/data/linkage: the August and September releases),
only the people of the cross-validation *tune* fold (benchmarks/_linkage_bench_data.py's
``person_fold``), so the benchmark's measure fold stays unseen; half of the September
records by their Latin name only (the lists' ``en_name``), so the cross-script levels are
trained on Arabic-against-Latin pairs.
Out: people/data/link_prior.json: per comparison, each level's label, m and u, with a
version and what it was trained on. No name, no record: probabilities only.
Never: writes anything else; prints no name.

The model is Tawthiq's own training (u by random sampling, m by EM, the partial-name cap)
run on the two releases as two lists, exactly as ``link_records`` trains a large input.

Usage: .venv/bin/python scripts/train_link_prior.py [--data ../shared/data/linkage] [--version V]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

PAIRING = ("killed_in_gaza_20240808.csv", "killed_in_gaza_20240921_even_ids.csv")


MONOTONE = ("age", "birth_date")
"""Comparisons whose levels go from strict to loose: a stricter level never weighs less."""


def _monotone(levels: list[dict]) -> None:
    """Make the Bayes factors of the levels before "else" non-increasing (edits u, keeps m).

    Between the August and September releases many ages grew by a year, so "the same age"
    came out weaker evidence than "within one year": true of that pairing, not of two lists
    a user brings. The prior keeps the ordering every list agrees on.
    """
    best = 0.0
    for lv in reversed(levels[:-1]):
        bf = lv["m"] / lv["u"]
        if bf < best:
            lv["u"] = lv["m"] / best
        best = max(best, bf)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "linkage")
    ap.add_argument("--version", default=date.today().isoformat())
    args = ap.parse_args(argv)

    from _linkage_bench_data import gaza_records

    from tawthiq.people import link_records
    from tawthiq.people._link_prior import PRIOR_FILE, prior_from_model

    records, _ = gaza_records(args.data, *PAIRING, fold="tune")  # the id is never used here
    # Half of the second list by its Latin transliteration only, so that EM and random
    # sampling see Arabic-against-Latin pairs too (the small lists issue 19 names mix scripts).
    records = [
        r.model_copy(update={"name_ar": None}) if r.list_name == "B" and r.id % 2 and r.name_latin else r
        for r in records
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.json"
        os.environ["TAWTHIQ_LINK_DEBUG_MODEL"] = str(path)
        link_records(records)
        model = json.loads(path.read_text("utf-8"))
    comparisons = prior_from_model(model)
    for name in MONOTONE:
        _monotone(comparisons.get(name, []))
    out = {
        "format": 1,
        "version": args.version,
        "trained_on": f"{PAIRING[0]} -> {PAIRING[1]}, tune fold, {len(records)} records, "
        "half of the second list by its Latin name only",
        "comparisons": comparisons,
    }
    target = ROOT / "src" / "tawthiq" / "people" / "data" / PRIOR_FILE
    target.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"{target}: {sum(len(v) for v in out['comparisons'].values())} levels")
    return 0


if __name__ == "__main__":
    sys.exit(main())
