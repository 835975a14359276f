"""Why an estimate did not converge, as data, and its English sentence (issue 18).

In: what the sampler found (R-hat, ESS, the sweeps run, the list pairs that share nobody), or the
strata or linkage draws that did not converge. Out: an :class:`~tawthiq.entities.EstimateReason`
(a code of :data:`REASON_CODES` and its values) and :func:`say_reason`, the English text of
``Estimate.reason`` written from it (what the CLI prints and the saved run keeps). The web writes the
same reason in its own language from the same data. Never: decides whether an estimate converged.
"""

from __future__ import annotations

from collections.abc import Sequence

from tawthiq.entities import EstimateReason

__all__ = ["REASON_CODES", "chains_reason", "linkage_reason", "say_reason", "strata_reason"]

# chains: one table's chains disagree or hold too few independent draws; strata: a stratified
# total's strata did not all converge; linkage: some draws of the linkage did not.
REASON_CODES = ("chains", "strata", "linkage")


def chains_reason(
    *,
    iterations: int,
    chains: int,
    r_hat: float | None,
    r_hat_max: float,
    ess: float,
    ess_min: float,
    unlinked_pairs: Sequence[str],
) -> EstimateReason:
    """Why one table's chains did not converge: R-hat at or above its bound (``r_hat`` kept only
    then), too few independent draws (``ess`` kept only then), and the list pairs sharing nobody."""
    disagree = r_hat is not None and r_hat >= r_hat_max
    return EstimateReason(
        code="chains",
        values={
            "iterations": iterations,
            "chains": chains,
            "r_hat": r_hat if disagree else None,
            "r_hat_max": r_hat_max,
            "ess": round(ess) if ess < ess_min else None,
            "ess_min": round(ess_min),
            "unlinked_pairs": tuple(unlinked_pairs),
        },
    )


def strata_reason(strata: Sequence[str], first: EstimateReason | None) -> EstimateReason:
    return EstimateReason(code="strata", values={"strata": tuple(strata)}, first=first)


def linkage_reason(failed: int, draws: int, first: EstimateReason | None) -> EstimateReason:
    return EstimateReason(code="linkage", values={"failed": failed, "draws": draws}, first=first)


def say_reason(why: EstimateReason | None) -> str:
    """The English sentence of ``why`` (``Estimate.reason``)."""
    if why is None:
        return ""
    v = why.values
    if why.code == "strata":
        return (
            f"stratum(s) {', '.join(v['strata'])} did not converge, so neither does their total; "
            f"first: {say_reason(why.first)}"
        )
    if why.code == "linkage":
        return f"{v['failed']} of {v['draws']} linkage draws did not converge; first: {say_reason(why.first)}"
    ran, parts = v["iterations"], []
    if v["r_hat"] is not None:
        parts.append(f"the {v['chains']} chains disagree (R-hat {v['r_hat']} ≥ {v['r_hat_max']})")
    if v["ess"] is not None:
        parts.append(f"too few independent draws (ESS {v['ess']:.0f} < {v['ess_min']:.0f})")
    zero = v["unlinked_pairs"]
    sparse = f"; {len(zero)} pair(s) of lists share nobody ({', '.join(zero[:3])})" if zero else ""
    return (
        f"did not converge after {ran:,} iterations per chain: {' and '.join(parts)}{sparse}. "
        f"Try: more iterations (e.g. --iterations {2 * ran:,}), merging or dropping small lists, "
        "stratifying less finely, or the log-linear estimate (--method loglinear) for comparison"
    )
