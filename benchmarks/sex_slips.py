"""How often one list writes a person's sex wrong: counts only, never a row or a name.

In: the shared victim lists (../shared/data/linkage, read only). Out: per release and per
threshold, how many strongly gendered given names (at least 100 records with a sex, at least
that share of one sex), how many records they hold, and how many of those are written with the
other sex (a clerk's slip, or rarely a name given to both). Never: prints a name or a record.

Used for ``SEX_SLIP_M`` in scripts/train_link_prior.py (issue 19, session 24).
Run: .venv/bin/python benchmarks/sex_slips.py
"""

from __future__ import annotations

import collections
import csv
import sys
from pathlib import Path

from tawthiq.people.names import normalise_arabic

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "linkage"
RELEASES = (
    "killed_in_gaza_20240413.csv",
    "killed_in_gaza_20240808.csv",
    "killed_in_gaza_20240921_even_ids.csv",
)
MIN_RECORDS = 100


def main() -> int:
    if not DATA.exists():
        print(f"{DATA}: not found", file=sys.stderr)
        return 1
    for release in RELEASES:
        by_name: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        with open(DATA / release, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                sex = (row.get("sex") or "").strip().lower()[:1]
                words = normalise_arabic(row.get("name") or "").split()
                if sex in ("m", "f") and words:
                    by_name[words[0]][sex] += 1
        for threshold in (0.95, 0.99):
            names = held = other = 0
            for counts in by_name.values():
                total = sum(counts.values())
                top = max(counts.values())
                if total >= MIN_RECORDS and top / total >= threshold:
                    names, held, other = names + 1, held + total, other + total - top
            share = other / held if held else float("nan")
            print(f"{release}: threshold {threshold}: {names} given names, {held} records, "
                  f"other sex {other} ({share:.1e})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
