"""benchmarks/extract_eval.py --places: the diagnostic that classes the place misses (tune side).

Synthetic claims over a sentence written for this test; the scorer is ../shared/eval/score_claims.py,
so the test skips when ../shared is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))
import annotations as ann  # noqa: E402
import extract_eval  # noqa: E402

if not extract_eval.SCORER.exists():
    pytest.skip(f"{extract_eval.SCORER} is absent: the scorer lives in ../shared", allow_module_level=True)

TEXT = "Shelling hit the market of Lowtown on Monday, killing 7. In Hightown, 3 died in a raid."


def _place(name, lat=None, lon=None, precision="town"):
    return {"name": name, "lat": lat, "lon": lon, "precision": precision}


def _gold(places, span, event="attack.shelling"):
    return {"kind": "incident", "event_type": event, "places": places, "span": span, "optional": False}


def _misses(pred, gold_claims):
    item = ann.Annotated("en/x.txt", Path("x"), {"claims": gold_claims}, TEXT, "tune", "en")
    gold = [{k: v for k, v in g.items() if k != "span"} for g in gold_claims]
    return extract_eval.place_misses(extract_eval._scorer(), item, pred, gold)


def _pred(places, span=(0, 56), event="attack.shelling"):
    return {"event_type": event, "places": places, "span": list(span)}


LOWTOWN = _place("Lowtown", 10.0, 10.0)
HIGHTOWN = _place("Hightown", 20.0, 20.0)


def test_a_claim_with_no_place_is_not_found_and_one_elsewhere_in_the_span_is_a_wrong_resolution():
    gold = [_gold([LOWTOWN], [0, 56])]
    [none] = _misses([_pred([])], gold)
    assert (none["lost"], none["class"]) == ("claim", "not-found")
    # a name the text writes, resolved 120 km from the gold's (which the annotator named otherwise):
    # the gazetteer chose another place of that name
    quarter = [_gold([_place("Lowtown quarter", 10.0, 10.0)], [0, 56])]
    [wrong] = _misses([_pred([_place("Lowtown", 11.0, 10.5)])], quarter)
    assert (wrong["lost"], wrong["class"]) == ("claim", "wrong-resolution")
    # the same name 120 km off still matches the claim (the scorer matches names): its point is lost
    [off] = _misses([_pred([_place("Lowtown", 11.0, 10.5)])], gold)
    assert (off["lost"], off["class"]) == ("place_2km", "wrong-resolution")


def test_another_claims_place_is_passing_and_a_region_gold_is_region():
    gold = [_gold([LOWTOWN], [0, 56]), _gold([HIGHTOWN], [57, 87], "attack.ground")]
    [passing] = _misses([_pred([HIGHTOWN])], gold)
    assert passing["class"] == "passing" and passing["gold"][0][0] == "Lowtown"
    region = [_gold([_place("Lowland province", 12.0, 12.0, "governorate")], [0, 56])]
    [miss] = _misses([_pred([HIGHTOWN])], region)
    assert miss["class"] == "region"


def test_a_matched_claim_whose_point_is_off_is_a_place_2km_miss_and_a_good_one_is_none():
    gold = [_gold([LOWTOWN], [0, 56])]
    [far] = _misses([_pred([_place("Lowtown", 10.05, 10.0)])], gold)  # same name, 5.6 km off
    assert (far["lost"], far["class"]) == ("place_2km", "wrong-resolution")
    assert _misses([_pred([_place("Lowtown", 10.001, 10.0)])], gold) == []
    # another place over another sentence: a claim missed, not a place missed
    assert _misses([_pred([HIGHTOWN], (57, 87))], gold) == []
