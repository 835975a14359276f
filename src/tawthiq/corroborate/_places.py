"""Do two claims' places name the same ground? Same place, nested places, or near enough.

In: the ``PlaceRef`` tuples of two claims (names as written, coordinates and precision,
gazetteer ids when the extractor resolved them).
Out: a :class:`Where` summary per claim and :func:`places_relation` between two of them:
``"same"`` (a shared specific place), ``"nested"`` (a specific place inside the other's
area), ``"area"`` (only coarse areas, same or nested), ``"unknown"`` (a claim with no
place) or ``None`` (different ground).
Never: reads the gazetteer files itself or any database; a ``contains(outer_id, inner_id)``
callable can be passed in by whoever has the gazetteer.

Name folding is written here rather than taken from a library because the job is
narrow: the transliterations of one Arabic name ("Fardous", "alFerdaws", "al-Firdaws")
share their consonant skeleton, which is what we compare; rapidfuzz backs it up.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from tawthiq.entities import PlaceRef

__all__ = ["Where", "fold_name", "places_match", "places_relation", "skeleton", "where_of"]

SPECIFIC = frozenset({"exact", "neighbourhood"})
# How far a coarse place reaches from its point when we have no polygon (km).
_REACH_KM = {
    "exact": 0.5,
    "neighbourhood": 1.5,
    "town": 10.0,
    "district": 35.0,
    "governorate": 120.0,
    "country": 1e9,
}
_RANK = {"exact": 0, "neighbourhood": 1, "town": 2, "district": 3, "governorate": 4, "country": 5}

_SIDE_WORDS = {
    "east": "east",
    "eastern": "east",
    "e": "east",
    "west": "west",
    "western": "west",
    "w": "west",
    "north": "north",
    "northern": "north",
    "n": "north",
    "south": "south",
    "southern": "south",
    "s": "south",
}
_FILLER = re.compile(
    r"\b(province|governorate|countryside|city|town|village|neighbou?rhoods?|district|"
    r"quarter|area|hay|rebel[- ]held|opposition[- ]held|besieged|part of|the|of)\b"
)

Contains = Callable[[str, str], bool]


@lru_cache(maxsize=65536)
def fold_name(name: str) -> tuple[str, str | None]:
    """Lower-case, accent-free name without article or filler words, and its side.

    >>> fold_name("E.Aleppo")
    ('aleppo', 'east')
    >>> fold_name("alFerdaws")
    ('ferdaws', None)
    """
    s = re.sub(r"^(al|el)(?=[A-Z])", "", name.strip())  # run-together article: alFerdaws
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = re.sub(r"[’'`ʿʾ]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    side = None
    words = s.split()
    if words and words[0] in _SIDE_WORDS and len(words) > 1:
        side = _SIDE_WORDS[words[0]]
        words = words[1:]
    s = " ".join(words)
    s = _FILLER.sub(" ", s)
    s = re.sub(r"\b(al|el|an|ar|as|ash|ad|az)\b", " ", s)
    return " ".join(s.split()), side


@lru_cache(maxsize=65536)
def skeleton(folded: str) -> str:
    """Consonant skeleton of a folded name: vowels, w and y dropped, doubles collapsed."""
    s = re.sub(r"[aeiouwy\s]", "", folded)
    return re.sub(r"(.)\1+", r"\1", s)


@dataclass(frozen=True)
class _Pl:
    folded: str
    skel: str
    side: str | None
    lat: float | None
    lon: float | None
    rank: int
    place_id: str | None


@dataclass(frozen=True)
class Where:
    """A claim's places split into specific ones (neighbourhood, exact) and coarse areas."""

    specific: tuple[_Pl, ...]
    areas: tuple[_Pl, ...]

    @property
    def empty(self) -> bool:
        return not self.specific and not self.areas

    def block_keys(self) -> set[str]:
        """Coarse keys for blocking: the skeleton of every area and every specific place's area."""
        keys = {p.skel for p in self.areas if p.skel}
        for p in self.specific:
            if p.lat is not None and p.lon is not None:
                keys.add(f"@{round(p.lat, 1)},{round(p.lon, 1)}")
        for p in self.areas:
            if p.lat is not None and p.lon is not None and p.rank <= _RANK["town"]:
                keys.add(f"@{round(p.lat, 1)},{round(p.lon, 1)}")
        return keys


def where_of(places: tuple[PlaceRef, ...]) -> Where:
    spec: list[_Pl] = []
    areas: list[_Pl] = []
    for p in places:
        folded, side = fold_name(p.name)
        pl = _Pl(folded, skeleton(folded), side, p.lat, p.lon, _RANK.get(p.precision, 2), p.place_id)
        (spec if p.precision in SPECIFIC else areas).append(pl)
    return Where(tuple(spec), tuple(areas))


def _km(a: _Pl, b: _Pl) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _same_name(a: _Pl, b: _Pl) -> bool:
    if a.place_id and b.place_id:
        return a.place_id == b.place_id and _sides_fit(a, b)
    if not a.folded or not b.folded:
        return False
    if a.skel and a.skel == b.skel and len(a.skel) >= 2:
        return _sides_fit(a, b)
    return fuzz.ratio(a.folded, b.folded) >= 88 and _sides_fit(a, b)


def _sides_fit(a: _Pl, b: _Pl) -> bool:
    return a.side is None or b.side is None or a.side == b.side


def _same_specific(a: _Pl, b: _Pl) -> bool:
    if _same_name(a, b):
        return True
    if a.rank == b.rank:
        return False
    # an exact spot (a hospital, a market) inside a neighbourhood named by the other claim
    if a.rank != b.rank:
        d = _km(a, b)
        return d is not None and d <= _REACH_KM["neighbourhood"]
    return False


def _area_holds(area: _Pl, inner: _Pl, inner_areas: tuple[_Pl, ...], contains: Contains | None) -> bool:
    if area.place_id and inner.place_id and contains is not None and contains(area.place_id, inner.place_id):
        return True
    # the specific claim names the area itself ("Fardous, east Aleppo, Aleppo")
    if any(_same_name(area, o) or (area.side is None and o.skel == area.skel) for o in inner_areas):
        return True
    d = _km(area, inner)
    return d is not None and d <= _REACH_KM.get(_precision_of(area), 10.0)


def _precision_of(p: _Pl) -> str:
    return next(k for k, v in _RANK.items() if v == p.rank)


def _areas_meet(a: _Pl, b: _Pl, contains: Contains | None) -> bool:
    if _same_name(a, b):
        return True
    if (
        a.place_id
        and b.place_id
        and contains is not None
        and (contains(a.place_id, b.place_id) or contains(b.place_id, a.place_id))
    ):
        return _sides_fit(a, b)
    if a.skel == b.skel and a.skel and not _sides_fit(a, b):
        return False
    if a.rank == b.rank:
        d = _km(a, b)
        return d is not None and d <= 2.0
    outer, inner = (a, b) if a.rank > b.rank else (b, a)
    d = _km(outer, inner)
    return d is not None and d <= _REACH_KM.get(_precision_of(outer), 10.0)


def places_relation(a: Where, b: Where, contains: Contains | None = None) -> str | None:
    """``"same"``, ``"nested"``, ``"area"``, ``"unknown"`` or ``None`` (different places)."""
    if a.empty or b.empty:
        return "unknown"
    if _sides_clash(a, b):
        return None
    if a.specific and b.specific:
        if any(_same_specific(x, y) for x in a.specific for y in b.specific):
            return "same"
        return None
    if a.specific or b.specific:
        fine, coarse = (a, b) if a.specific else (b, a)
        ok = any(_area_holds(area, p, fine.areas, contains) for area in coarse.areas for p in fine.specific)
        # the coarse claim's area must also fit the fine claim's own areas (east vs west Aleppo)
        if ok and fine.areas:
            ok = any(_areas_meet(x, y, contains) for x in coarse.areas for y in fine.areas)
        return "nested" if ok else None
    if any(_areas_meet(x, y, contains) for x in a.areas for y in b.areas):
        return "area"
    return None


def _sides_clash(a: Where, b: Where) -> bool:
    """ "east Aleppo" and "west Aleppo": the same base named with opposite sides."""
    for x in a.areas:
        for y in b.areas:
            if x.side and y.side and x.side != y.side and x.skel == y.skel:
                return True
    return False


def places_match(written: str, query: str) -> bool:
    """Does a place name match what a user typed ("ferdaws" finds "al-Fardous")?"""
    a_f, a_side = fold_name(written)
    b_f, b_side = fold_name(query)
    if not b_f:
        return False
    if b_side and a_side != b_side:
        return False
    return (
        (skeleton(a_f) == skeleton(b_f) and len(skeleton(b_f)) >= 2)
        or b_f in a_f
        or (fuzz.ratio(a_f, b_f) >= 85)
    )
