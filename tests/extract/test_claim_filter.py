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


def _script():
    spec = importlib.util.spec_from_file_location(
        "train_claim_filter", ROOT / "scripts" / "train_claim_filter.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_f1_of_kept_candidates():
    mod = _script()
    # two positives kept, one negative kept, one positive dropped, one gold claim no candidate reached
    assert mod._f1([0.9, 0.8, 0.7, 0.1], [1, 1, 0, 1], 0.5, 1) == pytest.approx(2 * 2 / (2 * 2 + 1 + 2))


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
