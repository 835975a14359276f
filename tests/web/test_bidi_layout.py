"""Mixed scripts laid out as a reader expects (issue 18, a user's walk through the Arabic and phone
pages): an English report title and outlet under an Arabic incident's claims each on a row of their
own, never run together on a phone's wrapped lines; an English report title on the Arabic report
page standing where the page starts (the right), in its own order; a CLI command inside an Arabic
sentence written as code, left to right."""

from __future__ import annotations

import itertools
import re

import pytest

from .test_browser import _login

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# For each claim on an incident page (each queued claim in the review queue): the lines (rounded
# top, bottom) of the deepest element whose text is the report's title, and of its outlet's.
_TITLE_AND_OUTLET_LINES = """([title, outlet]) =>
  [...document.querySelectorAll('.claim, .queued')].map(claim => {
    const deepest = text => [...claim.querySelectorAll('*')].filter(e => e.textContent.trim() === text).pop();
    const lines = e => e ? [...e.getClientRects()].map(r => [Math.round(r.top), Math.round(r.bottom)]) : null;
    return [lines(deepest(title)), lines(deepest(outlet))];
}).filter(([t, o]) => t && o)"""


def _share_a_line(a: list[list[int]], b: list[list[int]]) -> bool:
    return any(at < bb and bt < ab for at, ab in a for bt, bb in b)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("where", ["incident", "public", "queue"])
def test_an_english_title_and_outlet_beside_an_arabic_claim_never_run_together(
    server, browser, built, viewport, where
):
    context = browser.new_context(viewport=viewport, locale="ar-SY")
    page = context.new_page()
    iid = built.incident_ids["shelling-fardous"]
    if where == "public":
        page.goto(f"{server.url}/public/incidents/{iid}?lang=ar")
    else:
        _login(page, server.url)
        page.goto(
            f"{server.url}/incidents/{iid}?lang=ar"
            if where == "incident"
            else f"{server.url}/claims?status=all&lang=ar"
        )
    found = page.evaluate(_TITLE_AND_OUTLET_LINES, ["Shelling reported in Fardous", "Aleppo Monitor (test)"])
    # on each of its rows the value ends beside its label (the page's start, the right), never
    # across the card: every value's right edge within 40 px of its label's left edge
    gaps = page.evaluate(
        """() => [...document.querySelectorAll('dl.report-ref > dd')].map(dd => {
            const range = document.createRange();
            range.selectNodeContents(dd);
            const dt = dd.previousElementSibling;
            return [dt.textContent.trim(),
                    Math.round(dt.getBoundingClientRect().left - range.getBoundingClientRect().right)];
        })"""
    )
    context.close()
    assert found, "the English report's title and outlet are under a claim"
    for title, outlet in found:
        # inline ("— title، outlet، date") a wrapped title's last words and the outlet's first
        # words shared a line, in an order no reader can follow
        assert not _share_a_line(title, outlet), f"title {title} and outlet {outlet} share a line"
        assert len(outlet) == 1, f"the outlet's name is split over {len(outlet)} lines"
    assert gaps and all(0 <= gap <= 40 for _, gap in gaps), f"values away from their labels (px): {gaps}"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "report", "side"),
    [("ar", "en", "right"), ("en", "ar", "left")],
    ids=["english-on-arabic", "arabic-on-english"],
)
def test_a_report_title_in_the_other_script_stands_where_the_page_starts(
    server, browser, built, lang, report, side
):
    context = browser.new_context(viewport=DESKTOP, locale="ar-SY" if lang == "ar" else "en-GB")
    page = context.new_page()
    _login(page, server.url)
    page.goto(f"{server.url}/reports/{built.report_ids[report]}?lang={lang}")
    heading = page.evaluate(
        """() => {
            const h1 = document.querySelector('main h1');
            const range = document.createRange();
            range.selectNodeContents(h1);
            const text = range.getBoundingClientRect(), box = h1.getBoundingClientRect();
            const inner = h1.querySelector('bdi') || h1;
            return {left: text.left - box.left, right: box.right - text.right,
                    dir: getComputedStyle(inner).direction};
        }"""
    )
    page.goto(f"{server.url}/reports?lang={lang}")
    cells = page.evaluate(
        """(title) => [...document.querySelectorAll('table.list tbody td')]
            .filter(td => td.textContent.trim() === title)
            .map(td => {
                const range = document.createRange();
                range.selectNodeContents(td);
                const text = range.getBoundingClientRect(), box = td.getBoundingClientRect();
                return {left: text.left - box.left, right: box.right - text.right};
            })""",
        "Shelling reported in Fardous" if report == "en" else "قصف على حي الفردوس",
    )
    context.close()
    # the title keeps its own direction (its words in order) ...
    assert heading["dir"] == ("ltr" if report == "en" else "rtl")
    # ... and stands at the page's start like every other heading: within a few px of the right
    # edge on the Arabic page (it stood at the left, across the page, with dir on the <h1>)
    assert heading[side] < 4, heading
    assert cells and all(c[side] < 12 for c in cells), cells  # the inbox's title cell too


def test_a_cli_command_in_an_arabic_sentence_is_code_written_left_to_right(make_client, built):
    client = make_client("documenter")
    estimates = client.get("/estimates", params={"lang": "ar"}).text
    assert '<code dir="ltr">tawthiq estimate</code> في مساحة العمل هذه' in estimates
    pairs = client.get("/people/review", params={"lang": "ar"}).text
    assert '(<code dir="ltr">tawthiq people link</code>)' in pairs
    english = client.get("/estimates", params={"lang": "en"}).text
    assert 'run <code dir="ltr">tawthiq estimate</code> on this workspace' in english


def test_no_translated_sentence_writes_a_cli_command_as_plain_words():
    """A sentence that names a command takes it as ``%(command)s`` (the ``command`` filter writes it
    as code); a command typed into a catalogue entry would be plain text in the Arabic line."""
    from pathlib import Path

    from babel.messages.pofile import read_po

    po = Path(__file__).resolve().parents[2] / "src/tawthiq/web/locale/ar/LC_MESSAGES/messages.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale="ar")
    plain = [m.id for m in catalog if m.id and re.search(r"\btawthiq [a-z]", f"{m.id} {m.string}")]
    assert plain == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE["width"], DESKTOP["width"]], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_timelines_day_labels_never_overlap_nor_run_off_the_chart(browser, lang, width):
    from datetime import date, timedelta

    from tawthiq.web._labels import short_day
    from tawthiq.web._timeline import timeline_svg

    # a month of incidents, a day apart or more: the demo workspace's spread (19 Nov - 22 Dec 2016)
    counts = {(date(2016, 11, 19) + timedelta(days=d), "attack.shelling"): 1 for d in range(0, 34, 3)}
    svg = timeline_svg(counts, day=lambda d: short_day(lang, d))  # as /timeline draws it, in its
    # left-to-right figure (templates/timeline.html)
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.set_content(
        f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"><body style="margin:0">'
        f'<main style="width:{width - 20}px"><figure dir="ltr" style="margin:0">{svg}</figure></main>'
        "</body></html>"
    )
    boxes = page.evaluate(
        """() => {
            const svg = document.querySelector('svg.timeline').getBoundingClientRect();
            const days = [...document.querySelectorAll('text.axis-day')].map(t => t.getBoundingClientRect());
            return {right: svg.right, left: svg.left, days: days.map(r => [r.left, r.right])};
        }"""
    )
    page.close()
    days = sorted(boxes["days"])
    assert len(days) >= 3, days  # the axis is labelled
    overlaps = [(a, b) for a, b in itertools.pairwise(days) if b[0] < a[1]]
    assert overlaps == [], f"day labels run into each other: {overlaps}"
    assert days[-1][1] <= boxes["right"] + 1 and days[0][0] >= boxes["left"] - 1, boxes
    # each label isolated, so an Arabic day keeps its order in the chart's left-to-right flow
    labels = re.findall(r'<text[^>]*class="axis-day">([^<]*)</text>', str(svg))
    assert labels and all(t.startswith("\u2068") and t.endswith("\u2069") for t in labels)
