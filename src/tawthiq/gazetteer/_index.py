"""The shipped gazetteer: load the compiled tables, find toponyms in text, walk the parent links.

In: ``data/*.tsv`` compiled by ``scripts/build_gazetteer.py`` (OCHA COD-AB admin units, Aleppo city
neighbourhoods, GeoNames and UCDP GED towns), and English text to search (Arabic text: :mod:`._arabic`).
Out: :class:`tawthiq.entities.Place` entries and :class:`PlaceMatch` hits with their character spans.
Never: downloads, writes, or guesses a coordinate: every coordinate comes from a row with a source.

Matching: a run of capitalised words (with "al-"/"el-" connectors) is looked up by its spelling-blind
key (:func:`toponym_key`), checked with a rapidfuzz similarity against the variant it hit, and, when a
key names several places, resolved by context: a type word after the name ("X province", "X
neighbourhood"), a containing place right after it ("Fardous of Aleppo", "Sukkari, Aleppo") and the
places already known for the document (``context``) beat the default ranking (Aleppo city, then
neighbourhoods, governorates, towns by size).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from tawthiq.entities import Place, PlaceRef
from tawthiq.errors import InputError
from tawthiq.gazetteer._arabic import NEAR_KM, build_arabic_index, lookup_arabic, match_arabic
from tawthiq.gazetteer._names import fold, toponym_key
from tawthiq.gazetteer._twins import find_twins
from tawthiq.gazetteer._world import WorldLayer, load_world, world_key
from tawthiq.geo import km
from tawthiq.text.arabic import arabic_share
from tawthiq.text.bidi import strip_bidi

__all__ = ["Gazetteer", "PlaceMatch", "load_gazetteer"]

_TABLES = ("admin.tsv", "aleppo_neighbourhoods.tsv", "towns.tsv")
PRECISION = {
    "country": "country",
    "governorate": "governorate",
    "district": "district",
    "subdistrict": "district",
    "town": "town",
    "city_district": "neighbourhood",
    "neighbourhood": "neighbourhood",
    "landmark": "neighbourhood",
}
_BASE_RANK = {
    "town": 2.0,
    "neighbourhood": 3.0,
    "landmark": 2.5,
    "city_district": 2.5,
    "governorate": 3.0,
    "district": 1.5,
    "subdistrict": 1.0,
    "country": 4.0,
}
_WORLD = "world:"
_DIRECTIONS = frozenset(
    [
        "east",
        "eastern",
        "west",
        "western",
        "north",
        "northern",
        "south",
        "southern",
        "central",
        "greater",
        "new",
        "old",
        "the",
        "in",
    ]
)
_TYPE_WORDS = {
    "province": ("governorate",),
    "governorate": ("governorate",),
    "countryside": ("governorate",),
    "neighbourhood": ("neighbourhood", "landmark"),
    "neighborhood": ("neighbourhood", "landmark"),
    "neighbourhoods": ("neighbourhood",),
    "neighborhoods": ("neighbourhood",),
    "quarter": ("neighbourhood",),
    "district": ("city_district", "district", "neighbourhood"),
    "town": ("town",),
    "village": ("town",),
    "city": ("town",),
    "area": ("neighbourhood", "town"),
}
# Capitalised words that are never a place in this domain even when a village shares their key.
_NEVER_WORDS = (
    "The A An In On At It He She They We His Her Its Our This That These Those There Then But And Or "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December Government Army Regime Rebels Russia Russian "
    "Turkey Iran Iranian United Nations Security Council State Department Observatory Human Rights "
    "Watch Red Cross Crescent White Helmets Civil Defence Defense Reuters AFP Al Jazeera BBC CNN UN US "
    "UK EU WHO ICRC SOHR UNICEF Islamic Islamist Kurdish Syrian Assad Bashar President Minister Mr Ms "
    "Dr General Health Directorate Media Center Centre Video Image Credit News Times Independent "
    "Thank Please Join Unconfirmed Activists Opposition Elsewhere Meanwhile Earlier Later Today "
    "Yesterday Tonight Several Some Many Most All Every Members Official Spokesman Aid Medical Sham "
    # common given names: a person is not a place even when a village shares the key
    "Ahmed Ahmad Mohammed Muhammad Mohamed Ali Omar Umar Hassan Hasan Hussein Ibrahim Abu Abdullah "
    "Khaled Khalid Mahmoud Mustafa Youssef Yusuf Jan Ammar Zouhir Ole Elizabeth David Ingy"
)
_NEVER = frozenset(fold(w) for w in _NEVER_WORDS.split())
# a lowercase particle that continues a person's name ("Nasser al-Argaly"), unlike "on" or "and"
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "ould"})
# English words and name parts that are also towns somewhere in the world (GeoNames): never a world
# place (a Syrian place keeps its own rules). Measured on the tune texts: "Justice Ministry",
# "Rapid Support Forces", "DATE:" headers, "Wadi ..." valleys.
_WORLD_NEVER_WORDS = (
    "Date Justice Rapid Support Forces Police Reading Nice Mobile Victoria Hope Union Liberty Mission "
    "Progress Unity Concord Welcome Enterprise Wadi Deir Beit Umm Tel Tell Khan Kafr Sheikh Imam "
    "Council Court Street Road Bridge Gate Camp Market Hospital School University College Center "
    "Central North South East West Northern Southern Eastern Western Middle Upper Lower New Old "
    "Great Little Saint San Santa Port Mount Lake River Valley Island Bay Beach Park Garden Palace "
    "Paradise Salvation Resistance Freedom Victory Dignity Peace Hamas Hezbollah Taliban Houthi Ansar "
    "Wagner Azov Janjaweed Amnesty Oxfam Save Doctors Border Frontier"
)
_WORLD_NEVER = frozenset(fold(w) for w in _WORLD_NEVER_WORDS.split())
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’]*")
# First words of compound Arabic toponyms: "Om Hosh" unknown must not become a village called "Hosh".
_PREFIXES = frozenset(
    {
        "om",
        "umm",
        "um",
        "tal",
        "tall",
        "tell",
        "kafr",
        "kafar",
        "kfar",
        "deir",
        "dayr",
        "ain",
        "ayn",
        "bab",
        "jabal",
        "jebel",
        "khan",
        "beit",
        "bayt",
        "bir",
        "maarat",
        "qasr",
        "karm",
        "karam",
        "hay",
        "tel",
        "abu",
    }
)
# where a town's name spelt in an unknown transliteration is believed: after these words, or before
# a type word (Gazetteer._stands_as_place)
_VARIANT_BEFORE = frozenset(
    {
        *("in", "at", "near", "on", "of", "from", "into", "outside", "around", "towards", "toward", "to"),
        *("across", "hit", "struck", "shelled", "bombed", "targeted", "attacked", "besieged", "captured"),
        "stormed",
    }
)
_VARIANT_AFTER = frozenset(
    {"city", "town", "village", "district", "region", "oblast", "province", "governorate", "area", "camp"}
)
_CONNECTORS = frozenset({"al", "el", "ad", "ash", "as", "an", "ar", "az", "at", "ibn", "bin", "of", "de"})


@dataclass(frozen=True)
class PlaceMatch:
    """A toponym found in text: where, as written, and the place it was resolved to."""

    start: int
    end: int
    surface: str
    place: Place
    alternatives: tuple[str, ...] = ()  # other place ids the same key named

    @property
    def precision(self) -> str:
        return PRECISION.get(self.place.kind, "town")


@dataclass
class Gazetteer:
    """Places by id, a key index over every name and variant, and parent links."""

    places: dict[str, Place]
    _index: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    _rank: dict[str, float] = field(default_factory=dict, repr=False)
    _cache: dict[str, list[str]] = field(default_factory=dict, repr=False)  # surface → candidate ids
    _chains: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)  # id → ancestor ids
    _index_ar: dict[str, list[str]] | None = field(default=None, repr=False)  # Arabic key → ids
    _aliases: dict[str, str] = field(default_factory=dict, repr=False)  # a twin's id → the place's (_twins)

    # ------------------------------------------------------------ lookup and hierarchy
    def get(self, place_id: str) -> Place:
        """The place with this id (a UCDP twin's id gives the GeoNames town it is, :mod:`._twins`);
        :class:`InputError` naming the id when there is none."""
        place = self.places.get(place_id) or self.places.get(self._aliases.get(place_id, ""))
        if place is None and place_id.startswith(_WORLD):
            place = self.world.get(place_id)
        if place is None:
            raise InputError(f"no place with id {place_id!r} in the gazetteer", field="place_id")
        return place

    def twin_ids(self) -> dict[str, str]:
        """Each UCDP twin's id -> the id of the GeoNames town it is (:mod:`._twins`). A claim stored
        before the twins were joined may still carry the twin's id; :meth:`get` answers it, and a
        table of places by id (an export's) takes these ids too."""
        return dict(self._aliases)

    @property
    def world(self) -> WorldLayer:
        """GeoNames' towns outside Syria and the world's countries, read on first use."""
        return load_world()

    def ancestors(self, place_id: str) -> list[Place]:
        """Parents of a place, nearest first (neighbourhood → Aleppo city → … → Syria)."""
        out: list[Place] = []
        seen = {place_id}
        pid = self.get(place_id).parent_id
        while pid and pid not in seen and (pid in self.places or pid.startswith(_WORLD)):
            seen.add(pid)
            parent = self.get(pid)
            out.append(parent)
            pid = parent.parent_id
        return out

    def contains(self, outer: str, inner: str) -> bool:
        """True when ``inner`` is ``outer`` or lies inside it by parent links."""
        if outer == inner:
            return True
        chain = self._chains.get(inner)
        if chain is None:
            chain = self._chains[inner] = frozenset(p.id for p in self.ancestors(inner))
        return outer in chain

    def lookup(self, name: str) -> list[Place]:
        """Every place one of whose names has the same key as ``name``, best ranked first.

        A name in Arabic script is looked up among the Arabic names (:func:`._arabic.lookup_arabic`):
        its Latin key is empty, and an empty key must find nothing.
        """
        if arabic_share(name) > 0.5:
            return [self.get(p) for p in lookup_arabic(self, name)]
        hits = self._candidates(name.strip())
        if not hits:
            return [self.get(p) for p in self.world.candidates(name.strip())]
        return sorted((self.places[p] for p in hits), key=lambda p: (-self._rank.get(p.id, 0), p.id))

    def to_ref(self, place: Place, surface: str | None = None) -> PlaceRef:
        """The :class:`PlaceRef` a claim carries: the name as written, the gazetteer's coordinate."""
        return PlaceRef(
            name=surface or place.name_en,
            lat=place.lat,
            lon=place.lon,
            precision=PRECISION.get(place.kind, "town"),
            place_id=place.id,
            name_ar=place.name_ar,
        )

    # ------------------------------------------------------------ finding toponyms in text
    def match(self, text: str, context: Iterable[str] = ()) -> list[PlaceMatch]:
        """Every toponym in ``text``, longest match first, resolved by context (place ids)."""
        ctx = tuple(context)
        toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        out: list[PlaceMatch] = []
        i = 0
        while i < len(toks):
            w = toks[i][2]
            if not (w[0].isupper() or w[:2] in ("al", "el")):
                i += 1  # a place name starts with a capital or an article
                continue
            # without the report's context, the places found so far in this text stand for it in
            # one question only: are they all abroad (:meth:`_abroad`)? "Car bombs in Baghdad ...
            # in Ramadi": Iraq's Ramadi
            hit = self._match_at(text, toks, i, ctx, ctx or tuple(m.place.id for m in out))
            if hit is None:
                i += 1
                continue
            out.append(hit[0])
            i = hit[1]
        return out

    def match_arabic(self, text: str, context: Iterable[str] = ()) -> list[PlaceMatch]:
        """Every toponym written in Arabic script in ``text`` (see :mod:`._arabic`), spans into ``text``."""
        return match_arabic(self, text, context)

    def arabic_index(self) -> dict[str, list[str]]:
        """Arabic name key → place ids (built on first use: English-only callers never pay for it)."""
        if self._index_ar is None:
            self._index_ar = build_arabic_index(self.places.values())
        return self._index_ar

    def _match_at(self, text: str, toks, i: int, ctx: tuple[str, ...], seen: tuple[str, ...] = ()):
        s0, _, w0 = toks[i]
        low0 = w0.lower()
        starts_ok = (
            w0[0].isupper()
            or (
                low0 in ("al", "el")
                and i + 1 < len(toks)
                and toks[i + 1][2][0].isupper()
                and text[toks[i][1] : toks[i + 1][0]] in ("-", " ")
            )
            or bool(re.match(r"(?:al|el)[A-Z]", w0))
        )
        if not starts_ok:
            return None
        if i > 0 and toks[i - 1][2].lower() in _PREFIXES and text[toks[i - 1][1] : s0] in (" ", "-"):
            return None
        last = i
        for j in range(i + 1, min(i + 6, len(toks))):
            gap = text[toks[j - 1][1] : toks[j][0]]
            # "Ma’arrat al- Nu’man", "Jabal al- Zaweya": an article written with a space after its
            # hyphen (the monitors' English) still joins the name
            spaced_article = gap == "- " and toks[j - 1][2].lower() in ("al", "el")
            if gap not in (" ", "-", " - ", "  ") and not spaced_article:
                break
            last = j
        for j in range(last, i - 1, -1):
            w = toks[j][2]
            if (not w[0].isupper() and not re.match(r"(?:al|el)[A-Z]", w)) or w.lower() in _CONNECTORS:
                continue  # a name ends on a capitalised word, never on "Al"
            surface = text[s0 : toks[j][1]]
            if all(fold(t[2]) in _NEVER or t[2].lower() in _CONNECTORS for t in toks[i : j + 1]):
                continue
            cands = self._candidates(surface)
            # a Syrian name always wins, unless it was only a spelling-blind guess ("Jabalia" is
            # not Jablah) and the text spells a world place exactly
            world = (
                []
                if cands and (self._exact(surface, cands) or self._in_context(cands, ctx))
                else self._world_candidates(surface)
            )
            abroad = self._abroad(seen)
            if cands and not world and abroad and not self._in_context(cands, ctx):
                # a report whose title and lede name places abroad and none in Syria: "Ramadi" there
                # is Iraq's city, not Syria's village of Ar Ramadi; "Saada" Yemen's, not Syria's
                world = [pid for pid in self._world_candidates(surface) if self.world.country(pid) in abroad]
            if not world and not (cands and (self._exact(surface, cands) or self._in_context(cands, ctx))):
                # no place has the name's exact key: a transliteration variant of one world town
                # ("Chuhuif", "Houdeidah"), in the report's countries when its title or lede names
                # places; over a Syrian spelling-blind guess only when the report names that country
                world = (
                    self._variant_candidates(surface, ctx, in_context_only=bool(cands))
                    if self._stands_as_place(text, toks, i, j)
                    else []
                )
            if cands and not world:
                # namesakes: without the report's context, the places this text named before stand
                # for it ("Idlib Province: ... the town of Jbala" is Idlib's Jibala, not Latakia's
                # Jablah); this is what gives the title and lede their own reading
                place, alts = self._resolve(text, toks, j, cands, ctx or seen, s0)
                return PlaceMatch(s0, toks[j][1], surface, place, alts), j + 1
            if world and self._inside_a_name(text, toks, i, j):
                return None  # "Ahmed Qorra Ali": a world town inside a person's or a group's name
            if world:
                place, alts = self._resolve_world(world, ctx or seen)
                return PlaceMatch(s0, toks[j][1], surface, place, alts), j + 1
        return None

    # ------------------------------------------------------------ the world layer
    def _world_candidates(self, surface: str) -> list[str]:
        """World places named exactly (up to articles, hyphens, doubled letters) by ``surface``."""
        key = "\x00" + surface
        hit = self._cache.get(key)
        if hit is None:
            # "Of", "Bar": too short to name a place in a world of 70,000
            hit = self.world.candidates(surface) if self._world_candidates_allowed(surface) else []
            self._cache[key] = hit
        return hit

    def _abroad(self, ctx: tuple[str, ...]) -> frozenset[str]:
        """The countries of the report's places (``ctx``: its title and lede) when all lie abroad;
        empty when one is Syrian (or there are none): a report on Aleppo keeps Syria's names first."""
        key = "\x01" + "|".join(ctx)
        hit = self._cache.get(key)
        if hit is None:
            syrian = any(c in self.places for c in ctx)
            countries = {self.world.country(c) for c in ctx if c.startswith(_WORLD)} - {""}
            hit = self._cache[key] = sorted(countries) if countries and not syrian else []
        return frozenset(hit)

    def _variant_candidates(self, surface: str, ctx: tuple[str, ...], *, in_context_only: bool) -> list[str]:
        """The world town a transliteration variant of ``surface`` names (:meth:`WorldLayer.
        variant_candidates`), under the guards of :meth:`_world_candidates`. A report whose title or
        lede names places (``ctx``) takes only a town in one of their countries (a Syrian place is in
        Syria, where the world layer has no town); with ``in_context_only`` the same holds even for a
        report that names none."""
        if not self._world_candidates_allowed(surface):
            return []
        countries = {
            self.world.country(c) if c.startswith(_WORLD) else "SY"
            for c in ctx
            if c in self.places or (c.startswith(_WORLD) and c in self.world)
        }
        if in_context_only and not countries:
            return []
        hit = self.world.variant_candidates(surface, countries)
        if countries and hit and self.world.country(hit[0]) not in countries:
            return []
        return hit

    @staticmethod
    def _stands_as_place(text: str, toks, i: int, j: int) -> bool:
        """Is the name at tokens i..j written where a place stands: after a locative ("in X", "hit
        X", "the city of X") or before a type word ("X city")? A guess by transliteration is made
        only there: capitalised words ("Women", "Among", "Photo") share variant keys with towns."""
        if toks[i][2].isupper() and len(toks[i][2]) > 1:
            return False  # "RAID", "ISIL", "PHOTO": a heading, an acronym
        before = toks[i - 1][2].lower() if i > 0 and text[toks[i - 1][1] : toks[i][0]] == " " else ""
        spaced = j + 1 < len(toks) and text[toks[j][1] : toks[j + 1][0]] == " "
        after = toks[j + 1][2].lower() if spaced else ""
        return before in _VARIANT_BEFORE or after in _VARIANT_AFTER

    def _world_candidates_allowed(self, surface: str) -> bool:
        words = surface.split()
        common = [fold(w) in _NEVER or fold(w) in _WORLD_NEVER or w.lower() in _CONNECTORS for w in words]
        return len(world_key(surface)) >= 4 and not all(common) and not common[-1]

    @staticmethod
    def _inside_a_name(text: str, toks, i: int, j: int) -> bool:
        before = toks[i - 1][2] if i > 0 and text[toks[i - 1][1] : toks[i][0]] == " " else ""
        after = toks[j + 1][2] if j + 1 < len(toks) and text[toks[j][1] : toks[j + 1][0]] == " " else ""
        # a capitalised word of the never-list after it ("Kabul Bank" ...); a lowercase "on" or "and"
        # after a town ("in Mosul on Monday") ends the name, it does not make it part of one
        # a possessive before it ("Yemen's Hodeidah province") names where the place lies, not a name
        possessive = before.endswith(("'s", "’s"))
        return (before[:1].isupper() and before.lower() not in _DIRECTIONS and not possessive) or (
            (after[:1].isupper() or after.lower() in _NAME_PARTICLES) and fold(after) in _NEVER
        )

    def _exact(self, surface: str, cands: list[str]) -> bool:
        """Does ``surface`` spell one of the Syrian candidates' names (not only share a key)?"""
        return bool(self._spelled(surface, cands))

    def _spelled(self, surface: str, cands: list[str]) -> list[str]:
        """The candidates one of whose names ``surface`` spells (up to articles, hyphens, doubled
        letters), not only resembles by key and ratio."""
        k = world_key(surface)
        return [
            pid
            for pid in cands
            if any(world_key(n) == k for n in (self.places[pid].name_en, *self.places[pid].variants))
        ]

    def _in_context(self, cands: list[str], ctx: tuple[str, ...]) -> bool:
        return any(self.contains(c, pid) for pid in cands for c in ctx)

    def _resolve_world(self, cands: list[str], ctx: tuple[str, ...]) -> tuple[Place, tuple[str, ...]]:
        """The most populous candidate, unless one lies in a country the report already names."""
        countries = {self.world.country(c) for c in ctx if c.startswith(_WORLD)}
        ranked = sorted(cands, key=lambda pid: (self.world.country(pid) not in countries,))
        return self.get(ranked[0]), tuple(ranked[1:])

    def _candidates(self, surface: str) -> list[str]:
        hit = self._cache.get(surface)
        if hit is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            hit = self._cache[surface] = self._lookup_candidates(surface)
        return hit

    def _lookup_candidates(self, surface: str) -> list[str]:
        key = toponym_key(surface, strip_run_together=bool(re.search(r"\b(?:al|el)[A-Z]", surface)))
        entries = self._index.get(key)
        if not entries:
            return []
        folded = fold(surface)
        out: list[str] = []
        for pid, variant in entries:
            if len(key) <= 2 and folded != variant and world_key(folded) != world_key(variant):
                # a key of one or two consonants is too short to trust without the same spelling, up
                # to articles, hyphens, doubled letters and a final "-h" ("Al-Jiza" is "Al Jizah");
                # spelt so, it is the place ("Foah", key "f", was never found: issue 15)
                continue
            if fuzz.ratio(folded, variant) >= 70 or folded.replace(" ", "") == variant.replace(" ", ""):
                out.append(pid)
        return list(dict.fromkeys(out))

    def _resolve(self, text, toks, j, cands, ctx, start):
        # a name the text spells exactly is that place, not a namesake it only resembles ("Masaran"
        # is the village of Masaran, not Aleppo's Ma'saraniyeh), unless only the look-alike lies in
        # the report's places (a report on Aleppo's quarters), or the report's places lie abroad
        # ("West Mosul's al Jadida" is neither Raqqa's Jadidah nor Aleppo's Jdeydeh: the rank
        # decides as before); the look-alikes stay alternatives
        spelled = self._spelled(text[start : toks[j][1]], cands)
        if (
            spelled
            and len(spelled) < len(cands)
            and (self._in_context(spelled, ctx) or not self._in_context(cands, ctx))
            and not any(c.startswith(_WORLD) for c in ctx)
        ):
            best, alts = self._resolve(text, toks, j, spelled, ctx, start)
            return best, (*alts, *(c for c in cands if c not in spelled))
        after = text[toks[j][1] : toks[j][1] + 40]
        type_word = re.match(r"\s*([A-Za-z]+)", after)
        wanted = _TYPE_WORDS.get(type_word.group(1).lower(), ()) if type_word else ()
        if not wanted:
            # the type word before the name: "the village of X", "the town of X", "X's" no
            before = _TYPE_BEFORE.search(text[max(0, start - 60) : start])
            wanted = _TYPE_WORDS.get(before.group(1).lower(), ()) if before else ()
        nxt = re.match(r"\s*(?:,|of|in)\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)", after)
        outer = self.lookup(nxt.group(1)) if nxt else []

        def score(pid: str) -> float:
            p = self.places[pid]
            s = self._rank.get(pid, 0.0)
            if p.kind in wanted:
                s += 10
            if any(self.contains(o.id, pid) and o.id != pid for o in outer[:3]):
                s += 6
            if any(self.contains(c, pid) for c in ctx):
                s += 4
            elif p.kind == "town" and p.lat is not None and any(_km(p, t) <= _NEAR_KM for t in near):
                s += 3  # among namesakes, the one near a town the title or lede names
            return s

        near = [
            t
            for t in (self.places.get(c) for c in ctx)
            if t is not None and t.kind == "town" and t.lat is not None and t.lon is not None
        ]

        ranked = sorted(cands, key=lambda pid: (-score(pid), pid))
        return self.places[ranked[0]], tuple(ranked[1:])

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places.values())

    def __len__(self) -> int:
        return len(self.places)


# "the village of X", "the town of X", "the neighbourhood of X", "Idlib's province of X" no: a type
# word and "of" right before the name
_TYPE_BEFORE = re.compile(
    r"\b(province|governorate|neighbou?rhood|quarter|district|town|village|city|area)\s+of\s+(?:the\s+)?$",
    re.I,
)


# a namesake this close to a town of the report's title or lede is the one meant (_arabic.NEAR_KM)
_NEAR_KM = NEAR_KM


def _km(a: Place, b: Place) -> float:
    """Great-circle distance in km between two places with points."""
    return km(a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0)


def _rank(row: dict[str, str]) -> float:
    r = _BASE_RANK.get(row["kind"], 1.0)
    extra = dict(kv.split("=", 1) for kv in row["extra"].split(";") if "=" in kv)
    if row["id"] == "C1007":
        r += 5  # "Aleppo" alone is the city
    if "population" in extra and extra["population"].isdigit():
        r += min(int(extra["population"]) / 200_000, 2.0)
    if "n_events" in extra and extra["n_events"].isdigit():
        r += min(int(extra["n_events"]) / 100, 1.0)
    return r


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer shipped in the package (loaded once per process).

    A UCDP town that is a GeoNames town spelt otherwise (:func:`._twins.find_twins`) is one place: its
    names become the GeoNames town's variants and its id an alias of that town's. The joined town is
    shown under the UCDP name, which is the spelling of conflict reporting ("Azaz", "Houla", "Kafr
    Nabl", "Quneitra"), where GeoNames gives a scholarly transliteration ("I‘zāz", "Kafr Lāhā",
    "Kafranbel", "Al Qunayţirah"); GeoNames' name stays a variant, so the same names are indexed."""
    places: dict[str, Place] = {}
    index: dict[str, list[tuple[str, str]]] = {}
    rank: dict[str, float] = {}
    data = resources.files("tawthiq.gazetteer") / "data"
    rows: list[dict[str, str]] = []
    for name in _TABLES:
        # Traversable.open is typed without newline=; csv needs it, so the text layer is ours
        with io.TextIOWrapper((data / name).open("rb"), encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    aliases = find_twins(rows)
    extra_names: dict[str, list[str]] = {}
    shown: dict[str, str] = {}  # a joined town's English name: its UCDP twin's (see the docstring)
    for row in rows:
        if (twin := aliases.get(row["id"])) is not None:
            shown.setdefault(twin, row["name_en"])
            names = extra_names.setdefault(twin, [])
            spellings = (*row["name_en"].split("/"), row["name_ar"], *row["variants"].split("|"))
            names += [n.strip() for n in spellings]
    for row in rows:
        if row["id"] in aliases:
            rank[aliases[row["id"]]] = max(rank.get(aliases[row["id"]], 0.0), _rank(row))
            continue
        variants = tuple(v for v in row["variants"].split("|") if v)
        name_en = shown.get(row["id"], row["name_en"])
        if name_en != row["name_en"]:
            variants = (row["name_en"], *variants)  # GeoNames' transliteration stays a spelling
        own = {name_en, row["name_ar"], *variants}
        variants += tuple(dict.fromkeys(n for n in extra_names.get(row["id"], ()) if n and n not in own))
        place = Place(
            id=row["id"],
            name_en=name_en,
            name_ar=strip_bidi(row["name_ar"]) or None,  # one source row carries two LRMs
            variants=variants,
            kind=row["kind"],
            parent_id=row["parent_id"] or None,
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
            source=row["source"],
            licence=row["licence"],
        )
        places[place.id] = place
        rank[place.id] = max(rank.get(place.id, 0.0), _rank(row))
        for n in (name_en, *variants):
            # (a name of vowels alone, "Ayu", has the empty key: found only spelt as here)
            index.setdefault(toponym_key(n), []).append((place.id, fold(n)))
    return Gazetteer(places=places, _index=index, _rank=rank, _aliases=aliases)
