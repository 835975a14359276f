"""Convergence of MCMC draws: rank-normalized split R-hat and bulk/tail ESS (Vehtari et al. 2021).

In: draws of one quantity as a (chains, draws) array. Out: R-hat, bulk ESS and tail ESS, the numbers
ArviZ's ``rhat`` (method "rank") and ``ess`` (methods "bulk" and "tail") give, and the same formulas.
Never: imports ArviZ, whose import alone took 4–11 s on the shared machine, longer than the sampling it
judges; ``tests/estimate/test_convergence.py`` checks these against ArviZ when it is installed.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtri

__all__ = ["convergence"]


def _split(x: np.ndarray) -> np.ndarray:
    """Each chain cut in two halves (the middle draw dropped when odd): trends show as between-chain."""
    half = x.shape[1] // 2
    return np.concatenate([x[:, :half], x[:, x.shape[1] - half :]], axis=0)


def _ranks(x: np.ndarray) -> np.ndarray:
    """Average ranks (ties share the mean of their ranks) of all draws together, 1-based."""
    flat = x.reshape(-1)
    _, inverse, counts = np.unique(flat, return_inverse=True, return_counts=True)
    before = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return (before + (counts + 1) / 2.0)[inverse].reshape(x.shape)


def _z(x: np.ndarray) -> np.ndarray:
    """Rank-normalization: ranks mapped to normal quantiles."""
    return ndtri((_ranks(x) - 3.0 / 8.0) / (x.size + 1.0 / 4.0))


def _rhat(x: np.ndarray) -> float:
    n = x.shape[1]
    between = n * np.var(x.mean(axis=1), ddof=1)
    within = np.mean(np.var(x, axis=1, ddof=1))
    if within == 0:
        return float("nan")
    return float(np.sqrt((between / within + n - 1) / n))


def _autocov(x: np.ndarray) -> np.ndarray:
    """Biased autocovariance of each chain at every lag, by FFT."""
    n = x.shape[1]
    size = 1 << (2 * n - 1).bit_length()
    centred = x - x.mean(axis=1, keepdims=True)
    f = np.fft.rfft(centred, size, axis=1)
    return np.fft.irfft(f * np.conj(f), size, axis=1)[:, :n] / n


def _ess(x: np.ndarray) -> float:
    """Effective sample size with Geyer's initial monotone sequence over chains (as Stan and ArviZ)."""
    m, n = x.shape
    if n < 4:
        return float("nan")
    acov = _autocov(x)
    mean_var = np.mean(acov[:, 0]) * n / (n - 1.0)
    var_plus = mean_var * (n - 1.0) / n
    if m > 1:
        var_plus += np.var(x.mean(axis=1), ddof=1)
    if var_plus <= 0:
        return float("nan")
    rho = 1.0 - (mean_var - acov.mean(axis=0)) / var_plus
    rho[0] = 1.0
    out = np.zeros(n)
    out[0], out[1] = 1.0, rho[1]
    even, odd = 1.0, rho[1]
    t = 1
    while t < n - 3 and even + odd > 0.0:
        even, odd = rho[t + 1], rho[t + 2]
        if even + odd >= 0:
            out[t + 1], out[t + 2] = even, odd
        t += 2
    max_t = t - 2
    if even > 0:
        out[max_t + 1] = even
    t = 1
    while t <= max_t - 2:  # monotone: a sum of pairs never rises
        if out[t + 1] + out[t + 2] > out[t - 1] + out[t]:
            out[t + 1] = out[t + 2] = (out[t - 1] + out[t]) / 2.0
        t += 2
    total = m * n
    tau = -1.0 + 2.0 * np.sum(out[: max_t + 1]) + np.sum(out[max_t + 1 : max_t + 2])
    tau = max(tau, 1.0 / np.log10(total))
    return float(total / tau)


def convergence(draws: np.ndarray) -> dict[str, float | None]:
    """R-hat (rank-normalized split, and folded: the larger), bulk ESS and tail ESS of (chains, draws).

    All None when every draw is the same number (nothing to judge: e.g. a table where nobody can be missed).
    """
    x = np.asarray(draws, dtype=float)
    if x.ndim != 2 or x.shape[0] < 1 or x.shape[1] < 4 or np.all(x == x.flat[0]):
        return {"r_hat": None, "ess_bulk": None, "ess_tail": None}
    sx = _split(x)
    z = _z(sx)
    folded = _z(np.abs(sx - np.median(sx)))
    r = max(_rhat(z), _rhat(folded))
    tails = []
    for q in (0.05, 0.95):
        ind = (sx <= np.quantile(sx, q)).astype(float)
        if np.all(ind == ind.flat[0]):
            continue
        tails.append(_ess(ind))
    return {
        "r_hat": None if np.isnan(r) else round(r, 4),
        "ess_bulk": round(_ess(z), 1),
        "ess_tail": round(min(tails), 1) if tails else None,
    }
