#!/usr/bin/env python3
"""Does extraction depend on bidi marks in a report's body? Insert U+200F, U+200E and U+202B at word
boundaries of each annotated corpus text and compare ``extract_claims`` with and without them.

In:  annotations/corpus/** and the shared texts (benchmarks/annotations.py). Out: how many texts give
     other claims with the marks (quotes compared without the marks, every span checked to index the
     marked text: ``marked[start:end] == quote``), and which fields moved. Never: prints a text or a
     quote (the corpus is the shared folder's, not the project's), writes anything.

    python benchmarks/bidi_invariance.py                 # every annotated text, both sides
    python benchmarks/bidi_invariance.py --every 3 --json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import annotations as ann
from extract_eval import published_of, title_of

MARKS = ("\u200f", "\u200e", "\u202b")
_WORD_START = re.compile(r"(?<![\w])(?=\w)")


def with_marks(text: str, every: int) -> str:
    """``text`` with a mark (RLM, LRM, RLE in turn) before every ``every``-th word of its body (the
    header block left as it is: its keys are read as a header only when they start a line)."""
    start = ann.body_start(text)
    out, last = [], 0
    for n, m in enumerate(_WORD_START.finditer(text, start)):
        if n % every == 0:
            out += [text[last : m.start()], MARKS[(n // every) % len(MARKS)]]
            last = m.start()
    return "".join(out) + text[last:]


def _strip(s: str) -> str:
    return re.sub(f"[{''.join(MARKS)}]", "", s)


def compare(item: ann.Annotated, every: int) -> dict:
    from tawthiq.extract import extract_claims

    text = item.text
    assert text is not None
    marked = with_marks(text, every)
    plain = [c.contract() for c in extract_claims(text, published_of(item), title=title_of(item))]
    got = extract_claims(marked, published_of(item), title=title_of(item))
    spans_true = all(marked[c.span[0] : c.span[1]] == c.quote for c in got)
    moved = [c.contract() for c in got]
    for c in moved:
        c["quote"] = _strip(c["quote"])
    fields: set[str] = set()
    if len(plain) != len(moved):
        fields.add("number of claims")
    for a, b in zip(plain, moved, strict=False):
        fields |= {k for k in a if k != "span" and a[k] != b[k]}
    return {"text": item.name, "split": item.split, "same": not fields, "fields": sorted(fields),
            "spans_true": spans_true}  # fmt: skip


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=int, default=2, help="a mark before every N-th word (default 2)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    items = [i for i in ann.load() if i.text is not None]
    t0 = time.process_time()
    rows = [compare(i, args.every) for i in items]
    cpu = time.process_time() - t0
    moved = [r for r in rows if not r["same"]]
    bad_spans = [r for r in rows if not r["spans_true"]]
    if args.json:
        report = {"texts": len(rows), "moved": moved, "bad_spans": bad_spans, "cpu_s": round(cpu, 1)}
        print(json.dumps(report))
    else:
        print(f"{len(rows)} texts, a mark before every {args.every} word(s): {len(moved)} give other claims, "
              f"{len(bad_spans)} a span that does not index the marked text ({cpu:.1f} s CPU)")  # fmt: skip
        for r in moved:
            print(f"  {r['text']} ({r['split']}): {', '.join(r['fields'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
