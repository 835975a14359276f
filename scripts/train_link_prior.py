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


M_FLOOR = 1e-3
"""No level's m below this: a field's disagreement is never more than a clerk's slip.

m of a level is the share of one person's pairs of records that fall in it; of the "else"
level of sex, the share whose sex is written differently. EM on the tune fold drove that
one to 1.3e-19 (its pairs with the same whole name hold almost no such slip, and EM's
fixed point then sends m to zero): a sex disagreement weighed -62 bits, a veto over any
name, age and birth date. The real lists say otherwise: between two releases of one
register, 4 of the 15,300 same-id pairs of the tune folds (April -> August 0 of 6,786,
August -> September 3 of 5,281, April -> September 1 of 3,233) write sex differently:
2.6e-4, 6.0e-4 at the upper end of its 95% interval (Poisson, 4 events). The lists a small
input brings are compiled apart (an NGO's list against a hospital's, one of them
transliterated), so each clerk's slips add up, where releases of one register share theirs:
the floor is 1e-3, above that bound. A sex disagreement then weighs log2(1e-3 / 0.47) = -8.9
bits, about what version 1 gave it (-10.2). On version 2's training only that level is below
the floor (every other m is at least 1.9e-3).
"""


SEX_SLIP_M = 8e-3
"""m of the sex comparison's "else" level: two lists compiled apart write one person's sex
differently about this often (version 3, 8 December 2026, session 24).

The 1e-3 floor above came from two releases of *one* register, which copy each record's
sex from one entry and so share its slips. How often one list's clerk writes sex wrong is
measured within each release (``benchmarks/sex_slips.py``, counts only): among the records
of strongly gendered given names (at least 100 records, at least 99% of one sex), the share
written with the other sex is 4.0e-3 in April (12 of 2,977), 4.3e-3 in August (31 of 7,263)
and 3.5e-3 in September (12 of 3,453); at a 95% threshold 4.2e-3 to 5.1e-3 (a few of those
may be true: a name rarely given to both). Two lists compiled apart each slip at that rate,
so one person's two records disagree on sex about twice as often: 8e-3. A sex disagreement
then weighs log2(8e-3 / 0.47) = -5.9 bits instead of -8.9, and two records whose
whole name and age agree but not their sex score 0.86 (review) instead of 0.44 (below the
review threshold, and small inputs have no review budget: the pair was never shown).
"""

FLOORS = {"sex": SEX_SLIP_M}
"""A comparison's own floor for its levels' m, where the lists measure one (else :data:`M_FLOOR`)."""


def _floor(levels: list[dict], floor: float = M_FLOOR) -> None:
    """Raise every m below ``floor`` to it, the comparison's other levels scaled down so
    that its m still sum to what they did (u kept)."""
    low = [lv for lv in levels if lv["m"] < floor]
    if not low:
        return
    rest = [lv for lv in levels if lv["m"] >= floor]
    total = sum(lv["m"] for lv in levels)
    scale = (total - floor * len(low)) / sum(lv["m"] for lv in rest)
    for lv in low:
        lv["m"] = floor
    for lv in rest:
        lv["m"] *= scale


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
    for name, levels in comparisons.items():
        _floor(levels, FLOORS.get(name, M_FLOOR))
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
