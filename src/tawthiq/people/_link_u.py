"""u (the chance two records of different people agree at a level), counted instead of sampled.

In: the feature table of :mod:`._link_features` (pandas), the link type and the model's
comparisons as splink renders them for DuckDB (their ``CASE`` expressions). Out: for each
comparison, the count of record pairs at each of its levels (null level excluded) and the
number of pairs those counts stand for. Never: trains m, scores pairs, logs a value.

splink's ``estimate_u_using_random_sampling`` draws about two million random pairs and takes
each down every comparison's levels. On the lists Tawthiq links that was over half of the
linker's CPU time (2.8 of 5.2 s on the hard task), and the u of a rare name level rested on a
handful of sampled pairs. The quantity it estimates, the share of all record pairs at a level,
can mostly be counted:

* a comparison over a few distinct values (sex, age, the age after a list's offset, the
  place where there are few): the pairs at each level are a sum over value counts,
  ``sum c_l(x) c_r(y)`` over the distinct value combinations ``x``, ``y`` of the two sides at that
  level (``c(x)(c(x) - 1)`` for a combination with itself), one ``GROUP BY`` and a join of two
  small tables in DuckDB, exactly;
* the name: every level but the Jaro–Winkler ones needs two records to share a key (the
  whole name, a skeleton, the letter shapes, the given + father + family names …,
  :data:`NAME_KEYS`). The pairs sharing one (tens of thousands on lists of 18,000) are all
  enumerated and taken down the levels, exactly; the other pairs, which can only land in a
  Jaro–Winkler level or "else", are stood for by :data:`U_SAMPLED_PAIRS` pairs drawn
  independently and uniformly, whose counts are scaled to all such pairs. A stratified
  estimate: exact where the rare levels are, sampled where only the common ones can be (the
  few of those pairs that can reach a Jaro–Winkler level are found by rapidfuzz first,
  :func:`_near_candidates`, and DuckDB takes only them down the levels);
* any other comparison (birth dates, document numbers, addresses with too many distinct
  values to cross): from the same random pairs.

Below :data:`U_SAMPLED_PAIRS` pairs in all, every pair is taken and every count is exact.
The estimand is splink's (the share among *all* pairs, true matches included).

Why a hand-written estimator: splink has no exact u, and its random sampling estimates every
level from the same pairs whether it is rare or common.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["NAME_KEYS", "LevelCounts", "count_u"]

NAME_KEYS: tuple[tuple[str, ...], ...] = (
    ("key",),
    ("sk_key",),
    ("f", "gf", "fam"),
    ("g", "gf", "fam"),
    ("g", "f", "fam"),
    ("rasm",),
)
"""Keys two records must share to reach a name level other than Jaro–Winkler or "else"
(the whole name, its skeleton, the siblings' and the cousins' parts, given + father +
family, the letter shapes); the siblings' parts without the grandfather where a side lacks
him (:data:`KEYS_WHERE_ONE_LACKS`), the cross-script letter skeleton between two scripts and
the given and family skeletons swapped between two names without a father's name are the
last (:func:`_shared_name_key`).

The last two keys carry the condition of the one level they serve (issue 19, session 24): as
plain keys they enumerated pairs that level can never take. On the 250,000-record synthetic
dedup (one script, every name with a father's name) the swapped skeletons alone were 305,668
of the 664,732 pairs sharing a key, and the letter skeleton 45,930 more; the swapped pairs grow
with the square of the list (a given name that is another's family name: محمد, حسن …)."""
KEYS_WHERE_ONE_LACKS: tuple[tuple[tuple[str, ...], str], ...] = ((("f", "fam"), "gf"),)
"""Keys that need sharing only where one side lacks a part: the siblings' level takes a pair
with the same father's and family name whose grandfathers agree *or one is missing*. As the
plain key ``("f", "fam")`` it enumerated every pair of strangers sharing a father's and a family
name (19.4 of 21.1 million pairs on the million-record synthetic dedup: counting u there cost
70 CPU s); the grandfather's agreement is a key of its own above, and the pairs where one side
lacks him are few (issue 19, session 23)."""

HISTOGRAM_MAX_COMBINATIONS = 4_000_000
"""A comparison is counted from value counts while the two sides' distinct value
combinations cross into at most this many rows; above, it is sampled."""
NEAR_WITHOUT_KEY = (
    "jaro_winkler_similarity(key_l, key_r) >= 0.88"
    " OR (scr_l <> scr_r AND jaro_winkler_similarity(x_sk_l, x_sk_r) >= 0.9)"
)
"""The loosest Jaro–Winkler thresholds of the name comparison (on the key; on the letter
skeleton across scripts): a pair sharing no name key that fails both is at the "else" level.
A test (``test_a_pair_sharing_no_name_key_reaches_only_jaro_winkler_levels``) takes every pair of a
fixture down the levels to check it, so a new level cannot be missed silently."""
U_SAMPLED_PAIRS = 500_000
"""Independent random pairs for what is not counted (the name pairs sharing no key, a
comparison with too many distinct values); below this many pairs in all, every pair is taken."""
NAME_KEY_MAX_PAIRS = 20_000_000
"""Above this many pairs sharing a name key (a bound from the keys' value counts), the
caller keeps splink's random sampling. The synthetic dedup's bound was 21.1 million at a million
records while the siblings' key was the father's and family name alone (19.4 million of them:
strangers share those two parts); with the grandfather in that key
(:data:`KEYS_WHERE_ONE_LACKS`) the million is counted too (session 23)."""


@dataclass(frozen=True)
class LevelCounts:
    """Pairs at each non-null level of one comparison, in the model's level order (strict to
    loose), and the pairs they stand for (``total``: every pair neither side of which is null)."""

    counts: tuple[float, ...]
    total: float
    exact: bool


_COL = re.compile(r'"?\b([A-Za-z_][A-Za-z0-9_]*)_([lr])\b"?')


def _columns(case: str, available: Sequence[str]) -> list[str]:
    """The feature columns a ``CASE`` reads (``col_l`` / ``col_r``)."""
    have = set(available)
    return sorted({m.group(1) for m in _COL.finditer(case) if m.group(1) in have})


def _case_expr(case: str) -> str:
    return re.sub(r"\s+as\s+\S+\s*$", "", case.strip(), flags=re.IGNORECASE)


def _pair_condition(link_type: str) -> str:
    cond = "l.unique_id < r.unique_id"
    return cond + (" AND l.source_dataset <> r.source_dataset" if link_type == "link_only" else "")


def _projection(cols: Sequence[str]) -> str:
    return ", ".join(f'l."{c}" AS "{c}_l", r."{c}" AS "{c}_r"' for c in cols)


def _name_key_joins(available: Sequence[str]) -> list[str]:
    """One join condition per key of :data:`NAME_KEYS` the features have (NULL never equal)."""
    have = set(available)
    parts = [
        " AND ".join(f'l."{c}" = r."{c}"' for c in key) for key in NAME_KEYS if all(c in have for c in key)
    ]
    for key, lacking in KEYS_WHERE_ONE_LACKS:
        if all(c in have for c in (*key, lacking)):
            same = " AND ".join(f'l."{c}" = r."{c}"' for c in key)
            # one join per side that lacks it: each an equi-join over the records without it
            parts += [f'{same} AND l."{lacking}" IS NULL', f'{same} AND r."{lacking}" IS NULL']
    if {"x_sk", "scr"} <= have:  # the level "an Arabic name and its Latin transliteration"
        parts.append('l."x_sk" = r."x_sk" AND l."scr" <> r."scr"')
    if {"g_sk", "fam_sk", "f"} <= have:  # the level "given and family names swapped"
        parts.append('l."g_sk" = r."fam_sk" AND l."fam_sk" = r."g_sk" AND l."f" IS NULL AND r."f" IS NULL')
    return parts


def _shared_name_key(available: Sequence[str]) -> str:
    """True when the pair ``l``, ``r`` shares one of :data:`NAME_KEYS`."""
    return " OR ".join(f"coalesce({p}, false)" for p in _name_key_joins(available)) or "false"


def _levels(comparison: Any) -> list[int]:
    """The comparison vector values of the non-null levels, in the model's order."""
    return [int(lv.comparison_vector_value) for lv in comparison.comparison_levels if not lv.is_null_level]


def _histogram_counts(con: Any, comparison: Any, cols: list[str], link_type: str) -> dict[int, float] | None:
    """Pairs per level from value counts, or None when the combinations are too many."""
    group = ", ".join(f'"{c}"' for c in cols)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE hist AS SELECT source_dataset, {group}, count(*) AS n, "
        f"row_number() OVER () AS hid FROM feats GROUP BY source_dataset, {group}"
    ).fetchall()
    ((rows,),) = con.execute("SELECT count(*) FROM hist").fetchall()
    if rows * rows > HISTOGRAM_MAX_COMBINATIONS:
        return None
    other = "l.source_dataset <> r.source_dataset" if link_type == "link_only" else "true"
    # Ordered pairs of records: a combination with itself gives n (n - 1), two give n_l n_r;
    # every CASE here is symmetric, so the ordered count is twice the unordered one.
    sql = (
        f"SELECT gamma, sum(w) FROM (SELECT {_case_expr(comparison._case_statement)} AS gamma, w FROM ("
        f"SELECT CASE WHEN l.hid = r.hid THEN l.n * (l.n - 1) ELSE l.n * r.n END AS w, {_projection(cols)} "
        f"FROM hist l, hist r WHERE {other})) GROUP BY gamma"
    )
    return {int(g): float(w) / 2 for g, w in con.execute(sql).fetchall()}


def _every_pair(features: pd.DataFrame, link_type: str) -> pd.DataFrame:
    """Every pair the model compares (``a < b``; across lists for ``link_only``): ids ``a``, ``b``."""
    ids = features["unique_id"].to_numpy()
    lists = pd.factorize(features["source_dataset"])[0]
    i, j = np.triu_indices(len(ids), k=1)
    a, b = np.minimum(ids[i], ids[j]), np.maximum(ids[i], ids[j])
    keep = (a != b) & ((lists[i] != lists[j]) if link_type == "link_only" else True)
    return pd.DataFrame({"a": a[keep], "b": b[keep]})


def _pair_sample(features: pd.DataFrame, link_type: str, n_pairs: int, seed: int) -> pd.DataFrame:
    """``n_pairs`` record pairs drawn independently and uniformly (with replacement) among the
    pairs the model compares: ids ``a``, ``b``. Independent pairs, not every pair of a sample
    of records (splink's design): a record with a common name then weighs in one pair, not in
    a thousand, and the same number of pairs estimates a rare level's share with less noise."""
    rng = np.random.default_rng(seed)
    ids = features["unique_id"].to_numpy()
    lists = pd.factorize(features["source_dataset"])[0]
    n = len(ids)
    a_parts, b_parts, have = [], [], 0
    while have < n_pairs:
        left = rng.integers(0, n, size=2 * n_pairs)
        right = rng.integers(0, n, size=2 * n_pairs)
        keep = (left != right) & ((lists[left] != lists[right]) if link_type == "link_only" else True)
        a_parts.append(ids[left[keep]])
        b_parts.append(ids[right[keep]])
        have += int(keep.sum())
    return pd.DataFrame({"a": np.concatenate(a_parts)[:n_pairs], "b": np.concatenate(b_parts)[:n_pairs]})


def count_u(
    features: pd.DataFrame,
    comparisons: Sequence[Any],
    link_type: str,
    max_pairs: float,
    seed: int,
) -> dict[str, LevelCounts] | None:
    """Pairs at each level of every comparison (see the module docstring), keyed by the
    comparison's output column; None when too many pairs share a name key (the caller then
    samples with splink)."""
    import duckdb

    feats = features.drop(columns=[c for c in ("tokens",) if c in features.columns])
    available = list(feats.columns)
    con = duckdb.connect()
    try:
        con.register("feats_df", feats)
        con.execute("CREATE TEMP TABLE feats AS SELECT * FROM feats_df").fetchall()
        sizes = feats["source_dataset"].value_counts().tolist()
        n = len(feats)
        all_pairs = (n * n - sum(s * s for s in sizes)) / 2 if link_type == "link_only" else n * (n - 1) / 2
        if not all_pairs:
            return None
        if _name_key_pairs_bound(con, available, link_type) > NAME_KEY_MAX_PAIRS:
            return None
        pair = _pair_condition(link_type)
        every = all_pairs <= max_pairs  # a small input: every pair, nothing sampled
        if every:
            pairs = _every_pair(feats, link_type)
        else:
            pairs = _pair_sample(feats, link_type, int(min(max_pairs, U_SAMPLED_PAIRS)), seed)
        # in DuckDB only for a comparison taken from the pairs (the name's are screened in numpy)
        con.register("pairs", pairs)
        out: dict[str, LevelCounts] = {}
        for comp in comparisons:
            name = comp.output_column_name
            case = _case_expr(comp._case_statement)
            cols = _columns(case, available)
            levels = _levels(comp)
            if name == "name":
                out[name] = _name_counts(con, feats, case, cols, levels, pair, pairs, every)
                continue
            exact = _histogram_counts(con, comp, cols, link_type)
            if exact is not None:
                counts = tuple(exact.get(g, 0.0) for g in levels)
                out[name] = LevelCounts(counts, float(sum(counts)), True)
                continue
            got = dict(
                con.execute(
                    f"SELECT gamma, count(*) FROM (SELECT {case} AS gamma FROM ({_sampled(cols)})) "
                    "GROUP BY gamma"
                ).fetchall()
            )
            counts = tuple(float(got.get(g, 0)) for g in levels)
            out[name] = LevelCounts(counts, float(sum(counts)), every)
        return out
    finally:
        con.close()


def _name_key_pairs_bound(con: Any, available: Sequence[str], link_type: str) -> float:
    """An upper bound of the pairs sharing a name key: the sum over keys of each key's pairs."""
    have = set(available)
    total = 0.0
    for key in NAME_KEYS:
        if not all(c in have for c in key):
            continue
        cols = ", ".join(f'"{c}"' for c in key)
        nonnull = " AND ".join(f'"{c}" IS NOT NULL' for c in key)
        if link_type == "link_only":
            sql = (
                f"SELECT coalesce(sum((t * t - s2) / 2), 0) FROM (SELECT sum(n) AS t, sum(n * n) AS s2 FROM "
                f"(SELECT {cols}, source_dataset, count(*)::DOUBLE AS n FROM feats WHERE {nonnull} "
                f"GROUP BY {cols}, source_dataset) GROUP BY {cols})"
            )
        else:
            sql = (
                f"SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM (SELECT count(*)::DOUBLE AS n FROM feats "
                f"WHERE {nonnull} GROUP BY {cols})"
            )
        total += float(con.execute(sql).fetchall()[0][0])
    for key, lacking in KEYS_WHERE_ONE_LACKS:
        if not all(c in have for c in (*key, lacking)):
            continue
        cols = ", ".join(f'"{c}"' for c in key)
        nonnull = " AND ".join(f'"{c}" IS NOT NULL' for c in key)
        # each record lacking the part against every record of its key: a bound for either link type
        sql = (
            f"SELECT coalesce(sum(n_lacking * n), 0) FROM (SELECT count(*)::DOUBLE AS n, "
            f'count(*) FILTER (WHERE "{lacking}" IS NULL)::DOUBLE AS n_lacking FROM feats WHERE {nonnull} '
            f"GROUP BY {cols})"
        )
        total += float(con.execute(sql).fetchall()[0][0])
    return total


def _sampled(cols: list[str], where: str = "true") -> str:
    """The pairs of the ``pairs`` table with both records' columns."""
    return (
        f"SELECT {_projection(cols)} FROM pairs p JOIN feats l ON l.unique_id = p.a "
        f"JOIN feats r ON r.unique_id = p.b WHERE {where}"
    )


def _name_counts(
    con: Any,
    features: pd.DataFrame,
    case: str,
    cols: list[str],
    levels: list[int],
    pair: str,
    pairs: pd.DataFrame,
    every: bool,
) -> LevelCounts:
    """The name: pairs sharing a key counted exactly, the others sampled and scaled."""
    # one equi-join per key (an OR of keys would be a nested loop), the pairs united
    joins = " UNION ".join(
        f"SELECT l.unique_id AS a, r.unique_id AS b FROM feats l JOIN feats r ON {on} AND {pair}"
        for on in _name_key_joins(cols)
    )
    keyed = dict(
        con.execute(
            f"SELECT gamma, count(*) FROM (SELECT {case} AS gamma FROM (SELECT {_projection(cols)} "
            f"FROM ({joins}) k JOIN feats l ON l.unique_id = k.a JOIN feats r ON r.unique_id = k.b)) "
            "GROUP BY gamma"
        ).fetchall()
    ) if joins else {}  # fmt: skip
    # The other pairs can only reach a Jaro-Winkler level: the full CASE is evaluated on those
    # that pass its loosest thresholds (NEAR_WITHOUT_KEY), the rest are "else". Which pairs
    # share no key is found on the keys' integer codes (_rest_of_pairs), which pass is first
    # screened by rapidfuzz (_near_candidates), a superset; DuckDB then decides exactly.
    a, b = _rest_of_pairs(features, list(features.columns), pairs["a"].to_numpy(), pairs["b"].to_numpy())
    n_sampled = len(a)
    near = _near_candidates(features, a, b)
    con.register("near_df", pd.DataFrame({"a": a[near], "b": b[near]}))
    con.execute("CREATE OR REPLACE TEMP TABLE near_pairs AS SELECT * FROM near_df").fetchall()
    sampled = dict(
        con.execute(
            f"SELECT gamma, count(*) FROM (SELECT {case} AS gamma FROM ("
            f"SELECT {_projection(cols)} FROM near_pairs p JOIN feats l ON l.unique_id = p.a "
            f"JOIN feats r ON r.unique_id = p.b) WHERE {NEAR_WITHOUT_KEY}) GROUP BY gamma"
        ).fetchall()
    )
    sampled[levels[-1]] = sampled.get(levels[-1], 0) + n_sampled - sum(sampled.values())
    keyed.pop(-1, None)
    total = _nonnull_pairs(con, pair)  # every pair with a name on both sides
    rest = total - float(sum(keyed.values()))
    scale = rest / n_sampled if n_sampled else 0.0
    counts = tuple(float(keyed.get(g, 0)) + scale * float(sampled.get(g, 0)) for g in levels)
    return LevelCounts(counts, total, every)


def _rest_of_pairs(
    features: pd.DataFrame, available: Sequence[str], a: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs ``a``, ``b`` (ids) with a name on both sides that share no name key.

    :func:`_shared_name_key`'s test on each column's integer code (``pd.factorize``: equal
    strings, equal codes; a missing value -1, equal to nothing, as SQL's NULL), in numpy: it
    replaced a DuckDB join of the sampled pairs with both records' rows (0.2 CPU s of the hard
    task). ``test_shared_key_on_codes_is_duckdbs_test`` holds the two to the same pairs.
    """
    have = set(available)
    pos = pd.Index(features["unique_id"].to_numpy()).get_indexer
    ia, ib = pos(a), pos(b)
    codes: dict[str, np.ndarray] = {}

    def code(col: str) -> np.ndarray:
        if col not in codes:
            codes[col] = pd.factorize(features[col])[0]
        return codes[col]

    def same(left: str, right: str) -> np.ndarray:
        x, y = code(left)[ia], code(right)[ib]
        return (x == y) & (x >= 0)

    shared = np.zeros(len(ia), dtype=bool)
    for key in NAME_KEYS:
        if all(c in have for c in key):
            hit = np.ones(len(ia), dtype=bool)
            for c in key:
                hit &= same(c, c)
            shared |= hit
    for key, lacking in KEYS_WHERE_ONE_LACKS:
        if all(c in have for c in (*key, lacking)):
            hit = (code(lacking)[ia] < 0) | (code(lacking)[ib] < 0)
            for c in key:
                hit &= same(c, c)
            shared |= hit
    if {"x_sk", "scr"} <= have:
        scr_a, scr_b = code("scr")[ia], code("scr")[ib]
        shared |= same("x_sk", "x_sk") & (scr_a >= 0) & (scr_b >= 0) & (scr_a != scr_b)
    if {"g_sk", "fam_sk", "f"} <= have:
        # the swapped test compares two columns: one code for both, or equal strings could differ
        both, _ = pd.factorize(pd.concat([features["g_sk"], features["fam_sk"]], ignore_index=True))
        codes["__g_sk"], codes["__fam_sk"] = both[: len(features)], both[len(features) :]
        no_father = (code("f")[ia] < 0) & (code("f")[ib] < 0)
        shared |= same("__g_sk", "__fam_sk") & same("__fam_sk", "__g_sk") & no_father
    named = features["key"].notna().to_numpy()
    keep = ~shared & named[ia] & named[ib]
    return a[keep], b[keep]


NEAR_SCREEN_MARGIN = 0.02
"""How much lower than :data:`NEAR_WITHOUT_KEY`'s thresholds rapidfuzz's screen cuts.

DuckDB's ``jaro_winkler_similarity`` and rapidfuzz's ``JaroWinkler`` are the same formula (the
same author's C++ code); the margin keeps the screen a superset should they ever round apart,
so the counts are DuckDB's own (``test_near_screen_keeps_every_pair_duckdb_finds_near``)."""


def _near_candidates(features: pd.DataFrame, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Which of the pairs ``a``, ``b`` (ids) may pass :data:`NEAR_WITHOUT_KEY`: a mask.

    Jaro–Winkler on the name key (and on the letter skeleton across scripts) for the sampled
    pairs sharing no name key, by rapidfuzz's ``cpdist`` (one C++ loop over the pairs, no
    SQL join of the two records' rows). Nearly all of them are far apart (76 of 500,000 on
    the hard task's lists reach a level), so DuckDB's ``CASE`` then runs on those few only;
    the screen replaced a DuckDB pass over all of them (0.51 CPU s of the 3.0 of the hard task).
    A hand-written screen, not a substitute for DuckDB's function: it only drops pairs.
    """
    from rapidfuzz.distance import JaroWinkler
    from rapidfuzz.process import cpdist

    if not len(a):
        return np.zeros(0, dtype=bool)
    pos = pd.Index(features["unique_id"].to_numpy()).get_indexer
    ia, ib = pos(a), pos(b)

    def strings(col: str) -> np.ndarray:  # a missing value compares as "" (never near but to "")
        return _narrow(features[col].where(features[col].notna(), "").to_numpy(dtype=object), len(ia))

    key = strings("key")
    key_jw = cpdist(key[ia], key[ib], scorer=JaroWinkler.similarity, workers=1)
    near = key_jw >= 0.88 - NEAR_SCREEN_MARGIN
    if "x_sk" in features.columns and "scr" in features.columns:
        scr = features["scr"].to_numpy(dtype=object)
        other = ~near & (scr[ia] != scr[ib])  # a NULL script on either side: kept for DuckDB to decide
        if other.any():
            x_sk = strings("x_sk")
            jw = cpdist(x_sk[ia[other]], x_sk[ib[other]], scorer=JaroWinkler.similarity, workers=1)
            near[np.flatnonzero(other)[jw >= 0.9 - NEAR_SCREEN_MARGIN]] = True
    return near


NARROW_MAX_DISTINCT_PER_PAIR = 1 / 8
""":func:`_narrow` renames the letters only while the distinct strings are at most this share of
the pairs to compare: renaming costs per distinct string what it saves per pair, several times
over. On the 250,000-record synthetic dedup (a distinct key per record, 500,000 sampled pairs)
:func:`_near_candidates` took 1.43, 1.68 CPU s renamed and 0.89, 0.89 not (the same 280 pairs
kept; issue 19, session 24); the hard task's lists (36,000 records) are still renamed."""


def _narrow(values: np.ndarray, n_pairs: int) -> np.ndarray:
    """The strings with their letters renamed to code points below 256, one for one.

    Jaro–Winkler reads only which letters are equal and where, so renaming every letter to
    another, distinct one changes no score (the test of the screen compares with DuckDB); an
    Arabic name is then a one-byte string, which rapidfuzz compares on its fast path
    (``cpdist`` over the hard task's 500,000 sampled pairs 0.35-0.42 -> 0.21-0.30 CPU s, the
    same scores). Above 255 distinct letters, or more distinct strings than
    :data:`NARROW_MAX_DISTINCT_PER_PAIR` of the ``n_pairs`` pairs, the strings are left as they are.
    """
    distinct = pd.unique(values)
    if len(distinct) > NARROW_MAX_DISTINCT_PER_PAIR * n_pairs:
        return values
    letters = sorted(set("".join(distinct)))
    if len(letters) > 255 or all(ord(ch) < 256 for ch in letters):
        return values
    table = str.maketrans({ch: chr(i + 1) for i, ch in enumerate(letters)})
    codes, uniques = pd.factorize(values)
    return np.array([u.translate(table) for u in uniques], dtype=object)[codes]


def _nonnull_pairs(con: Any, pair: str) -> float:
    rows = con.execute(
        "SELECT source_dataset, count(*)::DOUBLE FROM feats WHERE key IS NOT NULL GROUP BY source_dataset"
    ).fetchall()
    sizes = [r[1] for r in rows]
    n = sum(sizes)
    if "source_dataset <>" in pair:
        return (n * n - sum(s * s for s in sizes)) / 2
    return n * (n - 1) / 2
