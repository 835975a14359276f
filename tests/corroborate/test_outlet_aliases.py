"""An outlet's label goes through the alias table (docs/corroboration.md, "Outlet labels"): the same
organisation under two spellings, as an outlet and as a named party, is one origin. Claims of our own."""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.corroborate import build_incidents, group_by_origin
from tawthiq.corroborate._origins import known_party
from tawthiq.entities import Claim, Count, PlaceRef, ReportRef, SourcedClaim, TimeSpan

JUB = PlaceRef(name="Jub al-Qubba", lat=36.2093, lon=37.1675, precision="neighbourhood")
DAY = date(2016, 11, 30)


def _sc(report: str, outlet: str, att: str | None, n: int) -> SourcedClaim:
    claim = Claim(
        id=n,
        kind="incident",
        event_type="attack.shelling",
        places=(JUB,),
        quote=report,
        time=TimeSpan(start=DAY, end=DAY, precision="day"),
        fatalities=Count(low=21, high=None, qualifier="at_least"),
        attributed_to=att,
        span=(0, 10),
    )
    return SourcedClaim(
        claim=claim,
        report=ReportRef(file=f"{report}.txt", sha256=report * 4),
        published=DAY,
        source_label=outlet,
    )


SPELLINGS = [
    ("Civil defence volunteers", "Syria Civil Defence"),
    ("Syria Civil Defence (White Helmets)", "the White Helmets"),
    ("MSF Middle East", "Doctors Without Borders"),
    ("Doctors Without Borders USA", "MSF"),
    ("Syrian Observatory for Human Rights (SOHR)", "SOHR"),
]


@pytest.mark.parametrize(("outlet", "party"), SPELLINGS)
def test_an_outlet_and_the_party_it_is_are_one_origin(outlet, party):
    own = _sc("own", outlet, None, 1)  # the organisation's own report, in its own voice
    quoted = _sc("wire", "Levant Wire", party, 2)  # another outlet quoting it
    origins = {sc.origin for sc in group_by_origin([own, quoted])}
    assert len(origins) == 1
    (incident,) = build_incidents([own, quoted])
    assert incident.grade == "weak"  # one origin, told by two outlets


@pytest.mark.parametrize(
    "outlet",
    [
        "Ahram Online (AFP)",
        "The Jerusalem Post (Reuters)",
        "Shbabbek (Sky News Arabia citing SOHR)",
        "Enab Baladi",
    ],
)
def test_what_a_label_says_it_carries_is_not_the_outlet(outlet):
    assert known_party(outlet) is None


def test_an_unknown_outlet_keeps_its_label():
    (out,) = group_by_origin([_sc("r1", "Aleppo Today", None, 1)])
    assert out.origin == "Aleppo Today"


# The short names wire copy gives the UN human rights office (session 23): they were read as
# "United Nations", a second origin beside the office itself, so its statement quoted two ways
# made an incident "fair" on one origin's word.
SHORT_NAMES = [
    "the UN rights office",
    "UN rights chief Zeid Ra'ad al-Hussein",
    "the UN human rights chief",
    "UN rights spokesperson Rupert Colville",
    "the United Nations' rights office",
]


@pytest.mark.parametrize("short", SHORT_NAMES)
def test_the_un_human_rights_office_under_a_short_name_is_one_origin(short):
    long = _sc("wire", "Levant Wire", "the UN human rights office", 1)
    quoted = _sc("daily", "Aleppo Daily", short, 2)
    assert {sc.origin for sc in group_by_origin([long, quoted])} == {"UN human rights office (OHCHR)"}
    (incident,) = build_incidents([long, quoted])
    assert incident.grade != "fair"  # one origin, told by two outlets


@pytest.mark.parametrize("other", ["UN rights experts", "the UN Security Council", "UN envoy de Mistura"])
def test_other_un_speakers_are_not_the_human_rights_office(other):
    (out,) = group_by_origin([_sc("r1", "Levant Wire", other, 1)])
    assert out.origin != "UN human rights office (OHCHR)"
