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
from typing import Any, Literal

import pandas as pd

from tawthiq.errors import LinkageError

try:
    from splink.internals.exceptions import SplinkException
except ImportError:  # pragma: no cover - splink moved it
    SplinkException = RuntimeError  # type: ignore[misc,assignment]

__all__ = ["MODEL_COMPARISONS", "LinkType", "build_settings", "score_pairs", "training_sample"]

# splink's link types: one list deduplicated, lists linked, or both
LinkType = Literal["link_only", "link_and_dedupe", "dedupe_only"]

MODEL_COMPARISONS = (
    "name",
    "sex",
    "age",
    "birth_date",
    "place",
    "national_id",
    "address",
)


def _age(shifted: bool) -> Any:
    """Age: exact, within 1, within 3 and, for lists with a systematic offset, within 1 after it.

    The shifted level (``age_shifted``, see :mod:`._link_lists`) exists only when an offset
    was found; it comes after the ordinary levels, so they keep their meaning and their
    trained weights, and EM learns its own weight like theirs.
    """
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    levels: list[Any] = [  # splink's level creators (CustomComparison takes them or dicts)
        cll.NullLevel("age"),
        cll.ExactMatchLevel("age"),
        cll.AbsoluteDifferenceLevel("age", 1),
        cll.AbsoluteDifferenceLevel("age", 3),
    ]
    m, u = [0.6, 0.25, 0.08], [0.02, 0.04, 0.08]
    if shifted:
        levels.append(
            cll.CustomLevel(
                "abs(age_shifted_l - age_r) <= 1 OR abs(age_l - age_shifted_r) <= 1",
                label_for_charts="ages within 1 year after the list's systematic offset",
            )
        )
        m, u = [*m, 0.02], [*u, 0.04]
    levels.append(cll.ElseLevel())
    m, u = [*m, 1 - sum(m)], [*u, 1 - sum(u)]
    age = cl.CustomComparison(levels, output_column_name="age")
    return age.configure(m_probabilities=m, u_probabilities=u)


def _exact_name(tf: bool, rare_names: bool) -> Any:
    """The exact whole-name level, its Bayes factor scaled by how rare the name is.

    With ``rare_names`` the frequency is the whole name's among other people
    (``key_id`` and its lookup table, :func:`._link_lists.name_frequencies`), read through
    splink's term-frequency adjustment against this level's own u; else splink's count
    of the name (``tf``), or none.
    """
    import splink.comparison_level_library as cll

    if tf and rare_names:
        # ``near_id`` is the whole name's integer code: equal exactly when ``key`` is (a record
        # without a name meets the null level first). Exact on ``near_id``, this level is the
        # one splink finds as the base of every level adjusted by ``near_id`` (the near-exact
        # levels, :func:`_near_name_tf`); its own adjustment reads ``key_id`` against its own u.
        return cll.ExactMatchLevel("near_id").configure(
            tf_adjustment_column="key_id",
            tf_adjustment_weight=1.0,
            disable_tf_exact_match_detection=True,
            label_for_charts="Exact match on key",
        )
    return cll.ExactMatchLevel("key", term_frequency_adjustments=tf)


def _near_name_tf(tf: bool, rare_names: bool) -> dict[str, Any]:
    """The term-frequency adjustment of the near-exact name levels.

    Their Bayes factor ``m / u`` is scaled by how rare the name is against the average
    name: ``u_exact / f``, ``u_exact`` the exact level's u (a random pair's chance of
    holding one name) and ``f`` the larger of the two names' frequencies. With
    ``rare_names``, ``f`` is how many *other* people hold the name or a name near it
    (``near_id``, :func:`._link_lists.near_frequencies`); with splink's count ``c / N`` a
    name that the two records alone hold (a damaged duplicate, one holder each) was read as
    a name one person in N bears, and on a list where ``u_exact`` is below ``1 / N`` (a
    million records) that *lowered* a near-exact pair of a unique name below the average
    pair's weight. Without ``tf``: no adjustment.
    """
    if tf and rare_names:
        return {"tf_adjustment_column": "near_id", "tf_adjustment_weight": 1.0}
    if tf:
        return {"tf_adjustment_column": "key", "tf_adjustment_weight": 1.0}
    return {}


def _comparisons(tf: bool, age_shifted: bool = False, rare_names: bool = False) -> list[Any]:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    # One comparison for the whole name, levels from strict to loose: name parts are
    # strongly correlated, and summing one weight per part double-counts the same
    # evidence (homonyms then outweigh any age or birth-date disagreement).
    # Arab naming: siblings share father, grandfather and family and differ in the given
    # name; cousins named after one grandfather share given, grandfather and family and
    # differ in the father's name. Both guards live inside this one comparison (a level
    # for "close names but the given or father name disagrees") rather than as separate
    # comparisons: name parts are strongly correlated, and one weight per part would
    # count the same evidence several times, so that homonyms outweigh any age or
    # birth-date disagreement.
    def compatible(col: str) -> Any:
        return cll.Or(cll.ExactMatchLevel(col), cll.JaroWinklerLevel(col, 0.88))

    same_gf = "(gf_l = gf_r OR gf_l IS NULL OR gf_r IS NULL)"
    # A near-exact name is discounted for a common name as the exact one is, so that a
    # fuzzy pair never outranks an exact pair of the same common name in the one-to-one step.
    tf_fuzzy = _near_name_tf(tf, rare_names)
    name = cl.CustomComparison(
        [
            cll.NullLevel("key"),
            _exact_name(tf, rare_names),
            # The guards test aligned parts only: when PDF damage shifts the parts, the
            # whole-name levels below decide.
            cll.And(
                cll.CustomLevel(f"f_l = f_r AND fam_l = fam_r AND {same_gf}"), cll.Not(compatible("g"))
            ).configure(
                label_for_charts="siblings: only the given name differs",
                m_probability=GUARD_M,
                fix_m_probability=True,
            ),
            cll.And(
                cll.CustomLevel("g_l = g_r AND gf_l = gf_r AND fam_l = fam_r"), cll.Not(compatible("f"))
            ).configure(
                label_for_charts="cousins: only the father's name differs",
                m_probability=GUARD_M,
                fix_m_probability=True,
            ),
            cll.Or(
                cll.CustomLevel("sk_key_l = sk_key_r"),
                cll.JaroWinklerLevel("key", 0.96),
                # an Arabic name and its Latin transliteration, letter by letter
                cll.CustomLevel("x_sk_l = x_sk_r AND scr_l <> scr_r"),
            ).configure(label_for_charts="same skeleton or nearly the same letters", **tf_fuzzy),
            # Only where the grandfather's name is missing on a side or close to the other's
            # (issue 19, session 23): two different grandfathers are namesakes, not a damaged
            # name. Taking them in made the level's u that of namesakes, whose number grows with
            # the list (a million synthetic records: 0.56 people per person share given, father's
            # and family name; the real releases as many or more: benchmarks/name_collisions.py), and a
            # duplicate that only lacks its grandfather weighed no more than a namesake.
            cll.And(
                cll.CustomLevel("g_l = g_r AND f_l = f_r AND fam_l = fam_r"),
                cll.Or(cll.CustomLevel("gf_l IS NULL OR gf_r IS NULL"), compatible("gf")),
            ).configure(
                label_for_charts="given, father and family agree (grandfather dropped or damaged)",
                **tf_fuzzy,
            ),
            # PDF font damage: the same letter shapes without dots and teeth (see
            # ``_link_features.rasm_key``), where the letters themselves differ.
            cll.CustomLevel(
                "rasm_l = rasm_r", label_for_charts="same letter shapes without dots (PDF font damage)"
            ),
            cll.JaroWinklerLevel("key", 0.88),
            # An Arabic name against a Latin transliteration that differs in one part (a
            # table's spelling, a dropped "bin", a compound written apart).
            cll.And(cll.JaroWinklerLevel("x_sk", 0.9), cll.CustomLevel("scr_l <> scr_r")).configure(
                label_for_charts="letter skeletons nearly agree across scripts"
            ),
            # A list that writes "family, given" beside one that writes "given family"
            # (two-part names only: in a longer Arab name the order is fixed).
            cll.CustomLevel(
                "g_sk_l = fam_sk_r AND fam_sk_l = g_sk_r AND f_l IS NULL AND f_r IS NULL",
                label_for_charts="given and family names swapped (same skeletons)",
            ),
            cll.ElseLevel(),
        ],
        output_column_name="name",
        comparison_description="whole name, space-free and ligature-folded: survives split and joined words",
    ).configure(
        m_probabilities=[0.7, GUARD_M, GUARD_M, 0.12, 0.08, 0.01, 0.06, 0.01, 0.006, 0.01],
        u_probabilities=[1e-4, 5e-4, 5e-4, 2e-4, 1e-5, 1e-5, 0.02, 1e-4, 1e-5, 0.97858],
    )
    return [
        name,
        cl.ExactMatch("sex").configure(m_probabilities=[0.98, 0.02], u_probabilities=[0.5, 0.5]),
        _age(age_shifted),
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
        cl.CustomComparison(
            [
                # Unknown also when the two are written in different scripts and the
                # gazetteer resolved either to no place (``_link_features.place_id``).
                cll.CustomLevel(
                    "place_l IS NULL OR place_r IS NULL OR (substr(place_l, 1, 3) <> substr(place_r, 1, 3)"
                    " AND (place_id_l IS NULL OR place_id_r IS NULL))"
                ).configure(is_null_level=True, label_for_charts="place unknown or not comparable"),
                cll.CustomLevel(
                    "place_id_l = place_id_r OR place_l = place_r",
                    label_for_charts="one gazetteer place or the same words",
                ),
                cll.JaroWinklerLevel("place", 0.9),
                cll.ElseLevel(),
            ],
            output_column_name="place",
        ).configure(m_probabilities=[0.7, 0.2, 0.1], u_probabilities=[0.05, 0.05, 0.9]),
        # An identity-document number: the same, one typo or transposed pair of digits
        # (Damerau–Levenshtein 1), two, else. A clerk's slip keeps most of its weight; two
        # different numbers are strong evidence of two people.
        cl.CustomComparison(
            [
                cll.NullLevel("national_id"),
                cll.ExactMatchLevel("national_id"),
                cll.DamerauLevenshteinLevel("national_id", 1),
                cll.DamerauLevenshteinLevel("national_id", 2),
                cll.ElseLevel(),
            ],
            output_column_name="national_id",
        ).configure(m_probabilities=[0.9, 0.05, 0.02, 0.03], u_probabilities=[1e-6, 1e-5, 1e-4, 0.9999]),
        # A residence address (street, number, postcode as one line): exact, nearly the
        # same letters, similar, else. A family moves, so disagreement weighs little.
        cl.CustomComparison(
            [
                cll.NullLevel("address"),
                cll.ExactMatchLevel("address"),
                cll.JaroWinklerLevel("address", 0.9),
                cll.JaroWinklerLevel("address", 0.75),
                cll.ElseLevel(),
            ],
            output_column_name="address",
        ).configure(m_probabilities=[0.7, 0.15, 0.08, 0.07], u_probabilities=[1e-4, 1e-3, 0.05, 0.949]),
    ]


def _blocking_rules(cross_script: bool = True) -> list[Any]:
    from splink import block_on
    from splink.blocking_rule_library import CustomRule

    return [
        block_on("key"),
        block_on("g", "f", "fam"),
        block_on("g", "f", "gf"),
        block_on("f", "gf", "fam"),
        block_on("g", "gf", "fam"),
        block_on("sk_key"),
        block_on("rasm"),
        # An Arabic name against a Latin one, letter by letter: only when the input has both
        # (on one script the join would pair every same-skeleton pair only to drop them all).
        *([CustomRule("l.x_sk = r.x_sk AND l.scr <> r.scr")] if cross_script else []),
        # two-part names (given and family only, as in most non-Arab lists) and typos
        # in the name: the birth date with one name skeleton. Given+family only where a
        # side lacks the father's or grandfather's name: between two full names a typo in
        # one part is caught by the rules on the other three, and on a large list given+
        # family alone makes most candidate pairs (10 of 15 million on a million records).
        CustomRule(
            "l.g = r.g AND l.fam = r.fam AND (l.f IS NULL OR r.f IS NULL OR l.gf IS NULL OR r.gf IS NULL)"
        ),
        block_on("birth_date", "fam_sk"),
        block_on("birth_date", "g_sk"),
        # lists with document numbers or addresses: names may be mistyped on both sides
        block_on("national_id"),
        block_on("address"),
        block_on("birth_date", "place"),
    ]


OPTIONAL_COMPARISONS = ("national_id", "address", "sex", "age", "birth_date", "place")
"""Comparisons left out of the model when no record has their field (``COMPARISON_FIELDS``).

An all-empty column only ever meets its null level (weight 0), so leaving it out changes no
score; kept in, splink warns at every training step that its levels were never observed, and
pays for it: random sampling estimates u for every comparison, and one with no observed level
never meets splink's early stop, so the whole sample is compared on it (most lists give no place,
many no birth date).
"""
COMPARISON_FIELDS = {"birth_date": ("birth_date", "birth_year"), "place": ("place", "place_id")}
"""The feature columns a comparison reads, where they are not just its own name."""


def absent_comparisons(features: pd.DataFrame) -> frozenset[str]:
    """The optional comparisons whose fields no record of ``features`` has."""
    return frozenset(
        c
        for c in OPTIONAL_COMPARISONS
        if all(features[f].isna().all() for f in COMPARISON_FIELDS.get(c, (c,)) if f in features.columns)
    )


def build_settings(
    link_type: LinkType,
    *,
    term_frequencies: bool = True,
    age_shifted: bool = False,
    rare_names: bool = False,
    absent: frozenset[str] = frozenset(),
    cross_script: bool = True,
) -> Any:
    """The splink ``SettingsCreator`` Tawthiq uses; the same for every backend.

    ``term_frequencies`` switches splink's term-frequency adjustment of the exact-name
    level (a common full name weighs less); it is off for lists too small to count
    frequencies on (below ``MIN_RECORDS_TO_TRAIN``: a name seen twice in forty records
    is not common). ``age_shifted`` adds the age level for a list's systematic offset
    (the feature table then has an ``age_shifted`` column, :mod:`._link_lists`).
    ``rare_names`` reads the exact name's frequency among other people from the
    ``key_id`` lookup table (:func:`._link_lists.name_frequencies`) instead of splink's
    own count.
    ``cross_script`` (names in both scripts in the input) adds the blocking rule on the
    letter skeleton across scripts.
    ``absent`` names optional comparisons (:data:`OPTIONAL_COMPARISONS`) whose field no
    record has: they are left out.
    """
    from splink import SettingsCreator

    return SettingsCreator(
        link_type=link_type,
        comparisons=[
            # by position: rendering a comparison to read its name parses its SQL (0.04-0.09 CPU s
            # a call; the linker renders them again), and _comparisons gives MODEL_COMPARISONS' order
            c
            for c, name in zip(
                _comparisons(term_frequencies, age_shifted, rare_names), MODEL_COMPARISONS, strict=True
            )
            if name not in absent
        ],
        # A small input compares every pair (at most 125,000 below MIN_RECORDS_TO_TRAIN): no
        # blocking key can then miss an Arabic name whose transliteration differs in a part.
        blocking_rules_to_generate_predictions=_blocking_rules(cross_script) if term_frequencies else [],
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

        # Spark breaks long query lineages by checkpointing, which needs a checkpoint
        # directory; without one (a quick local session) cached tables do the job.
        has_dir = spark.sparkContext.getCheckpointDir() is not None
        return SparkAPI(spark_session=spark, break_lineage_method=None if has_dir else "persist")
    raise LinkageError(f"unknown linkage backend {backend!r}: use 'duckdb' or 'spark'")


U_MAX_PAIRS = 2e6
TRAIN_SAMPLE_RECORDS = 60_000
"""Above this many records, m is trained by EM on a sample (u and the prior on everything)."""
EM_SAMPLE_RECORDS = 30_000
"""Size of that sample: whole family names, about this many records.

EM's cost grows with the pairs inside the sample's blocks; 30,000 records of whole
families still give thousands of same-name pairs to learn sex, age and the rest from,
at half the time of 60,000 (on a million-record list: 9 CPU seconds instead of 19).
"""
GUARD_M = 0.002
"""Share of true matches taken to fall in the sibling or cousin level: fixed, not trained.

EM trained on name-similar pairs sees many cousins and siblings and would learn them as
matches; a person's own given or father's name rarely changes outright between lists,
so these two levels keep an expert value.
"""
MIN_RECORDS_TO_TRAIN = 500
"""Below this many records EM has too few pairs to learn from: the shipped prior model is
used (:mod:`._link_prior`, trained by ``scripts/train_link_prior.py``).

The values in ``configure(m_probabilities=…, u_probabilities=…)`` above are expert
starting values for EM on larger inputs.
"""


def _step(what: str, fn: Any) -> None:
    """Run one training step; one that splink refuses keeps the previous values.

    (Too few pairs in a level, a level never observed: that must not fail the linkage.)
    """
    try:
        fn()
    except (ValueError, ZeroDivisionError, SplinkException) as exc:
        logging.getLogger(__name__).info("splink training step %s skipped: %s", what, type(exc).__name__)


def _train_u_and_prior(
    linker: Any,
    n: int,
    seed: int,
    features: pd.DataFrame | None = None,
    link_type: LinkType | None = None,
    duckdb_comparisons: Any = None,
) -> dict[str, Any]:
    """The prior by the exact-key rule and u on the whole input; the model.

    u is counted (:func:`._link_u.count_u`: exact from value counts and from the pairs
    sharing a name key, the other pairs sampled, in DuckDB whatever the backend: on Spark
    ``duckdb_comparisons`` are the model's comparisons rendered for DuckDB, as the linker's
    own are Spark SQL) when ``features`` are given, whatever the input's size; splink's
    random sampling otherwise, or when too many pairs share a name key to enumerate them
    (:data:`._link_u.NAME_KEY_MAX_PAIRS`; the million-record synthetic dedup is under it since session 23).

    u must come from random pairs of the *whole* list: a training sample chosen by family
    names holds far more pairs that share a family name than the list does, so u sampled
    there is too high for every name level, and the more so the larger the list.

    A level that none of the ``N`` sampled pairs falls in keeps its starting u only if
    that is at most ``1/N``; a higher starting value is contradicted by the sample and
    becomes ``1/N``. (splink keeps the starting value, e.g. 1e-4 for the exact name, whose
    true u in a list of a million is near 3e-7: nothing would then link at that size.)
    Not for a level with a fixed m (the sibling and cousin guards): its weight is set
    on purpose, and a lower u would turn the guard into evidence for a match; not for a
    comparison whose column is empty in this input, nor for the "else" level.
    """
    from splink import block_on

    max_pairs = min(U_MAX_PAIRS, max(1e5, n * 100.0))
    counted = None
    # Counted at every size (issue 19, session 22). Above 60,000 records splink's sampling was
    # kept until then: its two million pairs met the rare name levels (the whole name; given,
    # father and family) a handful of times or never on a list of 100,000 to a million, and the
    # ratio of those two u, which scales every near-exact pair's weight, was the luck of the draw
    # (synthetic dedup: automatic recall 0.93 at 100,000 records, 0.87 at 250,000).
    if features is not None and link_type is not None:
        from tawthiq.people._link_u import count_u

        # splink's rendered comparisons (their CASE expressions), as the linker holds them
        comparisons = duckdb_comparisons or linker._settings_obj.comparisons
        counted = count_u(features, comparisons, link_type, max_pairs, seed)
    if counted is not None and "name" in counted and features is not None and link_type is not None:
        before = linker.misc.save_model_to_json()
        _prior_from_counted(before, counted["name"], _all_pairs(features, link_type))
        return _counted_u(before, counted, max_pairs)
    _step(
        "prior",
        lambda: linker.training.estimate_probability_two_random_records_match(
            [block_on("key")], recall=PRIOR_RULE_RECALL
        ),
    )
    before = linker.misc.save_model_to_json()
    _step("u", lambda: linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed))
    model = linker.misc.save_model_to_json()
    for comp, comp0 in zip(model["comparisons"], before["comparisons"], strict=True):
        levels = list(zip(comp["comparison_levels"], comp0["comparison_levels"], strict=True))
        seen = [lv.get("u_probability") != lv0.get("u_probability") for lv, lv0 in levels]
        if not any(seen):  # a column empty in this input: nothing was learnt about it
            continue
        for (lv, _), was_seen in zip(levels[:-1], seen, strict=False):  # never the "else" level
            u = lv.get("u_probability")
            if u is not None and not was_seen and not lv.get("fix_m_probability") and u > 1.0 / max_pairs:
                lv["u_probability"] = 1.0 / max_pairs
    return model


def _all_pairs(features: pd.DataFrame, link_type: LinkType) -> float:
    """Every pair splink's prior divides by (``splink.internals.misc.calculate_cartesian``): across
    the lists for ``link_only``, any two records otherwise."""
    n = len(features)
    if link_type == "link_only":
        sizes = features["source_dataset"].value_counts().tolist()
        return (sum(sizes) ** 2 - sum(s**2 for s in sizes)) / 2
    return n * (n - 1) / 2


def _prior_from_counted(model: dict[str, Any], name: Any, pairs: float) -> None:
    """The prior splink's ``estimate_probability_two_random_records_match([block_on("key")],
    recall=PRIOR_RULE_RECALL)`` gives, from the pairs :func:`._link_u.count_u` has counted
    (``model`` is edited in place).

    That rule's pairs are those of the name comparison's exact level (the whole key, or its
    integer code ``near_id``: equal exactly when the key is; a pair without a name meets the
    null level first), which ``count_u`` enumerates exactly, not by sampling: splink's own
    query over them cost 0.06-0.1 CPU s of a run on the Gaza lists and found the same count.
    The arithmetic is splink's: observed / recall / all pairs; more observed pairs than
    ``recall`` allows is refused there (the starting prior is kept, as when its step fails).
    Tested: the same prior as splink's (``test_prior_from_counts_is_splinks``).
    """
    observed = name.counts[0] if name.counts else 0.0
    if pairs <= 0 or observed > pairs * PRIOR_RULE_RECALL:
        return
    model["probability_two_random_records_match"] = observed / PRIOR_RULE_RECALL / pairs


def _counted_u(model: dict[str, Any], counted: dict[str, Any], max_pairs: float) -> dict[str, Any]:
    """``model`` with each comparison's u set from counted pairs (``_link_u.LevelCounts``).

    As after splink's sampling: a comparison no pair reaches beyond its null level keeps its
    starting values; a level no pair reaches keeps its starting u, at most ``1 / max_pairs``
    (not a guard level with a fixed m, nor the "else" level).
    """
    for comp in model["comparisons"]:
        got = counted.get(comp.get("output_column_name"))
        if got is None or not got.total:
            continue
        levels = [lv for lv in comp["comparison_levels"] if not lv.get("is_null_level")]
        for i, (lv, count) in enumerate(zip(levels, got.counts, strict=True)):
            if count > 0:
                lv["u_probability"] = count / got.total
                continue
            u = lv.get("u_probability")
            last = i == len(levels) - 1
            if u is not None and not last and not lv.get("fix_m_probability") and u > 1.0 / max_pairs:
                lv["u_probability"] = 1.0 / max_pairs
    return model


def splink_em(linker: Any, rule: Any) -> Any:
    """splink's own EM run (one round of SQL per iteration over every training pair)."""
    return linker.training.estimate_parameters_using_expectation_maximisation(rule)


def _train_m(linker: Any, em: Any = None, table: Any = None) -> dict[str, Any]:
    """m by EM on two rules; the trained model.

    Pairs with the same whole name train sex, age, birth date, place and the other
    non-name comparisons. The whole-name comparison is trained on pairs that agree on the
    skeletons of the given and family names (the ``blk`` column, which it does not read);
    that run trains the other comparisons again and splink averages the two. When that
    second run took the wrong class for matches (:func:`_em_took_similar_names`), all of
    it is discarded: the model after the first run is kept, with the name comparison's
    expert m probabilities (u stays as sampled).

    ``em`` runs one EM: by default :func:`._link_em.estimate_m_by_em` (splink's estimator,
    iterated on the distinct comparison patterns) reading both runs' patterns from one table
    (:func:`._link_em.pattern_table`: the pairs of both rules, their comparison vectors
    computed once), :func:`splink_em` for splink's own. ``table``: that pattern table, already
    built (:func:`._link_score.em_table`, from the pairs the prediction scores too).
    """
    from tawthiq.people import _link_em

    rules = _em_rules()
    if em is None:
        if table is None:
            table = _link_em.pattern_table(linker, rules)

        def run(linker: Any, rule: Any) -> Any:
            k = next(i for i, r in enumerate(rules) if r is rule)
            return _link_em.estimate_m_by_em(linker, rule, table=(table, k))
    else:
        run = em
    _step("EM on key", lambda: run(linker, rules[0]))
    after_key = linker.misc.save_model_to_json()
    _step("EM on blk", lambda: run(linker, rules[1]))
    model = linker.misc.save_model_to_json()
    if _em_took_similar_names(model):
        logging.getLogger(__name__).info("EM run on similar names discarded: expert m kept for the name")
        return after_key
    return model


def _em_rules() -> list[Any]:
    from splink import block_on

    return [block_on("key"), block_on("blk")]


def _name_comparison(model: dict[str, Any]) -> dict[str, Any] | None:
    return next((c for c in model["comparisons"] if c.get("output_column_name") == "name"), None)


def _em_took_similar_names(model: dict[str, Any]) -> bool:
    """True when EM converged on the wrong class for the name comparison.

    On a sample rich in siblings, cousins and homonyms, EM can take "similar names" for
    the match class: the exact-name level then gets a lower m than a fuzzy level. A
    person's name agrees exactly more often than it merely resembles (any level but
    "else"), and the pairs of that wrong class also differ in age and place, so none of
    that run's estimates can be trusted.
    """
    name = _name_comparison(model)
    if name is None:
        return False
    m = [lv.get("m_probability") or 0.0 for lv in name["comparison_levels"] if not lv.get("is_null_level")]
    return len(m) >= 3 and m[0] < max(m[1:-1])


def _set_parameters(linker: Any, model: dict[str, Any]) -> Any:
    """``linker`` with every level's m and u and the prior set to ``model``'s, as a linker built
    from ``model`` would hold them (``model`` is this linker's settings, saved and edited).

    Building a linker parses every level's SQL again (0.05 CPU s each on the Gaza lists); the
    model is the same but for these numbers. A level ``model`` gives no m or u gets none, as on
    loading. Tested: the same pairs and probabilities as linkers built from the model
    (``test_one_linker_set_to_each_model_scores_as_linkers_built_from_them``).
    """
    core = linker._settings_obj.core_model_settings
    comparisons = {c["output_column_name"]: c for c in model["comparisons"]}
    if [c.output_column_name for c in core.comparisons] != list(comparisons):
        raise LinkageError("the model's comparisons are not the linker's")  # a bug, not an input error
    for cc in core.comparisons:
        levels = comparisons[cc.output_column_name]["comparison_levels"]
        for cl, lv in zip(cc.comparison_levels, levels, strict=True):
            if cl.is_null_level:
                continue
            cl.m_probability = lv.get("m_probability")
            cl.u_probability = lv.get("u_probability")
            # as loaded: no trained values (EM sets m and u to their median over the runs, so a
            # u splink sampled on this linker would otherwise replace the model's corrected u)
            cl._trained_m_probabilities = []
            cl._trained_u_probabilities = []
    core.probability_two_random_records_match = model["probability_two_random_records_match"]
    return linker


def _linker(
    features: pd.DataFrame,
    settings: Any,
    link_type: LinkType,
    db: Any,
    spark: Any,
    name_tf: pd.DataFrame | None = None,
    near_tf: pd.DataFrame | None = None,
) -> Any:
    """A splink linker over ``features``; ``name_tf`` (``key_id``, ``tf_key_id``) is
    registered as the whole name's frequency table, computed on the whole input even when
    ``features`` is a training sample."""
    from splink import Linker

    if link_type == "dedupe_only":
        inputs = [features]
    else:
        inputs = [g for _, g in features.groupby("source_dataset", sort=True)]
    if spark is not None:
        inputs = [spark.createDataFrame(_spark_ready(x)) for x in inputs]
    elif len(features) <= TRAIN_SAMPLE_RECORDS:
        # As Arrow tables: DuckDB reads a registered pandas frame's string (object) columns one
        # Python string at a time on every scan, and splink scans its inputs in each query (the
        # prior, both EM runs, prediction: about forty scans of each list); Arrow converts once.
        # The same pairs; probabilities within 4.4e-16 (aug_sep / measure, 13:14 UTC). Not above
        # TRAIN_SAMPLE_RECORDS, where the whole input gets two linkers: converting 250,000
        # records took 0.3-0.6 CPU s each time and 113 MiB more at the peak, and the run was
        # not shown faster (18.8 CPU s before, 20.7 with Arrow, 20.1 without again: noise at load
        # 17-30; 13:43-14:02 UTC).
        import pyarrow as pa

        inputs = [pa.Table.from_pandas(x, preserve_index=False) for x in inputs]
    tables = [db.register(x) for x in inputs]
    # The settings are Tawthiq's own, tested once (tests/people_linkage): splink's validation
    # re-parses every level's SQL for each linker (three a run), a second of CPU on a list.
    linker = Linker(
        tables if len(tables) > 1 else tables[0], settings, log_level=logging.WARNING, validate_settings=False
    )
    for table, column in ((name_tf, "key_id"), (near_tf, "near_id")):
        if table is not None:
            lookup = spark.createDataFrame(table) if spark is not None else table
            linker.table_management.register_term_frequency_lookup(db.register(lookup), column)
    return linker


def _near_levels_read_frequency(model: dict[str, Any]) -> None:
    """No near-exact name level weighs less than ``m / f``, ``f`` the name's near frequency
    (``model`` is edited in place).

    splink scales a term-frequency-adjusted level by ``u_exact / f`` (the exact level's u
    against the name's frequency), so its Bayes factor is ``(m / u) * (u_exact / f)``.
    ``f`` (:func:`._link_lists.near_frequencies`) counts every other record holding the
    name, or one with its skeleton or its given, father's and family name: it is already
    this name's own chance of a random record falling near it, or more (it counts the exact
    holders too). A ratio ``u_exact / u`` below 1 then discounts the name twice: once by
    ``f`` and again by the list's average. That happens on a large list whose names are
    built from common parts (a million synthetic records): random pairs that share the
    given, father's and family name are many times more common there than pairs sharing
    the whole name, and the exact level's sampled u is at its bound ``1 / N`` (no sampled
    pair has it). At 300,000 records the ratio was 0.24 for "given, father and family
    agree", 2.1 bits off every such pair, more at a million. The level's u is therefore at
    most the exact level's: its Bayes factor at least ``m / f``. Where u is already below
    (the Gaza lists: common names are spelled alike, so random pairs of one spelling
    outnumber near-spelled ones twenty to one), nothing changes.
    """
    name = _name_comparison(model)
    if name is None:
        return None
    levels = [lv for lv in name["comparison_levels"] if not lv.get("is_null_level")]
    u_exact = levels[0].get("u_probability")
    if not u_exact:
        return None
    for lv in levels[1:-1]:
        u = lv.get("u_probability")
        if lv.get("tf_adjustment_column") == "near_id" and u is not None and u > u_exact:
            lv["u_probability"] = u_exact


PARTIAL_NAME_MAX_SHARE = 0.5
"""A partial-name level's Bayes factor is at most this share of the exact name's."""


def _cap_partial_names(model: dict[str, Any]) -> None:
    """Keep every partial-name level weaker than the exact name (``model`` is edited in place).

    A level such as "given, father and family agree" is met by about one random pair in
    two million, so random sampling sees it once or twice and its u is mostly noise: it
    can come out *stronger* than the exact whole name, and a record then links to a
    near-namesake over its exact namesake. Agreeing on less of a name is never better
    evidence than agreeing on all of it, so such a level's Bayes factor is capped at
    ``PARTIAL_NAME_MAX_SHARE`` of the exact level's (its u is raised, its m kept).
    """
    name = _name_comparison(model)
    if name is None:
        return None
    levels = [lv for lv in name["comparison_levels"] if not lv.get("is_null_level")]
    exact = levels[0]
    m0, u0 = exact.get("m_probability"), exact.get("u_probability")
    if not m0 or not u0:
        return None
    cap = PARTIAL_NAME_MAX_SHARE * m0 / u0
    for lv in levels[1:-1]:
        m, u = lv.get("m_probability"), lv.get("u_probability")
        if m and u and m / u > cap:
            lv["u_probability"] = m / cap


def training_sample(features: pd.DataFrame, size: int) -> pd.DataFrame:
    """About ``size`` records, chosen by whole family-name skeletons.

    A sample of single records would keep almost no pair of one person (both halves
    must be drawn); a sample of whole family names keeps the pairs EM learns from.
    """
    key = features["fam_sk"].fillna(features["key"]).fillna("")
    buckets = pd.util.hash_pandas_object(key, index=False) % 1000
    keep = int(1000 * size / max(1, len(features))) + 1
    return features[buckets < keep]


def score_pairs(
    features: pd.DataFrame,
    *,
    link_type: LinkType,
    floor: float,
    backend: str = "duckdb",
    spark: Any = None,
    seed: int = 7,
    name_tf: pd.DataFrame | None = None,
    near_tf: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Train (u by random sampling, m by EM) and score every blocked pair above ``floor``.

    The prior and u are estimated on the whole input. Above ``TRAIN_SAMPLE_RECORDS``
    records, m is trained by EM on a sample of whole family names
    (:func:`training_sample`) and the model then scores the whole input. ``name_tf``
    (with a ``key_id`` column in ``features``): the whole name's frequency among other
    people, :func:`._link_lists.name_frequencies`.
    """
    logging.getLogger("splink").setLevel(logging.WARNING)
    db = _db_api(backend, spark)
    spark_or_none = spark if backend == "spark" else None
    term_frequencies = len(features) >= MIN_RECORDS_TO_TRAIN
    if not (term_frequencies and "key_id" in features.columns and "near_id" in features.columns):
        name_tf = near_tf = None  # the settings do not read them
    elif name_tf is None or near_tf is None:
        name_tf = near_tf = None
    settings = build_settings(
        link_type,
        term_frequencies=term_frequencies,
        age_shifted="age_shifted" in features.columns,
        rare_names=name_tf is not None,
        absent=absent_comparisons(features),
        cross_script=features["scr"].nunique() > 1,
    )
    settings.probability_two_random_records_match = _prior(features, link_type)
    n = len(features)
    # The sorted name-part list column is read by no comparison or blocking rule: left out, it
    # spares DuckDB converting a million Python lists on each scan of the input.
    features = features.drop(columns="tokens", errors="ignore")
    linker = _linker(features, settings, link_type, db, spark_or_none, name_tf, near_tf)
    vectors = None
    if n >= MIN_RECORDS_TO_TRAIN:
        if n > TRAIN_SAMPLE_RECORDS and name_tf is None:
            # The fuzzy name levels' frequency table (``key``) on the whole input: splink caches
            # it on the database API, so the first linker to need it fixes it for every later one.
            # Left to the EM sample, it held a sample's frequencies (a name 1 in 30,000 instead of
            # 1 in a million) and missed the names outside the sample (no adjustment at all).
            linker.table_management.compute_tf_table("key")
        # count_u runs in DuckDB: on Spark it needs the comparisons in DuckDB's SQL
        duckdb_comparisons = settings.get_settings("duckdb").comparisons if backend != "duckdb" else None
        model = _train_u_and_prior(linker, n, seed, features, link_type, duckdb_comparisons)
        _prior_when_no_name_is_shared(model, _pair_count(features, link_type))
        if name_tf is not None:
            _near_levels_read_frequency(model)
        if n > TRAIN_SAMPLE_RECORDS:
            sample = training_sample(features, EM_SAMPLE_RECORDS)
            trained = _train_m(_linker(sample, model, link_type, db, spark_or_none, name_tf, near_tf))
        else:  # EM on the whole input: the same linker, its parameters set to the model's
            linker = _set_parameters(linker, model)
            if backend == "duckdb":
                # One table of comparison vectors for both EM runs and the scoring (_link_score).
                from tawthiq.people import _link_score

                vectors = _link_score.pair_vectors(linker, _em_rules())
                trained = _train_m(linker, None, _link_score.em_table(vectors))
            else:
                trained = _train_m(linker)
        _cap_partial_names(trained)
        # The prior stays the one estimated on the whole input (EM's own is not kept).
        trained["probability_two_random_records_match"] = model["probability_two_random_records_match"]
        if n > TRAIN_SAMPLE_RECORDS:
            linker = _linker(features, trained, link_type, db, spark_or_none, name_tf, near_tf)
        else:
            linker = _set_parameters(linker, trained)
    else:
        # Too few pairs for EM: the shipped prior model and a fixed prior per pair, so that
        # the score of two records depends on nothing else in the input (_link_prior).
        from tawthiq.people._link_prior import apply_prior

        model = apply_prior(linker.misc.save_model_to_json())
        linker = _linker(features, model, link_type, db, spark_or_none, name_tf, near_tf)
    if os.environ.get("TAWTHIQ_LINK_DEBUG_MODEL"):  # a path: the trained model, for the docs
        linker.misc.save_model_to_json(os.environ["TAWTHIQ_LINK_DEBUG_MODEL"], overwrite=True)
    if vectors is not None:
        from tawthiq.people import _link_score

        scored = _link_score.score(vectors, linker, floor)
        if scored is not None:
            return scored
    pred = linker.inference.predict(threshold_match_probability=floor)
    df = pred.as_pandas_dataframe()
    keep = ["unique_id_l", "unique_id_r", "match_probability", "match_weight"]
    keep += [c for c in df.columns if c.startswith("mw_")]
    # ``.loc``, not ``df[keep]``: a column subset taken with ``[]`` is flagged as a slice of
    # splink's frame, and the engine's columns set on it (``_link_engine``) warned
    # SettingWithCopyWarning whenever that frame was still alive (on Spark, every run).
    return df.loc[:, keep]


PRIOR_RULE_RECALL = 0.8
"""The share of true pairs the prior's rule (the same whole name) is taken to find."""


def _pair_count(features: pd.DataFrame, link_type: LinkType) -> float:
    """How many pairs the model could compare: across lists, or within the one list."""
    sizes = features["source_dataset"].value_counts().tolist()
    n = len(features)
    if link_type == "dedupe_only" or len(sizes) < 2:
        return n * (n - 1) / 2
    return (n * n - sum(s * s for s in sizes)) / 2


def _prior_when_no_name_is_shared(model: dict[str, Any], pairs: float) -> None:
    """Two lists that share no whole name (or one list without an exact duplicate): splink's
    prior by the exact-name rule is then 0, and scoring failed on its logarithm (a bare
    ``ValueError: math domain error`` from ``people link``). Half a pair is taken instead, the
    estimate of a count never observed used for the name frequencies too:
    ``(0 + 1/2) / recall / pairs`` (``model`` is edited in place)."""
    prior = model.get("probability_two_random_records_match")
    if prior is None or not 0 < prior < 1:
        model["probability_two_random_records_match"] = min(0.5, 0.5 / PRIOR_RULE_RECALL / max(1.0, pairs))


def _prior(features: pd.DataFrame, link_type: LinkType) -> float:
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
    for c in ("age", "birth_year", "age_shifted"):
        if c in out:
            out[c] = out[c].astype("float64")
    return out
