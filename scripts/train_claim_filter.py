#!/usr/bin/env python3
"""Train the claim filter (``src/tawthiq/extract/_filter.py``) on the tune side of our annotations.

In: ``annotations/corpus/en/*.json`` on the ``tune`` side of ``annotations/split.tsv`` (our own
annotations: character spans into the shared texts of ``../shared/data/corpus/en``, which are read,
never copied), and the rule candidates ``tawthiq.extract._claims.rule_claims`` gives for each text.
Out: ``src/tawthiq/extract/data/claim_filter.json`` (weights of a scikit-learn logistic regression
over ``claim_features``, its intercept, and the threshold), or with ``--check`` only the scores.
Never: reads the ``measure`` side (its texts and annotations stay unseen), or writes article text:
the shipped weights are words and word pairs with a number each.

Labels: a candidate is positive when its span overlaps a gold claim's span (required or optional:
a prediction matched to an optional gold claim is no error). The threshold is chosen by 5-fold
cross-validation grouped by text, maximising the claim F1 over the tune texts that the kept
candidates would give (gold claims no candidate overlaps count as misses either way).

usage: python scripts/train_claim_filter.py [--check] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

OUT = ROOT / "src" / "tawthiq" / "extract" / "data" / "claim_filter.json"
C = 2.0  # L2 strength: a few hundred candidates, thousands of word features


def candidates() -> tuple[list[list[str]], list[int], list[int], int]:
    """Features, labels and text index of every rule candidate on the tune side, and the number of
    required gold claims no candidate overlaps."""
    import annotations as ann
    import extract_eval as ev

    from tawthiq.extract._claims import rule_claims
    from tawthiq.extract._filter import claim_features

    X: list[list[str]] = []
    y: list[int] = []
    groups: list[int] = []
    unreached = 0
    items = [it for it in ann.load("en", "tune") if it.text]
    if not items:
        raise SystemExit("no tune-side texts: ../shared/data/corpus is needed to train the claim filter")
    for k, item in enumerate(items):
        published = ev.published_of(item)
        claims = rule_claims(item.text, published if isinstance(published, date) else None, ev.title_of(item))
        gold = [tuple(c["span"]) for c in item.annotation.get("claims", [])]
        required = [tuple(c["span"]) for c in item.annotation.get("claims", []) if not c.get("optional")]
        for c in claims:
            s, e = c.span
            X.append(claim_features(c, len(item.text)))
            y.append(int(any(s < ge and gs < e for gs, ge in gold)))
            groups.append(k)
        unreached += sum(
            1 for gs, ge in required if not any(c.span[0] < ge and gs < c.span[1] for c in claims)
        )
    return X, y, groups, unreached


def _f1(probs: list[float], y: list[int], threshold: float, unreached: int) -> float:
    tp = sum(1 for p, t in zip(probs, y, strict=True) if p >= threshold and t)
    fp = sum(1 for p, t in zip(probs, y, strict=True) if p >= threshold and not t)
    fn = sum(1 for p, t in zip(probs, y, strict=True) if p < threshold and t) + unreached
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def train(X: list[list[str]], y: list[int], groups: list[int], unreached: int) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    def fit(rows, labels):
        vec = DictVectorizer()
        model = LogisticRegression(C=C, max_iter=2000)
        model.fit(vec.fit_transform([dict.fromkeys(r, 1) for r in rows]), labels)
        return vec, model

    probs = [0.0] * len(y)
    for train_ix, test_ix in GroupKFold(n_splits=5).split(X, y, groups):
        vec, model = fit([X[i] for i in train_ix], [y[i] for i in train_ix])
        p = model.predict_proba(vec.transform([dict.fromkeys(X[i], 1) for i in test_ix]))[:, 1]
        for i, pi in zip(test_ix, p, strict=True):
            probs[i] = float(pi)
    grid = [round(0.05 * k, 2) for k in range(0, 13)]
    scores = {t: _f1(probs, y, t, unreached) for t in grid}
    threshold = max(grid, key=lambda t: (round(scores[t], 4), -t))  # ties: keep more
    vec, model = fit(X, y)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.feature_names_, model.coef_[0], strict=True)
        if abs(w) >= 1e-3
    }
    return {
        "about": "logistic regression over tawthiq.extract._filter.claim_features; trained by "
        "scripts/train_claim_filter.py on the tune side of annotations/corpus/en (our annotations, "
        "spans into ../shared/data/corpus/en)",
        "candidates": len(y),
        "positives": sum(y),
        "cv_f1_by_threshold": {str(t): round(scores[t], 4) for t in grid},
        "threshold": threshold,
        "intercept": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="print the cross-validated scores, write nothing")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    params = train(*candidates())
    print(
        f"{params['candidates']} candidates, {params['positives']} positive; "
        f"threshold {params['threshold']}; "
        f"cross-validated F1 {params['cv_f1_by_threshold']}",
        file=sys.stderr,
    )
    if not args.check:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(params, indent=0, ensure_ascii=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
