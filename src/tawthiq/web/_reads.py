"""The web's reads of reports, claims and person records, and the review of a claim.

In: an open workspace and plain arguments from the routers (``/reports``, ``/claims``,
``/people`` and their ``/api/v1`` twins). Out: seam entities (``Report``, ``Claim``,
``PersonRecord``), each read in one short transaction. Never: builds SQL (``store`` does),
reveals a report's sender (``mark_sender``: only said to be there), or reviews a claim by other
rules than the CLI's (``app.claims.review_claim``).
"""

from __future__ import annotations

from typing import Any

from tawthiq.entities import Claim, Report
from tawthiq.store import browse
from tawthiq.store import claims as claim_store
from tawthiq.store import reports as report_store
from tawthiq.store.people import load_records
from tawthiq.store.users import User

__all__ = ["ClaimReads", "PeopleSearch", "ReportReads"]


class ReportReads:
    """Reports: a page of the list, one report with its claims."""

    def __init__(self, workspace: Any) -> None:
        self.ws = workspace

    def page(self, status: str | None, offset: int, limit: int) -> tuple[list[Report], int]:
        with self.ws.session() as s:
            return report_store.page_reports(s, status=status, offset=offset, limit=limit)

    def get(self, report_id: int) -> tuple[Report, list[Claim]] | None:
        with self.ws.session() as s:
            rep = report_store.get_report(s, report_id, mark_sender=True)
            return (rep, claim_store.claims_for_report(s, report_id)) if rep else None


class ClaimReads:
    """Claims: a page of the review queue (with its reports), one claim, and its review."""

    def __init__(self, workspace: Any) -> None:
        self.ws = workspace

    def page(self, review_status: str | None, offset: int, limit: int) -> tuple[list[Claim], int]:
        with self.ws.session() as s:
            return claim_store.list_claims(s, review_status=review_status, offset=offset, limit=limit)

    def page_with_reports(
        self, review_status: str | None, offset: int, limit: int
    ) -> tuple[list[Claim], dict[int, Report], int]:
        """A page of claims, the reports they come from (title, source label) and the total."""
        with self.ws.session() as s:
            claims, total = claim_store.list_claims(
                s, review_status=review_status, offset=offset, limit=limit
            )
            reports = report_store.reports_by_ids(s, {c.report_id for c in claims if c.report_id})
        return claims, reports, total

    def get(self, claim_id: int) -> tuple[Claim, Report | None] | None:
        with self.ws.session() as s:
            c = claim_store.get_claim(s, claim_id)
            if c is None:
                return None
            return c, report_store.get_report(s, c.report_id, mark_sender=True) if c.report_id else None

    def review(self, claim_id: int, status: str, corrections: dict[str, Any], user: User) -> Claim:
        """The same use case as ``tawthiq claims approve|reject`` (``app.claims``), as this user."""
        from tawthiq.app.claims import review_claim
        from tawthiq.app.roles import Operator

        return review_claim(
            self.ws, claim_id, status, Operator(actor=user.name, role=user.role), corrections=corrections
        )


class PeopleSearch:
    """Person records by name (``/people``), through an in-memory name index
    (``web/_people.py``), rebuilt when the number of records changes."""

    def __init__(self, workspace: Any) -> None:
        self.ws = workspace
        self._index: Any = None
        self._count = -1

    def search(self, q: str, limit: int = 50):
        """Ranked person records."""
        from ._people import NameIndex  # the people stage's name tables, only once someone searches

        with self.ws.session() as s:
            count = browse.count_person_records(s)
            if self._index is None or self._count != count:
                self._index = NameIndex(load_records(s))
                self._count = count
        return self._index.search(q, limit=limit)
