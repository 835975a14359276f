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
"""

from __future__ import annotations

__all__ = [
    "ACLED_TYPES",
    "acled_geo_precision",
    "acled_time_precision",
    "ged_date_prec",
    "ged_type_of_violence",
    "ged_where_prec",
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

_ACLED_GEO = {"exact": 1, "neighbourhood": 1, "town": 1, "district": 2, "governorate": 3, "country": 3}
_ACLED_TIME = {"day": 1, "days": 2, "week": 2, "month": 3, "unknown": 3}
_GED_WHERE = {"exact": 1, "neighbourhood": 1, "town": 1, "district": 3, "governorate": 4, "country": 6}
_GED_DATE = {"day": 1, "days": 2, "week": 3, "month": 4, "unknown": 5}


def acled_geo_precision(precision: str | None, fuzzed: bool) -> int:
    """A fuzzed point is at best "near" its town (2)."""
    code = _ACLED_GEO.get(precision or "", 3)
    return max(code, 2) if fuzzed else code


def acled_time_precision(precision: str | None) -> int:
    return _ACLED_TIME.get(precision or "", 3)


def ged_where_prec(precision: str | None, fuzzed: bool) -> int:
    """A fuzzed point is "within 25 km" (2) at best."""
    code = _GED_WHERE.get(precision or "", 6)
    return max(code, 2) if fuzzed else code


def ged_date_prec(precision: str | None) -> int:
    return _GED_DATE.get(precision or "", 5)


def ged_type_of_violence(event_type: str) -> int:
    return 1 if event_type in ("armed.clash", "territory.change") else 3
