#!/usr/bin/env python3
"""Train the claim filter (``src/tawthiq/extract/_filter.py``) on the tune side of our annotations.

In: ``annotations/corpus/en/*.json`` on the ``tune`` side of ``annotations/split.tsv`` (our own
annotations: character spans into the shared texts of ``../shared/data/corpus/en``, which are read,
never copied), and the rule candidates ``tawthiq.extract._claims.rule_claims`` gives for each text.
Out: ``src/tawthiq/extract/data/claim_filter.json`` (weights of a scikit-learn logistic regression
over ``claim_features``, its intercept, and the threshold), or with ``--check`` only the scores.
Never: reads the ``measure`` side (its texts and annotations stay unseen), or writes article text:
the shipped weights are words and word pairs with a number each.

Labels: a candidate is positive when the shared scorer (``../shared/eval/score_claims.py``) pairs it
with a gold claim, required or optional, among all of its text's candidates (the scorer pairs by
event family and place, not by span). The threshold is chosen by 5-fold cross-validation grouped by
text, maximising the scorer's claim F1 over the tune texts when only the kept candidates are
predicted.

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


def candidates() -> tuple[list[list[str]], list[int], list[int], list[tuple[list[dict], list[dict]]]]:
    """Features, labels and text index of every rule candidate on the tune side, and per text the
    candidates' contract forms with that text's gold claims (to score a threshold as the scorer does).

    A candidate is positive when ``score_claims.score_report`` pairs it with a gold claim (required or
    optional) among all the text's candidates: the scorer matches by event family and place, not by
    span, so a candidate overlapping a gold span may still be an error and one elsewhere a hit."""
    import annotations as ann
    import extract_eval as ev

    from tawthiq.extract._claims import rule_claims
    from tawthiq.extract._filter import claim_features

    sc = ev._scorer()
    X: list[list[str]] = []
    y: list[int] = []
    groups: list[int] = []
    texts: list[tuple[list[dict], list[dict]]] = []
    items = [it for it in ann.load("en", "tune") if it.text]
    if not items:
        raise SystemExit("no tune-side texts: ../shared/data/corpus is needed to train the claim filter")
    for k, item in enumerate(items):
        published = ev.published_of(item)
        claims = rule_claims(item.text, published if isinstance(published, date) else None, ev.title_of(item))
        pred = [c.contract() for c in claims]
        gold = ann.to_gold(item)["claims"]
        matched = {id(p) for p, _ in sc.score_report(pred, gold)}
        for c, p in zip(claims, pred, strict=True):
            X.append(claim_features(c, len(item.text)))
            y.append(int(id(p) in matched))
            groups.append(k)
        texts.append((pred, gold))
    return X, y, groups, texts


def _f1(
    probs: list[float], groups: list[int], texts: list[tuple[list[dict], list[dict]]], threshold: float
) -> float:
    """The claim F1 over the tune texts, by the shared scorer, when only candidates scoring at least
    ``threshold`` are kept (``probs`` and ``groups`` in the candidates' order, text by text)."""
    import extract_eval as ev

    sc = ev._scorer()
    pairs: list[tuple[list[dict], list[dict]]] = []
    i = 0
    for k, (pred, gold) in enumerate(texts):
        kept = []
        for p in pred:
            assert groups[i] == k
            if probs[i] >= threshold:
                kept.append(p)
            i += 1
        pairs.append((kept, gold))
    return ev.score(sc, pairs)["f1"]


def train(
    X: list[list[str]], y: list[int], groups: list[int], texts: list[tuple[list[dict], list[dict]]]
) -> dict:
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
    scores = {t: _f1(probs, groups, texts, t) for t in grid}
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
