"""The claim filter's training (scripts/train_claim_filter.py) runs from the shipped annotations.

The filter is measured, not assumed: its parameters ship only when they raise the measure-side
aggregate (docs/extraction.md). This test retrains it from annotations/corpus/en (tune side) and the
shared texts, and checks the scorer it uses and the run-time scoring agree.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED_CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "en"
SCORER = ROOT.parent / "shared" / "eval" / "score_claims.py"


def _script():
    spec = importlib.util.spec_from_file_location(
        "train_claim_filter", ROOT / "scripts" / "train_claim_filter.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval/score_claims.py is absent: no scorer")
def test_threshold_is_scored_by_the_shared_scorer_not_by_span_overlap():
    mod = _script()
    aleppo = [{"name": "Aleppo", "lat": 36.2, "lon": 37.15}]
    gold = [{"event_type": "attack.air_strike", "kind": "incident", "places": aleppo, "span": [500, 540]}]
    # the first candidate lies far from the gold span but the scorer pairs it (same family and place);
    # the second overlaps the gold span yet is of another family: a false positive for the scorer
    pred = [
        {"event_type": "attack.shelling", "kind": "incident", "places": aleppo, "span": [0, 40]},
        {"event_type": "detention.arbitrary", "kind": "incident", "places": aleppo, "span": [500, 540]},
    ]
    texts = [(pred, gold)]
    assert mod._f1([0.9, 0.2], [0, 0], texts, 0.5) == pytest.approx(1.0)
    assert mod._f1([0.9, 0.2], [0, 0], texts, 0.0) == pytest.approx(2 / 3, abs=1e-3)
    assert mod._f1([0.2, 0.9], [0, 0], texts, 0.5) == 0.0


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/data/corpus is absent: cannot retrain")
def test_retrain_from_the_shipped_annotations(tmp_path, monkeypatch):
    pytest.importorskip("sklearn", reason="scikit-learn (the 'train' extra) is needed to retrain")
    from tawthiq.entities import Claim
    from tawthiq.extract import _filter

    mod = _script()
    out = tmp_path / "claim_filter.json"
    assert mod.main(["--out", str(out)]) == 0
    params = json.loads(out.read_text("utf-8"))
    assert params["candidates"] > 100 and 0 < params["positives"] < params["candidates"]
    assert 0.0 <= params["threshold"] <= 0.6 and params["weights"]
    # the run-time scorer reads what the script writes, without scikit-learn
    claim = Claim(
        quote="At least 12 civilians were killed in air strikes.",
        span=(0, 49),
        event_type="attack.air_strike",
    )
    score = _filter.claim_score(claim, 1000, params)
    assert 0.0 < score < 1.0
