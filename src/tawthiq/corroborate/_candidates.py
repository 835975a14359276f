"""Candidate pairs: blocks of claims that could be one event (kind, family, place key, week).

In: :class:`Item` values.
Out: :func:`candidate_blocks` — block key to member indices; only claims sharing a block are ever
compared, so the work grows with the claims per place and week, not with the square of all claims.
A claim without a date or a place is blocked with its own report only. :func:`place_keys` are a
place's gazetteer keys, skeletons and coordinate cells (also used to index incidents for tallies).
Never: judges a pair (``_fit``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from ._items import Item
from ._places import Where

__all__ = ["candidate_blocks", "place_keys"]

_DISTRICT = 3  # the rank of a district in ``_places``


def _weeks(window: tuple[date, date, int] | None) -> list[int]:
    if window is None:
        return []
    a = (window[0].toordinal() - window[2]) // 7
    b = (window[1].toordinal() + window[2]) // 7
    return list(range(a, b + 1))


def place_keys(where: Where) -> set[str]:
    keys = where.block_keys()
    for p in where.specific:
        if p.skel:
            keys.add(p.skel)
    for p in (*where.specific, *where.areas):
        if p.lat is not None and p.lon is not None:
            keys.add(f"~{round(p.lat)},{round(p.lon)}")  # its one-degree cell
    for p in where.areas:
        if p.lat is not None and p.lon is not None:
            la, lo = round(p.lat, 1), round(p.lon, 1)
            for dla in (-0.1, 0.0, 0.1):
                for dlo in (-0.1, 0.0, 0.1):
                    keys.add(f"@{round(la + dla, 1)},{round(lo + dlo, 1)}")
            if p.rank >= _DISTRICT:
                # a district or a province reaches towns in the cells around its point
                la1, lo1 = round(p.lat), round(p.lon)
                keys.update(f"~{la1 + d1},{lo1 + d2}" for d1 in (-1, 0, 1) for d2 in (-1, 0, 1))
    return keys


def candidate_blocks(items: Sequence[Item]) -> dict[tuple, list[int]]:
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        if it.kind == "tally":
            continue
        base = (it.kind, it.family)
        weeks = _weeks(it.window)
        places = place_keys(it.where)
        for w in it.readings:
            places |= place_keys(w)
        if not weeks or not places:
            # no date or no place: it can only meet claims of its own report
            blocks[(*base, "report", it.report)].append(i)
            continue
        blocks[(*base, "report", it.report)].append(i)
        for pk in places:
            for week in weeks:
                blocks[(*base, pk, week)].append(i)
    return blocks
