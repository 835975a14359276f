"""Stratified estimates: one per stratum, the total as their sum, and the check against the pooled table.

In: one :class:`ContingencyTable` per stratum (sex, age group, place, month: from ``read_table(by=)`` or
``table_from_histories(by=)``). Out: a :class:`Fit` whose estimate is the total of the strata (draws added,
so its interval is the interval of the sum), with each stratum's estimate (observed count beside it) in
``strata`` and, in ``diagnostics["unstratified"]``, the estimate from the pooled table and whether the two
agree. Never: reads a database.

Why the check: when capture differs between strata (one list covers the city, another only one
district; women documented less than men), the pooled table mixes them and the pooled estimate is biased,
usually low; the sum of strata is then the better figure. When the two agree, stratifying cost only
precision. When they disagree, say so, with both.
"""

from __future__ import annotations

from collections.abc import Sequence

from tawthiq.errors import EstimationError

from ._fit import Fit
from ._lcmcr import LcmcrSettings
from ._loglinear import LoglinearSettings
from ._table import ContingencyTable, merge_tables

__all__ = ["AGE_GROUPS", "age_group", "estimate_stratified", "stratum_label"]

AGE_GROUPS = ("0-17", "18-29", "30-44", "45-59", "60+")

# The codes a workspace stratum is named by that are not words (``--by sex`` strata are the records'
# ``f``/``m``), as the web's estimates page labels them (``web/_labels.py`` LABELS, translated there;
# tests/estimate checks the two agree). Data (JSON, the saved run) keeps the codes.
_STRATUM_WORDS = {"f": "female", "m": "male"}


def stratum_label(name: str | None) -> str:
    """A stratum's name for a table or a picture: ``female``/``male`` for the sex codes, anything else
    as named (``unknown``, ``0-17``, ``Kallaseh``, ``2016-12``)."""
    text = "" if name is None else str(name)
    return _STRATUM_WORDS.get(text, text)


def age_group(age: float | int | None) -> str:
    """The age group of an age in years (children apart, as casualty recording separates them); 'unknown'."""
    if age is None or age != age or age < 0:
        return "unknown"
    for bound, label in ((18, "0-17"), (30, "18-29"), (45, "30-44"), (60, "45-59")):
        if age < bound:
            return label
    return "60+"


def estimate_stratified(
    tables: Sequence[ContingencyTable],
    method: str = "lcmcr",
    lcmcr_settings: LcmcrSettings | None = None,
    loglinear_settings: LoglinearSettings | None = None,
) -> Fit:
    """Each stratum estimated on its own, their total, and the pooled table's estimate to compare.

    ``method`` is ``lcmcr`` or ``loglinear``. The total's ``diagnostics["unstratified"]`` holds the
    pooled estimate (N, interval, status) and ``agree``: whether each interval holds the other's N (None
    when either did not converge: then there is nothing to compare). A stratum that cannot be estimated
    has ``N`` None and the reason (see :func:`estimate_tables`).
    """
    from . import estimate_tables

    if method not in ("lcmcr", "loglinear"):
        raise EstimationError(f"unknown method '{method}': use lcmcr or loglinear")
    if len(tables) < 2:
        raise EstimationError("stratifying needs at least 2 strata; estimate the one table instead")
    (total,) = estimate_tables(tables, method, lcmcr_settings, loglinear_settings)
    (pooled,) = estimate_tables(
        [merge_tables(tables, stratum="all")], method, lcmcr_settings, loglinear_settings
    )
    t, p = total.estimate, pooled.estimate
    agree: bool | None
    if t.N is None or p.N is None or t.low is None or p.low is None:  # one of them did not converge
        agree = None
        which = "the sum of strata" if t.N is None else "the pooled table"
        note = f"no check: {which} did not converge, so there is no number to compare"
    else:
        high_t = t.high if t.high is not None else float("inf")
        high_p = p.high if p.high is not None else float("inf")
        agree = t.low <= p.N <= high_t and p.low <= t.N <= high_p
        note = (
            "the pooled table gives a compatible estimate: stratifying cost only precision"
            if agree
            else f"the pooled table gives {p.N:,} against {t.N:,} for the sum of strata: capture differs "
            "between strata, so the pooled figure is biased; report the sum of strata, and say why"
        )
    check = {"N": p.N, "low": p.low, "high": p.high, "status": p.status, "agree": agree, "note": note}
    est = t.model_copy(update={"diagnostics": {**t.diagnostics, "unstratified": check}})
    return Fit(est, total.draws)
