"""A bidi control inside a name cut it in two (polish, session 24, item 5): ``people/names``
replaced every non-word character by a space before its own list of marks (LRM, RLM, ZWNJ, ZWJ)
was applied, so "مح<RLM>مد" became two tokens, مح and مد. The controls of ``text/bidi.BIDI_CONTROLS``
(the one list of them), tatweel and the joiners are now dropped before a name is cut into words."""

from __future__ import annotations

import pytest

from tawthiq.people.names import arabic_tokens, normalise_arabic
from tawthiq.text.bidi import BIDI_CONTROLS

IN_WORD = [*sorted(BIDI_CONTROLS), "\u200c", "\u200d", "\u0640"]


@pytest.mark.parametrize("mark", IN_WORD, ids=lambda c: f"U+{ord(c):04X}")
def test_a_mark_inside_a_word_of_a_name_leaves_the_word_whole(mark):
    assert arabic_tokens(f"مح{mark}مد عبد الله") == arabic_tokens("محمد عبد الله") == ["محمد", "عبدالله"]
    assert normalise_arabic(f"{mark}محمد{mark} الحلبي{mark}") == "محمد الحلبي"


def test_a_zero_width_space_is_still_a_break_between_words():
    assert arabic_tokens("محمد\u200bالحلبي") == ["محمد", "الحلبي"]
