"""Small things a reader sees (issue 18, found regenerating the screenshots): a date broken inside
on a phone ("13" on one line, "كانون الأول 2016" on the next), an "Attributed to" row with an
empty value, and the Arabic report page's source written at the far side of its row, away from
its label "المصدر"."""

from __future__ import annotations

import re
from html import unescape

import pytest

from .test_browser import _login

# A day as either interface writes it: "13 December 2016", "13 كانون الأول 2016".
DAY = re.compile(r"\b\d{1,2} [^\W\d_]+(?: [^\W\d_]+)? \d{4}\b")
NOWRAP_TIME = re.compile(r'<time class="nowrap" datetime="[0-9T:+.-]+">[^<]*</time>')


def _dates_outside_nowrap(html: str) -> list[str]:
    body = html[html.index("<main") :]
    return DAY.findall(unescape(re.sub(r"<[^>]+>", " ", NOWRAP_TIME.sub("", body))))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_date_on_a_page_can_break_inside_on_a_phone(make_client, built, lang):
    client = make_client("documenter")
    pages = [
        "/claims?status=all",
        f"/claims/{built.claim_ids['shelling']}",
        f"/reports/{built.report_ids['en']}",
        "/reports",
        "/incidents",
        f"/incidents/{built.incident_ids['shelling-fardous']}",
        "/missing",
    ]
    seen = 0
    for path in pages:
        html = client.get(path, params={"lang": lang}).text
        seen += len(NOWRAP_TIME.findall(html))
        assert _dates_outside_nowrap(html) == [], f"{path} ({lang}): a date that may wrap"
    assert seen > 10  # the pages do show dates, all of them kept on one line
    queue = client.get("/claims", params={"status": "all", "lang": "ar"}).text
    assert '<time class="nowrap" datetime="2016-12-13">13 كانون الأول 2016</time>' in queue
    css = client.get("/static/app.css").text
    assert re.search(r"\.nowrap\s*\{[^}]*white-space:\s*nowrap", css)


def _attributed_to(html: str, claim_id: int, label: str) -> str:
    block = html[html.index(f'id="claim-{claim_id}"') :]
    value = block[block.index(f"<dt>{label}</dt>") :].split("</dd>")[0]
    return unescape(re.sub(r"<[^>]+>", "", value.split("<dd", 1)[1].split(">", 1)[1])).strip()


@pytest.mark.parametrize(
    ("lang", "label", "not_stated"), [("en", "Attributed to", "not stated"), ("ar", "منسوب إلى", "غير مذكور")]
)
def test_a_claim_without_attribution_says_no_source_was_named(make_client, built, lang, label, not_stated):
    client = make_client("documenter")
    unattributed, attributed = built.claim_ids["execution"], built.claim_ids["shelling"]
    for path in ("/claims?status=all", f"/reports/{built.report_ids['en']}", f"/claims/{unattributed}"):
        html = client.get(path, params={"lang": lang}).text
        assert _attributed_to(html, unattributed, label) == not_stated, path
        if f'id="claim-{attributed}"' in html:
            assert _attributed_to(html, attributed, label) == "Local monitors", path


def test_the_arabic_report_page_keeps_the_source_in_the_page_direction_like_every_row(make_client, built):
    html = make_client("documenter").get(f"/reports/{built.report_ids['en']}", params={"lang": "ar"}).text
    meta = html[html.index('<dl class="meta">') :].split("</dl>")[0]
    # Each value cell takes the page's direction (its text starts beside its label); a Latin
    # outlet's name is isolated inside it, not given a left-to-right cell of its own.
    assert re.findall(r"<dd[^>]*\bdir=", meta) == []
    assert '<dt>المصدر</dt><dd><bdi dir="auto">Aleppo Monitor (test)</bdi></dd>' in meta


@pytest.mark.browser
def test_on_the_arabic_report_page_each_value_sits_beside_its_label(server, browser, built):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ar-SY")
    page = context.new_page()
    _login(page, server.url)
    page.goto(f"{server.url}/reports/{built.report_ids['en']}?lang=ar")
    gaps = page.evaluate(
        """() => [...document.querySelectorAll('dl.meta > dd')].map(dd => {
            const dt = dd.previousElementSibling;
            const range = document.createRange();
            range.selectNodeContents(dd);
            const text = range.getBoundingClientRect();
            return [dt.textContent.trim(), Math.round(dt.getBoundingClientRect().left - text.right)];
        })"""
    )
    context.close()
    # In a right-to-left page the label is on the right; its value ends just left of it (the
    # grid's 1rem gap), never across the page.
    assert len(gaps) >= 4
    far = {label: gap for label, gap in gaps if not 0 <= gap <= 40}
    assert far == {}, f"values away from their labels (px): {far}"


@pytest.mark.parametrize(("lang", "not_stated"), [("en", "not stated"), ("ar", "غير مذكور")])
def test_an_incident_with_no_toll_says_so_in_the_list_not_an_empty_cell(make_client, built, lang, not_stated):
    # the demo's list showed 7 of 9 rows with an empty "Killed" cell, read as "not loaded"
    html = make_client("documenter").get("/incidents", params={"lang": lang}).text

    def row(key: str) -> str:
        return html[html.index(f'href="/incidents/{built.incident_ids[key]}"') :].split("</tr>")[0]

    assert f'<span class="not-stated">{not_stated}</span>' in row("clash-raqqa")
    assert "not-stated" not in row("shelling-fardous") and ">12</td>" in row("shelling-fardous")
