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
share their consonant skeleton, which is what we compare; rapidfuzz backs it up. Arabic
names fold by ``_arabic`` (marks, hamza and alef forms, ة/ه, ى/ي, the article, place words
such as حي and مدينة); a name in Arabic and one in Latin letters are the same place only by
gazetteer id or by coordinates, never by spelling.

A place mentioned in passing (where the victims came from, where a spokesman spoke) is not
where the event happened: :func:`where_of` keeps a claim's places that hang together around
its most specific one and sets the others aside, and two claims are compared at the finest
places each gives (two towns of one province are different ground, whatever else they share).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from tawthiq.entities import PlaceRef
from tawthiq.geo import km

from ._arabic import fold_arabic, has_arabic

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
PLACE_RANK = _RANK  # for the clustering's other readings of a claim (finest first)

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

# Arabic place words and sides, in their folded spelling (ة → ه, article dropped).
_AR_FILLER = frozenset(
    {"حي", "احياء", "مدينه", "بلده", "قريه", "منطقه", "ريف", "محافظه", "ناحيه", "قضاء", "قضا", "مركز"}
)
_AR_SIDES = {
    "شرق": "east",
    "شرقي": "east",
    "شرقيه": "east",
    "غرب": "west",
    "غربي": "west",
    "غربيه": "west",
    "شمال": "north",
    "شمالي": "north",
    "شماليه": "north",
    "جنوب": "south",
    "جنوبي": "south",
    "جنوبيه": "south",
}


def _fold_arabic_name(name: str) -> tuple[str, str | None]:
    words = fold_arabic(name).split()
    side = None
    kept = []
    for w in words:
        w = re.sub(r"[^\w]", "", w)
        if w in _AR_SIDES and len(words) > 1:
            side = _AR_SIDES[w]
        elif w and w not in _AR_FILLER and not w.isdigit():
            kept.append(w)
    return " ".join(kept), side


@lru_cache(maxsize=65536)
def fold_name(name: str) -> tuple[str, str | None]:
    """Lower-case, accent-free name without article or filler words, and its side.

    >>> fold_name("E.Aleppo")
    ('aleppo', 'east')
    >>> fold_name("alFerdaws")
    ('ferdaws', None)
    >>> fold_name("حلب الشرقية")
    ('حلب', 'east')
    """
    if has_arabic(name):
        return _fold_arabic_name(name)
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
    """Consonant skeleton of a folded name: vowels, w and y dropped, doubles collapsed
    (in Arabic script: ا, و and ي)."""
    s = re.sub(r"(?<=[aeiouy])h\b", "", folded)  # ta marbuta written or not: Hodeidah, Hodeida
    s = re.sub(r"[aeiouwy\sاوي]", "", s)
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
    """A claim's places, split into specific ones and areas, passing mentions set aside."""
    pls: list[_Pl] = []
    for p in places:
        folded, side = fold_name(p.name)
        pls.append(_Pl(folded, skeleton(folded), side, p.lat, p.lon, _RANK.get(p.precision, 2), p.place_id))
    pls = _hanging_together(pls)
    spec = tuple(p for p in pls if p.rank <= _RANK["neighbourhood"])
    areas = tuple(p for p in pls if p.rank > _RANK["neighbourhood"])
    return Where(spec, areas)


# Places named at one level in one claim lie together: neighbourhoods of one city, towns of
# one district. Farther than this (km) from the claim's first finest place, a place of the
# same level is a mention in passing ("the victims had fled from Aleppo").
_TOGETHER_KM = {"exact": 10.0, "neighbourhood": 10.0, "town": 35.0, "district": 120.0, "governorate": 400.0}


def _hanging_together(pls: list[_Pl]) -> list[_Pl]:
    """The places around the claim's most specific one (the first of the finest level): the
    others of its level near it and the areas that reach it. Without coordinates a place is
    kept (nothing shows it is elsewhere)."""
    if len(pls) < 2:
        return pls
    finest = min(p.rank for p in pls)
    primary = next(p for p in pls if p.rank == finest)
    kept = []
    for p in pls:
        d = _km(p, primary)
        if p is primary or d is None:
            kept.append(p)
        elif p.rank <= primary.rank:
            if d <= _TOGETHER_KM.get(_precision_of(p), 35.0):
                kept.append(p)
        elif d <= _REACH_KM.get(_precision_of(p), 10.0):
            kept.append(p)
    return kept


def _finest(ps: tuple[_Pl, ...]) -> tuple[_Pl, ...]:
    if not ps:
        return ps
    top = min(p.rank for p in ps)
    return tuple(p for p in ps if p.rank == top)


def _km(a: _Pl, b: _Pl) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return km(a.lat, a.lon, b.lat, b.lon)


def _same_name(a: _Pl, b: _Pl) -> bool:
    if a.place_id and b.place_id:
        return a.place_id == b.place_id and _sides_fit(a, b)
    if not a.folded or not b.folded:
        return False
    if a.skel and a.skel == b.skel and len(a.skel) >= (3 if has_arabic(a.skel) else 2):
        return _sides_fit(a, b)
    return fuzz.ratio(a.folded, b.folded) >= 88 and _sides_fit(a, b)


def _same_point(a: _Pl, b: _Pl) -> bool:
    """One place at one level, named in two scripts (or two spellings the folding misses):
    the same point (gazetteer coordinates), and names that are not plainly different in one
    script. An annotator may give a small site its neighbourhood's centre: two sites of one
    neighbourhood then share a point but their names differ, so they are not one place."""
    if a.rank != b.rank or (a.place_id and b.place_id):
        return False
    d = _km(a, b)
    if d is None or d > 0.3 or not _sides_fit(a, b):
        return False
    return not _plainly_different(a, b)


def _plainly_different(a: _Pl, b: _Pl) -> bool:
    """Two names in one script that share little (Hamouriya and Arbeen, two towns 2 km apart)."""
    if a.folded and b.folded and has_arabic(a.folded) == has_arabic(b.folded):
        return fuzz.ratio(a.folded, b.folded) < 70
    return False


def _sides_fit(a: _Pl, b: _Pl) -> bool:
    return a.side is None or b.side is None or a.side == b.side


def _same_specific(a: _Pl, b: _Pl) -> bool:
    if _same_name(a, b) or _same_point(a, b):
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
    if any(
        _same_name(area, o) or (area.side is None and area.skel and o.skel == area.skel) for o in inner_areas
    ):
        return True
    d = _km(area, inner)
    return d is not None and d <= _REACH_KM.get(_precision_of(area), 10.0)


def _precision_of(p: _Pl) -> str:
    return next(k for k, v in _RANK.items() if v == p.rank)


def _areas_meet(a: _Pl, b: _Pl, contains: Contains | None) -> bool:
    if _same_name(a, b) or _same_point(a, b):
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
        return d is not None and d <= 2.0 and not _plainly_different(a, b)
    outer, inner = (a, b) if a.rank > b.rank else (b, a)
    d = _km(outer, inner)
    return d is not None and d <= _REACH_KM.get(_precision_of(outer), 10.0)


def places_relation(a: Where, b: Where, contains: Contains | None = None) -> str | None:
    """``"same"``, ``"nested"``, ``"area"``, ``"unknown"`` or ``None`` (different places).

    Compared at the finest places each claim gives: two neighbourhoods are the same ground
    or not; a neighbourhood lies in the other claim's finest area or not; two areas meet
    (the same town, or one inside the other) or not. A shared coarser area ("Kharkiv
    region" beside two different towns) does not make two places one.
    """
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
        outer = _finest(coarse.areas)
        ok = any(_area_holds(area, p, fine.areas, contains) for area in outer for p in fine.specific)
        # the coarse claim's area must also fit the fine claim's own areas (east vs west Aleppo)
        if ok and fine.areas:
            ok = any(_areas_meet(x, y, contains) for x in outer for y in fine.areas)
        return "nested" if ok else None
    if any(_areas_meet(x, y, contains) for x in _finest(a.areas) for y in _finest(b.areas)):
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
