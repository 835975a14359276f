"""Rebuild ``src/tawthiq/people/data/translit_ar_en.tsv`` from dict_ar_en.csv.

In: ../shared/data/linkage/dict_ar_en.csv (TechForPalestine, public domain: one Arabic
name token -> one Latin spelling per row, several rows per token), or a path given as
the first argument. Out: the TSV the linker ships: folded Arabic token, tab, its Latin
spellings joined by ``|`` (most frequent first, then as first seen).
Never: reads the victim lists.

Usage: .venv/bin/python scripts/build_name_tables.py [DICT_AR_EN_CSV]
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "linkage" / "dict_ar_en.csv"
OUT = ROOT / "src" / "tawthiq" / "people" / "data" / "translit_ar_en.tsv"

HEADER = """# Arabic name token (folded: alef/hamza, ya, ta marbuta, lam-alef order) -> Latin spellings.
# Derived from dict_ar_en.csv of TechForPalestine's "Killed in Gaza" name dictionary,
# public domain (The Unlicense). Rebuild: scripts/build_name_tables.py
"""


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not src.exists():
        print(f"{src}: not found (pass the path to dict_ar_en.csv)", file=sys.stderr)
        return 1
    from tawthiq.people.names import fold_arabic, normalise_arabic

    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    order: dict[str, list[str]] = defaultdict(list)
    with src.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):  # two columns, ar and en; the header row is "-,-"
            if len(row) < 2:
                continue
            ar = fold_arabic(normalise_arabic(row[0]).replace(" ", ""))
            en = " ".join(row[1].lower().split())
            if not ar or not en or not en.replace(" ", "").replace("-", "").isalpha():
                continue
            spellings[ar][en] += 1
            if en not in order[ar]:
                order[ar].append(en)
    lines = []
    for ar in sorted(spellings):
        ranked = sorted(order[ar], key=lambda e: (-spellings[ar][e], order[ar].index(e)))
        lines.append(f"{ar}\t{'|'.join(ranked)}")
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(lines)} tokens from {src.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
