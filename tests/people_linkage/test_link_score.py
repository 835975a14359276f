"""Scoring from one table of comparison vectors (`_link_score`) against splink's own predict.

Every name here is invented (see conftest.py)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

import tawthiq.people._link_em as link_em
import tawthiq.people._link_score as link_score
from tawthiq.people import link_records

from .test_link_em import _lists


@pytest.fixture(scope="module")
def scored():
    """Inside one linkage: the frame `_link_score.score` returns, splink's `predict` on the same
    linker (the trained model) at the same floor, and the EM pattern tables both ways."""
    got: dict[str, object] = {}
    real_score, real_vectors = link_score.score, link_score.pair_vectors

    def spy_vectors(linker, rules):
        vectors = real_vectors(linker, rules)
        got["em_ours"] = link_score.em_table(vectors)
        got["em_splink"] = link_em.pattern_table(linker, rules)
        return vectors

    def spy_score(vectors, linker, floor):
        out = real_score(vectors, linker, floor)
        got["ours"] = None if out is None else out.copy()  # the engine adds its columns to it
        got["splink"] = linker.inference.predict(threshold_match_probability=floor).as_pandas_dataframe()
        return out

    mp = pytest.MonkeyPatch()
    mp.setattr(link_score, "pair_vectors", spy_vectors)
    mp.setattr(link_score, "score", spy_score)
    try:
        link_records(_lists())
    finally:
        mp.undo()
    return got


def test_scores_from_the_vector_table_are_splinks_predict(scored):
    """The same pairs, and every match weight, probability and per-comparison weight (its
    term-frequency adjustment too) equal to splink's to 1e-9. Fails if a pair of the prediction's
    blocking were missed or a training-only pair scored, if a level's weight, an adjustment or
    the prior differed, or if a column splink returns were missing."""
    ours, theirs = scored["ours"], scored["splink"]
    assert ours is not None and len(ours) > 200
    theirs = theirs.sort_values(["unique_id_l", "unique_id_r"]).reset_index(drop=True)
    assert ours["unique_id_l"].tolist() == theirs["unique_id_l"].tolist()
    assert ours["unique_id_r"].tolist() == theirs["unique_id_r"].tolist()
    mw = [c for c in theirs.columns if c.startswith("mw_")]
    assert [c for c in ours.columns if c.startswith("mw_")] == mw
    assert any(c.startswith("mw_tf_adj_") for c in mw)
    for col in ["match_weight", "match_probability", *mw]:
        np.testing.assert_allclose(ours[col].to_numpy(), theirs[col].to_numpy(), rtol=1e-9, atol=1e-9)


def test_em_patterns_from_the_vector_table_are_the_training_rules_own(scored):
    """The EM runs read the same patterns (levels, adjustments, rules, pair counts) as from the
    training rules' own table: the prediction's pairs, united in, add none to EM."""
    ours, theirs = scored["em_ours"], scored["em_splink"]

    def rows(t):
        return sorted(
            zip(
                map(tuple, t.gamma.tolist()),
                map(tuple, t.tf.tolist()),
                t.rules.tolist(),
                t.count.tolist(),
                strict=True,
            )
        )

    assert rows(ours) == rows(theirs)
    assert ours.names == theirs.names


def test_a_model_whose_adjustments_changed_is_scored_by_splink(scored, monkeypatch):
    """The table's adjustments hold the exact level's u of when they were computed: a model
    with another u is not scored from them (None: the caller runs splink's predict)."""
    vectors = link_score.PairVectors(
        left=np.array([1]), right=np.array([2]), rules=np.array([link_score.PREDICT_RULE]),
        names=["name"], gamma=np.array([[1]]), tf=np.array([[0.0]]), tf_sql=("other u",),
    )  # fmt: skip

    level = SimpleNamespace(comparison_vector_value=1, _match_weight=1.0)
    comparison = SimpleNamespace(
        output_column_name="name",
        _has_tf_adjustments=True,
        _mw_column_name="mw_name",
        _mw_tf_adj_column_name="mw_tf_adj_name",
        comparison_levels=[level],
    )
    core = SimpleNamespace(comparisons=[comparison], probability_two_random_records_match=0.01)
    linker = SimpleNamespace(_settings_obj=SimpleNamespace(core_model_settings=core))
    monkeypatch.setattr(link_score, "tf_sql", lambda cc: "this u")
    assert link_score.score(vectors, linker, 0.5) is None
    monkeypatch.setattr(link_score, "tf_sql", lambda cc: "other u")
    assert link_score.score(vectors, linker, 0.5) is not None
