"""The fast feature code gives exactly the table of the per-record reference implementation.

Every name here is invented or a random combination of invented parts.
"""

from __future__ import annotations

import random
from datetime import date

import pandas as pd

from tawthiq.entities import PersonRecord
from tawthiq.people._link_features import FEATURE_COLUMNS, record_features

from ._reference_features import reference_record_features

_GIVEN = ["سامر", "رنا", "عبد الله", "عبدالرحمن", "ابو بكر", "علاء", "نور الدين", "آمنة", "إسراء", "ضحى"]
_FATHER = ["يحيى", "جمال", "عبد الكريم", "فتح الله", "عادل", "مصطفى", "لؤي", "صلاح الدين"]
_GRAND = ["سليم", "كامل", "عبدالله", "توفيق", "شاكر", "خليل"]
_FAMILY = ["الزعتري", "البيطار", "ابو شمالة", "الكحال", "أبو عيشة", "الشربجي", "السلاوي"]
_LATIN = ["Mohammed Abdul Karim", "Muhammad Abd el-Rahman", "Ahmad Al Masri", "Sara O'Neil", "Yousef el Hajj"]


def _damage(name: str, rng: random.Random) -> str:
    k = rng.random()
    if k < 0.15:
        return name.replace("لا", "ال").replace("الله", "هللا")  # reversed ligatures
    if k < 0.3:
        parts = name.split()
        i = rng.randrange(len(parts))
        if len(parts[i]) > 3:  # a word split by the extractor
            parts[i : i + 1] = [parts[i][:2], parts[i][2:]]
        return " ".join(parts)
    if k < 0.4:
        return name + " ن"  # stray glyph
    if k < 0.5:
        return name.replace(" ", "", 1)  # joined words
    if k < 0.6:
        return "ـ" + name.replace("ا", "اَ", 1) + "،"  # tatweel, tashkeel, punctuation
    if k < 0.65:
        return "ﻻ" + name  # presentation-form ligature
    return name


def _fixture(n: int = 3000) -> list[PersonRecord]:
    rng = random.Random(5)
    out = []
    for i in range(n):
        kind = rng.random()
        parts = [rng.choice(_GIVEN), rng.choice(_FATHER), rng.choice(_GRAND), rng.choice(_FAMILY)]
        fields: dict = {}
        if kind < 0.55:
            k = rng.choice((1, 2, 3, 4, 4, 4))
            fields["name_ar"] = _damage(" ".join(parts[:k]), rng)
            if rng.random() < 0.3:
                fields["name_latin"] = rng.choice(_LATIN)
        elif kind < 0.65:
            fields["name_latin"] = rng.choice(_LATIN) + rng.choice(("", " Jr.", "-Smith"))
        elif kind < 0.75:  # Arabic part columns, some empty
            for f, v in zip(
                ("given_name", "father_name", "grandfather_name", "family_name"), parts, strict=True
            ):
                if rng.random() < 0.8:
                    fields[f] = v
        elif kind < 0.82:  # Latin part columns
            fields["given_name"] = rng.choice(("Mohamed", "Ahmed", "Sara", "")) or None
            fields["family_name"] = rng.choice(("El-Masri", "Abu Shamala", "O'Neil", None))
        elif kind < 0.87:  # a Latin name in the Arabic field, or nothing at all
            fields["name_ar"] = rng.choice((None, "Ahmad Hassan", "  ", "123", "ـ", "ن", "، ،", "ن ي"))
        elif kind < 0.93:  # Arabic full name beside part columns
            fields["name_ar"] = " ".join(parts)
            fields["given_name"] = parts[0]
        else:  # the same name again (distinct-name cache)
            fields["name_ar"] = "عبد الله يحيى سليم الزعتري"
        out.append(
            PersonRecord(
                id=i + 1,
                list_name=rng.choice(("A", "B", "C")),
                record_id=str(i),
                sex=rng.choice(("m", "f", None)),
                age=rng.choice((None, rng.randint(0, 90))),
                birth_date=rng.choice((None, date(1950 + i % 60, 1 + i % 12, 1 + i % 28))),
                event_date=rng.choice((None, date(2024, 1 + i % 12, 1 + i % 28))),
                place=rng.choice((None, "خان يونس", "Khan Younis", "دير البلح، الوسطى", "-", "")) or None,
                national_id=rng.choice((None, "", f"9{i:08d}", f"٩{i % 97:03d}-12 A", "--")) or None,
                address=rng.choice((None, "12 Main St.", "شارع الجلاء ١٢", "Flat 3, 12 main street", ""))
                or None,
                **fields,
            )
        )
    return out


def test_fast_features_equal_the_reference_table_on_varied_names():
    records = _fixture()
    new = record_features(records)
    old = reference_record_features(records)
    assert list(new.columns) == list(FEATURE_COLUMNS)
    pd.testing.assert_frame_equal(new, old, check_dtype=True)


def test_features_of_an_empty_input_have_every_column():
    new = record_features([])
    assert list(new.columns) == list(FEATURE_COLUMNS)
    assert len(new) == 0


def test_scored_rows_become_pairs_with_tf_folded_weights_and_same_list_pairs_dropped():
    from tawthiq.people._link_engine import _to_pairs
    from tawthiq.people._link_types import LinkedPair

    feats = pd.DataFrame({"unique_id": [1, 2, 3, 4], "source_dataset": ["A", "A", "B", "D"]})
    df = pd.DataFrame(
        {
            "unique_id_l": [3, 1, 1, 4],
            "unique_id_r": [1, 2, 4, 4 - 2],
            "match_probability": [0.95, 0.99, 0.6, 0.7],
            "match_weight": [10.0, 12.0, 1.5, 2.0],
            "mw_name": [8.12345, 9.0, float("-inf"), None],
            "mw_tf_adj_name": [-1.00049, 0.0, 2.5, float("nan")],
            "mw_age": [2.0004, 1.0, -3.0, 4.0],
        }
    )
    pairs = _to_pairs(df, feats, frozenset({"D"}), match_threshold=0.9)
    # (1, 2) is inside list A, not named as holding duplicates: dropped.
    assert [(p.a, p.b) for p in pairs] == [(1, 3), (1, 4), (2, 4)]
    assert pairs[0].weights == {"name": round(round(8.12345, 3) - 1.00049, 3), "age": 2.0}
    assert pairs[1].weights == {"name": 2.5, "age": -3.0}  # -inf dropped, tf kept
    assert pairs[2].weights == {"age": 4.0}
    assert [p.decision for p in pairs] == ["match", "review", "review"]
    for p in pairs:  # valid entities although built without validation
        assert LinkedPair.model_validate(p.model_dump()) == p


def test_fast_clustering_gives_the_reference_persons_with_list_constraints_and_cannot_links():
    from tawthiq.people._link_cluster import cluster_pairs

    from ._reference_features import reference_cluster_pairs

    rng = random.Random(3)
    for trial in range(30):
        n = rng.randint(1, 300)
        ids = {i: rng.choice(("A", "B", "C", "D")) for i in rng.sample(range(1, 5 * n), n)}
        keys = list(ids)
        scored = [
            (rng.choice(keys), rng.choice(keys), rng.choice((0.95, 0.9, 0.7, rng.random())))
            for _ in range(rng.randint(0, 4 * n))
        ]
        scored += [(rng.choice(keys), 10**6 + 1, 0.99)]  # an id outside the records
        cannot = [(rng.choice(keys), rng.choice(keys)) for _ in range(rng.randint(0, n // 5))]
        dedupe = {"A", "D"} if trial % 2 else set()
        threshold = rng.choice((0.5, 0.9))
        new = cluster_pairs(ids, scored, threshold=threshold, dedupe_lists=dedupe, cannot_link=cannot)
        old = reference_cluster_pairs(
            ids, scored, threshold=threshold, dedupe_lists=dedupe, cannot_link=cannot
        )
        assert new == old
