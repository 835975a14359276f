"""Issue 18: guessing passwords, forged forwarded headers, cached private pages, error headers,
ids past 64 bits and look-alike user names."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tawthiq.errors import InputError
from tawthiq.web import WebSettings, create_app

from .conftest import PASSWORD, add_user, csrf_of, login

WRONG = "a wrong guess of the passphrase"


class Clock:
    """Monotonic seconds that move only when the test says so (no sleeps)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _client(built, clock: Clock, **settings) -> TestClient:
    return TestClient(create_app(built.ws, WebSettings(**settings), clock=clock))


def _login(client: TestClient, name: str, password: str, headers: dict[str, str] | None = None):
    return client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": csrf_of(client), "next": "/incidents"},
        headers=headers or {},
        follow_redirects=False,
    )


def _audit(ws, *actions: str) -> list[tuple[str, str, str]]:
    from sqlalchemy import select

    from tawthiq.store.tables import AuditEventRow

    with ws.session() as s:
        rows = s.execute(
            select(AuditEventRow.action, AuditEventRow.object_id, AuditEventRow.detail)
            .where(AuditEventRow.action.in_(actions))
            .order_by(AuditEventRow.id)
        ).all()
    return [(a, o, d or "") for a, o, d in rows]


# ------------------------------------------------------------------ throttling and lockout


def test_lockout_refuses_even_the_right_password_until_it_ends(built):
    clock = Clock()
    client = _client(built, clock)  # defaults: 10 failures lock the account for 15 minutes
    add_user(built.ws, "amal", "documenter")
    for _ in range(10):
        clock.now += 61  # past the longest delay (60 s): only the lockout can refuse
        assert _login(client, "amal", WRONG).status_code == 401
    clock.now += 61
    r = _login(client, "amal", PASSWORD)
    assert r.status_code == 429 and "Too many failed logins" in r.text
    assert 0 < int(r.headers["retry-after"]) <= 900
    assert client.get("/incidents.json").status_code == 401  # no session was started
    clock.now += 850  # 911 s after the tenth failure: the 900 s lockout is over
    r = _login(client, "amal", PASSWORD)
    assert r.status_code == 303 and client.get("/incidents.json").status_code == 200


def test_failed_logins_are_audited_without_the_password(built):
    clock = Clock()
    client = _client(built, clock, login_lockout_failures=3)
    add_user(built.ws, "amal", "viewer")
    for _ in range(3):
        _login(client, "amal", WRONG)
    _login(client, "amal", PASSWORD)  # refused: locked
    _login(client, "amal", PASSWORD)  # refused again: audited once per lockout
    _login(client, WRONG, WRONG)  # a password typed into the name field, by mistake
    events = _audit(built.ws, "user.login_failed", "user.login_locked", "user.login")
    assert [(a, o) for a, o, _ in events] == [
        ("user.login_failed", "amal"),
        ("user.login_failed", "amal"),
        ("user.login_failed", "amal"),
        ("user.login_locked", "amal"),
        ("user.login_failed", "?"),
    ]
    text = repr(events)
    assert WRONG not in text and PASSWORD not in text and "testclient" not in text  # address hashed


def test_delay_doubles_after_the_free_failures(built):
    clock = Clock()
    client = _client(built, clock, login_free_failures=2, login_delay_seconds=1.0)
    add_user(built.ws, "amal", "viewer")
    assert _login(client, "amal", WRONG).status_code == 401
    assert _login(client, "amal", WRONG).status_code == 401  # two free failures
    waits = []
    for _ in range(3):
        assert _login(client, "amal", WRONG).status_code == 401  # checked: the wait had passed
        r = _login(client, "amal", PASSWORD)  # at once: refused without checking
        assert r.status_code == 429
        waits.append(int(r.headers["retry-after"]))
        clock.now += waits[-1]
    assert waits == [1, 2, 4]
    assert _login(client, "amal", PASSWORD).status_code == 303  # the wait is over: the right one works


def test_unknown_names_are_throttled_like_real_ones(built):
    clock = Clock()
    client = _client(built, clock, login_lockout_failures=2, login_client_lockout_failures=100)
    add_user(built.ws, "amal", "viewer")
    answers = {}
    for name in ("amal", "nobody-here"):
        for _ in range(2):
            clock.now += 61
            _login(client, name, WRONG)
        r = _login(client, name, WRONG)
        answers[name] = (r.status_code, r.headers.get("retry-after"))
    assert answers["amal"] == answers["nobody-here"] == (429, "900")


def test_a_success_ends_the_accounts_delay(built):
    clock = Clock()
    client = _client(built, clock, login_free_failures=1)
    add_user(built.ws, "amal", "viewer")
    _login(client, "amal", WRONG)
    _login(client, "amal", WRONG)
    clock.now += 1
    assert _login(client, "amal", PASSWORD).status_code == 303
    other = TestClient(client.app)
    assert _login(other, "amal", WRONG).status_code == 401  # counted from 0 again: no delay


# ------------------------------------------------------------------ forwarded headers


def test_a_forged_forwarded_for_does_not_escape_the_client_lockout(built):
    clock = Clock()
    client = _client(built, clock, login_client_lockout_failures=3, login_free_failures=10)
    for i in range(3):
        assert _login(client, f"user-{i}", WRONG, {"x-forwarded-for": f"203.0.113.{i}"}).status_code == 401
    r = _login(client, "user-9", WRONG, {"x-forwarded-for": "198.51.100.7"})
    assert r.status_code == 429  # every guess came from the same peer, whatever the header said


def test_forwarded_for_counts_only_behind_a_configured_proxy(built):
    clock = Clock()
    # the TestClient's peer is "testclient": configured here as the proxy
    client = _client(
        built, clock, login_client_lockout_failures=3, login_free_failures=10, trusted_proxies=("testclient",)
    )
    for i in range(3):
        assert _login(client, f"user-{i}", WRONG, {"x-forwarded-for": f"203.0.113.{i}"}).status_code == 401
    assert _login(client, "user-9", WRONG, {"x-forwarded-for": "198.51.100.7"}).status_code == 401
    for _ in range(2):
        _login(client, "user-9", WRONG, {"x-forwarded-for": "203.0.113.0"})
    assert _login(client, "user-8", WRONG, {"x-forwarded-for": "203.0.113.0"}).status_code == 429


def test_the_inquiry_rate_limit_ignores_a_forged_forwarded_for(make_client):
    from tawthiq.web.routers.missing import SUBMIT_LIMIT

    client = make_client()
    codes = []
    for i in range(SUBMIT_LIMIT + 1):
        r = client.post(
            "/inquiry.json",
            data={"csrf_token": csrf_of(client, "/inquiry"), "name": "Test Person", "kind": "register"},
            headers={"x-forwarded-for": f"203.0.113.{i}"},
        )
        codes.append(r.status_code)
    assert codes[-1] == 429 and 429 not in codes[:-1]


def test_serve_does_not_let_uvicorn_believe_forwarded_headers(built, monkeypatch):
    import uvicorn

    from tawthiq.web import serve_workspace

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: calls.append(kw))
    serve_workspace(built.ws, WebSettings())
    # uvicorn's default believes X-Forwarded-For from 127.0.0.1: any local client could forge it
    assert calls and calls[0]["proxy_headers"] is False


# ------------------------------------------------------------------ headers


def test_pages_behind_login_are_not_stored_by_the_browser(make_client, built):
    from tawthiq.store import tokens

    client = make_client("viewer")
    for path in (
        "/incidents",
        "/missing",
        f"/incidents/{built.incident_ids['shelling-fardous']}",
        "/nowhere",
    ):
        assert client.get(path).headers.get("cache-control") == "no-store", path
    with built.ws.session() as s:
        token = tokens.create_token(s, "viewer-user", "notebook")
    api = TestClient(client.app)
    r = api.get("/api/v1/incidents", headers={"authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    anonymous = make_client()
    assert "no-store" not in anonymous.get("/public").headers.get("cache-control", "")


def _has_security_headers(r) -> bool:
    return (
        "default-src 'self'" in r.headers.get("content-security-policy", "")
        and r.headers.get("x-content-type-options") == "nosniff"
        and r.headers.get("x-frame-options") == "DENY"
    )


def test_security_headers_on_404_and_on_a_server_error(built):
    app = create_app(built.ws, WebSettings())

    @app.get("/boom.json")
    def boom() -> None:
        raise RuntimeError("secret detail of the failure")

    client = TestClient(app, raise_server_exceptions=False)
    r = client.get("/no/such/page")
    assert r.status_code == 404 and _has_security_headers(r)
    r = client.get("/boom.json")
    assert r.status_code == 500 and _has_security_headers(r)
    assert r.json()["error"]["code"] == "server_error"
    assert "secret detail" not in r.text and "RuntimeError" not in r.text


# ------------------------------------------------------------------ ids past 64 bits

HUGE = "99999999999999999999"  # > 2**63 - 1: used to overflow when bound to SQLite (a 500)
PAST_32_BITS = str(2**31)  # ids are INTEGER: PostgreSQL refused it ("integer out of range", a 500)


@pytest.mark.parametrize(
    "path",
    [
        f"/incidents/{HUGE}",
        f"/incidents/{HUGE}.json",
        f"/reports/{HUGE}",
        f"/claims/{HUGE}.json",
        f"/public/incidents/{HUGE}",
        f"/public/incidents/{HUGE}.json",
        f"/api/v1/incidents/{HUGE}",
        f"/api/v1/reports/{HUGE}",
        f"/api/v1/claims/{HUGE}",
        f"/api/v1/public/incidents/{HUGE}",
        "/api/v1/incidents/0",
        f"/incidents/{PAST_32_BITS}",
        f"/api/v1/reports/{PAST_32_BITS}",
    ],
)
def test_an_id_past_64_bits_is_not_found_not_a_server_error(make_client, path):
    client = TestClient(make_client("admin").app, raise_server_exceptions=False)
    login(client, "admin-user", PASSWORD)
    r = client.get(path, headers={"accept": "application/json"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def _admin_api(make_client, built) -> tuple[TestClient, dict[str, str]]:
    """A client of the admin's app that reports server errors as 500s, and an admin token header."""
    from tawthiq.store import tokens

    admin = make_client("admin")
    with built.ws.session() as s:
        token = tokens.create_token(s, "admin-user", "script")
    return TestClient(admin.app, raise_server_exceptions=False), {"authorization": f"Bearer {token}"}


def test_writes_to_an_id_past_64_bits_are_not_found(make_client, built):
    client, bearer = _admin_api(make_client, built)
    for big in (HUGE, PAST_32_BITS):
        r = client.put(f"/api/v1/admin/users/{big}/role", json={"role": "viewer"}, headers=bearer)
        assert r.status_code == 404, big
        override = {"grade": None, "reason": "x"}
        r = client.post(f"/api/v1/incidents/{big}/override", json=override, headers=bearer)
        assert r.status_code == 404, big
    assert client.get(f"/api/v1/incidents?page={HUGE}", headers=bearer).status_code == 400


# ------------------------------------------------------------------ user names


def test_look_alike_user_names_are_refused(workspace):
    from tawthiq.app import accounts

    accounts.add_user(workspace, "u_admin", "admin", PASSWORD, actor="test")
    for look_alike in ("U_ADMIN", "ｕ＿ａｄｍｉｎ", " u_Admin ", "u_admin\u00a0"):
        with pytest.raises(InputError, match="already exists") as caught:
            accounts.create_user(workspace, look_alike, "viewer", PASSWORD, actor="test")
        assert caught.value.field == "name"
    for hidden in (
        "u_admin\u200f",
        "\u202eu_admin",
        "u\u200d_admin",
        "u_ad\tmin",
        "\u061cu_admin",
    ):
        with pytest.raises(InputError, match="invisible or control character") as caught:
            accounts.create_user(workspace, hidden, "viewer", PASSWORD, actor="test")
        assert caught.value.field == "name"
    assert [u.name for u in accounts.list_users(workspace)] == ["u_admin"]
    # the CLI's add-or-reset: a case variant is not silently another account, nor a reset
    with pytest.raises(InputError, match="differ only in case"):
        accounts.add_user(workspace, "U_Admin", "viewer", PASSWORD, actor="test")


def test_a_name_is_stored_nfkc_and_logs_in_in_any_case(make_client, built):
    from tawthiq.app import accounts

    user = accounts.create_user(built.ws, "ﬁras", "viewer", PASSWORD, actor="test")  # U+FB01 LIGATURE FI
    assert user.name == "firas"
    client = make_client()
    assert login(client, "FIRAS", PASSWORD).status_code == 303
    assert client.get("/incidents.json").status_code == 200


def test_the_admin_api_refuses_a_case_variant_of_a_taken_name(make_client, built):
    from tawthiq.store import tokens

    make_client("admin")
    with built.ws.session() as s:
        token = tokens.create_token(s, "admin-user", "script")
    client = make_client()
    r = client.post(
        "/api/v1/admin/users",
        json={"name": "ADMIN-USER", "role": "admin", "password": "olive lantern harbour 1948"},
        headers={"authorization": f"Bearer {token}"},
    )
    assert r.status_code == 400 and r.json()["error"]["field"] == "name"
    r = client.post(
        "/api/v1/admin/users",
        json={"name": "hala\u200f", "role": "viewer", "password": "olive lantern harbour 1948"},
        headers={"authorization": f"Bearer {token}"},
    )
    assert r.status_code == 400 and r.json()["error"]["field"] == "name"


def test_a_correction_with_a_toll_past_any_count_is_refused_not_a_server_error(make_client, built):
    from tawthiq.store import tokens

    reviewer = TestClient(make_client("reviewer").app, raise_server_exceptions=False)
    login(reviewer, "reviewer-user", PASSWORD)
    claim = built.claim_ids["shelling"]
    r = reviewer.post(
        f"/claims/{claim}/review",
        data={
            "csrf_token": csrf_of(reviewer, f"/claims/{claim}"),
            "decision": "correct",
            "fatalities_low": HUGE,
        },
        headers={"accept": "application/json"},
    )
    assert r.status_code == 400 and r.json()["error"]["field"] == "fatalities_low"
    with built.ws.session() as s:
        token = tokens.create_token(s, "reviewer-user", "script")
    bearer = {"authorization": f"Bearer {token}"}
    body = {"decision": "correct", "corrections": {"fatalities_high": int(HUGE)}}
    r = reviewer.post(f"/api/v1/claims/{claim}/review", json=body, headers=bearer)
    assert r.status_code == 422 and r.json()["error"]["field"] == "corrections.fatalities_high"
    body = {"decision": "correct", "corrections": {"fatalities": 3}}  # a field that does not exist
    assert reviewer.post(f"/api/v1/claims/{claim}/review", json=body, headers=bearer).status_code == 422
    body = {"decision": "correct", "corrections": {"fatalities_low": "7"}}
    r = reviewer.post(f"/api/v1/claims/{claim}/review", json=body, headers=bearer)
    assert r.status_code == 200 and r.json()["fatalities"]["low"] == 7


def test_a_token_lifetime_past_any_calendar_is_refused_not_a_server_error(make_client, built):
    client, bearer = _admin_api(make_client, built)
    r = client.post("/api/v1/admin/tokens", json={"user": "admin-user", "days": 10**12}, headers=bearer)
    assert r.status_code == 422
    assert "days" in r.text


def test_a_nul_character_is_refused_not_a_server_error_on_postgresql(make_client, built):
    # PostgreSQL holds no NUL in a text value: ?user=%00 and a reason with \u0000 were 500s there
    client, bearer = _admin_api(make_client, built)
    r = client.get("/api/v1/admin/tokens?user=%00", headers=bearer)
    assert r.status_code == 400
    assert r.json()["error"] == {**r.json()["error"], "code": "bad_input", "field": "user"}
    incident = built.incident_ids["shelling-fardous"]
    override = {"grade": "confirmed", "reason": "checked\u0000"}
    r = client.post(f"/api/v1/incidents/{incident}/override", json=override, headers=bearer)
    assert r.status_code in (200, 400), r.text  # SQLite keeps the character; PostgreSQL refuses it
    if r.status_code == 400:
        assert r.json()["error"]["code"] == "bad_input" and "checked" not in r.text
