"""Roles and what each may do, for the web and the CLI alike. Pure: names in, booleans out.

The roles are ordered: viewer < reviewer < documenter < admin; each role may do everything the
roles below it may do.

- viewer: read the workspace (reports, claims, incidents, map, timeline, people).
- reviewer: also accept, correct or reject claims, and decide person pairs (``/people/review``).
- documenter: also override an incident's grade (with a reason), see protected work (the
  missing-persons registry, families' inquiries, overdue sources and the matches between a
  missing person and another list's record, ``/people/review?kind=missing``), and write an internal
  export for a trusted partner (``export FORMAT --internal``).
- admin: also manage users and API tokens.

Never: reads the database; who the acting user is, is the caller's business (a web login, an
API token, or the CLI's :func:`tawthiq.app.claims.cli_operator`).
"""

from __future__ import annotations

from dataclasses import dataclass

from tawthiq.entities import USER_ROLES, UserRole
from tawthiq.errors import PermissionDenied

__all__ = ["NEEDS", "ROLES", "Operator", "Role", "can", "require_role"]

Role = UserRole
ROLES: tuple[str, ...] = USER_ROLES

NEEDS: dict[str, str] = {
    "read": "viewer",
    "review_claim": "reviewer",
    "review_pair": "reviewer",  # person pairs (web /people/review)
    "override_grade": "documenter",
    "see_protected": "documenter",  # missing persons' registry, inquiries, silent sources (issue 8)
    "export_internal": "documenter",  # unreviewed incidents for a trusted partner (issue 17)
    "manage_users": "admin",
}


def can(role: str | None, action: str) -> bool:
    """True when ``role`` may do ``action`` (a key of :data:`NEEDS`)."""
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(NEEDS[action])


@dataclass(frozen=True)
class Operator:
    """Who does a use case: the name the audit log records (``cli:amal``, a web user) and a role."""

    actor: str
    role: str


def require_role(operator: Operator, action: str) -> None:
    """Raise :class:`~tawthiq.errors.PermissionDenied` unless ``operator`` may do ``action``."""
    if not can(operator.role, action):
        raise PermissionDenied(
            f"{operator.actor} ({operator.role}) may not {action.replace('_', ' ')}: "
            f"it needs the {NEEDS[action]} role or above"
        )
