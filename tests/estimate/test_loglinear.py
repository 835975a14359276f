"""Log-linear models: the reference Kosovo fits, a simulated total, and lists that never overlap."""

from __future__ import annotations

import numpy as np
import pytest

from tawthiq.errors import EstimationError
from tawthiq.estimate import LoglinearSettings, loglinear, loglinear_model, read_table, simulate_population


def test_reproduces_reference_kosovo_fits(mse_dir):
    (t,) = read_table(mse_dir / "kosovo_1999_4list.csv")
    indep = loglinear_model(t, [])
    two_way = loglinear_model(t, "two-way")
    # ../shared/data/mse/README.md: independence N = 7,395 (AIC 357.4); all two-way N = 14,402 (AIC 163.3)
    assert indep.diagnostics["N_mle"] == pytest.approx(7_395, abs=1)
    assert indep.diagnostics["aic"] == pytest.approx(357.4, abs=0.05)
    assert two_way.diagnostics["N_mle"] == pytest.approx(14_402, abs=1)
    assert two_way.diagnostics["aic"] == pytest.approx(163.3, abs=0.05)
    assert indep.low < indep.N < indep.high and two_way.low < two_way.N < two_way.high


def test_search_visits_every_two_way_model_for_four_lists_and_averages(mse_dir):
    (t,) = read_table(mse_dir / "kosovo_1999_4list.csv")
    e = loglinear(t).estimate
    assert e.diagnostics["models_fitted"] == 64
    weights = [m["weight"] for m in e.diagnostics["models"]]
    assert sum(weights) == pytest.approx(1.0, abs=0.01)
    sel = e.diagnostics["selected"]
    assert sel["low"] < sel["N"] < sel["high"]
    assert e.low <= e.N <= e.high


def test_interval_contains_a_simulated_total_without_heterogeneity():
    capture = np.array([[0.3], [0.25], [0.2], [0.35]])
    pop = simulate_population(5000, np.array([1.0]), capture, rng=7)
    e = loglinear(pop.table).estimate
    assert e.low <= pop.N <= e.high
    assert e.low <= e.N <= e.high


def test_pair_with_no_overlap_is_never_given_an_interaction(write_csv):
    # A and B never share a person: an A*B term would run to minus infinity, so no model may hold it.
    text = (
        "A,B,C,D,count\n1,0,0,0,40\n0,1,0,0,35\n0,0,1,0,30\n0,0,0,1,25\n1,0,1,0,12\n1,0,0,1,9\n"
        "0,1,1,0,11\n0,1,0,1,8\n0,0,1,1,7\n1,0,1,1,3\n0,1,1,1,2\n"
    )
    (t,) = read_table(write_csv(text))
    assert t.overlaps()["A&B"] == 0
    e = loglinear(t).estimate
    assert e.diagnostics["models_fitted"] == 32  # 2^5 sets of the five estimable pairs
    assert all("A*B" not in m["model"] for m in e.diagnostics["models"])
    assert t.observed <= e.low <= e.N


def test_unknown_list_or_unestimable_term_is_refused(write_csv):
    (t,) = read_table(write_csv("A,B,C,count\n1,0,0,5\n0,1,0,4\n0,0,1,3\n1,0,1,1\n"))
    with pytest.raises(EstimationError, match="no list named"):
        loglinear_model(t, [("A", "Z")])
    with pytest.raises(EstimationError, match="not estimable"):
        loglinear_model(t, [("A", "B")])


def test_six_lists_use_stepwise_and_bic_prefers_fewer_parameters(mse_dir):
    (t,) = read_table(mse_dir / "uk_modern_slavery_2013_6list.csv")
    aic = loglinear(t, LoglinearSettings(criterion="aic")).estimate
    bic = loglinear(t, LoglinearSettings(criterion="bic")).estimate
    assert aic.diagnostics["search"] == "stepwise"
    assert bic.diagnostics["selected"]["params"] <= aic.diagnostics["selected"]["params"]
    assert aic.observed == 2744 < aic.low


def test_unknown_criterion_is_refused(write_csv):
    (t,) = read_table(write_csv("A,B,C,count\n1,0,0,5\n0,1,0,4\n1,1,0,2\n0,0,1,3\n1,0,1,1\n"))
    with pytest.raises(EstimationError, match="criterion"):
        loglinear(t, LoglinearSettings(criterion="waic"))
