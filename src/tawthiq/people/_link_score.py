"""One table of comparison vectors for EM and for scoring: splink's predict, in numpy.

In: a splink linker on DuckDB (its settings hold the model and the prediction's blocking
rules) and the EM training rules. Out: :class:`PairVectors`, every pair that the prediction's
blocking or a training rule finds, with the rules that find it, its level (comparison
vector value) on each comparison and each term-frequency adjustment, computed by splink's own
SQL once; from it the EM runs' pattern table (:func:`em_table`) and the scored pairs of a
trained model (:func:`score`), the columns splink's ``predict`` returns.
Never: trains, clusters, touches the project database or logs a name.

Why hand-written (issue 19, session 23): splink built the training pairs' comparison vectors
for EM (:func:`._link_em.pattern_table`), then blocked and compared again for ``predict``
(the same-name pairs twice) and scored every pair in SQL. A pair's score reads only its
comparison vector γ and its adjustments t: ``w = log2(λ / (1 − λ)) + Σ_c (w_c(γ_c) + t_c)``,
``w_c`` the level's ``log2(m / u)`` (splink's ``_match_weight``), and ``p = 1 / (1 + 2^−w)``
written as splink's SQL writes it. t reads u only (``log2(u_exact) − log2(max(tf_l, tf_r))``),
which neither EM nor the partial-name cap changes for the exact level; the table keeps the
adjustments' SQL it computed them with, and :func:`score` returns None (the caller runs
splink's ``predict``) when the model's differ. The vectors, the adjustments and the prediction's
pairs are splink's own SQL (``compute_blocked_pairs_for_predict``,
``compute_comparison_vector_values_from_id_pairs_sqls``); the sums are splink's, in its order.
Tested against splink's ``predict`` on the same model: the same pairs, every match weight and
``mw_*`` column to 1e-9 (``tests/people_linkage/test_link_score.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from tawthiq.people._link_em import PatternTable, blocked_id_pairs
from tawthiq.people._link_em import _tf_sql as tf_sql

__all__ = ["PREDICT_RULE", "PairVectors", "em_table", "pair_vectors", "score"]

PREDICT_RULE = 1 << 8
"""The bit of :attr:`PairVectors.rules` for a pair the prediction's blocking finds (training
rule ``k`` is bit ``k``)."""


@dataclass(frozen=True)
class PairVectors:
    """Every blocked pair once (``left``, ``right``: ``unique_id_l``, ``unique_id_r``), ``rules`` a
    bit mask of the rules finding it, ``gamma[i, c]`` its level on comparison ``c`` (``names``),
    ``tf[i, c]`` that comparison's term-frequency adjustment (0 without one), and ``tf_sql`` the
    adjustments' SQL they were computed with (it holds the exact level's u)."""

    left: np.ndarray
    right: np.ndarray
    rules: np.ndarray
    names: list[str]
    gamma: np.ndarray
    tf: np.ndarray
    tf_sql: tuple[str | None, ...]


def _tf_sqls(comparisons: list[Any]) -> tuple[str | None, ...]:
    return tuple(tf_sql(cc) if cc._has_tf_adjustments else None for cc in comparisons)


def pair_vectors(linker: Any, training_rules: list[Any]) -> PairVectors | None:
    """The pairs of the prediction's blocking and of ``training_rules``, with their comparison
    vectors and adjustments for every comparison of ``linker``'s model; None when no rule finds
    a pair. The prediction's pairs are splink's (``compute_blocked_pairs_for_predict``); each
    training rule's are its blocking SQL alone, as ``EMTrainingSession`` writes it."""
    from splink.internals.comparison_vector_values import compute_comparison_vector_values_from_id_pairs_sqls
    from splink.internals.pipeline import CTEPipeline
    from splink.internals.term_frequencies import ensure_term_frequencies_for_linker
    from splink.internals.vertically_concatenate import enqueue_df_concat_with_tf

    settings = linker._settings_obj
    info = settings.column_info_settings
    ensure_term_frequencies_for_linker(linker)
    predicted = linker.inference.compute_blocked_pairs_for_predict()
    predict = f"SELECT join_key_l, join_key_r, {PREDICT_RULE} AS __rule FROM {predicted.physical_name}"
    blocked = blocked_id_pairs(linker, training_rules, also=(predict,))
    predicted.drop_table_from_database_and_remove_from_cache()
    comparisons = settings.core_model_settings.comparisons
    pipeline = CTEPipeline([blocked])
    enqueue_df_concat_with_tf(linker, pipeline)
    pipeline.enqueue_list_of_sqls(
        compute_comparison_vector_values_from_id_pairs_sqls(
            settings._columns_to_select_for_blocking,
            settings._columns_to_select_for_comparison_vector_values,
            input_tablename_l="__splink__df_concat_with_tf",
            input_tablename_r="__splink__df_concat_with_tf",
            source_dataset_input_column=info.source_dataset_input_column,
            unique_id_input_column=info.unique_id_input_column,
        )
    )
    sqls = _tf_sqls(comparisons)
    cols = ["unique_id_l AS __l", "unique_id_r AS __r", "CAST(match_key AS BIGINT) AS __rules"]
    cols += [f"{cc._gamma_column_name} AS __g{i}" for i, cc in enumerate(comparisons)]
    cols += [f"{sql} AS __t{i}" for i, sql in enumerate(sqls) if sql is not None]
    pipeline.enqueue_sql(
        f"SELECT {', '.join(cols)} FROM __splink__df_comparison_vectors", "__splink__pair_vectors"
    )
    table = linker._db_api.sql_pipeline_to_splink_dataframe(pipeline)
    blocked.drop_table_from_database_and_remove_from_cache()
    df = table.as_pandas_dataframe()
    table.drop_table_from_database_and_remove_from_cache()
    if df.empty:
        return None
    tf = np.zeros((len(df), len(comparisons)))
    for i, sql in enumerate(sqls):
        if sql is not None:
            tf[:, i] = df[f"__t{i}"].to_numpy(dtype=np.float64)
    gamma = df[[f"__g{i}" for i in range(len(comparisons))]].to_numpy(dtype=np.int64)
    return PairVectors(
        left=df["__l"].to_numpy(dtype=np.int64),
        right=df["__r"].to_numpy(dtype=np.int64),
        rules=df["__rules"].to_numpy(dtype=np.int64),
        names=[cc.output_column_name for cc in comparisons],
        gamma=gamma.reshape(len(df), len(comparisons)),
        tf=tf,
        tf_sql=sqls,
    )


def em_table(vectors: PairVectors | None) -> PatternTable | None:
    """The EM runs' pattern table (:class:`._link_em.PatternTable`) from the training rules' pairs:
    their distinct (γ, t, training rules) and how many pairs hold each, as
    :func:`._link_em.pattern_table` counts them in SQL."""
    if vectors is None:
        return None
    rows = (vectors.rules & (PREDICT_RULE - 1)) != 0
    if not rows.any():
        return None
    n = len(vectors.names)
    keys = np.column_stack(
        [vectors.gamma[rows].astype(np.float64), vectors.tf[rows], (vectors.rules[rows] & (PREDICT_RULE - 1))]
    )
    distinct, count = np.unique(keys, axis=0, return_counts=True)
    return PatternTable(
        names=list(vectors.names),
        gamma=distinct[:, :n].astype(np.int64),
        tf=distinct[:, n : 2 * n],
        count=count.astype(np.float64),
        rules=distinct[:, 2 * n].astype(np.int64),
    )


def score(vectors: PairVectors | None, linker: Any, floor: float) -> pd.DataFrame | None:
    """The prediction's pairs scored by ``linker``'s model at or above ``floor`` (a probability),
    with splink's ``predict`` columns ``unique_id_l``, ``unique_id_r``, ``match_probability``,
    ``match_weight`` and each comparison's ``mw_*`` (``mw_tf_adj_*``), sorted by the two ids.
    None when the model's comparisons or adjustments are not those of ``vectors`` (or a level
    lacks m or u): the caller then runs splink's ``predict``."""
    from splink.internals.misc import prob_to_match_weight, threshold_args_to_match_weight

    core = linker._settings_obj.core_model_settings
    comparisons = core.comparisons
    if vectors is None or [cc.output_column_name for cc in comparisons] != vectors.names:
        return None
    if _tf_sqls(comparisons) != vectors.tf_sql:
        return None
    rows = np.flatnonzero(vectors.rules & PREDICT_RULE)
    order = np.lexsort((vectors.right[rows], vectors.left[rows]))
    rows = rows[order]
    w = np.full(len(rows), prob_to_match_weight(core.probability_two_random_records_match), dtype=np.float64)
    parts: dict[str, np.ndarray] = {}
    for c, cc in enumerate(comparisons):
        values = [int(cl.comparison_vector_value) for cl in cc.comparison_levels]
        weights = [cl._match_weight for cl in cc.comparison_levels]
        if any(x is None for x in weights):
            return None
        lookup = np.zeros(max(values) + 2, dtype=np.float64)  # gamma -1 (null) at index 0
        lookup[np.array(values) + 1] = weights
        mw = lookup[vectors.gamma[rows, c] + 1]
        parts[cc._mw_column_name] = mw
        w = w + mw  # the order of splink's sum: the prior, then each comparison's terms
        if vectors.tf_sql[c] is not None:
            t = vectors.tf[rows, c]
            parts[cc._mw_tf_adj_column_name] = t
            w = w + t
    threshold = threshold_args_to_match_weight(floor, None)
    keep = w >= threshold if threshold is not None else np.ones(len(w), dtype=bool)
    w = w[keep]
    # splink's CASE: 1 / (1 + 2^-w) from 0 up, 2^w / (1 + 2^w) below (no overflow either way)
    with np.errstate(over="ignore"):
        pos = 1.0 / (1.0 + np.power(2.0, -w))
        neg = np.power(2.0, w) / (1.0 + np.power(2.0, w))
    prob = np.where(w >= 0, pos, neg)
    out = {
        "unique_id_l": vectors.left[rows][keep],
        "unique_id_r": vectors.right[rows][keep],
        "match_probability": prob,
        "match_weight": w,
    }
    out.update({name: col[keep] for name, col in parts.items()})
    return pd.DataFrame(out)
