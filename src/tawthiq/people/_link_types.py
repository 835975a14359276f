"""The result types of linkage: a scored pair, and the whole result.

In: nothing (pure value types). Out: :class:`LinkedPair`, :class:`LinkResult`.
Never: holds names or other record contents, only record ids and weights, so a result
can be logged or shown without leaking who the people are.

The types live in :mod:`tawthiq.entities` (the store reads and writes them too, and imports
no stage); this module keeps the linkage code's import lines as they were.
"""

from __future__ import annotations

from tawthiq.entities import AgeOffset, LinkedPair, LinkResult, PairDecision

__all__ = ["AgeOffset", "LinkResult", "LinkedPair", "PairDecision"]
