"""An Arabic and an English report of one strike make one incident; SOHR in both scripts is one origin.

Sentences written for this test (invented facts), issue 16 items 4 and 5.
"""

from __future__ import annotations

from datetime import date

from tawthiq.corroborate import build_incidents
from tawthiq.entities import ReportRef, SourcedClaim
from tawthiq.extract import extract_claims

PUB = date(2016, 12, 13)
EN_SOHR = (
    "Six civilians were killed in air strikes on al-Shaar in Aleppo on Monday, the Syrian Observatory said."
)
AR_SOHR = (
    "قال المرصد السوري لحقوق الإنسان إن ستة مدنيين قتلوا في غارات جوية على حي الشعار في حلب يوم الإثنين."
)
AR_SCD = "قال الدفاع المدني إن ستة مدنيين قتلوا في غارات جوية على حي الشعار في حلب يوم الإثنين."


def _sourced(texts: list[str]) -> list[SourcedClaim]:
    out = []
    for i, text in enumerate(texts, start=1):
        for c in extract_claims(text, PUB):
            out.append(
                SourcedClaim(
                    claim=c.model_copy(update={"id": i}),
                    report=ReportRef(sha256=f"{i:064d}", file=f"r{i}.txt"),
                    report_id=i,
                    published=PUB,
                    source_label=f"Outlet {i}",
                )
            )
    return out


def test_arabic_and_english_reports_of_one_strike_are_one_incident_and_one_origin():
    (incident,) = build_incidents(_sourced([EN_SOHR, AR_SOHR]))
    assert incident.claim_ids == (1, 2)
    assert incident.origins == ("Syrian Observatory for Human Rights",)
    assert incident.grade == "weak"  # one origin, told in two languages


def test_a_second_origin_in_arabic_makes_it_fair():
    (incident,) = build_incidents(_sourced([EN_SOHR, AR_SOHR, AR_SCD]))
    assert len(incident.origins) == 2 and incident.grade == "fair"
