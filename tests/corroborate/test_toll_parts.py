"""A part of a report's toll is no rival count (issues 15 item 4 and 16 item 5, session 24).

A report that tells one event gives its toll for the whole and for parts of it: the same sentence's
"including 12 children", "12 of them", one household's dead, a neighbourhood's or a site's toll beside
the town's. Generated claim sets in English and Arabic, every part more than twice + 3 below its whole
(so the two figures cannot be one toll without the rule): one incident, its toll the whole's, never
*contested* by its own part; and another report that gives the whole joins it too (the part is a floor
everywhere). Guards: a figure one report tells as a further event, a rival figure at one place with
no sign of a part, another weapon's count, another day, another town, two reports' figures of one day
(that is for ``_numbers.toll_update`` or *contested*), tallies, which never join incidents.
"""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest

from tawthiq.corroborate import build_incidents
from tawthiq.corroborate._numbers import counts_compatible
from tawthiq.entities import Claim, Count, PlaceRef, ReportRef, SourcedClaim, TimeSpan

MOSUL = PlaceRef(name="Mosul", lat=36.34, lon=43.13, precision="town")
MOSUL_AR = PlaceRef(name="مدينة الموصل", lat=36.34, lon=43.13, precision="town")
NEW_MOSUL = PlaceRef(name="New Mosul", lat=36.3566, lon=43.0928, precision="neighbourhood")
NEW_MOSUL_AR = PlaceRef(name="حي الموصل الجديدة", lat=36.3566, lon=43.0928, precision="neighbourhood")
TAL_AFAR = PlaceRef(name="Tal Afar", lat=36.3768, lon=42.4495, precision="town")
DAY = date(2017, 3, 17)

_ids = count(1)


def _claim(
    report: str,
    toll: int,
    *,
    quote: str,
    places=(MOSUL,),
    span=(0, 60),
    day: date = DAY,
    event_type: str = "attack.air_strike",
    kind: str = "incident",
    attributed: str | None = None,
    qualifier: str = "exact",
) -> SourcedClaim:
    claim = Claim(
        id=next(_ids),
        kind=kind,
        event_type=event_type,
        places=tuple(places),
        quote=quote,
        span=span,
        time=TimeSpan(start=day, end=day, precision="day"),
        fatalities=Count(low=toll, high=toll if qualifier == "exact" else None, qualifier=qualifier),
        certainty="reported",
        attributed_to=attributed,
    )
    return SourcedClaim(
        claim=claim,
        report=ReportRef(file=f"{report}.txt", sha256=(report * 64)[:64]),
        published=DAY,
        source_label=report,
    )


def _members(inc) -> set[int]:
    return {*inc.claim_ids, *inc.contradicting_claim_ids}


# (part, whole): the whole more than twice the part + 3, so the two cannot be one toll as figures
SIZES = [(2, 18), (3, 29), (5, 40), (8, 33), (12, 61), (20, 108)]


def _part_shapes(part: int, whole: int, lang: str):
    """(whole claim, part claim) of one report, in several shapes of a part."""
    town, hood = (MOSUL, NEW_MOSUL) if lang == "en" else (MOSUL_AR, NEW_MOSUL_AR)
    if lang == "en":
        big = f"Air strikes killed {whole} civilians in the city on Friday."
        return {
            "one sentence": (
                _claim("r", whole, quote=f"{whole} were killed, including {part} children.", places=(town,)),
                _claim("r", part, quote=f"{whole} were killed, including {part} children.", places=(town,)),
            ),
            "n of them": (
                _claim("r", whole, quote=big, places=(town,)),
                _claim("r", part, quote=f"{part} of them were children.", places=(town,), span=(70, 100)),
            ),
            "n of the whole": (
                _claim("r", whole, quote=big, places=(town,)),
                _claim("r", part, quote=f"Medics said {part} of the {whole} were women.", span=(70, 110)),
            ),
            "one family": (
                _claim("r", whole, quote=big, places=(town,)),
                _claim("r", part, quote=f"{part} people from one family died in the strike.", span=(70, 110)),
            ),
            "a household named": (
                _claim("r", whole, quote=big, places=(town,)),
                _claim(
                    "r",
                    min(part, 3),
                    quote="Ahmad al-Jumaili, his wife and his son were killed, a relative said.",
                    span=(70, 130),
                ),
            ),
            "a neighbourhood of the town": (
                _claim("r", whole, quote=big, places=(town,)),
                _claim("r", part, quote=f"{part} died in New Mosul.", places=(hood, town), span=(70, 100)),
            ),
        }
    big = f"قتل {whole} مدنياً في غارات على المدينة يوم الجمعة."
    return {
        "one sentence": (
            _claim("r", whole, quote=f"قتل {whole} شخصاً بينهم {part} أطفال.", places=(town,)),
            _claim("r", part, quote=f"قتل {whole} شخصاً بينهم {part} أطفال.", places=(town,)),
        ),
        "n of them": (
            _claim("r", whole, quote=big, places=(town,)),
            _claim("r", part, quote=f"{part} منهم من الأطفال.", places=(town,), span=(70, 100)),
        ),
        "one family": (
            _claim("r", whole, quote=big, places=(town,)),
            _claim("r", part, quote=f"قضى {part} من عائلة واحدة في الغارة.", places=(town,), span=(70, 110)),
        ),
        "a household named": (
            _claim("r", whole, quote=big, places=(town,)),
            _claim("r", min(part, 3), quote="قُتل أحمد الجميلي وزوجته وابنه في الغارة.", span=(70, 110)),
        ),
        "a neighbourhood of the town": (
            _claim("r", whole, quote=big, places=(town,)),
            _claim("r", part, quote=f"قتل {part} في حي الموصل الجديدة.", places=(hood, town), span=(70, 100)),
        ),
    }


_SHAPES = [("en", s) for s in _part_shapes(2, 18, "en")] + [("ar", s) for s in _part_shapes(2, 18, "ar")]


@pytest.mark.parametrize(("part", "whole"), SIZES)
@pytest.mark.parametrize(("lang", "shape"), _SHAPES)
def test_a_part_of_a_reports_toll_is_one_incident_with_the_whole_and_no_contest(lang, shape, part, whole):
    big, small = _part_shapes(part, whole, lang)[shape]
    # without the rule the two figures cannot be one toll
    assert not counts_compatible(big.claim.fatalities, small.claim.fatalities)
    [inc] = build_incidents([big, small])
    assert _members(inc) == {big.claim.id, small.claim.id}
    assert inc.grade != "contested"
    assert inc.fatalities.low == whole


@pytest.mark.parametrize(("part", "whole"), SIZES)
@pytest.mark.parametrize(("lang", "shape"), _SHAPES)
def test_another_report_of_the_whole_joins_the_report_that_gives_a_part(lang, shape, part, whole):
    big, small = _part_shapes(part, whole, lang)[shape]
    other = _claim("other", whole, quote=f"{whole} killed in coalition strikes", places=(MOSUL,))
    incidents = build_incidents([big, small, other])
    assert len(incidents) == 1


def test_a_part_told_by_a_quoted_party_does_not_contest_its_whole():
    # the report's own voice gives 29, a relative it quotes names three of one household: one
    # report's account of one event and its part, not two origins disagreeing on the toll
    big = _claim(
        "r", 29, quote="29 civilians were killed in the strike, Al Jazeera said.", attributed="Al Jazeera"
    )
    small = _claim(
        "r",
        3,
        quote="Ahmad al-Jumaili, his wife and his son were killed.",
        attributed="a relative",
        span=(70, 120),
    )
    [inc] = build_incidents([big, small])
    assert inc.grade != "contested"


# ---------------------------------------------------------------------------------------- guards
@pytest.mark.parametrize(("part", "whole"), SIZES)
def test_a_smaller_figure_the_report_tells_as_a_further_event_stays_apart(part, whole):
    big = _claim("r", whole, quote=f"Air strikes killed {whole} civilians in the city.")
    further = _claim(
        "r", part, quote=f"In a separate strike, {part} of them were killed in New Mosul.", span=(70, 130)
    )
    assert len(build_incidents([big, further])) == 2


@pytest.mark.parametrize(("part", "whole"), [(5, 40), (12, 61), (61, 520)])
def test_two_figures_of_one_place_with_no_sign_of_a_part_stay_rival_counts(part, whole):
    # the army's count beside another, nothing saying one is a share of the other: no part
    army = _claim("r", part, quote=f"The military put the toll at {part}.")
    locals_ = _claim("r", whole, quote=f"Residents said {whole} people were killed.", span=(70, 120))
    assert len(build_incidents([army, locals_])) == 2


@pytest.mark.parametrize(("part", "whole"), SIZES)
def test_another_weapons_count_another_day_or_another_town_is_no_part(part, whole):
    big = _claim("r", whole, quote=f"Air strikes killed {whole} civilians in the city.")
    shells = _claim(
        "r",
        part,
        quote=f"{part} of them were killed by shells.",
        event_type="attack.shelling",
        span=(70, 110),
    )
    assert len(build_incidents([big, shells])) == 2
    before = _claim("r", part, quote=f"{part} of them were killed.", day=date(2017, 3, 14), span=(70, 110))
    assert len(build_incidents([big, before])) == 2
    elsewhere = _claim(
        "r", part, quote=f"{part} of them died in Tal Afar.", places=(TAL_AFAR,), span=(70, 110)
    )
    assert len(build_incidents([big, elsewhere])) == 2


@pytest.mark.parametrize(("part", "whole"), SIZES)
def test_two_reports_figures_are_never_parts_of_each_other(part, whole):
    # "N of them" in another report refers to that report's own count, not to this one's
    big = _claim("r1", whole, quote=f"Air strikes killed {whole} civilians in the city.")
    small = _claim("r2", part, quote=f"{part} of them were children.", span=(70, 110))
    assert len(build_incidents([big, small])) == 2


def test_a_tally_beside_a_part_joins_nothing_and_creates_no_incident():
    big = _claim("r", 29, quote="29 civilians were killed in the strike.")
    small = _claim("r", 3, quote="3 of them were children.", span=(70, 100))
    tally = _claim("r", 300, quote="300 killed since the offensive began.", kind="tally", span=(120, 160))
    incidents = build_incidents([big, small, tally])
    assert len(incidents) == 1
    assert tally.claim.id not in _members(incidents[0])


@pytest.mark.parametrize(("part", "whole"), [(5, 40), (12, 61), (61, 520)])
def test_two_figures_of_one_sentence_without_a_word_of_a_part_stay_rival_counts(part, whole):
    said = f"The army put the toll at {part}, while residents said {whole} were killed."
    army = _claim("r", part, quote=said)
    residents = _claim("r", whole, quote=said)
    assert len(build_incidents([army, residents])) == 2
