"""Simulated populations with a known total: heterogeneous capture, to test the estimators against truth.

In: a population size, a number of lists and a numpy ``Generator`` (or a seed). Out: a
:class:`ContingencyTable` of the people seen on at least one list, and the true N. Never: touches files.

Heterogeneity comes from latent classes (people hard or easy to document, each class with its own
capture probability on every list); list dependence, optionally, from referral: being on list j raises
the odds of being on list j+1 by ``referral_odds`` (one list feeding the next, as a morgue list feeds
a hospital list), or, more generally, from ``dependence``: pairs (a, b, odds) where being on list a
multiplies the odds of being on list b (a < b) by ``odds`` (above 1: b copies from a; below 1: b avoids
the people a already has).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._table import ContingencyTable, table_from_histories

__all__ = ["SCENARIOS", "Population", "random_population", "simulate_population"]


@dataclass(frozen=True, eq=False)
class Population:
    """A simulated table and the truth behind it."""

    table: ContingencyTable
    N: int
    class_weights: np.ndarray
    capture: np.ndarray  # (n_lists, n_classes) capture probabilities
    referral_odds: float
    dependence: tuple[tuple[int, int, float], ...] = ()
    label: str = ""  # what kind of population (scenario, density, dependence), for the benchmark


def simulate_population(
    N: int,
    class_weights: np.ndarray,
    capture: np.ndarray,
    rng: np.random.Generator | int | None = None,
    referral_odds: float = 1.0,
    dependence: tuple[tuple[int, int, float], ...] = (),
    label: str = "",
) -> Population:
    """Draw N people: a class each, then their capture on every list.

    ``capture[j, k]`` is list j's capture probability for class k. With ``referral_odds`` != 1, the odds of
    capture on list j+1 are multiplied by it for people on list j; each ``(a, b, odds)`` in ``dependence``
    multiplies the odds of capture on list b by ``odds`` for people on list a (a < b).
    """
    rng = np.random.default_rng(rng)
    capture = np.asarray(capture, dtype=float)
    weights = np.asarray(class_weights, dtype=float)
    n_lists, n_classes = capture.shape
    z = rng.choice(n_classes, size=N, p=weights / weights.sum())
    x = np.zeros((N, n_lists), dtype=np.int8)
    for j in range(n_lists):
        p = capture[j, z]
        factor = np.ones(N)
        if j > 0 and referral_odds != 1.0:
            factor = np.where(x[:, j - 1] == 1, factor * referral_odds, factor)
        for a, b, o in dependence:
            if b == j and a < j:
                factor = np.where(x[:, a] == 1, factor * o, factor)
        if np.any(factor != 1.0):
            odds = p / (1.0 - p) * factor
            p = odds / (1.0 + odds)
        x[:, j] = rng.random(N) < p
    import pandas as pd

    lists = [f"L{j + 1}" for j in range(n_lists)]
    table = table_from_histories(pd.DataFrame(x, columns=lists), lists)[0]
    return Population(table, N, weights, capture, referral_odds, tuple(dependence), label)


SCENARIOS = ("heterogeneous", "hard", "referral", "wide")


def random_population(
    rng: np.random.Generator | int | None,
    n_lists: int | None = None,
    N: int | None = None,
    scenario: str = "heterogeneous",
) -> Population:
    """A population drawn from one of the benchmark's scenarios (4–6 lists, N log-uniform 1,000–50,000).

    * ``heterogeneous``: 2–3 latent classes, weights Dirichlet(2, …), every class's capture probability
      on every list uniform in [0.05, 0.5] — people differ in how easy they are to document, lists
      are independent within a class (the model LCMCR assumes, not the one log-linear models assume);
    * ``hard``: an easy class (0.15–0.5 per list) and 1–2 hard ones (0.03–0.2) holding 30–70% of the
      people — a large group most lists miss, which no capture–recapture method can fully see;
    * ``referral``: ``heterogeneous`` plus direct dependence: being on list j triples the odds of being
      on list j+1;
    * ``wide`` (issue 20): 4–8 lists; half the populations dense (capture 0.1–0.6 per list and class),
      half sparse (0.02–0.25, many empty cells); 1–3 classes; and in half of them direct dependence
      between one or two random pairs of lists, odds ratio log-uniform in 1/2.5–2.5 (copying or
      avoiding). ``Population.label`` says which.
    """
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}")
    rng = np.random.default_rng(rng)
    if scenario == "wide":
        return _wide(rng, n_lists, N)
    n_lists = int(rng.integers(4, 7)) if n_lists is None else n_lists
    N = int(np.exp(rng.uniform(np.log(1_000), np.log(50_000)))) if N is None else N
    n_classes = int(rng.integers(2, 4))
    if scenario == "hard":
        hard_share = rng.uniform(0.3, 0.7)
        weights = np.concatenate([[1.0 - hard_share], rng.dirichlet(np.ones(n_classes - 1)) * hard_share])
        capture = np.empty((n_lists, n_classes))
        capture[:, 0] = rng.uniform(0.15, 0.5, n_lists)
        capture[:, 1:] = rng.uniform(0.03, 0.2, (n_lists, n_classes - 1))
    else:
        weights = rng.dirichlet(np.full(n_classes, 2.0))
        capture = rng.uniform(0.05, 0.5, (n_lists, n_classes))
    referral = 3.0 if scenario == "referral" else 1.0
    return simulate_population(N, weights, capture, rng, referral)


def _wide(rng: np.random.Generator, n_lists: int | None, N: int | None) -> Population:
    n_lists = int(rng.integers(4, 9)) if n_lists is None else n_lists
    N = int(np.exp(rng.uniform(np.log(1_000), np.log(50_000)))) if N is None else N
    n_classes = int(rng.integers(1, 4))
    sparse = bool(rng.random() < 0.5)
    lo, hi = (0.02, 0.25) if sparse else (0.1, 0.6)
    weights = rng.dirichlet(np.full(n_classes, 2.0))
    capture = rng.uniform(lo, hi, (n_lists, n_classes))
    dependence: list[tuple[int, int, float]] = []
    if rng.random() < 0.5:
        for _ in range(int(rng.integers(1, 3))):
            a, b = sorted(int(i) for i in rng.choice(n_lists, 2, replace=False))
            dependence.append((a, b, float(np.exp(rng.uniform(-np.log(2.5), np.log(2.5))))))
    label = f"{'sparse' if sparse else 'dense'},{'dependent' if dependence else 'independent'}"
    return simulate_population(N, weights, capture, rng, 1.0, tuple(dependence), label)
