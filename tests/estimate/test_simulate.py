"""The simulator: a known total, heterogeneity and list dependence that show in the table."""

from __future__ import annotations

import numpy as np
import pytest

from tawthiq.estimate import SCENARIOS, random_population, simulate_population


def test_observed_never_exceeds_the_true_total_and_seed_repeats():
    a = random_population(3, scenario="hard")
    b = random_population(3, scenario="hard")
    assert a.table.observed < a.N
    assert np.array_equal(a.table.counts, b.table.counts) and a.N == b.N


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenarios_stay_in_the_benchmark_ranges(scenario):
    for seed in range(5):
        pop = random_population(seed, scenario=scenario)
        assert 4 <= pop.table.n_lists <= (8 if scenario == "wide" else 6)
        assert 1_000 <= pop.N <= 50_000


def test_referral_raises_the_overlap_of_consecutive_lists():
    capture = np.full((4, 1), 0.2)
    plain = simulate_population(20_000, np.array([1.0]), capture, rng=1)
    referred = simulate_population(20_000, np.array([1.0]), capture, rng=1, referral_odds=4.0)
    assert referred.table.overlaps()["L1&L2"] > 1.5 * plain.table.overlaps()["L1&L2"]


def test_a_hard_class_hides_people_from_every_list():
    capture = np.array([[0.5, 0.02]] * 4)
    pop = simulate_population(10_000, np.array([0.5, 0.5]), capture, rng=2)
    # the easy half is nearly all seen (1 - 0.5^4), the hard half barely (1 - 0.98^4)
    assert pop.table.observed / pop.N == pytest.approx(0.5 * (1 - 0.5**4) + 0.5 * (1 - 0.98**4), abs=0.02)
