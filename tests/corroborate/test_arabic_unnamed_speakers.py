"""An unnamed Arabic speaker is one origin whatever case its sentence puts it in (issue 16 item 4):
"قال ناشطون" and "بحسب ناشطين" are the same activists, so two claims of one report that cite them in
the two forms are one origin, not two. Claims of our own."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tawthiq.corroborate import build_incidents, group_by_origin
from tawthiq.entities import Claim, Count, PlaceRef, ReportRef, SourcedClaim, TimeSpan
from tawthiq.extract import extract_claims

TALDOU = PlaceRef(name="بلدة تلدو", lat=34.8906, lon=36.5192, precision="town")
DAY = date(2016, 11, 30)


def _sc(report: str, outlet: str, att: str | None, n: int) -> SourcedClaim:
    claim = Claim(
        id=n,
        kind="incident",
        event_type="attack.shelling",
        places=(TALDOU,),
        quote=report,
        time=TimeSpan(start=DAY, end=DAY, precision="day"),
        fatalities=Count(low=12, high=12, qualifier="exact"),
        attributed_to=att,
        span=(0, 10),
    )
    return SourcedClaim(
        claim=claim,
        report=ReportRef(file=f"{report}.txt", sha256=report * 4),
        published=DAY,
        source_label=outlet,
    )


# (nominative, genitive/accusative) of one unnamed speaker, with and without a plural adjective
FORMS = [
    ("ناشطون", "ناشطين"),
    ("ناشطون محليون", "ناشطين محليين"),
    ("ناشطون ميدانيون", "ناشطين ميدانيين"),
    ("مسعفون", "مسعفين"),
    ("مسؤولون محليون", "مسؤولين محليين"),
    ("الناشطون", "الناشطين"),
]


@pytest.mark.parametrize(("nominative", "oblique"), FORMS)
def test_one_unnamed_speaker_in_two_cases_is_one_origin(nominative, oblique):
    a = _sc("r1", "Aleppo Today", nominative, 1)
    b = _sc("r1", "Aleppo Today", oblique, 2)
    origins = {sc.origin for sc in group_by_origin([a, b])}
    assert len(origins) == 1
    (incident,) = build_incidents([a, b])
    assert incident.grade == "weak"  # one report, one origin


@pytest.mark.parametrize(("nominative", "oblique"), FORMS)
def test_the_same_words_in_two_outlets_stay_two_origins(nominative, oblique):
    # "activists" in two outlets are two different people: case folding joins forms, not outlets
    a = _sc("r1", "Aleppo Today", nominative, 1)
    b = _sc("r2", "Enab Baladi", oblique, 2)
    assert len({sc.origin for sc in group_by_origin([a, b])}) == 2


@pytest.mark.parametrize(
    ("speaker", "kept"),
    [
        ("مصادر طبية", "مصادر طبية"),
        ("أهالي البلدة", "أهالي البلدة"),
        ("ناشطين من حي الحسين", "ناشطون من حي الحسين"),
    ],
)
def test_only_the_speakers_plural_endings_change(speaker, kept):
    (sc,) = group_by_origin([_sc("r1", "Aleppo Today", speaker, 1)])
    assert sc.origin == f"{kept} (per Aleppo Today)"


@pytest.mark.parametrize(
    ("first", "second"),
    list(
        product(
            [
                "وقال ناشطون إن 12 مدنيا قتلوا في قصف على بلدة تلدو يوم الأحد.",
                "وأفاد ناشطون بمقتل 12 مدنيا في قصف على بلدة تلدو يوم الأحد.",
            ],
            [
                "وقتل 5 مدنيين في غارة على مدينة الرستن يوم الأحد بحسب ناشطين.",
                "ونقلت الوكالة عن ناشطين أن 5 مدنيين قتلوا في غارة على مدينة الرستن يوم الأحد.",
            ],
        )
    ),
)
def test_a_reports_activists_in_both_cases_are_one_origin_from_extraction_on(first, second):
    claims = extract_claims(f"{first}\n{second}", DAY)
    assert len(claims) == 2
    report = ReportRef(file="r1.txt", sha256="r1" * 4)
    scs = [
        SourcedClaim(
            claim=c.model_copy(update={"id": i}), report=report, published=DAY, source_label="Aleppo Today"
        )
        for i, c in enumerate(claims, 1)
    ]
    assert {c.attributed_to for c in claims} == {"ناشطون", "ناشطين"}  # as written (CLAIMS.md)
    assert len({sc.origin for sc in group_by_origin(scs)}) == 1
