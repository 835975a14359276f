"""LCMCR: Bayesian latent-class estimate of N from one contingency table.

In: a :class:`ContingencyTable` (at least 3 lists) and sampler settings. Out: a :class:`Fit` whose
``estimate`` holds the posterior median of N, the 95% equal-tailed credible interval and the convergence
diagnostics (split R-hat and bulk/tail ESS from ArviZ over the chains), and whose ``draws`` are the pooled
posterior draws of N. Never: reads files or a database; the result depends only on the table and the seed.
"""

from __future__ import annotations

import os
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from tawthiq.entities import Estimate
from tawthiq.errors import EstimationError

from ._fit import Fit
from ._lcmcr_kernel import gibbs_chain
from ._table import ContingencyTable

__all__ = ["Fit", "LcmcrSettings", "lcmcr"]


@dataclass(frozen=True)
class LcmcrSettings:
    """Sampler settings; defaults follow the LCMCR R package (K=10, a_alpha=b_alpha=0.25)."""

    K: int = 10
    iterations: int = 100_000  # per chain, burn-in included (the sampler mixes slowly on sparse tables)
    burn_in: int | None = None  # default: half the iterations
    thin: int = 50
    chains: int = 4
    seed: int = 0
    a_alpha: float = 0.25
    b_alpha: float = 0.25
    workers: int | None = None  # threads for the chains (default: one per core)

    def checked(self) -> LcmcrSettings:
        if self.K < 1 or self.iterations < 2 or self.thin < 1 or self.chains < 1:
            raise EstimationError("lcmcr: K, iterations, thin and chains must be positive")
        burn = self.iterations // 2 if self.burn_in is None else self.burn_in
        if not 0 <= burn < self.iterations:
            raise EstimationError("lcmcr: burn-in must be between 0 and the number of iterations")
        if (self.iterations - burn) // self.thin < 2:
            raise EstimationError("lcmcr: too few iterations after burn-in and thinning to keep 2 draws")
        return replace(self, burn_in=burn)


def _convergence(draws: np.ndarray) -> dict[str, float | None]:
    """Split R-hat and ESS of N over (chains, draws), from ArviZ."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ArviZ's import-time FutureWarning about its refactor
        import arviz as az

        x = draws.astype(float)
        if np.all(x == x[0, 0]):
            return {"r_hat": None, "ess_bulk": None, "ess_tail": None}
        return {
            "r_hat": round(float(az.rhat(x)), 4),
            "ess_bulk": round(float(az.ess(x, method="bulk")), 1),
            "ess_tail": round(float(az.ess(x, method="tail")), 1),
        }


def lcmcr(table: ContingencyTable, settings: LcmcrSettings | None = None) -> Fit:
    """Estimate N with the latent-class model; chains use seeds ``seed``, ``seed+1``, …"""
    st = (settings or LcmcrSettings()).checked()
    table = table.without_empty_lists()
    if table.n_lists < 3:
        raise EstimationError(f"lcmcr needs at least 3 lists, the table has {table.n_lists}")
    if table.observed == 0:
        raise EstimationError("nobody observed: nothing to estimate")
    cells = np.ascontiguousarray(table.cells, dtype=np.int8)
    counts = np.ascontiguousarray(table.counts, dtype=np.int64)

    def chain(c: int):
        return gibbs_chain(
            cells, counts, st.K, st.a_alpha, st.b_alpha, st.iterations, st.burn_in, st.thin, st.seed + c
        )

    workers = max(1, min(st.chains, st.workers or os.cpu_count() or 1))
    if workers == 1:
        results = [chain(c) for c in range(st.chains)]
    else:
        with ThreadPoolExecutor(workers) as pool:  # the kernel releases the GIL
            results = list(pool.map(chain, range(st.chains)))
    chains_n = [r[0] for r in results]
    chains_alpha = [r[1] for r in results]
    chains_k = [r[2] for r in results]
    draws = np.stack(chains_n)
    pooled = draws.reshape(-1)
    low, med, high = np.quantile(pooled, [0.025, 0.5, 0.975])
    diag: dict[str, object] = {
        **table.diagnostics(),
        "posterior_mean": round(float(pooled.mean()), 1),
        "posterior_median": float(med),
        "convergence": _convergence(draws),
        "chains": st.chains,
        "draws_per_chain": int(draws.shape[1]),
        "iterations": st.iterations,
        "burn_in": st.burn_in,
        "thin": st.thin,
        "K": st.K,
        "seed": st.seed,
        "occupied_classes_mean": round(float(np.concatenate(chains_k).mean()), 2),
        "alpha_mean": round(float(np.concatenate(chains_alpha).mean()), 3),
    }
    est = Estimate(
        method="lcmcr",
        N=round(med),
        low=int(np.floor(low)),
        high=int(np.ceil(high)),
        observed=table.observed,
        stratum=table.stratum,
        lists=table.lists,
        diagnostics=diag,
    )
    return Fit(est, pooled)
