"""Counts as written: "at least 79", "seventy-nine", "dozens", "between 20 and 30", "up to 12".

In: a phrase or a sentence. Out: :class:`tawthiq.entities.Count` values (low, high, qualifier per
../shared/eval/CLAIMS.md) and their positions. Never: adds sub-counts to a total, and never raises on
text it does not understand (it returns ``None``); only :func:`parse_count` given a non-string raises.

Number words go through text2num (``text_to_num``), the English number parser on PyPI; the vague words
follow ACLED's conservative rule (tens 10, dozens 12, scores 20, hundreds 100, thousands 1000).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from tawthiq.entities import Count
from tawthiq.errors import InputError

__all__ = ["NumberHit", "find_numbers", "parse_count"]

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ("hundred", "thousand", "million")
_NUMWORD = r"(?:" + "|".join(_UNITS + _TENS + list(_SCALES)) + r")"
_WORDNUM = rf"{_NUMWORD}(?:(?:[\s-]+|\s+and\s+){_NUMWORD})*"
# thousands by commas, or by a (thin, no-break) space as the press outside the US writes them ("1 200")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d|[.,]\d)|\d+(?:\.\d+)?"
# "1.2 million", "12 thousand": digits with a scale word
_SCALED = rf"(?:{_DIGITS})\s+(?:million|thousand|hundred)\b"
# "a hundred", "a thousand and fifty": the article as "one"
_A_SCALE = rf"\ba\s+(?:hundred|thousand|million)(?:(?:[\s-]+|\s+and\s+){_NUMWORD})*"
_NUM = rf"(?:(?:{_DIGITS}|{_WORDNUM}|a|half a)\s+dozen|{_SCALED}|{_DIGITS}|{_A_SCALE}|{_WORDNUM})"
VAGUE = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000}
# "tens of thousands" is 10 x 1000 (docs/annotation.md: 10,000 vague), "hundreds of thousands" 100,000
_VAGUE = (
    r"(?:(?:tens|hundreds) of thousands|tens|dozens|scores|hundreds|thousands)"
    # ("dozens more were wounded", "hundreds others killed": the count of a second group)
    r"(?= of\b|\s+(?:(?:more|others)\s+)?(?:were|had|have|are|injured|wounded|killed|dead))"
)
_QUAL = {
    "at least": "at_least",
    "no fewer than": "at_least",
    "not less than": "at_least",
    "a minimum of": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "up to": "up_to",
    "as many as": "up_to",
    "about": "about",
    "around": "about",
    "some": "about",
    "approximately": "about",
    "nearly": "up_to",  # CLAIMS.md: "almost/nearly N" -> up_to (low null, high N)
    "almost": "up_to",
    "roughly": "about",
    "an estimated": "about",
    "estimated": "about",
    "close to": "about",
    # the rest of each family (docs/annotation.md: "Under N", "as many as N" -> up_to N)
    "approx.": "about",
    "under": "up_to",
    "just under": "up_to",
    "fewer than": "up_to",
    "less than": "up_to",
    "no more than": "up_to",
    "not more than": "up_to",
    "at most": "up_to",
    "a maximum of": "up_to",
    "just over": "more_than",
    "well over": "more_than",
}
_QUAL_RE = r"(?:" + "|".join(sorted((re.escape(q) for q in _QUAL), key=len, reverse=True)) + r")"
_RANGE = re.compile(
    rf"\b(?:between\s+|at least\s+)?({_NUM})\s*(?:and|to|-|–|and as many as|and up to)\s*({_NUM})\b", re.I
)
# "12 citizens at least were killed": the qualifier after the count
_POST_AT_LEAST = re.compile(r"\s+(?:[a-z]+\s+)?at least\b", re.I)
_SINGLE = re.compile(rf"(?:\b({_QUAL_RE})\s+)?\b({_NUM}|{_VAGUE})\b", re.I)


# an ISO date, a clock time, or a year after "in/since/during/until/throughout" ("In 2016 300 civilians")
_NOT_A_COUNT = re.compile(
    r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b|\b\d{1,2}:\d\d\b|"
    r"(?:(?<=\bin )|(?<=\bsince )|(?<=\bduring )|(?<=\buntil )|(?<=\bthroughout ))(?:19|20)\d\d\b(?!,\d)",
    re.I,
)
_MONTH_BEFORE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\Z", re.I)
_AGE = re.compile(r"[- ](?:years?|months?)[- ]old\b|-years?\b", re.I)


@dataclass(frozen=True)
class NumberHit:
    start: int
    end: int
    count: Count


def _value(token: str) -> int | None:
    t = token.strip().lower()
    if t.endswith("dozen"):  # "a dozen", "two dozen", "half a dozen"
        head = t[: -len("dozen")].strip()
        if head in ("a", "one"):
            return 12
        if head == "half a":
            return 6
        n = _value(head)
        return n * 12 if n is not None else None
    m = re.fullmatch(rf"({_DIGITS})\s+(million|thousand|hundred)", t)
    if m:
        scaled = (
            float(re.sub(r"[,\s]", "", m.group(1)))
            * {"million": 10**6, "thousand": 1000, "hundred": 100}[m.group(2)]
        )
        return int(scaled) if scaled == int(scaled) else None
    if t.startswith("a "):  # "a hundred" is one hundred
        t = "one " + t[2:]
    if re.fullmatch(_DIGITS, t):
        v = float(re.sub(r"[,\s]", "", t))
        return int(v) if v == int(v) else None
    try:
        return int(text2num(re.sub(r"\s+and\s+", " ", t).replace("-", " "), "en"))
    except ValueError:
        return None


def parse_count(text: str) -> Count | None:
    """One count phrase ("at least 16", "between 20 and 30", "dozens") → Count, or None.

    >>> parse_count("more than 12").contract()
    {'low': 12, 'high': None, 'qualifier': 'more_than'}
    """
    if not isinstance(text, str):
        raise InputError(f"a count must be text, not {type(text).__name__}", field="count")
    hits = find_numbers(text)
    return hits[0].count if hits else None


def _make(value: int, qual: str) -> Count:
    if qual in ("exact", "about"):
        return Count(low=value, high=value, qualifier=qual)
    if qual == "up_to":
        return Count(low=None, high=value, qualifier="up_to")
    return Count(low=value, high=None, qualifier=qual)


def find_numbers(text: str) -> list[NumberHit]:
    """Every count in ``text``, in order (a range is one hit)."""
    return list(_find_numbers(text))


@lru_cache(maxsize=4096)
def _find_numbers(text: str) -> tuple[NumberHit, ...]:
    # cached: one sentence is asked about several times; hits are frozen values
    hits: list[NumberHit] = []
    # an ISO date ("2022-04-03", a page's date stamp) or a clock time ("15:20") is never a count
    taken: list[tuple[int, int]] = [m.span() for m in _NOT_A_COUNT.finditer(text)]
    for m in _RANGE.finditer(text):
        a, b = _value(m.group(1)), _value(m.group(2))
        if a is None or b is None or not a < b or ("-" in m.group(0) and " " not in m.group(0) and a < 10):
            continue
        if not m.group(0).lower().startswith("between") and re.search(r"\d{4}", m.group(0)):
            continue  # "2012-2016" is years, not a range of people
        hits.append(NumberHit(m.start(), m.end(), Count(low=a, high=b, qualifier="exact")))
        taken.append((m.start(), m.end()))
    for m in _SINGLE.finditer(text):
        if any(s <= m.start(2) < e for s, e in taken):
            continue
        word = m.group(2).lower()
        if _AGE.match(text, m.end()):
            continue  # "a 16-year-old boy": an age, not a count of people
        qual = _QUAL.get((m.group(1) or "").lower(), "exact")
        start = m.start()
        if word in VAGUE or word.endswith(" of thousands"):
            head = word.split()[0]
            low = VAGUE[head] * (1000 if word.endswith(" of thousands") else 1)
            count = Count(low=low, high=None, qualifier="vague")
        else:
            if re.fullmatch(r"\d{1,2}\s\d{3}", word) and _MONTH_BEFORE.search(text, 0, m.start(2)):
                # "on December 25 120 civilians": a day, then the count
                word, start, qual = word.split()[1], m.end(2) - 3, "exact"
            v = _value(word)
            if v is None:
                continue
            if qual == "exact" and _POST_AT_LEAST.match(text, m.end()):
                qual = "at_least"
            count = _make(v, qual)
        hits.append(NumberHit(start, m.end(), count))
    return tuple(sorted(hits, key=lambda h: h.start))
