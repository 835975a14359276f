"""Browser tests: Debian's Chromium driven by Playwright against a real server on loopback.

They log in, review a claim, open an incident, find its marker on the map, and check that the
public view hides a planted protected value. A failing test leaves a screenshot in
``test-artifacts/``. Skipped (with the reason) when /usr/bin/chromium is missing: install it with
``apt-get install -y chromium`` (``scripts/`` does it for CI).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import PASSWORD, PLANTED_IDENTITY, PLANTED_SENDER, UNREVIEWED_MARKER, add_user

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="en-GB")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.js_errors = errors  # type: ignore[attr-defined]
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def _login(page, base: str, name: str = "rana", password: str = PASSWORD) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(f"{base}/incidents")


def test_log_in_and_review_a_claim_in_place(server, page, built):
    _login(page, server.url)
    cid = built.claim_ids["execution"]
    page.goto(f"{server.url}/reports/{built.report_ids['en']}")
    claim = page.locator(f"#claim-{cid}")
    assert claim.locator(".review-status").inner_text() == "unreviewed"
    claim.locator("button[value=accept]").click()
    page.wait_for_selector(f"#claim-{cid}.review-accepted")  # HTMX swapped the claim in place
    assert page.locator(f"#claim-{cid} .review-status").inner_text() == "accepted"
    from tawthiq.store import list_events

    with built.ws.session() as s:
        assert [(e.actor, e.action) for e in list_events(s, object_type="claim", object_id=str(cid))][-1] == (
            "rana",
            "claim.accepted",
        )
    assert page.js_errors == []


def test_open_an_incident_and_find_its_marker_on_the_map(server, page, built):
    _login(page, server.url)
    iid = built.incident_ids["shelling-fardous"]
    page.goto(f"{server.url}/incidents?place=Fardous")
    page.click(f"a[href='/incidents/{iid}']")
    page.wait_for_url(f"{server.url}/incidents/{iid}")
    assert "2 independent origins: am; individual." in page.content()
    page.click(f"a[href='/map#{iid}']")
    marker = page.wait_for_selector(f"[data-incident='{iid}']", state="attached", timeout=15000)
    assert marker is not None
    page.wait_for_selector(".leaflet-popup-content .popup", timeout=15000)
    popup = page.inner_text(".leaflet-popup-content")
    # labels, not internal values: "shelling", never "attack.shelling"
    assert "shelling" in popup and "attack.shelling" not in popup
    assert "neighbourhood" in popup and "Fardous" in popup
    assert int(page.get_attribute("#map", "data-loaded")) >= 1
    assert page.js_errors == []


def test_public_view_hides_the_planted_protected_value(server, page, built):
    page.goto(f"{server.url}/public")
    iid = built.incident_ids["shelling-fardous"]
    page.click(f"a[href='/public/incidents/{iid}']")
    page.wait_for_url(f"{server.url}/public/incidents/{iid}")
    text = page.content()
    assert "shells hit a market in Fardous" in text
    for secret in (PLANTED_IDENTITY, PLANTED_SENDER, UNREVIEWED_MARKER, "Local contact 7"):
        assert secret not in text
    page.goto(f"{server.url}/public/map")
    page.wait_for_selector("#map[data-loaded]", state="attached", timeout=15000)
    assert PLANTED_IDENTITY not in page.content()
    assert page.js_errors == []


def test_arabic_interface_turns_the_page_right_to_left(server, page, built):
    _login(page, server.url)
    page.goto(f"{server.url}/incidents/{built.incident_ids['shelling-fardous']}?lang=ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert "الحوادث" in page.inner_text("header nav")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "incident-ar.png"), full_page=True)


def test_an_admin_adds_a_user_who_can_then_log_in(server, page, built):
    add_user(built.ws, "root", "admin")
    _login(page, server.url, "root")
    page.click("header nav a[href='/admin']")
    page.wait_for_url(f"{server.url}/admin")
    form = page.locator("#add-user")
    form.locator("input[name=name]").fill("samir")
    form.locator("select[name=role]").select_option("reviewer")
    form.locator("input[name=password]").fill("samir's long passphrase")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{server.url}/admin?done=user.create")
    row = page.locator("#users tr", has_text="samir")
    assert row.locator(".role").inner_text() == "reviewer"
    page.click("form[action='/logout'] button")
    _login(page, server.url, "samir", "samir's long passphrase")
    assert "samir (reviewer)" in page.inner_text(".account")
    assert "/admin" not in page.inner_text("header nav")
    assert page.js_errors == []


def test_a_documenter_reveals_a_sender_in_place_and_the_view_is_recorded(server, page, built):
    from tawthiq.store import list_events

    _login(page, server.url)
    rid = built.report_ids["chat"]
    page.goto(f"{server.url}/reports/{rid}")
    assert PLANTED_SENDER not in page.content()
    form = f"#reveal-report-{rid}-sender"
    page.click(f"{form} button")  # no reason yet: the browser asks for one, nothing is posted
    assert page.locator(f"{form} input[name=reason]").evaluate("el => !el.validity.valid")
    page.fill(f"{form} input[name=reason]", "calling the sender back")
    page.click(f"{form} button")
    page.wait_for_selector("span.revealed[data-field='report.sender']")
    assert page.inner_text("span.revealed[data-field='report.sender']") == PLANTED_SENDER
    assert page.url == f"{server.url}/reports/{rid}"  # swapped in place by htmx
    with built.ws.session() as s:
        views = [
            (e.actor, e.object_id, e.detail, e.reason) for e in list_events(s) if e.action == "evidence.view"
        ]
    assert views == [("rana", str(rid), "sender shown (web)", "calling the sender back")]
    assert page.js_errors == []


def test_the_map_draws_the_shipped_background_and_areas_from_this_machine_only(server, page, built):
    """Offline map: the vector layers are drawn with names, the Fardous incident (known to the
    neighbourhood) is a ring inside its dashed neighbourhood, not a dot, and every request the
    page makes goes to this server (no tiles, no CDN)."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    _login(page, server.url)
    iid = built.incident_ids["shelling-fardous"]
    page.goto(f"{server.url}/map?lang=ar#{iid}")
    page.wait_for_selector("#map[data-layers-loaded='5']", state="attached", timeout=15000)
    page.wait_for_selector(".leaflet-popup-content .popup", timeout=15000)
    marker = page.locator(f"[data-incident='{iid}']")
    assert marker.get_attribute("data-drawn-as") == "area"
    assert page.locator("path.precision-area").count() >= 1  # the neighbourhood, dashed
    assert page.locator("path.map-neighbourhood").count() > 100
    assert page.locator("path.map-governorate").count() == 14
    labels = page.locator(".map-label").all_text_contents()
    assert "الفردوس" in labels and "Fardous" not in labels  # names at this zoom, in the page's language
    # names that would overlap are hidden, none drawn over another, once the map has settled
    page.wait_for_function(
        "() => document.getElementById('map').dataset.labelsAt === String(window.tawthiqMap.getZoom())",
        timeout=15000,
    )
    shown = page.eval_on_selector_all(
        ".map-label",
        "els => els.filter(e => getComputedStyle(e).visibility !== 'hidden')"
        ".map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })",
    )
    assert not any(
        a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]
        for i, a in enumerate(shown)
        for b in shown[:i]
    )
    # and not all hidden but one: a declutter that measured names mid-zoom hid nearly every name
    assert len(shown) > 50
    # each shown name is centred on its point: in the Arabic (right-to-left) page a tooltip given no
    # 'left' stood from its right edge, half its width off its place
    off_centre = page.evaluate(
        """() => { const map = window.tawthiqMap, box = map.getContainer().getBoundingClientRect();
          let worst = 0;
          map.eachLayer(t => {
            const e = t instanceof L.Tooltip && t.getElement();
            if (!e || getComputedStyle(e).visibility === 'hidden') return;
            const p = map.latLngToContainerPoint(t.getLatLng()), r = e.getBoundingClientRect();
            worst = Math.max(worst, Math.abs((r.left + r.right) / 2 - box.left - p.x));
          });
          return worst; }"""
    )
    assert off_centre <= 2
    # the map's own credit line (Leaflet's attribution box) credits the layers in Arabic too
    credits = page.inner_text(".leaflet-control-attribution")
    assert "أوتشا" in credits and "أحياء حلب" in credits and "Administrative boundaries" not in credits
    popup = page.inner_text(".leaflet-popup-content")
    assert "قصف" in popup and "attack.shelling" not in popup and "precision" not in popup
    # the date as the Arabic pages write it (Syrian month name, Latin digits), not ISO (issue 18)
    assert "12 كانون الأول 2016" in popup and "2016-12-12" not in popup
    # zoomed out to the country: the two Aleppo incidents are one white count bubble, no grade's colour
    page.evaluate("window.tawthiqMap.setView([35.0, 38.5], 7)")
    bubble = page.wait_for_selector(".map-cluster", timeout=15000)
    assert bubble.inner_text().strip() == "2"
    assert bubble.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 255)"
    assert requests and all(u.startswith(server.url) for u in requests), [
        u for u in requests if not u.startswith(server.url)
    ]
    assert page.js_errors == []
