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


@pytest.fixture(scope="module")
def spark():
    """A local one-core Spark session with splink's similarity functions (skips without pyspark)."""
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    session = (
        SparkSession.builder.master("local[1]")
        .config("spark.jars", similarity_jar_location())  # splink's Jaro-Winkler UDFs
        .appName("tawthiq-linkage-test")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    yield session
    session.stop()
