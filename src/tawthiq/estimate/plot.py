"""A picture of the estimate: the posterior (or approximate) distribution of N, as a PNG.

In: :class:`Fit` values (one per method) and a path. Out: one PNG file, one panel per method, with the
point estimate, the 95% interval and the observed count marked. Never: opens a window (Agg backend).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ._fit import Fit

__all__ = ["plot_posterior"]

_LABEL = {
    "lcmcr": "LCMCR posterior of N",
    "loglinear": "log-linear, model-averaged (approximate) distribution of N",
}


def plot_posterior(fits: Sequence[Fit], path: str | Path, title: str | None = None) -> Path:
    """Write a histogram of each fit's draws of N to ``path`` (PNG) and return the path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    path = Path(path)
    fig, axes = plt.subplots(len(fits), 1, figsize=(7, 2.8 * len(fits)), squeeze=False)
    for ax, fit in zip(axes[:, 0], fits, strict=True):
        e = fit.estimate
        draws = np.asarray(fit.draws, dtype=float)
        hi = np.quantile(draws, 0.995)
        ax.hist(draws[draws <= hi], bins=60, color="#4a7ab5", alpha=0.8)
        ax.axvline(e.observed, color="black", ls=":", label=f"observed {e.observed:,}")
        if e.N is not None:
            ax.axvline(e.N, color="#c0392b", label=f"N = {e.N:,}")
        for v in (e.low, e.high):
            if v is not None:
                ax.axvline(v, color="#c0392b", ls="--")
        if e.N is None or e.low is None:
            interval = (
                "did not converge: not an estimate" if e.status == "did_not_converge" else "no estimate"
            )
        else:
            interval = f"95%: {e.low:,}–{e.high:,}" if e.high is not None else f"95%: {e.low:,}–unbounded"
        ax.set_title(f"{_LABEL.get(e.method, e.method)} ({interval})", fontsize=9)
        ax.set_xlabel("N (people)")
        ax.set_yticks([])
        ax.legend(fontsize=8, loc="upper right")
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, format="png", dpi=110)
    plt.close(fig)
    return path
