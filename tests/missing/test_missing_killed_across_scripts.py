"""Issue 19 item 4: a missing person who is on a list of the killed reaches review, in either script.

Before: the missing persons of a list that also held the killed (an Arabic list with both) were
never compared with a list of the killed imported before it ("0 possible matches"), and a
missing-person pair queued at import could leave the queue at the next ``people link``. The
bilingual fixtures (invented people): an English list of the killed (Latin names, with and
without the article: Najjar/النجار, al-Halabi/الحلبي, al-Homsi/حمصي), an Arabic list of missing
and killed, and a PFIF registry in Latin letters whose missing boy is killed on the Arabic list.
Such pairs go to review, never merged without a reviewer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.entities import LinkedPair, LinkResult, PersonRecord
from tawthiq.people.missing import MISSING_PAIR_REASON, hold_missing_matches

FIX = Path(__file__).parent / "fixtures"
KILLED_EN = FIX / "killed_en_latin_names.csv"
ALEPPO_AR = FIX / "aleppo_ar_missing_and_killed.csv"
REGISTRY = FIX / "registry_latin_names.xml"
EXPECTED = {("ع-1", "K-1"), ("ع-3", "K-3"), ("ع-4", "K-6"), ("registry.example.org/p.1", "ع-5")}


def _missing_pairs(cli_json, ws) -> set[tuple[str, str]]:
    out = set()
    for p in cli_json(ws, "people", "review", "--missing"):
        assert p["reason"] == MISSING_PAIR_REASON and p["weights"]  # with the evidence
        a, b = (p["a"], p["b"]) if p["a"]["status"] == "missing" else (p["b"], p["a"])
        assert a["status"] == "missing" and b["status"] == "killed"
        out.add((a["record_id"], b["record_id"]))
    return out


@pytest.fixture
def imported(workspace, cli_json):
    """Killed (English), then the PFIF registry, then the Arabic list of missing and killed."""
    first = cli_json(workspace, "people", "import", str(KILLED_EN), "--list", "killed-en", "--yes")
    registry = cli_json(workspace, "people", "pfif", "import", str(REGISTRY), "--list", "registry")
    mixed = cli_json(workspace, "people", "import", str(ALEPPO_AR), "--list", "aleppo-ar", "--yes")
    return first, registry, mixed


def test_a_mixed_arabic_list_is_matched_both_ways_with_the_lists_before_it(workspace, cli_json, imported):
    first, registry, mixed = imported
    assert (first["missing_candidates"], registry["candidates"]) == (0, 0)  # nobody to match yet
    # its missing against the English killed, and its killed boy against the Latin registry
    assert mixed["missing_candidates"] == 4
    assert _missing_pairs(cli_json, workspace) == EXPECTED


def test_link_keeps_the_missing_pairs_queued_and_never_merges_them(workspace, cli, cli_json, imported):
    cli(workspace, "people", "link")
    assert _missing_pairs(cli_json, workspace) == EXPECTED
    for person in cli_json(workspace, "people", "persons"):
        statuses = {r["status"] for r in person["records"]}
        assert not ("missing" in statuses and "killed" in statuses)


def test_a_confirmed_match_says_believed_dead_and_link_joins_them(workspace, cli, cli_json, imported):
    boy_pair = {"registry.example.org/p.1", "ع-5"}
    [pair] = [p for p in cli_json(workspace, "people", "review", "--missing")
              if {p["a"]["record_id"], p["b"]["record_id"]} == boy_pair]  # fmt: skip
    cli(workspace, "people", "decide", str(pair["a"]["id"]), str(pair["b"]["id"]), "match")
    [boy] = [m for m in cli_json(workspace, "people", "missing", "list") if m["list"] == "registry"
             and m["record_id"].endswith("p.1")]  # fmt: skip
    assert boy["status"] == "believed_dead"
    cli(workspace, "people", "link")
    together = [p for p in cli_json(workspace, "people", "persons")
                if {r["record_id"] for r in p["records"]} >= boy_pair]  # fmt: skip
    assert len(together) == 1
    assert len(_missing_pairs(cli_json, workspace)) == 3  # the decided pair left the queue


def _rec(i: int, status: str) -> PersonRecord:
    return PersonRecord(id=i, list_name="l", record_id=str(i), status=status)


def _pair(a: int, b: int, reason: str = MISSING_PAIR_REASON) -> LinkedPair:
    return LinkedPair(a=a, b=b, probability=0.7, weight=1.0, decision="review", reason=reason)


def test_a_queued_missing_pair_the_linker_did_not_propose_again_stays_unless_decided_or_gone():
    records = [_rec(1, "missing"), _rec(2, "killed"), _rec(3, "killed"), _rec(4, "missing")]
    result = LinkResult(clusters=((1,), (2,), (3,), (4,)))
    queued = [_pair(1, 2), _pair(1, 3), _pair(4, 9), _pair(2, 3, reason="model")]
    held = hold_missing_matches(result, records, confirmed=[(1, 3)], queued=queued)
    # (1, 3) was decided; record 9 is gone; (2, 3) is no missing pair: the linker's to propose
    assert [(p.a, p.b, p.reason) for p in held.review] == [(1, 2, MISSING_PAIR_REASON)]
