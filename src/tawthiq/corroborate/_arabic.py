"""Arabic spelling variants folded to one comparison form, for places and parties.

In: a name as a report writes it (Arabic script, with or without marks).
Out: the same name with diacritics, tatweel and bidi controls removed, the hamza and alef
forms unified (أ إ آ ٱ → ا, ؤ → و, ئ → ي), ta marbuta as ha (ة → ه), alef maqsura as ya
(ى → ي), Persian/Urdu look-alikes as their Arabic letters, and optionally the article ال
dropped from every word (also after و, ب, ل, ف, ك: "والمرصد", "بالرقة").
Never: transliterates; an Arabic and a Latin name meet by gazetteer id or coordinates.

CLAIMS.md names the same folding for the scorer (diacritics, alef/ya/ta marbuta, article).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tawthiq.text.bidi import BIDI_CONTROLS

__all__ = ["fold_arabic", "has_arabic"]

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
# Dropped before comparing: tatweel, the zero-width characters (ZWSP, ZWNJ, ZWJ, BOM) and the bidi
# controls (text/bidi.BIDI_CONTROLS, the one list of them; this set is wider by tatweel and the
# zero-width characters, none of which is a letter a comparison should see)
_CONTROLS = re.compile("[\u0640\u200b\u200c\u200d\ufeff" + BIDI_CONTROLS + "]")
_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ء": None,
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",
        "ک": "ك",
        "ھ": "ه",
    }
)
_ARABIC = re.compile("[\u0600-\u06ff]")
# the article, alone or after a one-letter proclitic (و ب ل ف ك): "والرقة", "بالرقة"; "لل" is ل + ال
_ARTICLE = re.compile(r"(?<![\w])(?:[وبفك]?ال|لل)(?=\w{2,})")


def has_arabic(text: str | None) -> bool:
    """True when the text has any Arabic-script letter."""
    return bool(text) and bool(_ARABIC.search(text or ""))


@lru_cache(maxsize=65536)
def fold_arabic(text: str, *, article: bool = True) -> str:
    """The comparison form of an Arabic name; ``article=False`` keeps ال.

    >>> fold_arabic("المرصدُ السوريُّ")
    'مرصد سوري'
    >>> fold_arabic("الرقّة") == fold_arabic("رقه")
    True
    """
    s = unicodedata.normalize("NFKC", text)
    s = _CONTROLS.sub("", _MARKS.sub("", s)).translate(_LETTERS)
    if article:
        s = _ARTICLE.sub("", s)
    return " ".join(s.split())
