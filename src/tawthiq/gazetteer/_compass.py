"""A compass part of a place, read from the name a report gives it: "eastern Aleppo", "Aleppo
East", "E. Aleppo", "شرق حلب", "حلب الشرقية", "الأحياء الشرقية من حلب" name the east of Aleppo;
"east of Aleppo" and "ريف حلب الشرقي" name ground around it.

In: a place name as the extractor wrote it (English or Arabic). Out: :class:`CompassPart` (the
direction, and whether the name means ground within the place or around it), or ``None``.
One rule for the map (the east and west halves of Aleppo, ``place_area``) and the exports'
precision codes (``export`` ``place_scale``). Never: looks the place up or decides what the part
is drawn as; it reads words only (a name like "West Bank" reads as a direction: callers ask only
about a town, or the city of Aleppo).

The cases, decided (tests/gazetteer/test_compass.py):
- a compass word before the name, or after it: "eastern Aleppo", "east Aleppo", "the east of
  Aleppo", "eastern part of Aleppo", "Aleppo East", "Aleppo, east", "E. Aleppo"; "شرق حلب",
  "شرقي حلب", "حلب الشرقية", "الأحياء الشرقية من حلب", "القسم الشرقي لحلب" → within;
- two points make one direction: "north-east", "northeast", "north-eastern", "شمال شرق حلب",
  "شمال شرقي حلب", "حلب الشمالية الشرقية" → ``north-east`` (not ``east``);
- "central", "centre", "وسط حلب", "حلب الوسطى" → ``centre``;
- "east of Aleppo" (no article: a bearing from the place), "eastern Aleppo countryside",
  "the outskirts of …", "ريف حلب الشرقي", "شرق ريف حلب" → around (``within=False``);
- an Arabic adjective after a name takes the article, as it does after a definite name
  ("حلب الشرقية"); without it it is part of a proper name ("باب شرقي", Bab Sharqi) → ``None``.
Arabic is folded first (hamza, ة/ه, ى/ي, diacritics, tatweel: ``tawthiq.text.arabic.fold``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tawthiq.text.arabic import fold, fold_pattern

__all__ = ["DIRECTIONS", "CompassPart", "compass_part"]

DIRECTIONS = (
    "north",
    "north-east",
    "east",
    "south-east",
    "south",
    "south-west",
    "west",
    "north-west",
    "centre",
)


@dataclass(frozen=True)
class CompassPart:
    """``direction`` (one of :data:`DIRECTIONS`); ``within``: ground inside the place ("eastern
    Aleppo"), not around it ("east of Aleppo", its eastern countryside)."""

    direction: str
    within: bool


# ---------------------------------------------------------------- English
_POINT = (
    r"(?P<point>(?:north|south)[\s-]?(?:east|west)(?:ern)?|(?:east|west|north|south)(?:ern)?"
    r"|central|centre|center)"
)
_AREA = r"(?:part|parts|side|half|neighbou?rhoods?|districts?|quarters?|sectors?|areas?)"
_AROUND_EN = re.compile(
    r"\b(?:countryside|rural|outskirts|environs|province|governorate|vicinity|suburbs?)\b"
)
_OF = re.compile(rf"^(?P<the>the\s+)?{_POINT}(?P<area>\s+{_AREA})?\s+of\s+\S")  # "the east of …", "east of …"
_BEFORE = re.compile(rf"^(?:the\s+)?{_POINT}\s+(?!of\b)\S")  # "eastern Aleppo", "north-east Aleppo"
_AFTER = re.compile(rf"\S,?\s+{_POINT}$")  # "Aleppo East", "Aleppo, east"
_ABBREVIATION = re.compile(r"^\s*(?P<abbr>[NSEW])\.\s*\S")  # "E. Aleppo" (case as written)
_LETTER = {"N": "north", "S": "south", "E": "east", "W": "west"}


def _english_direction(point: str) -> str:
    if point.startswith(("central", "centre", "center")):
        return "centre"
    ns = next((w for w in ("north", "south") if w in point), None)
    ew = next((w for w in ("east", "west") if w in point), None)
    return f"{ns}-{ew}" if ns and ew else str(ns or ew)


# ---------------------------------------------------------------- Arabic (folded)
_AR_NOUN = {"شمال": "north", "جنوب": "south", "شرق": "east", "غرب": "west", "وسط": "centre"}
_AR_ADJ = {
    "شمالي": "north",
    "جنوبي": "south",
    "شرقي": "east",
    "غربي": "west",
    "اوسط": "centre",
    "وسطي": "centre",
}
_N = "|".join(_AR_NOUN)
_A = "|".join(_AR_ADJ)
_AR = tuple(
    re.compile(fold_pattern(p))
    for p in (
        # "شرق حلب", "شرقي حلب", "شمال شرق حلب", "شمال شرقي حلب", "في شرق حلب"
        rf"^(?:في\s+)?(?P<w1>{_N})(?:ي|ى)?(?:\s+(?P<w2>{_N})(?:ي|ى)?)?\s+\S",
        # "الأحياء الشرقية من حلب", "القسم الشرقي لحلب", "المناطق الشمالية الشرقية في حلب"
        rf"^(?:ال)?(?:احياء|قسم|جزء|شطر|منطقه|مناطق|قطاع|جهه|ناحيه)\s+ال(?P<w1>{_A})(?:ه)?"
        rf"(?:\s+ال(?P<w2>{_A})(?:ه)?)?\s+\S",
        # "حلب الشرقية", "حلب الشمالية الشرقية", "أحياء حلب الشرقية", "حلب الوسطى"
        rf"\S\s+ال(?P<w1>{_A})(?:ه)?(?:\s+ال(?P<w2>{_A})(?:ه)?)?$",
    )
)
_AROUND_AR = re.compile(fold_pattern(r"(?:^|\s)(?:ال)?(?:ريف|اطراف|ضواحي|محيط|محافظه)(?:\s|$)"))


@lru_cache(maxsize=4096)
def compass_part(name: str) -> CompassPart | None:
    """The compass part of a place ``name`` names, or ``None`` (see the module docstring)."""
    if not name or not name.strip():
        return None
    if re.search(r"[\u0600-\u06ff]", name):
        return _arabic(fold(" ".join(name.split())))
    text = " ".join(name.lower().split())
    around = bool(_AROUND_EN.search(text))
    m = _ABBREVIATION.match(name)
    if m:
        return CompassPart(_LETTER[m["abbr"]], within=not around)
    m = _OF.match(text)
    if m:  # "east of Aleppo" is a bearing from the town; "the east of", "the eastern part of" are in it
        return CompassPart(_english_direction(m["point"]), within=bool(m["the"] or m["area"]) and not around)
    m = _BEFORE.match(text) or _AFTER.search(text)
    if m:
        return CompassPart(_english_direction(m["point"]), within=not around)
    return None


def _arabic(text: str) -> CompassPart | None:
    for rx in _AR:
        m = rx.search(text)
        if m is None:
            continue
        words = [w for w in (m["w1"], m["w2"]) if w]
        points = [_AR_NOUN.get(w) or _AR_ADJ[w] for w in words]
        ns = next((p for p in points if p in ("north", "south")), None)
        ew = next((p for p in points if p in ("east", "west")), None)
        direction = f"{ns}-{ew}" if ns and ew else ns or ew or ("centre" if "centre" in points else None)
        if direction is None:
            continue
        return CompassPart(direction, within=not _AROUND_AR.search(text))
    return None
