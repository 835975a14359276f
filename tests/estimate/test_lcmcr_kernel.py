"""The LCMCR kernel's shortcuts keep the sampler exact: bookkeeping in step with the parameters, sane growth.

The moves update the pattern probabilities in O(cells) instead of recomputing them, and the class
assignment reuses them: a rejected move that is not undone, or an update that drifts, would bias every
estimate without any error. The chains are continued by what the ESS says is missing, within bounds.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import numpy as np
from scipy import special, stats

from tawthiq.estimate import ContingencyTable, LcmcrSettings, lcmcr, simulate_population
from tawthiq.estimate._convergence import _ess
from tawthiq.estimate._lcmcr import _next_step
from tawthiq.estimate._lcmcr_kernel import (
    _class_columns,
    _lists_of_patterns,
    _marginal_moves,
    _mixture,
    _weights,
    initial_state,
    run_block,
)


def _table():
    capture = np.array([[0.30, 0.05], [0.25, 0.08], [0.35, 0.04], [0.20, 0.06], [0.30, 0.03], [0.25, 0.1]])
    return simulate_population(4000, np.array([0.7, 0.3]), capture, rng=7).table


def test_pattern_probabilities_stay_in_step_with_the_parameters_after_accepted_and_rejected_moves():
    t = _table()
    cells = np.ascontiguousarray(t.cells, dtype=np.int8)
    counts = np.ascontiguousarray(t.counts, dtype=np.int64)
    K, C, J = 10, len(counts), t.n_lists
    state = initial_state(J, K, 5)
    run_block(cells, counts, K, 0.25, 0.25, state, 200, 100, 9)  # seeds this thread's numba generator
    on_ptr, on_idx = _lists_of_patterns(cells)
    lam, lw, pi, steps = state["lam"], state["lw"], state["pi"], state["steps"]
    f, miss, pc, pc_new, head, fk, odds = (
        np.empty((C, K)),
        np.empty(K),
        *(np.empty(C) for _ in range(4)),
        np.empty(J),
    )
    before = lam.copy()
    for i in range(30):
        n_obs = int(counts.sum())  # after the first call, f is trusted as the moves left it
        _marginal_moves(
            on_ptr, on_idx, counts, n_obs, lam, lw, pi, 1.0, steps, 0,
            f, miss, pc, pc_new, head, fk, odds, i == 0, np.empty(K),
        )  # fmt: skip
        f_ref, miss_ref = np.empty((C, K)), np.empty(K)
        for k in range(K):
            _class_columns(on_ptr, on_idx, lam, k, f_ref, miss_ref, odds)
        assert np.allclose(f, f_ref, rtol=1e-12, atol=0)
        assert np.allclose(miss, miss_ref, rtol=1e-12, atol=0)
        pi_ref = np.empty(K)
        _weights(lw, pi_ref)
        assert np.allclose(pi, pi_ref, rtol=1e-12, atol=1e-300)
        pc_ref = np.empty(C)
        _mixture(pi, f_ref, miss_ref, pc_ref)
        assert np.allclose(pc, pc_ref, rtol=1e-9, atol=0)
    assert not np.array_equal(before, lam)  # moves were accepted, not only rejected


def test_every_pattern_lists_exactly_the_lists_it_is_on():
    cells = np.array([[1, 0, 0], [0, 1, 1], [1, 1, 1]], dtype=np.int8)
    on_ptr, on_idx = _lists_of_patterns(cells)
    assert [list(on_idx[on_ptr[c] : on_ptr[c + 1]]) for c in range(3)] == [[0], [1, 2], [0, 1, 2]]


def test_a_short_run_is_continued_by_what_the_ess_says_is_missing_within_half_and_all_its_length():
    st = LcmcrSettings()  # ESS 400 wanted
    ran = 10_000

    def conv(ess, r_hat=1.0):
        return {"r_hat": r_hat, "ess_bulk": ess, "ess_tail": ess}

    assert _next_step(conv(350.0), st, ran) == 5_000  # nearly there: half, not another 10,000
    assert _next_step(conv(280.0), st, ran) == round(ran * 1.1 * 400 / 280 - ran)
    assert _next_step(conv(50.0), st, ran) == ran  # far off: at most double
    assert _next_step(conv(2_000.0, r_hat=1.05), st, ran) == 5_000  # only R-hat fails: half
    assert _next_step(conv(0.0), st, ran) == ran


def _reference_cdf(cells, counts, K, points, draws, seed):
    """P(N <= x) at ``points`` by importance sampling from the prior, and its Monte Carlo standard error:
    an answer that shares no code with the sampler.

    The prior as the model states it (lambda ~ U(0, 1), stick-breaking weights with alpha ~ Gamma(0.25,
    rate 0.25)); each draw weighted by the observed-data likelihood prod (p_c / (1 - p0))^n_c (p(N) ~ 1/N
    summed out). Given the parameters N = n + NegBin(n, 1 - p0), whose CDF is used exactly (a regularized
    incomplete beta function) rather than one draw of N per draw of the parameters. The standard error
    is the delta method's for a ratio of weighted sums."""
    rng = np.random.default_rng(seed)
    n, J = int(counts.sum()), cells.shape[1]
    on = cells.astype(bool)
    logw, p0s = [], []
    m = 100_000
    for _ in range(draws // m):
        a = rng.gamma(0.25, 1 / 0.25, m)
        v = rng.beta(1.0, a[:, None], (m, K))
        v[:, -1] = 1.0
        pi = v * np.cumprod(np.concatenate([np.ones((m, 1)), 1 - v[:, :-1]], axis=1), axis=1)
        lam = rng.random((m, J, K))
        unseen = np.prod(1 - lam, axis=1) * pi  # (m, K): pi_k P(no list | k)
        odds = lam / (1 - lam)
        pc = np.stack([(unseen * np.prod(odds[:, on[c], :], axis=1)).sum(1) for c in range(len(counts))], 1)
        p0 = unseen.sum(1)
        logw.append((counts[None] * np.log(pc)).sum(1) - n * np.log1p(-p0))
        p0s.append(p0)
    lw, p0 = np.concatenate(logw), np.concatenate(p0s)
    w = np.exp(lw - lw.max())
    cdf = special.betainc(n, np.asarray(points, float)[None, :] - n + 1.0, (1 - p0)[:, None])
    est = (w[:, None] * cdf).sum(0) / w.sum()
    se = np.sqrt((w[:, None] ** 2 * (cdf - est) ** 2).sum(0)) / w.sum()
    return est, se


@functools.cache
def _reference(K):
    """The importance-sampling reference for the small table below, 4 seeds (computed once per K)."""
    cells = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1]], np.int8)
    counts = np.array([30, 25, 20, 8, 6, 5, 2], dtype=np.int64)
    points = np.round(counts.sum() * np.array([1.5, 1.9, 2.3]))  # about the 5%, 55% and 90% points
    seeds = [_reference_cdf(cells, counts, K, points, 1_000_000, seed) for seed in (11, 12, 13, 14)]
    return cells, counts, points, np.array([e for e, _ in seeds]), np.array([s for _, s in seeds])


def _check_against_importance_sampling(K, sweeps, **settings):
    # The sampler's P(N <= x) at a low, a middle and a high point against importance sampling (4 seeds x
    # 1,000,000 prior draws). The tolerance is the Monte Carlo error of both, not a guess: the sampler's
    # from the effective sample size of the indicator N <= x, the reference's from the delta method,
    # checked first against the scatter of its 4 seeds (were the importance weights too heavy-tailed to
    # trust, the seeds would disagree by more than their errors say). z for a 1-in-1,000 false alarm over
    # every comparison of the test (Bonferroni).
    cells, counts, points, est, se = _reference(K)
    ref = est.mean(0)
    ref_se = np.sqrt((se**2).sum(0)) / len(est)
    z = stats.norm.isf(0.001 / 2 / (len(points) * (len(est) + 1)))
    assert np.all(np.abs(est - ref) <= z * se), (est, se)  # the reference agrees with itself
    t = ContingencyTable(lists=("A", "B", "C"), cells=cells, counts=counts)
    st = LcmcrSettings(K=K, iterations=sweeps, max_iterations=sweeps, chains=4, seed=3, thin=1, **settings)
    fit = lcmcr(t, st)
    draws = fit.chains
    got = np.array([np.mean(draws <= x) for x in points])
    got_se = np.sqrt(
        [g * (1 - g) / _ess((draws <= x).astype(float)) for g, x in zip(got, points, strict=True)]
    )
    assert np.all(np.abs(got - ref) <= z * np.hypot(got_se, ref_se)), (got, got_se, ref, ref_se)
    return fit


def test_the_sampler_draws_the_posterior_an_independent_importance_sampler_computes():
    # A sampler can mix well, pass R-hat and still draw from the wrong distribution (a wrong acceptance
    # ratio, a move skipped on a condition that depends on what it moves): only an answer computed another
    # way catches that. Three small lists, two classes.
    _check_against_importance_sampling(K=2, sweeps=40_000)


def test_the_posterior_is_right_with_the_default_ten_classes_where_most_weights_round_to_nothing():
    # With K = 10 the data leave alpha small (posterior median near 0.03): the classes after the first
    # hold weights far below 1e-16 and 1 - v_k of their sticks is below what a double next to 1 holds.
    # The sampler used to clamp v_k at 1 - 1e-12 and to read the stick left at class k as 1 - (pi_1 +
    # ...), which is all rounding there: the label swaps then favoured spreading people over more
    # classes, alpha went from about 0.03 to about 1, and P(N <= 144) was 0.19 where it is 0.08 (issue 20).
    _check_against_importance_sampling(K=10, sweeps=40_000)


def test_parallel_tempering_keeps_the_posterior_of_the_table_itself():
    # The tempered ladder (issue 20: sticky sparse tables) must leave level 0's target unchanged: a swap
    # ratio missing a term (the 1 / (1 - p0)^n of each level's table, a level's own likelihood in place of
    # its neighbour's) pulls the table's chain toward the smaller tables' wider posteriors. Tempered from
    # the first sweep, every sweep proposing swaps, on a ladder down to half the people, so that the
    # levels differ and swaps are frequent; checked against the same importance sampler as above. The hot
    # levels make one round of moves per sweep (hot_rounds), the table's level its usual 3: a level's
    # sampler need only keep its own posterior, and a mix-up of which level gets which would show here.
    fit = _check_against_importance_sampling(
        K=10, sweeps=40_000, tempering="always", ladder=(1.0, 0.75, 0.5), burn_in=2_000, hot_rounds=1
    )
    swaps = fit.estimate.diagnostics["tempering"]["swap_acceptance"]
    assert len(swaps) == 2 and min(swaps) > 0.05, swaps  # the levels did exchange their parameters


def test_a_run_that_converges_at_once_is_not_tempered_and_its_draws_do_not_change():
    # Tempering costs a sweep per level: only a run that failed its first check pays for it, and a table
    # that converges in its first run gives exactly the estimate it gave before tempering existed.
    t = simulate_population(2000, np.array([0.6, 0.4]), np.array([[0.5, 0.3]] * 4), rng=3).table  # dense
    base = LcmcrSettings(iterations=3_000, chains=2, seed=4)
    never = lcmcr(t, base).estimate
    tempered = lcmcr(t, replace(base, tempering="continuation")).estimate
    assert tempered.diagnostics["iterations"] == 3_000 and "tempering" not in tempered.diagnostics
    assert (tempered.N, tempered.low, tempered.high) == (never.N, never.low, never.high)


def test_a_run_that_fails_its_first_check_is_continued_on_a_tempered_ladder():
    t = _table()
    st = LcmcrSettings(
        iterations=400,
        max_iterations=800,
        chains=2,
        seed=4,
        ess_min=5e3,
        ladder=(1.0, 0.8),
        tempering="continuation",
    )
    e = lcmcr(t, st).estimate
    assert e.diagnostics["iterations"] == 800  # 400 untempered, then continued
    assert e.diagnostics["burn_in"] == 400  # the untempered sweeps, where the chains stuck, are burn-in
    assert e.diagnostics["tempering"]["ladder"] == [1.0, 0.8]
    assert e.diagnostics["tempering"]["swap_acceptance"][0] > 0


def test_tempering_waits_for_temper_after_so_runs_converging_before_keep_their_draws():
    # Tempering only the runs still failing after temper_after sweeps (issue 20): a run that fails its
    # first check before then is continued untempered, exactly as without tempering, and tempered once it
    # has run temper_after sweeps and still fails; the untempered sweeps are then all burn-in.
    t = _table()
    base = LcmcrSettings(iterations=400, max_iterations=1_600, chains=2, seed=4, ess_min=5e4)
    st = replace(base, tempering="continuation", temper_after=800, ladder=(1.0, 0.8), hot_rounds=1)
    e = lcmcr(t, st).estimate
    assert e.diagnostics["iterations"] == 1_600  # 400, then 400 more untempered, then 800 tempered
    assert e.diagnostics["burn_in"] == 800
    assert e.diagnostics["tempering"]["swap_acceptance"][0] > 0
    # not yet at temper_after when the budget ends: never tempered, the untempered run's very draws
    short = replace(base, max_iterations=800)
    late = lcmcr(t, replace(short, tempering="continuation", temper_after=800))
    never = lcmcr(t, short)
    assert "tempering" not in late.estimate.diagnostics
    assert np.array_equal(late.chains, never.chains)


def test_one_class_is_the_independence_model_and_runs():
    # --classes 1 used to crash in the label swaps (there is no other label to swap with)
    t = _table()
    e = lcmcr(t, LcmcrSettings(K=1, iterations=2000, max_iterations=2000, chains=2, seed=1)).estimate
    assert e.diagnostics["occupied_classes_max"] == 1
    assert e.low is not None or e.diagnostics.get("unconverged")
