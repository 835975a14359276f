"""Accounts of the web workspace: users, login sessions and API tokens.

In: a SQLAlchemy session and plain values (name, role, password, token).
Out: :class:`User` models (never a row, never a hash); fresh secrets are returned once, at creation.
Never: stores a password or token in clear. Passwords are argon2id hashes (argon2-cffi, the
OWASP-recommended default); session cookies and API tokens are 256-bit random values of which
only the SHA-256 digest is stored, so a copy of the database lets nobody log in.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tawthiq.errors import InputError
from tawthiq.store.audit import record_event
from tawthiq.store.tables import ApiTokenRow, UserRow, WebSessionRow

__all__ = [
    "ROLES",
    "User",
    "add_user",
    "authenticate",
    "create_token",
    "end_session",
    "list_users",
    "revoke_token",
    "session_user",
    "start_session",
    "token_user",
]

ROLES = ("viewer", "reviewer", "documenter", "admin")
_hasher = PasswordHasher()
# A hash computed once, verified against when the user does not exist, so a wrong user name
# costs as long as a wrong password (no user enumeration by timing).
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class User(BaseModel):
    """A person who may log in. Carries no secret."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: int
    name: str
    role: str
    active: bool = True


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)  # SQLite gives naive datetimes back


def _user(row: UserRow) -> User:
    return User(id=row.id, name=row.name, role=row.role, active=row.active)


def add_user(session: Session, name: str, role: str, password: str) -> User:
    """Create a user (or reset an existing user's role and password)."""
    name = name.strip()
    if not name:
        raise InputError("a user name cannot be empty", field="name")
    if role not in ROLES:
        raise InputError(f"{role!r} is not a role; use one of {', '.join(ROLES)}", field="role")
    if len(password) < 8:
        raise InputError("a password needs at least 8 characters", field="password")
    row = session.scalar(select(UserRow).where(UserRow.name == name))
    if row is None:
        row = UserRow(
            name=name, role=role, password_hash=_hasher.hash(password), active=True, created_at=_now()
        )
        session.add(row)
    else:
        row.role = role
        row.password_hash = _hasher.hash(password)
        row.active = True
    session.flush()
    record_event(session, "user.set", "user", row.name, after={"name": row.name, "role": row.role})
    return _user(row)


def list_users(session: Session) -> list[User]:
    return [_user(r) for r in session.scalars(select(UserRow).order_by(UserRow.name))]


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The user when ``password`` is right, else ``None`` (same cost whether the name exists or not)."""
    row = session.scalar(select(UserRow).where(UserRow.name == name.strip()))
    try:
        _hasher.verify(row.password_hash if row is not None else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not row.active:
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        row.password_hash = _hasher.hash(password)
    return _user(row)


def start_session(session: Session, user: User, ttl_seconds: int) -> tuple[str, datetime]:
    """A new login session: returns the cookie value (shown once) and when it expires."""
    secret = secrets.token_urlsafe(32)
    now = _now()
    expires = now + timedelta(seconds=ttl_seconds)
    session.add(
        WebSessionRow(
            id_hash=_digest(secret), user_id=user.id, created_at=now, last_seen_at=now, expires_at=expires
        )
    )
    # Expired sessions are dropped as new ones start: the table never grows without bound.
    session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < now))
    session.flush()
    return secret, expires


def session_user(session: Session, secret: str, now: datetime, idle_seconds: int) -> User | None:
    """The user of a live session; ``None`` when it is unknown, expired or idle too long."""
    row = session.get(WebSessionRow, _digest(secret))
    if row is None:
        return None
    if _aware(row.expires_at) <= now or _aware(row.last_seen_at) + timedelta(seconds=idle_seconds) <= now:
        session.delete(row)
        session.flush()
        return None
    user = session.get(UserRow, row.user_id)
    if user is None or not user.active:
        return None
    if (now - _aware(row.last_seen_at)).total_seconds() > 60:  # do not write on every request
        row.last_seen_at = now
        session.flush()
    return _user(user)


def end_session(session: Session, secret: str) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.id_hash == _digest(secret)))


def create_token(session: Session, user_name: str, label: str = "", days: int | None = 365) -> str:
    """A new API token for ``user_name``; the value is returned once and never stored."""
    row = session.scalar(select(UserRow).where(UserRow.name == user_name))
    if row is None:
        raise InputError(f"no user named {user_name!r}; add one with 'tawthiq users add'", field="user")
    secret = "tq_" + secrets.token_urlsafe(32)
    now = _now()
    session.add(
        ApiTokenRow(
            token_hash=_digest(secret),
            user_id=row.id,
            label=label[:200],
            created_at=now,
            expires_at=now + timedelta(days=days) if days else None,
        )
    )
    session.flush()
    record_event(session, "token.create", "user", row.name, detail=label[:200] or None)
    return secret


def token_user(session: Session, secret: str, now: datetime | None = None) -> User | None:
    """The active user of a live token, else ``None``: one indexed look-up (asked on every API call).

    The token is 256 random bits, so its plain SHA-256 is the right digest: no slow hash is
    needed against guessing, and none is paid per request.
    """
    row = session.execute(
        select(
            UserRow.id,
            UserRow.name,
            UserRow.role,
            UserRow.active,
            ApiTokenRow.revoked,
            ApiTokenRow.expires_at,
        )
        .join(UserRow, UserRow.id == ApiTokenRow.user_id)
        .where(ApiTokenRow.token_hash == _digest(secret))
    ).first()
    now = now or _now()
    if row is None or row.revoked or not row.active:
        return None
    if row.expires_at is not None and _aware(row.expires_at) <= now:
        return None
    return User(id=row.id, name=row.name, role=row.role, active=row.active)


def revoke_token(session: Session, secret: str) -> bool:
    row = session.get(ApiTokenRow, _digest(secret))
    if row is None:
        return False
    row.revoked = True
    session.flush()
    record_event(session, "token.revoke", "user", str(row.user_id))
    return True
