"""The dev set (../shared/data/dev) scored with ../shared/eval/score_claims.py meets the issue's targets."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
DEV = SHARED / "data" / "dev"
SCORER = SHARED / "eval" / "score_claims.py"
TARGETS = {"fatalities": 0.90, "date": 0.85, "attribution": 0.85, "certainty": 0.85, "place_2km": 0.85}


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    if not (DEV / "gold").is_dir() or not SCORER.exists():
        pytest.skip("../shared/data/dev or ../shared/eval/score_claims.py is not present")
    from tawthiq.cli.extract import read_report_file
    from tawthiq.extract import extract_claims

    out = tmp_path_factory.mktemp("pred")
    for gold in sorted((DEV / "gold").glob("*.json")):
        published = date.fromisoformat(json.loads(gold.read_text())["published"])
        text, title = read_report_file(DEV / "reports" / f"{gold.stem}.txt")
        claims = extract_claims(text, published, title=title)
        obj = {
            "report": {"title": title, "published": published.isoformat()},
            "claims": [c.contract() for c in claims],
        }
        (out / gold.name).write_text(json.dumps(obj))
    res = subprocess.run(
        [sys.executable, str(SCORER), str(out), str(DEV / "gold"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(res.stdout)


def test_claim_f1_meets_target(scores):
    assert scores["claims"]["f1"] >= 0.85, scores


@pytest.mark.parametrize("field", sorted(TARGETS))
def test_field_accuracy_meets_target(scores, field):
    assert scores["fields"][field] >= TARGETS[field], scores
