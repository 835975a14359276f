"""Use cases of web accounts: users, logins, sessions and API tokens, for the web, the API and the CLI.

In: a workspace, plain values (a name, a role, a password, a cookie or token secret) and the
actor the audit log names (the admin on ``/admin`` and ``/api/v1/admin``, ``cli`` on the
command line, ``web`` or ``api`` for logins and look-ups).
Out: :class:`~tawthiq.store.users.User`, :class:`~tawthiq.store.users.ApiToken`, a new
session's cookie or a new token's secret (returned once, never stored or logged).
Never: stores or logs a password or a secret (``store.users`` keeps argon2 hashes and SHA-256
digests); throttles logins (the web's per-process ``web/_throttle.py`` decides when a login may
be tried; :func:`login_locked` records its refusal).

Each function is one transaction (``Workspace.session``) whose actor is the one given: a write
and its audit event (``user.*``, ``token.*``) commit together or not at all. A user may be named
by its id (an ``int``, as the admin API does), resolved in the same transaction;
:class:`UnknownAccount` when no user or token has that id.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from tawthiq.errors import InputError
from tawthiq.store import Workspace, record_event, users
from tawthiq.store.users import MIN_PASSWORD_LENGTH, ApiToken, User

__all__ = [
    "UnknownAccount",
    "add_user",
    "create_token",
    "create_user",
    "list_tokens",
    "list_users",
    "login",
    "login_locked",
    "logout",
    "peek_session",
    "peek_token",
    "revoke_token",
    "revoke_token_id",
    "session_user",
    "set_active",
    "set_password",
    "set_role",
    "token_user",
]


class UnknownAccount(InputError):
    """No user has this id, or no token this well-formed id (the admin API answers 404)."""


def _name(s: Session, user: str | int) -> str:
    if isinstance(user, str):
        return user
    found = users.get_user(s, user)
    if found is None:
        raise UnknownAccount(f"no user {user}", field="user_id")
    return found.name


# ------------------------------------------------------------------ accounts


def list_users(ws: Workspace) -> list[User]:
    """Every user by name, with when they were created and last logged in."""
    with ws.session() as s:
        return users.list_users(s)


def create_user(
    ws: Workspace, name: str, role: str, password: str, *, actor: str, min_length: int = MIN_PASSWORD_LENGTH
) -> User:
    """A new user (``user.create``); a taken name, an unknown role or a weak password is refused."""
    with ws.session(actor=actor) as s:
        return users.create_user(s, name, role, password, min_length=min_length)


def add_user(
    ws: Workspace, name: str, role: str, password: str, *, actor: str, min_length: int = MIN_PASSWORD_LENGTH
) -> User:
    """Create a user or reset an existing one's role and password (``user.set``): ``users add``."""
    with ws.session(actor=actor) as s:
        return users.add_user(s, name, role, password, min_length=min_length)


def set_role(ws: Workspace, user: str | int, role: str, *, actor: str) -> User:
    """Change a user's role (``user.role``); the last active admin cannot be demoted."""
    with ws.session(actor=actor) as s:
        return users.set_role(s, _name(s, user), role)


def set_active(ws: Workspace, user: str | int, active: bool, *, actor: str) -> User:
    """Enable or disable a user (``user.enable`` / ``user.disable``: their sessions end)."""
    with ws.session(actor=actor) as s:
        return users.set_active(s, _name(s, user), active)


def set_password(
    ws: Workspace, user: str | int, password: str, *, actor: str, min_length: int = MIN_PASSWORD_LENGTH
) -> User:
    """Reset a user's password (``user.password``, never the password); their sessions end."""
    with ws.session(actor=actor) as s:
        return users.set_password(s, _name(s, user), password, min_length=min_length)


# ------------------------------------------------------------------ API tokens


def list_tokens(ws: Workspace, user: str | None = None) -> list[ApiToken]:
    """API tokens, newest first (``user``: one user's); never a secret."""
    with ws.session() as s:
        return users.list_tokens(s, user)


def create_token(
    ws: Workspace, user: str, label: str = "", days: int | None = 365, *, actor: str
) -> tuple[str, ApiToken]:
    """A new token (``token.create``): its secret, shown once, and the token as listed."""
    with ws.session(actor=actor) as s:
        secret = users.create_token(s, user, label, days)
        token = users.get_token(s, users.token_id(secret))
        assert token is not None  # made just above, in this transaction
        return secret, token


def revoke_token(ws: Workspace, secret: str, *, actor: str) -> bool:
    """Revoke the token whose secret this is (``token.revoke``); False when none has it."""
    with ws.session(actor=actor) as s:
        return users.revoke_token(s, secret)


def revoke_token_id(ws: Workspace, token_id: str, *, actor: str) -> ApiToken:
    """Revoke a token by its id (``token.revoke``). A malformed id is an :class:`InputError`; a
    well-formed one no token has, :class:`UnknownAccount` (the store's message)."""
    with ws.session(actor=actor) as s:
        if len(token_id.strip()) == users.TOKEN_ID_LENGTH and users.get_token(s, token_id) is None:
            try:
                users.revoke_token_id(s, token_id)
            except InputError as exc:  # the store's words: 'no token with id …' (or not hex)
                raise UnknownAccount(exc.message, field=exc.field) from None
        return users.revoke_token_id(s, token_id)


# ------------------------------------------------------------------ logins and sessions


def login(
    ws: Workspace, name: str, password: str, ttl_seconds: int, client: str = "unknown"
) -> tuple[User, str, datetime] | None:
    """A new session for the right password: (user, cookie, expiry), with ``user.login`` by the
    user. ``None`` otherwise, with ``user.login_failed`` (the account when the name exists, ``?``
    when not: a name nobody has may be a password typed in the wrong field) and the client's
    hashed address, never the password. One transaction, actor ``web``."""
    with ws.session(actor="web") as s:
        user = users.authenticate(s, name, password)
        if user is None:
            known = users.find_user(s, name)
            record_event(
                s,
                "user.login_failed",
                "user",
                known.name if known else "?",
                detail=f"wrong name or password (client {client})",
            )
            return None
        cookie, expires = users.start_session(s, user, ttl_seconds)
        record_event(s, "user.login", "user", user.name, actor=user.name)
        return user, cookie, expires


def login_locked(ws: Workspace, name: str, client: str, seconds: float) -> None:
    """Record the first refused attempt of a login delay or lockout (``user.login_locked``)."""
    with ws.session(actor="web") as s:
        known = users.find_user(s, name)
        record_event(
            s,
            "user.login_locked",
            "user",
            known.name if known else "?",
            detail=f"too many failed logins; refused for {seconds:.0f} s (client {client})",
        )


def logout(ws: Workspace, cookie: str, user: User | None) -> None:
    """End the session (and, for a known user, ``user.logout`` by that user)."""
    with ws.session(actor="web") as s:
        users.end_session(s, cookie)
        if user is not None:
            record_event(s, "user.logout", "user", user.name, actor=user.name)


def session_user(ws: Workspace, cookie: str, now: datetime, idle_seconds: int) -> User | None:
    """The user of a live session (ending a dead one, noting use at most once a minute)."""
    with ws.session(actor="web") as s:
        return users.session_user(s, cookie, now, idle_seconds)


def peek_session(ws: Workspace, cookie: str, now: datetime, idle_seconds: int) -> tuple[User | None, bool]:
    """:func:`session_user` read only: (user, whether ``session_user`` must run to write).
    The web's event loop asks this on every page, so it never waits on a write lock."""
    with ws.session(actor="web") as s:
        return users.peek_session(s, cookie, now, idle_seconds)


def token_user(ws: Workspace, token: str) -> User | None:
    """The active user of a live API token (noting its use at most once a minute)."""
    with ws.session(actor="api") as s:
        return users.token_user(s, token)


def peek_token(ws: Workspace, token: str) -> tuple[User | None, bool]:
    """:func:`token_user` read only: (user, whether ``token_user`` must run to write)."""
    with ws.session(actor="api") as s:
        return users.peek_token(s, token)
