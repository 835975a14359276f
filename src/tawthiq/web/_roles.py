"""Roles and what each may do: the web's name for :mod:`tawthiq.app.roles` (one table for the
web and the CLI; see there for the roles and what each may do).
"""

from __future__ import annotations

from tawthiq.app.roles import ROLES, Role, can

__all__ = ["ROLES", "Role", "can"]
