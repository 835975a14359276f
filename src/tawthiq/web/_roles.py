"""Roles and what each may do. Pure: names in, booleans out.

The roles are ordered: viewer < reviewer < documenter < admin; each role may do everything the
roles below it may do.

- viewer: read the workspace (reports, claims, incidents, map, timeline, people).
- reviewer: also accept, correct or reject claims.
- documenter: also override an incident's grade (with a reason), and see protected work:
  the missing-persons registry, families' inquiries and overdue sources.
- admin: also manage users and API tokens.
"""

from __future__ import annotations

from tawthiq.entities import USER_ROLES, UserRole

__all__ = ["ROLES", "Role", "can"]

Role = UserRole
ROLES: tuple[str, ...] = USER_ROLES

_NEEDS: dict[str, str] = {
    "read": "viewer",
    "review_claim": "reviewer",
    "override_grade": "documenter",
    "see_protected": "documenter",  # missing persons' registry, inquiries, silent sources (issue 8)
    "manage_users": "admin",
}


def can(role: str | None, action: str) -> bool:
    """True when ``role`` may do ``action`` (one of read, review_claim, override_grade, manage_users)."""
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(_NEEDS[action])
