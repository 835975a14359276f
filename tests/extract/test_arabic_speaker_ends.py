"""Where an Arabic speaker's name ends (issue 16, attribution): "that" with its pronoun ("أنها"،
"أنه") and the speaker's own document with its pronoun ("في تقريرها"، "في بيانه") are not part of the
name, so "وقالت الشبكة في تقريرها إن …" speaks for the network named before, not for a party called
"الشبكة في تقريرها"; a wire named after "وكالة أنباء" is the report's own voice. Every sentence is
generated from a template in our own words; none is copied from a report."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tawthiq.extract import extract_claims

PUBLISHED = date(2019, 5, 12)

# (named in full first, named again by its common noun, the canonical party)
BODIES = [
    ("الشبكة السورية لحقوق الإنسان", "الشبكة", "Syrian Network for Human Rights"),
    ("المرصد السوري لحقوق الإنسان", "المرصد", "Syrian Observatory for Human Rights"),
]
VERBS = ["وقالت", "وذكرت", "وأكدت", "وأوضحت"]
# what follows the speaker's noun: "that" with its pronoun, or its own document with its pronoun
AFTER = ["أنها", "أنه", "بأنها", "في تقريرها إن", "في بيانها إن", "في تقرير لها إن", "في بيانه إن"]


@pytest.mark.parametrize(("body", "verb", "after"), list(product(BODIES, VERBS, AFTER)))
def test_a_body_named_again_before_that_or_its_report_speaks_as_the_body_named_first(body, verb, after):
    full, again, canonical = body
    text = (
        f"أعلنت {full} مقتل 40 مدنيا في محافظة إدلب خلال الأسبوع الماضي.\n"
        f"{verb} {again} {after} 12 مدنيا قتلوا في قصف على مدينة سراقب يوم الأحد."
    )
    claims = extract_claims(text, PUBLISHED)
    (second,) = [c for c in claims if c.fatalities and c.fatalities.low == 12]
    assert second.attributed_to == canonical


@pytest.mark.parametrize(
    ("speaker", "after"),
    list(product(["منظمة إنقاذ الطفولة", "لجنة الإنقاذ الدولية"], ["في بيانها إن", "أنها وثقت مقتل"])),
)
def test_an_unknown_body_keeps_its_name_without_the_words_after_it(speaker, after):
    tail = "12 مدنيا قتلوا" if after.endswith("إن") else "12 مدنيا"
    claims = extract_claims(f"وقالت {speaker} {after} {tail} في قصف على مدينة سراقب.", PUBLISHED)
    (claim,) = claims
    assert claim.attributed_to == speaker


@pytest.mark.parametrize("wire", ["فرانس برس", '"فرانس برس"', "رويترز", "«رويترز»", "الأناضول"])
def test_a_wire_named_after_its_agency_word_is_the_reports_own_voice(wire):
    text = f"وقالت وكالة أنباء {wire} إن 12 مدنيا قتلوا في قصف على مدينة سراقب."
    (claim,) = extract_claims(text, PUBLISHED)
    assert claim.attributed_to is None


def test_a_wire_relaying_a_named_speaker_gives_the_speaker():
    text = 'وبحسب وكالة أنباء "فرانس برس"، قال مدير المرصد: "قتل 15 مدنيا في قصف على مدينة سراقب".'
    (claim,) = extract_claims(text, PUBLISHED)
    assert claim.attributed_to == "Syrian Observatory for Human Rights"
