"""List-level evidence: what the lists as a whole say about one pair, found from the data.

In: the feature table of :mod:`._link_features` (one row per record), or the model's scored
pairs. Out: a systematic age offset between two lists (:class:`AgeOffset`, the
``age_shifted`` column), how rare each whole name is among *other* people
(:func:`name_frequencies`), and match probabilities revised for one partner per record
(:func:`one_to_one`). Never: links records, reads a database or logs a name or an age.

The age offset. Why: one release of a list can carry a clerical error that shifts the age of part of its
people by the same number of years (a wrong reference year, a shifted column). Pair by
pair, an age that differs by 21 years looks like two different people; across the list it
is a pattern that no set of strangers produces. The offset is estimated on *confident*
pairs only: two records, one in each list, with the same whole name of at least three
parts that occurs exactly once in each list. Among those whose ages differ by more than
``TOLERANCE`` years, one signed difference ``d`` (with its neighbours ``d ± 1``) must hold
at least ``MIN_SHARE`` of them and at least ``MIN_PAIRS`` pairs. Homonyms give scattered
differences and ages that drift between releases give small ones, so neither is taken for
an offset. The offset holds for the ages of the list between the lowest and the highest
that those pairs show: often one placeholder value (an "age" of -1 written for "unknown" in
one release, a real age in the next), sometimes the whole list.

The age comparison (:mod:`._link_model`) then has one more level, "ages agree within a year
after the list's offset", with its own weight trained by EM like the others: the ordinary
levels (same age, within 1, within 3) are untouched, so the offset weakens no other pair.

The frequency of a whole name: see :func:`name_frequencies`; one partner per record: see
:func:`one_to_one`.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from tawthiq.people._link_types import AgeOffset

__all__ = [
    "MIN_PAIRS",
    "MIN_SHARE",
    "PI_MAX",
    "TOLERANCE",
    "AgeOffset",
    "add_age_shifted",
    "age_offsets",
    "name_frequencies",
    "one_per_person",
    "one_to_one",
    "rivals_in_turn",
    "scoring_floor",
]

TOLERANCE = 3
"""Age differences up to this many years are ordinary noise (the ordinary age levels)."""
MIN_PAIRS = 10
"""Fewest confident pairs that must show one offset before a list is said to carry it."""
MIN_SHARE = 0.5
"""Share of the confident pairs with a large age difference that one offset must explain."""

_log = logging.getLogger(__name__)


def _confident(features: pd.DataFrame) -> pd.DataFrame:
    df = features.loc[
        features["key"].notna() & features["age"].notna() & (features["tokens"].map(len) >= 3),
        ["key", "source_dataset", "age"],
    ]
    once = df.groupby(["source_dataset", "key"])["age"].transform("size") == 1
    return df[once]


def age_offsets(features: pd.DataFrame) -> list[AgeOffset]:
    """The systematic age offsets between the lists of ``features`` (at most one per list).

    For two lists the offset is given to the first list by name (which of the two is wrong
    cannot be told, and the comparison is symmetric). With more lists, the list that is off
    against the most others carries it. The offset holds for the ages of that list between
    the lowest and the highest seen in the confident pairs that show it: a placeholder age
    (one value) or a whole list (its whole range). The shifted-age level then applies to that
    list's pairs with every other list (its weight is learned over all of them).
    """
    if features["source_dataset"].nunique() < 2:
        return []  # one list (a dedup run): nothing to compare its ages with
    df = _confident(features)
    lists = sorted(df["source_dataset"].unique())
    found: list[AgeOffset] = []
    for i, x in enumerate(lists):
        for y in lists[i + 1 :]:
            pairs = df[df["source_dataset"] == x].merge(df[df["source_dataset"] == y], on="key")
            diff = (pairs["age_x"] - pairs["age_y"]).astype("int64")
            large = diff[diff.abs() > TOLERANCE]
            if large.empty:
                continue
            d = int(large.value_counts().index[0])
            shown = pairs[(diff - d).abs() <= 1]
            n = len(shown)
            if n >= MIN_PAIRS and n >= MIN_SHARE * len(large):
                ax, ay = shown["age_x"], shown["age_y"]
                counts = {"pairs": n, "large": len(large), "confident": len(pairs)}
                found.append(AgeOffset(list_name=x, other_list=y, years=d, ages_from=int(ax.min()),
                                       ages_to=int(ax.max()), **counts))  # fmt: skip
                found.append(AgeOffset(list_name=y, other_list=x, years=-d, ages_from=int(ay.min()),
                                       ages_to=int(ay.max()), **counts))  # fmt: skip
    if not found:
        return []
    # The list that is off against more lists carries the offset (ties: the first by name).
    involved = pd.Series([o.list_name for o in found]).value_counts()
    out: dict[str, AgeOffset] = {}
    taken: set[frozenset[str]] = set()
    for o in sorted(found, key=lambda o: (-o.pairs, -involved[o.list_name], o.list_name)):
        pair = frozenset((o.list_name, o.other_list))
        if pair in taken or o.list_name in out:
            continue
        taken.add(pair)
        out[o.list_name] = o
    for o in out.values():
        _log.info(
            "list %r: ages %d to %d are %+d years off list %r (%d of %d confident pairs with ages more "
            "than %d years apart; %d confident pairs)",
            o.list_name, o.ages_from, o.ages_to, o.years, o.other_list,
            o.pairs, o.large, TOLERANCE, o.confident,
        )  # fmt: skip
    return list(out.values())


def add_age_shifted(features: pd.DataFrame, offsets: list[AgeOffset]) -> pd.DataFrame:
    """``features`` with ``age_shifted``: the age minus its list's offset (ages in its range), else empty.

    Without an offset the table is returned unchanged (no column): the model then has
    no shifted-age level at all.
    """
    if not offsets:
        return features
    out = features.copy()
    out["age_shifted"] = pd.array([pd.NA] * len(out), dtype="Int64")
    for o in offsets:
        rows = (out["source_dataset"] == o.list_name) & out["age"].between(o.ages_from, o.ages_to)
        out.loc[rows, "age_shifted"] = out.loc[rows, "age"] - o.years
    return out


def _codes(values: pd.Series) -> np.ndarray:
    """Integer codes of a column, -1 for empty."""
    return pd.factorize(values)[0]


def _counts(codes: np.ndarray) -> np.ndarray:
    """For each row, how many rows share its code (0 for an empty value)."""
    counts = np.bincount(codes[codes >= 0]) if (codes >= 0).any() else np.zeros(0, dtype=np.int64)
    return np.where(codes >= 0, np.concatenate((counts, [0]))[codes], 0)


def _combined(*codes: np.ndarray) -> np.ndarray:
    """One code per distinct tuple of codes (empty values count as a value)."""
    out = codes[0] + 1
    for c in codes[1:]:
        out = pd.factorize(out * (int(c.max()) + 2) + (c + 1))[0]
    return out


def _name_basis(features: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, int, np.ndarray, np.ndarray]:
    """What both name frequencies start from: the whole name's codes (-1 without a name), which
    records are named, their number N, which names have three parts or more (given, father's and
    family name), and the floor ``f(given) x f(lineage)`` a name's frequency never goes below."""
    key = _codes(features["key"])
    named = key >= 0
    n = max(1, int(named.sum()))
    long_name = (features["g"].notna() & features["f"].notna() & features["fam"].notna()).to_numpy(dtype=bool)
    given = _counts(np.where(named, _codes(features["g"]), -1))
    lineage = _counts(np.where(named, _combined(*(_codes(features[c]) for c in ("f", "gf", "fam"))), -1))
    return key, named, n, long_name, (given / n) * (lineage / n)


UNSEEN_HOLDERS_MAX = 0.5
"""The most other holders a name held by nobody else is taken to have (Jeffreys' half)."""


def _unseen_holders(count: np.ndarray, long_name: np.ndarray) -> float:
    """How many other people a name that nobody else in the list holds is taken to have: the
    list's own mean of other holders per record (names of three parts or more, half a holder
    added over the whole list), at most :data:`UNSEEN_HOLDERS_MAX`.

    A count of none says little about one name, but the list says how often its names are
    shared: where a record's name has on average 0.27 other holders (the 250,000-record
    synthetic dedup, its duplicates included), half a holder for every unshared name made each
    such pair's name evidence about twice too weak, and the dedup's probabilities too low (pairs
    scored 0.90-0.95 were 99.6% true; issue 19, session 24). The duplicates themselves count as
    other holders, so the mean is an upper bound of the namesakes'. Where names are shared more
    (two releases of one list: most records' names are held in both), the half stays.
    """
    c = count[long_name & (count > 0)]
    if not len(c):
        return UNSEEN_HOLDERS_MAX
    # half a holder over the whole list, so that a list of unshared names still gives a rate
    return float(min(UNSEEN_HOLDERS_MAX, ((c - 1).sum() + UNSEEN_HOLDERS_MAX) / len(c)))


def name_frequencies(features: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The whole name's frequency among people other than the two records compared.

    In: the feature table (``key``, ``g``, ``f``, ``gf``, ``fam``). Out: the table with a
    ``key_id`` column (the whole name as an integer code, -1 without a name) and the
    lookup table (``key_id``, ``tf_key_id``) that the model's exact-name level reads
    through splink's term-frequency adjustment (its Bayes factor is ``m / tf_key_id``).

    splink's own term frequency of a name is its count over all records, ``c / N``. For a
    name that only the compared pair holds (``c = 2``: one record in each list) that is
    the pair itself, not evidence that other people are called so: a four-part name held
    once in each of two lists of 20,000 then weighs as if one person in 10,000 bore it,
    and with the age unknown such a pair fell short of an automatic link. Here the
    frequency counts the *other* holders, ``c - 2``, with half a holder added for a count
    of none (the Jeffreys estimate of a rate never observed), or the list's own mean of other
    holders per name where that is lower (:func:`_unseen_holders`): ``(max(c - 2, 0) + h) / N``,
    ``h <= 1/2``.
    A name the pair alone holds weighs four times (2 bits) more than splink's count says;
    a name one other person holds, about twice. Two guards keep it where the evidence is:

    - never below what its parts predict, ``f(given) x f(lineage)``, the lineage being the
      father's, grandfather's and family names: a common given name in a large family
      (siblings and cousins share the lineage) is not a rare name, even when this exact
      combination is held once;
    - only names of three parts or more (a given, a father's and a family name): a
      two-part name says too little about who a person is.

    Other names keep ``c / N``, as splink counts it; no name is made more frequent than that.
    """
    key, named, n, long_name, by_parts = _name_basis(features)
    count = _counts(key)
    others = (np.maximum(count - 2, 0) + _unseen_holders(count, long_name)) / n
    own = count / n
    tf = np.where(long_name, np.minimum(own, np.maximum(others, by_parts)), own)
    # One value per name: the highest of its records (the most cautious reading).
    table = pd.DataFrame({"key_id": key[named], "tf_key_id": tf[named]})
    table = table.groupby("key_id", as_index=False).max()
    # -1 for a record without a name: no row of the lookup table, so no adjustment (a plain
    # int64 column, which DuckDB reads without conversion).
    return features.assign(key_id=key.astype("int64")), table


PI_MAX = 0.95
"""Largest share of a list taken to be in the other list (bounds the one-to-one lift at 20)."""


def scoring_floor(review_threshold: float) -> float:
    """The model probability below which no pair can reach ``review_threshold`` after
    :func:`one_to_one` (whose lift of the odds is at most ``1 / (1 - PI_MAX)``)."""
    odds = review_threshold / (1 - review_threshold) * (1 - PI_MAX) if review_threshold < 1 else 1e9
    return odds / (1 + odds)


def _greedy_links(df: pd.DataFrame) -> int:
    """Links a strongest-first one-to-one pass makes at probability 0.5 (the lists' overlap)."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    n = 0
    top = df[df["p_model"] >= 0.5].sort_values("p_model", ascending=False, kind="stable")
    for a, b in zip(top["a"].tolist(), top["b"].tolist(), strict=True):
        if a in used_a or b in used_b:
            continue
        used_a.add(a)
        used_b.add(b)
        n += 1
    return n


def one_to_one(
    pairs: pd.DataFrame, list_of: dict[int, str], sizes: dict[str, int]
) -> tuple[pd.Series, pd.Series]:
    """Match probabilities for two duplicate-free lists, each record having at most one partner.

    In: the model's scored pairs (``unique_id_l``, ``unique_id_r``, ``match_probability``
    and the ``mw_*`` match weights), each record's list and each list's size. Out: the new
    probability of every pair and the change of its log2 odds (the "one_to_one" weight),
    both aligned with ``pairs``.

    The model scores a pair alone, against a prior of one random pair in millions. Between
    two lists that are each free of duplicates, a record of list X has *one* partner in
    list Y, with probability ``pi`` (the share of X found in Y, estimated from the data as
    the links a one-to-one pass makes at probability 0.5, at most ``PI_MAX``), or none. So
    for a record ``a`` of X and a candidate ``b`` of Y, with ``BF`` the model's Bayes factors
    and ``N_Y`` the size of Y::

        P_a(a = b) = (pi_X / N_Y) BF(a, b) / ((1 - pi_X) + (pi_X / N_Y) sum_b' BF(a, b'))

    the sum running over every candidate ``b'`` of ``a`` in Y. Two things follow that a
    pairwise score cannot see: a record with one strong candidate and nobody else who looks
    like it is more surely linked (its odds grow by up to ``1 / (1 - pi)``), and a record
    with two equally good candidates gives each at most one half (it goes to review). The
    pair keeps the lower of the two sides' probabilities, ``min(P_a, P_b)``: both records
    must single the other out.
    """
    p = pairs["match_probability"].astype("float64")
    if pairs.empty:
        return p, pd.Series(0.0, index=pairs.index)
    mw_cols = [c for c in pairs.columns if c.startswith("mw_")]
    bf = pd.Series(np.exp2(pairs[mw_cols].astype("float64").fillna(0.0).sum(axis=1).clip(-1000, 1000)),
                   index=pairs.index)  # fmt: skip
    la = pairs["unique_id_l"].map(list_of)
    lb = pairs["unique_id_r"].map(list_of)
    swap = la > lb
    df = pd.DataFrame(
        {
            "a": pairs["unique_id_l"].where(~swap, pairs["unique_id_r"]),
            "b": pairs["unique_id_r"].where(~swap, pairs["unique_id_l"]),
            "la": la.where(~swap, lb),
            "lb": lb.where(~swap, la),
            "bf": bf,
            "p_model": p,
        }
    )
    out = p.copy()
    for (x, y), g in df[df["la"] != df["lb"]].groupby(["la", "lb"], sort=True):
        links = _greedy_links(g)
        nx, ny = sizes[x], sizes[y]
        pi_x, pi_y = min(PI_MAX, links / nx), min(PI_MAX, links / ny)
        sum_a = g.groupby("a")["bf"].transform("sum")
        sum_b = g.groupby("b")["bf"].transform("sum")
        p_a = (pi_x / ny) * g["bf"] / ((1 - pi_x) + (pi_x / ny) * sum_a)
        p_b = (pi_y / nx) * g["bf"] / ((1 - pi_y) + (pi_y / nx) * sum_b)
        out.loc[g.index] = np.minimum(p_a, p_b)
        _log.info(
            "one-to-one: lists %r and %r, %d links at 0.5, %.0f%% and %.0f%% of each in the other",
            x, y, links, 100 * pi_x, 100 * pi_y,
        )  # fmt: skip
    eps = 1e-300
    lift = np.log2((out + eps) / (1 - out + eps)) - np.log2((p + eps) / (1 - p + eps))
    return out, lift


def one_per_person(pairs: pd.DataFrame, n_records: int) -> tuple[pd.Series, pd.Series]:
    """Match probabilities for one list with duplicates, a record's candidates weighed
    against each other (the dedup counterpart of :func:`one_to_one`).

    In: the model's scored pairs of one list (``unique_id_l``, ``unique_id_r``,
    ``match_probability``, the ``mw_*`` match weights) and the list's size ``N``. Out: the
    new probability of every pair and the change of its log2 odds (the "one_to_one" weight),
    aligned with ``pairs``.

    The model scores a pair alone. In a list with duplicates, a record has another record of
    its person with probability ``pi`` (the share of the records in a pair the model scores 0.5
    or more, at most ``PI_MAX``), or none; if it has, that record is any of the ``N - 1`` others.
    With ``o(a, b) = (pi / (N - 1)) BF(a, b)``, ``BF`` the model's Bayes factors (its ``mw_*``
    weights: the model's own prior is not used, as in :func:`one_to_one`)::

        P_a(a = b) = o(a, b) / ((1 - pi) + sum_b' o(a, b'))

    the sum over ``a``'s candidates ``b'`` (``b`` included), except those the model already ties
    to ``b`` at 0.5 or more (``b``'s own other records: a person recorded three times is one
    rival, not two). The pair keeps ``min(P_a, P_b)``. A record with one candidate and nobody
    else like it is surer (its odds grow by up to ``1 / (1 - pi)``, never shrink); one whose
    damaged name is as near two people gives each at most a half (review). Why: on a large
    list the prior per pair falls with ``N`` while a near-exact name's evidence does not grow as
    fast, so a damaged duplicate with no rival at all stayed below the automatic threshold
    (300,000 synthetic records: automatic recall 0.68).
    """
    p = pairs["match_probability"].astype("float64")
    if pairs.empty or n_records < 2:
        return p, pd.Series(0.0, index=pairs.index)
    a = pairs["unique_id_l"].to_numpy(dtype=np.int64)
    b = pairs["unique_id_r"].to_numpy(dtype=np.int64)
    strong = p.to_numpy() >= 0.5
    pi = min(PI_MAX, len(np.union1d(a[strong], b[strong])) / n_records)
    # The prior odds of a pair are the data's, pi / (N - 1), as one_to_one takes pi_X / N_Y: not
    # the model's prior, which assumes the exact-name rule finds PRIOR_RULE_RECALL (0.8) of the
    # duplicates; on a list whose duplicates are mostly spelled apart it finds far fewer.
    mw_cols = [c for c in pairs.columns if c.startswith("mw_")]
    bf = np.exp2(pairs[mw_cols].astype("float64").fillna(0.0).sum(axis=1).clip(-1000, 1000).to_numpy())
    w = np.minimum(pi / (n_records - 1) * bf, 1e300)
    both = pd.DataFrame(
        {"x": np.concatenate([a, b]), "y": np.concatenate([b, a]), "w": np.concatenate([w, w]),
         "p": np.concatenate([p.to_numpy(), p.to_numpy()])}
    )  # fmt: skip
    total = both.groupby("x")["w"].sum()
    # x's candidates z that the model ties to y at 0.5 or more are y's own records, not rivals
    tied = both.loc[both["p"] >= 0.5, ["x", "y"]].rename(columns={"x": "y", "y": "z"})
    tri = both.rename(columns={"y": "z"})[["x", "z", "w"]].merge(tied, on="z")
    tri = tri[tri["x"] != tri["y"]]
    own = tri.groupby(["x", "y"])["w"].sum()

    def side(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        s = total.reindex(x).to_numpy()
        e = own.reindex(pd.MultiIndex.from_arrays([x, y])).fillna(0.0).to_numpy()
        return np.asarray(w / ((1 - pi) + s - e))

    out = pd.Series(np.minimum(side(a, b), side(b, a)), index=pairs.index).clip(0.0, 1.0)
    _log.info("one list: %.0f%% of the records in a pair scored 0.5 or more", 100 * pi)
    eps = 1e-300
    lift = np.log2((out + eps) / (1 - out + eps)) - np.log2((p + eps) / (1 - p + eps))
    return out, lift


def rivals_in_turn(
    pairs: pd.DataFrame, list_of: dict[int, str], match_threshold: float, review_threshold: float
) -> tuple[pd.Series, pd.Series]:
    """Small inputs between duplicate-free lists: a pair with a rival as good goes to review.

    In: the model's scored pairs (``unique_id_l``, ``unique_id_r``, ``match_probability``,
    all at or above ``review_threshold``) and each record's list. Out: the new probability of
    every pair and the change of its log2 odds (the "one_to_one" weight), aligned with ``pairs``.

    Below ``MIN_RECORDS_TO_TRAIN`` records :func:`one_to_one` does not run (too few links to
    estimate ``pi`` from, and the score of two records must not depend on the others), so
    without this step a record of list X with two candidates in list Y that fit it equally
    well (two people of Y with its name and age) was linked to whichever the clustering met
    first: a coin toss. The pairs are taken strongest first; with ``o`` the model's odds,

        P_a(a = b) = o(a, b) / (1 + sum_b' o(a, b'))

    the sum over ``a``'s candidates ``b'`` in Y (``b`` included) that are not already linked
    in this pass to another record of X, and the same from ``b``'s side; the pair keeps the
    lower. This is :func:`one_to_one` with ``pi`` taken as 0 (no lift): a lone candidate keeps
    the model's probability exactly, so the score still depends on those two records alone
    unless a rival is in play; two equal rivals give each just under a half. A rival takes a
    pair out of the automatic links, never out of the review queue: a pair lowered below
    ``review_threshold`` stays at it (which of the two it is, is the reviewer's question). In
    turn, because a candidate the pass has already linked elsewhere with confidence is no
    rival: two lists that each hold one name twice, once with the age and once without, link
    the two with the age first and then the two without.
    """
    p = pairs["match_probability"].astype("float64")
    out = p.to_numpy(copy=True)
    if pairs.empty:
        return p, pd.Series(0.0, index=pairs.index)
    left = pairs["unique_id_l"].tolist()
    right = pairs["unique_id_r"].tolist()
    prob = p.tolist()
    odds = [x / (1.0 - x) if x < 1.0 else 1e300 for x in prob]
    lists = [(list_of[x], list_of[y]) for x, y in zip(left, right, strict=True)]
    candidates: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for i, (x, y) in enumerate(zip(left, right, strict=True)):
        lx, ly = lists[i]
        if lx != ly:
            candidates.setdefault((x, ly), []).append((i, y))
            candidates.setdefault((y, lx), []).append((i, x))
    linked: set[tuple[int, str]] = set()  # (record, the other list it has its partner in)

    def side(i: int, rec: int, own: str, other: str, partner: int) -> tuple[float, bool]:
        rivals = [j for j, z in candidates[(rec, other)] if z != partner and (z, own) not in linked]
        return odds[i] / (1.0 + odds[i] + sum(odds[j] for j in rivals)), bool(rivals)

    for i in sorted(range(len(prob)), key=lambda k: -prob[k]):
        x, y = left[i], right[i]
        lx, ly = lists[i]
        if lx == ly:
            continue
        (pa, ra), (pb, rb) = side(i, x, lx, ly, y), side(i, y, ly, lx, x)
        if ra or rb:
            out[i] = max(min(pa, pb), min(prob[i], review_threshold))
        if out[i] >= match_threshold:
            linked.update({(x, ly), (y, lx)})
    new = pd.Series(out, index=pairs.index)
    eps = 1e-300
    lift = np.log2((new + eps) / (1 - new + eps)) - np.log2((p + eps) / (1 - p + eps))
    return new, lift


def near_frequencies(features: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """How many other people hold a name *near* each name: the frequency the near-exact
    name levels read (same skeleton; given, father and family agree).

    In: the feature table (``key``, ``sk_key``, ``g``, ``f``, ``gf``, ``fam``). Out: the
    table with a ``near_id`` column (the whole name's integer code, as ``key_id``) and the
    lookup table (``near_id``, ``tf_near_id``).

    A near pair holds one record of each of two names, so the exact name's count among
    others is ``c - 1`` for each side; and people who are not the pair may hold the level's
    own key: the same consonant skeleton (``sk_key``) or the same given, father's and family
    name, ``c' - 2`` beside the pair. On a list of a million the names *near* a common
    name are many even when its exact spelling is held once (محمد محمد X المصري against
    محمد محمد Y المصري), and the exact count alone took them for rare. For names of three
    parts or more: ``(max(c - 1, c_skeleton - 2, c_given+father+family - 2, 0) + h) / N``
    (``h`` as in :func:`name_frequencies`), never below ``f(given) x f(lineage)`` (as
    :func:`name_frequencies`); shorter names: the larger of the name's and the skeleton's
    counts over ``N``. One value per name, the highest of its records.
    """
    key, named, n, long_name, by_parts = _name_basis(features)
    c_key = _counts(key)
    c_sk = _counts(np.where(named, _codes(features["sk_key"]), -1))
    parts = _combined(*(_codes(features[c]) for c in ("g", "f", "fam")))
    c_gfp = _counts(np.where(named & long_name, parts, -1))
    others = np.maximum.reduce([c_key - 1, c_sk - 2, c_gfp - 2, np.zeros_like(c_key)])
    near = np.maximum((others + _unseen_holders(c_key, long_name)) / n, by_parts)
    short = np.maximum(c_key, c_sk) / n
    tf = np.where(long_name, near, short)
    table = pd.DataFrame({"near_id": key[named], "tf_near_id": tf[named]})
    table = table.groupby("near_id", as_index=False).max()
    return features.assign(near_id=key.astype("int64")), table
