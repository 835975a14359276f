"""Messages that read as farewells ("this may be my last message", "pray for us", ادعوا لنا).

In: a message's text (English or Arabic). Out: the name of the farewell pattern it matches, or
None. Never returns or logs the message itself: a chat message is protected material.

Rules and phrase lists, not a model: the signal has to be explainable to the documenter who acts
on it ("matched: last message"), and the phrases activists used in Aleppo in December 2016 are a
short, known list. Arabic is matched after folding alef/hamza forms, ى/ي, ة/ه, tashkeel and
tatweel, so spelling variants of the same phrase match.
"""

from __future__ import annotations

import re

__all__ = ["farewell_signal"]

_EN = {
    "last message": r"\b(?:may|might|could)\s+be\s+(?:my|our)\s+(?:very\s+)?(?:last|final)\s+"
    r"(?:message|post|tweet|words)"
    r"|\b(?:my|our)\s+(?:last|final)\s+(?:message|post|tweet|words)\b",
    "pray for us": r"\bpray\s+for\s+(?:us|me|aleppo|our\s+souls)\b",
    "goodbye": r"\b(?:good-?bye|farewell|saying\s+good-?bye)\b",
    "forgive us": r"\bforgive\s+(?:us|me)\b",
    "do not forget us": r"\b(?:do\s+not|don'?t)\s+forget\s+(?:us|me|aleppo)\b|\bremember\s+(?:us|me)\b",
    "expecting death": r"\b(?:if\s+i\s+die|we\s+(?:will|are\s+going\s+to)\s+(?:all\s+)?die"
    r"|waiting\s+(?:for\s+)?(?:our\s+)?death)\b",
}
_AR = {
    "last message": r"(?:اخر|الاخيره)\s*(?:رساله|رسالتي|كلماتي|تغريده)|(?:رساله|رسالتي)\s+الاخيره",
    "pray for us": r"(?:ادعو|ادعوا|ادعولنا|ادعيلنا|ادعو\s*لنا|ادعوا\s*لنا)",
    "goodbye": r"(?:وداعا|الوداع|نودعكم|اودعكم|استودعكم\s+الله|نستودعكم\s+الله)",
    "forgive us": r"(?:سامحونا|سامحوني|سامحني|اعذرونا)",
    "do not forget us": r"(?:لا\s+تنسونا|لاتنسونا|اذكرونا)",
    "expecting death": r"(?:سنموت|اذا\s+مت|ننتظر\s+الموت)",
}
_EN_RE = [(name, re.compile(p, re.IGNORECASE)) for name, p in _EN.items()]
_AR_RE = [(name, re.compile(p)) for name, p in _AR.items()]

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def _fold_arabic(text: str) -> str:
    return _TASHKEEL.sub("", text).translate(_FOLD)


def farewell_signal(text: str | None) -> str | None:
    """The farewell pattern a message matches ("last message", "pray for us", …), else None.

    >>> farewell_signal("This may be my last message. Pray for us.")
    'last message'
    >>> farewell_signal("Shelling continues in Bustan al-Qasr") is None
    True
    """
    if not text:
        return None
    for name, rx in _EN_RE:
        if rx.search(text):
            return name
    folded = _fold_arabic(text)
    for name, rx in _AR_RE:
        if rx.search(folded):
            return name
    return None
