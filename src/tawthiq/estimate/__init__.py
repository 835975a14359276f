"""estimate: multiple systems estimation — how many people, including those no list documented.

In: contingency tables of capture histories (:class:`ContingencyTable`, from a CSV with
:func:`read_table` or from linked persons with :func:`table_from_histories`), one per stratum.
Out: :class:`~tawthiq.entities.Estimate` values (N, 95% interval, observed, diagnostics, strata), inside
:class:`Fit` with the draws of N behind them.
Never: touches a database or the network; results depend only on the tables, the settings and the seed.

Methods: ``lcmcr`` (Bayesian latent-class model, Manrique-Vallier 2016) and ``loglinear`` (Poisson GLM
hierarchy with AIC/BIC selection, model averaging and profile-likelihood intervals). Strata are
estimated separately and the total is their sum (draws added, so the total's interval is a real one);
:func:`estimate_stratified` adds the check against the pooled table. An LCMCR estimate whose chains did
not converge has ``status == "did_not_converge"``, a ``reason`` and no number (N, low and high None);
``why`` is that reason as data (:data:`REASON_CODES`; :func:`say_reason` writes its English).
:func:`estimate_with_linkage_uncertainty` carries the doubt about unreviewed record pairs into N.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tawthiq.entities import Estimate
from tawthiq.errors import EstimationError

from ._fit import Fit, withhold
from ._lcmcr import LcmcrSettings, lcmcr
from ._linkage import LinkageFit, estimate_with_linkage_uncertainty, link_records_once
from ._loglinear import LoglinearSettings, loglinear, loglinear_model
from ._reasons import REASON_CODES, say_reason, strata_reason
from ._simulate import SCENARIOS, Population, random_population, simulate_population
from ._strata import AGE_GROUPS, age_group, estimate_stratified, stratum_label
from ._table import ContingencyTable, merge_tables, read_table, table_from_histories

__all__ = [
    "AGE_GROUPS",
    "METHODS",
    "MIN_LISTS",
    "REASON_CODES",
    "SCENARIOS",
    "ContingencyTable",
    "Fit",
    "LcmcrSettings",
    "LinkageFit",
    "LoglinearSettings",
    "Population",
    "age_group",
    "estimate_stratified",
    "estimate_tables",
    "estimate_with_linkage_uncertainty",
    "lcmcr",
    "link_records_once",
    "loglinear",
    "loglinear_model",
    "merge_tables",
    "random_population",
    "read_table",
    "runnable_methods",
    "say_reason",
    "simulate_population",
    "skipped_methods",
    "stratum_label",
    "table_from_histories",
]

METHODS = ("lcmcr", "loglinear")
MIN_LISTS = {"lcmcr": 3, "loglinear": 2}
"""Lists each method needs. LCMCR's latent classes are not identified from two lists; on two lists
the log-linear model is the independence model (Lincoln–Petersen). ``_lcmcr`` and ``_loglinear``
refuse tables below these; ``method="all"`` runs only the methods a table allows (issue 17)."""


def skipped_methods(tables: Sequence[ContingencyTable], method: str = "all") -> dict[str, str]:
    """The methods ``method`` stands for that these tables do not allow, each with the reason.

    Only ``"all"`` skips: a method asked for by name is run, and refuses with its own error.
    """
    if method != "all" or not tables:
        return {}
    n = tables[0].n_lists  # the strata of one table share its lists
    return {m: f"{m} needs at least {k} lists, the table has {n}" for m, k in MIN_LISTS.items() if n < k}


def runnable_methods(tables: Sequence[ContingencyTable], method: str) -> tuple[str, ...]:
    """The methods to run for ``method`` (lcmcr, loglinear or all) on these tables.

    Raises:
        EstimationError: ``method`` is unknown, or is ``all`` and the tables allow no method.
    """
    if method != "all":
        if method not in METHODS:
            raise EstimationError(f"unknown method '{method}': use lcmcr, loglinear or all")
        return (method,)
    skipped = skipped_methods(tables, method)
    methods = tuple(m for m in METHODS if m not in skipped)
    if not methods:
        raise EstimationError("no method can run: " + "; ".join(skipped.values()))
    return methods


def _one(table: ContingencyTable, method: str, lc: LcmcrSettings, ll: LoglinearSettings) -> Fit:
    if method == "lcmcr":
        return lcmcr(table, lc)
    return loglinear(table, ll)


def _total(
    method: str, tables: Sequence[ContingencyTable], fits: list[Fit | None], failures: dict[int, str]
) -> Fit:
    """Sum of independent strata: draws added index by index."""
    merged = merge_tables(tables)
    ok = [f for f in fits if f is not None]
    if not ok:
        raise EstimationError("no stratum could be estimated: " + "; ".join(failures.values()))
    n = min(len(f.draws) for f in ok)
    unestimated = sum(t.observed for i, t in enumerate(tables) if i in failures)
    draws = np.sum([f.draws[:n] for f in ok], axis=0) + unestimated
    low, med, high = np.quantile(draws, [0.025, 0.5, 0.975])
    point = med if method == "lcmcr" else sum(f.estimate.N or 0 for f in ok) + unestimated
    strata = []
    for i, (t, f) in enumerate(zip(tables, fits, strict=True)):
        if f is None:
            strata.append(
                Estimate(
                    method=method,
                    N=None,
                    low=None,
                    high=None,
                    observed=t.observed,
                    stratum=t.stratum,
                    lists=t.lists,
                    diagnostics={**t.diagnostics(), "error": failures[i]},
                )
            )
        else:
            strata.append(f.estimate)
    diag: dict[str, object] = {**merged.diagnostics(), "total": "sum of the strata's estimates"}
    if failures:
        diag["warning"] = (
            f"{len(failures)} stratum(s) not estimable; their {unestimated} observed people are "
            "added as they are (the total's interval ignores their unobserved)"
        )
    if method == "lcmcr":
        rhats = [f.estimate.diagnostics["convergence"]["r_hat"] for f in ok]
        rhats = [r for r in rhats if r is not None]
        diag["max_r_hat"] = max(rhats) if rhats else None
    stuck = [f.estimate for f in ok if f.estimate.status != "ok"]
    why = strata_reason([str(e.stratum) for e in stuck], stuck[0].why) if stuck else None
    est = Estimate(
        method=method,
        N=round(point),
        low=int(np.floor(low)),
        high=None if any(f.estimate.high is None for f in ok) else int(np.ceil(high)),
        observed=merged.observed,
        status="did_not_converge" if stuck else "ok",
        reason=say_reason(why) if why else None,
        why=why,
        stratum=None,
        lists=merged.lists,
        diagnostics=diag,
        strata=tuple(strata),
    )
    return Fit(withhold(est), draws)


def estimate_tables(
    tables: Sequence[ContingencyTable],
    method: str = "lcmcr",
    lcmcr_settings: LcmcrSettings | None = None,
    loglinear_settings: LoglinearSettings | None = None,
) -> list[Fit]:
    """Estimate N for one table, or per stratum and in total; ``method`` is lcmcr, loglinear or all
    (every method the table allows: :func:`skipped_methods` names the others and why).

    Returns one :class:`Fit` per method. With one table it is that table's estimate; with several, the
    total (``estimate.strata`` holds each stratum's estimate, ``N`` None where a stratum failed).
    """
    if not tables:
        raise EstimationError("no table to estimate from")
    methods = runnable_methods(tables, method)  # "all": those the table allows (skipped_methods says why)
    lc = lcmcr_settings or LcmcrSettings()
    ll = loglinear_settings or LoglinearSettings()
    out = []
    for m in methods:
        if len(tables) == 1:
            out.append(_one(tables[0], m, lc, ll))
            continue
        fits: list[Fit | None] = []
        failures: dict[int, str] = {}
        for i, t in enumerate(tables):
            try:
                fits.append(_one(t, m, lc, ll))
            except EstimationError as exc:
                fits.append(None)
                failures[i] = f"stratum {t.stratum}: {exc}"
        out.append(_total(m, tables, fits, failures))
    return out
