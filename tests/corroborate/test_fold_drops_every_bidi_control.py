"""corroborate's Arabic fold kept its own list of marks to drop, without ALM (U+061C), one of the
bidi controls (polish, session 24, item 5): "حلب<ALM>" and "حلب" folded apart. It now drops every
control of ``text/bidi.BIDI_CONTROLS`` (the one list of them), with tatweel and the zero-width
characters besides."""

from __future__ import annotations

import pytest

from tawthiq.corroborate._arabic import fold_arabic
from tawthiq.text.bidi import BIDI_CONTROLS


@pytest.mark.parametrize(
    "mark",
    [*sorted(BIDI_CONTROLS), "\u0640", "\u200b", "\u200c", "\u200d", "\ufeff"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_a_place_name_with_a_mark_folds_as_the_name_without_it(mark):
    assert fold_arabic(f"{mark}حي ال{mark}فردوس{mark}") == fold_arabic("حي الفردوس")
