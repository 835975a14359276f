"""Linkage uncertainty carried into N: a simulated population whose review queue is left open.

The truth is known (who is the same person); the reviewers decided most pairs, and a queue of
unreviewed pairs remains, true matches and false ones with the probabilities a linkage model would give.
Leaving the queue as "all different people" (what every estimate did before issue 20) inflates N past
its interval; drawing the linkage from the probabilities covers the truth.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest

from tawthiq.errors import EstimationError
from tawthiq.estimate import estimate_with_linkage_uncertainty, link_records_once, simulate_population


def _records_and_queue(seed: int = 5):
    rng = np.random.default_rng(seed)
    capture = np.array([[0.5, 0.2], [0.45, 0.15], [0.55, 0.25], [0.4, 0.2]])
    pop = simulate_population(1500, np.array([0.6, 0.4]), capture, rng=rng)
    # Rebuild people from the table: person p has one record per list they are on.
    records: dict[str, str] = {}
    person_records: list[list[str]] = []
    p = 0
    for cell, count in zip(pop.table.cells, pop.table.counts, strict=True):
        for _ in range(int(count)):
            ids = []
            for j, on in enumerate(cell):
                if on:
                    rid = f"L{j + 1}-{p}"
                    records[rid] = f"L{j + 1}"
                    ids.append(rid)
            person_records.append(ids)
            p += 1
    # The queue is calibrated, as a good linkage model's probabilities are: a pair shown with probability
    # p is a true match with probability p. True links not drawn into the queue were reviewed as same.
    true_pairs = [pair for ids in person_records for pair in itertools.pairwise(ids)]
    rng.shuffle(true_pairs)
    singles = [ids[0] for ids in person_records if len(ids) == 1]
    queue, different = [], []
    taken = 0
    while taken < 0.35 * len(true_pairs):
        prob = float(rng.uniform(0.05, 0.95))
        if rng.random() < prob:
            a, b = true_pairs[taken]
            taken += 1
        else:  # two different people who look alike
            i, k = rng.choice(len(singles), 2, replace=False)
            a, b = singles[i], singles[k]
            if records[a] == records[b]:
                continue
        queue.append((a, b, prob))
    same = true_pairs[taken:]
    different.append((singles[0], singles[1]))
    return pop, records, same, different, queue


@pytest.fixture(scope="module")
def linked():
    return _records_and_queue()


def test_combined_interval_covers_the_truth_and_leaving_the_queue_distinct_does_not(linked, quick):
    pop, records, same, different, queue = linked
    fit = estimate_with_linkage_uncertainty(
        records,
        same,
        different,
        queue,
        imputations=6,
        lcmcr_settings=replace(quick, max_iterations=24_000),
        seed=3,
    )
    e = fit.estimate
    naive = fit.all_distinct.estimate
    assert e.status == "ok" and e.low <= pop.N <= e.high, (e.low, pop.N, e.high)
    # the queue left as "all different" overcounts; its sparse table may not even converge, and then its
    # figures are withheld from N (kept for diagnosis): judged on them either way
    n, low, high = (
        (naive.N, naive.low, naive.high)
        if naive.N is not None
        else (naive.diagnostics["unconverged"][k] for k in ("N", "low", "high"))
    )
    assert not low <= pop.N <= high
    assert n > pop.N
    assert fit.all_same.estimate.observed <= e.observed <= naive.observed
    info = e.diagnostics["linkage"]
    assert info["unreviewed_pairs"] == len(queue) and info["imputations"] == 6
    assert info["all_distinct"]["N"] == naive.N and info["all_same"]["N"] == fit.all_same.estimate.N


def test_a_reviewed_different_pair_is_never_joined_by_a_draw():
    lists = ["A", "B", "C"]
    record_lists = ["A", "B", "C"]
    # 0-1 reviewed different; the queue would join 0-2 and 1-2, and so 0 with 1 through 2
    t = link_records_once(record_lists, [], [(0, 1)], [(0, 2), (1, 2)], lists)
    assert t.observed == 2  # one join made, the second refused


def test_unknown_record_and_bad_probability_are_refused():
    with pytest.raises(EstimationError, match="not in the records"):
        estimate_with_linkage_uncertainty({"a": "A"}, [("a", "zz")], [], [])
    with pytest.raises(EstimationError, match="between 0 and 1"):
        estimate_with_linkage_uncertainty({"a": "A", "b": "B"}, [], [], [("a", "b", 1.5)])
