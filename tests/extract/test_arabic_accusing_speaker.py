"""A speaker who accuses: the speaker's name ends before the one accused (issue 16, session 24).

"اتهمت جماعة جيش الإسلام قوات النظام السوري بقتل 12 مدنيا": the speaker's phrase ran on into the accused
and the deed, so the whole was read as a clause and the claim had no speaker at all (a known body named
in the alias table was found by its prefix; a body the table lacks was lost). The speaker now ends
before the last run of words that open a doer before the deed (قوات، الطيران، التحالف، ميليشيات …), so
"جيش" inside the body's own name "جيش الإسلام" does not cut it.

Every sentence is written for the test (invented facts).
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

_SPEAKERS = [
    ("اتهمت جماعة جيش الإسلام", "جماعة جيش الإسلام"),
    ("اتهم الائتلاف الوطني السوري", "الائتلاف الوطني السوري"),
    ("اتهمت وزارة الخارجية الروسية", "وزارة الخارجية الروسية"),
    ("واتهمت هيئة الإغاثة المحلية", "هيئة الإغاثة المحلية"),
]
_ACCUSED = [
    "قوات النظام السوري",
    "الطيران الروسي",
    "التحالف الدولي",
    "ميليشيات إيرانية",
    "طائرات حربية روسية",
]
_DEEDS = [
    ("بقتل 12 مدنيا في قصف على مدينة دوما أمس.", 12),
    ("بقتل أكثر من عشرين مدنيا في غارات على مدينة سراقب أمس.", 20),
]


@pytest.mark.parametrize(("verb_and_speaker", "speaker"), _SPEAKERS)
@pytest.mark.parametrize("accused", _ACCUSED)
@pytest.mark.parametrize(("deed", "toll"), _DEEDS)
def test_the_speaker_who_accuses_ends_before_the_accused(verb_and_speaker, speaker, accused, deed, toll):
    (claim,) = extract_claims(f"{verb_and_speaker} {accused} {deed}", date(2018, 2, 20))
    assert (claim.attributed_to, claim.fatalities.low) == (speaker, toll)


@pytest.mark.parametrize(
    "text",
    [
        "أسفرت غارات الطيران الروسي عن مقتل 12 مدنيا في مدينة سراقب أمس.",
        "قتلت قوات النظام 12 مدنيا في قصف على مدينة دوما أمس.",
    ],
)
def test_a_deed_told_in_the_reports_own_voice_still_has_no_speaker(text):
    (claim,) = extract_claims(text, date(2018, 2, 20))
    assert claim.attributed_to is None
