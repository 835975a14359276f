"""Public CSV exports: ACLED-style, UCDP-GED-style and HXL-tagged, from public incidents.

In: an :class:`ExportContext`; every row comes from :func:`public_incidents`, so the policy
(fields, fuzzing, small-count suppression, delay, grades) is applied exactly as on the web.
Out: one UTF-8 CSV file per format in the output folder; returns details for the manifest.
Never: reads a protected value or an unpublished incident; touches the database; writes a
text cell a spreadsheet would run as a formula (see ``_cells``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ._cells import write_table
from ._context import INTERNAL_MARKS, ExportContext, admin1_of, country_of, place_name, public_incidents
from ._taxonomy import (
    ACLED_TYPES,
    acled_geo_precision,
    acled_time_precision,
    ged_date_prec,
    ged_type_of_violence,
    ged_where_prec,
    place_scale,
)

__all__ = ["write_acled", "write_ged", "write_hxl"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "civilian_targeting", "iso", "country", "admin1",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "tawthiq_event_type", "tawthiq_grade",
)  # fmt: skip
GED_COLUMNS = (
    "id", "year", "type_of_violence", "side_a", "side_b", "source_article", "source_original",
    "source_date", "where_prec", "where_coordinates", "where_description", "adm_1", "latitude",
    "longitude", "geom_wkt", "country", "event_clarity", "date_prec", "date_start", "date_end",
    "deaths_civilians", "best", "high", "low", "tawthiq_event_type", "tawthiq_grade",
)  # fmt: skip
HXL_COLUMNS = (
    ("Incident ID", "#event+id"), ("Event type", "#event+type"), ("Start date", "#date+start"),
    ("End date", "#date+end"), ("Date precision", "#date+precision"), ("Country", "#country+name"),
    ("Governorate", "#adm1+name"), ("Location", "#loc+name"), ("Latitude", "#geo+lat"),
    ("Longitude", "#geo+lon"), ("Location precision", "#geo+precision"),
    ("Killed (best)", "#affected+killed"), ("Killed (low)", "#affected+killed+min"),
    ("Killed (high)", "#affected+killed+max"), ("Grade", "#status+grade"),
    ("Origins", "#meta+source"), ("Rationale", "#description"),
    # where a reader finds the originals (issue 15 item 5): the http(s) URLs of the reports the
    # public claims come from, as the policy publishes them. ACLED's "source" and GED's
    # "source_article"/"source_original" name outlets and origins, with no place for an address.
    ("Source URLs", "#meta+url"),
)  # fmt: skip

# an internal export's marks as HXL columns (same order as INTERNAL_MARKS)
_HXL_MARKS = (("Reviewed", "#status+reviewed"), ("Publication status", "#status+publication"))


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    return write_table(path, header, rows)  # formula cells neutralised there (issue 21)


def _first_point(inc: dict[str, Any]) -> dict[str, Any]:
    places = inc.get("places") or []
    for p in places:
        if p.get("lat") is not None and p.get("lon") is not None:
            return p
    return places[0] if places else {}


def _header(ctx: ExportContext, columns: Sequence[str]) -> list[str]:
    """The format's columns, then the internal marks when the export is internal."""
    return [*columns, *INTERNAL_MARKS] if ctx.internal else list(columns)


def _marks(ctx: ExportContext, inc: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(inc.get(m) for m in INTERNAL_MARKS) if ctx.internal else ()


def _fat(inc: dict[str, Any]) -> dict[str, Any]:
    return inc.get("fatalities") or {}


def _date(inc: dict[str, Any], which: str) -> str | None:
    t = inc.get("time") or {}
    return t.get(which) or t.get("end" if which == "start" else "start")


def _suppressed_note(inc: dict[str, Any]) -> str:
    n = _fat(inc).get("suppressed_below")
    return f" Fatalities withheld by policy (fewer than {n})." if n else ""


def _perpetrators(inc: dict[str, Any]) -> list[str]:
    """Who the incident's public claims say did it, most often named first (``policy``); empty
    when none was extracted or the policy does not publish ``perpetrators``. Never guessed."""
    return list(inc.get("perpetrators") or [])


def _sources(inc: dict[str, Any]) -> list[str]:
    return list(inc.get("outlets") or []) or list(inc.get("origins") or [])


# Why an incident with no place is left out of acled.csv rather than written as a country-level row:
# ACLED codes every event at a named location with coordinates, at worst the first-level region
# (geo_precision 3: "a larger region is mentioned", its capital's point); it has no code for "somewhere
# in the country", and a row with an empty location and no point is dropped or mis-mapped by the
# tools that read ACLED files. GED has such a code (where_prec 6) and keeps the incident.
ACLED_NO_PLACE = (
    "no place is known: ACLED codes every event at a named location (at worst its first-level region, "
    "geo_precision 3), so it is left out of acled.csv (ged.csv and hxl.csv keep it)"
)


def _report_urls(inc: dict[str, Any]) -> list[str]:
    """The published URLs of the incident's public claims' reports, each once, in claim order."""
    urls = ((c.get("report") or {}).get("url") for c in inc.get("claims") or [])
    return list(dict.fromkeys(u for u in urls if u))


def write_acled(ctx: ExportContext, out: Path) -> dict[str, Any]:
    """``acled.csv``: one row per public incident that has a place, ACLED column names and codes;
    ``left_out`` names each incident with no place (``ACLED_NO_PLACE``)."""
    rows = []
    left_out: list[dict[str, Any]] = []
    for inc in public_incidents(ctx):
        p = _first_point(inc)
        if not place_name(p, ctx.places):
            left_out.append({"incident": inc.get("id"), "reason": ACLED_NO_PLACE})
            continue
        disorder, etype, sub = ACLED_TYPES[inc.get("event_type", "other")]
        day = _date(inc, "start")
        fat = _fat(inc)
        country = ctx.country or country_of(p, ctx.places)
        targeting = "Civilian targeting" if etype == "Violence against civilians" else None
        perps = _perpetrators(inc)
        note = (
            f"{inc.get('event_type')} at {place_name(p, ctx.places) or 'unknown place'}"
            f" ({inc.get('grade')}): {inc.get('rationale') or ''}".strip()
            + _suppressed_note(inc)
        )
        rows.append((
            f"TWQ{inc.get('id')}", day, day[:4] if day else None,
            acled_time_precision((inc.get("time") or {}).get("precision")), disorder, etype, sub,
            perps[0] if perps else None, "; ".join(perps[1:]) or None,
            (f"Civilians ({country})" if country else "Civilians") if targeting else None, targeting,
            None, country, admin1_of(p, ctx.places), place_name(p, ctx.places),
            p.get("lat"), p.get("lon"),
            acled_geo_precision(place_scale(p), bool(p.get("fuzzed_within_m"))),
            "; ".join(_sources(inc)), None, note, fat.get("best"),
            f"tawthiq grade={inc.get('grade')}", inc.get("event_type"), inc.get("grade"),
            *_marks(ctx, inc),
        ))  # fmt: skip
    n = _write_csv(out / "acled.csv", _header(ctx, ACLED_COLUMNS), rows)
    return {"rows": n, "file": "acled.csv", "left_out": left_out}


def write_ged(ctx: ExportContext, out: Path) -> dict[str, Any]:
    """``ged.csv``: one row per public incident, UCDP GED column names and precision codes."""
    rows = []
    for inc in public_incidents(ctx):
        p = _first_point(inc)
        fat = _fat(inc)
        start, end = _date(inc, "start"), _date(inc, "end")
        lat, lon = p.get("lat"), p.get("lon")
        wkt = f"POINT ({lon} {lat})" if lat is not None and lon is not None else None
        outlets = inc.get("outlets") or []
        reports = [c.get("report") or {} for c in inc.get("claims") or []]
        dates = sorted(r["published_at"] for r in reports if r.get("published_at"))
        violence = ged_type_of_violence(inc.get("event_type", ""))
        perps = _perpetrators(inc)
        rows.append((
            inc.get("id"), start[:4] if start else None, violence,
            perps[0] if perps else None, "Civilians" if violence == 3 else None,
            "; ".join(outlets), "; ".join(inc.get("origins") or []),
            dates[0] if dates else None,
            ged_where_prec(place_scale(p), bool(p.get("fuzzed_within_m"))), place_name(p, ctx.places),
            place_name(p, ctx.places), admin1_of(p, ctx.places), lat, lon, wkt,
            ctx.country or country_of(p, ctx.places),
            1 if inc.get("grade") in ("confirmed", "fair") else 2,
            ged_date_prec((inc.get("time") or {}).get("precision")), start, end,
            fat.get("best"), fat.get("best"), fat.get("high"), fat.get("low"),
            inc.get("event_type"), inc.get("grade"), *_marks(ctx, inc),
        ))  # fmt: skip
    n = _write_csv(out / "ged.csv", _header(ctx, GED_COLUMNS), rows)
    return {"rows": n, "file": "ged.csv"}


def write_hxl(ctx: ExportContext, out: Path) -> dict[str, Any]:
    """``hxl.csv``: a header row, then the HXL hashtag row, then one row per public incident."""
    columns = [*HXL_COLUMNS, *(_HXL_MARKS if ctx.internal else ())]
    rows: list[Sequence[Any]] = [[tag for _, tag in columns]]
    for inc in public_incidents(ctx):
        p = _first_point(inc)
        fat = _fat(inc)
        t = inc.get("time") or {}
        rows.append((
            inc.get("id"), inc.get("event_type"), _date(inc, "start"), _date(inc, "end"),
            t.get("precision"), ctx.country or country_of(p, ctx.places), admin1_of(p, ctx.places),
            place_name(p, ctx.places), p.get("lat"), p.get("lon"), place_scale(p) if p else None,
            fat.get("best"), fat.get("low"), fat.get("high"), inc.get("grade"),
            "; ".join(inc.get("origins") or []), inc.get("rationale"), "; ".join(_report_urls(inc)) or None,
            *_marks(ctx, inc),
        ))  # fmt: skip
    n = _write_csv(out / "hxl.csv", [label for label, _ in columns], rows) - 1
    return {"rows": n, "file": "hxl.csv"}
