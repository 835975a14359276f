"""One voice, one toll; another voice, another claim (CLAIMS.md: "the same assertion repeated by the same
source in one report is one claim; the same event asserted by another source ... is another claim").

- The report's own voice telling its toll twice, once hedged ("10 على الأقل") and once bare ("تسببت بمقتل
  10 مدنيين في حصيلة أولية"), is one claim with the hedged figure. It was two, the second an exact 10
  that the scorer paired with whichever account was left (issue 16: a toll where the gold has none).
- A named speaker's own account of the attack with no number ("قال الناشط … إن الغارات تسببت بمقتل
  أعداد كبيرة") is that speaker's claim, with no toll; it was dropped as a passing mention, or folded
  into the report's toll claim.

Every sentence is written for the test (invented facts), in digits and in words, with several verbs.
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

PUB = date(2017, 9, 17)

# (first telling, its hedge, a second telling of the same manner)
_TOLD_TWICE = [
    (
        "قتل {n} مدنيين على الأقل في غارات جوية على مدينة سراقب اليوم.",
        "at_least",
        "واستهدفت الغارات السوق الشعبي وسط المدينة، وتسببت بمقتل {n} مدنيين في حصيلة أولية.",
    ),
    (
        "قتل أكثر من {n} مدنيين في غارات جوية على مدينة سراقب اليوم.",
        "more_than",
        "وأسفرت الغارات عن مقتل {n} مدنيين بينهم أطفال.",
    ),
    (
        "استشهد ما لا يقل عن {n} مدنيين في قصف مدفعي على بلدة كفرنبل مساء اليوم.",
        "at_least",
        "وطال القصف الحي الشرقي، ما أدى إلى استشهاد {n} مدنيين.",
    ),
    (
        "قتل {n} مدنيين على الأقل في قصف مدفعي على بلدة كفرنبل مساء اليوم.",
        "at_least",
        "وأسفر القصف عن مقتل {n} مدنيين بينهم أطفال.",
    ),
]
_N = [("7", 7), ("سبعة", 7), ("٩", 9), ("تسعة", 9)]


@pytest.mark.parametrize(("first", "qualifier", "again"), _TOLD_TWICE)
@pytest.mark.parametrize(("written", "n"), _N)
def test_the_reports_own_toll_told_twice_is_one_claim_with_its_hedge(first, qualifier, again, written, n):
    text = first.format(n=written) + "\n" + again.format(n=written)
    claims = extract_claims(text, PUB)
    assert [(c.fatalities.low, c.fatalities.high, c.fatalities.qualifier) for c in claims] == [
        (n, None, qualifier)
    ]


def test_two_tolls_of_the_report_stay_two_claims():
    text = "قتل 12 مدنيا في غارات على مدينة سراقب اليوم.\nوتسببت الغارات بمقتل 14 مدنيا في مدينة سراقب."
    assert [c.fatalities.low for c in extract_claims(text, PUB)] == [12, 14]


_SPEAKERS = [
    ("وقال الناشط الإعلامي محمد العلي إن", "محمد العلي"),
    ("وأفاد مدير الدفاع المدني في المدينة بأن", "Syria Civil Defence"),
    ("وذكر المرصد السوري لحقوق الإنسان أن", "Syrian Observatory for Human Rights"),
]
_NUMBERLESS = [
    "الغارات تسببت بمقتل أعداد كبيرة من الباعة والمدنيين.",
    "القصف أدى إلى مقتل عدد كبير من المدنيين.",
    "الغارات أسفرت عن سقوط قتلى بين المدنيين.",
]


@pytest.mark.parametrize(("speaker", "party"), _SPEAKERS)
@pytest.mark.parametrize("account", _NUMBERLESS)
def test_a_named_speakers_account_with_no_number_is_that_speakers_claim(speaker, party, account):
    text = (
        "قتل 12 مدنيا في غارات جوية على مدينة سراقب اليوم.\n"
        "وهرعت فرق الإنقاذ إلى المكان.\n" + f"{speaker} {account}"
    )
    toll, told = extract_claims(text, PUB)
    assert (toll.fatalities.low, toll.attributed_to) == (12, None)
    assert told.fatalities is None and party in (told.attributed_to or "")
    assert told.event_type.startswith("attack.")


def test_the_same_speaker_going_on_right_after_its_claim_makes_no_new_claim():
    text = (
        "ذكرت سانا أن مجموعات مسلحة هاجمت بلدة تلدو في ريف حمص.\n"
        "وأضافت أن الهجوم أسفر عن مقتل وإصابة عدد من المدنيين."
    )
    assert len(extract_claims(text, PUB)) == 1
