"""Stratified estimates: the total is the sum of the strata, checked against the pooled table."""

from __future__ import annotations

import numpy as np
import pytest

from tawthiq.errors import EstimationError
from tawthiq.estimate import age_group, estimate_stratified, simulate_population


def _stratum(name, N, capture, seed):
    pop = simulate_population(N, np.array([1.0]), np.array(capture)[:, None], rng=seed)
    t = pop.table
    return type(t)(t.lists, t.cells, t.counts, name), N


def test_total_is_the_sum_of_strata_and_the_pooled_table_disagrees_when_capture_differs(quick):
    # Men well documented by every list, women barely: pooled, the two groups look like dependence and
    # the pooled estimate runs low; the sum of strata recovers the total.
    men, n_men = _stratum("male", 3000, [0.5, 0.45, 0.5, 0.4], 1)
    women, n_women = _stratum("female", 3000, [0.08, 0.1, 0.07, 0.09], 2)
    fit = estimate_stratified([men, women], "loglinear")
    e = fit.estimate
    assert [s.stratum for s in e.strata] == ["male", "female"]
    assert e.observed == men.observed + women.observed
    assert pytest.approx(sum(s.N for s in e.strata), abs=2) == e.N
    assert e.low <= n_men + n_women <= e.high
    check = e.diagnostics["unstratified"]
    assert check["agree"] is False and check["N"] < e.N and "sum of strata" in check["note"]


def test_lcmcr_strata_and_their_interval_cover_the_total(quick):
    a, na = _stratum("2016-11", 1500, [0.3, 0.35, 0.25, 0.3], 3)
    b, nb = _stratum("2016-12", 2000, [0.3, 0.25, 0.35, 0.2], 4)
    e = estimate_stratified([a, b], "lcmcr", quick).estimate
    assert e.low <= na + nb <= e.high
    assert all(s.low <= n <= s.high for s, n in zip(e.strata, (na, nb), strict=True))
    assert e.diagnostics["unstratified"]["agree"] is True


def test_one_stratum_is_refused_and_age_groups_keep_children_apart():
    a, _ = _stratum("all", 500, [0.3, 0.3, 0.3], 5)
    with pytest.raises(EstimationError, match="at least 2 strata"):
        estimate_stratified([a])
    assert [age_group(x) for x in (4, 17, 18, 44, 61, None, -1)] == [
        "0-17", "0-17", "18-29", "30-44", "60+", "unknown", "unknown",
    ]  # fmt: skip
