"""Accounts of the web workspace, stored: users, login sessions and API tokens.

In: a SQLAlchemy session and values the caller has already checked (a normalised user name,
a known role, a password that passed ``app.accounts.check_password``).
Out: :class:`User` and :class:`ApiToken` models (never a row, never a hash); fresh secrets are
returned once, at creation. Every change is audit-logged (``user.*``, ``token.*``) with the
session's actor.
Never: stores a password or token in clear. Passwords are argon2id hashes (argon2-cffi, the
OWASP-recommended default); session cookies and API tokens are 256-bit random values of which
only the SHA-256 digest is stored, so a copy of the database lets nobody log in. Never decides
what may be set: the account rules (password strength, user-name characters, the roles, the
last active admin, who may hold a token) are ``app.accounts``'s, applied before these writes.

A token is named in lists and in ``revoke`` by its **id**: the first 16 hex digits of its
SHA-256 digest, which identify it without letting anyone use it.

What the store does keep is how a stored name is found: names are unique by :func:`name_key`
(NFKC, then case-folded): ``U_ADMIN`` and ``ｕ_admin`` are taken once ``u_admin`` exists, and log
in as it (issue 18), as a unique index would keep them; and a password is checked in its NFKC
form, the form ``app.accounts`` hashes, so the same passphrase typed on another keyboard matches.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict
from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from tawthiq.errors import InputError
from tawthiq.store.audit import record_event
from tawthiq.store.tables import ApiTokenRow, AuditEventRow, UserRow, WebSessionRow

__all__ = [
    "ApiToken",
    "User",
    "add_user",
    "authenticate",
    "count_active_admins",
    "create_token",
    "create_user",
    "end_session",
    "find_user",
    "get_token",
    "get_user",
    "list_tokens",
    "list_users",
    "name_key",
    "peek_session",
    "peek_token",
    "revoke_token",
    "revoke_token_id",
    "session_user",
    "set_active",
    "set_password",
    "set_role",
    "start_session",
    "token_id",
    "token_user",
]

TOKEN_ID_LENGTH = 16
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
    created_at: datetime | None = None
    last_login: datetime | None = None  # from the audit log's ``user.login`` events; lists only


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


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_id(secret: str) -> str:
    """The id under which a token is listed and can be revoked (a prefix of its digest)."""
    return _digest(secret)[:TOKEN_ID_LENGTH]


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)  # SQLite gives naive datetimes back


def _user(row: UserRow, last_login: datetime | None = None) -> User:
    return User(
        id=row.id,
        name=row.name,
        role=row.role,
        active=row.active,
        created_at=_aware(row.created_at) if row.created_at else None,
        last_login=last_login,
    )


def _normal(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def name_key(name: str) -> str:
    """What makes two user names the same name: NFKC, case-folded, NFKC again (Unicode's
    "identifier caseless match", UAX #31). ``U_ADMIN``, ``u_admin`` and ``ｕ＿ａｄｍｉｎ`` share one key."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).strip().casefold())


def _find(session: Session, name: str) -> UserRow | None:
    """The user whose name is ``name`` as typed (NFKC), else the one with the same :func:`name_key`.

    The users table is small (people, not records), so a caseless look-up scans it in Python
    rather than keeping a second, derived name column.
    """
    typed = unicodedata.normalize("NFKC", name).strip()
    row = session.scalar(select(UserRow).where(UserRow.name == typed))
    if row is not None:
        return row
    key = name_key(typed)
    return next(
        (r for r in session.scalars(select(UserRow).order_by(UserRow.id)) if name_key(r.name) == key), None
    )


def _row(session: Session, name: str) -> UserRow:
    row = _find(session, name)
    if row is None:
        raise InputError(f"no user named {name.strip()!r}", field="name")
    return row


def _refuse_taken(session: Session, name: str, *, same: UserRow | None = None) -> None:
    """InputError when a user other than ``same`` has a name with the same :func:`name_key`."""
    taken = _find(session, name)
    if taken is not None and taken is not same:
        if taken.name == name:
            raise InputError(f"a user named {name!r} already exists", field="name")
        raise InputError(
            f"a user named {taken.name!r} already exists; names that differ only in case or in "
            "character form are the same name",
            field="name",
        )


def count_active_admins(session: Session, *, besides: int | None = None) -> int:
    """How many active admins there are (``besides``: not counting the user with this id)."""
    q = select(func.count()).select_from(UserRow).where(UserRow.role == "admin", UserRow.active.is_(True))
    if besides is not None:
        q = q.where(UserRow.id != besides)
    return session.scalar(q) or 0


def _end_sessions(session: Session, user_id: int) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))


def create_user(session: Session, name: str, role: str, password: str) -> User:
    """Add a new user; refuses a name that is taken, in any case or character form (see
    :func:`set_password` to reset one)."""
    _refuse_taken(session, name)
    row = UserRow(name=name, role=role, password_hash=_hasher.hash(password), active=True, created_at=_now())
    session.add(row)
    session.flush()
    record_event(session, "user.create", "user", row.name, after={"name": row.name, "role": row.role})
    return _user(row)


def set_role(session: Session, name: str, role: str) -> User:
    """Change a user's role; takes effect on their next request (sessions and tokens included)."""
    row = _row(session, name)
    if row.role == role:
        return _user(row)
    before = {"name": row.name, "role": row.role}
    row.role = role
    session.flush()
    record_event(
        session,
        "user.role",
        "user",
        row.name,
        before=before,
        after={"name": row.name, "role": role},
        detail=f"{before['role']} -> {role}",
    )
    return _user(row)


def set_active(session: Session, name: str, active: bool) -> User:
    """Disable (or enable) a user. Disabling ends their sessions; their tokens stop working at once
    (every request checks the user is active) and work again only if they are enabled again."""
    row = _row(session, name)
    if row.active == active:
        return _user(row)
    row.active = active
    if not active:
        _end_sessions(session, row.id)
    session.flush()
    record_event(session, "user.enable" if active else "user.disable", "user", row.name)
    return _user(row)


def set_password(session: Session, name: str, password: str) -> User:
    """Reset a user's password; their open sessions end (whoever held one must log in again)."""
    row = _row(session, name)
    row.password_hash = _hasher.hash(password)
    _end_sessions(session, row.id)
    session.flush()
    record_event(session, "user.password", "user", row.name)  # never the password or its hash
    return _user(row)


def add_user(session: Session, name: str, role: str, password: str) -> User:
    """Create a user (or reset an existing user's role and password, enable them and end their
    open sessions, as :func:`set_password` does). The CLI's ``users add``; the web uses
    :func:`create_user`, which refuses a taken name. A name that differs from an existing one
    only in case or character form is refused: say the existing name to reset that user."""
    row = session.scalar(select(UserRow).where(UserRow.name == name))
    _refuse_taken(session, name, same=row)
    if row is None:
        row = UserRow(
            name=name, role=role, password_hash=_hasher.hash(password), active=True, created_at=_now()
        )
        session.add(row)
    else:
        row.role = role
        row.password_hash = _hasher.hash(password)
        row.active = True
        _end_sessions(session, row.id)
    session.flush()
    record_event(session, "user.set", "user", row.name, after={"name": row.name, "role": row.role})
    return _user(row)


def find_user(session: Session, name: str) -> User | None:
    """The user this name (as typed at a login: any case or character form) names, or ``None``."""
    row = _find(session, name)
    return _user(row) if row is not None else None


def get_user(session: Session, user_id: int) -> User | None:
    """The user with this id (no last login), or ``None``."""
    row = session.get(UserRow, user_id)
    return _user(row) if row is not None else None


def list_users(session: Session) -> list[User]:
    """Every user by name, with when they were created and last logged in (from the audit log)."""
    logins = dict(
        session.execute(
            select(AuditEventRow.object_id, func.max(AuditEventRow.at))
            .where(AuditEventRow.action == "user.login", AuditEventRow.object_type == "user")
            .group_by(AuditEventRow.object_id)
        ).all()
    )
    return [
        _user(r, _aware(logins[r.name]) if logins.get(r.name) else None)
        for r in session.scalars(select(UserRow).order_by(UserRow.name))
    ]


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The user when ``password`` is right, else ``None`` (same cost whether the name exists or not).

    The NFKC form is checked first (what ``app.accounts.check_password`` hashes); a password set before
    normalisation, whose typed form differs from its NFKC form, is checked as typed and rehashed
    in its NFKC form once it matches. The name is matched as :func:`_find` does (caseless).
    """
    row = _find(session, name)
    stored = row.password_hash if row is not None else _DUMMY_HASH
    normal = _normal(password)
    ok = _verify(stored, normal)
    legacy = not ok and normal != password and _verify(stored, password)
    if not (ok or legacy) or row is None or not row.active:
        return None
    if legacy or _hasher.check_needs_rehash(row.password_hash):
        row.password_hash = _hasher.hash(normal)
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
            update(WebSessionRow).where(WebSessionRow.id_hash == _digest(secret)).values(last_seen_at=now)
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
    row = session.execute(_SESSION_USER, {"digest": _digest(secret)}).first()
    if row is None:
        return None, None
    last_seen = _aware(row.last_seen_at)
    if _aware(row.expires_at) <= now or last_seen + timedelta(seconds=idle_seconds) <= now:
        return None, "end"
    if row.id is None or not row.active:
        return None, None
    touch = (now - last_seen).total_seconds() > 60  # do not write on every request
    return User(id=row.id, name=row.name, role=row.role, active=row.active), "touch" if touch else None


def end_session(session: Session, secret: str) -> None:
    session.execute(delete(WebSessionRow).where(WebSessionRow.id_hash == _digest(secret)))


def create_token(session: Session, user_name: str, label: str = "", days: int | None = 365) -> str:
    """A new API token for ``user_name``; the value is returned once and never stored."""
    row = session.scalar(select(UserRow).where(UserRow.name == user_name))
    if row is None:
        raise InputError(f"no user named {user_name!r}; add one with 'tawthiq users add'", field="user")
    secret = "tq_" + secrets.token_urlsafe(32)
    digest = _digest(secret)
    now = _now()
    session.add(
        ApiTokenRow(
            token_hash=digest,
            user_id=row.id,
            label=label[:200],
            created_at=now,
            expires_at=now + timedelta(days=days) if days else None,
        )
    )
    session.flush()
    # The id (a prefix of the digest) ties this event to a later ``token.revoke``; never the secret.
    detail = f"token {digest[:TOKEN_ID_LENGTH]}" + (f": {label[:200]}" if label else "")
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
    now = now or _now()
    user, touch = peek_token(session, secret, now)
    if touch:  # when it was last used, for admins: written at most once a minute
        session.execute(
            update(ApiTokenRow).where(ApiTokenRow.token_hash == _digest(secret)).values(last_used_at=now)
        )
    return user


def peek_token(session: Session, secret: str, now: datetime | None = None) -> tuple[User | None, bool]:
    """What :func:`token_user` answers, read only: the user, and whether ``token_user`` would
    also write now (the token's last use, at most once a minute). See :func:`peek_session`."""
    row = session.execute(_TOKEN_USER, {"digest": _digest(secret)}).first()
    now = now or _now()
    if row is None or row.revoked or not row.active:
        return None, False
    if row.expires_at is not None and _aware(row.expires_at) <= now:
        return None, False
    touch = row.last_used_at is None or (now - _aware(row.last_used_at)).total_seconds() > 60
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
    row = session.get(ApiTokenRow, _digest(secret))
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
    return None if row is None else _token(row, session.get(UserRow, row.user_id), _now())


def revoke_token_id(session: Session, token_id: str) -> ApiToken:
    """Revoke a token by its id (as :func:`list_tokens` shows it), without knowing its secret."""
    tid = _normal_token_id(token_id)
    if tid is None:
        raise InputError(f"a token id is {TOKEN_ID_LENGTH} hex digits, as 'tokens list' shows", field="id")
    row = _token_row(session, tid)
    if row is None:
        raise InputError(f"no token with id {tid}", field="id")
    _revoke(session, row)
    return _token(row, session.get(UserRow, row.user_id), _now())


def _token(row: ApiTokenRow, owner: UserRow | None, now: datetime) -> ApiToken:
    expires = _aware(row.expires_at) if row.expires_at else None
    return ApiToken(
        id=row.token_hash[:TOKEN_ID_LENGTH],
        user=owner.name if owner is not None else str(row.user_id),
        label=row.label,
        created_at=_aware(row.created_at),
        expires_at=expires,
        revoked=row.revoked,
        expired=expires is not None and expires <= now,
        last_used=_aware(row.last_used_at) if row.last_used_at else None,
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
    now = _now()
    return [_token(t, u, now) for t, u in session.execute(q).all()]
