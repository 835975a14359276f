"""A toll told as the number of those who died, by a relative clause (issue 16): "وصل عدد الأشخاص
الذين قضوا … إلى 118"، "ارتفع عدد الذين استشهدوا … إلى 20" is a toll as "ارتفع عدد القتلى … إلى 20" is.
Every sentence is generated from a template in our own words; none is copied from a report."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tawthiq.extract import extract_claims

PUBLISHED = date(2019, 5, 12)
RISE = ["ارتفع", "وصل", "ليرتفع"]
WHO = [
    "الذين قضوا",
    "الذين استشهدوا",
    "الذين قتلوا",
    "الأشخاص الذين قضوا",
    "المدنيين الذين سقطوا",
    "من قتلوا",
]
QUALIFIED = [
    ("", 20, 20, "exact"),
    ("ما لا يقل عن ", 20, None, "at_least"),
    ("أكثر من ", 20, None, "more_than"),
]


@pytest.mark.parametrize(("rise", "who", "qual"), list(product(RISE, WHO, QUALIFIED)))
def test_the_number_of_those_who_died_is_the_toll(rise, who, qual):
    words, low, high, qualifier = qual
    text = f"و{rise} عدد {who} في الغارات على مدينة سراقب أمس إلى {words}20 مدنيا."
    (claim,) = extract_claims(text, PUBLISHED)
    assert claim.fatalities is not None
    assert (claim.fatalities.low, claim.fatalities.high, claim.fatalities.qualifier) == (low, high, qualifier)
    assert claim.injured is None


@pytest.mark.parametrize("who", ["الذين أصيبوا", "الذين جرحوا"])
def test_the_number_of_those_wounded_is_no_toll_of_the_dead(who):
    (claim,) = extract_claims(f"وارتفع عدد {who} في الغارات على مدينة سراقب أمس إلى 20 مدنيا.", PUBLISHED)
    assert claim.fatalities is None
    assert claim.injured is not None and claim.injured.low == 20


def test_deaths_under_torture_in_a_monthly_breakdown_are_a_tally_of_the_month():
    text = (
        "وثقت الشبكة السورية لحقوق الإنسان مقتل 900 شخص في مختلف أنحاء سوريا خلال شهر أيلول الماضي.\n"
        "في حين وصل عدد الأشخاص الذين قضوا تحت التعذيب في السجون إلى ما لا يقل عن 40 شخصا."
    )
    claims = extract_claims(text, PUBLISHED)
    torture = [c for c in claims if c.fatalities and c.fatalities.low == 40]
    assert len(torture) == 1
    assert torture[0].fatalities.qualifier == "at_least"
    assert [p.place_id for p in torture[0].places] == ["SY"]
