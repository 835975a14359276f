"""Use case of the extract stage: extract the claims of every stored report and save them.

In: a workspace and the publication date to assume when a report has none. Out: one
:class:`ReportExtraction` per report (how many claims were found and stored, or why none).
Never: prints; never reads text itself (``tawthiq.extract`` does) nor builds SQL (the store does).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from tawthiq.store import Workspace, list_reports

__all__ = [
    "EMPTY_REPORT",
    "NOT_READ",
    "UNREAD_LANGUAGE",
    "ReportExtraction",
    "extract_workspace",
    "nothing_to_read",
    "unread_language",
]

UNREAD_LANGUAGE = "not English or Arabic (language und): no claims; extraction reads English and Arabic"
EMPTY_REPORT = "empty report: no text below the header, no claims"
NOT_READ = "neither English nor Arabic text: no claims"


def nothing_to_read(body: str) -> str | None:
    """Why a report's body (the text below its header block, as a workspace stores it) gives no
    claims before the extractor is asked, or None: empty (not a letter or digit: a header above a
    rule is a header alone), or in no language it reads. The one wording for ``extract FILE`` and a
    workspace: a header alone was "empty report" in one, "neither English nor Arabic text" in the
    other."""
    from tawthiq.extract import reads_language
    from tawthiq.text.blank import is_blank

    if is_blank(body):  # nothing, or only rules and marks ("---", "* * *") under a header
        return EMPTY_REPORT
    if not reads_language(body):
        return NOT_READ
    return None


def unread_language(text: str, language: str | None) -> bool:
    """A text of some words that ingest's detector did not find English or Arabic in (``und``).

    The extractor reads any Latin script (``extract.reads_language``), so a Spanish or Turkish
    report gave no claims and no word why (issue 15: "a clear note, no claims"). Asked only of a
    report that gave no claims; a short message (a chat's "<Media omitted>") is not flagged.
    """
    return language == "und" and len(re.findall(r"[^\W\d_]{2,}", text[:2000])) >= 5


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
    (``store.claims.save_claims``). A report with no publication date (and no ``published``) gets
    claims whose relative times are unknown, with a note: never the date it was received, nor the
    clock (issue 15). One with no text or neither English nor Arabic text gets no claims
    (:func:`nothing_to_read`); one the extractor
    refuses (``InputError``) is noted with the reason and the others go on. ``on_total`` hears the
    number of reports, ``on_report`` each report's outcome as it is done.
    """
    from tawthiq.errors import InputError
    from tawthiq.extract import extract_claims_in_period
    from tawthiq.store.claims import save_claims

    with ws.session(actor=actor) as s:
        reports = list_reports(s, status="stored")
    if on_total is not None:
        on_total(len(reports))
    out = []
    for r in reports:
        when = r.published_at or published
        # a report dated to a month or year: times that depend on its date are kept to that period
        precision = r.published_precision if r.published_at else "day"
        note = None
        claims: list = []
        failed = False
        note = nothing_to_read(r.body)
        if note is None:
            if when is None:
                note = "no publication date: times that depend on it are unknown (pass --published)"
            try:
                claims = extract_claims_in_period(
                    r.body, when, precision, title=r.title, outlet=r.source_label
                )
            except InputError as exc:  # one bad report never stops the others; its old claims stay
                note, failed = f"not extracted: {exc}", True
            if not claims and not failed and unread_language(r.body, r.language):
                note = UNREAD_LANGUAGE
        stored = []
        if not failed:
            assert r.id is not None  # read from the store
            with ws.session(actor=actor) as s:
                stored = save_claims(s, r.id, claims)
        done = ReportExtraction(r.id, r.file_name, len(claims), len(stored), note)
        out.append(done)
        if on_report is not None:
            on_report(done)
    return out
