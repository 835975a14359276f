"""The analyst's JSON of an incident and of a report: one shape each, for the pages' ``.json``
twins and the API (``/api/v1``) alike.

In: seam entities. Out: JSON-ready dicts. Never: reveals a protected value (a report's sender is
only said to be there, ``has_protected_sender``).

An incident has three JSON shapes, each meant for its reader and documented with it: this one,
the analyst's (the stored incident and each claim with its report and role: docs/web.md); the
CLI's ``tawthiq incident(s) --json`` in the CLAIMS.md form of its claims, with tallies apart
(``cli/corroborate.py``, docs/corroboration.md); and the public one
(``policy.public_incident``: graded, delayed, fuzzed, redacted), shared by the public pages, the
public API and every export (docs/exports.md).
"""

from __future__ import annotations

from typing import Any

__all__ = ["incident_json", "report_json", "report_row_json"]


def incident_json(incident: Any, claims: Any = (), reports: Any = None) -> dict:
    """An incident with (when given) its claims, each with its report and its role.

    Its grades say what the CLI's ``--json`` says (issue 18): ``grade`` is the grade shown
    everywhere (an analyst's override when there is one, else the computed grade),
    ``computed_grade`` the one corroboration gave, and ``grade_override`` with its
    ``override_reason`` the analyst's (``null`` without one).
    """
    data: dict[str, Any] = {}
    for key, value in incident.model_dump(mode="json").items():
        if key == "grade":
            data["grade"] = incident.effective_grade
            data["computed_grade"] = incident.grade
        else:
            data[key] = value
    if claims:
        reports = reports or {}
        data["claims"] = []
        for c in claims:
            cd = c.model_dump(mode="json")
            rep = reports.get(c.report_id)
            cd["report"] = (
                {
                    "id": rep.id,
                    "title": rep.title,
                    "source_label": rep.source_label,
                    "published_at": rep.published_text,  # at its precision: "2016-12"
                    "url": rep.url,  # as written (the page links only an http(s) one)
                }
                if rep
                else None
            )
            cd["role"] = incident.claim_role(c.id)
            data["claims"].append(cd)
    return data


def report_json(report: Any) -> dict:
    """A report as the analyst sees it: its sender only said to be there."""
    data = report.model_dump(mode="json", exclude={"sender"})
    data["has_protected_sender"] = report.sender is not None
    return data


def report_row_json(report: Any) -> dict:
    """A report in a list: :func:`report_json` without its body."""
    return {k: v for k, v in report_json(report).items() if k != "body"}
