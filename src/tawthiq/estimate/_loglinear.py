"""Log-linear (Poisson GLM) capture–recapture over a hierarchy of interaction models.

In: a :class:`ContingencyTable`. Out: a :class:`Fit`: the model-averaged N (weights from AIC or BIC) with a
95% interval, every fitted model in ``diagnostics["models"]`` (terms, N, profile-likelihood interval,
AIC, BIC, weight), and draws from the model-averaged distribution (for plots and stratum totals).
Never: reads files or a database.

Each model is a Poisson GLM (statsmodels) of the observed cell counts with all main effects and a set of
interaction terms; N = observed + exp(intercept), the fitted count of the unobserved cell (Fienberg 1972).
Which models are tried:

* a term is only used when it is estimable: at least one person is on every list of the term (a pair of
  lists with no overlap makes its interaction run to minus infinity); models for which the maximum
  likelihood estimate does not exist (checked by linear programming, Fienberg & Rinaldo 2012, as
  SparseMSE's ``checkident``/``checkexist`` do) are left out;
* up to 4 lists: every set of two-way interactions (64 models for 4 lists);
* 5 or more lists: a stepwise search from the independence model, adding two-way terms and three-way
  terms whose two-way margins are in the model and removing terms, until the criterion stops improving
  (as SparseMSE's stepwise option); every model fitted on the way is kept for the averaging.

The interval of one model is the profile-likelihood interval of Cormack (1992), as in Rcapture: the
unobserved cell is given count n0, the model refitted to the complete table, and the interval is the set
of n0 whose log-likelihood is within chi2(1, 0.95)/2 of the maximum. The model-averaged interval is the
2.5% and 97.5% quantiles of a mixture, over models with their weights, of split-normal distributions on
log N whose median and quantiles are each model's estimate and profile interval (an approximation in the
spirit of Buckland et al. 1997, stated as such in the output).
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq, linprog
from scipy.stats import chi2

from tawthiq.entities import Estimate
from tawthiq.errors import EstimationError

from ._fit import Fit
from ._table import ContingencyTable

__all__ = ["LoglinearSettings", "loglinear", "loglinear_model"]

Term = tuple[int, ...]
_CHI = float(chi2.ppf(0.95, 1))


@dataclass(frozen=True)
class LoglinearSettings:
    criterion: str = "aic"  # "aic" or "bic": selection and averaging weights
    exhaustive_max_lists: int = 4
    max_profiled: int = 12  # profile intervals for at most this many top models (the rest weigh ~0)
    draws: int = 4000
    seed: int = 0


@dataclass(frozen=True)
class _ModelFit:
    terms: tuple[Term, ...]
    N: float
    llf: float
    aic: float
    bic: float
    n_params: int
    params: np.ndarray


def _design(patterns: np.ndarray, terms: tuple[Term, ...]) -> np.ndarray:
    cols = [np.ones(len(patterns))] + [patterns[:, j].astype(float) for j in range(patterns.shape[1])]
    cols += [np.prod(patterns[:, list(t)], axis=1).astype(float) for t in terms]
    return np.column_stack(cols)


def _mle_exists(X: np.ndarray, y: np.ndarray) -> bool:
    """False when some direction in the model's space sends zero cells' means to 0 (no MLE exists)."""
    zero = y == 0
    if not zero.any():
        return True
    pos = ~zero
    p = X.shape[1]
    res = linprog(
        c=-X[zero].sum(axis=0),
        A_ub=np.vstack([X[zero], -X[zero]]),
        b_ub=np.concatenate([np.ones(zero.sum()), np.zeros(zero.sum())]),
        A_eq=X[pos] if pos.any() else None,
        b_eq=np.zeros(pos.sum()) if pos.any() else None,
        bounds=[(None, None)] * p,
        method="highs",
    )
    return not (res.status == 0 and -res.fun > 1e-7)


def _glm(y: np.ndarray, X: np.ndarray, start: np.ndarray | None = None):
    import statsmodels.api as sm

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sm.GLM(y, X, family=sm.families.Poisson()).fit(start_params=start, maxiter=200)


class _Fitter:
    def __init__(self, table: ContingencyTable) -> None:
        self.patterns, self.y = table.full()
        self.n = table.observed
        self.cache: dict[tuple[Term, ...], _ModelFit | None] = {}

    def estimable(self, term: Term) -> bool:
        on_all = np.all(self.patterns[:, list(term)] == 1, axis=1)
        return len(term) < self.patterns.shape[1] and bool(self.y[on_all].sum() > 0)

    def fit(self, terms: tuple[Term, ...]) -> _ModelFit | None:
        terms = tuple(sorted(terms, key=lambda t: (len(t), t)))
        if terms in self.cache:
            return self.cache[terms]
        X = _design(self.patterns, terms)
        out = None
        if X.shape[1] <= len(self.y) and np.linalg.matrix_rank(X) == X.shape[1] and _mle_exists(X, self.y):
            r = _glm(self.y, X)
            if r.converged and np.all(np.isfinite(r.params)) and r.params[0] < 50:
                k = X.shape[1]
                out = _ModelFit(
                    terms,
                    self.n + float(np.exp(r.params[0])),
                    float(r.llf),
                    -2 * r.llf + 2 * k,
                    -2 * r.llf + k * np.log(self.n),
                    k,
                    r.params,
                )
        self.cache[terms] = out
        return out

    def profile(self, m: _ModelFit) -> tuple[float, float | None]:
        """Cormack's profile-likelihood 95% interval for N under model ``m``."""
        X = np.vstack([_design(self.patterns, m.terms), np.eye(1, m.n_params)])
        start = m.params.copy()

        def llf(n0: float) -> float:
            return float(_glm(np.append(self.y, n0).astype(float), X, start).llf)

        n0_hat = m.N - self.n
        top = llf(n0_hat)

        def g(n0: float) -> float:
            return 2.0 * (top - llf(n0)) - _CHI

        low = self.n + (0.0 if g(0.0) <= 0 else brentq(g, 0.0, n0_hat, xtol=0.5))
        hi_n0, limit = max(2.0 * n0_hat, n0_hat + 10.0), 1000.0 * (self.n + n0_hat)
        while g(hi_n0) < 0:
            if hi_n0 > limit:
                return low, None
            hi_n0 *= 2.0
        high = self.n + brentq(g, n0_hat, hi_n0, xtol=0.5)
        return low, high


def _candidates(f: _Fitter, n_lists: int) -> list[Term]:
    return [t for t in itertools.combinations(range(n_lists), 2) if f.estimable(t)]


def _neighbours(f: _Fitter, model: tuple[Term, ...], n_lists: int) -> list[tuple[Term, ...]]:
    have = set(model)
    out = []
    for t in _candidates(f, n_lists):
        if t not in have:
            out.append((*model, t))
    for t in itertools.combinations(range(n_lists), 3):
        if t not in have and all(s in have for s in itertools.combinations(t, 2)) and f.estimable(t):
            out.append((*model, t))
    for t in model:  # hierarchical: drop only terms no higher term needs
        if not any(len(u) > len(t) and set(t) <= set(u) for u in model):
            out.append(tuple(u for u in model if u != t))
    return out


def _search(f: _Fitter, n_lists: int, settings: LoglinearSettings) -> list[_ModelFit]:
    crit = settings.criterion
    if n_lists <= settings.exhaustive_max_lists:
        cands = _candidates(f, n_lists)
        for r in range(len(cands) + 1):
            for terms in itertools.combinations(cands, r):
                f.fit(terms)
    else:
        current = f.fit(())
        if current is None:
            raise EstimationError("the independence model cannot be fitted to this table")
        while True:
            fits = [m for m in (f.fit(nb) for nb in _neighbours(f, current.terms, n_lists)) if m is not None]
            best = min(fits, key=lambda m: getattr(m, crit), default=None)
            if best is None or getattr(best, crit) >= getattr(current, crit) - 1e-9:
                break
            current = best
    return [m for m in f.cache.values() if m is not None]


def _name(terms: tuple[Term, ...], lists: tuple[str, ...]) -> str:
    if not terms:
        return "independence"
    return " + ".join("*".join(lists[i] for i in t) for t in terms)


def _split_normal_draws(rng, n: int, centre: float, low: float, high: float) -> np.ndarray:
    """Draws on log N with median ``centre`` and 2.5%/97.5% quantiles ``low``/``high``."""
    c = np.log(centre)
    s_lo = max(c - np.log(low), 1e-9) / 1.959964
    s_hi = max(np.log(high) - c, 1e-9) / 1.959964
    z = np.abs(rng.standard_normal(n))
    side = rng.random(n) < 0.5
    return np.exp(np.where(side, c - z * s_lo, c + z * s_hi))


def loglinear(table: ContingencyTable, settings: LoglinearSettings | None = None) -> Fit:
    """Fit the model hierarchy, select by the criterion and average over models."""
    st = settings or LoglinearSettings()
    table = table.without_empty_lists()
    if st.criterion not in ("aic", "bic"):
        raise EstimationError(f"criterion must be 'aic' or 'bic', not '{st.criterion}'")
    if table.n_lists < 2:
        raise EstimationError("log-linear estimation needs at least 2 lists")
    if table.observed == 0:
        raise EstimationError("nobody observed: nothing to estimate")
    f = _Fitter(table)
    fits = _search(f, table.n_lists, st)
    if not fits:
        raise EstimationError(
            "no log-linear model can be fitted: too many lists without overlap or too few people"
        )
    score = np.array([getattr(m, st.criterion) for m in fits])
    order = np.argsort(score)
    fits = [fits[i] for i in order]
    score = score[order]
    w = np.exp(-(score - score[0]) / 2.0)
    w /= w.sum()
    rng = np.random.default_rng(st.seed)
    unbounded = False
    rows, pieces, kept_w = [], [], []
    for i, m in enumerate(fits):
        row = {
            "model": _name(m.terms, table.lists),
            "N": round(m.N, 1),
            "aic": round(float(m.aic), 2),
            "bic": round(float(m.bic), 2),
            "weight": round(float(w[i]), 4),
            "params": m.n_params,
        }
        if i < st.max_profiled and (i == 0 or w[i] > 1e-3):
            low, high = f.profile(m)
            row["low"] = round(float(low), 1)
            row["high"] = round(float(high), 1) if high is not None else None
            if high is None:
                unbounded = unbounded or w[i] > 0.025
                high = 1000.0 * m.N
            kept_w.append(w[i])
            pieces.append((m.N, low, high))
        rows.append(row)
    kept = np.array(kept_w) / np.sum(kept_w)
    counts = rng.multinomial(st.draws, kept)
    draws = np.concatenate(
        [
            _split_normal_draws(rng, k, n_, max(lo, table.observed), max(hi, n_ + 1e-6))
            for k, (n_, lo, hi) in zip(counts, pieces, strict=True)
        ]
    )
    draws = np.maximum(draws, table.observed)
    rng.shuffle(draws)
    n_avg = float(np.dot(kept, [p[0] for p in pieces]))
    low_avg, high_avg = np.quantile(draws, [0.025, 0.975])
    best = rows[0]
    diag = {
        **table.diagnostics(),
        "criterion": st.criterion,
        "search": "all two-way models" if table.n_lists <= st.exhaustive_max_lists else "stepwise",
        "selected": best,
        "models_fitted": len(fits),
        "models": rows[:20],
        "interval": "mixture of per-model profile-likelihood intervals, weighted by " + st.criterion.upper(),
    }
    if unbounded:
        diag["warning"] = "a model with weight above 2.5% has no finite upper profile limit"
    est = Estimate(
        method="loglinear",
        N=round(n_avg),
        low=int(np.floor(low_avg)),
        high=None if unbounded else int(np.ceil(high_avg)),
        observed=table.observed,
        stratum=table.stratum,
        lists=table.lists,
        diagnostics=diag,
    )
    return Fit(est, draws)


def loglinear_model(table: ContingencyTable, terms: Sequence[tuple[str, ...]] | str = ()) -> Estimate:
    """Fit one log-linear model: ``terms`` are interactions by list name, or ``"two-way"`` for all pairs.

    The estimate carries the model's MLE of N, its profile-likelihood interval, AIC and BIC.
    """
    index = {name: i for i, name in enumerate(table.lists)}
    chosen: list[tuple[int, ...]]
    if terms == "two-way":
        chosen = list(itertools.combinations(range(table.n_lists), 2))
    else:
        try:
            chosen = [tuple(sorted(index[n] for n in t)) for t in terms]
        except KeyError as exc:
            raise EstimationError(f"no list named {exc.args[0]!r} in the table") from None
    f = _Fitter(table)
    bad = [t for t in chosen if not f.estimable(t)]
    if bad:
        raise EstimationError(
            f"term {_name((bad[0],), table.lists)} is not estimable (no one on all its lists)"
        )
    m = f.fit(tuple(chosen))
    if m is None:
        raise EstimationError("the maximum likelihood estimate does not exist for this model and table")
    low, high = f.profile(m)
    return Estimate(
        method="loglinear",
        N=round(m.N),
        low=int(np.floor(low)),
        high=None if high is None else int(np.ceil(high)),
        observed=table.observed,
        stratum=table.stratum,
        lists=table.lists,
        diagnostics={
            "model": _name(m.terms, table.lists),
            "N_mle": m.N,
            "aic": m.aic,
            "bic": m.bic,
            "params": m.n_params,
        },
    )
