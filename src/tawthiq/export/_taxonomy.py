"""Tawthiq's event taxonomy -> ACLED and UCDP GED codes, and place/time precision -> their scales.

In: an event type of DESIGN.md's taxonomy, a PlacePrecision, a TimePrecision.
Out: ACLED (disorder_type, event_type, sub_event_type), GED type_of_violence, geo/time precision codes.
Never: guesses a perpetrator; where ACLED needs one to choose a sub-event type, the note says so.

ACLED codebook (2023): Explosions/Remote violence · Air/drone strike, Shelling/artillery/missile
attack, Chemical weapon; Violence against civilians · Attack, Abduction/forced disappearance;
Battles · Armed clash, Government regains territory; Strategic developments · Arrests, Other.
geo_precision 1 = the exact town/coordinates, 2 = part of a region near a town, 3 = a larger
region (province); time_precision 1 = the day, 2 = within the week, 3 = within the month.
UCDP GED codebook: where_prec 1 exact location, 2 within 25 km, 3 second-order admin (district),
4 first-order admin (governorate), 6 country; date_prec 1 day, 2 two to six days, 3 a week,
4 a month, 5 longer; type_of_violence 1 state-based, 2 non-state, 3 one-sided (against civilians).

The codes follow the *kind* of place (:func:`place_scale`), not only the extractor's precision: a
part of a town named by a compass point ("eastern Aleppo", "شرق حلب", "حلب الشرقية") carries the
town's point and the precision ``town`` (the annotators' convention), but it is an area of the
town, so ACLED 2 and GED 2 ("within 25 km of a known point"), never 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tawthiq.gazetteer import compass_part

__all__ = [
    "ACLED_TYPES",
    "acled_geo_precision",
    "acled_time_precision",
    "ged_date_prec",
    "ged_type_of_violence",
    "ged_where_prec",
    "place_scale",
]

_ERV, _VAC, _BAT, _SD = (
    "Explosions/Remote violence",
    "Violence against civilians",
    "Battles",
    "Strategic developments",
)
# taxonomy -> (disorder_type, event_type, sub_event_type)
ACLED_TYPES: dict[str, tuple[str, str, str]] = {
    "attack.air_strike": ("Political violence", _ERV, "Air/drone strike"),
    "attack.shelling": ("Political violence", _ERV, "Shelling/artillery/missile attack"),
    "attack.chemical": ("Political violence", _ERV, "Chemical weapon"),
    "attack.ground": ("Political violence", _VAC, "Attack"),
    # ACLED codes a strike on a hospital by its means; without the means, "Attack" on civilians.
    "attack.medical": ("Political violence", _VAC, "Attack"),
    "killing.execution": ("Political violence", _VAC, "Attack"),
    "detention.arbitrary": ("Strategic developments", _SD, "Arrests"),
    "disappearance.enforced": ("Political violence", _VAC, "Abduction/forced disappearance"),
    "displacement.forced": ("Strategic developments", _SD, "Other"),
    "siege.blockade": ("Strategic developments", _SD, "Other"),
    "evacuation": ("Strategic developments", _SD, "Other"),
    "humanitarian.access_denied": ("Strategic developments", _SD, "Other"),
    "territory.change": ("Political violence", _BAT, "Government regains territory"),
    "armed.clash": ("Political violence", _BAT, "Armed clash"),
    "other": ("Strategic developments", _SD, "Other"),
}

# the kinds of place an export tells apart, most precise first ("town_part": "eastern Aleppo")
SCALES = ("exact", "neighbourhood", "town_part", "town", "district", "governorate", "country")
_ACLED_GEO = {"exact": 1, "neighbourhood": 1, "town": 1, "town_part": 2, "district": 2, "governorate": 3,
              "country": 3}  # fmt: skip
# ACLED has no code coarser than the month: a year-only date is 3 as well
_ACLED_TIME = {"day": 1, "days": 2, "week": 2, "month": 3, "year": 3, "unknown": 3}
_GED_WHERE = {"exact": 1, "neighbourhood": 1, "town": 1, "town_part": 2, "district": 3, "governorate": 4,
              "country": 6}  # fmt: skip


def place_scale(place: Mapping[str, Any]) -> str:
    """The kind of place a (public) place is, for the precision codes: one of :data:`SCALES`.

    The extractor's precision, except that a town named with a compass point is ``town_part``:
    an area of the town ("eastern Aleppo", "حلب الشرقية") or ground beside it ("east of Aleppo",
    "ريف حلب الشرقي") at the town's point (``tawthiq.gazetteer.compass_part``, the map's rule too).
    An unknown precision is the coarsest (``country``): a code never claims more than is known.
    """
    precision = place.get("precision") or "country"
    names = [n for n in (place.get("name"), place.get("name_ar")) if n]
    if precision == "town" and any(compass_part(n) for n in names):
        return "town_part"
    return precision if precision in SCALES else "country"


_GED_DATE = {"day": 1, "days": 2, "week": 3, "month": 4, "year": 5, "unknown": 5}


def acled_geo_precision(scale: str | None, fuzzed: bool) -> int:
    """ACLED's code for a :func:`place_scale`; a fuzzed point is at best "near" its town (2)."""
    code = _ACLED_GEO.get(scale or "", 3)
    return max(code, 2) if fuzzed else code


def acled_time_precision(precision: str | None) -> int:
    return _ACLED_TIME.get(precision or "", 3)


def ged_where_prec(scale: str | None, fuzzed: bool) -> int:
    """GED's code for a :func:`place_scale`; a fuzzed point is "within 25 km" (2) at best."""
    code = _GED_WHERE.get(scale or "", 6)
    return max(code, 2) if fuzzed else code


def ged_date_prec(precision: str | None) -> int:
    return _GED_DATE.get(precision or "", 5)


def ged_type_of_violence(event_type: str) -> int:
    return 1 if event_type in ("armed.clash", "territory.change") else 3
