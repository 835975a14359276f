"""An outlet that cites itself is one origin, named once (session 22's walk).

The trap: a report from "Our field team" saying "our field team said …" had the origin "Our field
team (per Our field team)": in the incident's origins, its rationale ("A single origin: …"), the
claim tables and the web. The speaker is the outlet: its name once. An unnamed speaker that is not
the outlet keeps "(per outlet)", and grading is unchanged (the "(per X)" origin already counted as
X's own voice).
"""

from __future__ import annotations

from datetime import date

import pytest

from tawthiq.corroborate import build_incidents, group_by_origin, per_origin
from tawthiq.entities import Claim, Count, PlaceRef, ReportRef, SourcedClaim, TimeSpan

ALEPPO = PlaceRef(name="Saliheen, Aleppo", lat=36.18, lon=37.15, precision="neighbourhood")
DAY = date(2016, 12, 12)
OUTLETS = ["Our field team", "Field team", "Local coordination committee", "فريقنا الميداني"]


def _speakers(outlet: str) -> list[str]:
    """How a report names its outlet as the speaker: as written, lower-cased, with an article."""
    return [outlet, outlet.lower(), f"the {outlet.lower()}", f"The {outlet}", f"  {outlet}  "]


def _sc(n: int, outlet: str, att: str | None) -> SourcedClaim:
    claim = Claim(
        id=n,
        kind="incident",
        event_type="attack.shelling",
        places=(ALEPPO,),
        quote=f"claim {n}",
        time=TimeSpan(start=DAY, end=DAY, precision="day"),
        fatalities=Count(low=7, high=7, qualifier="exact"),
        attributed_to=att,
        span=(0, 10),
    )
    report = ReportRef(file=f"r{n}.txt", sha256=f"{n:064x}")
    return SourcedClaim(claim=claim, report=report, published=DAY, source_label=outlet)


@pytest.mark.parametrize("outlet", OUTLETS)
def test_an_outlet_that_is_its_own_speaker_is_named_once(outlet):
    for speaker in _speakers(outlet):
        assert per_origin(" ".join(speaker.split()), outlet) == outlet
        (sc,) = group_by_origin([_sc(1, outlet, speaker)])
        assert sc.origin == outlet and "(per " not in sc.origin
        (incident,) = build_incidents([sc])
        assert list(incident.origins) == [outlet]
        assert f"(per {outlet})" not in str(incident.rationale)


@pytest.mark.parametrize("outlet", OUTLETS)
def test_another_unnamed_speaker_still_says_whose_report_carries_it(outlet):
    (sc,) = group_by_origin([_sc(1, outlet, "activists in the city")])
    assert sc.origin == f"activists in the city (per {outlet})"


@pytest.mark.parametrize("outlet", OUTLETS[:2])
def test_the_outlet_quoting_itself_beside_its_own_voice_grades_as_before(outlet):
    # one origin either way: a single origin is weak, with or without "(per …)"
    claims = group_by_origin([_sc(1, outlet, outlet.lower()), _sc(2, outlet, None)])
    assert {c.origin for c in claims} == {outlet}
    (incident,) = build_incidents(claims)
    assert incident.grade == "weak"
