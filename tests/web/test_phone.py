"""Phone layouts: every main page fits a 390 px wide screen (issue 18 item 6).

Debian's Chromium (through Playwright's ``executable_path``, as in ``test_browser.py``) loads each
page at 390×844, logged in as a documenter and logged out, in English and in Arabic, and fails
when the document is wider than the window (``scrollWidth > innerWidth``: the page would scroll
sideways). A wide table may scroll inside its own box; the page itself may not.

With ``TAWTHIQ_SCREENSHOTS=DIR`` set, the same run writes a screenshot (64 colours) of each main
page (:data:`SHOWN`) in English and Arabic, at phone width and at 1280 px, into DIR
(``scripts/screenshots.sh`` regenerates ``docs/screenshots/``, shown in docs/web.md); without it
nothing is written.
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest

from .conftest import add_user
from .test_browser import _login

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# (screenshot name, path); "{incident}" is the Fardous shelling incident's id.
WORKSPACE_PAGES = [
    ("incidents", "/incidents"),
    ("incident", "/incidents/{incident}"),
    ("reports", "/reports"),
    ("report", "/reports/{report}"),
    ("claims", "/claims"),
    ("claim", "/claims/{claim}"),
    ("people", "/people"),
    ("missing", "/missing"),
    ("map", "/map"),
    ("timeline", "/timeline"),
    ("places", "/places"),
    ("pairs", "/people/review"),
    ("estimates", "/estimates"),
    ("inquiries", "/missing/inquiries"),
    ("overdue", "/sources/overdue"),
    ("inquiry", "/inquiry"),
]
# The pages docs/web.md shows: 9 pages x 2 languages x 2 widths = 36 screenshots.
SHOWN = {"incidents", "incident", "report", "claims", "map", "missing", "pairs", "public", "inquiry-public"}
PUBLIC_PAGES = [
    ("public", "/public"),
    ("public-incident", "/public/incidents/{incident}"),
    ("public-map", "/public/map"),
    ("inquiry-public", "/inquiry"),
    ("login", "/login"),
    ("inquiry-status", "/inquiry/status"),
]


def _screenshot_dir() -> Path | None:
    folder = os.environ.get("TAWTHIQ_SCREENSHOTS")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _save(page, folder: Path | None, name: str, suffix: str) -> None:
    """A viewport screenshot as a PNG of 64 colours (Pillow), small enough for the docs."""
    if folder is None or name not in SHOWN:
        return
    from io import BytesIO

    from PIL import Image

    png = page.screenshot(full_page=False)
    image = Image.open(BytesIO(png)).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    image.save(folder / f"{name}-{suffix}.png", optimize=True)


def _overflow(page) -> tuple[int, int, list[str]]:
    """(document width, window width, the widest elements sticking out) for the message."""
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    culprits = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => !e.closest('.scroll-x, .leaflet-container'))
            .filter(e => {
                const r = e.getBoundingClientRect();
                return r.right > window.innerWidth + 1 || r.left < -1;
            })
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '')
                + ' ' + Math.round(e.getBoundingClientRect().width) + 'px')"""
    )
    return width, inner, culprits


def _check_pages(browser, base: str, pages, built, *, logged_in: bool, tag: str) -> list[str]:
    ids = {
        "incident": built.incident_ids["shelling-fardous"],
        "report": built.report_ids["en"],
        "claim": built.claim_ids["execution"],
    }
    folder = _screenshot_dir()
    failures: list[str] = []
    for lang in ("en", "ar"):
        locale = "ar-SY" if lang == "ar" else "en-GB"  # the browser's own widgets (date fields) too
        context = browser.new_context(viewport=PHONE, device_scale_factor=1, locale=locale)
        page = context.new_page()
        if logged_in:
            _login(page, base)
        for name, path in pages:
            url = f"{base}{path.format(**ids)}?lang={lang}"
            response = page.goto(url)
            assert response is not None and response.ok, f"{url}: {response and response.status}"
            page.wait_for_load_state("networkidle")
            width, inner, culprits = _overflow(page)
            if width > inner:
                failures.append(f"{path} ({lang}, {tag}): {width}px wide on a {inner}px screen; {culprits}")
            _save(page, folder, name, f"{lang}-phone")
        if folder is not None:
            page.set_viewport_size(DESKTOP)
            for name, path in pages:
                if name not in SHOWN:
                    continue
                page.goto(f"{base}{path.format(**ids)}?lang={lang}")
                page.wait_for_load_state("networkidle")
                _save(page, folder, name, lang)
        context.close()
    return failures


def test_no_workspace_page_scrolls_sideways_on_a_phone(server, browser, built):
    failures = _check_pages(browser, server.url, WORKSPACE_PAGES, built, logged_in=True, tag="documenter")
    assert not failures, "\n".join(failures)


def test_no_public_page_scrolls_sideways_on_a_phone(server, browser, built):
    failures = _check_pages(browser, server.url, PUBLIC_PAGES, built, logged_in=False, tag="logged out")
    assert not failures, "\n".join(failures)


def test_the_phone_menu_is_folded_and_opens(server, browser, built):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    _login(page, server.url)
    menu = page.locator("header details.menu")
    assert not page.locator("header nav a[href='/map']").is_visible()
    header_height = page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
    assert header_height < PHONE["height"] / 6, f"the header takes {header_height}px of a phone screen"
    menu.locator("summary").click()
    assert page.locator("header nav a[href='/map']").is_visible()
    page.click("header nav a[href='/map']")
    page.wait_for_url(f"{server.url}/map")
    context.close()


def test_the_inquiry_form_puts_one_field_per_line_on_a_phone(server, browser, built):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(f"{server.url}/inquiry")
    tops = page.evaluate(
        """() => ['name', 'age', 'sex', 'last_seen_date', 'last_seen_place', 'circumstances', 'contact']
            .map(n => document.querySelector(`form.inquiry [name=${n}]`).getBoundingClientRect())
            .map(r => [Math.round(r.top), Math.round(r.bottom)])"""
    )
    for (_, bottom), (top, _) in itertools.pairwise(tops):
        assert top >= bottom, f"two inquiry fields share a line: {tops}"
    context.close()


def test_the_filters_fold_on_a_phone_unless_one_is_set(server, browser, built):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    _login(page, server.url)
    page.goto(f"{server.url}/incidents")
    assert not page.locator("form.filters-form select[name=grade]").is_visible()
    first_card = page.locator("table.incidents tbody tr").first
    assert first_card.bounding_box()["y"] < PHONE["height"] / 2  # the list, not the form, fills the screen
    page.click("details.filters-box summary")
    page.select_option("form.filters-form select[name=grade]", "fair")
    page.click("form.filters-form button[type=submit]")
    page.wait_for_url(re.compile(r".*grade=fair.*"))
    assert page.locator("form.filters-form select[name=grade]").is_visible()  # a filter set: shown open
    context.close()


def test_on_a_wide_screen_the_menu_and_filters_are_shown_unfolded(server, browser, built):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    _login(page, server.url)
    page.goto(f"{server.url}/incidents")
    assert not page.locator("header details.menu summary").is_visible()
    assert page.locator("header nav a[href='/map']").is_visible()
    assert page.locator("form.filters-form select[name=grade]").is_visible()
    nav_box = page.locator("header nav").bounding_box()
    assert nav_box["height"] < 80, "the menu is not one or two rows"
    context.close()


def test_the_admin_page_fits_a_phone(server, browser, built):
    add_user(built.ws, "root", "admin")
    failures: list[str] = []
    for lang in ("en", "ar"):
        context = browser.new_context(viewport=PHONE, locale="en-GB")
        page = context.new_page()
        _login(page, server.url, "root")
        page.goto(f"{server.url}/admin?lang={lang}")
        width, inner, culprits = _overflow(page)
        if width > inner:
            failures.append(f"/admin ({lang}): {width}px wide on a {inner}px screen; {culprits}")
        context.close()
    assert not failures, "\n".join(failures)


# Where the header's parts stand: how many rows the menu's links make, and the tops of the menu,
# the name and the account (one row: all within a line of each other); widths for the message.
_ROWS_OF = """() => {
    const box = e => e.getBoundingClientRect();
    const links = [...document.querySelectorAll('header.top nav a')];
    const tops = links.map(a => Math.round(box(a).top));
    const account = box(document.querySelector('header.top .account'));
    const brand = box(document.querySelector('header.top .brand'));
    return {rows: new Set(tops).size, links: links.length, nav_top: Math.min(...tops),
            account_top: Math.round(account.top), brand_top: Math.round(brand.top),
            widths: links.map(a => Math.round(box(a).width)),
            account_width: Math.round(account.width), brand_width: Math.round(brand.width)};
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_desktop_menu_is_one_line_at_1280_px_in_both_languages(server, browser, built, lang):
    """The workspace menu, with every link an admin sees (the longest), on one row beside the
    name and the account at 1280 px. It wrapped to a second row (the Arabic first: Naskh words
    and the account are wider; an admin's menu in English too)."""
    add_user(built.ws, "root", "admin")
    context = browser.new_context(viewport=DESKTOP, locale="ar-SY" if lang == "ar" else "en-GB")
    page = context.new_page()
    _login(page, server.url, "root")
    page.goto(f"{server.url}/incidents?lang={lang}")
    got = page.evaluate(_ROWS_OF)
    context.close()
    assert got["links"] >= 15 and got["rows"] == 1, got
    assert abs(got["account_top"] - got["nav_top"]) < 24 and abs(got["brand_top"] - got["nav_top"]) < 24, got


# Between the phone layout (<= 720 px) and the desktop one (>= 1100 px): a tablet or a narrow window.
MIDDLE = [768, 900, 1024]
_HEADER_ROW = """() => {
    const box = e => e && e.getBoundingClientRect();
    const header = box(document.querySelector('header.top'));
    const summary = document.querySelector('header.top details.menu > summary');
    const links = [...document.querySelectorAll('header.top nav a')].filter(a => a.checkVisibility());
    return {header_height: Math.round(header.height), folded: !!summary && box(summary).width > 0,
            rows: new Set(links.map(a => Math.round(box(a).top))).size, shown: links.length,
            scroll: document.documentElement.scrollWidth, inner: window.innerWidth};
}"""


@pytest.mark.parametrize("width", MIDDLE)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_between_phone_and_desktop_the_header_is_one_row_and_the_menu_opens(
    server, browser, built, lang, width
):
    """At 721-1,099 px the menu's 15 links (an admin's) wrapped to two or three rows under the name.
    There the menu folds behind its button as on a phone: the header is one row, and the menu
    opened lays its links out within the window."""
    add_user(built.ws, "root", "admin")
    context = browser.new_context(
        viewport={"width": width, "height": 800}, locale="ar-SY" if lang == "ar" else "en-GB"
    )
    page = context.new_page()
    _login(page, server.url, "root")
    page.goto(f"{server.url}/incidents?lang={lang}")
    closed = page.evaluate(_HEADER_ROW)
    assert closed["folded"] and closed["shown"] == 0 and closed["header_height"] < 60, closed
    page.locator("header details.menu summary").click()
    opened = page.evaluate(_HEADER_ROW)
    context.close()
    assert opened["shown"] >= 15 and opened["scroll"] <= opened["inner"], opened
