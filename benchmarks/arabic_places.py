#!/usr/bin/env python3
"""How the gazetteer resolves the Arabic place names of our annotations, and their spelling variants.

In:  annotations/corpus/ar/*.json (the gold places' names as written and their coordinates), the
     shipped gazetteer. Out: printed counts per side of the split: gold names the gazetteer finds
     within 2 km of the annotator's point, finds elsewhere, finds where gold has no point, or lacks;
     and for every name found, whether each spelling variant (with/without ال, ة/ه, ى/ي, hamza forms,
     diacritics, tatweel) resolves to the same place. Never: writes anything; needs no shared text.

    python benchmarks/arabic_places.py                 # both sides, aggregate
    python benchmarks/arabic_places.py --split tune -v # every tune name and what it resolved to
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import annotations as ann

from tawthiq.gazetteer import load_gazetteer


def variants(name: str) -> list[str]:
    """Spellings of one name a report may use: with and without ال, ة/ه, ى/ي, hamza on alef,
    a diacritic and tatweel."""
    out = {name}
    words = name.split()
    if words and words[-1].startswith("ال"):
        out.add(" ".join([*words[:-1], words[-1][2:]]))
    elif words and len(words) == 1:
        out.add("ال" + name)
    out.add(name.replace("ة", "ه"))
    out.add(name.replace("ى", "ي"))
    out.add(name.replace("ي ", "ى ") if name.endswith("ي") is False else name[:-1] + "ى")
    for a, b in (("إ", "ا"), ("أ", "ا"), ("ا", "أ")):
        if a in name:
            out.add(name.replace(a, b, 1))
    mid = len(name) // 2
    if "\u0600" <= name[mid] <= "\u06ff" and name[mid] != " ":
        out.add(name[: mid + 1] + "\u0651" + name[mid + 1 :])  # shadda
        out.add(name[: mid + 1] + "\u0640\u0640" + name[mid + 1 :])  # tatweel
    return sorted(out)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["tune", "measure"], default=None)
    ap.add_argument("-v", "--verbose", action="store_true", help="every name (use on the tune side only)")
    args = ap.parse_args(argv)
    g = load_gazetteer()
    for side in [args.split] if args.split else ["tune", "measure"]:
        names: dict[str, tuple[float, float] | None] = {}
        for item in ann.load("ar", side):
            for claim in item.annotation["claims"]:
                for p in claim["places"]:
                    if "\u0600" <= p["name"][:1] <= "\u06ff":
                        pt = (p["lat"], p["lon"]) if p.get("lat") is not None else None
                        names.setdefault(p["name"], pt)
        counts = dict.fromkeys(["within_2km", "elsewhere", "found_gold_has_no_point", "not_found"], 0)
        var_total = var_same = 0
        for name, pt in sorted(names.items()):
            hits = g.lookup(name)
            top = hits[0] if hits else None
            if top is None:
                verdict = "not_found"
            elif pt is None or top.lat is None:
                verdict = "found_gold_has_no_point"
            else:
                verdict = "within_2km" if km(pt, (top.lat, top.lon)) <= 2 else "elsewhere"
            counts[verdict] += 1
            bad = []
            if top is not None:
                for v in variants(name):
                    var_total += 1
                    vh = g.lookup(v)
                    if vh and vh[0].id == top.id:
                        var_same += 1
                    else:
                        bad.append(v)
            if args.verbose:
                print(
                    f"  {verdict:24} {name} -> {top.id if top else '-'} {top.name_en if top else ''}"
                    + (f"  variants lost: {bad}" if bad else "")
                )
        print(
            f"{side}: {len(names)} distinct Arabic gold place names; "
            + ", ".join(f"{k} {v}" for k, v in counts.items())
            + f"; spelling variants resolving to the same place {var_same}/{var_total}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
