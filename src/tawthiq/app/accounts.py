"""Use cases of web accounts: users, logins, sessions and API tokens, for the web, the API and the CLI,
and the account rules they apply before the store writes.

In: a workspace, plain values (a name, a role, a password, a cookie or token secret) and the
actor the audit log names (the admin on ``/admin`` and ``/api/v1/admin``, ``cli`` on the
command line, ``web`` or ``api`` for logins and look-ups).
Out: :class:`~tawthiq.store.users.User`, :class:`~tawthiq.store.tokens.ApiToken`, a new
session's cookie or a new token's secret (returned once, never stored or logged).
Never: stores or logs a password or a secret (``store.users`` keeps argon2 hashes,
``store.sessions`` and ``store.tokens`` SHA-256 digests); throttles logins (the web's
per-process ``web/_throttle.py`` decides when a login may be tried; :func:`login_locked`
records its refusal).

Each function is one transaction (``Workspace.session``) whose actor is the one given: a write
and its audit event (``user.*``, ``token.*``) commit together or not at all. A user may be named
by its id (an ``int``, as the admin API does), resolved in the same transaction;
:class:`UnknownAccount` when no user or token has that id.

The account rules live here, not in the store (which only stores what it is given):

- Passwords (NIST SP 800-63B rev. 4, §3.1.1.2, single-factor passwords), applied whenever a
  password is *set* (:func:`check_password`; logging in with an older password keeps working):
  at least ``min_length`` characters (default 15; a setting may lower it, never below 8), up to
  :data:`MAX_PASSWORD_LENGTH` (well over the 64 NIST asks to accept); any Unicode, counted in
  code points after NFKC normalisation, which is also what is hashed, so the same passphrase
  typed on another keyboard still matches; no composition rules (no "one digit and one
  symbol"); and a blocklist: zxcvbn's list of 30,000 common passwords (exact match,
  case-folded), and zxcvbn's estimate with the user's name and the service's name as context
  words, refusing what it guesses in under a million tries (repeats, sequences, keyboard walks,
  dictionary words and names, the user's own name). zxcvbn (Dropbox's estimator, its maintained
  Python port) is a registry package of pure code and data; nothing is fetched at run time.
- User names (issue 18, :func:`normal_name`): stored NFKC-normalised and trimmed; a name holding
  a control, format, bidirectional-control or invisible character (U+200F RIGHT-TO-LEFT MARK,
  U+202E, U+2066, zero-width joiners, tabs, no-break spaces …) is refused, so no two names can
  look the same on a page while differing in what cannot be seen. (Names are unique by
  :func:`name_key`, which the store keeps as it finds a name.)
- A role is one of ``entities.USER_ROLES``.
- The workspace never loses its last active admin: demoting or disabling them is refused.
- A token is made only for an active user, for 0 (never expires) or more days.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from functools import cache

from sqlalchemy.orm import Session

from tawthiq.entities import USER_ROLES
from tawthiq.errors import InputError
from tawthiq.store import Workspace, record_event, sessions, tokens, users
from tawthiq.store.tokens import ApiToken
from tawthiq.store.users import User, name_key

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "MIN_PASSWORD_LENGTH",
    "PASSWORD_LENGTH_FLOOR",
    "UnknownAccount",
    "add_user",
    "check_min_length",
    "check_password",
    "create_token",
    "create_user",
    "list_tokens",
    "list_users",
    "login",
    "login_locked",
    "logout",
    "name_key",
    "normal_name",
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

MIN_PASSWORD_LENGTH = 15  # NIST SP 800-63B rev. 4: a password that is the only factor
PASSWORD_LENGTH_FLOOR = 8  # the least a setting may ask (NIST's minimum with a second factor)
MAX_PASSWORD_LENGTH = 1024  # NIST: accept at least 64; the cap only bounds the hashing work
# zxcvbn's estimate below which a password is refused as guessable (its "score 0 or 1").
MIN_GUESSES_LOG10 = 6
CONTEXT_WORDS = ("tawthiq", "توثيق")


class UnknownAccount(InputError):
    """No user has this id, or no token this well-formed id (the admin API answers 404)."""


# ------------------------------------------------------------------ rules


def _check_role(role: str) -> None:
    if role not in USER_ROLES:
        raise InputError(
            "%(role)r is not a role; use one of %(choices)s",
            field="role",
            params={"role": role, "choices": list(USER_ROLES)},
        )


def check_min_length(min_length: int) -> int:
    """A configured minimum password length, refused below :data:`PASSWORD_LENGTH_FLOOR`."""
    if min_length < PASSWORD_LENGTH_FLOOR or min_length > MAX_PASSWORD_LENGTH:
        raise InputError(
            "the minimum password length must be %(low)s..%(high)s, not %(value)s",
            field="min_password_length",
            params={"low": PASSWORD_LENGTH_FLOOR, "high": MAX_PASSWORD_LENGTH, "value": min_length},
        )
    return min_length


def _normal(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


@cache
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(p.casefold() for p in FREQUENCY_LISTS["passwords"])


def _guessable(password: str, name: str | None) -> bool:
    if password.casefold() in _common_passwords():
        return True
    from zxcvbn import zxcvbn

    context = [*CONTEXT_WORDS, *([name] if name else [])]
    return zxcvbn(password[:72], user_inputs=context)["guesses_log10"] < MIN_GUESSES_LOG10


def check_password(password: str, *, name: str | None = None, min_length: int = MIN_PASSWORD_LENGTH) -> str:
    """The password as it is hashed (NFKC-normalised) when it may be set, else :class:`InputError`
    (field ``password``). The message never repeats the password."""
    min_length = check_min_length(min_length)
    password = _normal(password)
    if len(password) < min_length:
        raise InputError(
            "a password needs at least %(limit)s characters; a few words are easiest to remember",
            field="password",
            params={"limit": min_length},
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InputError(
            "a password has at most %(limit)s characters",
            field="password",
            params={"limit": MAX_PASSWORD_LENGTH},
        )
    if _guessable(password, name):
        raise InputError(
            "this password is common or easy to guess (a known password, a repeat or sequence, "
            "a dictionary word or the user's name); choose a few unrelated words",
            field="password",
        )
    return password


# Unicode categories no user name may hold: controls (Cc), format characters (Cf: the bidi marks
# and embeddings U+200E/F, U+202A-E, U+2066-9, U+061C, zero-width joiners, soft hyphen), line and
# paragraph separators, surrogates, private-use and unassigned code points.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
MAX_NAME_LENGTH = 200


def normal_name(name: str) -> str:
    """A user name as it is stored: NFKC-normalised and trimmed; :class:`InputError` (field
    ``name``) when it is empty, too long, or holds an invisible, control or bidi character or a
    space other than U+0020. The message names the position and code point, not the name."""
    name = unicodedata.normalize("NFKC", name).strip()
    if not name:
        raise InputError("a user name cannot be empty", field="name")
    if len(name) > MAX_NAME_LENGTH:
        raise InputError(
            "a user name has at most %(limit)s characters", field="name", params={"limit": MAX_NAME_LENGTH}
        )
    for position, char in enumerate(name, start=1):
        category = unicodedata.category(char)
        if category in _REFUSED_CATEGORIES or (category == "Zs" and char != " "):
            raise InputError(
                "a user name cannot hold the invisible or control character U+%(code)s "
                "(character %(position)s); type the name without it",
                field="name",
                params={"code": f"{ord(char):04X}", "position": position},
            )
    return name


def _keep_an_admin(s: Session, user: User, *, role: str, active: bool, field: str) -> None:
    """Refuse a change that would leave the workspace without an active admin."""
    if not (user.role == "admin" and user.active) or (role == "admin" and active):
        return
    if not users.count_active_admins(s, besides=user.id):
        raise InputError(
            "%(name)r is the last active admin; make another user admin before this change",
            field=field,
            params={"name": user.name},
        )


def _named(s: Session, name: str) -> User | None:
    """The user stored under exactly this name (as the store's writes look it up), else ``None``."""
    found = users.find_user(s, name)
    return found if found is not None and found.name == name else None


def _name(s: Session, user: str | int) -> str:
    if isinstance(user, str):
        return user
    found = users.get_user(s, user)
    if found is None:
        raise UnknownAccount("no user %(id)s", field="user_id", params={"id": user})
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
        name = normal_name(name)
        _check_role(role)
        password = check_password(password, name=name, min_length=min_length)
        return users.create_user(s, name, role, password)


def add_user(
    ws: Workspace, name: str, role: str, password: str, *, actor: str, min_length: int = MIN_PASSWORD_LENGTH
) -> User:
    """Create a user or reset an existing one's role and password (``user.set``): ``users add``.
    A name that differs from an existing one only in case or character form is refused (the store)."""
    with ws.session(actor=actor) as s:
        name = normal_name(name)
        _check_role(role)
        password = check_password(password, name=name, min_length=min_length)
        existing = _named(s, name)
        if existing is not None:  # a reset enables the user: the rule weighs the role given
            _keep_an_admin(s, existing, role=role, active=True, field="role")
        return users.add_user(s, name, role, password)


def set_role(ws: Workspace, user: str | int, role: str, *, actor: str) -> User:
    """Change a user's role (``user.role``); the last active admin cannot be demoted."""
    with ws.session(actor=actor) as s:
        name = _name(s, user)
        _check_role(role)
        current = users.find_user(s, name)
        if current is not None and current.role != role:
            _keep_an_admin(s, current, role=role, active=current.active, field="role")
        return users.set_role(s, name, role)


def set_active(ws: Workspace, user: str | int, active: bool, *, actor: str) -> User:
    """Enable or disable a user (``user.enable`` / ``user.disable``: their sessions end)."""
    with ws.session(actor=actor) as s:
        name = _name(s, user)
        current = users.find_user(s, name)
        if current is not None and current.active != active:
            _keep_an_admin(s, current, role=current.role, active=active, field="active")
        return users.set_active(s, name, active)


def set_password(
    ws: Workspace, user: str | int, password: str, *, actor: str, min_length: int = MIN_PASSWORD_LENGTH
) -> User:
    """Reset a user's password (``user.password``, never the password); their sessions end."""
    with ws.session(actor=actor) as s:
        name = _name(s, user)
        password = check_password(password, name=name.strip(), min_length=min_length)
        return users.set_password(s, name, password)


# ------------------------------------------------------------------ API tokens


def list_tokens(ws: Workspace, user: str | None = None) -> list[ApiToken]:
    """API tokens, newest first (``user``: one user's); never a secret."""
    with ws.session() as s:
        return tokens.list_tokens(s, user)


def create_token(
    ws: Workspace, user: str, label: str = "", days: int | None = 365, *, actor: str
) -> tuple[str, ApiToken]:
    """A new token (``token.create``): its secret, shown once, and the token as listed."""
    with ws.session(actor=actor) as s:
        owner = _named(s, user)  # none: the store's "no user named …"
        if owner is not None and not owner.active:
            raise InputError(
                "user %(name)r is disabled; enable them first", field="user", params={"name": user}
            )
        if owner is not None and days is not None and days < 0:
            raise InputError("days must be 0 (never expires) or more", field="days")
        secret = tokens.create_token(s, user, label, days)
        token = tokens.get_token(s, tokens.token_id(secret))
        assert token is not None  # made just above, in this transaction
        return secret, token


def revoke_token(ws: Workspace, secret: str, *, actor: str) -> bool:
    """Revoke the token whose secret this is (``token.revoke``); False when none has it."""
    with ws.session(actor=actor) as s:
        return tokens.revoke_token(s, secret)


def revoke_token_id(ws: Workspace, token_id: str, *, actor: str) -> ApiToken:
    """Revoke a token by its id (``token.revoke``). A malformed id is an :class:`InputError`; a
    well-formed one no token has, :class:`UnknownAccount` (the store's message)."""
    with ws.session(actor=actor) as s:
        if len(token_id.strip()) == tokens.TOKEN_ID_LENGTH and tokens.get_token(s, token_id) is None:
            try:
                tokens.revoke_token_id(s, token_id)
            except InputError as exc:  # the store's words: 'no token with id …' (or not hex)
                raise UnknownAccount(exc.template, field=exc.field, params=exc.params) from None
        return tokens.revoke_token_id(s, token_id)


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
        cookie, expires = sessions.start_session(s, user, ttl_seconds)
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
        sessions.end_session(s, cookie)
        if user is not None:
            record_event(s, "user.logout", "user", user.name, actor=user.name)


def session_user(ws: Workspace, cookie: str, now: datetime, idle_seconds: int) -> User | None:
    """The user of a live session (ending a dead one, noting use at most once a minute)."""
    with ws.session(actor="web") as s:
        return sessions.session_user(s, cookie, now, idle_seconds)


def peek_session(ws: Workspace, cookie: str, now: datetime, idle_seconds: int) -> tuple[User | None, bool]:
    """:func:`session_user` read only: (user, whether ``session_user`` must run to write).
    The web's event loop asks this on every page, so it never waits on a write lock."""
    with ws.session(actor="web") as s:
        return sessions.peek_session(s, cookie, now, idle_seconds)


def token_user(ws: Workspace, token: str) -> User | None:
    """The active user of a live API token (noting its use at most once a minute)."""
    with ws.session(actor="api") as s:
        return tokens.token_user(s, token)


def peek_token(ws: Workspace, token: str) -> tuple[User | None, bool]:
    """:func:`token_user` read only: (user, whether ``token_user`` must run to write)."""
    with ws.session(actor="api") as s:
        return tokens.peek_token(s, token)
