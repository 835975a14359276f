"""Which language a Latin-script text is in: English, or another the extractor does not read.

In: a string. Out: :func:`latin_language`, an ISO 639-1 code ("en", "fr", "es" …). Never: I/O
beyond loading py3langid's model the first time a text needs it.

Two steps, so that English costs nothing. The share of English function words ("the", "of", "was",
"said" …: :data:`EN_FUNCTION_WORDS`, also ingest's detector) is 25-45 % in any English report and
under 8 % in French, Spanish, Portuguese, German or Turkish; a text at or above 8 % is English.
Below it, py3langid (langid.py's naive-Bayes model over byte n-grams of 97 languages, BSD) names
the language, and a text is another language only when it is confidently so (probability >= 0.9).
A text of fewer than eight words is too short to tell, and is taken as English (a chat's "Idlib: 12
killed" reads as Danish to the model). French passed as English before (issue 15): the extractor
read any Latin script.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["EN_FUNCTION_WORDS", "latin_language", "latin_words"]

EN_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "in",
        "to",
        "a",
        "is",
        "was",
        "were",
        "are",
        "said",
        "by",
        "for",
        "on",
        "with",
        "that",
        "from",
        "at",
        "as",
        "has",
        "have",
        "had",
        "it",
        "this",
        "be",
        "been",
        "an",
        "not",
        "they",
        "he",
        "she",
        "his",
        "her",
        "their",
        "who",
        "which",
    ]
)
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F']+")
_TOO_SHORT = 8  # words: fewer cannot be told apart
_ENGLISH_SHARE = 0.08
_SURE = 0.9


def latin_words(text: str) -> list[str]:
    """The Latin-script words of ``text``, lower-cased, accented letters inside them ("aérien" is one
    word, not an English "a" and "rien": splitting there made French and Portuguese read as English)."""
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # lazily: the model takes about a second to load, and an English text never needs it
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def latin_language(text: str) -> str:
    """``"en"`` for English (or a text too short to tell), else the code of the language it is
    confidently in.

    >>> latin_language("Twelve civilians were killed in an air strike on Saraqib on Monday.")
    'en'
    >>> latin_language("Au moins douze civils ont été tués lundi dans une frappe aérienne sur Saraqib.")
    'fr'
    """
    sample = text[:20000]
    words = latin_words(sample)
    if len(words) < _TOO_SHORT:
        return "en"
    if sum(1 for w in words if w in EN_FUNCTION_WORDS) / len(words) >= _ENGLISH_SHARE:
        return "en"
    code, probability = _identifier().classify(sample)
    return str(code) if code != "en" and probability >= _SURE else "en"
