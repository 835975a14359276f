"""People search tolerant of spelling, across Arabic script and Latin transliterations.

In: person records (names only are indexed) and a query such as ``Mohamad al-Hallak`` or
``محمد الحلاق``. Out: records ranked by how many query name parts they match.
Never: stores or logs a name outside the process; the index lives in memory only.

Each name part is reduced to its consonant skeleton with the people stage's own
normalisation (:func:`tawthiq.people.names.skeleton`: Arabic goes through the shipped
transliteration table, so ``محمد``, ``Mohammed`` and ``Muhamad`` all become ``mhmd``); query
parts then match skeletons exactly or within a small edit distance (rapidfuzz).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from tawthiq.entities import PersonRecord
from tawthiq.people.names import arabic_tokens, is_arabic, latin_tokens, skeleton

__all__ = ["NameIndex"]

_STOP = {"al", "el", "bin", "ibn", "bint", "ال"}


def _parts(text: str | None) -> list[str]:
    if not text:
        return []
    toks = arabic_tokens(text) if is_arabic(text) else latin_tokens(text)
    out = []
    for t in toks:
        if t.lower() in _STOP:
            continue
        sk = skeleton(t)
        if sk:
            out.append(sk)
    return out


class NameIndex:
    """Skeleton -> record ids, built once from the records' Arabic and Latin names."""

    def __init__(self, records: Iterable[PersonRecord]) -> None:
        self.records: dict[int, PersonRecord] = {}
        self._by_key: dict[str, set[int]] = defaultdict(set)
        for r in records:
            if r.id is None:
                continue
            self.records[r.id] = r
            for name in (r.name_ar, r.name_latin):
                for key in _parts(name):
                    self._by_key[key].add(r.id)
        self._keys = list(self._by_key)

    def __len__(self) -> int:
        return len(self.records)

    def search(self, query: str, limit: int = 50, cutoff: float = 80.0) -> list[tuple[PersonRecord, float]]:
        """Records matching the most query parts first; score in 0..1 (share of parts matched)."""
        parts = _parts(query)
        if not parts:
            return []
        scores: dict[int, float] = defaultdict(float)
        for part in parts:
            best: dict[int, float] = {}
            matches = process.extract(part, self._keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=25)
            for key, score, _ in matches:
                for rid in self._by_key[key]:
                    best[rid] = max(best.get(rid, 0.0), score / 100)
            for rid, s in best.items():
                scores[rid] += s
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [(self.records[rid], round(s / len(parts), 3)) for rid, s in ranked]
