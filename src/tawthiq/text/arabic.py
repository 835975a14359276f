"""Arabic text normalised for matching, with a map back to the original characters.

In: any text (Arabic, Latin or mixed) as a report gives it. Out: :class:`Folded`, the text with
diacritics (tashkil), tatweel, bidi controls and zero-width joiners removed, presentation-form
ligatures from PDF extraction expanded (NFKC: "ﻻ" → "لا"), alef forms (أ إ آ ٱ) as ا, alef maqsura
as ي, ta marbuta as ه, hamza carriers ؤ ئ as و ي, Arabic-Indic and Persian digits as ASCII
digits, and Latin letters lower-cased; plus :meth:`Folded.span` mapping a span of the folded text
back to the original, so a claim's span and quote always index what the user gave. Also the script
tests the extract front door uses (:func:`arabic_share`, :func:`latin_share`) and :func:`name_key`
for place and party names. Never: changes the caller's string, or guesses a legacy encoding.

Hand-written: these are the orthographic variants of Modern Standard Arabic news text that the
shared scorer (../shared/eval/score_claims.py ``arabic_key``) also unifies; camel-tools and
pyarabic do the same folding but would add a dependency (and a model download, for camel-tools)
for a dozen character rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tawthiq.text.bidi import BIDI_CONTROLS

__all__ = [
    "Folded",
    "arabic_share",
    "fold",
    "fold_arabic",
    "fold_pattern",
    "is_arabic_mojibake",
    "is_visual_order",
    "latin_share",
    "name_key",
    "strip_article",
    "without_marks",
]

_DROP = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]  # tashkil: fathatan … sukun, and the rarer marks
    + ["\u0670", "\u0640"]  # superscript alef, tatweel
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation marks
    + ["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff"]  # zero-width space and joiners, soft hyphen, BOM
    + list(BIDI_CONTROLS)  # LRM RLM ALM, LRE RLE PDF LRO RLO, LRI RLI FSI PDI (text/bidi.py)
    # the word joiner and the invisible operators (a "حل\u2060ب" from a web page hid Aleppo), and the
    # combining grapheme joiner
    + [chr(c) for c in range(0x2060, 0x2065)]
    + ["\u034f"]
)
_MAP = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ی": "ي",  # Persian ya, common in copied text
    "ک": "ك",  # Persian kaf
    "٬": ",",  # Arabic thousands separator
    "٫": ".",  # Arabic decimal separator
    "٪": "%",
    "“": '"',
    "”": '"',
    "«": '"',
    "»": '"',
}
_MAP.update({chr(0x0660 + i): str(i) for i in range(10)})  # ٠١٢٣٤٥٦٧٨٩
_MAP.update({chr(0x06F0 + i): str(i) for i in range(10)})  # ۰۱۲۳۴۵۶۷۸۹
# what is NOT an Arabic (a Latin) letter: deleting it and taking the length counts the letters, about
# twice as fast as findall, which builds a list of one-letter strings
_NOT_ARABIC_LETTER = re.compile(r"[^\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]+")
_NOT_LATIN_LETTER = re.compile(r"[^A-Za-z\u00c0-\u024f]+")


def _is_presentation(ch: str) -> bool:
    o = ord(ch)
    return 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF


@dataclass(frozen=True)
class Folded:
    """A folded text and, for each of its characters, the index of the original character."""

    text: str
    offsets: Sequence[int]  # a range when nothing was dropped or expanded
    length: int  # length of the original text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span ``[start, end)``."""
        if end <= start or not self.offsets:
            pos = self.offsets[start] if start < len(self.offsets) else self.length
            return pos, pos
        return self.offsets[start], self.offsets[min(end, len(self.offsets)) - 1] + 1


def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    if _is_presentation(ch):
        return "".join(_fold_char(c) for c in unicodedata.normalize("NFKC", ch))
    m = _MAP.get(ch)
    if m is not None:
        return m
    return ch.lower() if "A" <= ch <= "Z" else ch


_TABLE = str.maketrans({**{ch: None for ch in _DROP}, **_MAP, **{chr(c): chr(c + 32) for c in range(65, 91)}})
_PRESENTATION = re.compile(r"[\ufb50-\ufdff\ufe70-\ufefe]")


_DROP_RUN = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_DROP)) + "]+")


def without_marks(text: str) -> str:
    """``text`` without diacritics, tatweel and invisible marks, its letters as written ("مدينةِ حلـب" →
    "مدينة حلب"): a name shown in a table, where fold's one alef and ه for ة would misspell it."""
    return _DROP_RUN.sub("", text)


# a sentence is folded by several rules in turn (events, attribution, places; 511 of 1,076 folds over
# the corpus repeat one in the same report): the folds of short texts are kept (Folded is frozen and
# its offsets are never changed); a whole report is not
_CACHED_CHARS = 2000


def fold_arabic(text: str) -> Folded:
    """Fold ``text`` for matching and keep the map back to it (see the module docstring)."""
    return _fold_arabic_cached(text) if len(text) <= _CACHED_CHARS else _fold_arabic(text)


def _fold_arabic(text: str) -> Folded:
    if not _PRESENTATION.search(text):
        folded = text.translate(_TABLE)
        if len(folded) == len(text):  # nothing dropped: the map is the identity (the common case)
            return Folded(folded, range(len(text)), len(text))
        # every other character maps to one character: the kept ones are the offsets (a tanween in
        # "مدنياً" sent every sentence through the character-by-character loop below, 1/3 of the time),
        # taken as the ranges between runs of dropped characters
        offsets: list[int] = []
        kept = 0
        for m in _DROP_RUN.finditer(text):
            offsets.extend(range(kept, m.start()))
            kept = m.end()
        offsets.extend(range(kept, len(text)))
        return Folded(folded, offsets, len(text))
    out: list[str] = []
    offsets = []
    for i, ch in enumerate(text):
        f = _fold_char(ch)
        if f:
            out.append(f)
            offsets.extend([i] * len(f))
    return Folded("".join(out), offsets, len(text))


@lru_cache(maxsize=256)  # a report's sentences; at most 256 x 2,000 characters and their offsets
def _fold_arabic_cached(text: str) -> Folded:
    return _fold_arabic(text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Just the folded string (for patterns, dictionary keys and short names)."""
    return "".join(_fold_char(ch) for ch in text)


def fold_pattern(pattern: str) -> str:
    """A regular expression written in plain Arabic, folded like the text it will search.

    Only Arabic letters and Arabic digits change: ``\\S`` stays ``\\S`` (no lower-casing).
    """
    return "".join(_fold_char(ch) if "\u0600" <= ch <= "\u06ff" else ch for ch in pattern)


def _letters(rx: re.Pattern[str], sample: str) -> int:
    return len(rx.sub("", sample))


def arabic_share(text: str) -> float:
    """Share of the Arabic and Latin letters of ``text`` that are Arabic (0.0 when it has none)."""
    sample = text[:20000]
    ar = _letters(_NOT_ARABIC_LETTER, sample)
    if not ar:
        return 0.0  # an English sentence: no need to count its Latin letters
    return ar / (ar + _letters(_NOT_LATIN_LETTER, sample))


def latin_share(text: str) -> float:
    """Share of the Arabic and Latin letters of ``text`` that are Latin."""
    sample = text[:20000]
    la = _letters(_NOT_LATIN_LETTER, sample)
    if not la:
        return 0.0
    return la / (la + _letters(_NOT_ARABIC_LETTER, sample))


_WORD = re.compile(r"[\u0621-\u064a]+")


def is_visual_order(text: str) -> bool:
    """True when Arabic words run backwards, as PDF extraction in visual order leaves them.

    Logical-order Arabic has many words starting with the article "ال" and the word "الله";
    reversed text has them ending in "لا" and "هللا" instead. "هللا" alone is not enough: some PDF
    text layers reverse only that ligature, in text that otherwise runs forwards.
    """
    words = _WORD.findall(fold(text[:20000]))
    if not words:
        return False
    starts = sum(1 for w in words if w.startswith("ال") and len(w) > 3)
    ends = sum(1 for w in words if w.endswith("لا") and len(w) > 3 and not w.endswith("هللا"))
    if "هللا" in words and "الله" not in words and ends > starts:
        # more words end in a reversed article than begin with one: "عبد هللا" alone, in a text whose
        # other words run forwards, is the PDF's reversed ligature, read as الله by the extractor
        return True
    return len(words) >= 8 and ends >= 3 and ends > 2 * starts


_HIGH_LATIN1 = re.compile(r"[\u00c0-\u00ff]")
_NOT_LETTER = re.compile(r"[\W\d_]+")


def is_arabic_mojibake(text: str) -> bool:
    """True when ``text`` is Arabic in windows-1256 that was decoded as Latin-1 or windows-1252
    ("ÞÊá" for "قتل"): most letters are accented Latin, and re-decoding gives Arabic."""
    sample = text[:4000]
    letters = _letters(_NOT_LETTER, sample)
    if letters < 20 or len(_HIGH_LATIN1.findall(sample)) < 0.5 * letters:
        return False
    for codec in ("latin-1", "cp1252"):
        try:
            fixed = sample.encode(codec).decode("cp1256")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if arabic_share(fixed) > 0.8:
            return True
    return False


_ARTICLE = re.compile(r"^(?:[وفبك]?ال|لل)(?=\w{2,})")


@lru_cache(maxsize=65536)
def strip_article(word: str) -> str:
    """A folded word without its article and the conjunction/preposition before it (وال، بال، لل)."""
    return _ARTICLE.sub("", word)


# place-kind words that do not tell two places apart ("حي الشعار" = "الشعار")
_PLACE_WORDS = frozenset(
    fold(w)
    for w in [
        "حي",
        "أحياء",
        "حيي",
        "مدينة",
        "مدينتي",
        "بلدة",
        "بلدتي",
        "قرية",
        "قرى",
        "منطقة",
        "مناطق",
        "محافظة",
        "ريف",
        "ناحية",
        "مركز",
        "مخيم",
        "ضاحية",
        "حارة",
    ]
)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The spelling-blind key of an Arabic name: folded, no articles, no place-kind words, no spaces.

    >>> name_key("حيّ الشّعار") == name_key("الشعار") == name_key("شعار")
    True
    >>> name_key("مدينة معرّة النعمان") == name_key("معره نعمان")
    True
    """
    words = [strip_article(w) for w in _WORD.findall(fold(name))]
    words = [w for w in words if w not in _PLACE_WORDS]
    return "".join(words)
