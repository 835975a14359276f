"""LCMCR: Bayesian latent-class estimate of N from one contingency table.

In: a :class:`ContingencyTable` (at least 3 lists) and sampler settings. Out: a :class:`Fit` whose
``estimate`` holds the posterior median of N, the 95% equal-tailed credible interval, the convergence
diagnostics (rank-normalized split R-hat and bulk/tail ESS over the chains) and ``status``
(``did_not_converge`` with the reason and what to try when the chains never agreed), and whose ``draws``
are the pooled posterior draws of N. An estimate that did not converge has N, low and high None (the
figures the chains gave are in ``diagnostics["unconverged"]``, for diagnosis only). Never: reads files
or a database; the result depends only on the table, the settings and the seed (not on the number of
threads).

Chains run in parallel threads (the numba kernel releases the GIL), one per core. They run
``iterations`` each; while R-hat or ESS say the draws are not yet enough, every chain is continued by
half to all of its length (as much as the ESS says is missing), up to ``max_iterations``; the first
quarter of every chain is discarded as burn-in (half, when the draws after a quarter fail the check and
those after half pass: a chain that started far from the bulk).
Dense tables stop after the first run; sparse ones, whose chains move in long excursions, get the longer
runs they need, and are flagged when even those are not enough. With ``tempering="continuation"``, a
run that fails its first check is continued with parallel tempering (``LcmcrSettings.ladder``;
``_lcmcr_kernel.tempered_block``): each chain the first level of a ladder whose other levels sample
the same table with fewer people and carry it between the arrangements of the classes where it would
stick (issue 20). A run that passes its first check is never tempered, so its draws are those of the
untempered sampler.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from tawthiq.entities import Estimate, EstimateReason
from tawthiq.errors import EstimationError

from ._convergence import convergence
from ._fit import Fit, withhold
from ._lcmcr_kernel import initial_state, level_counts, run_block, run_tempered, tempered_state
from ._reasons import chains_reason, say_reason
from ._table import ContingencyTable

__all__ = ["Fit", "LcmcrSettings", "lcmcr"]


@dataclass(frozen=True)
class LcmcrSettings:
    """Sampler settings; the prior follows the LCMCR R package (K=10, a_alpha=b_alpha=0.25).

    ``iterations`` per chain in the first run (burn-in included); chains are continued, by half to all of
    their length, up to ``max_iterations`` until R-hat < ``r_hat_max`` and bulk and tail ESS >=
    ``ess_min``. ``burn_in`` defaults to a quarter of the iterations run. ``thin`` only thins the draws
    returned (ESS is computed on every draw). ``rounds``: rounds of the Metropolis moves under the
    observed-data likelihood per sweep (1 is the sampler before issue 20's speed work).
    """

    K: int = 10
    iterations: int = 2_500  # the first check; 5,000 before session 22 (candidate C, docs/estimation.md)
    # 2 chains x 160,000 since session 24 (4 x 80,000 before: the same budget of chain-sweeps, half the
    # CPU on the tables that pass their first check; docs/estimation.md, Speed)
    max_iterations: int = 160_000
    burn_in: int | None = None
    thin: int = 5
    chains: int = 2
    seed: int = 0
    a_alpha: float = 0.25
    b_alpha: float = 0.25
    workers: int | None = None  # threads for the chains (default: one per core)
    r_hat_max: float = 1.02
    ess_min: float = 400.0
    rounds: int = 3  # rounds of the Metropolis moves under the observed-data likelihood per sweep
    # parallel tempering (see _lcmcr_kernel.tempered_block): the tables each chain's ladder samples, as
    # fractions of the people in the table (1.0 first: that level's draws are the estimate), and when:
    # "continuation" (a run that did not converge in its first run is continued tempered), "always" or
    # "never" (the default: tempering brings stuck tables to convergence but costs a sweep per level,
    # more CPU than it saves on the tables measured; docs/estimation.md, Speed)
    ladder: tuple[float, ...] = (1.0, 0.8, 0.6)
    tempering: str = "never"
    # "continuation" tempers a run only when a check fails after at least this many sweeps per chain (the
    # first check is at ``iterations``): runs that converge by then keep their untempered draws
    temper_after: int = 0
    hot_rounds: int | None = None  # rounds of moves per sweep on the ladder's other levels (None: rounds)
    # when the draws after a quarter's burn-in fail the check, check those after half: a chain that
    # started far from the bulk is burnt without running 4 times its way there (issue 20, session 22)
    half_burn_in: bool = True

    def checked(self) -> LcmcrSettings:
        if self.K < 1 or self.iterations < 2 or self.thin < 1 or self.chains < 1 or self.rounds < 1:
            raise EstimationError("lcmcr: K, iterations, thin, chains and rounds must be positive")
        if self.temper_after < 0 or (self.hot_rounds is not None and self.hot_rounds < 1):
            raise EstimationError("lcmcr: temper_after must be 0 or more and hot_rounds positive")
        if self.tempering not in ("never", "continuation", "always"):
            raise EstimationError("lcmcr: tempering is never, continuation or always")
        if not self.ladder or self.ladder[0] != 1.0 or any(not 0.5 <= b <= 1.0 for b in self.ladder):
            raise EstimationError("lcmcr: the ladder starts at 1.0 and holds fractions between 0.5 and 1")
        burn = self.iterations // 4 if self.burn_in is None else self.burn_in
        if not 0 <= burn < self.iterations:
            raise EstimationError("lcmcr: burn-in must be between 0 and the number of iterations")
        if (self.iterations - burn) // self.thin < 2:
            raise EstimationError("lcmcr: too few iterations after burn-in and thinning to keep 2 draws")
        return replace(self, max_iterations=max(self.max_iterations, self.iterations))


class _Chain:
    """One chain's state and every draw it has made so far."""

    def __init__(self, n_lists: int, st: LcmcrSettings, c: int) -> None:
        self.state = initial_state(n_lists, st.K, st.seed + c)
        self.c = c
        self.blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.ladder: dict | None = None  # the tempered ladder, once the chain is tempered

    def temper(self, ladder: tuple[float, ...]) -> None:
        """From now on, run as level 0 of a ladder started from this chain's state."""
        self.ladder = tempered_state(self.state, ladder)

    def run(self, cells: np.ndarray, counts: np.ndarray, st: LcmcrSettings, n: int) -> None:
        seed = int(np.random.SeedSequence([st.seed, self.c, len(self.blocks)]).generate_state(1)[0])
        if self.ladder is not None:
            by_level = level_counts(counts, st.ladder)
            out = run_tempered(
                cells, by_level, st.K, st.a_alpha, st.b_alpha, self.ladder, n, seed, st.rounds, st.hot_rounds
            )  # fmt: skip
        else:
            adapt = _tuning(n) if not self.blocks else 0  # tune proposals in the first burn-in only
            out = run_block(
                cells, counts, st.K, st.a_alpha, st.b_alpha, self.state, n, adapt, seed, st.rounds
            )  # fmt: skip
        self.blocks.append(out)

    def draws(self, i: int) -> np.ndarray:
        return np.concatenate([b[i] for b in self.blocks])


def _tuning(first: int) -> int:
    """Sweeps of the first run that tune the proposal scales (then burnt): a quarter of the run, at most
    2,000, and at least 1,250 when the run has 2,500 sweeps or more, so that a short first check does not
    shorten the tuning (issue 20, candidate C in docs/estimation.md)."""
    return min(2000, max(first // 4, 1250 if first >= 2500 else 0))


def _ok(conv: dict[str, float | None], st: LcmcrSettings) -> bool:
    r, eb, et = conv["r_hat"], conv["ess_bulk"], conv["ess_tail"]
    if r is None:  # every draw the same: nothing to converge
        return True
    return r < st.r_hat_max and (eb or 0) >= st.ess_min and (et or 0) >= st.ess_min


def _checked(n_all: np.ndarray, burn: int, st: LcmcrSettings) -> tuple[int, np.ndarray, dict]:
    """The burn-in, the draws of N kept (chains x draws) and their convergence figures: the draws after
    ``burn``; when those fail the check and ``st.half_burn_in`` is set, the draws of the second half
    if they pass. A chain that started far from the bulk can take longer than a quarter of the run to
    reach it (issue 20, session 22); burning the first half is the classic rule (Gelman et al., BDA3
    11.4). Draws that pass after ``burn`` are kept as they are."""
    kept = n_all[:, burn:]
    conv = convergence(kept)
    half = n_all.shape[1] // 2
    if not _ok(conv, st) and st.burn_in is None and st.half_burn_in and half > burn:
        conv_half = convergence(n_all[:, half:])
        if _ok(conv_half, st):
            return half, n_all[:, half:], conv_half
    return burn, kept, conv


def _next_step(conv: dict[str, float | None], st: LcmcrSettings, ran: int) -> int:
    """Sweeps to add to every chain: what the ESS says is missing (ESS grows with the draws kept), with
    a 10% margin, at least half and at most all of the length run so far (R-hat has no such forecast:
    when only it fails, half)."""
    ess = min(conv["ess_bulk"] or 0.0, conv["ess_tail"] or 0.0)
    want = ran * 1.1 * st.ess_min / ess - ran if ess > 0 else ran
    return int(min(max(want, ran / 2), ran))


def _reason(
    conv: dict[str, float | None], st: LcmcrSettings, ran: int, table: ContingencyTable
) -> EstimateReason:
    return chains_reason(
        iterations=ran,
        chains=st.chains,
        r_hat=conv["r_hat"],
        r_hat_max=st.r_hat_max,
        ess=min(conv["ess_bulk"] or 0, conv["ess_tail"] or 0),
        ess_min=st.ess_min,
        unlinked_pairs=[k for k, v in table.overlaps().items() if v == 0],
    )


def _tempering(chains: list[_Chain], st: LcmcrSettings) -> dict[str, object]:
    """The ladder and the share of proposed swaps accepted between each pair of neighbouring levels."""
    tries = sum(ch.ladder["tries"] for ch in chains if ch.ladder is not None)
    acc = sum(ch.ladder["accepted"] for ch in chains if ch.ladder is not None)
    return {
        "ladder": list(st.ladder),
        "swap_acceptance": [round(float(a) / max(int(t), 1), 3) for a, t in zip(acc, tries, strict=True)],
    }


def lcmcr(table: ContingencyTable, settings: LcmcrSettings | None = None) -> Fit:
    """Estimate N with the latent-class model; run chains until they agree (or the budget ends)."""
    st = (settings or LcmcrSettings()).checked()
    table = table.without_empty_lists()
    if table.n_lists < 3:
        raise EstimationError(f"lcmcr needs at least 3 lists, the table has {table.n_lists}")
    if table.observed == 0:
        raise EstimationError("nobody observed: nothing to estimate")
    cells = np.ascontiguousarray(table.cells, dtype=np.int8)
    counts = np.ascontiguousarray(table.counts, dtype=np.int64)
    chains = [_Chain(table.n_lists, st, c) for c in range(st.chains)]
    tempered = st.tempering == "always" and len(st.ladder) > 1
    if tempered:
        for ch in chains:
            ch.temper(st.ladder)
    workers = max(1, min(st.chains, st.workers or os.cpu_count() or 1))
    pool = ThreadPoolExecutor(workers) if workers > 1 else None
    ran, step = 0, st.iterations
    tempered_at = 0  # sweeps run before the chains were tempered: burn-in, whatever its length
    try:
        while True:
            if pool is None:
                for ch in chains:
                    ch.run(cells, counts, st, step)
            else:
                list(pool.map(lambda ch, n=step: ch.run(cells, counts, st, n), chains))
            ran += step
            burn = (
                max(ran // 4, tempered_at, _tuning(st.iterations))
                if st.burn_in is None
                else min(st.burn_in, ran - 2)
            )
            burn, n_all, conv = _checked(np.stack([ch.draws(0) for ch in chains]), burn, st)
            if _ok(conv, st) or ran >= st.max_iterations:
                break
            step = min(_next_step(conv, st, ran), st.max_iterations - ran)
            if (
                not tempered
                and st.tempering == "continuation"
                and len(st.ladder) > 1
                and ran >= st.temper_after
            ):
                # the first run did not converge: the table is one whose chains stick (issue 20);
                # continue every chain as the cold level of a ladder, from where it stands
                # The untempered sweeps are then all burn-in: they are where the chains stuck, and kept
                # they would hold R-hat up until a quarter of the run outgrew them
                tempered, tempered_at = True, ran
                for ch in chains:
                    ch.temper(st.ladder)
    finally:
        if pool is not None:
            pool.shutdown()
    converged = _ok(conv, st)
    draws = n_all[:, :: st.thin]
    pooled = draws.reshape(-1)
    low, med, high = np.quantile(pooled, [0.025, 0.5, 0.975])
    occupied = np.concatenate([ch.draws(2)[burn:] for ch in chains])
    alpha = np.concatenate([ch.draws(1)[burn:] for ch in chains])
    diag: dict[str, object] = {
        **table.diagnostics(),
        "posterior_mean": round(float(pooled.mean()), 1),
        "posterior_median": float(med),
        "convergence": conv,
        "converged": converged,
        "chains": st.chains,
        "draws_per_chain": int(draws.shape[1]),
        "iterations": ran,
        "burn_in": burn,
        "thin": st.thin,
        "K": st.K,
        "seed": st.seed,
        "occupied_classes_mean": round(float(occupied.mean()), 2),
        "occupied_classes_max": int(occupied.max()),
        "alpha_mean": round(float(alpha.mean()), 3),
    }
    if tempered:
        diag["tempering"] = _tempering(chains, st)
    if occupied.max() >= st.K:
        diag["warning"] = (
            f"every one of the K={st.K} latent classes was used: the truncation may bind; "
            f"rerun with more classes (--classes {2 * st.K})"
        )
    why = None if converged else _reason(conv, st, ran, table)
    est = Estimate(
        method="lcmcr",
        N=round(med),
        low=int(np.floor(low)),
        high=int(np.ceil(high)),
        observed=table.observed,
        status="ok" if converged else "did_not_converge",
        reason=None if converged else say_reason(why),
        why=why,
        stratum=table.stratum,
        lists=table.lists,
        diagnostics=diag,
    )
    return Fit(withhold(est), pooled, chains=draws)
