"""When the war a war-long total counts over began (issue 15: a tally's time is its period). Pure.

In: a sentence already read as a war-long total ("in a war that has killed tens of thousands",
"since the coalition intervened in Yemen", "in Syria's 16-month-old revolt"), the gazetteer ids of
the country it lies in, and the report's anchor date. Out: the period from the start of the war that
country was in on that date to the anchor, or None. Never: guesses: a country or a date the table
below does not cover, or a sentence that counts over an offensive, a battle or "the fighting" (whose
start is not the war's), keeps the time unknown, as before.

The table is hand-kept on purpose: the start of a war is a fact of record, not something a text
states; the dates are those the UN and the monitors count their war-long tolls from. A war ended
more than a year before the anchor is not "the war" of a report (a later report about the same
country counts over its own war, or over none the table knows).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from tawthiq.entities import TimePrecision, TimeSpan

__all__ = ["war_period"]


class _War(NamedTuple):
    country: str  # ISO 3166 code, as the gazetteer's country ids end ("SY", "world:YE")
    start: date
    end: date | None  # None: not over
    precision: str  # how precisely the start is counted from: "day" or "month"


_WARS = (
    # Syria: the uprising of 15 March 2011 (OHCHR and SOHR count from March 2011)
    _War("SY", date(2011, 3, 15), None, "day"),
    # Yemen: the UN counts civilian deaths "since March 2015" (the coalition intervened on 26 March)
    _War("YE", date(2015, 3, 1), None, "month"),
    # Sudan: the war of the army and the Rapid Support Forces, 15 April 2023
    _War("SD", date(2023, 4, 15), None, "day"),
    # Gaza's wars: 2008-09, 2012, 2014, 2021, and from 7 October 2023
    _War("PS", date(2008, 12, 27), date(2009, 1, 18), "day"),
    _War("PS", date(2012, 11, 14), date(2012, 11, 21), "day"),
    _War("PS", date(2014, 7, 8), date(2014, 8, 26), "day"),
    _War("PS", date(2021, 5, 10), date(2021, 5, 21), "day"),
    _War("PS", date(2023, 10, 7), None, "day"),
    # Ukraine: the war in the Donbas from April 2014, the full-scale invasion of 24 February 2022
    _War("UA", date(2014, 4, 1), date(2022, 2, 23), "month"),
    _War("UA", date(2022, 2, 24), None, "day"),
    # Afghanistan: 7 October 2001 to the withdrawal of 30 August 2021
    _War("AF", date(2001, 10, 7), date(2021, 8, 30), "day"),
    # Myanmar: the conflict since the coup of 1 February 2021
    _War("MM", date(2021, 2, 1), None, "day"),
    # Ethiopia: the Tigray war, 4 November 2020 to 2 November 2022
    _War("ET", date(2020, 11, 4), date(2022, 11, 2), "day"),
)

# the war itself: its noun, or a foreign intervention in it
_THE_WAR = re.compile(r"\b(?:war|conflict|revolt|revolution|uprising|crisis|intervened|intervention)\b", re.I)
# a count since something narrower than the war: its start is not the war's
_NARROWER = re.compile(
    r"\b(?:offensive|battle|operation|campaign|assault|siege|fighting|escalation|truce|ceasefire|"
    r"cease-fire|airstrikes|air strikes|bombardment)\b",
    re.I,
)


def _code(place_id: str) -> str:
    return place_id.removeprefix("world:")


def war_period(sentence: str, countries: tuple[str, ...], anchor: date | None) -> TimeSpan | None:
    """The span from the start of the war ``countries``' first known one was in on ``anchor`` to the
    anchor (precision ``year`` past a year, else ``month``), for a war-long total that counts over
    the war itself; None when the sentence counts over something narrower, or no war is known.

    >>> war_period("in Syria's 16-month-old revolt", ("SY",), date(2012, 7, 10)).start
    datetime.date(2011, 3, 15)
    >>> war_period("killed since the offensive began", ("SY",), date(2012, 7, 10)) is None
    True
    """
    if anchor is None or not _THE_WAR.search(sentence) or _NARROWER.search(sentence):
        return None
    for country in countries:
        for war in _WARS:
            if war.country != _code(country) or war.start > anchor:
                continue
            if war.end is not None and anchor > war.end + timedelta(days=365):
                continue
            if any(later.country == war.country and war.start < later.start <= anchor for later in _WARS):
                continue  # a later war of the same country is the report's
            precision: TimePrecision = "year" if (anchor - war.start).days > 365 else "month"
            return TimeSpan(start=war.start, end=anchor, precision=precision)
    return None
