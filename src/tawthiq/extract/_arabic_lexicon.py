"""Pattern helpers shared by the Arabic rules (:mod:`._arabic` and its parts).

Every pattern is written in ordinary Arabic spelling and folded by :func:`_rx` (the same folding
the text gets: one alef, ه for ة, ي for ى, no diacritics), so a rule never lists a hamza variant.
``_L``/``_R`` bound a word; ``_P`` is the optional group of proclitics (و ف ب ل ال and their runs).
"""

from __future__ import annotations

import re
from functools import lru_cache

from tawthiq.text.arabic import fold_pattern

__all__ = ["_L", "_P", "_R", "_rx"]

_L = r"(?<![\u0621-\u064a])"  # no Arabic letter before (a word start, after any proclitic group)
_R = r"(?![\u0621-\u064a])"
_P = r"(?:[وفب]|ل|ال|وال|بال|فال|لل|و?ب|و?ل)?"  # proclitics


@lru_cache(maxsize=256)
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(pattern))
