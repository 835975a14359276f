"""The account use cases (``app.accounts``) the web, the admin API and the CLI all call.

The traps: a use case that records the wrong audit event or the wrong actor (the audit log must
name the admin who changed an account, and the user who logged in); a use case split over two
transactions, so that a failure halfway (here: the audit write) leaves the account changed, a
session open or a token live with no event saying so; a read on the web's event loop that
writes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from tawthiq.app import accounts
from tawthiq.errors import InputError
from tawthiq.store import list_events

PASSWORD = "olive lantern harbour 1948"
NEW_PASSWORD = "granite kettle meadow 2071"
TABLES = ("users", "web_sessions", "api_tokens", "audit_events")


@pytest.fixture
def ws(workspace):
    """root (admin) and hala (reviewer) with an open session and an API token."""
    accounts.add_user(workspace, "root", "admin", PASSWORD, actor="cli")
    accounts.add_user(workspace, "hala", "reviewer", PASSWORD, actor="cli")
    found = accounts.login(workspace, "hala", PASSWORD, 3600, "client-1")
    assert found is not None
    workspace.cookie = found[1]
    workspace.token, _ = accounts.create_token(workspace, "hala", "script", actor="cli")
    return workspace


def _snapshot(ws) -> dict[str, list[tuple]]:
    with ws.engine.connect() as conn:
        return {
            t: sorted(map(tuple, conn.execute(text(f"SELECT * FROM {t}")).all()), key=repr) for t in TABLES
        }


def _new_events(ws, before: int) -> list[tuple[str, str, str]]:
    with ws.session() as s:
        return [(e.action, e.actor, e.object_id) for e in list_events(s)[before:]]


def _count(ws) -> int:
    with ws.session() as s:
        return len(list_events(s))


def _token_id(ws) -> str:
    return accounts.list_tokens(ws, "hala")[0].id


# (use case, its call, the events it must record: (action, actor, object))
CASES = {
    "create_user": (
        lambda ws: accounts.create_user(ws, "nour", "viewer", PASSWORD, actor="root"),
        [("user.create", "root", "nour")],
    ),
    "add_user_resets": (
        lambda ws: accounts.add_user(ws, "hala", "documenter", NEW_PASSWORD, actor="cli"),
        [("user.set", "cli", "hala")],
    ),
    "set_role_by_id": (
        lambda ws: accounts.set_role(ws, accounts.list_users(ws)[0].id, "documenter", actor="root"),
        [("user.role", "root", "hala")],
    ),
    "disable": (
        lambda ws: accounts.set_active(ws, "hala", False, actor="root"),
        [("user.disable", "root", "hala")],
    ),
    "set_password": (
        lambda ws: accounts.set_password(ws, "hala", NEW_PASSWORD, actor="root"),
        [("user.password", "root", "hala")],
    ),
    "create_token": (
        lambda ws: accounts.create_token(ws, "hala", "second", 30, actor="root"),
        [("token.create", "root", "hala")],
    ),
    "revoke_token": (
        lambda ws: accounts.revoke_token(ws, ws.token, actor="cli"),
        [("token.revoke", "cli", "hala")],
    ),
    "revoke_token_id": (
        lambda ws: accounts.revoke_token_id(ws, _token_id(ws), actor="root"),
        [("token.revoke", "root", "hala")],
    ),
    "login": (
        lambda ws: accounts.login(ws, "HALA", PASSWORD, 3600, "client-2"),
        [("user.login", "hala", "hala")],
    ),
    "login_failed": (
        lambda ws: accounts.login(ws, "hala", "wrong " + PASSWORD, 3600, "client-2"),
        [("user.login_failed", "web", "hala")],
    ),
    "login_locked": (
        lambda ws: accounts.login_locked(ws, "nobody", "client-2", 60),
        [("user.login_locked", "web", "?")],
    ),
    "logout": (
        lambda ws: accounts.logout(ws, ws.cookie, accounts.list_users(ws)[0]),
        [("user.logout", "hala", "hala")],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_account_use_case_records_its_event_as_its_actor(ws, case):
    call, expected = CASES[case]
    before = _count(ws)
    call(ws)
    assert _new_events(ws, before) == expected


@pytest.mark.parametrize("case", CASES)
def test_an_account_use_case_whose_audit_write_fails_changes_nothing(ws, case, monkeypatch):
    """One transaction per use case: the row written before the event is rolled back with it."""
    call, _expected = CASES[case]
    before = _snapshot(ws)

    def failing(*args, **kwargs):
        raise RuntimeError("audit write failed")

    monkeypatch.setattr("tawthiq.store.users.record_event", failing)
    monkeypatch.setattr("tawthiq.store.tokens.record_event", failing)
    monkeypatch.setattr("tawthiq.app.accounts.record_event", failing)
    with pytest.raises(RuntimeError, match="audit write failed"):
        call(ws)
    assert _snapshot(ws) == before


def test_login_opens_a_session_the_cookie_finds_and_logout_ends_it(ws):
    user, cookie, expires = accounts.login(ws, "hala", PASSWORD, 3600)
    now = datetime.now(UTC)
    assert expires > now and accounts.session_user(ws, cookie, now, 600).name == "hala"
    accounts.logout(ws, cookie, user)
    assert accounts.session_user(ws, cookie, now, 600) is None


def test_peeking_at_a_session_or_token_writes_nothing_even_when_a_write_is_due(ws):
    later = datetime.now(UTC) + timedelta(minutes=5)
    before = _snapshot(ws)
    user, due = accounts.peek_session(ws, ws.cookie, later, 3600)
    assert user is not None and user.name == "hala" and due
    user, _due = accounts.peek_token(ws, ws.token)
    assert user is not None and user.name == "hala"
    assert _snapshot(ws) == before
    assert accounts.session_user(ws, ws.cookie, later, 3600).name == "hala"
    assert _snapshot(ws) != before  # the real look-up notes the session's use


def test_an_unknown_user_id_or_token_id_is_unknown_account_not_a_bad_value(ws):
    with pytest.raises(accounts.UnknownAccount) as no_user:
        accounts.set_role(ws, 999_999, "viewer", actor="root")
    assert no_user.value.field == "user_id"
    with pytest.raises(accounts.UnknownAccount, match="no token with id 0000000000000000"):
        accounts.revoke_token_id(ws, "0" * 16, actor="root")
    with pytest.raises(InputError) as malformed:
        accounts.revoke_token_id(ws, "zz", actor="root")
    assert not isinstance(malformed.value, accounts.UnknownAccount)


def _root_id(ws) -> int:
    return next(u.id for u in accounts.list_users(ws) if u.name == "root")


# (a refused change, the field its error names): the account rules app.accounts applies
REFUSED = {
    "weak_password_on_reset": (
        lambda ws: accounts.add_user(ws, "hala", "viewer", "passwordpassword", actor="cli"),
        "password",
    ),
    "short_password_by_id": (
        lambda ws: accounts.set_password(ws, _root_id(ws), "too short", actor="root"),
        "password",
    ),
    "unknown_role": (lambda ws: accounts.set_role(ws, "hala", "owner", actor="root"), "role"),
    "last_admin_demoted_by_id": (
        lambda ws: accounts.set_role(ws, _root_id(ws), "viewer", actor="root"),
        "role",
    ),
    "last_admin_reset_to_viewer": (
        lambda ws: accounts.add_user(ws, "root", "viewer", NEW_PASSWORD, actor="cli"),
        "role",
    ),
    "last_admin_disabled": (lambda ws: accounts.set_active(ws, "root", False, actor="root"), "active"),
    "invisible_character_in_a_name": (
        lambda ws: accounts.create_user(ws, "nour\u200f", "viewer", PASSWORD, actor="root"),
        "name",
    ),
    "token_with_negative_days": (
        lambda ws: accounts.create_token(ws, "hala", "x", -1, actor="root"),
        "days",
    ),
    "token_for_a_disabled_user": (lambda ws: accounts.create_token(ws, "nour", "x", actor="root"), "user"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_an_account_rule_refuses_before_the_store_writes_anything(ws, case):
    refused, field = REFUSED[case]
    accounts.create_user(ws, "nour", "viewer", PASSWORD, actor="root")
    accounts.set_active(ws, "nour", False, actor="root")
    before, events = _snapshot(ws), _count(ws)
    with pytest.raises(InputError) as caught:
        refused(ws)
    assert caught.value.field == field
    assert _snapshot(ws) == before and _count(ws) == events
