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
