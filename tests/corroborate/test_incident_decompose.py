"""benchmarks/incident_eval.py --decompose: where the pipeline's lost gold pairs go (tune side).

Synthetic claims and incidents written for this test; nothing of ../shared is read.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from tawthiq.entities import Claim, Count, PlaceRef, ReportRef, SourcedClaim, TimeSpan

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))
import incident_eval  # noqa: E402

TOWN = PlaceRef(name="Lowtown", lat=10.0, lon=10.0, precision="town")


def _sc(cid: int, report: str, day: date, kind: str = "incident") -> SourcedClaim:
    claim = Claim(
        id=cid,
        kind=kind,
        event_type="attack.air_strike",
        places=(TOWN,),
        time=TimeSpan(start=day, end=day, precision="day"),
        fatalities=Count(low=12, high=12),
        quote=f"claim {cid}",
    )
    ref = ReportRef(file=f"{report}.txt", sha256=report * 8, title=None)
    return SourcedClaim(claim=claim, report=ref, published=day, source_label=report)


def _incident(*ids: int) -> SimpleNamespace:
    return SimpleNamespace(claim_ids=ids, contradicting_claim_ids=())


def test_each_lost_gold_pair_is_counted_once_in_extraction_corroboration_or_other():
    monday, friday = date(2020, 3, 2), date(2020, 3, 6)
    # gold: event E told by claims 1-4, event F by claims 5-6 (gold keys)
    label = {1: "E", 2: "E", 3: "E", 4: "E", 5: "F", 6: "F"}
    # extracted: 101, 102 (E, joined); gold 3 unmatched; 104 (E) dated four days later, so apart;
    # 105 is F's claim read as a tally, 106 F's other claim
    sourced = {
        101: _sc(101, "a", monday),
        102: _sc(102, "b", monday),
        104: _sc(104, "c", friday),
        105: _sc(105, "d", monday, kind="tally"),
        106: _sc(106, "e", monday),
    }
    pipe = {
        "label": label,
        "claim_gold": {101: 1, 102: 2, 104: 4, 105: 5, 106: 6},
        "sourced": sourced,
    }
    pipe_incidents = [_incident(101, 102), _incident(104), _incident(106)]
    # the gold claims corroborated: all of E in one incident (so 104's date is extraction's doing)
    gold = {"claim_gold": {201: 1, 202: 2, 203: 3, 204: 4, 205: 5, 206: 6}}
    gold_incidents = [_incident(201, 202, 203, 204), _incident(205, 206)]
    d = incident_eval._decompose(pipe, pipe_incidents, gold, gold_incidents)
    assert d["gold_pairs"] == 7 == sum(d["pairs"].values())
    parts = {k.split(":")[0]: n for k, n in d["pairs"].items()}
    assert parts["joined (a true pair)"] == 1
    assert parts["(a) extraction"] == 3  # every pair with gold claim 3
    assert parts["(c) other"] == 1
    [(b, n)] = [(k, n) for k, n in d["pairs"].items() if k.startswith("(b)")]
    assert n == 2 and "dates apart" in b and "gold claims joined" in b
    assert (d["gold_claims"], d["matched_claims"]) == (6, 5)
