"""A toll "throughout" an area is told in that area (issue 16, places): "في مختلف أنحاء سوريا"،
"في جميع أرجاء محافظة إدلب"، "في عموم سوريا" name Syria and Idlib as "في سوريا" does. Before, the
word of extent stood between the preposition and the name, the gazetteer found no place, and a
monthly report's whole breakdown had none. Every sentence is generated from a template in our own
words; none is copied from a report."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tawthiq.extract import extract_claims

PUBLISHED = date(2019, 10, 2)
EXTENT = ["أنحاء", "مختلف أنحاء", "جميع أنحاء", "كافة أنحاء", "أرجاء", "جميع أرجاء", "عموم"]
# (as written, the gazetteer id, the claim's kind)
AREAS = [("سوريا", "SY", "tally"), ("سورية", "SY", "tally"), ("محافظة إدلب", "SY07", None)]


@pytest.mark.parametrize(("extent", "area"), list(product(EXTENT, AREAS)))
def test_a_toll_throughout_an_area_is_placed_in_the_area(extent, area):
    name, pid, kind = area
    text = f"وثقت الشبكة السورية لحقوق الإنسان مقتل 240 مدنيا في {extent} {name} خلال شهر أيلول الماضي."
    (claim,) = extract_claims(text, PUBLISHED)
    assert [p.place_id for p in claim.places] == [pid]
    if kind:
        assert claim.kind == kind


def test_the_breakdown_of_a_monthly_toll_throughout_the_country_keeps_the_country():
    text = (
        "أعلنت الشبكة السورية لحقوق الإنسان أنها وثقت مقتل 900 شخص "
        "في مختلف أنحاء سوريا خلال شهر أيلول الماضي.\n"
        "وقالت الشبكة في تقريرها إن قوات النظام قتلت نحو 600 مدني، بينهم 90 طفلا.\n"
        "وذكرت الشبكة أنها وثقت أكثر من 40 حالة قتل لم تتمكن من تحديد الجهة المسؤولة عنها."
    )
    claims = extract_claims(text, PUBLISHED)
    assert [c.fatalities.low for c in claims if c.fatalities] == [900, 600, 40]
    for c in claims:
        assert [p.place_id for p in c.places] == ["SY"]
        assert c.kind == "tally"
        assert c.attributed_to == "Syrian Network for Human Rights"
