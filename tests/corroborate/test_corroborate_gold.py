"""Pairwise clustering precision and recall against our gold clustering (gold_clusters.json).

Clustering alone: the claims are the gold claims (fixtures, and the dev set when ../shared
is there), so extraction errors do not count here. Targets: precision >= 0.9, recall >= 0.85.
Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import pytest
from corroborate_helpers import (
    extracted_like,
    gold_clusters,
    gold_pairs,
    load_dev_gold,
    load_fixture_gold,
    pairwise,
    predicted_pairs,
)

from tawthiq.corroborate import build_incidents


def _measure(names, claims, reports, label):
    incidents = build_incidents(claims, reports)
    by_id = {sc.claim.id: n for n, sc in zip(names, claims, strict=True)}
    groups = [[by_id[c] for c in (*inc.claim_ids, *inc.contradicting_claim_ids)] for inc in incidents]
    p, r, tp, npred, ngold = pairwise(predicted_pairs(groups), gold_pairs(names, gold_clusters()))
    print(
        f"\n{label}: {len(claims)} claims, {len(incidents)} incidents; pairwise precision {p:.3f} "
        f"recall {r:.3f} ({tp} of {npred} predicted pairs right, {ngold} gold pairs)"
    )
    wrong = predicted_pairs(groups) - gold_pairs(names, gold_clusters())
    missed = gold_pairs(names, gold_clusters()) - predicted_pairs(groups)
    for pair in sorted(map(sorted, wrong)):
        print("  wrongly joined:", " + ".join(pair))
    for pair in sorted(map(sorted, missed)):
        print("  missed:", " + ".join(pair))
    return p, r


def test_gold_clustering_on_fixtures_meets_targets():
    names, claims, reports = load_fixture_gold()
    p, r = _measure(names, claims, reports, "fixtures")
    assert p >= 0.9 and r >= 0.85


def test_gold_clustering_on_dev_and_fixtures_meets_targets():
    dev = load_dev_gold(start_id=10_000)
    if dev is None:
        pytest.skip("../shared/data/dev not found beside the repository: dev clustering not measured")
    names, claims, reports = load_fixture_gold()
    names += dev[0]
    claims += dev[1]
    reports += dev[2]
    p, r = _measure(names, claims, reports, "dev + fixtures")
    assert p >= 0.9 and r >= 0.85


def test_end_to_end_clustering_of_the_extractors_claims(capsys):
    """The extractor's claims, clustered: pairs between claims matched to gold claims are
    scored against the gold clustering (unmatched claims are extraction errors, not counted).
    The floor asserted is a regression guard; the figures are printed."""
    names, claims, reports = load_fixture_gold()
    dev = load_dev_gold(start_id=10_000)
    if dev is not None:
        names += dev[0]
        claims += dev[1]
        reports += dev[2]
    from tawthiq.gazetteer import load_gazetteer

    pred_names, pred = extracted_like(names, claims, reports)
    incidents = build_incidents(pred, reports, contains=load_gazetteer().contains)  # as the CLI does
    by_id = {sc.claim.id: n for n, sc in zip(pred_names, pred, strict=True)}
    groups = [[by_id[c] for c in (*i.claim_ids, *i.contradicting_claim_ids) if by_id[c]] for i in incidents]
    p, r, tp, npred, ngold = pairwise(
        predicted_pairs(groups), gold_pairs(set(filter(None, pred_names)), gold_clusters())
    )
    matched = sum(1 for n in pred_names if n)
    print(
        f"\nend to end ({'dev + ' if dev else ''}fixtures): {len(pred)} extracted claims, {matched} matched "
        f"to gold; pairwise precision {p:.3f} recall {r:.3f} ({tp}/{npred} predicted, {ngold} gold pairs)"
    )
    assert p >= 0.7


def test_gold_clusters_name_only_claims_that_exist():
    """A typo in gold_clusters.json would silently drop pairs from the measure."""
    names = set(load_fixture_gold()[0])
    fixture_stems = {n.split("#")[0] for n in names}
    dev = load_dev_gold()
    if dev is not None:
        names |= set(dev[0])
    listed = [n for cl in gold_clusters() for n in cl]
    checkable = [n for n in listed if dev is not None or n.split("#")[0] in fixture_stems]
    assert set(checkable) <= names, sorted(set(checkable) - names)
    assert len(listed) == len(set(listed)), "a claim is listed in two clusters"
