"""Counts and days that are not what they look like: date stamps, clock times, sub-counts before the verb.

Sentences are our own, written for each class (docs/extraction.md, "Round v2"); none is from a report.
"""

from __future__ import annotations

from datetime import date

from tawthiq.extract import extract_claims
from tawthiq.extract._numbers import find_numbers
from tawthiq.extract._tolls import find_tolls


def test_an_iso_date_stamp_or_a_clock_time_is_never_a_count():
    fat, _ = find_tolls("date 2022-04-03 The bodies of at least 20 people were found on a road.")
    assert fat is not None and fat.low == 20
    values = [h.count.low for h in find_numbers("At 15:20 two men were killed.")]
    assert values == [2]


def test_a_subcount_standing_before_the_verb_leaves_the_toll():
    fat, _ = find_tolls("Up to 30 civilians including women and children died in the raid.")
    assert fat is not None and fat.high == 30 and fat.qualifier == "up_to"
    fat, _ = find_tolls("Nine people including two nurses were killed in the strike.")
    assert fat is not None and fat.low == 9
    # a sub-count with no verb of its own is still only a part
    assert find_tolls("400 people evacuated, including dozens of wounded.") == (None, None)


def test_a_page_date_stamp_before_the_lede_is_not_the_day_of_the_event():
    text = (
        "Guards die in clinic raid\n\n"
        " date 2024-06-10 Gunmen stormed the main clinic in Kafr Nabl on Saturday, killing two guards.\n"
    )
    claims = extract_claims(text, date(2024, 6, 10))
    lede = [c for c in claims if "Gunmen" in c.quote]
    assert lede and lede[0].time.start == date(2024, 6, 8)
    assert lede[0].quote.startswith("Gunmen")  # the quote starts after the stamp
