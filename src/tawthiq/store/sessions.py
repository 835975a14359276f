"""Web login sessions, stored: a session starts at a login, is found by its cookie, ends at a logout.

In: a SQLAlchemy session, a :class:`~tawthiq.store.users.User` who has just logged in
(``app.accounts.login`` checked the password), a cookie value as the browser sent it.
Out: a fresh cookie value (returned once, at the start) and the :class:`User` a live cookie
belongs to.
Never: stores a cookie in clear: it is a 256-bit random value of which only the SHA-256 digest
is stored, so a copy of the database lets nobody log in. Never audit-logs: the login and logout
events are ``app.accounts``'s, in the same transaction. Never decides how long a session lives:
the caller passes the lifetime and the idle limit.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from tawthiq.store._accounts import User, aware, digest, utc_now
from tawthiq.store.tables import UserRow, WebSessionRow

__all__ = ["end_session", "end_user_sessions", "peek_session", "session_user", "start_session"]


def start_session(session: Session, user: User, ttl_seconds: int) -> tuple[str, datetime]:
    """A new login session: returns the cookie value (shown once) and when it expires."""
    secret = secrets.token_urlsafe(32)
    started = utc_now()
    expires = started + timedelta(seconds=ttl_seconds)
    session.add(
        WebSessionRow(
            id_hash=digest(secret),
            user_id=user.id,
            created_at=started,
            last_seen_at=started,
            expires_at=expires,
        )
    )
    # Expired sessions are dropped as new ones start: the table never grows without bound.
    session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < started))
    session.flush()
    return secret, expires


_SESSION_USER = (
    select(
        WebSessionRow.expires_at,
        WebSessionRow.last_seen_at,
        UserRow.id,
        UserRow.name,
        UserRow.role,
        UserRow.active,
    )
    .select_from(WebSessionRow)
    .outerjoin(UserRow, UserRow.id == WebSessionRow.user_id)
    .where(WebSessionRow.id_hash == bindparam("digest"))
)


def session_user(session: Session, secret: str, now: datetime, idle_seconds: int) -> User | None:
    """The user of a live session; ``None`` when it is unknown, expired or idle too long.

    One joined read on every page; a write only to end a dead session or, at most once a
    minute, to note that the session is still in use.
    """
    user, write = _session_check(session, secret, now, idle_seconds)
    if write == "end":
        end_session(session, secret)
    elif write == "touch":
        session.execute(
            update(WebSessionRow).where(WebSessionRow.id_hash == digest(secret)).values(last_seen_at=now)
        )
    return user


def peek_session(session: Session, secret: str, now: datetime, idle_seconds: int) -> tuple[User | None, bool]:
    """What :func:`session_user` answers, read only: the user, and whether ``session_user``
    would also write now (end a dead session, or note its use after a minute).

    For a caller that must not wait on a write lock (the web's event loop): when the flag is
    true it calls ``session_user`` elsewhere, which reads again and writes.
    """
    user, write = _session_check(session, secret, now, idle_seconds)
    return user, write is not None


def _session_check(
    session: Session, secret: str, now: datetime, idle_seconds: int
) -> tuple[User | None, str | None]:
    row = session.execute(_SESSION_USER, {"digest": digest(secret)}).first()
    if row is None:
        return None, None
    last_seen = aware(row.last_seen_at)
    if aware(row.expires_at) <= now or last_seen + timedelta(seconds=idle_seconds) <= now:
        return None, "end"
    if row.id is None or not row.active:
        return None, None
    touch = (now - last_seen).total_seconds() > 60  # do not write on every request
    return User(id=row.id, name=row.name, role=row.role, active=row.active), "touch" if touch else None


def end_session(session: Session, secret: str) -> None:
    """End the session whose cookie this is (a logout); nothing when there is none."""
    session.execute(delete(WebSessionRow).where(WebSessionRow.id_hash == digest(secret)))


def end_user_sessions(session: Session, user_id: int) -> None:
    """End every session of one user (their password was reset, or they were disabled)."""
    session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))
