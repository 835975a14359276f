"""What every estimator returns: the Estimate and the draws of N behind it, and the rule that an estimate
whose chains did not converge carries no number."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tawthiq.entities import Estimate

__all__ = ["Fit", "withhold"]


@dataclass(frozen=True, eq=False)
class Fit:
    """An estimate and draws of N behind it (posterior draws, or draws from an approximate distribution).

    The draws are what a plot shows and what stratum totals add up; they never go into JSON. ``chains``
    holds the same draws as (chains, draws) when a sampler made them (for trace plots), else None.
    """

    estimate: Estimate
    draws: np.ndarray
    chains: np.ndarray | None = None


def withhold(estimate: Estimate) -> Estimate:
    """``estimate`` without its numbers when it did not converge (issue 20): N, low and high None.

    The figures the chains happened to give move to ``diagnostics["unconverged"]``, marked as being for
    diagnosis only, so nobody can print an unconverged N by reading ``N``; the reason stays in ``reason``.
    An estimate that converged is returned unchanged.
    """
    if estimate.status != "did_not_converge" or estimate.N is None:
        return estimate
    kept = {
        "N": estimate.N,
        "low": estimate.low,
        "high": estimate.high,
        "note": "for diagnosis only: the chains did not converge, so this is not an estimate",
    }
    return estimate.model_copy(
        update={
            "N": None,
            "low": None,
            "high": None,
            "diagnostics": {**estimate.diagnostics, "unconverged": kept},
        }
    )
