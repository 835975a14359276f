#!/usr/bin/env python3
"""Score `extract_claims` on our annotated corpus, by side of the fixed split, language, genre and conflict.

In:  annotations/corpus/** (benchmarks/annotations.py), the shared texts, ../shared/eval/score_claims.py.
Out: printed tables (or --json) of claim P/R/F1 and every field's accuracy, with the time taken; the
     measure-only figures are the result, the tune figures are what the rules were fitted on.
Never: writes into the project; the gold quotes exist only in a temporary folder.

    python benchmarks/extract_eval.py                       # both sides, both languages
    python benchmarks/extract_eval.py --split measure --lang en --by genre --by conflict
    python benchmarks/extract_eval.py --split tune --lang ar --show-errors   # what to fix (tune only!)
    python benchmarks/extract_eval.py --split tune --lang en --places   # place misses by class (tune only!)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import annotations as ann

SCORER = ann.SHARED / "eval" / "score_claims.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_claims", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def published_of(item: ann.Annotated) -> date | None:
    """The date the annotator gives (header DATE, else what the text or the event fixes); None if none."""
    published = item.annotation.get("published") or ann.header(item.text).get("DATE")
    return date.fromisoformat(published) if published and published != "unknown" else None


def title_of(item: ann.Annotated) -> str | None:
    return ann.title(item.text)


def predict_claims(item: ann.Annotated) -> list:
    """The extractor's ``Claim`` values for one text (the whole file, as `extract FILE` reads it)."""
    from tawthiq.extract import extract_claims

    return extract_claims(item.text, published_of(item), title=title_of(item))


def predict(item: ann.Annotated) -> list[dict]:
    """The extractor's claims for one annotated text, in the CLAIMS.md contract form."""
    return [c.contract() for c in predict_claims(item)]


def score(sc, pairs: list[tuple[list[dict], list[dict]]]) -> dict:
    """Claims P/R/F1 and field accuracies over (predicted, gold) lists, exactly as score_claims.main."""
    tp = fp = fn = 0
    fields: dict[str, list[int]] = {}
    for pred, gold in pairs:
        matches = sc.score_report(pred, gold)
        matched_opt = sum(1 for _, g in matches if g.get("optional"))
        tp += len(matches) - matched_opt
        fp += len(pred) - len(matches)
        fn += sum(1 for g in gold if not g.get("optional")) - (len(matches) - matched_opt)
        for p, g in matches:
            for k, v in sc.field_hits(p, g).items():
                fields.setdefault(k, [0, 0])
                fields[k][0] += v
                fields[k][1] += 1
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "texts": len(pairs),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(prec, 3),
        "recall": round(rec, 3),
        "f1": round(f1, 3),
        "fields": {k: round(a / n, 3) for k, (a, n) in sorted(fields.items())},
    }


_REGION_PRECISIONS = ("governorate", "country")


def place_misses(sc, item: ann.Annotated, pred: list[dict], gold: list[dict]) -> list[dict]:
    """Gold claims lost on place alone (``lost="claim"``: an extracted claim of the same event family
    over the same sentence(s), spans overlapping, would have matched, but the places disagree: no
    shared name, no points within 3 km), and matched claims whose place has no point within 2 km of
    the gold's (``lost="place_2km"``). Each gets a class:

    - ``not-found``: the extracted claim has no place at all;
    - ``region``: the gold place is a region or country (precision governorate/country) that the
      extracted claim does not name;
    - ``no-point``: the extracted claim names a place the gazetteer gave no point, and not the gold's;
    - ``passing``: the extracted place is the place of another gold claim of the text, or is named in
      the text but in none of the gold claims (a place mentioned in passing taken for the event's);
    - ``wrong-resolution``: the name the extracted claim carries is written inside the gold claim's
      span, yet its point is more than 3 km from every gold point (the gazetteer chose another town).
    """
    matches = sc.score_report(pred, gold)
    got = {id(g) for _, g in matches}
    key = sc.norm_name
    spans = [c["span"] for c in item.annotation.get("claims", [])]  # to_gold keeps the order, not the span
    span_of = {id(g): tuple(s) for g, s in zip(gold, spans, strict=True)}
    other_places: dict[int, set[str]] = {}
    for g in gold:
        other_places[id(g)] = {
            key(x.get("name", "")) for o in gold if o is not g for x in o.get("places") or []
        } - {key(x.get("name", "")) for x in g.get("places") or []}

    def classify(p: dict, g: dict) -> str:
        pp, gp = p.get("places") or [], g["places"]
        gs, ge = span_of[id(g)]
        if not pp:
            return "not-found"
        if all(x.get("precision") in _REGION_PRECISIONS for x in gp):
            return "region"
        if all(not sc.coords(x) for x in pp):
            return "no-point"
        if any(key(x.get("name", "")) in other_places[id(g)] for x in pp):
            return "passing"
        if any(x.get("name") and x["name"] in item.text[gs:ge] and sc.coords(x) for x in pp):
            return "wrong-resolution"
        return "passing"

    def row(kind: str, p: dict, g: dict) -> dict:
        return {
            "text": item.name,
            "lost": kind,
            "class": classify(p, g),
            "span": list(span_of[id(g)]),
            "gold": [(x.get("name"), x.get("precision"), sc.coords(x)) for x in g["places"]],
            "predicted": [(x.get("name"), x.get("precision"), sc.coords(x)) for x in p.get("places") or []],
        }

    out = []
    for p, g in matches:  # matched by a shared name, but no point within 2 km of the gold's
        if g.get("places") and not sc.field_hits(p, g).get("place_2km", True):
            out.append(row("place_2km", p, g))
    for g in gold:
        if id(g) in got or g.get("optional") or not g.get("places"):
            continue
        gs, ge = span_of[id(g)]
        near = [
            p
            for p in pred
            if sc.family(p.get("event_type")) == sc.family(g.get("event_type"))
            and not sc.places_agree(p.get("places"), g.get("places"))
            and (p.get("span") or (0, 0))[0] < ge
            and gs < (p.get("span") or (0, 0))[1]
        ]
        if not near:
            continue
        p = max(near, key=lambda c: min(ge, c["span"][1]) - max(gs, c["span"][0]))
        out.append(row("claim", p, g))
    return out


def _conflict(row: str) -> str:
    return row.split("-")[0] if row else "?"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["tune", "measure"])
    ap.add_argument("--lang", choices=["en", "ar"])
    ap.add_argument("--by", action="append", choices=["genre", "conflict"], default=[])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show-errors", action="store_true", help="per-text misses (use on the tune side only)")
    ap.add_argument(
        "--places",
        action="store_true",
        help="gold claims lost on place alone, by class, with predicted and gold places (tune side only)",
    )
    args = ap.parse_args(argv)
    if not ann.CORPUS.exists() or not SCORER.exists():
        print(f"extract_eval: {ann.SHARED} is absent; nothing to score", file=sys.stderr)
        return 0
    sc = _scorer()
    sides = ann.read_split()
    items = ann.load(args.lang, args.split)
    if not items:
        print("extract_eval: no annotations match", file=sys.stderr)
        return 1
    started = time.perf_counter()
    chars = 0
    results: list[tuple[ann.Annotated, list[dict], list[dict]]] = []
    for item in items:
        chars += len(item.text)
        results.append((item, predict(item), ann.to_gold(item)["claims"]))
    elapsed = time.perf_counter() - started
    groups: dict[tuple[str, ...], list] = defaultdict(list)
    for item, pred, gold in results:
        row = sides.get(item.name, {})
        base = (item.split, item.language)
        groups[(*base, "all")].append((pred, gold))
        if "genre" in args.by:
            groups[(*base, "genre=" + row.get("genre", "?"))].append((pred, gold))
        if "conflict" in args.by:
            groups[(*base, "conflict=" + _conflict(row.get("conflict", "")))].append((pred, gold))
    table = {" ".join(k): score(sc, v) for k, v in sorted(groups.items())}
    timing = {
        "texts": len(items),
        "chars": chars,
        "seconds": round(elapsed, 3),
        "texts_per_second": round(len(items) / elapsed, 1) if elapsed else None,
    }
    if args.json:
        print(json.dumps({"scores": table, "timing": timing}, indent=1))
        return 0
    names = sorted({f for r in table.values() for f in r["fields"]})
    heads = " ".join(f"{n[:9]:>9s}" for n in names)
    print(f"{'group':34s} {'n':>3s} {'P':>6s} {'R':>6s} {'F1':>6s}  {heads}")
    for key, r in table.items():
        cells = " ".join(f"{r['fields'].get(n, float('nan')):9.3f}" for n in names)
        print(f"{key:34s} {r['texts']:3d} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}  {cells}")
    print(
        f"{timing['texts']} texts, {chars:,} characters in {elapsed:.2f} s "
        f"({timing['texts_per_second']} texts/s, extraction in-process, one core)"
    )
    if args.places:
        misses = [m for item, pred, gold in results for m in place_misses(sc, item, pred, gold)]
        by_class: dict[str, int] = defaultdict(int)
        for m in misses:
            by_class[m["lost"] + ":" + m["class"]] += 1
        print(
            f"place misses (claim: lost on place alone; place_2km: matched, point off): {len(misses)}  "
            + "  ".join(f"{k} {v}" for k, v in sorted(by_class.items()))
        )
        for m in sorted(misses, key=lambda m: (m["lost"], m["class"], m["text"])):
            where = f"{m['text']} span={m['span']}"
            print(f"PLACE {m['lost']}:{m['class']:16s} {where} gold={m['gold']} predicted={m['predicted']}")
    if args.show_errors:
        for item, pred, gold in results:
            matches = sc.score_report(pred, gold)
            got = {id(g) for _, g in matches}
            used = {id(p) for p, _ in matches}
            for g in gold:
                if id(g) not in got and not g.get("optional"):
                    print(
                        f"MISS {item.name} {g['event_type']} span={g.get('span')} "
                        f"fat={g.get('fatalities')} attr={g.get('attributed_to')!r}"
                    )
            for p in pred:
                if id(p) not in used:
                    fat = p.get("fatalities")
                    print(f"FP   {item.name} {p['event_type']} span={p.get('span')} fat={fat}")
            for p, g in matches:
                bad = [k for k, v in sc.field_hits(p, g).items() if not v]
                if bad:
                    print(f"FIELD {item.name} span={g.get('span')} wrong: {', '.join(bad)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
