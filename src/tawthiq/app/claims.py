"""Use cases of claim review: list claims, the review queue, accept / correct / reject one or many.

In: a workspace, claim ids, a decision, an :class:`~tawthiq.app.roles.Operator` (a web user, or
the CLI's :func:`cli_operator`) and the reviewer's reason. Out: claims as seam entities.
Never: prints or renders; writes without the ``review_claim`` role; writes part of a batch
(a bulk decision is one transaction: every claim, or none when one id is unknown).

The web's claim review (``web/_data.py``) and ``tawthiq claims …`` call these same functions, so
both write the same audit events (``claim.accepted`` / ``claim.corrected`` / ``claim.rejected``,
by ``store.review.review_claim``) under the same role table (:mod:`tawthiq.app.roles`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tawthiq.entities import REVIEW_STATUSES, Claim, Report
from tawthiq.errors import InputError, PermissionDenied
from tawthiq.store import Workspace

from .roles import ROLES, Operator, require_role

__all__ = [
    "DECISIONS",
    "approve_all",
    "cli_operator",
    "list_claims",
    "review_claim",
    "review_claims",
    "review_queue",
]

# what a reviewer says -> the review status stored
DECISIONS = {"accept": "accepted", "approve": "accepted", "correct": "corrected", "reject": "rejected"}


def cli_operator(ws: Workspace, os_user: str, as_user: str | None = None) -> Operator:
    """Who runs a CLI command, and with which role.

    ``as_user`` (``--as NAME``) names a web user of the workspace: their role applies and the
    audit log records ``cli:NAME``. Without it, a web user named like the operating-system user
    lends their role; otherwise the operator is whoever holds the workspace's key file, i.e. its
    owner, with the admin role (the CLI has no login: roles here keep honest people from acting
    beyond their role, and keep the audit log's names right; they are not a lock).
    """
    from tawthiq.store.users import list_users

    with ws.session() as s:
        known = {u.name: u for u in list_users(s)}
    name = as_user if as_user is not None else os_user
    user = known.get(name)
    if user is None:
        if as_user is not None:
            raise InputError(f"no web user {as_user!r} in this workspace", field="--as")
        return Operator(actor=f"cli:{os_user}", role=ROLES[-1])
    if not user.active:
        raise PermissionDenied(f"user {user.name!r} is disabled")
    return Operator(actor=f"cli:{user.name}", role=user.role)


def _status(status: str | None) -> str | None:
    if status in (None, "all"):
        return None
    if status not in REVIEW_STATUSES:
        raise InputError(f"{status!r} is not one of all, {', '.join(REVIEW_STATUSES)}", field="--status")
    return status


def list_claims(
    ws: Workspace, status: str | None = None, offset: int = 0, limit: int | None = None
) -> tuple[list[Claim], int]:
    """Claims in id order with a review status (``None`` or ``all``: every claim), and the total."""
    from tawthiq.store.claims import list_claims as page

    with ws.session() as s:
        return page(s, review_status=_status(status), offset=offset, limit=limit or 10**9)


def review_queue(ws: Workspace, limit: int | None = None) -> list[tuple[Claim, Report | None]]:
    """Unreviewed claims (oldest first, at most ``limit``) each with its report (sender masked)."""
    from tawthiq.store.claims import list_claims as page
    from tawthiq.store.reports import reports_by_ids

    with ws.session() as s:
        claims, _ = page(s, review_status="unreviewed", limit=limit or 10**9)
        reports = reports_by_ids(s, {c.report_id for c in claims if c.report_id is not None})
    return [(c, reports.get(c.report_id) if c.report_id is not None else None) for c in claims]


def _decided(decision: str) -> str:
    status = DECISIONS.get(decision, decision)
    if status not in DECISIONS.values():
        raise InputError(f"{decision!r} is not accept, correct or reject", field="decision")
    return status


def _reason(reason: str | None) -> str | None:
    if reason is None:
        return None
    reason = reason.strip()
    return reason[:500] or None


def review_claim(
    ws: Workspace,
    claim_id: int,
    decision: str,
    operator: Operator,
    *,
    corrections: dict[str, Any] | None = None,
    reason: str | None = None,
) -> Claim:
    """Accept, correct or reject one claim (reviewer or above); audit-logged with the operator."""
    return review_claims(ws, [claim_id], decision, operator, corrections=corrections, reason=reason)[0]


def review_claims(
    ws: Workspace,
    claim_ids: Iterable[int],
    decision: str,
    operator: Operator,
    *,
    corrections: dict[str, Any] | None = None,
    reason: str | None = None,
) -> list[Claim]:
    """The same decision on several claims in one transaction: all of them, or none.

    An unknown id is an InputError naming it, and nothing is written.
    """
    from tawthiq.store.review import review_claim as store_review

    require_role(operator, "review_claim")
    status = _decided(decision)
    ids = list(dict.fromkeys(claim_ids))
    if not ids:
        raise InputError("name at least one claim id (or --all)", field="ID")
    with ws.session(actor=operator.actor) as s:
        return [
            store_review(
                s, cid, status, actor=operator.actor, corrections=corrections, reason=_reason(reason)
            )
            for cid in ids
        ]


def approve_all(ws: Workspace, operator: Operator, reason: str) -> int:
    """Accept every unreviewed claim (a trusted batch), one transaction, each audited with ``reason``.

    Claims already accepted, corrected or rejected are left as a reviewer decided. Returns how
    many were accepted.
    """
    from tawthiq.store.claims import list_claims as page
    from tawthiq.store.review import review_claim as store_review

    require_role(operator, "review_claim")
    why = _reason(reason)
    if why is None:
        raise InputError("a bulk approval needs a reason (kept in the audit log)", field="--reason")
    with ws.session(actor=operator.actor) as s:
        claims, _ = page(s, review_status="unreviewed", limit=10**9)
        for c in claims:
            assert c.id is not None  # read from the store
            store_review(s, c.id, "accepted", actor=operator.actor, reason=why)
    return len(claims)
