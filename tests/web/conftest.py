"""A small workspace for the web tests, written for the traps the web must not fall into.

Every name, quote and report here is invented for these tests. The traps:
- a source whose protected identity and a chat report whose protected sender are planted
  strings that must never reach any page or JSON (``PLANTED_*``);
- an unreviewed claim whose quote carries ``UNREVIEWED_MARKER`` (never public);
- a report body with markup (``<script>``) that must be escaped, not run;
- Arabic report and place names (RTL rendering, Arabic place filter);
- a discounted incident and an incident resting only on an unreviewed claim (never public);
- a failed intake with its reason (the inbox must show it).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tawthiq.corroborate import FATALITIES_RULES, say
from tawthiq.entities import Fatalities, Incident, PersonRecord, PlaceRef, Protected, Report, Source, TimeSpan

PLANTED_IDENTITY = "Qamar Planted-Identity Zeyn"
PLANTED_SENDER = "+000 PLANTED-SENDER 4471"
UNREVIEWED_MARKER = "UNREVIEWED-MARKER-9137"
PASSWORD = "a long test passphrase"

FARDOUS = {
    "name": "Fardous",
    "name_ar": "الفردوس",
    "lat": 36.1868,
    "lon": 37.1629,
    "precision": "neighbourhood",
    "place_id": "aleppo-nbhd:fardous",
}
SALIHEEN = {
    "name": "Saliheen",
    "name_ar": "الصالحين",
    "lat": 36.1815,
    "lon": 37.1531,
    "precision": "neighbourhood",
    "place_id": "aleppo-nbhd:saliheen",
}
FAR_AWAY = {"name": "Raqqa", "lat": 35.95, "lon": 39.01, "precision": "town"}

EN_BODY = (
    "Local monitors said at least 12 civilians were killed when shells hit a market in Fardous "
    "on 12 December. <script>alert('x')</script> A second, unconfirmed account said "
    f"gunmen executed 5 men in Saliheen. {UNREVIEWED_MARKER}"
)
AR_BODY = "قال ناشطون إن قصفاً على حي الفردوس أدى إلى مقتل 12 مدنياً يوم 12 كانون الأول."
CHAT_BODY = "my cousin saw the market in Fardous shelled this morning, many dead"


@dataclass
class Built:
    ws: object
    report_ids: dict[str, int] = field(default_factory=dict)
    claim_ids: dict[str, int] = field(default_factory=dict)
    incident_ids: dict[str, int] = field(default_factory=dict)


def _claim_row(report_id: int, body: str, quote: str, **kw):
    from tawthiq.store.tables import ClaimRow

    start = body.index(quote)
    return ClaimRow(
        report_id=report_id,
        span_start=start,
        span_end=start + len(quote),
        quote=quote,
        kind=kw.pop("kind", "incident"),
        event_type=kw.pop("event_type"),
        places=kw.pop("places"),
        **kw,
    )


def build_workspace(ws) -> Built:
    """Fill ``ws`` through the store's own functions (claims are inserted as rows: the
    extraction stage's store module is not a dependency of the web tests)."""
    from tawthiq.app.corroborate import rebuild_incidents
    from tawthiq.store import add_reports, get_or_create_source
    from tawthiq.store.people import save_list

    out = Built(ws)
    with ws.session(actor="test") as s:
        ngo = get_or_create_source(s, Source(label="Aleppo Monitor (test)", kind="ngo", origin_group="am"))
        person = get_or_create_source(
            s, Source(label="Local contact 7", kind="individual", identity=Protected(PLANTED_IDENTITY))
        )
        reports = add_reports(
            s,
            [
                Report(
                    sha256="a" * 64,
                    title="Shelling reported in Fardous",
                    body=EN_BODY,
                    language="en",
                    source_id=ngo.id,
                    published_at=date(2016, 12, 13),
                    channel="html",
                ),
                Report(
                    sha256="b" * 64,
                    title="قصف على حي الفردوس",
                    body=AR_BODY,
                    language="ar",
                    source_id=ngo.id,
                    published_at=date(2016, 12, 13),
                ),
                Report(
                    sha256="c" * 64,
                    title="chat",
                    body=CHAT_BODY,
                    channel="chat",
                    source_id=person.id,
                    sender=Protected(PLANTED_SENDER),
                    published_at=date(2016, 12, 12),
                ),
                Report(
                    sha256="d" * 64,
                    file_name="broken.txt",
                    status="failed",
                    failure_reason="broken.txt: bytes are not text in any accepted encoding",
                ),
            ],
        )
        out.report_ids = {
            "en": reports[0].id,
            "ar": reports[1].id,
            "chat": reports[2].id,
            "failed": reports[3].id,
        }
        rows = {
            "shelling": _claim_row(
                reports[0].id,
                EN_BODY,
                "at least 12 civilians were killed when shells hit a market in Fardous on 12 December",
                event_type="attack.shelling",
                places=[FARDOUS],
                time_start=date(2016, 12, 12),
                time_end=date(2016, 12, 12),
                time_precision="day",
                fatalities_low=12,
                fatalities_qualifier="at_least",
                attributed_to="Local monitors",
                review_status="accepted",
            ),
            "execution": _claim_row(
                reports[0].id,
                EN_BODY,
                f"gunmen executed 5 men in Saliheen. {UNREVIEWED_MARKER}",
                event_type="killing.execution",
                places=[SALIHEEN],
                time_start=date(2016, 12, 12),
                time_precision="day",
                fatalities_low=5,
                fatalities_high=5,
                certainty="unconfirmed",
            ),
            "arabic": _claim_row(
                reports[1].id,
                AR_BODY,
                "قصفاً على حي الفردوس أدى إلى مقتل 12 مدنياً",
                event_type="attack.shelling",
                places=[FARDOUS],
                time_start=date(2016, 12, 12),
                fatalities_low=12,
                review_status="accepted",
            ),
            "chat": _claim_row(
                reports[2].id,
                CHAT_BODY,
                "the market in Fardous shelled this morning",
                event_type="attack.shelling",
                places=[FARDOUS],
                time_start=date(2016, 12, 12),
                review_status="accepted",
            ),
            "faraway": _claim_row(
                reports[0].id,
                EN_BODY,
                "Local monitors said",
                event_type="armed.clash",
                places=[FAR_AWAY],
                time_start=date(2016, 12, 20),
                review_status="accepted",
            ),
        }
        for row in rows.values():
            s.add(row)
        s.flush()
        out.claim_ids = {k: r.id for k, r in rows.items()}
        c = out.claim_ids
        incidents = [
            Incident(
                key="shelling-fardous",
                event_type="attack.shelling",
                places=(PlaceRef(**FARDOUS),),
                time=TimeSpan(start=date(2016, 12, 12), end=date(2016, 12, 12), precision="day"),
                # the rationale and the toll's rule as corroborate writes them (the Arabic pages
                # write them in Arabic: tests/web/test_rationale_language.py)
                fatalities=Fatalities(best=12, low=12, high=12, rule=FATALITIES_RULES["credible"]),
                grade="fair",
                rationale=say("independent_origins", n=2, origins=["am", "individual"])
                + " "
                + say("outlet", n=1),
                origins=("am", "individual"),
                outlets=("Aleppo Monitor (test)",),
                claim_ids=(c["shelling"], c["arabic"], c["chat"]),
            ),
            Incident(
                key="execution-saliheen",
                event_type="killing.execution",
                places=(PlaceRef(**SALIHEEN),),
                time=TimeSpan(start=date(2016, 12, 12), end=date(2016, 12, 12), precision="day"),
                fatalities=Fatalities(best=5, low=5, high=5),
                grade="weak",
                rationale=f"{say('single_origin', origin='am')} {say('outlets', n=0)}",
                origins=("am",),
                claim_ids=(c["execution"],),
            ),
            Incident(
                key="clash-raqqa",
                event_type="armed.clash",
                places=(PlaceRef(**FAR_AWAY),),
                time=TimeSpan(start=date(2016, 12, 20), end=date(2016, 12, 20), precision="day"),
                grade="discounted",
                rationale="not harm to civilians",
                claim_ids=(c["faraway"],),
            ),
        ]
        rebuild_incidents(s, incidents)
        from sqlalchemy import select

        from tawthiq.store.tables import IncidentRow

        out.incident_ids = {k: i for k, i in s.execute(select(IncidentRow.key, IncidentRow.id))}
        save_list(
            s,
            "test-list-a",
            [
                PersonRecord(
                    list_name="test-list-a",
                    record_id="1",
                    name_ar="محمد عبد الله الحلاق",
                    status="killed",
                    event_date=date(2016, 12, 12),
                    place="الفردوس",
                ),
                PersonRecord(
                    list_name="test-list-a", record_id="2", name_latin="Yusuf Karimi Haddad", status="missing"
                ),
            ],
        )
    return out


@pytest.fixture
def built(workspace) -> Built:
    return build_workspace(workspace)


def add_user(ws, name: str, role: str) -> None:
    from tawthiq.store import users

    with ws.session(actor="test") as s:
        users.add_user(s, name, role, PASSWORD)


@pytest.fixture
def make_client(built):
    """A TestClient factory: ``make_client(role=None)`` logged in as a user of that role."""
    from fastapi.testclient import TestClient

    from tawthiq.web import WebSettings, create_app

    def make(role: str | None = None, settings: WebSettings | None = None) -> TestClient:
        app = create_app(built.ws, settings or WebSettings())
        client = TestClient(app)
        if role:
            add_user(built.ws, f"{role}-user", role)
            login(client, f"{role}-user", PASSWORD)
        return client

    return make


def csrf_of(client, path: str = "/login") -> str:
    import re

    html = client.get(path).text
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, f"no CSRF field on {path}"
    return m.group(1)


def login(client, name: str, password: str):
    token = csrf_of(client)
    r = client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": token, "next": "/incidents"},
        follow_redirects=False,
    )
    return r


class ServerThread:
    """uvicorn on 127.0.0.1 on a free port, in a thread, for the browser tests and benchmarks."""

    def __init__(self, app) -> None:
        import socket

        import uvicorn

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False)
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start in 15 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def now() -> datetime:
    return datetime.now(UTC)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so a fixture can screenshot a failure."""
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


# ------------------------------------------------------------------ the browser tests' fixtures
# (test_browser.py, test_phone.py): Debian's Chromium through Playwright, a real server on loopback

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


@pytest.fixture
def server(built):
    """A real server on loopback over the web tests' workspace, with the documenter "rana"."""
    from tawthiq.web import create_app

    add_user(built.ws, "rana", "documenter")
    with ServerThread(create_app(built.ws)) as srv:
        yield srv


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium (no browser download); the test is skipped, saying why, without it."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()
