"""List-level evidence: a systematic age offset between two lists, and one partner per record.

Invented two-list fixtures only: every name is made up from the parts below.
"""

from __future__ import annotations

import itertools
import random

import pandas as pd
import pytest

from tawthiq.entities import PersonRecord
from tawthiq.people import LinkResult, link_records
from tawthiq.people._link_features import record_features
from tawthiq.people._link_lists import (
    add_age_shifted,
    age_offsets,
    name_frequencies,
    near_frequencies,
    one_per_person,
    one_to_one,
)

# The engine sets columns on the scored frame (people/_link_engine.py): on Spark, where splink's
# frame outlived the subset taken from it, that warned SettingWithCopyWarning; a failure here.
pytestmark = pytest.mark.filterwarnings("error::pandas.errors.SettingWithCopyWarning")

_GIVEN = [
    "سامر",
    "رنا",
    "باسل",
    "هالة",
    "وسيم",
    "دعاء",
    "نزار",
    "سهى",
    "ماهر",
    "رغد",
    "كنان",
    "لمى",
    "غسان",
    "ريم",
]
_FATHER = ["يحيى", "جمال", "مروان", "عادل", "رياض", "فؤاد", "منذر", "ضياء", "نبيل", "حسام"]
_GRAND = ["سليم", "كامل", "توفيق", "نعيم", "شاكر", "راغب", "وديع"]
_FAMILY = [
    "الزعتري",
    "البيطار",
    "الكحال",
    "الصواف",
    "الحمصي",
    "الشربجي",
    "الدقاق",
    "الملاح",
    "القباني",
    "الطباع",
]


def _people(n: int, seed: int) -> list[tuple[str, str, int]]:
    """``n`` invented people, each given+father+family once: (name, sex, age)."""
    rng = random.Random(seed)
    combos = list(itertools.product(_GIVEN, _FATHER, _FAMILY))
    rng.shuffle(combos)
    return [
        (f"{g} {f} {rng.choice(_GRAND)} {fam}", rng.choice("mf"), rng.randint(1, 80))
        for g, f, fam in combos[:n]
    ]


def _records(list_name: str, start: int, rows: list[tuple[str, str, int]]) -> list[PersonRecord]:
    return [
        PersonRecord(id=start + i, list_name=list_name, record_id=str(i), name_ar=name, sex=sex, age=age)
        for i, (name, sex, age) in enumerate(rows)
    ]


def _two_releases(*, planted: bool, homonyms: int = 0) -> tuple[list[PersonRecord], list[int]]:
    """An older and a newer release of one list of 320 people; the newer adds 80 more.

    ``planted``: the older release wrote -1 ("unknown") for the age of 40 people whose age
    the newer gives as 20 (a placeholder turned into a value: a systematic offset of 21
    years for part of the list). ``homonyms``: that many people of the newer release
    share a whole name with someone of the older one but are other people (other ages).
    Returns the records and the ids (older release) of the planted people.
    """
    people = _people(480, seed=5)
    old_rows, new_rows, planted_ids = [], [], []
    for i, (name, sex, age) in enumerate(people[:320]):
        if planted and i % 8 == 0:
            old_rows.append((name, sex, -1))
            new_rows.append((name, sex, 20))
            planted_ids.append(1 + i)
        else:
            old_rows.append((name, sex, age))
            new_rows.append((name, sex, age + (i % 2)))
    new_rows += [(name, sex, age) for name, sex, age in people[320:400]]
    for j in range(homonyms):  # the old list's last people: a namesake in the new list, 30-50 years apart
        name, sex, age = old_rows[319 - j]
        old_rows[319 - j] = (people[400 + j][0], sex, age)  # the old person's own name: unique
        new_rows[319 - j] = (people[400 + j][0], sex, age)
        new_rows.append((name, sex, age + 30 + j % 20))
        old_rows.append((name, sex, age))
    return _records("older", 1, old_rows) + _records("newer", 1001, new_rows), planted_ids


def _together(result: LinkResult, a: int, b: int) -> bool:
    return any(a in c and b in c for c in result.clusters)


def test_a_planted_age_offset_is_found_with_its_age_range():
    records, _ = _two_releases(planted=True)
    (offset,) = age_offsets(record_features(records))
    assert (offset.list_name, offset.other_list, offset.years) == ("newer", "older", 21)
    assert (offset.ages_from, offset.ages_to) == (20, 20)
    assert offset.pairs == 40


def test_shifted_age_is_set_only_inside_the_offset_range():
    records, _ = _two_releases(planted=True)
    feats = record_features(records)
    shifted = add_age_shifted(feats, age_offsets(feats)).set_index("unique_id")["age_shifted"]
    ages = feats.set_index("unique_id")["age"]
    newer = feats.set_index("unique_id")["source_dataset"] == "newer"
    assert (shifted[newer & (ages == 20)] == -1).all()
    assert shifted[~(newer & (ages == 20))].isna().all()


def test_people_whose_age_was_a_placeholder_link_across_the_offset():
    records, planted = _two_releases(planted=True)
    res = link_records(records)
    assert len(res.age_offsets) == 1
    linked = sum(_together(res, i, 1000 + i) for i in planted)
    assert linked == len(planted)


def test_no_offset_is_found_without_one_and_homonyms_with_other_ages_stay_apart():
    records, _ = _two_releases(planted=False, homonyms=12)
    assert age_offsets(record_features(records)) == []
    res = link_records(records)
    assert res.age_offsets == ()
    # the older list's homonyms (ids 321-332) never join the newer list's namesakes
    newer_homonyms = range(1001 + 400, 1001 + 412)
    assert not any(_together(res, 321 + j, h) for j in range(12) for h in newer_homonyms)
    # while the people themselves (renamed, unique) still link
    assert all(_together(res, 320 - j, 1000 + 320 - j) for j in range(12))


def _pairs(rows: list[tuple[int, int, float, float]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["unique_id_l", "unique_id_r", "match_probability", "mw_name"])
    df["match_weight"] = df["mw_name"] - 14
    return df


def test_a_record_with_two_equally_good_candidates_links_to_neither():
    # record 1 (list a) has two candidates in list b with the same strong evidence
    lists = {1: "a", 2: "a", 10: "b", 11: "b", 12: "b"}
    df = _pairs([(1, 10, 0.99, 20.0), (1, 11, 0.99, 20.0), (2, 12, 0.99, 20.0)])
    p, _ = one_to_one(df, lists, {"a": 100, "b": 100})
    assert p.iloc[0] <= 0.5 and p.iloc[1] <= 0.5
    assert p.iloc[2] > 0.99


def test_a_lone_candidate_is_surer_when_most_of_the_list_is_in_the_other():
    lists = {i: "a" for i in range(100)} | {1000 + i: "b" for i in range(100)}
    # 95 strong links, and one weaker pair (model probability 0.8) with no competitor
    rows = [(i, 1000 + i, 0.999, 24.0) for i in range(95)] + [(99, 1099, 0.8, 16.0)]
    p, lift = one_to_one(_pairs(rows), lists, {"a": 100, "b": 100})
    assert p.iloc[-1] > 0.9 and lift.iloc[-1] > 0


def test_a_dedup_lists_links_do_not_depend_on_the_models_prior_constant():
    # One list of 1,000 records, 400 of them in 200 duplicate pairs. The model's prior comes from
    # the exact-name rule at an assumed recall (0.8); on a list whose duplicates are mostly spelled
    # apart it is too low. The revision takes the data's, pi / (N - 1), as one_to_one does between
    # two lists: the same Bayes factors give the same probabilities whatever the model's prior.
    n, bits = 1000, [20.0] * 200 + [12.0]
    out = []
    for prior in (1e-6, 1e-5):
        odds = [prior / (1 - prior) * 2**b for b in bits]
        rows = [(2 * i, 2 * i + 1, o / (1 + o), b) for i, (o, b) in enumerate(zip(odds, bits, strict=True))]
        p, _ = one_per_person(_pairs(rows), n)
        out.append(p.to_numpy())
    assert (out[0] == out[1]).all()
    assert (out[0][:200] > 0.9).all()  # 20 bits in a list of 1,000 with 40% in a pair: linked
    pi = 400 / n  # the records in a pair scored 0.5 or more, under either prior
    w = pi / (n - 1) * 2**12.0  # the weak pair, no rival
    assert out[0][200] == pytest.approx(w / ((1 - pi) + w))


def _frame(rows: list[tuple[str, str, str | None, str | None, str]]) -> pd.DataFrame:
    """A feature table from (list, given, father, grandfather, family) rows."""
    out = []
    for i, (lst, g, f, gf, fam) in enumerate(rows):
        parts = [p for p in (g, f, gf, fam) if p]
        out.append({"unique_id": i, "source_dataset": lst, "g": g, "f": f, "gf": gf, "fam": fam,
                    "key": "".join(parts), "tokens": sorted(set(parts))})  # fmt: skip
    return pd.DataFrame(out)


def _tf(table: pd.DataFrame, feats: pd.DataFrame, uid: int) -> float:
    key_id = feats.set_index("unique_id").loc[uid, "key_id"]
    return float(table.set_index("key_id").loc[key_id, "tf_key_id"])


def test_a_whole_name_only_the_compared_pair_holds_is_rarer_than_its_count_says():
    # 200 records: one four-part name held once in each list, the rest other people
    rows = [("a", "سامر", "يحيى", "سليم", "الزعتري"), ("b", "سامر", "يحيى", "سليم", "الزعتري")]
    rows += [("a" if i % 2 else "b", f"ن{i}", f"ف{i}", f"ج{i}", f"ع{i}") for i in range(198)]
    feats, table = name_frequencies(_frame(rows))
    # splink's own count says 2 in 200; the pair's own records are not other people, and in
    # this list names are seldom shared: what its parts predict is the floor
    assert _tf(table, feats, 0) == pytest.approx((2 / 200) * (2 / 200))
    assert _tf(table, feats, 0) < 2 / 200


def test_an_unshared_name_in_a_list_whose_names_are_seldom_shared_is_rarer_than_half_a_holder():
    # 1,000 records, 50 names held twice (duplicates or namesakes), the rest once: a record's
    # name has 0.1 other holders on average, so a name nobody else holds is not given half a
    # holder (Jeffreys), which made every such duplicate's name evidence 5 times too weak
    rows = [("a", f"س{i}", f"ي{i}", f"ل{i}", f"ز{i}") for i in range(50)] * 2
    rows += [("a", f"ن{i}", f"ف{i}", f"ج{i}", f"ع{i}") for i in range(900)]
    frame = _with_skeletons(_frame(rows))
    feats, table = name_frequencies(frame)
    near_feats, near_table = near_frequencies(frame)
    h = (100 + 0.5) / 1000  # other holders per record, half a holder added over the list
    assert _tf(table, feats, 0) == pytest.approx(h / 1000)
    assert _near(near_table, near_feats, 0) == pytest.approx((1 + h) / 1000)


def test_where_most_names_are_shared_an_unshared_name_keeps_half_a_holder():
    # two releases of one list: most names are held in both, so the list's mean is above a half
    rows = [(lst, f"س{i}", f"ي{i}", f"ل{i}", f"ز{i}") for i in range(80) for lst in ("a", "b")]
    rows += [("a", "سامر", "يحيى", "سليم", "الزعتري"), ("b", "سامر", "يحيى", "سليم", "الزعتري")]
    rows += [("a", f"ن{i}", f"ف{i}", f"ج{i}", f"ع{i}") for i in range(38)]
    feats, table = name_frequencies(_frame(rows))
    assert _tf(table, feats, 160) == 0.5 / 200


def test_a_name_other_people_hold_keeps_most_of_its_count():
    rows = [("a", "سامر", "يحيى", "سليم", "الزعتري")] * 2 + [("b", "سامر", "يحيى", "سليم", "الزعتري")] * 2
    rows += [("a", f"ن{i}", f"ف{i}", f"ج{i}", f"ع{i}") for i in range(96)]
    feats, table = name_frequencies(_frame(rows))
    h = (4 * 3 + 0.5) / 100  # the list's other holders per record, half a holder added
    assert _tf(table, feats, 0) == pytest.approx((4 - 2 + h) / 100)


def test_a_two_part_name_keeps_its_own_count():
    rows = [("a", "سامر", None, None, "الزعتري"), ("b", "سامر", None, None, "الزعتري")]
    rows += [("a", f"ن{i}", f"ف{i}", f"ج{i}", f"ع{i}") for i in range(98)]
    feats, table = name_frequencies(_frame(rows))
    assert _tf(table, feats, 0) == 2 / 100


def test_a_common_given_name_in_a_large_lineage_is_not_taken_as_rare():
    # the name is held once in each list, but its given name by 30 of 100 records and its
    # lineage (father, grandfather, family) by 40: together they predict 12 holders
    lineage = ("يحيى", "سليم", "الزعتري")
    rows = [("a", "سامر", *lineage), ("b", "سامر", *lineage)]
    rows += [("a" if i % 2 else "b", f"ن{i}", *lineage) for i in range(38)]
    rows += [("a", "سامر", f"ف{i}", f"ج{i}", f"ع{i}") for i in range(28)]
    rows += [("b", f"م{i}", f"ف{i}", f"ج{i}", f"ع{i}") for i in range(32)]
    feats, table = name_frequencies(_frame(rows))
    assert _tf(table, feats, 0) == 2 / 100  # its own count: nothing rarer


def _near(table: pd.DataFrame, feats: pd.DataFrame, uid: int) -> float:
    near_id = feats.set_index("unique_id").loc[uid, "near_id"]
    return float(table.set_index("near_id").loc[near_id, "tf_near_id"])


def _with_skeletons(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(sk_key=frame["key"])  # distinct names, distinct skeletons here


def test_a_name_whose_given_father_and_family_many_others_hold_is_not_near_rare():
    # محمد محمد X المصري against محمد محمد Y المصري: the whole name is held once, but the
    # given, father's and family name by 20 people with other grandfathers. A near pair of
    # it (the grandfather dropped or damaged) is no evidence of one person among those 20.
    rows = [("a", "سامر", "يحيى", f"ج{i}", "الزعتري") for i in range(20)]
    rows += [("b", f"ن{i}", f"ف{i}", f"ج{i}", f"ع{i}") for i in range(80)]
    frame = _with_skeletons(_frame(rows))
    feats, table = name_frequencies(frame)
    near_feats, near_table = near_frequencies(frame)
    # the exact name: nobody else holds it, nor any name of this list; its parts' floor holds
    assert _tf(table, feats, 0) == pytest.approx((20 / 100) * (1 / 100))
    assert _near(near_table, near_feats, 0) == pytest.approx((20 - 2 + 0.5 / 100) / 100)


def test_a_damaged_duplicate_of_a_name_one_other_person_holds_counts_that_person():
    # the clean name is held by two people; a damaged copy of one of them (the pair compared)
    # leaves one other holder: c - 1, not the exact level's c - 2
    rows = [("a", "سامر", "يحيى", "سليم", "الزعتري")] * 2 + [("a", "سامر", "يحيى", "سليم", "الزعتريي")]
    rows += [("a", f"ن{i}", f"ف{i}", f"ج{i}", f"ع{i}") for i in range(97)]
    frame = _frame(rows)
    frame = frame.assign(sk_key=frame["key"].str.rstrip("ي"))  # the damage keeps the skeleton
    near_feats, near_table = near_frequencies(frame)
    h = (2 * 1 + 0.5) / 100  # the clean name's two holders are the list's only shared name
    assert _near(near_table, near_feats, 0) == pytest.approx((3 - 2 + h) / 100)


def _releases_with_unknown_ages() -> tuple[list[PersonRecord], set[int]]:
    """40 people of the older release have no age ("unknown"); the newer gives it. Their
    four-part names are held once in each list: the name alone must carry the link."""
    people = _people(400, seed=9)
    old_rows = [(n, s, a) for n, s, a in people[:320]]
    new_rows = [(n, s, a + (i % 2)) for i, (n, s, a) in enumerate(people[:320])] + people[320:]
    records = _records("older", 1, old_rows) + _records("newer", 1001, new_rows)
    no_age = set(range(1, 321, 8))
    return [r.model_copy(update={"age": None}) if r.id in no_age else r for r in records], no_age


def test_a_rare_four_part_name_links_automatically_when_one_list_lacks_the_age():
    records, no_age = _releases_with_unknown_ages()
    res = link_records(records)
    decisions = {(p.a, p.b): p.decision for p in res.pairs}
    assert all(decisions.get((i, 1000 + i)) == "match" for i in no_age)
    assert all(_together(res, i, 1000 + i) for i in no_age)


@pytest.mark.slow
def test_the_trained_model_with_name_frequencies_gives_the_same_persons_on_spark(spark):
    # 720 records: above the size where u, EM and the whole-name frequency table are used,
    # so the lookup registered on every linker must work on Spark as on DuckDB
    records, no_age = _releases_with_unknown_ages()
    on_spark = link_records(records, backend="spark", spark=spark)
    assert on_spark.clusters == link_records(records).clusters
    assert all(_together(on_spark, i, 1000 + i) for i in no_age)
