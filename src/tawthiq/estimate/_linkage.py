"""Linkage uncertainty carried into N: estimate over many plausible linkages of the records, not one.

In: every record's list, the reviewers' decisions (pairs the same person, pairs different people) taken
as fixed, and the match probability of each pair still in the review queue. Out: a
:class:`LinkageFit`: the combined estimate (posterior draws pooled over the linkage draws), and the two
bounds a reader needs beside it: every unreviewed pair distinct, every unreviewed pair the same.
Never: reads a database or changes a decision; the result depends only on the inputs and the seed.

Each draw links every unreviewed pair independently with its probability, closes the links
transitively (connected components, a union–find), never joining two records a reviewer said are
different people, turns the persons into capture histories and estimates N. Pooling the draws of N of
every linkage draw (equal weights) is the Bayesian multiple-imputation combination: the result is the
posterior of N averaged over the linkage distribution, so its interval holds the doubt about who is the
same person as well as the doubt about who was never documented (HRDAG practice; Sadinle 2018, "Bayesian
propagation of record linkage uncertainty into population size estimation of human rights violations",
Annals of Applied Statistics 12:1013). A missed link makes one person two, and N too high; a false link
makes two people one, and N too low; with probabilities the model believes, both errors are weighed.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from tawthiq.entities import Estimate
from tawthiq.errors import EstimationError

from ._fit import Fit, withhold
from ._lcmcr import LcmcrSettings, lcmcr
from ._loglinear import LoglinearSettings, loglinear
from ._reasons import linkage_reason, say_reason
from ._table import ContingencyTable, _from_dict

__all__ = ["LinkageFit", "estimate_with_linkage_uncertainty", "link_records_once"]


@dataclass(frozen=True, eq=False)
class LinkageFit:
    """The combined estimate and its bounds.

    ``combined``: draws pooled over ``imputations`` linkage draws ("as the model believes");
    ``all_distinct``: every unreviewed pair a different person (what ignoring the queue gives);
    ``all_same``: every unreviewed pair one person (decisions kept). ``combined.estimate.diagnostics
    ["linkage"]`` summarises all three for JSON.
    """

    combined: Fit
    all_distinct: Fit
    all_same: Fit
    imputations: tuple[Fit, ...]

    @property
    def estimate(self) -> Estimate:
        return self.combined.estimate


class _Components:
    """Union–find over record indices that refuses to join records a reviewer said are different."""

    def __init__(self, n: int, different: Iterable[tuple[int, int]]) -> None:
        self.parent = list(range(n))
        self.apart: dict[int, set[int]] = {}
        for a, b in different:
            self.apart.setdefault(a, set()).add(b)
            self.apart.setdefault(b, set()).add(a)

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        kept_apart = self.apart.get(ra, set())
        if any(self.find(x) == rb for x in kept_apart):
            return False
        if len(kept_apart) < len(self.apart.get(rb, set())):
            ra, rb = rb, ra
        self.parent[rb] = ra
        merged = self.apart.pop(rb, set())
        if merged:
            self.apart.setdefault(ra, set()).update(merged)
        return True


def link_records_once(
    record_lists: Sequence[str],
    same: Iterable[tuple[int, int]],
    different: Iterable[tuple[int, int]],
    links: Iterable[tuple[int, int]],
    lists: Sequence[str],
) -> ContingencyTable:
    """One linkage (reviewed matches plus ``links``, closed transitively) as a contingency table.

    ``record_lists[i]`` is record i's list; a person is on a list when one of their records is. A link
    that would join two records a reviewer called different people is skipped (the decision wins).
    """
    index = {name: j for j, name in enumerate(lists)}
    comp = _Components(len(record_lists), different)
    for a, b in same:
        if not comp.join(a, b):
            raise EstimationError(f"records {a} and {b} are reviewed as the same person and as different")
    for a, b in links:
        comp.join(a, b)
    people: dict[int, list[int]] = {}
    for i, name in enumerate(record_lists):
        row = people.setdefault(comp.find(i), [0] * len(lists))
        row[index[name]] = 1
    acc: dict[tuple[int, ...], int] = {}
    for row in people.values():
        key = tuple(row)
        acc[key] = acc.get(key, 0) + 1
    return _from_dict(tuple(lists), acc, None, ())


def _estimate(table: ContingencyTable, method: str, lc: LcmcrSettings, ll: LoglinearSettings) -> Fit:
    return lcmcr(table, lc) if method == "lcmcr" else loglinear(table, ll)


def _summary(fit: Fit) -> dict[str, object]:
    e = fit.estimate
    return {"N": e.N, "low": e.low, "high": e.high, "observed": e.observed, "status": e.status}


def estimate_with_linkage_uncertainty(
    records: Mapping[Hashable, str],
    same: Iterable[tuple[Hashable, Hashable]],
    different: Iterable[tuple[Hashable, Hashable]],
    unreviewed: Iterable[tuple[Hashable, Hashable, float]],
    *,
    method: str = "lcmcr",
    imputations: int = 10,
    lcmcr_settings: LcmcrSettings | None = None,
    loglinear_settings: LoglinearSettings | None = None,
    seed: int = 0,
) -> LinkageFit:
    """Estimate N over ``imputations`` draws of the linkage of the unreviewed pairs, with both bounds.

    Args:
        records: record id -> the list it comes from (every record of every list to count).
        same: reviewed pairs of record ids that are the same person (fixed).
        different: reviewed pairs that are different people (fixed: never joined by a draw).
        unreviewed: (record id, record id, match probability) for each pair still in the review queue.
        method: ``lcmcr`` or ``loglinear``.
        imputations: linkage draws; the combined posterior pools theirs with equal weights.
        seed: seeds the linkage draws and every estimate (imputation d uses ``seed + d``).

    Returns:
        A :class:`LinkageFit`. Its ``estimate`` is the combined Estimate: N the median of the pooled draws,
        the 95% interval their quantiles, ``status`` ``did_not_converge`` when any draw's chains did not;
        ``diagnostics["linkage"]`` holds the bounds, the number of unreviewed pairs, the expected number
        of links among them and the share of the variance of N that is due to linkage.
    """
    if method not in ("lcmcr", "loglinear"):
        raise EstimationError(f"unknown method '{method}': use lcmcr or loglinear")
    if imputations < 1:
        raise EstimationError("imputations must be at least 1")
    ids = list(records)
    pos = {r: i for i, r in enumerate(ids)}
    record_lists = [records[r] for r in ids]
    lists = sorted(set(record_lists))

    def idx(pairs: Iterable[tuple[Hashable, Hashable]], what: str) -> list[tuple[int, int]]:
        out = []
        for a, b in pairs:
            if a not in pos or b not in pos:
                raise EstimationError(f"{what} pair ({a}, {b}) names a record that is not in the records")
            out.append((pos[a], pos[b]))
        return out

    same_i = idx(same, "reviewed same-person")
    diff_i = idx(different, "reviewed different-person")
    queue = [(a, b, float(p)) for a, b, p in unreviewed]
    queue_i = idx([(a, b) for a, b, _ in queue], "unreviewed")
    probs = np.array([p for _, _, p in queue], dtype=float)
    if np.any((probs < 0) | (probs > 1)) or np.any(np.isnan(probs)):
        raise EstimationError("match probabilities must be between 0 and 1")
    lc = lcmcr_settings or LcmcrSettings()
    ll = loglinear_settings or LoglinearSettings()

    def fit(links: Iterable[tuple[int, int]], d: int) -> Fit:
        table = link_records_once(record_lists, same_i, diff_i, links, lists)
        return _estimate(table, method, replace(lc, seed=seed + d), replace(ll, seed=seed + d))

    rng = np.random.default_rng([seed, 2018])
    fits = []
    for d in range(imputations):
        on = rng.random(len(queue_i)) < probs
        fits.append(fit([q for q, keep in zip(queue_i, on, strict=True) if keep], d))
    distinct = fit([], imputations)
    together = fit(queue_i, imputations + 1)
    n = min(len(f.draws) for f in fits)
    pooled = np.concatenate([f.draws[:n] for f in fits])
    low, med, high = np.quantile(pooled, [0.025, 0.5, 0.975])
    means = np.array([f.draws[:n].mean() for f in fits])
    within = float(np.mean([f.draws[:n].var(ddof=1) for f in fits]))
    between = float(means.var(ddof=1)) if len(fits) > 1 else 0.0
    total_var = within + (1 + 1 / len(fits)) * between
    bad = [f for f in fits if f.estimate.status != "ok"]
    why = linkage_reason(len(bad), imputations, bad[0].estimate.why) if bad else None
    observed = [f.estimate.observed for f in fits]
    diag = {
        **fits[0].estimate.diagnostics,
        "linkage": {
            "imputations": imputations,
            "unreviewed_pairs": len(queue),
            "expected_links": round(float(probs.sum()), 1),
            "observed_range": [int(min(observed)), int(max(observed))],
            "combined": {"N": None, "low": None, "high": None, "status": "did_not_converge"}
            if bad
            else {"N": round(med), "low": int(np.floor(low)), "high": int(np.ceil(high)), "status": "ok"},
            "all_distinct": _summary(distinct),
            "all_same": _summary(together),
            "linkage_share_of_variance": round((1 + 1 / len(fits)) * between / total_var, 3)
            if total_var > 0
            else 0.0,
            "combination": "posterior draws pooled over linkage draws (multiple imputation)",
        },
    }
    est = Estimate(
        method=fits[0].estimate.method,
        N=round(med),
        low=int(np.floor(low)),
        high=int(np.ceil(high)),
        observed=sorted(observed)[len(observed) // 2],
        status="did_not_converge" if bad else "ok",
        reason=say_reason(why) if why else None,
        why=why,
        lists=tuple(lists),
        diagnostics=diag,
    )
    return LinkageFit(Fit(withhold(est), pooled), distinct, together, tuple(fits))
