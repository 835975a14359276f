"""splink's EM for m, iterated on the blocked pairs' distinct comparison patterns.

In: a splink linker (its settings hold the starting m, u and prior) and a training
blocking rule. Out: the linker's settings with each trained level's m added as splink adds
it (``estimate_parameters_using_expectation_maximisation`` with its defaults: u fixed, m and
the prior free, the prior not kept). Never: changes u, touches the project database or
logs a name.

**The estimator.** Fellegi–Sunter EM (Winkler 1988, "Using the EM algorithm for weight
computation in the Fellegi–Sunter model of record linkage"; splink's
``internals/expectation_maximisation.py``) with u fixed: the E-step gives each pair
``p = 1 / (1 + 2^-w)``, ``w = log2(λ / (1 − λ)) + Σ_c [log2(m_c(γ_c) / u_c(γ_c)) + t_c]``,
γ_c the pair's level on comparison c and t_c its term-frequency adjustment (splink's
``mw_tf_adj_c``: ``log2(u_exact) − log2(max(tf_l, tf_r))`` for a level adjusted by a
name's frequency, which reads u only, so it is fixed while EM runs); the M-step sets
``m_c(k) = Σ_{γ_c = k} p / Σ_{γ_c ≠ null} p`` and ``λ = Σ p / pairs``. Both steps read a pair
only through ``(γ, t)``: pairs that share it share ``p``, so the sums over pairs are sums
over the distinct ``(γ, t)`` weighted by how many pairs hold each. Those are counted once,
by one ``GROUP BY`` over splink's own comparison vectors of the blocked pairs (splink's SQL
computes γ and t), and the iterations run in numpy on that table (a few thousand rows for
tens of thousands of pairs) instead of one round of SQL per iteration over every pair.
splink's ``estimate_without_term_frequencies=True`` aggregates the same way but drops t
(measured: it moved F1); this keeps t, so it is splink's default estimator exactly, on its
sufficient statistic.

Kept from splink, as it does them: the training pairs and their comparison vectors, the
comparisons the rule leaves out (those reading a column of the rule), the starting prior
adjusted for the rule (``EMTrainingSession``), the convergence test (the largest change of
any m, u or the prior below ``em_convergence``, at most ``max_iterations``), a level no
training pair falls in (not trained; its m reads 1e-6 in the convergence test, as splink's
getter gives it), a fixed m (the sibling and cousin guards), an m below splink's smallest
(``ValueError``, as its setter raises), and the median of the trained values over the
runs. Why hand-written: splink has no EM over aggregated patterns that keeps the
term-frequency adjustments; it is the same algorithm on the sufficient statistic, tested
against splink's own EM on the same pairs (``tests/people_linkage/test_link_em.py``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "EMPatterns",
    "PatternTable",
    "RuleView",
    "em_patterns",
    "estimate_m_by_em",
    "iterate_em",
    "pattern_table",
    "rule_view",
]

_log = logging.getLogger(__name__)

M_U_CLAMP_MIN = 1e-300
"""splink's floor for an m or u (``comparison_level.M_U_CLAMP_MIN``): its weight reads at
least this, and its setter refuses a value below it."""
NOT_OBSERVED_M = 1e-6
"""What splink's getter reads for a level EM saw no pair in (``LEVEL_NOT_OBSERVED_TEXT``)."""


@dataclass
class _Comparison:
    name: str
    values: list[int]  # comparison vector value of each non-null level, in order
    m: list[float]
    u: list[float]
    fixed: list[bool]
    has_tf: bool


@dataclass
class EMPatterns:
    """The training pairs by distinct pattern: ``gamma[i, c]`` the level (comparison vector
    value) of pattern ``i`` on comparison ``c``, ``tf[i, c]`` its term-frequency adjustment
    (0 where the comparison has none), ``count[i]`` the pairs holding it."""

    comparisons: list[_Comparison]
    gamma: np.ndarray
    tf: np.ndarray
    count: np.ndarray
    prior: float
    """The starting prior, adjusted for the blocking rule as splink adjusts it."""


@dataclass
class EMResult:
    m: dict[str, list[float | None]]
    """Per comparison, each non-null level's trained m (None: no training pair in it)."""
    prior: float
    iterations: int


def _tf_sql(cc: Any) -> str:
    """splink's term-frequency adjustment of comparison ``cc``, as its predict SQL writes it."""
    levels = cc.comparison_levels
    cases = "\n".join(cl._tf_adjustment_sql(cc._gamma_column_name, levels) for cl in levels)
    return f"CASE\n{cases}\nEND"


def em_patterns(linker: Any, blocking_rule: Any) -> EMPatterns | None:
    """The distinct comparison patterns of the pairs ``blocking_rule`` finds, with their counts.

    The pairs, the comparisons left out and the prior's adjustment are splink's own
    (``EMTrainingSession``, on a copy of the linker's settings). None when the rule finds no
    pair (splink raises then; the caller keeps its values).
    """
    from splink.internals.term_frequencies import ensure_term_frequencies_for_linker

    ensure_term_frequencies_for_linker(linker)
    session = _session(linker, blocking_rule)
    core = session.core_model_settings
    cvv = session._comparison_vectors()
    counted = _count_patterns(linker, cvv, core.comparisons)
    if counted is None:
        return None
    _df, gamma, tf, count = counted
    return EMPatterns(
        comparisons=[_comparison(cc) for cc in core.comparisons],
        gamma=gamma,
        tf=tf,
        count=count,
        prior=float(core.probability_two_random_records_match),
    )


def _count_patterns(
    linker: Any, cvv: Any, comparisons: list[Any], extra: tuple[str, ...] = ()
) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray] | None:
    """The distinct patterns of the comparison vectors ``cvv`` (dropped once read): the rows
    grouped by every comparison's gamma, term-frequency adjustment and the ``extra`` columns,
    as ``(frame, gamma, tf, count)``; None when ``cvv`` holds no pair."""
    from splink.internals.pipeline import CTEPipeline

    gammas = [cc._gamma_column_name for cc in comparisons]
    tf_of = {i: f"__tf_{i}" for i, cc in enumerate(comparisons) if cc._has_tf_adjustments}
    tfs = [f"{_tf_sql(comparisons[i])} AS {col}" for i, col in tf_of.items()]
    group = [*gammas, *tf_of.values(), *extra]
    sql = (
        f"SELECT {', '.join(group)}, count(*) AS __pairs FROM "
        f"(SELECT {', '.join([*gammas, *tfs, *extra])} FROM __splink__df_comparison_vectors) "
        f"GROUP BY {', '.join(group)}"
    )
    pipeline = CTEPipeline([cvv])
    pipeline.enqueue_sql(sql, "__splink__em_agreement_patterns")
    table = linker._db_api.sql_pipeline_to_splink_dataframe(pipeline)
    df = table.as_pandas_dataframe()
    table.drop_table_from_database_and_remove_from_cache()
    cvv.drop_table_from_database_and_remove_from_cache()
    if df.empty:
        return None
    tf = np.zeros((len(df), len(comparisons)))
    for i, col in tf_of.items():
        tf[:, i] = df[col].to_numpy(dtype=np.float64)
    gamma = df[gammas].to_numpy(dtype=np.int64).reshape(len(df), len(gammas))
    return df, gamma, tf, df["__pairs"].to_numpy(dtype=np.float64)


@dataclass
class PatternTable:
    """The distinct comparison patterns of the pairs of several training rules at once: the
    columns of every comparison of the model (``gamma[i, c]``, ``tf[i, c]`` as in
    :class:`EMPatterns`), ``count[i]`` the pairs holding pattern ``i`` and ``rules[i]`` a bit
    mask, bit ``k`` set when those pairs are found by rule ``k``."""

    names: list[str]
    gamma: np.ndarray
    tf: np.ndarray
    count: np.ndarray
    rules: np.ndarray

    def patterns(self, view: RuleView, k: int) -> EMPatterns | None:
        """The patterns of rule ``k``, for ``view`` (:func:`rule_view` of that rule: the
        comparisons, the rule's own left out, and its adjusted starting prior)."""
        rows = (self.rules & (1 << k)) != 0
        if not rows.any():
            return None
        cols = [self.names.index(cc.output_column_name) for cc in view.comparisons]
        return EMPatterns(
            comparisons=[_comparison(cc) for cc in view.comparisons],
            gamma=self.gamma[np.ix_(rows, cols)],
            tf=self.tf[np.ix_(rows, cols)],
            count=self.count[rows],
            prior=float(view.prior),
        )


def pattern_table(linker: Any, blocking_rules: list[Any]) -> PatternTable | None:
    """One pattern table for the pairs of every rule of ``blocking_rules`` (two EM runs: the
    same whole name, then the name skeletons), instead of one per run.

    Each rule's pairs are splink's own (its blocking SQL for that rule alone, as
    ``EMTrainingSession`` writes it); the pairs of all rules are united, each tagged with the
    rules that find it, and their comparison vectors and term-frequency adjustments are
    computed once, for every comparison of the model (a run reads only those its session
    keeps). The vectors do not depend on m, and the adjustments read u only, which EM does not
    change, so one table serves every run. None when no rule finds a pair.
    """
    from splink.internals.comparison_vector_values import compute_comparison_vector_values_from_id_pairs_sqls
    from splink.internals.pipeline import CTEPipeline
    from splink.internals.settings import Settings
    from splink.internals.term_frequencies import ensure_term_frequencies_for_linker
    from splink.internals.vertically_concatenate import enqueue_df_concat_with_tf

    settings = linker._settings_obj
    info = settings.column_info_settings
    ensure_term_frequencies_for_linker(linker)
    blocked = blocked_id_pairs(linker, blocking_rules)
    core = settings.core_model_settings
    pipeline = CTEPipeline([blocked])
    enqueue_df_concat_with_tf(linker, pipeline)
    pipeline.enqueue_list_of_sqls(
        compute_comparison_vector_values_from_id_pairs_sqls(
            settings._columns_to_select_for_blocking,
            Settings.columns_to_select_for_comparison_vector_values(
                unique_id_input_columns=info.unique_id_input_columns,
                comparisons=core.comparisons,
                retain_matching_columns=False,
                additional_columns_to_retain=[],
            ),
            input_tablename_l="__splink__df_concat_with_tf",
            input_tablename_r="__splink__df_concat_with_tf",
            source_dataset_input_column=info.source_dataset_input_column,
            unique_id_input_column=info.unique_id_input_column,
        )
    )
    cvv = linker._db_api.sql_pipeline_to_splink_dataframe(pipeline)
    blocked.drop_table_from_database_and_remove_from_cache()
    counted = _count_patterns(linker, cvv, core.comparisons, extra=("match_key",))
    if counted is None:
        return None
    df, gamma, tf, count = counted
    return PatternTable(
        names=[cc.output_column_name for cc in core.comparisons],
        gamma=gamma,
        tf=tf,
        count=count,
        rules=df["match_key"].astype(np.int64).to_numpy(),
    )


def blocked_id_pairs(linker: Any, blocking_rules: list[Any], also: tuple[str, ...] = ()) -> Any:
    """The id pairs that the rules of ``blocking_rules`` find, as a splink table
    (``__splink__blocked_id_pairs``: ``join_key_l``, ``join_key_r``, ``match_key``).

    Each rule's pairs are splink's own (its blocking SQL for that rule alone, as
    ``EMTrainingSession`` writes it), tagged ``1 << k`` for rule k; ``also`` adds selects of
    ``join_key_l, join_key_r, __rule`` tagged by the caller (the prediction's pairs). A pair's
    ``match_key`` is the sum of the tags of everything that finds it. Shared by the EM pattern
    table and the scoring table (``_link_score.pair_vectors``).
    """
    from splink.internals.blocking import block_using_rules_sqls
    from splink.internals.blocking_rule_creator_utils import to_blocking_rule_creator
    from splink.internals.pipeline import CTEPipeline
    from splink.internals.vertically_concatenate import enqueue_df_concat

    settings = linker._settings_obj
    info = settings.column_info_settings
    tagged = list(also)
    for k, rule in enumerate(blocking_rules):
        br = to_blocking_rule_creator(rule).get_blocking_rule(linker._sql_dialect_str)
        (one,) = block_using_rules_sqls(
            input_tablename_l="__splink__df_concat",
            input_tablename_r="__splink__df_concat",
            blocking_rules=[br],
            link_type=settings._link_type,
            source_dataset_input_column=info.source_dataset_input_column,
            unique_id_input_column=info.unique_id_input_column,
        )
        tagged.append(f"SELECT join_key_l, join_key_r, {1 << k} AS __rule FROM ({one['sql']})")
    pipeline = CTEPipeline()
    enqueue_df_concat(linker, pipeline)
    pipeline.enqueue_sql(
        "SELECT join_key_l, join_key_r, CAST(sum(__rule) AS VARCHAR) AS match_key FROM ("
        + " UNION ALL ".join(tagged)
        + ") GROUP BY join_key_l, join_key_r",
        "__splink__blocked_id_pairs",
    )
    return linker._db_api.sql_pipeline_to_splink_dataframe(pipeline)


def _comparison(cc: Any) -> _Comparison:
    levels = cc._comparison_levels_excluding_null
    return _Comparison(
        name=cc.output_column_name,
        values=[cl.comparison_vector_value for cl in levels],
        m=[float(cl.m_probability) for cl in levels],
        u=[float(cl.u_probability) for cl in levels],
        fixed=[bool(cl._fix_m_probability) for cl in levels],
        has_tf=bool(cc._has_tf_adjustments),
    )


def _session(linker: Any, blocking_rule: Any) -> Any:
    """splink's EM training session of ``blocking_rule`` on a copy of ``linker``'s settings: the
    comparisons the rule leaves out, and the starting prior adjusted for the rule."""
    from splink.internals.blocking_rule_creator_utils import to_blocking_rule_creator
    from splink.internals.em_training_session import EMTrainingSession

    settings = linker._settings_obj
    rule = to_blocking_rule_creator(blocking_rule).get_blocking_rule(linker._sql_dialect_str)
    return EMTrainingSession(
        linker,
        db_api=linker._db_api,
        blocking_rule_for_training=rule,
        core_model_settings=settings.core_model_settings.copy(),
        training_settings=settings.training_settings,
        unique_id_input_columns=settings.column_info_settings.unique_id_input_columns,
        fix_u_probabilities=True,
    )


@dataclass(frozen=True)
class RuleView:
    """What an EM run on one training rule reads of splink's ``EMTrainingSession``: the model's
    comparisons the rule does not read (``comparisons``, the linker's own objects, read only)
    and the starting prior adjusted for the rule (``prior``)."""

    comparisons: list[Any]
    prior: float


def rule_view(linker: Any, blocking_rule: Any) -> RuleView:
    """The comparisons and the adjusted starting prior of splink's ``EMTrainingSession`` for
    ``blocking_rule`` on ``linker``'s current model, without building the session.

    Why hand-written (issue 19, session 24): the session deep-copies the model and, to find the
    levels that reverse the rule (``Settings._get_comparison_levels_corresponding_to_training_
    blocking_rule``), parses, normalises and simplifies the SQL of *every* level of every
    comparison with sqlglot (``ComparisonLevel._is_exact_match``); the pattern EM reads only
    the two results. A level whose SQL does not name one of the rule's columns cannot be one of
    those levels (its exact-match columns, never empty, are not all the rule's), nor can a
    comparison whose levels name none of them read the rule's columns; so only the levels that
    name one are parsed, with splink's own properties, and splink's greedy choice and
    arithmetic follow unchanged (the longest exact matches first, each level's Bayes factor
    times the prior's). On a measure fold the two sessions cost 0.11-0.13 CPU s of a call.
    Tested: the same comparisons and prior as splink's session for each training rule
    (``test_rule_view_is_splinks_em_training_session``).
    """
    from splink.internals.blocking_rule_creator_utils import to_blocking_rule_creator
    from splink.internals.misc import bayes_factor_to_prob, prob_to_bayes_factor
    from splink.internals.parse_sql import get_columns_used_from_sql

    core = linker._settings_obj.core_model_settings
    rule = to_blocking_rule_creator(blocking_rule).get_blocking_rule(linker._sql_dialect_str)
    dialect = linker._db_api.sql_dialect.sqlglot_dialect
    rule_columns = set(get_columns_used_from_sql(rule.blocking_rule_sql, sqlglot_dialect=dialect))

    def names_a_rule_column(cl: Any) -> bool:
        sql = (cl.sql_condition or "").lower()
        return any(col.lower() in sql for col in rule_columns)

    kept = []
    for cc in core.comparisons:
        reads = any(names_a_rule_column(cl) for cl in cc.comparison_levels) and bool(
            rule_columns & {c.input_name for c in cc._input_columns_used_by_case_statement}
        )
        if not reads:
            kept.append(cc)
    exact = [
        (cl, cl._exact_match_colnames)
        for cc in core.comparisons
        for cl in cc.comparison_levels
        if names_a_rule_column(cl) and cl._is_exact_match
    ]
    exact.sort(key=lambda x: -len(x[1]))  # stable, as splink's sort
    remaining = set(rule_columns)
    bayes_factor = prob_to_bayes_factor(core.probability_two_random_records_match)
    for cl, columns in exact:
        if set(columns).issubset(remaining):
            remaining -= set(columns)
            bayes_factor = cl._bayes_factor * bayes_factor
    return RuleView(comparisons=kept, prior=bayes_factor_to_prob(bayes_factor))


def _weights(m: np.ndarray, u: np.ndarray) -> np.ndarray:
    """splink's level weight: log2 of m / u, each at least its floor."""
    return np.log2(np.maximum(m, M_U_CLAMP_MIN) / np.maximum(u, M_U_CLAMP_MIN))


def iterate_em(patterns: EMPatterns, max_iterations: int, convergence: float) -> EMResult:
    """splink's EM iterations (u and the fixed m held) on the pattern table; see the module."""
    from splink.internals.misc import prob_to_match_weight

    comps = patterns.comparisons
    # each pattern's level index per comparison (-1: the null level, weight 0, no m)
    index = []
    for c, comp in enumerate(comps):
        lookup = {v: k for k, v in enumerate(comp.values)}
        index.append(np.array([lookup.get(int(g), -1) for g in patterns.gamma[:, c]], dtype=np.int64))
    m = [np.array(comp.m, dtype=np.float64) for comp in comps]
    u = [np.array(comp.u, dtype=np.float64) for comp in comps]
    fixed = [np.array(comp.fixed, dtype=bool) for comp in comps]
    count = patterns.count
    observed = [
        np.bincount(idx[idx >= 0], weights=count[idx >= 0], minlength=len(comp.values)) > 0
        for idx, comp in zip(index, comps, strict=True)
    ]
    trained: list[np.ndarray | None] = [None] * len(comps)  # None until the first M-step
    lam = patterns.prior
    iterations = 0
    for iteration in range(1, max_iterations + 1):
        iterations = iteration
        w = np.full(len(count), prob_to_match_weight(lam), dtype=np.float64)
        for c, comp in enumerate(comps):
            level_w = _weights(m[c], u[c])
            w = w + np.where(index[c] >= 0, level_w[np.maximum(index[c], 0)], 0.0)
            if comp.has_tf:
                w = w + patterns.tf[:, c]
        # splink's two branches (2^-w for w >= 0, 2^w otherwise) are both 2^-|w|
        e = np.power(2.0, -np.abs(w))
        p = np.where(w >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
        pc = p * count
        new_lam = float(pc.sum() / count.sum())
        change = abs(new_lam - lam)
        for c, comp in enumerate(comps):
            idx = index[c]
            sums = np.bincount(idx[idx >= 0], weights=pc[idx >= 0], minlength=len(comp.values))
            total = sums.sum()
            new_m = sums / total if total > 0 else np.full(len(comp.values), np.nan)
            seen = observed[c] & np.isfinite(new_m)
            bad = seen & ~fixed[c] & (new_m < M_U_CLAMP_MIN)
            if bad.any():  # splink's setter refuses it; the whole run fails there
                raise ValueError(f"m of comparison {comp.name!r} below {M_U_CLAMP_MIN}")
            # a level no pair falls in is not trained: splink's getter then reads 1e-6
            read = np.where(fixed[c], m[c], np.where(seen, new_m, NOT_OBSERVED_M))
            change = max(change, float(np.max(np.abs(read - m[c]), initial=0.0)))
            trained[c] = np.where(fixed[c] | seen, read, np.nan)
            m[c] = read
        lam = new_lam
        if change < convergence:
            break
    out: dict[str, list[float | None]] = {}
    for c, comp in enumerate(comps):
        values = trained[c]
        out[comp.name] = (
            [None] * len(comp.values)
            if values is None
            else [None if np.isnan(v) else float(v) for v in values.tolist()]
        )
    return EMResult(m=out, prior=lam, iterations=iterations)


def estimate_m_by_em(
    linker: Any, blocking_rule: Any, table: tuple[PatternTable | None, int] | None = None
) -> EMResult | None:
    """One EM run on the pairs of ``blocking_rule``; its m added to ``linker``'s settings.

    As splink's ``estimate_parameters_using_expectation_maximisation`` does with its
    defaults: each level's m becomes the median of its trained values over the runs so far
    (a level not trained in a run adds nothing; a fixed m stays); u and the prior are not
    changed. None, and nothing changed, when the rule finds no pair.

    ``table``: a :func:`pattern_table` holding this rule's pairs and the rule's bit in it;
    the patterns are then read from it (the starting m and prior from ``linker`` now) instead
    of being built for this rule alone.
    """
    from splink.internals.exceptions import EMTrainingException

    if table is None:
        patterns = em_patterns(linker, blocking_rule)
    else:
        shared, k = table
        patterns = None if shared is None else shared.patterns(rule_view(linker, blocking_rule), k)
    if patterns is None:
        raise EMTrainingException("the training rule found no pair")
    ts = linker._settings_obj.training_settings
    result = iterate_em(patterns, ts.max_iterations, ts.em_convergence)
    _log.debug("EM on %d patterns converged after %d iterations", len(patterns.count), result.iterations)
    core = linker._settings_obj.core_model_settings
    desc = "EM on the comparison patterns"
    for comp in patterns.comparisons:
        cc = core.get_comparison_by_output_column_name(comp.name)
        for value, m in zip(comp.values, result.m[comp.name], strict=True):
            cl = cc._get_comparison_level_by_comparison_vector_value(value)
            if m is None:
                from splink.internals.constants import LEVEL_NOT_OBSERVED_TEXT

                cl._add_trained_m_probability(LEVEL_NOT_OBSERVED_TEXT, desc)
            else:
                cl._add_trained_m_probability(m, desc)
    linker._populate_m_u_from_trained_values()
    return result
