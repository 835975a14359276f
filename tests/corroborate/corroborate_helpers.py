"""Helpers for the corroboration tests: gold claims as SourcedClaims, and the pairwise measure.

Gold claims come from our fixtures (``fixture_gold/`` here, for the texts in
``tests/fixtures/multi``) and, when present, the dev set (``../shared/data/dev/gold``,
located as the repo root's sibling).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import combinations
from pathlib import Path

from tawthiq.entities import Claim, Report, ReportRef, SourcedClaim
from tawthiq.ingest._headers import split_header

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "multi"
DEV = ROOT / ".." / "shared" / "data" / "dev"
GOLD_CLUSTERS = Path(__file__).with_name("gold_clusters.json")


def _claim(d: dict, cid: int) -> Claim:
    d = {k: v for k, v in d.items() if k != "optional"}
    keep = ("name", "lat", "lon", "precision")
    d["places"] = [{k: v for k, v in p.items() if k in keep} for p in d["places"]]
    d["span"] = tuple(d.get("span") or (0, 0))
    return Claim.model_validate({**d, "id": cid})


def load_gold(folder: Path, text_folder: Path, *, start_id: int = 0, outlet_of=None):
    """(names, sourced claims, reports) for every gold file in ``folder``; names are NAME#i."""
    names: list[str] = []
    claims: list[SourcedClaim] = []
    reports: list[Report] = []
    cid = start_id
    for g in sorted(folder.glob("*.json")):
        data = json.loads(g.read_text(encoding="utf-8"))
        raw = (text_folder / f"{g.stem}.txt").read_bytes()
        body, meta = split_header(raw.decode("utf-8"), g.stem)
        sha = hashlib.sha256(raw).hexdigest()
        label = data.get("source") or (outlet_of(g.stem) if outlet_of else g.stem)
        published = date.fromisoformat(data["published"])
        reports.append(
            Report(
                sha256=sha,
                file_name=f"{g.stem}.txt",
                body=body,
                published_at=published,
                title=meta.get("title"),
                source_label=label,
            )
        )
        ref = ReportRef(file=f"{g.stem}.txt", sha256=sha, title=meta.get("title"))
        for i, c in enumerate(data["claims"]):
            if not c.get("span") and c.get("quote"):  # dev gold gives quotes, not spans
                at = body.find(c["quote"])
                c = {**c, "span": [at, at + len(c["quote"])] if at >= 0 else [0, 0]}
            claims.append(
                SourcedClaim(claim=_claim(c, cid), report=ref, published=published, source_label=label)
            )
            names.append(f"{g.stem}#{i}")
            cid += 1
    return names, claims, reports


def load_fixture_gold():
    return load_gold(Path(__file__).with_name("fixture_gold"), FIXTURES)


def load_dev_gold(start_id: int = 0):
    """The dev set's gold claims, or None when ../shared is not beside the repo."""
    if not (DEV / "gold").is_dir():
        return None
    return load_gold(
        DEV / "gold",
        DEV / "reports",
        start_id=start_id,
        outlet_of=lambda stem: stem.split("-")[1] if "-" in stem else stem,
    )


def gold_pairs(names: Iterable[str], clusters: Sequence[Sequence[str]]) -> set[frozenset[str]]:
    present = set(names)
    out: set[frozenset[str]] = set()
    for cl in clusters:
        members = [n for n in cl if n in present]
        out.update(frozenset(p) for p in combinations(members, 2))
    return out


def predicted_pairs(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    out: set[frozenset[str]] = set()
    for g in groups:
        out.update(frozenset(p) for p in combinations(sorted(g), 2))
    return out


def pairwise(pred: set[frozenset[str]], gold: set[frozenset[str]]) -> tuple[float, float, int, int, int]:
    """(precision, recall, true pairs, predicted pairs, gold pairs); empty sets count as 1.0."""
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, tp, len(pred), len(gold)


def gold_clusters() -> list[list[str]]:
    return [c["claims"] for c in json.loads(GOLD_CLUSTERS.read_text(encoding="utf-8"))["clusters"]]


def extracted_like(names: Sequence[str], gold: Sequence[SourcedClaim], reports: Sequence[Report]):
    """Run the extractor on each report and pair its claims with gold claims of that report.

    A predicted claim stands for the gold claim whose span it overlaps most (same event
    family); unmatched predicted claims keep no gold name. Returns (pred names or None,
    predicted SourcedClaims).
    """
    from tawthiq.extract import extract_claims

    by_report: dict[str, list[tuple[str, SourcedClaim]]] = {}
    for n, sc in zip(names, gold, strict=True):
        by_report.setdefault(sc.report.sha256, []).append((n, sc))
    pred_names: list[str | None] = []
    pred: list[SourcedClaim] = []
    cid = 900_000
    for rep in reports:
        golds = by_report.get(rep.sha256, [])
        ref = golds[0][1].report if golds else ReportRef(file=rep.file_name, sha256=rep.sha256)
        taken: set[str] = set()
        for c in extract_claims(rep.body, rep.published_at, title=rep.title):
            best, best_overlap = None, 0
            for n, g in golds:
                if n in taken or g.claim.event_type.split(".")[0] != c.event_type.split(".")[0]:
                    continue
                lo = max(c.span[0], g.claim.span[0])
                hi = min(c.span[1], g.claim.span[1])
                if hi - lo > best_overlap:
                    best, best_overlap = n, hi - lo
            if best:
                taken.add(best)
            cid += 1
            pred_names.append(best)
            pred.append(
                SourcedClaim(
                    claim=c.model_copy(update={"id": cid}),
                    report=ref,
                    published=rep.published_at,
                    source_label=rep.source_label,
                )
            )
    return pred_names, pred
