"""API tokens, stored: created for a user, found by their secret on every API call, listed, revoked.

In: a SQLAlchemy session; a user name the caller has checked may hold a token
(``app.accounts``); a token's secret as a client sent it, or its id as ``tokens list`` shows it.
Out: a fresh secret (returned once, at creation), the :class:`~tawthiq.store.users.User` a live
token belongs to, :class:`ApiToken` models (never the secret nor its digest). Creating and
revoking are audit-logged (``token.create``, ``token.revoke``) with the session's actor, naming
the token by its id.
Never: stores a token in clear: a token is ``tq_`` and 256 random bits, of which only the
SHA-256 digest is stored, so a copy of the database lets nobody call the API.

A token is named in lists and in ``revoke`` by its **id**: the first 16 hex digits of its
SHA-256 digest, which identify it without letting anyone use it.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from tawthiq.errors import InputError
from tawthiq.store._accounts import User, aware, digest, exact_row, utc_now
from tawthiq.store.audit import record_event
from tawthiq.store.tables import ApiTokenRow, UserRow

__all__ = [
    "TOKEN_ID_LENGTH",
    "ApiToken",
    "create_token",
    "get_token",
    "list_tokens",
    "peek_token",
    "revoke_token",
    "revoke_token_id",
    "token_id",
    "token_user",
]

TOKEN_ID_LENGTH = 16


class ApiToken(BaseModel):
    """An API token as an admin sees it: who, what for, when; never the secret nor its digest."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    user: str
    label: str
    created_at: datetime
    expires_at: datetime | None = None
    revoked: bool = False
    expired: bool = False
    last_used: datetime | None = None


def token_id(secret: str) -> str:
    """The id under which a token is listed and can be revoked (a prefix of its digest)."""
    return digest(secret)[:TOKEN_ID_LENGTH]


def create_token(session: Session, user_name: str, label: str = "", days: int | None = 365) -> str:
    """A new API token for ``user_name``; the value is returned once and never stored."""
    row = exact_row(session, user_name)
    if row is None:
        raise InputError(
            "no user named %(name)r",  # the CLI adds how to make one (the web's admin page has the form)
            field="user",
            params={"name": user_name},
        )
    secret = "tq_" + secrets.token_urlsafe(32)
    hashed = digest(secret)
    now = utc_now()
    session.add(
        ApiTokenRow(
            token_hash=hashed,
            user_id=row.id,
            label=label[:200],
            created_at=now,
            expires_at=now + timedelta(days=days) if days else None,
        )
    )
    session.flush()
    # The id (a prefix of the digest) ties this event to a later ``token.revoke``; never the secret.
    detail = f"token {hashed[:TOKEN_ID_LENGTH]}" + (f": {label[:200]}" if label else "")
    record_event(session, "token.create", "user", row.name, detail=detail)
    return secret


# Built once (asked on every API call): building a select() costs more than SQLite's look-up.
_TOKEN_USER = (
    select(
        UserRow.id,
        UserRow.name,
        UserRow.role,
        UserRow.active,
        ApiTokenRow.revoked,
        ApiTokenRow.expires_at,
        ApiTokenRow.last_used_at,
    )
    .select_from(ApiTokenRow)
    .join(UserRow, UserRow.id == ApiTokenRow.user_id)
    .where(ApiTokenRow.token_hash == bindparam("digest"))
)


def token_user(session: Session, secret: str, now: datetime | None = None) -> User | None:
    """The active user of a live token, else ``None``: one indexed look-up (asked on every API call).

    The token is 256 random bits, so its plain SHA-256 is the right digest: no slow hash is
    needed against guessing, and none is paid per request.
    """
    now = now or utc_now()
    user, touch = peek_token(session, secret, now)
    if touch:  # when it was last used, for admins: written at most once a minute
        session.execute(
            update(ApiTokenRow).where(ApiTokenRow.token_hash == digest(secret)).values(last_used_at=now)
        )
    return user


def peek_token(session: Session, secret: str, now: datetime | None = None) -> tuple[User | None, bool]:
    """What :func:`token_user` answers, read only: the user, and whether ``token_user`` would
    also write now (the token's last use, at most once a minute). See
    :func:`tawthiq.store.sessions.peek_session`."""
    row = session.execute(_TOKEN_USER, {"digest": digest(secret)}).first()
    now = now or utc_now()
    if row is None or row.revoked or not row.active:
        return None, False
    if row.expires_at is not None and aware(row.expires_at) <= now:
        return None, False
    touch = row.last_used_at is None or (now - aware(row.last_used_at)).total_seconds() > 60
    return User(id=row.id, name=row.name, role=row.role, active=row.active), touch


def _revoke(session: Session, row: ApiTokenRow) -> None:
    if row.revoked:
        return
    row.revoked = True
    session.flush()
    owner = session.get(UserRow, row.user_id)
    record_event(
        session,
        "token.revoke",
        "user",
        owner.name if owner is not None else str(row.user_id),
        detail=f"token {row.token_hash[:TOKEN_ID_LENGTH]}",
    )


def revoke_token(session: Session, secret: str) -> bool:
    """Revoke the token whose secret this is; False when no such token exists."""
    row = session.get(ApiTokenRow, digest(secret))
    if row is None:
        return False
    _revoke(session, row)
    return True


def _normal_token_id(token_id: str) -> str | None:
    """A token id as typed, normalised (trimmed, lower case); ``None`` when it is not one."""
    token_id = token_id.strip().lower()
    if len(token_id) != TOKEN_ID_LENGTH or any(c not in "0123456789abcdef" for c in token_id):
        return None
    return token_id


def _token_row(session: Session, token_id: str) -> ApiTokenRow | None:
    return session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash.startswith(token_id)))


def get_token(session: Session, token_id: str) -> ApiToken | None:
    """The token with this id (as :func:`list_tokens` shows it); ``None`` when none has it."""
    tid = _normal_token_id(token_id)
    row = _token_row(session, tid) if tid is not None else None
    return None if row is None else _token(row, session.get(UserRow, row.user_id), utc_now())


def revoke_token_id(session: Session, token_id: str) -> ApiToken:
    """Revoke a token by its id (as :func:`list_tokens` shows it), without knowing its secret."""
    tid = _normal_token_id(token_id)
    if tid is None:
        raise InputError(
            "a token id is %(length)s hex digits, as 'tokens list' shows",
            field="id",
            params={"length": TOKEN_ID_LENGTH},
        )
    row = _token_row(session, tid)
    if row is None:
        raise InputError("no token with id %(id)s", field="id", params={"id": tid})
    _revoke(session, row)
    return _token(row, session.get(UserRow, row.user_id), utc_now())


def _token(row: ApiTokenRow, owner: UserRow | None, now: datetime) -> ApiToken:
    expires = aware(row.expires_at) if row.expires_at else None
    return ApiToken(
        id=row.token_hash[:TOKEN_ID_LENGTH],
        user=owner.name if owner is not None else str(row.user_id),
        label=row.label,
        created_at=aware(row.created_at),
        expires_at=expires,
        revoked=row.revoked,
        expired=expires is not None and expires <= now,
        last_used=aware(row.last_used_at) if row.last_used_at else None,
    )


def list_tokens(session: Session, user_name: str | None = None) -> list[ApiToken]:
    """API tokens, newest first (optionally one user's): ids, owners, labels, dates, never secrets."""
    q = (
        select(ApiTokenRow, UserRow)
        .join(UserRow, UserRow.id == ApiTokenRow.user_id)
        .order_by(ApiTokenRow.created_at.desc())
    )
    if user_name is not None:
        q = q.where(UserRow.name == user_name)
    now = utc_now()
    return [_token(t, u, now) for t, u in session.execute(q).all()]
