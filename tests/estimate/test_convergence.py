"""R-hat and ESS: the numbers ArviZ gives, without its import time; a stuck chain is caught."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from tawthiq.estimate._convergence import convergence


def _cases():
    rng = np.random.default_rng(1)
    walk = np.cumsum(rng.normal(size=(3, 2001)), axis=1) * 0.05 + rng.normal(size=(3, 2001))
    shifted = walk.copy()
    shifted[0] += 2
    return {
        "autocorrelated": walk,
        "ties": np.round(walk * 3),
        "one chain elsewhere": shifted,
        "independent counts": rng.poisson(5, size=(4, 1000)).astype(float),
    }


@pytest.mark.parametrize("name", list(_cases()))
def test_agrees_with_arviz(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        az = pytest.importorskip("arviz")
    x = _cases()[name]
    c = convergence(x)
    assert c["r_hat"] == pytest.approx(float(az.rhat(x)), abs=2e-4)
    assert c["ess_bulk"] == pytest.approx(float(az.ess(x, method="bulk")), rel=0.01)
    assert c["ess_tail"] == pytest.approx(float(az.ess(x, method="tail")), rel=0.05)


def test_a_chain_stuck_elsewhere_has_a_large_r_hat_and_constant_draws_have_none():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(4, 500))
    assert convergence(x)["r_hat"] < 1.02
    x[2] += 3
    assert convergence(x)["r_hat"] > 1.3
    assert convergence(np.full((2, 100), 7.0)) == {"r_hat": None, "ess_bulk": None, "ess_tail": None}
