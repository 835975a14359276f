"""Arabic classes of session 21 (issue 16): one toll over a list of places named after a plural or dual
place word, and qualifiers written in less common ways. Every sentence is generated from a template in
our own words; none is copied from a report."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tawthiq.extract import extract_claims

PUBLISHED = date(2019, 5, 12)

# (the place word, the places as written, the names the claim must carry)
_LISTS = [
    ("بلدات", "حمورية وسقبا وكفربطنا", ["حمورية", "سقبا", "كفربطنا"]),
    ("قريتي", "التح وحيش", ["التح", "حيش"]),
    ("بلدات", "معرة النعمان وخان شيخون وكفرنبل", ["معرة النعمان", "خان شيخون", "كفرنبل"]),
    ("مدن", "دوما وحرستا وعربين", ["دوما", "حرستا", "عربين"]),
    ("أحياء", "الشعار والفردوس وبستان القصر", ["الشعار", "الفردوس", "بستان القصر"]),
    ("بلدات", "دير العصافير وعين ترما، وسقبا", ["دير العصافير", "عين ترما", "سقبا"]),
]
_TOLLS = [
    "قتل 15 مدنيا في غارات على {w} {p} أمس.",
    "قال الدفاع المدني إن 15 مدنيا قتلوا في قصف على {w} {p} في الغوطة الشرقية.",
    "وثق المرصد مقتل 15 مدنيا بقصف مدفعي استهدف {w} {p} أمس.",
]


@pytest.mark.parametrize(("listed", "template"), list(product(_LISTS, _TOLLS)))
def test_one_toll_over_a_list_of_places_names_every_place(listed, template):
    # a town the gazetteer lacks ("حمورية"، "سقبا") or one past the words its list rule looks back over
    # ("وكفرنبل" after "خان شيخون") was left out: a list of three gave one place, or none
    word, places, names = listed
    (claim,) = extract_claims(template.format(w=word, p=places), PUBLISHED)
    got = [p.name for p in claim.places]
    for name in names:
        assert any(g == name or g.endswith(" " + name) for g in got), (name, got)
    assert claim.fatalities is not None and claim.fatalities.low == 15


@pytest.mark.parametrize(
    "sentence",
    [
        "قتل 8 مدنيين في غارات على بلدات ريف حماة الشمالي أمس.",
        "قتل 8 مدنيين في حيي المهاجرين والزهراء، اللذين استهدفهما القصف أمس.",
        "قتل 8 مدنيين في قصف على قرى المنطقة أمس.",
    ],
)
def test_a_list_ends_where_its_names_end(sentence):
    # a region after the place word, a relative pronoun after the comma, a common noun: no place of them
    (claim,) = extract_claims(sentence, PUBLISHED)
    assert not any(w in p.name for p in claim.places for w in ("اللذين", "استهدف", "أمس", "المنطقة"))


_QUALIFIED = [
    ("{n} مدنيا على أقل تقدير", 42, None, "at_least"),
    ("{n} مدنيين على أقل تقدير", 42, None, "at_least"),
    ("ما يقل عن {n} مدنيا", None, 42, "up_to"),
    ("ما لا يقل عن {n} مدنيا", 42, None, "at_least"),
    ("{n} مدنيا، على الأقل", 42, None, "at_least"),  # set off by a comma
    # "ten-odd" is more than ten, as "نيف وعشرون" is more than twenty (it was 10 exact)
    ("بضعة عشر مدنيا", 10, None, "more_than"),
    ("بضع عشرة امرأة", 10, None, "more_than"),
]
_SAID = [
    "قتل {x} في غارات على مدينة سراقب أمس.",
    "أسفرت الغارات على مدينة سراقب أمس عن مقتل {x}.",
    "وثق المرصد مقتل {x} في غارات على مدينة سراقب أمس.",
]


@pytest.mark.parametrize(("qualified", "said"), list(product(_QUALIFIED, _SAID)))
def test_less_common_qualifiers(qualified, said):
    # "على أقل تقدير" (at the lowest estimate), "ما يقل عن" (under) and "بضعة عشر" were read as exact counts
    form, low, high, q = qualified
    (claim,) = extract_claims(said.format(x=form.format(n=42)), PUBLISHED)
    assert claim.fatalities.contract() == {"low": low, "high": high, "qualifier": q}


_REACHED = [
    ("وصل عدد القتلى جراء الغارات على مدينة سراقب إلى {n} شخصا أمس.", "killed"),
    ("ووصلت حصيلة القتلى في القصف على مدينة سراقب إلى {n} مدنيا أمس.", "killed"),
    ("ليصل عدد الشهداء بسبب الغارات على مدينة سراقب إلى {n} مواطنا.", "killed"),
    ("ووصل عدد الجرحى بسبب القصف على مدينة سراقب إلى {n} شخصا أمس.", "injured"),
]


@pytest.mark.parametrize(("template", "n"), list(product(_REACHED, [17, 42])))
def test_a_toll_that_reached_a_count_with_its_cause_between(template, n):
    # "ارتفع عدد القتلى جراء … إلى N شخصا" was read (session 20); "وصل" (reached) with its cause between
    # the noun and the count gave no toll
    sentence, role = template
    (claim,) = extract_claims(sentence.format(n=n), PUBLISHED)
    got = claim.fatalities if role == "killed" else claim.injured
    assert got is not None and got.low == n


# ------------------------------------------------------------------ two days named together
_TWO_DAYS = [  # (as written, the first and last day, published Sunday 2019-05-12)
    ("يومي السبت والأحد", date(2019, 5, 11), date(2019, 5, 12)),
    ("خلال يومي الخميس والجمعة", date(2019, 5, 9), date(2019, 5, 10)),
    ("ليلتي الأربعاء والخميس", date(2019, 5, 8), date(2019, 5, 9)),
    ("يومي الجمعة و السبت", date(2019, 5, 10), date(2019, 5, 11)),
]


@pytest.mark.parametrize(("days", "template"), list(product(_TWO_DAYS, _TOLLS[:1] + _SAID[:1])))
def test_a_toll_over_two_days_named_together_is_a_tally_of_both(days, template):
    # "يومي السبت والأحد" was dated on the first weekday alone, an incident of one day; annotation.md: a toll
    # summed over several days is a tally
    written, first, last = days
    sentence = template.replace(" أمس.", f" {written}.").format(w="بلدات", p="سقبا وحمورية", x="42 مدنيا")
    (claim,) = extract_claims(sentence, PUBLISHED)
    assert claim.kind == "tally"
    assert (claim.time.start, claim.time.end, claim.time.precision) == (first, last, "days")


def test_one_weekday_stays_one_day():
    (claim,) = extract_claims("قتل 42 مدنيا في غارات على مدينة سراقب يوم الجمعة.", PUBLISHED)
    assert claim.kind == "incident" and claim.time.start == claim.time.end == date(2019, 5, 10)
