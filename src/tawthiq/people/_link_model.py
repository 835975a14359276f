"""The splink model: comparisons, blocking rules, training and scoring.

In: the feature table of :mod:`._link_features` (pandas), a backend name and, for
Spark, a session. Out: a pandas DataFrame of scored candidate pairs (``unique_id_l``,
``unique_id_r``, ``match_probability``, ``match_weight`` and the per-comparison
``mw_*`` match weights, with ``mw_tf_adj_*`` term-frequency adjustments).
Never: clusters, writes to the project's database or logs a name.

The settings use only exact equality on precomputed keys and splink's own
comparison levels (Jaro–Winkler, absolute difference), so one settings object renders
for DuckDB and for Spark.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import pandas as pd

from tawthiq.errors import LinkageError

try:
    from splink.internals.exceptions import SplinkException
except ImportError:  # pragma: no cover - splink moved it
    SplinkException = RuntimeError  # type: ignore[misc,assignment]

__all__ = ["MODEL_COMPARISONS", "build_settings", "score_pairs"]

MODEL_COMPARISONS = (
    "name",
    "given",
    "sex",
    "age",
    "birth_date",
    "place",
)


def _comparisons() -> list[Any]:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    # One comparison for the whole name, levels from strict to loose: name parts are
    # strongly correlated, and summing one weight per part double-counts the same
    # evidence (homonyms then outweigh any age or birth-date disagreement).
    three_of_four = "g_l = g_r AND fam_l = fam_r AND (f_l = f_r OR gf_l = gf_r)"
    name = cl.CustomComparison(
        [
            cll.NullLevel("key"),
            cll.ExactMatchLevel("key", term_frequency_adjustments=True),
            cll.Or(cll.CustomLevel("sk_key_l = sk_key_r"), cll.JaroWinklerLevel("key", 0.96)),
            cll.CustomLevel(three_of_four, label_for_charts="given, family and father or grandfather"),
            cll.JaroWinklerLevel("key", 0.88),
            cll.ElseLevel(),
        ],
        output_column_name="name",
        comparison_description="whole name, space-free and ligature-folded: survives split and joined words",
    ).configure(
        m_probabilities=[0.7, 0.15, 0.08, 0.05, 0.02],
        u_probabilities=[1e-4, 2e-4, 1e-3, 0.02, 0.9787],
    )
    given = cl.CustomComparison(
        [
            cll.NullLevel("g"),
            cll.ExactMatchLevel("g"),
            cll.Or(cll.CustomLevel("g_sk_l = g_sk_r"), cll.JaroWinklerLevel("g", 0.9)),
            cll.ElseLevel(),
        ],
        output_column_name="given",
        comparison_description="given name: a clear disagreement is the sibling guard",
    ).configure(m_probabilities=[0.9, 0.07, 0.03], u_probabilities=[0.03, 0.02, 0.95])
    return [
        name,
        given,
        cl.ExactMatch("sex").configure(m_probabilities=[0.98, 0.02], u_probabilities=[0.5, 0.5]),
        cl.CustomComparison(
            [
                cll.NullLevel("age"),
                cll.ExactMatchLevel("age"),
                cll.AbsoluteDifferenceLevel("age", 1),
                cll.AbsoluteDifferenceLevel("age", 3),
                cll.ElseLevel(),
            ],
            output_column_name="age",
        ).configure(m_probabilities=[0.6, 0.25, 0.08, 0.07], u_probabilities=[0.02, 0.04, 0.08, 0.86]),
        cl.CustomComparison(
            [
                cll.NullLevel("birth_date"),
                cll.ExactMatchLevel("birth_date"),
                cll.ExactMatchLevel("birth_year"),
                cll.AbsoluteDifferenceLevel("birth_year", 1),
                cll.ElseLevel(),
            ],
            output_column_name="birth_date",
        ).configure(m_probabilities=[0.85, 0.05, 0.05, 0.05], u_probabilities=[1e-4, 0.02, 0.04, 0.94]),
        cl.ExactMatch("place").configure(m_probabilities=[0.8, 0.2], u_probabilities=[0.1, 0.9]),
    ]


def _blocking_rules() -> list[Any]:
    from splink import block_on

    return [
        block_on("key"),
        block_on("g", "f", "fam"),
        block_on("g", "f", "gf"),
        block_on("f", "gf", "fam"),
        block_on("g", "gf", "fam"),
        block_on("sk_key"),
    ]


def build_settings(link_type: str) -> Any:
    """The splink ``SettingsCreator`` Tawthiq uses; the same for every backend."""
    from splink import SettingsCreator

    return SettingsCreator(
        link_type=link_type,
        comparisons=_comparisons(),
        blocking_rules_to_generate_predictions=_blocking_rules(),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
        max_iterations=20,
    )


def _db_api(backend: str, spark: Any) -> Any:
    if backend == "duckdb":
        from splink import DuckDBAPI

        return DuckDBAPI()
    if backend == "spark":
        if spark is None:
            raise LinkageError("backend 'spark' needs a SparkSession (pass spark=...)")
        from splink import SparkAPI

        return SparkAPI(spark_session=spark)
    raise LinkageError(f"unknown linkage backend {backend!r}: use 'duckdb' or 'spark'")


MIN_RECORDS_TO_TRAIN = 500
"""Below this many records EM has too few pairs to learn from: the priors above are used.

The priors (``configure(m_probabilities=…, u_probabilities=…)``) are expert starting
values: a name part agrees for ~85–90% of true matches and ~2% of random pairs.
"""


def _train(linker: Any, n: int, seed: int) -> None:
    """u by random sampling, the prior by the exact-key rule, m by EM on two rules.

    A training step that splink refuses (too few pairs in a level, a level never
    observed) keeps the previous values rather than failing the whole linkage.
    """
    from splink import block_on

    steps = [
        lambda: linker.training.estimate_probability_two_random_records_match([block_on("key")], recall=0.8),
        lambda: linker.training.estimate_u_using_random_sampling(
            max_pairs=min(2e6, max(1e5, n * 20.0)), seed=seed
        ),
        lambda: linker.training.estimate_parameters_using_expectation_maximisation(block_on("key")),
        lambda: linker.training.estimate_parameters_using_expectation_maximisation(block_on("fam", "f")),
    ]
    for step in steps:
        try:
            step()
        except (ValueError, ZeroDivisionError, SplinkException) as exc:
            logging.getLogger(__name__).info("splink training step skipped: %s", type(exc).__name__)


def score_pairs(
    features: pd.DataFrame,
    *,
    link_type: str,
    floor: float,
    backend: str = "duckdb",
    spark: Any = None,
    seed: int = 7,
) -> pd.DataFrame:
    """Train (u by random sampling, m by EM) and score every blocked pair above ``floor``."""
    from splink import Linker

    logging.getLogger("splink").setLevel(logging.WARNING)
    db = _db_api(backend, spark)
    if link_type == "dedupe_only":
        inputs = [features]
    else:
        inputs = [g for _, g in features.groupby("source_dataset", sort=True)]
    if backend == "spark":
        inputs = [spark.createDataFrame(_spark_ready(x)) for x in inputs]
    tables = [db.register(x) for x in inputs]
    settings = build_settings(link_type)
    settings.probability_two_random_records_match = _prior(features, link_type)
    linker = Linker(tables if len(tables) > 1 else tables[0], settings, log_level=logging.WARNING)
    n = len(features)
    if n >= MIN_RECORDS_TO_TRAIN:
        _train(linker, n, seed)
    if os.environ.get("TAWTHIQ_LINK_DEBUG_MODEL"):  # a path: the trained model, for the docs
        linker.misc.save_model_to_json(os.environ["TAWTHIQ_LINK_DEBUG_MODEL"], overwrite=True)
    pred = linker.inference.predict(threshold_match_probability=floor)
    df = pred.as_pandas_dataframe()
    keep = ["unique_id_l", "unique_id_r", "match_probability", "match_weight"]
    keep += [c for c in df.columns if c.startswith("mw_")]
    return df[keep]


def _prior(features: pd.DataFrame, link_type: str) -> float:
    """Starting prior: about half the smaller list has a match (EM's prior step refines it)."""
    sizes = features["source_dataset"].value_counts().tolist()
    n = len(features)
    if link_type == "dedupe_only" or len(sizes) < 2:
        pairs = n * (n - 1) / 2
        expected = 0.1 * n
    else:
        pairs = (n * n - sum(s * s for s in sizes)) / 2
        expected = 0.5 * min(sizes)
    return float(min(0.5, max(1e-9, expected / max(1.0, pairs))))


def _spark_ready(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in ("age", "birth_year"):
        out[c] = out[c].astype("float64")
    return out
