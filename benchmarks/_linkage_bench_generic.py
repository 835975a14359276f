"""The generic splink configuration the benchmark compares against.

What a user would write from splink's tutorial, with no Arabic-specific work:
Jaro–Winkler levels on the Arabic and the Latin name, exact sex, age exact or within
one year, blocking on name tokens (first and last token of each name), u by random
sampling, m by EM, threshold 0.5 and splink's one-to-one step
(``cluster_using_single_best_links``; with ``dedupe`` true, plain clustering).
In: PersonRecords. Out: clusters of record ids. Never prints a row.
"""

from __future__ import annotations

import logging

import pandas as pd


def _frame(records) -> pd.DataFrame:
    rows = []
    for r in records:
        ar = (r.name_ar or "").split()
        la = (r.name_latin or "").lower().split()
        rows.append(
            {
                "unique_id": r.id,
                "source_dataset": r.list_name,
                "name_ar": r.name_ar,
                "name_latin": (r.name_latin or "").lower() or None,
                "ar_first": ar[0] if ar else None,
                "ar_last": ar[-1] if ar else None,
                "la_first": la[0] if la else None,
                "la_last": la[-1] if la else None,
                "sex": r.sex,
                "age": r.age,
            }
        )
    df = pd.DataFrame(rows)
    df["age"] = df["age"].astype("Int64")
    return df


def generic_splink(records, *, dedupe: bool = False) -> list[tuple[int, ...]]:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    df = _frame(records)
    link_type = "dedupe_only" if dedupe else "link_only"
    settings = SettingsCreator(
        link_type=link_type,
        comparisons=[
            cl.JaroWinklerAtThresholds("name_ar", [0.9, 0.7]),
            cl.JaroWinklerAtThresholds("name_latin", [0.9, 0.7]),
            cl.ExactMatch("sex"),
            cl.CustomComparison(
                [
                    cll.NullLevel("age"),
                    cll.ExactMatchLevel("age"),
                    cll.AbsoluteDifferenceLevel("age", 1),
                    cll.ElseLevel(),
                ],
                output_column_name="age",
            ),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("ar_first", "ar_last"),
            block_on("la_first", "la_last"),
        ],
    )
    db = DuckDBAPI()
    inputs = [df] if dedupe else [g for _, g in df.groupby("source_dataset", sort=True)]
    tables = [db.register(x) for x in inputs]
    linker = Linker(tables if len(tables) > 1 else tables[0], settings, log_level=logging.WARNING)
    script = "ar" if df["name_ar"].notna().any() else "la"  # FEBRL has Latin names only
    linker.training.estimate_probability_two_random_records_match(
        [block_on("name_ar"), block_on("name_latin")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on(f"{script}_first", f"{script}_last")
    )
    second = block_on("sex", "age") if df["age"].notna().any() else block_on(f"substr({script}_last, 1, 2)")
    linker.training.estimate_parameters_using_expectation_maximisation(second)
    pred = linker.inference.predict(threshold_match_probability=0.5)
    if dedupe:
        cl_df = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, 0.5)
    else:
        cl_df = linker.clustering.cluster_using_single_best_links(
            pred,
            duplicate_free_datasets=sorted(df["source_dataset"].unique()),
            threshold_match_probability=0.5,
        )
    out = cl_df.as_pandas_dataframe()[["cluster_id", "unique_id"]]
    return [tuple(sorted(g["unique_id"].tolist())) for _, g in out.groupby("cluster_id")]
