"""The English and the Arabic name a page shows for a place a claim or an incident names.

In: a place as a claim carries it (:class:`~tawthiq.entities.PlaceRef`, or its JSON: the name as
written, the gazetteer id, the gazetteer's Arabic name). Out: :class:`PlaceNames` (``en``, ``ar``,
either ``None`` when no name in that language is known). Never: guesses a translation; a name in
one language is the gazetteer's, or the name as the report wrote it when it is in that script.

Why: the name as written is in the report's language (``العامرية`` from an Arabic report), so a
page that showed it as "the" name put Arabic in the English column (the English page's Places
table, the places JSON); and the gazetteer's Arabic name of "eastern Aleppo" is the city's, ``حلب``,
so the Arabic pages lost the part. The part a name means (``compass_part``) is kept in both
languages: "eastern Aleppo" is ``شرق حلب``, "حلب الشرقية" is "eastern Aleppo".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tawthiq.errors import InputError
from tawthiq.gazetteer._compass import CompassPart, compass_part
from tawthiq.gazetteer._index import load_gazetteer

__all__ = ["PlaceNames", "place_names"]

_ARABIC = re.compile("[\u0600-\u06ff]")
# the kinds whose parts a report names by compass ("eastern Aleppo"); a governorate's "north" is
# no part of a town (compass_part reads words only: "West Bank" would read as a direction)
_PARTED = frozenset({"town"})
_EN_WITHIN = {"centre": "central", **{d: f"{d}ern" for d in ("north", "east", "south", "west")}}
_AR_NOUN = {"north": "شمال", "south": "جنوب", "east": "شرق", "west": "غرب", "centre": "وسط"}
_AR_ADJ = {"north": "الشمالي", "south": "الجنوبي", "east": "الشرقي", "west": "الغربي"}


@dataclass(frozen=True)
class PlaceNames:
    """A place's name in English (``en``) and in Arabic (``ar``); ``None`` when unknown."""

    en: str | None
    ar: str | None

    def shown(self, lang: str) -> tuple[str, bool]:
        """The name for a page in ``lang`` and whether it is the other language's (a fallback the
        page marks, never passes off as a translation)."""
        first, second = (self.ar, self.en) if lang == "ar" else (self.en, self.ar)
        return (first, False) if first else (second or "", True)


def _en_part(part: CompassPart, name: str) -> str:
    if part.within:
        word = _EN_WITHIN.get(part.direction) or "-".join(_EN_WITHIN[p] for p in part.direction.split("-"))
        return f"{word} {name}"
    return f"{part.direction} of {name}" if part.direction != "centre" else f"around {name}"


def _ar_part(part: CompassPart, name: str) -> str:
    words = " ".join(_AR_NOUN[p] for p in part.direction.split("-"))
    if part.within:
        return f"{words} {name}"  # "شرق حلب", "شمال شرق حلب", "وسط حلب"
    adj = " ".join(_AR_ADJ.get(p, "") for p in part.direction.split("-")).strip()
    return f"ريف {name} {adj}".strip()  # "ريف حلب الشرقي": the ground around it


def place_names(place: Any) -> PlaceNames:
    """The English and Arabic names of ``place`` (a ``PlaceRef`` or its JSON).

    >>> place_names({"name": "العامرية", "place_id": "aleppo-nbhd:amiriyah", "name_ar": "العامرية"})
    PlaceNames(en='Amiriyah', ar='العامرية')
    >>> place_names({"name": "eastern Aleppo", "place_id": "C1007", "name_ar": "حلب"})
    PlaceNames(en='eastern Aleppo', ar='شرق حلب')
    >>> place_names({"name": "حلب الشرقية", "place_id": "C1007", "name_ar": "حلب"})
    PlaceNames(en='eastern Aleppo', ar='حلب الشرقية')
    >>> place_names({"name": "Kafr Nabl"})
    PlaceNames(en='Kafr Nabl', ar=None)
    """
    get = place.get if isinstance(place, Mapping) else lambda k: getattr(place, k, None)
    written = " ".join(str(get("name") or "").split())
    place_id = get("place_id")
    entry = None
    if place_id:
        try:
            entry = load_gazetteer().get(place_id)
        except InputError:
            entry = None  # a place of the workspace's own table, or of an older gazetteer
    arabic_written = bool(_ARABIC.search(written))
    en = entry.name_en if entry else None
    ar = get("name_ar") or (entry.name_ar if entry else None)
    part = compass_part(written) if entry is not None and entry.kind in _PARTED else None
    if part is not None:
        # the part the report names survives in both languages; the name as written is the
        # faithful one in its own script
        en = written if not arabic_written else (_en_part(part, en) if en else None)
        ar = written if arabic_written else (_ar_part(part, ar) if ar else None)
    if en is None and written and not arabic_written:
        en = written
    if ar is None and arabic_written:
        ar = written
    return PlaceNames(en, ar)
