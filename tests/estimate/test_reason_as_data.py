"""An estimate that did not converge carries its reason as data (``Estimate.why``), and the English
``reason`` the CLI prints is written from it, so the web can write the same reason in Arabic
(issue 18): the two never disagree, and the figures in the sentence are the sampler's."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tawthiq.entities import Estimate
from tawthiq.estimate import LcmcrSettings, estimate_tables, lcmcr, random_population, say_reason

SHORT = LcmcrSettings(iterations=100, max_iterations=100, thin=1, chains=2, seed=3)


def _table(seed: int):
    return random_population(np.random.default_rng(seed), scenario="heterogeneous").table


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_a_run_that_did_not_converge_says_why_in_data_and_in_the_same_english(seed):
    e = lcmcr(_table(seed), SHORT).estimate
    assert e.status == "did_not_converge" and e.why is not None and e.why.code == "chains"
    assert e.reason == say_reason(e.why)
    assert e.reason.startswith("did not converge after 100 iterations per chain: ")
    v, conv = e.why.values, e.diagnostics["convergence"]
    assert v["r_hat"] in (None, conv["r_hat"]) and v["iterations"] == 100 and v["chains"] == 2
    if v["r_hat"] is not None:
        assert f"(R-hat {conv['r_hat']} ≥ 1.02)" in e.reason
    # as saved (JSON) and read back, the same sentence
    back = Estimate.model_validate(json.loads(e.model_dump_json()))
    assert say_reason(back.why) == e.reason


def test_a_total_whose_strata_did_not_converge_names_them_and_keeps_the_first_ones_reason():
    fits = estimate_tables([_table(4), _table(5)], "lcmcr", SHORT)
    total = fits[0].estimate
    assert total.why is not None and total.why.code == "strata"
    first = total.strata[0]
    assert total.why.first == first.why and total.reason == say_reason(total.why)
    assert total.reason.endswith(f"; first: {first.reason}")


def test_a_run_that_converged_has_no_reason():
    e = lcmcr(_table(4), LcmcrSettings(seed=1)).estimate
    assert e.status == "ok" and e.reason is None and e.why is None
