"""u counted instead of sampled (`_link_u.count_u`): exact where it says it is, and no name level
reachable outside the pairs it enumerates. Every name here is invented (see conftest.py)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from tawthiq.people._link_features import record_features
from tawthiq.people._link_model import build_settings
from tawthiq.people._link_u import (
    NEAR_WITHOUT_KEY,
    _case_expr,
    _columns,
    _near_candidates,
    _rest_of_pairs,
    _shared_name_key,
    count_u,
)

from .conftest import make
from .test_link_small_and_scripts import _small_people


@pytest.fixture(scope="module")
def features():
    """Two lists, one in Arabic script and one half in Latin letters, with namesakes, siblings
    and cousins (the parts are drawn from a few names), ages and sexes."""
    people = _small_people(160, seed=4)
    a = make("a", 1, [(ar, None, sex, age) for ar, _, sex, age in people[:120]])
    b = make(
        "b",
        1001,
        [
            (None, la, sex, age + i % 2) if i % 2 else (ar, None, sex, age)
            for i, (ar, la, sex, age) in enumerate(people[40:])
        ],
    )
    return record_features([*a, *b]).drop(columns="tokens")


def _comparisons(features):
    settings = build_settings(
        "link_only", absent=frozenset({"place", "national_id", "address", "birth_date"})
    )
    return {c.output_column_name: c for c in settings.get_settings("duckdb").comparisons}


def _every_pair_levels(features, comparison) -> dict[int, int]:
    case = _case_expr(comparison._case_statement)
    cols = _columns(case, list(features.columns))
    proj = ", ".join(f'l."{c}" AS "{c}_l", r."{c}" AS "{c}_r"' for c in cols)
    con = duckdb.connect()
    con.register("f", features)
    rows = con.execute(
        f"SELECT g, count(*) FROM (SELECT {case} AS g FROM (SELECT {proj} FROM f l JOIN f r "
        "ON l.unique_id < r.unique_id AND l.source_dataset <> r.source_dataset)) GROUP BY g"
    ).fetchall()
    return {int(g): n for g, n in rows}


def _levels(comparison) -> list[int]:
    return [int(lv.comparison_vector_value) for lv in comparison.comparison_levels if not lv.is_null_level]


def test_a_pair_sharing_no_name_key_reaches_only_jaro_winkler_levels(features):
    """The name levels other than Jaro-Winkler need a shared key (count_u enumerates those
    pairs); a pair sharing none that fails the loosest thresholds must be "else"."""
    name = _comparisons(features)["name"]
    case = _case_expr(name._case_statement)
    cols = _columns(case, list(features.columns))
    proj = ", ".join(f'l."{c}" AS "{c}_l", r."{c}" AS "{c}_r"' for c in cols)
    con = duckdb.connect()
    con.register("f", features)
    rows = con.execute(
        f"SELECT g, count(*) FROM (SELECT {case} AS g, * FROM (SELECT {proj} FROM f l JOIN f r "
        f"ON l.unique_id < r.unique_id AND NOT ({_shared_name_key(list(features.columns))}))) "
        f"WHERE NOT ({NEAR_WITHOUT_KEY}) GROUP BY g"
    ).fetchall()
    else_level = _levels(name)[-1]
    assert {int(g) for g, _ in rows} <= {else_level, -1}
    assert sum(n for _, n in rows) > 10_000  # the fixture has pairs to check


def test_counted_u_of_a_small_input_is_the_share_of_every_pair(features):
    comparisons = _comparisons(features)
    counted = count_u(features, list(comparisons.values()), "link_only", max_pairs=1e6, seed=7)
    for name, comp in comparisons.items():
        every = _every_pair_levels(features, comp)
        got = counted[name]
        assert got.exact
        assert got.counts == pytest.approx(tuple(float(every.get(g, 0)) for g in _levels(comp)))


def test_rare_name_levels_are_counted_not_sampled_on_a_large_input(features):
    """With far fewer sampled pairs than pairs in all, the levels that need a shared name key
    (the exact name, siblings, cousins, skeleton, letter shapes) and sex and age are still the
    exact counts; only the Jaro-Winkler and "else" levels are estimated."""
    comparisons = _comparisons(features)
    counted = count_u(features, list(comparisons.values()), "link_only", max_pairs=2_000, seed=7)
    for name in ("sex", "age"):
        every = _every_pair_levels(features, comparisons[name])
        assert counted[name].counts == tuple(float(every.get(g, 0)) for g in _levels(comparisons[name]))
    name = comparisons["name"]
    every = _every_pair_levels(features, name)
    labels = [lv.label_for_charts for lv in name.comparison_levels if not lv.is_null_level]
    got = dict(zip(labels, counted["name"].counts, strict=True))
    want = dict(zip(labels, (float(every.get(g, 0)) for g in _levels(name)), strict=True))
    for label in labels:
        if "Jaro" not in label and "nearly" not in label and "All other" not in label:
            assert got[label] == want[label], label
    assert got["Exact match on key"] > 0  # the fixture has namesakes across the lists
    assert counted["name"].total == sum(every.get(g, 0) for g in _levels(name))


def test_near_screen_keeps_every_pair_duckdb_finds_near(features):
    """rapidfuzz's screen (_near_candidates) must never drop a pair DuckDB's Jaro-Winkler puts
    within NEAR_WITHOUT_KEY: a dropped pair would be counted "else" and the fuzzy levels' u
    would fall. Every pair of the fixture, and the fixture's names with a letter changed,
    dropped or doubled, so that many pairs sit near the thresholds."""
    import numpy as np

    rng = np.random.default_rng(3)
    base = features[features["key"].notna()].reset_index(drop=True)

    def damaged(s: str) -> str:
        i = int(rng.integers(0, len(s)))
        kind = int(rng.integers(0, 3))
        return s[:i] + ("ب" if kind == 0 else "" if kind == 1 else s[i] * 2) + s[i + 1 :]

    other = base.copy()
    other["unique_id"] = base["unique_id"] + 100_000
    other["key"] = [damaged(s) for s in base["key"]]
    other["x_sk"] = [damaged(s) if isinstance(s, str) and s else s for s in base["x_sk"]]
    both = pd.concat([base, other], ignore_index=True)
    con = duckdb.connect()
    con.register("f", both)
    ids = con.execute(
        "SELECT l.unique_id, r.unique_id, coalesce(" + NEAR_WITHOUT_KEY.replace("key_l", "l.key")
        .replace("key_r", "r.key").replace("x_sk_l", "l.x_sk").replace("x_sk_r", "r.x_sk")
        .replace("scr_l", "l.scr").replace("scr_r", "r.scr") + ", false) "
        "FROM f l JOIN f r ON l.unique_id < r.unique_id"
    ).fetchnumpy()  # fmt: skip
    a, b, near = (np.asarray(ids[k]) for k in ids)
    screened = _near_candidates(both, a, b)
    assert near.sum() > 200  # the damaged names put many pairs near the thresholds
    assert not (near & ~screened).any()
    assert screened.sum() < 3 * near.sum() + 100  # a screen, not every pair
    # a few pairs against many distinct names: the letters are not renamed, the same screen
    few = len(pd.unique(both["key"])) // 2
    assert (_near_candidates(both, a[:few], b[:few]) == screened[:few]).all()


def test_shared_key_on_codes_is_duckdbs_test(features):
    """The pairs that share no name key are found in numpy on the keys' integer codes
    (_rest_of_pairs); they must be exactly those DuckDB's test (_shared_name_key) finds, or a
    keyed pair would be counted twice or a pair lost. Every pair of the fixture, and records
    with given and family swapped, parts missing (NULL never equals NULL) and no name at all."""
    import numpy as np

    extra = features.head(40).copy()
    extra["unique_id"] = extra["unique_id"] + 200_000
    extra["source_dataset"] = "c"
    extra["g_sk"], extra["fam_sk"] = features.head(40)["fam_sk"].values, features.head(40)["g_sk"].values
    for i, col in enumerate(("f", "gf", "fam", "g", "key", "sk_key", "rasm", "x_sk")):
        extra.loc[extra.index[i * 4 : i * 4 + 6], col] = None
    # the first six without a father's name, as written the other way round by list "d": the
    # swapped key (two names without a father's name only) and the cross-script one must hold
    plain = features.head(6).copy()
    plain["unique_id"] = plain["unique_id"] + 300_000
    plain["source_dataset"] = "d"
    plain["f"] = None
    both = pd.concat([features, extra, plain], ignore_index=True)
    con = duckdb.connect()
    con.register("f", both)
    swapped = con.execute(
        "SELECT count(*) FROM f l JOIN f r ON l.g_sk = r.fam_sk AND l.fam_sk = r.g_sk "
        "AND l.f IS NULL AND r.f IS NULL AND l.unique_id < r.unique_id"
    ).fetchall()[0][0]
    assert swapped > 0
    ids = con.execute(
        "SELECT l.unique_id AS a, r.unique_id AS b, NOT ("
        + _shared_name_key(list(both.columns))
        + ") AND l.key IS NOT NULL AND r.key IS NOT NULL AS rest "
        "FROM f l JOIN f r ON l.unique_id < r.unique_id"
    ).fetchnumpy()
    a, b, rest = (np.asarray(ids[k]) for k in ("a", "b", "rest"))
    got_a, got_b = _rest_of_pairs(both, list(both.columns), a, b)
    assert set(zip(got_a.tolist(), got_b.tolist(), strict=True)) == set(
        zip(a[rest].tolist(), b[rest].tolist(), strict=True)
    )
    assert rest.sum() > 10_000 and (~rest).sum() > 500  # both kinds of pair are there


@pytest.mark.parametrize("link_type", ["link_only", "dedupe_only"])
def test_prior_from_counts_is_splinks(features, link_type):
    """The prior taken from count_u's exact-name pairs (``_prior_from_counted``) is the one
    splink's own query gives for the same rule and recall: the same pairs and the same
    arithmetic, so the model and every pair's probability are unchanged by skipping it."""
    import logging

    from splink import Linker, block_on

    from tawthiq.people._link_model import (
        PRIOR_RULE_RECALL,
        _all_pairs,
        _db_api,
        _prior_from_counted,
    )

    # one list holding both lists' records: namesakes within it
    feats = features if link_type == "link_only" else features.assign(source_dataset="a")
    absent = frozenset({"place", "national_id", "address", "birth_date"})
    settings = build_settings(link_type, absent=absent)
    db = _db_api("duckdb", None)
    inputs = [g for _, g in feats.groupby("source_dataset")] if link_type == "link_only" else [feats]
    tables = [db.register(x) for x in inputs]
    linker = Linker(tables if len(tables) > 1 else tables[0], settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match([block_on("key")], recall=PRIOR_RULE_RECALL)
    splinks = linker.misc.save_model_to_json()["probability_two_random_records_match"]

    comparisons = list(settings.get_settings("duckdb").comparisons)
    counted = count_u(feats, comparisons, link_type, max_pairs=2_000, seed=7)
    model: dict = {}
    _prior_from_counted(model, counted["name"], _all_pairs(feats, link_type))
    assert splinks > 0  # the fixture has namesakes
    assert model["probability_two_random_records_match"] == splinks


def _one_family_of_strangers() -> pd.DataFrame:
    """One list: 240 people with one father's and one family name but their own given names and
    grandfathers (strangers, as a large list's common names make them), 30 of them again with
    the grandfather dropped, and 10 siblings (one grandfather, other given names)."""
    given = [a + b for a in ("سامر", "باسل", "وسيم", "نزار", "ماهر", "كنان") for b in ("دين", "علي", "نور")]
    grand = [a + b for a in ("سليم", "كامل", "توفيق", "نعيم", "شاكر") for b in ("ان", "ي", "ون")]
    rows = [(f"{given[i % 18]} جمال {grand[i % 15]} الزعتري", None, "m", 20 + i % 40) for i in range(240)]
    rows += [(f"{given[i % 18]} جمال الزعتري", None, "m", 20 + i % 40) for i in range(30)]
    rows += [(f"{g} جمال راغب الزعتري", None, "m", 30) for g in ("رياض", "فؤاد", "منذر", "ضياء", "نبيل")]
    return record_features(make("L", 1, rows)).drop(columns="tokens")


def test_strangers_sharing_only_the_fathers_and_family_name_are_not_enumerated(monkeypatch):
    # Issue 19: the siblings' key was the father's and family name alone, so counting u enumerated
    # every pair of strangers sharing them (19.4 of 21.1 million pairs on the million-record
    # synthetic dedup: over NAME_KEY_MAX_PAIRS, so the million fell back to splink's sampling).
    # The grandfather joins that key where both have one; the counts stay exact.
    import tawthiq.people._link_u as link_u

    features = _one_family_of_strangers()
    settings = build_settings(
        "dedupe_only", absent=frozenset({"place", "national_id", "address", "birth_date"})
    )
    name = next(c for c in settings.get_settings("duckdb").comparisons if c.output_column_name == "name")
    father_and_family_pairs = len(features) * (len(features) - 1) / 2  # 37,675: every pair here
    monkeypatch.setattr(link_u, "NAME_KEY_MAX_PAIRS", father_and_family_pairs / 2)
    counted = count_u(features, [name], "dedupe_only", max_pairs=1e6, seed=7)
    assert counted is not None  # not left to splink's sampling
    case = _case_expr(name._case_statement)
    cols = _columns(case, list(features.columns))
    proj = ", ".join(f'l."{c}" AS "{c}_l", r."{c}" AS "{c}_r"' for c in cols)
    con = duckdb.connect()
    con.register("f", features)
    every = dict(
        con.execute(
            f"SELECT g, count(*) FROM (SELECT {case} AS g FROM (SELECT {proj} FROM f l JOIN f r "
            "ON l.unique_id < r.unique_id)) GROUP BY g"
        ).fetchall()
    )
    labels = [lv.label_for_charts for lv in name.comparison_levels if not lv.is_null_level]
    want = [float(every.get(g, 0)) for g in _levels(name)]
    got = dict(zip(labels, counted["name"].counts, strict=True))
    for label, w in zip(labels, want, strict=True):
        assert got[label] == w, label
    assert got["siblings: only the given name differs"] > 0
    assert got["given, father and family agree (grandfather dropped or damaged)"] > 0


@pytest.mark.parametrize(
    "absent", [frozenset(), frozenset({"place", "national_id", "address"}), frozenset({"sex"})]
)
def test_a_comparison_left_out_is_the_one_named_absent(absent):
    """build_settings leaves out comparisons by their place in MODEL_COMPARISONS (rendering each
    to read its name cost CPU): a comparison added out of that order would drop the wrong one."""
    from tawthiq.people._link_model import MODEL_COMPARISONS, build_settings

    settings = build_settings("link_only", age_shifted=True, rare_names=True, absent=absent)
    names = [c["output_column_name"] for c in settings.get_settings("duckdb").as_dict()["comparisons"]]
    assert names == [c for c in MODEL_COMPARISONS if c not in absent]
