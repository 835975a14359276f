"""`people link`: a record with two candidates that fit it equally well goes to review, not to
whichever the clustering meets first (docs/linkage.md, "One partner per record").

Every name here is invented. The trap: list "hospital" holds one man, Imad Nabil Ghassan
al-Fawwal, 40; list "register" holds two different men written exactly so (two people of one
name and age: the register is free of duplicates, so they are two people). Nothing tells which
of the two the hospital's record is.
"""

from __future__ import annotations

import csv
import itertools
import random
from pathlib import Path

import pytest

_GIVEN = ["سامر", "باسل", "وسيم", "نزار", "ماهر", "كنان", "طارق", "أيهم", "زياد", "مهند", "رامي", "حازم"]
_FATHER = ["يحيى", "جمال", "مروان", "عادل", "رياض", "فؤاد", "منذر", "ضياء", "نبيل", "حسام"]
_GRAND = ["سليم", "كامل", "توفيق", "نعيم", "شاكر", "راغب", "وديع"]
_FAMILY = ["الزعتري", "البيطار", "الكحال", "الصواف", "الحمصي", "الشربجي", "الدقاق", "الملاح", "القباني"]
_TWIN = ("عماد نبيل غسان الفوال", "m", 40)  # nobody else has a name near it


def _write(path: Path, rows: list[tuple[str, str, str, int]]) -> str:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["record_id", "name_ar", "sex", "age"])
        w.writerows(rows)
    return str(path)


def _people(n: int) -> list[tuple[str, str, int]]:
    rng = random.Random(11)
    combos = list(itertools.product(_GIVEN, _FATHER, _GRAND, _FAMILY))
    rng.shuffle(combos)
    return [(" ".join(c), rng.choice("mf"), rng.randint(18, 85)) for c in combos[:n]]


# 12 people: the shipped prior model (below 500 records); 300: a trained model and the
# one-to-one revision (602 + 302 records).
@pytest.mark.parametrize("n_people", [12, 300], ids=["small-lists", "trained-model"])
def test_a_record_with_two_equally_good_candidates_goes_to_review_not_a_coin_toss(
    cli, cli_json, workspace, tmp_path, n_people
):
    people = _people(n_people)
    hospital = [(f"h{i}", *p) for i, p in enumerate([*people, _TWIN])]
    register = [(f"r{i}", *p) for i, p in enumerate([*people, _TWIN, _TWIN])]
    cli(workspace, "people", "import", _write(tmp_path / "h.csv", hospital), "--list", "hospital", "--yes")
    cli(workspace, "people", "import", _write(tmp_path / "r.csv", register), "--list", "register", "--yes")

    summary = cli_json(workspace, "people", "link")

    persons = cli_json(workspace, "people", "persons")
    where = {(r["list"], r["record_id"]): p for p in persons for r in p["records"]}
    twin_h = f"h{n_people}"
    twins_r = {f"r{n_people}", f"r{n_people + 1}"}
    # not linked automatically to either of its two candidates
    assert [r["record_id"] for r in where[("hospital", twin_h)]["records"]] == [twin_h]
    assert all(len(where[("register", r)]["records"]) == 1 for r in twins_r)
    # both pairs wait in the review queue, each at most a half
    queue = cli_json(workspace, "people", "review")
    twin_pairs = [q for q in queue if twin_h in (q["a"]["record_id"], q["b"]["record_id"])]
    assert {(q[s]["list"], q[s]["record_id"]) for q in twin_pairs for s in "ab"} == {
        ("hospital", twin_h),
        *(("register", r) for r in twins_r),
    }
    assert len(twin_pairs) == 2 and all(q["probability"] <= 0.5 for q in twin_pairs)
    assert summary["review"] >= 2
    # everyone else, one candidate each, linked as before
    others = [p for p in persons if {r["list"] for r in p["records"]} == {"hospital", "register"}]
    assert len(others) == n_people
