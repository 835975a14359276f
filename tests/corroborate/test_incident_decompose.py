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


def _scorer_or_skip():
    import extract_eval  # benchmarks/ is on the path (above)
    import pytest

    if not extract_eval.SCORER.exists():
        pytest.skip(f"{extract_eval.SCORER} is absent: the extraction classes use the shared scorer's tests")
    return extract_eval._scorer()


def _contract(span, event_type="attack.air_strike", places=(), day="2020-03-02", kind="incident"):
    return {
        "kind": kind,
        "event_type": event_type,
        "span": list(span),
        "places": [dict(p) for p in places],
        "time": {"start": day, "end": day, "precision": "day"},
    }


HAMLET = {"name": "Upper Hamlet", "lat": 10.0, "lon": 10.0, "precision": "town"}
QUARTER = {"name": "Mill Quarter", "lat": 10.1, "lon": 10.1, "precision": "neighbourhood"}
FAR = {"name": "Farside", "lat": 12.0, "lon": 12.0, "precision": "town"}
DISTRICT = {"name": "Hill District", "lat": 10.2, "lon": 10.0, "precision": "district"}


def test_an_unmatched_gold_claim_is_classed_by_the_first_scorer_test_its_sentence_fails():
    sc = _scorer_or_skip()
    gold = _contract((100, 180), places=(QUARTER,))
    # nothing extracted in the gold claim's span: a missed sentence, even with claims elsewhere
    cls, near = incident_eval.extraction_class(sc, gold, (100, 180), [_contract((0, 90))], set())
    assert (cls, near) == (incident_eval.MISSED, None)
    # a claim in the span of another family ("bodies found" typed as a clash)
    other = _contract((90, 200), event_type="armed.clash", places=(QUARTER,))
    assert incident_eval.extraction_class(sc, gold, (100, 180), [other], set())[0] == incident_eval.FAMILY
    # of its family but placed nowhere, coarser (the district around the quarter), or elsewhere
    bare = _contract((120, 170))
    coarse = _contract((120, 170), places=(DISTRICT,))
    far = _contract((120, 170), places=(FAR,))
    classes = [
        incident_eval.extraction_class(sc, gold, (100, 180), [p], set())[0] for p in (bare, coarse, far)
    ]
    assert classes == [incident_eval.PLACE_NONE, incident_eval.PLACE_COARSER, incident_eval.PLACE_OTHER]
    # a claim with a place where gold gives none
    assert (
        incident_eval.extraction_class(sc, _contract((100, 180)), (100, 180), [far], set())[0]
        == incident_eval.PLACE_EXTRA
    )
    # one the scorer would accept, but it went to another gold claim of the sentence
    twin = _contract((100, 180), places=(QUARTER,))
    assert incident_eval.extraction_class(sc, gold, (100, 180), [twin], {0})[0] == incident_eval.TAKEN


def test_dates_are_classed_against_the_gold_day_none_within_a_day_or_days_off():
    sc = _scorer_or_skip()
    gold = _contract((0, 10), day="2020-03-10")
    got = [
        incident_eval.date_class(sc, _contract((0, 10), day=d), gold)
        for d in (None, "2020-03-11", "2020-03-07", "2020-03-04", "2020-02-01")
    ]
    assert got == ["no date extracted", "within a day", "2-3 days off", "4-7 days off", "over a week off"]
    undated_gold = _contract((0, 10), day=None)
    assert incident_eval.date_class(sc, _contract((0, 10)), undated_gold) == "gold gives no date"


def test_the_extraction_part_is_split_by_class_and_a_pair_counted_once():
    sc = _scorer_or_skip()
    del sc
    monday = date(2020, 3, 2)
    # event E: gold 1 matched (extracted 101); gold 2 missed; gold 3's sentence read as a clash
    label = {1: "E", 2: "E", 3: "E"}
    sourced = {101: _sc(101, "a", monday)}
    g = _contract((0, 50), places=(HAMLET,))
    preds_b = [_contract((0, 40), event_type="armed.clash", places=(HAMLET,))]
    around = {
        1: (g, (0, 50), [_contract((0, 50), places=(HAMLET,))], {0}, "en"),
        2: (g, (0, 50), [_contract((300, 350))], set(), "en"),
        3: (g, (0, 50), preds_b, set(), "ar"),
    }
    pipe = {"label": label, "claim_gold": {101: 1}, "sourced": sourced, "around": around}
    gold = {"claim_gold": {201: 1, 202: 2, 203: 3}}
    d = incident_eval._decompose(pipe, [_incident(101)], gold, [_incident(201, 202, 203)])
    x = d["extraction"]
    # pairs (1,2) missed, (1,3) family, (2,3) two classes: three pairs, each once
    assert sum(x["pairs"].values()) == d["pairs"][incident_eval._EXTRACTION] == 3
    assert x["pairs"] == {incident_eval.MISSED: 1, incident_eval.FAMILY: 1, "two classes (one per claim)": 1}
    assert x["claims"] == {incident_eval.MISSED: 1, incident_eval.FAMILY: 1}
    assert x["families"] == {"attack -> armed": 1} and x["missed"] == {"en attack.air_strike": 1}


def test_why_cross_counts_only_the_pairs_of_an_arabic_and_an_english_claim(capsys):
    monday, friday = date(2020, 3, 2), date(2020, 3, 6)
    # event E told by an Arabic claim (gold 1) and two English ones (2, 3); the English claim 3 is
    # dated four days later, so both its pairs are lost: one cross-language (1-3), one not (2-3)
    label = {1: "E", 2: "E", 3: "E"}
    sourced = {101: _sc(101, "a", monday), 102: _sc(102, "b", monday), 103: _sc(103, "c", friday)}
    lang = {1: "ar", 2: "en", 3: "en", ("c", 101): "ar", ("c", 102): "en", ("c", 103): "en"}
    show = {"label": label, "claim_gold": {101: 1, 102: 2, 103: 3}, "sourced": sourced, "lang": lang}
    incidents = [_incident(101, 102), _incident(103)]
    incident_eval._why(show, incidents, cross=True)
    out = capsys.readouterr().out
    assert "      1  joined (a true pair)" in out  # 1-2; the English pair 2-3 is not counted
    assert "      1  dates apart (across reports)" in out
    # the lost cross pair is listed with both claims, each under its language
    listed = out.split("== Arabic ~ English pairs lost")[1]
    assert "ar attack.air_strike [Lowtown (town)] 2020-03-02" in listed
    assert "en attack.air_strike [Lowtown (town)] 2020-03-06" in listed
    incident_eval._why(show, incidents)
    assert "      2  dates apart (across reports)" in capsys.readouterr().out


def test_false_pairs_add_up_to_predicted_minus_true_by_class():
    day = date(2020, 3, 2)
    # gold: E told by 1 and 2 (reports a, b); F by 3 (report a); 4 a tally of report b
    label = {1: "E", 2: "E", 3: "F"}
    sourced = {
        cid: _sc(cid, r, day) for cid, r in ((101, "a"), (102, "b"), (103, "a"), (104, "b"), (109, "b"))
    }
    # one predicted incident holds E's two claims (true), F's claim of report a (two gold incidents,
    # one report: with 101; two reports: with 102), the tally's claim, and 109 that matches no gold
    show = {"label": label, "claim_gold": {101: 1, 102: 2, 103: 3, 104: 4}, "sourced": sourced}
    counts = incident_eval.false_pairs(show, [_incident(101, 102, 103, 104, 109)])
    assert counts == {
        f"{incident_eval.FALSE_TWO_EVENTS} (one report)": 1,  # 101-103
        f"{incident_eval.FALSE_TWO_EVENTS} (two reports)": 1,  # 102-103
        f"{incident_eval.FALSE_NOT_INCIDENT} (one report)": 1,  # 102-104 (both of report b)
        f"{incident_eval.FALSE_NOT_INCIDENT} (two reports)": 2,  # 101-104, 103-104
        f"{incident_eval.FALSE_UNMATCHED} (one report)": 2,  # 102-109, 104-109
        f"{incident_eval.FALSE_UNMATCHED} (two reports)": 2,  # 101-109, 103-109
    }
    # ten pairs in all, one of them true: nine false
    assert sum(counts.values()) == 9


def test_shape_counts_each_gold_incidents_pairs_largest_first_and_names_nothing():
    # --shape may print for the measure side, so it gives counts only: per gold incident told more
    # than once, its claims, pairs, how many are joined, the rest by cause; never a label or a quote
    monday, friday = date(2020, 3, 2), date(2020, 3, 6)
    label = {1: "E", 2: "E", 3: "E", 4: "E", 5: "F", 6: "F", 7: "G"}
    sourced = {
        101: _sc(101, "a", monday),
        102: _sc(102, "b", monday),
        104: _sc(104, "c", friday),
        105: _sc(105, "d", monday, kind="tally"),
        106: _sc(106, "e", monday),
        107: _sc(107, "f", monday),
    }
    claim_gold = {101: 1, 102: 2, 104: 4, 105: 5, 106: 6, 107: 7}
    show = {"label": label, "claim_gold": claim_gold, "sourced": sourced}
    events = incident_eval.shape(show, [_incident(101, 102), _incident(104), _incident(106), _incident(107)])
    assert [e["gold_pairs"] for e in events] == [6, 1]  # E first; G (one claim) is no pair
    e, f = events
    assert (e["claims"], e["matched"], e["predicted_incidents"]) == (4, 3, 2)
    assert sum(e["causes"].values()) == 6
    assert e["causes"]["joined"] == 1 and e["causes"]["a gold claim no extracted claim matches"] == 3
    assert any("dates apart" in k for k in e["causes"])
    assert f["causes"] == {"an extracted claim is a tally or a status": 1}
    assert "'E'" not in repr(events) and "claim 1" not in repr(events)


def test_bcubed_weighs_each_gold_claim_once_where_pairs_weigh_an_incident_by_its_square():
    # gold: E told by claims 1-3, F by claim 4; extracted 101-104 stand for them, 105 for none
    label = {1: "E", 2: "E", 3: "E", 4: "F"}
    claim_gold = {101: 1, 102: 2, 103: 3, 104: 4}
    incidents = [_incident(101, 102, 105), _incident(103), _incident(104)]
    p, r = incident_eval.bcubed(label, claim_gold, incidents)
    # claims 1, 2: 2 of the 3 in their incident are E's, and 2 of E's 3 are there; 3 alone: P 1, R 1/3;
    # 4: P 1, R 1
    assert (p, r) == (round((2 / 3 + 2 / 3 + 1 + 1) / 4, 3), round((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, 3))
    # a gold claim no extracted claim stands for is alone: full precision, its share of recall
    assert incident_eval.bcubed(label, {101: 1}, [_incident(101)]) == (1.0, round((1 / 3 * 3 + 1) / 4, 3))
    # everything right: 1 and 1
    whole = [_incident(101, 102, 103), _incident(104)]
    assert incident_eval.bcubed(label, claim_gold, whole) == (1.0, 1.0)


def _placed(cid, report, day, places, event_type="attack.air_strike", toll=12, published=None):
    sc = _sc(cid, report, day)
    claim = sc.claim.model_copy(
        update={
            "places": places,
            "event_type": event_type,
            "fatalities": None if toll is None else Count(low=toll, high=toll),
        }
    )
    return sc.model_copy(update={"claim": claim, "published": published or day})


def test_a_lost_pair_is_classed_by_every_corroboration_test_it_fails():
    monday, friday = date(2020, 3, 2), date(2020, 3, 6)
    near = PlaceRef(name="Nearby", lat=10.1, lon=10.0, precision="town")  # 11 km from Lowtown
    quarter_a = PlaceRef(name="Mill Quarter", lat=10.0, lon=10.0, precision="neighbourhood")
    quarter_b = PlaceRef(name="Dock Quarter", lat=10.02, lon=10.0, precision="neighbourhood")

    def classes(a, b):
        return incident_eval.corroboration_classes(a, b, None)

    # two towns 11 km apart, same day and toll: places only
    assert classes(_placed(1, "a", monday, (TOWN,)), _placed(2, "b", monday, (near,))) == [
        incident_eval.C_NEAR_TOWNS
    ]
    # two neighbourhoods of one city
    assert classes(_placed(1, "a", monday, (quarter_a,)), _placed(2, "b", monday, (quarter_b,))) == [
        incident_eval.C_NEIGHBOURS
    ]
    # a follow-up dated by nothing but its report's day (Friday) beside Monday's event
    assert classes(_placed(1, "a", monday, (TOWN,)), _placed(2, "b", friday, (TOWN,))) == [
        incident_eval.C_REPORT_DAY
    ]
    # the same, also typed as another family with a toll five times the other: three classes
    got = classes(
        _placed(1, "a", monday, (TOWN,)),
        _placed(2, "b", friday, (TOWN,), event_type="armed.clash", toll=60),
    )
    assert got == [incident_eval.C_FAMILIES, incident_eval.C_REPORT_DAY, incident_eval.C_RISING]
    # everything fits and the pair identifies (both tolls): only a third member kept them apart
    assert classes(_placed(1, "a", monday, (TOWN,)), _placed(2, "b", monday, (TOWN,))) == [
        incident_eval.C_LINKAGE
    ]
    # no toll on either side, a town and a day: fits, but does not identify one strike of a busy day
    assert classes(
        _placed(1, "a", monday, (TOWN,), toll=None), _placed(2, "b", monday, (TOWN,), toll=None)
    ) == [incident_eval.C_NO_IDENT]


def test_shape_counts_the_conflicts_that_keep_two_identified_incidents_apart():
    monday = date(2020, 3, 2)
    # one gold event E told by four claims; predicted as two incidents: {1, 2} and {3, 4}. 2 and 3
    # fit and identify one event (tolls 12 and 12), but 1 (toll 40) cannot be one with 4 (toll 12)
    sourced = {
        1: _placed(1, "a", monday, (TOWN,), toll=40),
        2: _placed(2, "b", monday, (TOWN,), toll=25),
        3: _placed(3, "c", monday, (TOWN,), toll=12),
        4: _placed(4, "d", monday, (TOWN,), toll=12),
    }
    show = {
        "label": {k: "E" for k in range(1, 5)},
        "claim_gold": {k: k for k in range(1, 5)},
        "sourced": sourced,
    }
    d = incident_eval.corroboration_shape(show, [_incident(1, 2), _incident(3, 4)])
    # lost pairs: 1-3 and 1-4 tolls; 2-3 and 2-4 fit and identify (complete linkage)
    assert d["pairs"][incident_eval.C_LINKAGE] == 2 and d["events"][incident_eval.C_LINKAGE] == 1
    assert d["pairs"][incident_eval.C_TOLLS] == 2
    # the two incidents are one pair of incidents, kept apart by the two toll conflicts across them
    assert d["kept_apart"] == {"incident_pairs": 1, "by": {incident_eval.C_TOLLS: 2}}
