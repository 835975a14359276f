"""EM on the distinct comparison patterns (`_link_em`) against splink's own EM on the same pairs.

Every name here is invented (see conftest.py)."""

from __future__ import annotations

import json
import random

import pytest

import tawthiq.people._link_em as link_em
import tawthiq.people._link_model as link_model
from tawthiq.people import link_records

from .conftest import make
from .test_link_small_and_scripts import _small_people

REL_TOL = 1e-9
"""Both estimators sum the same terms in a different order (splink per pair in DuckDB, here
per pattern in numpy): they agree to rounding, about 1e-13 of each value on the Gaza lists."""


def _lists() -> list:
    """Two lists of 650 records in all (enough to train): 250 people on both, the second list's
    copies damaged as real releases are (a grandfather's name dropped, an age one year on, a
    missing sex), so that the name, age and sex levels below exact all hold pairs, and the
    names repeat (a few parts make them), so that the name frequencies adjust the weights."""
    rng = random.Random(5)
    people = _small_people(500, seed=9)
    a = [(ar, None, sex, age) for ar, _, sex, age in people[:350]]
    b = []
    for i, (ar, _, sex, age) in enumerate(people[100:400]):
        parts = ar.split()
        if i % 5 == 0:
            parts = [parts[0], parts[1], parts[3]]
        b.append((" ".join(parts), None, None if i % 11 == 0 else sex, age + (rng.random() < 0.3)))
    return make("a", 1, a) + make("b", 1001, b)


@pytest.fixture(scope="module")
def both_runs():
    """splink's EM and the pattern EM, each run twice (the key, then the name skeletons) from
    the same starting model inside one linkage: (m and u per level, final prior) of each."""
    got: dict[str, object] = {}
    train = link_model._train_m

    def spy(linker, em=None, table=None):
        start = linker._settings_obj.core_model_settings.copy()
        real = link_em.estimate_m_by_em
        runs = (("splink", link_model.splink_em), ("patterns", real), ("one table", None))
        for name, run in runs:
            linker._settings_obj.core_model_settings = start.copy()
            priors = []

            def kept(linker, rule, run=run, priors=priors, **table):
                out = (run or real)(linker, rule, **table)
                # splink's session holds its last iteration's prior; ours returns it
                prior = getattr(out, "prior", None)
                priors.append(prior or out.core_model_settings.probability_two_random_records_match)
                return out

            if run is None:  # the default: both runs read one pattern table
                mp.setattr(link_em, "estimate_m_by_em", kept)
                try:
                    model = train(linker, None, table)
                finally:
                    mp.setattr(link_em, "estimate_m_by_em", real)
            else:
                model = train(linker, kept)
            got[name] = (
                [
                    [(lv.get("m_probability"), lv.get("u_probability")) for lv in c["comparison_levels"]]
                    for c in model["comparisons"]
                ],
                priors,
            )
        linker._settings_obj.core_model_settings = start.copy()
        return train(linker, em, table)

    mp = pytest.MonkeyPatch()
    mp.setattr(link_model, "_train_m", spy)
    try:
        link_records(_lists())
    finally:
        mp.undo()
    return got


@pytest.mark.parametrize("ours", ["patterns", "one table"])
def test_pattern_em_gives_splink_em_m_u_and_prior_on_the_same_pairs(both_runs, ours):
    """Every level's m and u after both EM runs, and each run's final prior, equal splink's to
    REL_TOL: the pattern table is a sufficient statistic for EM, the term-frequency
    adjustments included. Fails if a pair's frequency adjustment, a fixed m, the median over
    the runs or the convergence test differed from splink's; for "one table" (what
    ``link_records`` runs: both runs' patterns from one table of the two rules' pairs), also if
    a run read a pair of the other rule, or the other run's comparisons or starting prior."""
    ours, theirs = both_runs[ours], both_runs["splink"]
    assert len(ours[1]) == len(theirs[1]) == 2
    assert ours[1] == pytest.approx(theirs[1], rel=REL_TOL)
    trained = 0
    for levels_ours, levels_theirs in zip(ours[0], theirs[0], strict=True):
        for (m, u), (m0, u0) in zip(levels_ours, levels_theirs, strict=True):
            assert (m is None) == (m0 is None)
            if m is not None:
                assert m == pytest.approx(m0, rel=REL_TOL)
                trained += 0 < m < 1
            assert u == u0
    assert trained > 10  # the fixture trains most levels (a test of nothing would pass above)


def test_pattern_em_is_what_link_records_runs_and_its_links_equal_splink_em(monkeypatch, tmp_path):
    """The persons of a linkage are the same whichever EM trained it (the model's pairs and their
    probabilities to 1e-9), and the pattern EM is the one that runs by default."""
    records = _lists()
    monkeypatch.setenv("TAWTHIQ_LINK_DEBUG_MODEL", str(tmp_path / "patterns.json"))
    ours = link_records(records)
    calls = []

    def splink_em(linker, rule, table=None):
        calls.append(rule)
        return link_model.splink_em(linker, rule)

    monkeypatch.setattr(link_em, "estimate_m_by_em", splink_em)
    monkeypatch.setenv("TAWTHIQ_LINK_DEBUG_MODEL", str(tmp_path / "splink.json"))
    theirs = link_records(records)
    assert len(calls) == 2  # the default EM was replaced: the first run used the pattern EM
    assert sorted(map(sorted, ours.clusters)) == sorted(map(sorted, theirs.clusters))
    p_ours = {(x.a, x.b): x.probability for x in ours.pairs}
    p_theirs = {(x.a, x.b): x.probability for x in theirs.pairs}
    assert p_ours.keys() == p_theirs.keys() and len(p_ours) > 200
    for k, p in p_ours.items():
        assert p == pytest.approx(p_theirs[k], rel=1e-9, abs=1e-12)
    assert json.loads((tmp_path / "patterns.json").read_text())["comparisons"]


def test_one_linker_set_to_each_model_scores_as_linkers_built_from_them(monkeypatch):
    """The linker that estimates the prior and u is set to the model for EM, then to the trained
    model for scoring (`_set_parameters`), instead of a new linker built each time: the pairs and
    their probabilities are those of linkers built from the two models."""
    records = _lists()
    built: list[tuple] = []
    real = link_model._linker

    def spy(*args, **kwargs):
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(link_model, "_linker", spy)
    set_calls = []
    real_set = link_model._set_parameters

    def counted(linker, model):
        set_calls.append(1)
        return real_set(linker, model)

    monkeypatch.setattr(link_model, "_set_parameters", counted)
    ours = link_records(records)
    assert len(built) == 1 and len(set_calls) == 2  # one linker, set twice

    def fresh(linker, model):
        features, _settings, link_type, db, spark, *rest = built[0]
        return real(features, model, link_type, db, spark, *rest)

    built.clear()
    monkeypatch.setattr(link_model, "_set_parameters", fresh)
    theirs = link_records(records)
    p_ours = {(x.a, x.b): x.probability for x in ours.pairs}
    p_theirs = {(x.a, x.b): x.probability for x in theirs.pairs}
    assert p_ours.keys() == p_theirs.keys() and len(p_ours) > 200
    for k, p in p_ours.items():
        assert p == pytest.approx(p_theirs[k], rel=1e-12, abs=1e-15)


def test_rule_view_is_splinks_em_training_session(monkeypatch):
    """What each EM run reads of splink's ``EMTrainingSession`` (the comparisons the training
    rule leaves out, the starting prior adjusted for the rule), now computed without building
    the session (``rule_view``: only the levels naming a column of the rule are parsed), is the
    session's own, at each of the two runs of a linkage, for the two training rules and for
    rules that meet exact levels (sex; age; sex with the name key): the same comparisons in the
    same order, the same m and u on them, and the same prior. Fails if a comparison reading the
    rule's column were kept, if a level reversing the rule were missed (the prior would stay
    unadjusted) or another level taken."""
    from splink import block_on

    seen = []
    real = link_em.rule_view

    def spy(linker, rule):
        for r in (rule, block_on("sex"), block_on("age"), block_on("key", "sex")):
            view = real(linker, r)
            core = link_em._session(linker, r).core_model_settings
            start = linker._settings_obj.core_model_settings.probability_two_random_records_match
            seen.append(
                (
                    [cc.output_column_name for cc in view.comparisons],
                    [cc.output_column_name for cc in core.comparisons],
                    view.prior,
                    core.probability_two_random_records_match,
                    [link_em._comparison(cc) for cc in view.comparisons],
                    [link_em._comparison(cc) for cc in core.comparisons],
                    start,
                )
            )
        return real(linker, rule)

    monkeypatch.setattr(link_em, "rule_view", spy)
    link_records(_lists())
    assert len(seen) == 8  # two runs (the whole name, then the name skeletons), four rules each
    for names, splink_names, prior, splink_prior, comps, splink_comps, _start in seen:
        assert names == splink_names
        assert prior == splink_prior
        assert comps == splink_comps
    assert "name" not in seen[0][0] and "name" in seen[4][0]  # the whole-name rule reads the name
    assert "sex" not in seen[1][0] and "sex" not in seen[3][0]
    assert seen[1][2] != seen[1][6] and seen[3][2] != seen[3][6]  # exact sex levels adjust the prior
