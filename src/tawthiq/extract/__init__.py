"""Extraction: English and Arabic report text → claims (what, where, when, how many, who says so, how sure).

In: a report's text and publication date (and its title, if known).
Out: :class:`tawthiq.entities.Claim` values as ../shared/eval/CLAIMS.md defines them, each with its
span and quote in the text, method ``"rules"`` and a confidence.
Never: I/O of any kind (no database, file, network or clock); it is a pure function of its input.

>>> from datetime import date
>>> [c.fatalities.contract() for c in extract_claims(
...     "At least 12 civilians were killed in air strikes on al-Sukkari in Aleppo on Monday.",
...     date(2016, 11, 22))]
[{'low': 12, 'high': None, 'qualifier': 'at_least'}]
"""

from tawthiq.extract._attribution import canonical_party
from tawthiq.extract._claims import MAX_CHARS, extract_claims, latin_share, reads_language
from tawthiq.extract._numbers import find_numbers, parse_count
from tawthiq.extract._period import extract_claims_in_period
from tawthiq.extract._time import find_dateline, parse_published, resolve_time

__all__ = [
    "MAX_CHARS",
    "canonical_party",
    "extract_claims",
    "extract_claims_in_period",
    "find_dateline",
    "find_numbers",
    "latin_share",
    "parse_count",
    "parse_published",
    "reads_language",
    "resolve_time",
]
