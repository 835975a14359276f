#!/usr/bin/env python3
"""Our annotations of ../shared/data/corpus: load, check, and turn into the scorer's gold files.

In:  annotations/corpus/{en,ar}/NAME.json (facts with character spans into the shared text, never the
     text itself), annotations/split.tsv (tune vs measure), the shared texts when present.
Out: gold files in the form ../shared/eval/score_claims.py reads, written to a folder outside the
     project (the quote is cut from the shared text at run time), or a list of problems.
Never: copies article text into the project; the quote exists only in the temporary gold folder.

Command line (from the project root):
    python benchmarks/annotations.py span en/001-x.txt "quoted words"     # -> [start, end]
    python benchmarks/annotations.py new en/001-x.txt [--annotator A1]       # a skeleton: sha256, published
    python benchmarks/annotations.py resolve NAME.json [...]                # each claim's "quote" -> "span"
    python benchmarks/annotations.py check [NAME.json ...]                 # every annotation by default
    python benchmarks/annotations.py gold OUTDIR [--lang en] [--split measure]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "annotations" / "corpus"
AGREEMENT = ROOT / "annotations" / "agreement"
SPLIT = ROOT / "annotations" / "split.tsv"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "data" / "corpus"

KINDS = {"incident", "tally", "status"}
EVENT_TYPES = {
    "attack.air_strike",
    "attack.shelling",
    "attack.chemical",
    "attack.ground",
    "attack.medical",
    "killing.execution",
    "detention.arbitrary",
    "disappearance.enforced",
    "displacement.forced",
    "siege.blockade",
    "evacuation",
    "humanitarian.access_denied",
    "territory.change",
    "armed.clash",
    "other",
}
QUALIFIERS = {"exact", "about", "at_least", "more_than", "up_to", "vague"}
PLACE_PRECISIONS = {"exact", "neighbourhood", "town", "district", "governorate", "country"}
TIME_PRECISIONS = {"day", "days", "week", "month", "year", "unknown"}
CERTAINTIES = {"confirmed", "reported", "unconfirmed", "denied"}
CLAIM_KEYS = {
    "kind",
    "event_type",
    "span",
    "places",
    "time",
    "fatalities",
    "injured",
    "victims",
    "perpetrators",
    "attributed_to",
    "attributed_to_alt",
    "certainty",
    "optional",
    "incident",
    "note",
}


@dataclass(frozen=True)
class Annotated:
    """One annotated text: its corpus path (``en/001-x.txt``), the annotation, and the text when present."""

    name: str
    path: Path
    annotation: dict
    text: str | None
    split: str
    language: str


def read_split() -> dict[str, dict[str, str]]:
    lines = [ln for ln in SPLIT.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return {row["file"]: row for row in csv.DictReader(lines, delimiter="\t")}


def shared_text(name: str) -> str | None:
    path = CORPUS / name
    return path.read_text(encoding="utf-8") if path.exists() else None


def body_start(text: str) -> int:
    """Offset just after the header block (the first blank line) of a corpus text."""
    cut = text.find("\n\n")
    return cut + 2 if cut >= 0 else 0


def load(lang: str | None = None, split: str | None = None, folder: Path = ANNOTATIONS) -> list[Annotated]:
    """Every annotation in ``folder`` (the corpus annotations by default; ``AGREEMENT / "EN1"`` for one
    annotator's second annotations), optionally of one language and one side of the split, in file order."""
    sides = read_split()
    out = []
    for path in sorted(folder.glob("**/*.json")):
        ann = json.loads(path.read_text(encoding="utf-8"))
        name = ann["text"]
        row = sides.get(name, {})
        item = Annotated(name, path, ann, shared_text(name), row.get("split", "?"), row.get("language", "?"))
        if (lang is None or item.language == lang) and (split is None or item.split == split):
            out.append(item)
    return out


def problems(item: Annotated) -> list[str]:
    """Everything wrong with one annotation, each naming the file, claim index and field."""
    ann, where = item.annotation, item.path.relative_to(ROOT)
    errs: list[str] = []
    if item.text is None:
        return [f"{where}: text {item.name!r} not found under {CORPUS}"]
    digest = hashlib.sha256(item.text.encode("utf-8")).hexdigest()
    if ann.get("sha256") != digest:
        errs.append(f"{where}: field 'sha256': the shared text changed (now {digest[:12]}…): re-check spans")
    if ann.get("annotator") in (None, "", "?"):
        errs.append(f"{where}: field 'annotator': missing (give --annotator to 'new')")
    if not isinstance(ann.get("published"), (str, type(None))):
        errs.append(f"{where}: field 'published': not YYYY-MM-DD or null")
    for i, c in enumerate(ann.get("claims", [])):
        at = f"{where}: claim {i}"
        for key in set(c) - CLAIM_KEYS:
            errs.append(f"{at}: unknown field {key!r}")
        if "quote" in c:
            errs.append(f"{at}: field 'quote': no article text in the project; give 'span' only")
        span = c.get("span")
        if not (isinstance(span, list) and len(span) == 2 and 0 <= span[0] < span[1] <= len(item.text)):
            errs.append(f"{at}: field 'span': {span!r} is not [start, end] inside the text")
        if c.get("kind") not in KINDS:
            errs.append(f"{at}: field 'kind': {c.get('kind')!r}")
        if c.get("event_type") not in EVENT_TYPES:
            errs.append(f"{at}: field 'event_type': {c.get('event_type')!r}")
        if c.get("certainty") not in CERTAINTIES:
            errs.append(f"{at}: field 'certainty': {c.get('certainty')!r}")
        for field in ("fatalities", "injured"):
            n = c.get(field)
            if n is not None and (not isinstance(n, dict) or n.get("qualifier") not in QUALIFIERS):
                errs.append(f"{at}: field {field!r}: {n!r} needs low, high and a known qualifier")
        for p in c.get("places") or []:
            if p.get("precision") not in PLACE_PRECISIONS or not p.get("name"):
                errs.append(f"{at}: field 'places': {p!r}")
        t = c.get("time")
        if t is not None and t.get("precision") not in TIME_PRECISIONS:
            errs.append(f"{at}: field 'time': {t!r}")
    return errs


def to_gold(item: Annotated) -> dict:
    """The scorer's gold form: the annotation with each quote cut from the shared text by its span."""
    claims = []
    for c in item.annotation.get("claims", []):
        g = {k: v for k, v in c.items() if k not in {"span", "note"}}
        s, e = c["span"]
        g["quote"] = item.text[s:e] if item.text else ""
        claims.append(g)
    return {"published": item.annotation.get("published"), "claims": claims}


def write_gold(out: Path, items: list[Annotated]) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for item in items:
        (out / (Path(item.name).stem + ".json")).write_text(
            json.dumps(to_gold(item), ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return len(items)


def find_span(name: str, quote: str, nth: int = 0) -> list[int]:
    text = shared_text(name)
    if text is None:
        raise SystemExit(f"{name}: not found under {CORPUS}")
    start = -1
    for _ in range(nth + 1):
        start = text.find(quote, start + 1)
        if start < 0:
            raise SystemExit(f"{name}: quote not found (occurrence {nth})")
    return [start, start + len(quote)]


def header(text: str) -> dict[str, str]:
    """The corpus text's header block (``KEY: value`` lines before the first blank line)."""
    out = {}
    for line in text[: body_start(text)].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().isupper():
            out[key.strip()] = value.strip()
    return out


def title(text: str) -> str | None:
    """The title the extractor is given, as ``tawthiq extract FILE`` and ingest give it: the
    header's TITLE, else the body's first non-empty line when it is short enough for a headline
    (``ingest.first_line_title``: at most 300 characters)."""
    from tawthiq.ingest import first_line_title

    return header(text).get("TITLE") or first_line_title(text[body_start(text) :])


def skeleton(name: str, annotator: str) -> dict:
    text = shared_text(name)
    if text is None:
        raise SystemExit(f"{name}: not found under {CORPUS}")
    date = header(text).get("DATE", "unknown")
    known = date != "unknown"
    return {
        "text": name,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "published": date if known else None,
        "published_from": "header" if known else None,
        "annotator": annotator,
        "claims": [],
    }


def resolve(path: Path) -> list[str]:
    """Replace each claim's working ``quote`` (and optional ``nth``) by its ``span``; the quote is
    never kept in the project. Returns the problems (a quote not found), leaving the file as it was."""
    ann = json.loads(path.read_text(encoding="utf-8"))
    errs = []
    for i, c in enumerate(ann.get("claims", [])):
        if "quote" not in c:
            continue
        try:
            c["span"] = find_span(ann["text"], c["quote"], int(c.get("nth", 0)))
        except SystemExit as exc:
            errs.append(f"{path}: claim {i}: field 'quote': {exc}")
            continue
        del c["quote"]
        c.pop("nth", None)
    if not errs:
        path.write_text(json.dumps(ann, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return errs


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("span")
    sp.add_argument("name")
    sp.add_argument("quote")
    sp.add_argument("--nth", type=int, default=0)
    nw = sub.add_parser("new")
    nw.add_argument("name")
    nw.add_argument("--annotator", default="?")
    rs = sub.add_parser("resolve")
    rs.add_argument("files", nargs="+", type=Path)
    ck = sub.add_parser("check")
    ck.add_argument("files", nargs="*")
    gd = sub.add_parser("gold")
    gd.add_argument("out", type=Path)
    gd.add_argument("--lang")
    gd.add_argument("--split")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"annotations: {CORPUS} is absent; nothing to do", file=sys.stderr)
        return 0
    if args.cmd == "span":
        print(json.dumps(find_span(args.name, args.quote, args.nth)))
        return 0
    if args.cmd == "new":
        print(json.dumps(skeleton(args.name, args.annotator), ensure_ascii=False, indent=1))
        return 0
    if args.cmd == "resolve":
        errs = [e for f in args.files for e in resolve(f)]
        print("\n".join(errs) if errs else f"{len(args.files)} files resolved")
        return 1 if errs else 0
    if args.cmd == "check":
        items = load() + load(folder=AGREEMENT)
        if args.files:
            wanted = {Path(f).resolve() for f in args.files}
            items = [i for i in items if i.path.resolve() in wanted]
        errs = [e for i in items for e in problems(i)]
        print("\n".join(errs) if errs else f"{len(items)} annotations, no problems")
        return 1 if errs else 0
    n = write_gold(args.out, load(args.lang, args.split))
    print(f"{n} gold files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
