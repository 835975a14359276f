"""Pages answered on the event loop (``web/_inline.py``): still checked, never held by slow work.

The incident pages, the list, the map data and the timeline run on uvicorn's event loop; the
traps are a slow request or an index rebuild freezing every other request of the process, a
credential check skipped or a last-use write lost on the way, and a write lock waited on in
the loop. These tests run a real uvicorn server in a thread and call it over loopback.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from .conftest import PASSWORD, ServerThread, add_user, login


def _token(ws, name: str, role: str = "viewer") -> str:
    from tawthiq.store import tokens

    add_user(ws, name, role)
    with ws.session(actor="test") as s:
        return tokens.create_token(s, name, "inline test")


def _app(built):
    from tawthiq.web import WebSettings, create_app

    return create_app(built.ws, WebSettings())


def _get(url: str, token: str, timeout: float = 10) -> httpx.Response:
    return httpx.get(url, headers={"authorization": f"Bearer {token}"}, timeout=timeout)


def test_a_slow_request_in_the_thread_pool_does_not_hold_the_incident_page(built):
    app = _app(built)
    token = _token(built.ws, "reader")
    entered, release = threading.Event(), threading.Event()
    real_report = app.state.data.reports.get

    def slow_report(report_id: int):  # stands for a dossier PDF or an export
        entered.set()
        release.wait(30)
        return real_report(report_id)

    app.state.data.reports.get = slow_report
    incident = built.incident_ids["shelling-fardous"]
    with ServerThread(app) as srv:
        slow = threading.Thread(
            target=_get, args=(f"{srv.url}/reports/{built.report_ids['en']}.json", token, 40)
        )
        slow.start()
        try:
            assert entered.wait(10)
            page = _get(f"{srv.url}/incidents/{incident}", token, timeout=5)
            listed = _get(f"{srv.url}/incidents.json", token, timeout=5)
            assert not release.is_set() and slow.is_alive()  # answered while the slow one waits
        finally:
            release.set()
            slow.join(20)
    assert page.status_code == 200 and "Fardous" in page.text
    assert listed.status_code == 200 and listed.json()["total"] == 3


def test_an_index_rebuild_after_a_write_does_not_hold_the_other_pages(built, monkeypatch):
    from tawthiq.store import browse
    from tawthiq.store.incidents import override_incident_grade

    app = _app(built)
    token = _token(built.ws, "reader")
    execution = built.incident_ids["execution-saliheen"]
    shelling = built.incident_ids["shelling-fardous"]
    entered, release = threading.Event(), threading.Event()
    real_columns = browse.incident_columns
    answers: dict[str, httpx.Response] = {}

    def slow_columns(s):  # the rebuild takes 0.7 s at 100,000 incidents: here, until released
        if not release.is_set():
            entered.set()
            release.wait(30)
        return real_columns(s)

    with ServerThread(app) as srv:
        assert _get(f"{srv.url}/incidents.json", token).json()["total"] == 3  # the index is built
        with built.ws.session(actor="test") as s:  # a write elsewhere: the next list rebuilds it
            override_incident_grade(s, execution, "contested", "origins disagree")
        monkeypatch.setattr(browse, "incident_columns", slow_columns)

        def rebuild() -> None:
            answers["list"] = _get(f"{srv.url}/incidents.json?grade=contested", token, timeout=40)

        rebuilding = threading.Thread(target=rebuild)
        rebuilding.start()
        try:
            assert entered.wait(10)
            page = _get(f"{srv.url}/incidents/{shelling}.json", token, timeout=5)
            assert rebuilding.is_alive()  # the page was answered during the rebuild
        finally:
            release.set()
            rebuilding.join(20)
    assert page.status_code == 200 and page.json()["id"] == shelling
    assert [i["id"] for i in answers["list"].json()["items"]] == [execution]  # the write is seen


@pytest.mark.parametrize(
    "path",
    [
        "/incidents/{id}",
        "/incidents.json",
        "/map/incidents.json?bbox=37.0,36.1,37.3,36.3",
        "/timeline",
        "/api/v1/incidents",
    ],
)
def test_inline_pages_refuse_a_revoked_token_and_a_missing_login(built, path):
    from tawthiq.store import tokens

    app = _app(built)
    token = _token(built.ws, "reader")
    path = path.format(id=built.incident_ids["shelling-fardous"])
    with ServerThread(app) as srv:
        assert _get(srv.url + path, token).status_code == 200
        with built.ws.session(actor="test") as s:
            (listed,) = tokens.list_tokens(s, "reader")
            tokens.revoke_token_id(s, listed.id)
        refused = _get(srv.url + path, token)
        anonymous = httpx.get(srv.url + path, headers={"accept": "application/json"}, timeout=10)
    for answer in (refused, anonymous):  # a page sends the browser to log in; JSON says 401
        assert answer.status_code == 401 or answer.headers["location"].startswith("/login?next=")
        assert "Fardous" not in answer.text


def test_token_and_session_last_use_are_still_written_from_inline_pages(built):
    from fastapi.testclient import TestClient
    from sqlalchemy import select, update

    from tawthiq.store import tokens
    from tawthiq.store.tables import WebSessionRow

    app = _app(built)
    token = _token(built.ws, "reader")
    incident = built.incident_ids["shelling-fardous"]
    with built.ws.session(actor="test") as s:
        assert tokens.list_tokens(s, "reader")[0].last_used is None
    with ServerThread(app) as srv:
        # the first page of a fresh server builds its index: generous on a loaded CI machine
        assert _get(f"{srv.url}/incidents/{incident}", token, timeout=60).status_code == 200
    with built.ws.session(actor="test") as s:
        assert tokens.list_tokens(s, "reader")[0].last_used is not None

    add_user(built.ws, "browser-user", "viewer")
    client = TestClient(app)
    login(client, "browser-user", PASSWORD)
    two_minutes_ago = datetime.now(UTC) - timedelta(minutes=2)
    with built.ws.session(actor="test") as s:
        s.execute(update(WebSessionRow).values(last_seen_at=two_minutes_ago))
    assert client.get(f"/incidents/{incident}").status_code == 200
    with built.ws.session(actor="test") as s:
        seen = s.scalar(select(WebSessionRow.last_seen_at))
    assert seen.replace(tzinfo=UTC) > two_minutes_ago + timedelta(seconds=60)


def test_peeking_at_a_session_or_token_never_writes(built):
    from sqlalchemy import select

    from tawthiq.store import sessions, tokens, users
    from tawthiq.store.tables import ApiTokenRow, WebSessionRow

    token = _token(built.ws, "reader")
    with built.ws.session(actor="test") as s:
        user = users.authenticate(s, "reader", PASSWORD)
        cookie, _ = sessions.start_session(s, user, 3600)
    later = datetime.now(UTC) + timedelta(minutes=5)
    with built.ws.session(actor="test") as s:
        seen_before = s.scalar(select(WebSessionRow.last_seen_at))
        found, write = sessions.peek_session(s, cookie, later, idle_seconds=3600)
        assert found is not None and found.name == "reader" and write
        found, write = tokens.peek_token(s, token)
        assert found is not None and write
        # Idle too long: no user, and a write is due (the session is to be ended).
        assert sessions.peek_session(s, cookie, later + timedelta(hours=2), idle_seconds=3600) == (None, True)
    with built.ws.session(actor="test") as s:
        assert s.scalar(select(WebSessionRow.last_seen_at)) == seen_before
        assert s.scalar(select(ApiTokenRow.last_used_at)) is None


def test_slow_requests_holding_database_connections_do_not_hold_the_incident_page(built, monkeypatch):
    """More slow requests than SQLAlchemy's default pool (5 + 10 overflow) each hold a connection:
    the event loop must still get one at once (a wait there stops every inline page)."""
    from tawthiq.store import claims as browse  # claims_for_report lives in store/claims.py

    if built.ws.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL keeps SQLAlchemy's default pool: the server limits connections")
    app = _app(built)
    token = _token(built.ws, "reader")
    release = threading.Event()
    inside = threading.Semaphore(0)
    real_claims = browse.claims_for_report

    def slow_claims(s, report_id):  # called after the report's read: the connection is held
        inside.release()
        release.wait(30)
        return real_claims(s, report_id)

    monkeypatch.setattr(browse, "claims_for_report", slow_claims)
    incident = built.incident_ids["shelling-fardous"]
    report = built.report_ids["en"]
    with ServerThread(app) as srv:
        slow = [
            threading.Thread(target=_get, args=(f"{srv.url}/reports/{report}.json", token, 40))
            for _ in range(16)
        ]
        for t in slow:
            t.start()
        try:
            for _ in range(15):  # the default pool's worth of connections is held
                assert inside.acquire(timeout=20)
            page = _get(f"{srv.url}/incidents/{incident}.json", token, timeout=5)
        finally:
            release.set()
            for t in slow:
                t.join(20)
    assert page.status_code == 200 and page.json()["id"] == incident


def test_inline_pages_answer_while_every_thread_pool_thread_is_held(built):
    """The lists, the incident page and the public list never wait for a pool thread: with the
    pool cut to one thread and that thread held by a slow request, they still answer. (An
    app-wide ``def`` dependency sent every request through the pool: here they would hang.)"""
    import anyio.to_thread

    app = _app(built)
    token = _token(built.ws, "reader")
    entered, release = threading.Event(), threading.Event()
    real_report = app.state.data.reports.get

    def slow_report(report_id: int):  # stands for a dossier PDF or an export
        entered.set()
        release.wait(30)
        return real_report(report_id)

    async def one_pool_thread(scope, receive, send):
        if scope["type"] == "http":
            anyio.to_thread.current_default_thread_limiter().total_tokens = 1
        await app(scope, receive, send)

    incident = built.incident_ids["shelling-fardous"]
    pages = [
        f"/incidents/{incident}",
        "/incidents.json",
        "/incidents",
        "/public/incidents.json",
        "/api/v1/public/incidents",
        "/public",
    ]
    with ServerThread(one_pool_thread) as srv:
        for path in pages:  # warm: the index and the per-version caches (a miss uses the pool)
            assert _get(srv.url + path, token).status_code == 200
        app.state.data.reports.get = slow_report
        slow = threading.Thread(
            target=_get, args=(f"{srv.url}/reports/{built.report_ids['en']}.json", token, 40)
        )
        slow.start()
        try:
            assert entered.wait(10)
            answers = {path: _get(srv.url + path, token, timeout=5) for path in pages}
            assert not release.is_set() and slow.is_alive()  # answered while the pool is held
        finally:
            release.set()
            slow.join(20)
    assert {p: r.status_code for p, r in answers.items()} == dict.fromkeys(pages, 200)
    assert "Fardous" in answers[f"/incidents/{incident}"].text
    assert answers["/public/incidents.json"].json()["total"] == 1
