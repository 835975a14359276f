"""The dead told as torn to pieces: "أحال القصف 20 شخصا إلى أشلاء"، "تحول عشرات المدنيين إلى أشلاء" (issue 16,
session 24). The idiom stands after the counted, as "فارقوا الحياة" does; without it the count had no
role and the claim no toll (2 tune texts, 4 times; none on the measure side).

Every sentence is written for the test (invented facts).
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

_TOLD = [
    ("أحال القصف الجوي {x} إلى أشلاء في مدينة دوما أمس.", "attack."),
    ("حولت الغارات {x} إلى أشلاء في مدينة سراقب أمس.", "attack."),
    ("تحول {x} إلى أشلاء جراء الغارات على مدينة دوما أمس.", "attack."),
]
_COUNTS = [
    ("20 شخصا", (20, 20)),
    ("عشرين مدنيا", (20, 20)),
    ("٧ أشخاص", (7, 7)),
    ("أكثر من 30 مدنيا", (30, None)),
    ("المئات من المرضى والنازحين", (100, None)),
    ("عشرات المدنيين", (10, None)),
]


@pytest.mark.parametrize(("shape", "family"), _TOLD)
@pytest.mark.parametrize(("count", "toll"), _COUNTS)
def test_the_counted_torn_to_pieces_are_the_dead(shape, family, count, toll):
    (claim,) = extract_claims(shape.format(x=count), date(2018, 2, 20))
    assert claim.event_type.startswith(family)
    assert (claim.fatalities.low, claim.fatalities.high) == toll


def test_remains_gathered_are_no_count_of_the_dead():
    text = "قتل 12 مدنيا في غارة على مدينة دوما وجمع الأهالي الأشلاء أمس."
    (claim,) = extract_claims(text, date(2018, 2, 20))
    assert claim.fatalities.low == 12
