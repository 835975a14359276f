"""What the three account modules share: the :class:`User` model and the user-row look-ups.

In: a SQLAlchemy session and a user name as typed, or a ``UserRow``.
Out: a ``UserRow`` (to ``store/users.py``, ``store/sessions.py``, ``store/tokens.py`` only) or a
:class:`User` model; the SHA-256 digest a session cookie or an API token is stored under.
Never: writes, and never leaves the store as a row: the other layers get :class:`User` (imported
from ``tawthiq.store.users``).

How a stored name is found is kept here once: names are unique by :func:`name_key` (NFKC, then
case-folded): ``U_ADMIN`` and ``ｕ_admin`` are taken once ``u_admin`` exists, and log in as it
(issue 18), as a unique index would keep them.
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.errors import InputError
from tawthiq.store.tables import UserRow

__all__ = ["User", "aware", "digest", "exact_row", "find_row", "name_key", "to_user", "user_row", "utc_now"]


class User(BaseModel):
    """A person who may log in. Carries no secret."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: int
    name: str
    role: str
    active: bool = True
    created_at: datetime | None = None
    last_login: datetime | None = None  # from the audit log's ``user.login`` events; lists only


def digest(secret: str) -> str:
    """The SHA-256 hex digest a session cookie or an API token is stored (and found) under."""
    return hashlib.sha256(secret.encode()).hexdigest()


def utc_now() -> datetime:
    """Now, in UTC (what every account row is stamped with)."""
    return datetime.now(UTC)


def aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)  # SQLite gives naive datetimes back


def to_user(row: UserRow, last_login: datetime | None = None) -> User:
    return User(
        id=row.id,
        name=row.name,
        role=row.role,
        active=row.active,
        created_at=aware(row.created_at) if row.created_at else None,
        last_login=last_login,
    )


def name_key(name: str) -> str:
    """What makes two user names the same name: NFKC, case-folded, NFKC again (Unicode's
    "identifier caseless match", UAX #31). ``U_ADMIN``, ``u_admin`` and ``ｕ＿ａｄｍｉｎ`` share one key."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).strip().casefold())


def exact_row(session: Session, name: str) -> UserRow | None:
    """The user whose stored name is exactly ``name`` (no normalising), or ``None``."""
    return session.scalar(select(UserRow).where(UserRow.name == name))


def find_row(session: Session, name: str) -> UserRow | None:
    """The user whose name is ``name`` as typed (NFKC), else the one with the same :func:`name_key`.

    The users table is small (people, not records), so a caseless look-up scans it in Python
    rather than keeping a second, derived name column.
    """
    typed = unicodedata.normalize("NFKC", name).strip()
    row = exact_row(session, typed)
    if row is not None:
        return row
    key = name_key(typed)
    return next(
        (r for r in session.scalars(select(UserRow).order_by(UserRow.id)) if name_key(r.name) == key), None
    )


def user_row(session: Session, name: str) -> UserRow:
    """:func:`find_row`, or an ``InputError`` on ``name`` when no user has that name."""
    row = find_row(session, name)
    if row is None:
        raise InputError("no user named %(name)r", field="name", params={"name": name.strip()})
    return row
