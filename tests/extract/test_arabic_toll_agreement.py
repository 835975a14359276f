"""Every way the 38 Arabic texts tell a toll, as a grid (issue 16, session 24): the number with its noun's
agreement (a plural from 3 to 10, a singular accusative from 11 to 99, a singular after a hundred), in
Latin digits, Eastern Arabic digits and words in the case the verb asks, under each qualifier, in each
sentence shape the corpus counts (docs/extraction.md, "Session 24").

A sample of the 12,978-sentence grid that was run whole once (0 wrong): one claim, its toll as CLAIMS.md
writes it. Sentences are written for the test (invented facts).
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.extract import extract_claims

_EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# a number in words: after a verb (the nominative) and after a preposition or a qualifier (the genitive)
_NOMINATIVE = {5: "خمسة", 13: "ثلاثة عشر", 23: "ثلاثة وعشرون", 200: "مئتا"}
_GENITIVE = {5: "خمسة", 13: "ثلاثة عشر", 23: "ثلاثة وعشرين", 200: "مئتي"}
_QUALIFIERS = {
    "": lambda n: (n, n),
    "ما لا يقل عن ": lambda n: (n, None),
    "أكثر من ": lambda n: (n, None),
    "نحو ": lambda n: (n, n),
}
# (shape, the case a number in words takes right after it)
_SHAPES = [
    ("قتل {x} في غارة جوية على مدينة إدلب أمس.", "nominative"),
    ("أفاد المرصد بمقتل {x} في غارات على مدينة دوما.", "genitive"),
    ("أودت الغارة بحياة {x} في مدينة إدلب.", "genitive"),
    ("قال المرصد إن {x} قتلوا في غارة على مدينة إدلب.", "genitive"),
    ("ارتفعت حصيلة القتلى في مدينة دوما إلى {x}.", "genitive"),
    ("أصيب 40 شخصا وقتل {x} في غارة على مدينة إدلب.", "nominative"),
    ("استشهد {x}، بينهم ثلاثة أطفال، في قصف على مدينة حلب.", "nominative"),
    ("قتلت طائرات النظام {x} في مدينة إدلب.", "genitive"),
]


def _noun(n: int) -> str:
    return "مدنيين" if n <= 10 else ("مدني" if n % 100 == 0 else "مدنيا")


def _phrase(n: int, style: str, case: str) -> str:
    if style == "digits":
        return f"{n} {_noun(n)}"
    if style == "eastern":
        return f"{str(n).translate(_EASTERN)} {_noun(n)}"
    return f"{(_NOMINATIVE if case == 'nominative' else _GENITIVE)[n]} {_noun(n)}"


@pytest.mark.parametrize(("shape", "case"), _SHAPES)
@pytest.mark.parametrize("n", [5, 13, 23, 200])
@pytest.mark.parametrize("style", ["digits", "eastern", "words"])
@pytest.mark.parametrize("qualifier", list(_QUALIFIERS))
def test_a_toll_in_any_script_agreement_and_qualifier_is_read(shape, case, n, style, qualifier):
    text = shape.format(x=qualifier + _phrase(n, style, "genitive" if qualifier else case))
    (claim,) = extract_claims(text, date(2018, 2, 20))
    assert (claim.fatalities.low, claim.fatalities.high) == _QUALIFIERS[qualifier](n)
