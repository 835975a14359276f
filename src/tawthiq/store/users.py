"""Users of the web workspace, stored: accounts, their roles and passwords, and who logs in.

In: a SQLAlchemy session and values the caller has already checked (a normalised user name,
a known role, a password that passed ``app.accounts.check_password``).
Out: :class:`User` models (never a row, never a hash). Every change is audit-logged
(``user.*``) with the session's actor.
Never: stores a password in clear: passwords are argon2id hashes (argon2-cffi, the
OWASP-recommended default). Never decides what may be set: the account rules (password
strength, user-name characters, the roles, the last active admin, who may hold a token) are
``app.accounts``'s, applied before these writes.

The accounts are stored in three modules: this one (users and passwords), ``store/sessions.py``
(web login sessions) and ``store/tokens.py`` (API tokens); the :class:`User` model and the
user-row look-ups they share are in ``store/_accounts.py``. What the store does keep is how a
stored name is found: names are unique by :func:`name_key` (NFKC, then case-folded): ``U_ADMIN``
and ``ｕ_admin`` are taken once ``u_admin`` exists, and log in as it (issue 18), as a unique index
would keep them; and a password is checked in its NFKC form, the form ``app.accounts`` hashes, so
the same passphrase typed on another keyboard matches.
"""

from __future__ import annotations

import secrets
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawthiq.errors import InputError
from tawthiq.store._accounts import User, aware, exact_row, find_row, name_key, to_user, user_row, utc_now
from tawthiq.store.audit import record_event
from tawthiq.store.sessions import end_user_sessions
from tawthiq.store.tables import AuditEventRow, UserRow

__all__ = [
    "User",
    "add_user",
    "authenticate",
    "count_active_admins",
    "create_user",
    "find_user",
    "get_user",
    "list_users",
    "name_key",
    "set_active",
    "set_password",
    "set_role",
]

_hasher = PasswordHasher()
# A hash computed once, verified against when the user does not exist, so a wrong user name
# costs as long as a wrong password (no user enumeration by timing).
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def _normal(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def _refuse_taken(session: Session, name: str, *, same: UserRow | None = None) -> None:
    """InputError when a user other than ``same`` has a name with the same :func:`name_key`."""
    taken = find_row(session, name)
    if taken is not None and taken is not same:
        if taken.name == name:
            raise InputError("a user named %(name)r already exists", field="name", params={"name": name})
        raise InputError(
            "a user named %(name)r already exists; names that differ only in case or in "
            "character form are the same name",
            field="name",
            params={"name": taken.name},
        )


def count_active_admins(session: Session, *, besides: int | None = None) -> int:
    """How many active admins there are (``besides``: not counting the user with this id)."""
    q = select(func.count()).select_from(UserRow).where(UserRow.role == "admin", UserRow.active.is_(True))
    if besides is not None:
        q = q.where(UserRow.id != besides)
    return session.scalar(q) or 0


def create_user(session: Session, name: str, role: str, password: str) -> User:
    """Add a new user; refuses a name that is taken, in any case or character form (see
    :func:`set_password` to reset one)."""
    _refuse_taken(session, name)
    row = UserRow(
        name=name, role=role, password_hash=_hasher.hash(password), active=True, created_at=utc_now()
    )
    session.add(row)
    session.flush()
    record_event(session, "user.create", "user", row.name, after={"name": row.name, "role": row.role})
    return to_user(row)


def set_role(session: Session, name: str, role: str) -> User:
    """Change a user's role; takes effect on their next request (sessions and tokens included)."""
    row = user_row(session, name)
    if row.role == role:
        return to_user(row)
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
    return to_user(row)


def set_active(session: Session, name: str, active: bool) -> User:
    """Disable (or enable) a user. Disabling ends their sessions; their tokens stop working at once
    (every request checks the user is active) and work again only if they are enabled again."""
    row = user_row(session, name)
    if row.active == active:
        return to_user(row)
    row.active = active
    if not active:
        end_user_sessions(session, row.id)
    session.flush()
    record_event(session, "user.enable" if active else "user.disable", "user", row.name)
    return to_user(row)


def set_password(session: Session, name: str, password: str) -> User:
    """Reset a user's password; their open sessions end (whoever held one must log in again)."""
    row = user_row(session, name)
    row.password_hash = _hasher.hash(password)
    end_user_sessions(session, row.id)
    session.flush()
    record_event(session, "user.password", "user", row.name)  # never the password or its hash
    return to_user(row)


def add_user(session: Session, name: str, role: str, password: str) -> User:
    """Create a user (or reset an existing user's role and password, enable them and end their
    open sessions, as :func:`set_password` does). The CLI's ``users add``; the web uses
    :func:`create_user`, which refuses a taken name. A name that differs from an existing one
    only in case or character form is refused: say the existing name to reset that user."""
    row = exact_row(session, name)
    _refuse_taken(session, name, same=row)
    if row is None:
        row = UserRow(
            name=name, role=role, password_hash=_hasher.hash(password), active=True, created_at=utc_now()
        )
        session.add(row)
    else:
        row.role = role
        row.password_hash = _hasher.hash(password)
        row.active = True
        end_user_sessions(session, row.id)
    session.flush()
    record_event(session, "user.set", "user", row.name, after={"name": row.name, "role": row.role})
    return to_user(row)


def find_user(session: Session, name: str) -> User | None:
    """The user this name (as typed at a login: any case or character form) names, or ``None``."""
    row = find_row(session, name)
    return to_user(row) if row is not None else None


def get_user(session: Session, user_id: int) -> User | None:
    """The user with this id (no last login), or ``None``."""
    row = session.get(UserRow, user_id)
    return to_user(row) if row is not None else None


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
        to_user(r, aware(logins[r.name]) if logins.get(r.name) else None)
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
    in its NFKC form once it matches. The name is matched caseless, as every look-up of a typed
    name is (``store/_accounts.find_row``).
    """
    row = find_row(session, name)
    stored = row.password_hash if row is not None else _DUMMY_HASH
    normal = _normal(password)
    ok = _verify(stored, normal)
    legacy = not ok and normal != password and _verify(stored, password)
    if not (ok or legacy) or row is None or not row.active:
        return None
    if legacy or _hasher.check_needs_rehash(row.password_hash):
        row.password_hash = _hasher.hash(normal)
    return to_user(row)
