"""people stage: PersonRecords from many lists -> linked persons (see DESIGN.md, issue 5).

Front door of the stage. Names: :mod:`tawthiq.people.names` (Arabic and Latin
normalisation, name parts, transliteration keys). Linkage: :func:`link_records`
(splink, Fellegi–Sunter with EM, on DuckDB or Spark) returning a :class:`LinkResult`.
"""

from tawthiq.people._link_types import LinkedPair, LinkResult, PairDecision
from tawthiq.people.linkage import DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD, link_records

__all__ = [
    "DEFAULT_MATCH_THRESHOLD",
    "DEFAULT_REVIEW_THRESHOLD",
    "LinkResult",
    "LinkedPair",
    "PairDecision",
    "link_records",
]
