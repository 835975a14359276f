"""Use case of the extract stage: extract the claims of every stored report and save them.

In: a workspace and the publication date to assume when a report has none. Out: one
:class:`ReportExtraction` per report (how many claims were found and stored, or why none).
Never: prints; never reads text itself (``tawthiq.extract`` does) nor builds SQL (the store does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from tawthiq.store import Workspace, list_reports

__all__ = ["ReportExtraction", "extract_workspace"]


@dataclass(frozen=True)
class ReportExtraction:
    report_id: int | None
    file: str | None
    claims: int
    stored: int
    note: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def extract_workspace(
    ws: Workspace,
    *,
    published: date | None = None,
    actor: str = "cli:extract",
    on_total: Callable[[int], None] | None = None,
    on_report: Callable[[ReportExtraction], None] | None = None,
) -> list[ReportExtraction]:
    """Extract and save the claims of every stored report, one transaction per report.

    Re-runnable: a report's unreviewed machine claims are replaced, reviewed ones kept
    (``store.claims.save_claims``). A report with no date (and no ``published``) is skipped;
    one with no English text gets no claims. ``on_total`` hears the number of reports,
    ``on_report`` each report's outcome as it is done.
    """
    from tawthiq.extract import extract_claims, latin_share
    from tawthiq.store.claims import save_claims

    with ws.session(actor=actor) as s:
        reports = list_reports(s, status="stored")
    if on_total is not None:
        on_total(len(reports))
    out = []
    for r in reports:
        when = r.published_at or (r.received_at.date() if r.received_at else None) or published
        note = None
        if when is None:
            note = "no publication or received date: skipped (pass --published)"
        elif not r.body.strip() or latin_share(r.body) < 0.5:
            note = "no English text: no claims"
        with ws.session(actor=actor) as s:
            claims = [] if note else extract_claims(r.body, when, title=r.title)
            stored = save_claims(s, r.id, claims) if when is not None else []
        done = ReportExtraction(r.id, r.file_name, len(claims), len(stored), note)
        out.append(done)
        if on_report is not None:
            on_report(done)
    return out
