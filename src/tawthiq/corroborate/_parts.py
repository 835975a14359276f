"""A part of a toll: a report's smaller figure that counts some of the dead its larger figure counts.

In: two claims of one report (``SourcedClaim``), the smaller toll and the larger, and whether the
larger claim's place holds the smaller's (the caller's test: ``_items.relation``).
Out: :func:`part_of_toll` — whether the smaller figure is a part of the larger (so it is a floor,
never a rival count); :func:`as_part` — a part's figure read as a floor.
Never: compares two reports (a figure of another report is a rival count or an update, ``_numbers``);
never reads the database.

A report that tells one event gives its toll for the whole and for parts of it: "5 of them
children", "12 in the market" beside "40 in the town", a family's dead ("his wife and his son were
killed") beside the strike's, "under 20 of the 108 by artillery". CLAIMS.md makes each figure a claim;
read as two counts of one event, 3 and 29 cannot be one toll (more than twice apart) and the part
would keep the whole's event apart, in its own report and in every other. A part is a floor of the
event's toll ("at least 3 died"). The evidence, any one of:

* the smaller figure is said as a **share**: "including 12 children", "among them 5", "12 of them",
  "under 20 of the 108", "بينهم 3 أطفال", "5 منهم" (the words next to the claim's own figure: in "12
  were killed, 5 of them children" the 12 is no part). Two figures of one sentence without such words
  ("the army said 61, residents 520") are rival counts;
* the smaller figure's dead are **one household** ("his wife and his son", "members of one family",
  "أفراد عائلة واحدة", "زوجته وأطفاله"): a house of the strike, not the strike;
* the smaller figure is **placed finer** inside the larger's place: a neighbourhood's or a site's toll
  beside the town's ("2 killed in Meridian" beside "18 killed in Aleppo").

Never a part: a report's figure told as another event ("in a separate strike", ``_fit.told_apart``),
a rival figure at the same place with none of that evidence (the army's 61 beside the rescuers' 137:
sources disagreeing, ``_fit._rival_figures``), a smaller figure that is not smaller than the whole's floor.
"""

from __future__ import annotations

import re

from tawthiq.entities import Count, SourcedClaim

from ._numbers import count_interval
from ._origins import claim_report_key
from ._places import PLACE_RANK

__all__ = ["as_part", "part_of_toll", "parts_within", "smaller_toll"]

_AR = r"\u0621-\u064a"
# Said of the smaller figure itself (right after it): "12 of them", "3 of whom", "20 of the 108",
# "27 of his relatives", "25 people from one family", "8 members of one family"; "5 منهم"، "8 من
# عائلة واحدة"، "3 من أفراد أسرة". The words must follow the claim's own figure: in "12 were killed,
# 5 of them children" the 12 is no part (its sentence gives a part of *it*).
_SHARE_AFTER = (
    r"(?:\s+\w+){0,2}\s+(?:of\s+(?:them|whom|those|the|his|her|their)\b|from\s+(?:one|the\s+same|a\s+single)"
    r"\s+(?:family|household)|members\s+of\s+(?:one|the\s+same|a\s+single|his|her|their)\b"
    rf"|(?:و)?(?:منهم|من\s+(?:بين|عائلة|أسرة|اسرة|أفراد|افراد|أبناء|ابناء))(?![{_AR}]))"
)
# One household's dead told by name, without a figure: "Ahmad al-Jumaili, his wife and his son were
# killed"; "قُتل فلان وزوجته وأطفاله". Read only when the claim's figure is not written in its quote.
_HOUSEHOLD = re.compile(
    r"\b(?:his|her)\s+(?:wife|husband|sons?|daughters?|children|brothers?|sisters?|mother|father)\b"
    rf"|(?<![{_AR}])(?:و)(?:زوجته|زوجها|اطفاله|أطفاله|ابنه|ابنته|ابنائه|أبنائه|اولاده|أولاده|شقيقه|شقيقته)"
    rf"(?![{_AR}])",
    re.I,
)
# Said before the smaller figure: "including 12 children", "among them 5 women", "بينهم 3 أطفال",
# "من بينهم 8": a share of the figure its sentence gave before it
_SHARE_BEFORE = re.compile(
    r"(?:\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them)"
    rf"|(?<![{_AR}])(?:و)?(?:بينهم|منهم|من\s+بينهم|بينها|منها))\s*(?:\w+\s+){{0,1}}$",
    re.I,
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_HOUSEHOLD_MAX = 10  # a household's dead, named one by one


def _figures(c: Count) -> set[str]:
    return {str(v) for v in (c.low, c.high) if v is not None}


def _said_as_part(small: SourcedClaim) -> bool:
    """The smaller claim's own sentence says its figure is a share or one household's dead."""
    c, quote = small.claim.fatalities, (small.claim.quote or "").translate(_DIGITS)
    if c is None or not quote:
        return False
    figures = _figures(c)
    written = [m for m in re.finditer(r"(?<![\d.,])\d+(?![\d.,])", quote) if m.group() in figures]
    for m in written:
        if re.match(_SHARE_AFTER, quote[m.end() :], re.I) or _SHARE_BEFORE.search(quote[: m.start()]):
            return True
    top = max((v for v in (c.low, c.high) if v is not None), default=None)
    return not written and top is not None and top <= _HOUSEHOLD_MAX and bool(_HOUSEHOLD.search(quote))


def smaller_toll(a: Count | None, b: Count | None) -> int:
    """-1 when ``a``'s figure lies wholly below ``b``'s floor, 1 when ``b``'s below ``a``'s, else 0."""
    if a is None or b is None:
        return 0
    alo, ahi = count_interval(a)
    blo, bhi = count_interval(b)
    if ahi < blo:
        return -1
    if bhi < alo:
        return 1
    return 0


def part_of_toll(small: SourcedClaim, whole: SourcedClaim, *, finer: bool) -> bool:
    """Is ``small``'s figure a part of ``whole``'s toll? Both of one report (the caller's test, with
    the place, the dates and the type); ``finer``: ``small`` is placed inside ``whole``'s place at a
    finer level (a neighbourhood or a site of the town the whole's figure is told for)."""
    if smaller_toll(small.claim.fatalities, whole.claim.fatalities) != -1:
        return False
    return finer or _said_as_part(small)


def as_part(count: Count) -> Count:
    """A part's figure read as the floor of its event's toll ("at least 3 died")."""
    if count.low is None and count.high is None:
        return count
    floor = count.low if count.qualifier != "up_to" and count.low is not None else 0
    return Count(low=floor, high=None, qualifier="at_least")


def _finest(sc: SourcedClaim) -> int | None:
    ranks = [PLACE_RANK.get(p.precision, PLACE_RANK["town"]) for p in sc.claim.places]
    return min(ranks) if ranks else None


def parts_within(claims: list[SourcedClaim]) -> set[int]:
    """The positions of the claims, of one incident, whose figure is a part of a larger figure of their own
    report in it (:func:`part_of_toll`; placed finer when its finest place is of a finer level)."""
    out: set[int] = set()
    for n, s in enumerate(claims):
        rs, fs = claim_report_key(s), _finest(s)
        for w in claims:
            if w is s or claim_report_key(w) != rs:
                continue
            fw = _finest(w)
            if part_of_toll(s, w, finer=fs is not None and fw is not None and fs < fw):
                out.add(n)
                break
    return out
