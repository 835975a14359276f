"""An Arabic place is named without diacritics or tatweel (issue 16, display): "مدينةِ حلـــب" is
shown as "مدينة حلب" in claim and incident tables, and the claim's quote keeps the text as written.
Sentences generated from templates in our own words; none is copied from a report."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tawthiq.extract import extract_claims
from tawthiq.text.arabic import without_marks

PUBLISHED = date(2019, 5, 12)
# (as a report may write it, as a table shows it, known to the gazetteer)
NAMES = [
    ("مدينةِ حلـــب", "مدينة حلب", True),
    ("مدينة سراقـــب", "مدينة سراقب", True),
    ("حيِّ الشَّعار", "حي الشعار", False),  # a quarter of Aleppo: known only with the city named
    ("بلدةِ كفرزيتـــا", "بلدة كفرزيتا", True),
    ("قريةِ تلّ الورديـة", "قرية تل الوردية", False),
]
MARKS = ["", "\u200f"]  # a right-to-left mark pasted from a web page, too


@pytest.mark.parametrize(("name", "mark"), list(product(NAMES, MARKS)))
def test_a_place_is_named_without_marks_and_the_quote_keeps_them(name, mark):
    written, shown, known = name
    text = f"قُتل 12 مدنياً في قصفٍ على {mark}{written} يوم الأحد."
    (claim,) = extract_claims(text, PUBLISHED)
    names = [p.name for p in claim.places]
    assert shown in names
    assert written in claim.quote
    if known:
        assert claim.places[names.index(shown)].place_id is not None


def test_without_marks_keeps_every_letter():
    assert without_marks("مدينةِ حلـــب") == "مدينة حلب"
    assert without_marks("أَمْس إِلى مؤسسة") == "أمس إلى مؤسسة"  # hamzas and ta marbuta as written
