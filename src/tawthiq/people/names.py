"""Person names: Arabic and Latin normalisation, name parts, comparison keys.

In: a name as a list writes it (Arabic script or a Latin transliteration), possibly
damaged by PDF extraction. Out: normalised strings, :class:`NameParts`, comparison keys
(ligature-folded, space-free, consonant skeleton) and Arabic->Latin transliterations
through the table shipped in ``people/data/translit_ar_en.tsv``.
Never: reads a database, a network or the shared lists; never logs a name.

Normalisation is two-level on purpose. :func:`normalise_arabic` is the *display* form
(letters folded as in the README's "exact normalised name": alef/hamza forms, ى→ي, ة→ه,
no tashkeel or tatweel, عبد/ابو compounds joined, the reversed allah ligature هللا
repaired, the one repair that is unambiguous). :func:`fold_arabic` is the *comparison*
form: on top of that,
every lam-alef is written in one canonical order (ال) so that a reversed ligature (علاء
as عالء) and the original compare equal without having to guess which one was damaged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from tawthiq.people._names_table import latin_spellings, transliterate_token
from tawthiq.text.bidi import BIDI_CONTROLS

__all__ = [
    "NameFrequencies",
    "NameParts",
    "arabic_tokens",
    "fold_arabic",
    "is_arabic",
    "latin_skeleton",
    "latin_spellings",
    "latin_tokens",
    "letter_skeleton",
    "name_key",
    "normalise_arabic",
    "normalise_latin",
    "skeleton",
    "split_name",
    "transliterate",
    "transliterate_token",
]

# ------------------------------------------------------------------ Arabic letters

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_LETTER_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ـ": None,  # tatweel
        "ک": "ك",
        "ی": "ي",
        "ھ": "ه",
    }
)
_NON_LETTER = re.compile(r"[^\w\s]|[\d_]")
# Dropped before a name is cut into words: tatweel, the joiners ZWNJ and ZWJ, and the bidi controls
# (text/bidi.BIDI_CONTROLS, the one list of them). None is a word character, so replaced by a space
# as other punctuation they cut "مح<RLM>مد" in two; this set is wider than BIDI_CONTROLS by tatweel
# and the joiners, which join or stretch letters inside a word. (ZWSP, U+200B, is a word break.)
_IN_WORD = re.compile("[\u0640\u200c\u200d" + BIDI_CONTROLS + "]")
_SPACES = re.compile(r"\s+")
_ARABIC = re.compile("[\u0600-\u06ff]")
# Prefix compounds: the next word belongs to them (عبد الله, ابو بكر).
_PREFIXES = ("عبد", "ابو", "ابي", "بو")
# Suffix compounds: they belong to the word before (نور الدين, فتح الله, عبد الرحمن).
_SUFFIXES = ("الدين", "الله", "هللا", "الاسلام", "االسالم")
# The PDF extractor writes the allah ligature reversed, alone or glued to a prefix.
_ALLAH_REVERSED = re.compile("هللا")


def is_arabic(text: str | None) -> bool:
    """True when the text has any Arabic-script letter."""
    return bool(text and _ARABIC.search(text))


@lru_cache(maxsize=200_000)
def _fold_letters(token: str) -> str:
    token = unicodedata.normalize("NFKC", token)  # presentation forms (ﻻ, ﷲ) -> letters
    token = _TASHKEEL.sub("", token).translate(_LETTER_FOLD)
    return _ALLAH_REVERSED.sub("الله", token)


@lru_cache(maxsize=500_000)
def _clean_token(raw: str) -> tuple[str, ...]:
    """One whitespace-separated piece -> its folded letter tokens (cached: names repeat)."""
    # Marks and tatweel go first: they are not word characters, and replacing them by a
    # space (as other punctuation) would cut a word in pieces.
    text = _IN_WORD.sub("", _TASHKEEL.sub("", unicodedata.normalize("NFKC", raw)))
    return tuple(t for t in (_fold_letters(x) for x in _NON_LETTER.sub(" ", text).split()) if t)


def arabic_tokens(text: str | None) -> list[str]:
    """Letter-folded tokens with compounds joined (``عبد الله`` -> ``عبدالله``).

    Punctuation and digits are dropped; a stray one-letter fragment is kept (it may be
    half of a split word: the space-free key joins it back).
    """
    if not text:
        return []
    raw = [t for piece in text.split() for t in _clean_token(piece)]
    out: list[str] = []
    i = 0
    while i < len(raw):
        tok = raw[i]
        if tok in _PREFIXES and i + 1 < len(raw):
            tok = tok + raw[i + 1]
            i += 1
        if out and tok in _SUFFIXES and not out[-1].endswith(("الله", "الدين")):
            out[-1] = out[-1] + tok
        else:
            out.append(tok)
        i += 1
    return out


def normalise_arabic(text: str | None) -> str:
    """Display form: folded letters, no marks, compounds joined, single spaces."""
    return " ".join(arabic_tokens(text))


@lru_cache(maxsize=200_000)
def fold_arabic(token: str) -> str:
    """Comparison form of a normalised token or string: lam-alef in one canonical order.

    A PDF extractor writes the lam-alef ligature (لا) as ال; the two orders cannot be told
    apart after the fact (ال is also the article), so both sides are folded to ال.
    """
    return token.replace("لا", "ال")


# ------------------------------------------------------------------ Latin letters

_LATIN_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"['`’‘ʿʾ]", ""),
        (r"[-_.]", " "),
        # Abd al-/Abdul/Abdel/Abd el- -> abdal ; the article joins its word.
        (r"\babd(?:ul|ol|il|al|el|\s+al|\s+el|\s+ul|\s+l)?\s*", "abdal"),
        # The article assimilated to a sun letter (ash-Shami, an-Najjar, ad-Dabbagh): al-.
        (r"\ba(sh|th|dh|[tdrzsnl])\s+(?=\1)", "al"),
        (r"\b(?:al|el|ul)\s+(?=\w)", "al"),
        (r"\b(?:abu|abou|abo|abi)\s+", "abu"),
        (r"\s+(?=(?:din|deen|dine|allah|ullah|ulla)\b)", ""),
    )
)
_LATIN_SOUNDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"ou|oo|u|o", "u"),
        (r"ee|ie|ei|i|y(?=[^aeiou]|$)", "i"),
        (r"e", "a"),
        (r"(\w)\1+", r"\1"),
    )
)


def latin_tokens(text: str | None) -> list[str]:
    """Lower-case ASCII tokens with Abd al-/al-/abu compounds joined."""
    if not text:
        return []
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    for pat, rep in _LATIN_RULES:
        t = pat.sub(rep, t)
    t = re.sub(r"[^a-z\s]", "", t)
    return t.split()


@lru_cache(maxsize=200_000)
def _latin_token_norm(tok: str) -> str:
    for pat, rep in _LATIN_SOUNDS:
        tok = pat.sub(rep, tok)
    return tok


def _normalise_latin_once(text: str | None) -> str:
    return " ".join(_latin_token_norm(t) for t in latin_tokens(text))


def normalise_latin(text: str | None) -> str:
    """Spelling-folded Latin: Mohammed/Muhammad/Mohamad -> ``muhamad``; ou/u, ee/i.

    Applied until it no longer changes the text (at most four passes): folding a vowel can
    make a new article or compound (``ol a`` -> ``ul a``, which the article rule joins), and a
    name folded twice must read as a name folded once, or two lists that folded it a
    different number of times would disagree.
    """
    out = _normalise_latin_once(text)
    for _ in range(3):
        again = _normalise_latin_once(out)
        if again == out:
            break
        out = again
    return out


# ------------------------------------------------------------------ skeleton keys

_VOWELS = re.compile(r"[aeiouyw]")
_ARABIC_WEAK = re.compile("[اويءه]")


_CONNECTORS = frozenset({"bin", "ibn", "ban", "bint", "bn"})
"""Patronymic connectors (bin, ibn, ben, bint; بن, ابن, بنت through the table): no skeleton.

A list may write "Muhammad bin Salman" where another writes "محمد سلمان"."""
_CONSONANT = re.compile(r"[^aeiouyw]")


@lru_cache(maxsize=200_000)
def latin_skeleton(token: str) -> str:
    """Consonant skeleton of one Latin token: ``mohammed`` / ``muhamad`` -> ``mhmd``.

    Without the article: ``al-Najjar``, ``Najjar`` and ``النجار`` all give ``njr`` (one list
    writes the article, another drops it). Only when at least two consonants follow it, so
    ``Alaa`` and ``Elias`` keep their first letters. A patronymic connector (bin, ibn) has
    an empty skeleton.
    """
    t = re.sub(r"[^a-z]", "", _latin_token_norm(token.lower()))
    if t in _CONNECTORS:
        return ""
    if t.startswith("al") and len(_CONSONANT.findall(t[2:])) >= 2:
        t = t[2:]
    for a, b in (("kh", "x"), ("sh", "c"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ph", "f"), ("q", "k")):
        t = t.replace(a, b)
    t = re.sub(r"(\w)\1+", r"\1", _VOWELS.sub("", re.sub(r"[^a-z]", "", t)))
    return t


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """Consonant skeleton of one token, Arabic or Latin, on one Latin alphabet.

    An Arabic token goes through the shipped transliteration table first (the most
    common Latin spelling the lists used), so ``محمد`` and ``Mohammed`` share ``mhmd``.
    """
    if _ARABIC.search(token):
        return latin_skeleton(transliterate_token(token))
    return latin_skeleton(token)


_LETTER_CLASS = str.maketrans(
    {"ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d", "ر": "r",
     "ز": "z", "س": "s", "ش": "c", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f",
     "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
     "ا": None, "و": None, "ي": None, "ى": None, "ء": None, "ع": None, "أ": None, "إ": None,
     "آ": None, "ؤ": None, "ئ": None, "ة": "h"}
)  # fmt: skip
_ARABIC_CONNECTORS = frozenset({"بن", "ابن", "بنت"})


@lru_cache(maxsize=200_000)
def letter_skeleton(token: str) -> str:
    """Consonant skeleton of one token letter by letter, on :func:`latin_skeleton`'s alphabet.

    An Arabic token is mapped letter by letter (long vowels, ع and hamza dropped, as Latin
    spellings drop them), not through the table: the table's most common spelling of a rare
    token can be a poor one (``الكحال`` as "alkhal", read kh), and a letter map agrees with
    a careful transliteration ("al-Kahhal": ``khl``). Without the article and connectors,
    as :func:`latin_skeleton`. A Latin token gives its :func:`latin_skeleton`.
    """
    if not _ARABIC.search(token):
        return latin_skeleton(token)
    if token in _ARABIC_CONNECTORS:
        return ""
    t = re.sub(r"[^a-z]", "", token.translate(_LETTER_CLASS))
    if token.startswith("ال") and len(t) >= 3:  # the article's l, then two consonants
        t = t[1:]
    return re.sub(r"(\w)\1+", r"\1", t)


def transliterate(text: str | None) -> str:
    """An Arabic name in the table's most common Latin spelling, token by token."""
    return " ".join(transliterate_token(t) for t in arabic_tokens(text))


# ------------------------------------------------------------------ name parts


@dataclass(frozen=True, slots=True)
class NameParts:
    """A patronymic chain: given, father, grandfather, family (compounds kept whole)."""

    given: str | None = None
    father: str | None = None
    grandfather: str | None = None
    family: str | None = None
    extra: tuple[str, ...] = ()

    def tokens(self) -> list[str]:
        parts = [self.given, self.father, self.grandfather, *self.extra, self.family]
        return [p for p in parts if p]


def split_name(text: str | None) -> NameParts:
    """Split a full name into parts, Arabic or Latin, after joining compounds.

    One token: given. Two: given, family. Three: given, father, family. Four: given,
    father, grandfather, family. More: the middle extras are kept in ``extra``.
    """
    toks = arabic_tokens(text) if is_arabic(text) else latin_tokens(text)
    n = len(toks)
    if n == 0:
        return NameParts()
    if n == 1:
        return NameParts(given=toks[0])
    if n == 2:
        return NameParts(given=toks[0], family=toks[1])
    if n == 3:
        return NameParts(given=toks[0], father=toks[1], family=toks[2])
    return NameParts(
        given=toks[0], father=toks[1], grandfather=toks[2], family=toks[-1], extra=tuple(toks[3:-1])
    )


def name_key(text: str | None) -> str:
    """Space-free, ligature-folded key of a whole name: survives split/joined words."""
    if is_arabic(text):
        return fold_arabic("".join(arabic_tokens(text)))
    return "".join(_latin_token_norm(t) for t in latin_tokens(text))


# ------------------------------------------------------------------ frequencies


class NameFrequencies:
    """How common each name part is in a set of names, so that محمد weighs little.

    ``weight(token)`` is the information content ``-log2(share)``: a rare family name is
    worth many bits, محمد or أحمد only a few. Splink applies the same idea through its
    term-frequency adjustments; this class is for callers outside the model (the review
    screen, the pre-pass).
    """

    def __init__(self, names: Iterable[str | None]) -> None:
        self.counts: Counter[str] = Counter()
        for n in names:
            self.counts.update(fold_arabic(t) if is_arabic(t) else t for t in split_name(n).tokens())
        self.total = max(1, sum(self.counts.values()))

    def share(self, token: str) -> float:
        return (self.counts.get(token, 0) + 1) / (self.total + 1)

    def weight(self, token: str) -> float:
        import math

        return -math.log2(self.share(token))
