"""What every estimator returns: the Estimate and the draws of N behind it. Pure data, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tawthiq.entities import Estimate

__all__ = ["Fit"]


@dataclass(frozen=True, eq=False)
class Fit:
    """An estimate and draws of N behind it (posterior draws, or draws from an approximate distribution).

    The draws are what a plot shows and what stratum totals add up; they never go into JSON. ``chains``
    holds the same draws as (chains, draws) when a sampler made them (for trace plots), else None.
    """

    estimate: Estimate
    draws: np.ndarray
    chains: np.ndarray | None = None
