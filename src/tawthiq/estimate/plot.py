"""Pictures of an estimate people can read: the distribution of N, the strata side by side, the chains.

In: :class:`Fit` values (one per method) and a path ending in ``.png`` or ``.svg``. Out: one file with, per
method, the distribution of N (the posterior for LCMCR, the model-averaged approximate distribution for
log-linear) with N, the 95% interval and the documented count marked; when there are strata, each
stratum's documented count, N and interval side by side with the total's; for LCMCR on one table, the
trace of every chain (what "converged" means, to the eye). An estimate that did not converge is titled
so, and shows no N. Never: opens a window (Agg backend).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tawthiq.errors import InputError

from ._fit import Fit
from ._strata import stratum_label

__all__ = ["PLOT_FORMATS", "plot_posterior"]

PLOT_FORMATS = (".png", ".svg")

_LABEL = {
    "lcmcr": "LCMCR posterior of N",
    "loglinear": "log-linear, model-averaged (approximate) distribution of N",
}


def _interval(e) -> str:
    if e.N is None or e.low is None:
        return "did not converge: not an estimate" if e.status == "did_not_converge" else "no estimate"
    return f"N = {e.N:,}; 95%: {e.low:,}–{e.high:,}" if e.high is not None else f"95%: {e.low:,}–unbounded"


def _bins(draws, most: int = 60):
    """Histogram bins for draws of N: for whole numbers, edges at half-integers and every bar as wide
    as every other in people, so no bar is taller for holding two counts where its neighbour holds
    one (60 equal bins over 84 counts drew a comb of false peaks); else ``most`` equal bins."""
    import numpy as np

    if len(draws) == 0 or not np.all(np.mod(draws, 1) == 0):
        return most
    lo, hi = int(draws.min()), int(draws.max())
    width = max(1, -(-(hi - lo + 1) // most))  # ceil: at most ``most`` bars
    return np.arange(lo - 0.5, hi + 0.5 + width, width)


def _posterior(ax, fit: Fit) -> None:
    import numpy as np

    e = fit.estimate
    draws = np.asarray(fit.draws, dtype=float)
    hi = np.quantile(draws, 0.995)
    shown = draws[draws <= hi]
    ax.hist(shown, bins=_bins(shown), color="#4a7ab5", alpha=0.8)
    ax.axvline(e.observed, color="black", ls=":", label=f"documented {e.observed:,}")
    if e.N is not None:
        ax.axvline(e.N, color="#c0392b", label=f"N = {e.N:,}")
    for v in (e.low, e.high):
        if v is not None:
            ax.axvline(v, color="#c0392b", ls="--")
    ax.set_title(f"{_LABEL.get(e.method, e.method)} ({_interval(e)})", fontsize=9)
    ax.set_xlabel("N (people)")
    ax.set_yticks([])
    ax.legend(fontsize=8, loc="upper right")


def _strata(ax, fit: Fit) -> None:
    e = fit.estimate
    rows = [*e.strata, e]
    labels = [stratum_label(s.stratum) for s in e.strata] + ["total"]
    for y, s in enumerate(rows):
        if s.N is not None and s.low is not None:
            high = s.high if s.high is not None else s.N * 3
            ax.plot([s.low, high], [y, y], color="#4a7ab5", lw=5, alpha=0.6, solid_capstyle="butt")
            ax.plot([s.N], [y], "o", color="#c0392b")
        else:
            ax.text(s.observed, y, "  " + _interval(s), va="center", fontsize=8, color="#8a1c1c")
        ax.plot([s.observed], [y], "|", color="black", ms=14, mew=2)
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(left=0)
    ax.set_xlabel("people (bar: 95% interval, dot: N, tick: documented)")
    ax.set_title(f"{e.method}: strata side by side, and their total", fontsize=9)


def _traces(ax, fit: Fit) -> None:
    chains = fit.chains
    assert chains is not None
    for c, draws in enumerate(chains):
        ax.plot(draws, lw=0.5, alpha=0.8, label=f"chain {c + 1}")
    conv = fit.estimate.diagnostics.get("convergence", {})
    ax.set_title(
        f"{fit.estimate.method}: trace of N per chain after burn-in (R-hat {conv.get('r_hat')}, "
        f"ESS {conv.get('ess_bulk')}): chains that converged overlap",
        fontsize=9,
    )
    ax.set_xlabel("kept draw")
    ax.legend(fontsize=7, loc="upper right", ncol=min(4, len(chains)))


def plot_posterior(fits: Sequence[Fit], path: str | Path, title: str | None = None) -> Path:
    """Write the panels of every fit to ``path`` (PNG or SVG, by its suffix) and return the path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    fmt = path.suffix.lower()
    if fmt not in PLOT_FORMATS:
        raise InputError(
            f"the plot is written as .png or .svg, not '{path.suffix or path.name}'", field="--plot"
        )
    panels = []
    for fit in fits:
        panels.append((_posterior, fit))
        if fit.estimate.strata:
            panels.append((_strata, fit))
        if fit.chains is not None:
            panels.append((_traces, fit))
    heights = [
        2.8 if draw is not _strata else 0.6 + 0.35 * (len(f.estimate.strata) + 1) for draw, f in panels
    ]
    fig, axes = plt.subplots(
        len(panels), 1, figsize=(7.5, sum(heights)), squeeze=False, gridspec_kw={"height_ratios": heights}
    )
    for ax, (draw, fit) in zip(axes[:, 0], panels, strict=True):
        draw(ax, fit)
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    try:
        fig.savefig(path, format=fmt[1:], dpi=110)
    except OSError as exc:
        raise InputError(f"cannot write the plot: {exc.strerror}", path=path, field="--plot") from exc
    finally:
        plt.close(fig)
    return path
