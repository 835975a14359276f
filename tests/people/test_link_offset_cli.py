"""`people link` reports a systematic age offset it found between two imported lists."""

from __future__ import annotations

import csv
import itertools
import random
from pathlib import Path

_GIVEN = ["سامر", "رنا", "باسل", "هالة", "وسيم", "دعاء", "نزار", "سهى", "ماهر", "رغد", "كنان", "لمى"]
_FATHER = ["يحيى", "جمال", "مروان", "عادل", "رياض", "فؤاد", "منذر", "ضياء", "نبيل", "حسام"]
_GRAND = ["سليم", "كامل", "توفيق", "نعيم", "شاكر", "راغب", "وديع"]
_FAMILY = ["الزعتري", "البيطار", "الكحال", "الصواف", "الحمصي", "الشربجي", "الدقاق", "الملاح", "القباني"]


def _write(path: Path, rows: list[tuple[str, str, str, int]]) -> str:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["record_id", "name_ar", "sex", "age"])
        w.writerows(rows)
    return str(path)


def test_link_reports_the_age_offset_between_two_releases(cli, cli_json, workspace, tmp_path):
    # Invented people. The older release wrote every eighth person's age 21 years too low
    # (a wrong reference year for one batch of entries): an offset for part of the list.
    rng = random.Random(3)
    combos = list(itertools.product(_GIVEN, _FATHER, _FAMILY))
    rng.shuffle(combos)
    older, newer = [], []
    for i, (g, f, fam) in enumerate(combos[:300]):
        name, sex, age = f"{g} {f} {rng.choice(_GRAND)} {fam}", rng.choice("mf"), rng.randint(25, 80)
        older.append((f"o{i}", name, sex, age - 21 if i % 8 == 0 else age))
        newer.append((f"n{i}", name, sex, age))
    for name in ("older", "newer"):
        rows = older if name == "older" else newer
        cli(workspace, "people", "import", _write(tmp_path / f"{name}.csv", rows), "--list", name, "--yes")
    summary = cli_json(workspace, "people", "link")
    (offset,) = summary["age_offsets"]
    assert {offset["list_name"], offset["other_list"]} == {"older", "newer"}
    assert abs(offset["years"]) == 21 and offset["pairs"] >= 30
    persons = cli_json(workspace, "people", "persons")
    both = [p for p in persons if sorted(r["list"] for r in p["records"]) == ["newer", "older"]]
    assert len(both) == 300  # the people with a shifted age linked too
    assert "age offset" in cli(workspace, "people", "link").stdout
