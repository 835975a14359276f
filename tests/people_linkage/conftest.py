"""Small invented lists for the linkage tests: every name here is made up."""

from __future__ import annotations

import itertools

import pytest

from tawthiq.entities import PersonRecord


def make(list_name: str, start: int, rows: list[tuple]) -> list[PersonRecord]:
    """Rows are (name_ar, name_latin, sex, age)."""
    return [
        PersonRecord(
            id=start + i,
            list_name=list_name,
            record_id=f"{list_name}-{i}",
            name_ar=ar,
            name_latin=la,
            sex=sex,
            age=age,
        )
        for i, (ar, la, sex, age) in enumerate(rows)
    ]


_GIVEN = ["سامر", "رنا", "باسل", "هالة", "وسيم", "دعاء", "نزار", "سهى", "ماهر", "رغد", "كنان", "لمى"]
_FATHER = ["يحيى", "جمال", "مروان", "عادل", "رياض", "فؤاد", "منذر", "ضياء"]
_GRAND = ["سليم", "كامل", "توفيق", "نعيم", "شاكر", "راغب"]
_FAMILY = ["الزعتري", "البيطار", "الكحال", "الصواف", "الحمصي", "الشربجي", "الدقاق", "الملاح", "القباني"]


@pytest.fixture
def background() -> list[tuple]:
    """Invented distinct people to give the model a population (no pair among them matches)."""
    rows = []
    for n, (g, f, gf, fam) in enumerate(itertools.product(_GIVEN, _FATHER, _GRAND, _FAMILY)):
        if n % 7:
            continue
        sex = "f" if g in ("رنا", "هالة", "دعاء", "سهى", "رغد", "لمى") else "m"
        rows.append((f"{g} {f} {gf} {fam}", None, sex, 20 + n % 50))
    return rows
