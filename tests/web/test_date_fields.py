"""Date fields say their format only where a person must type it (issue 18).

A browser with a date picker (Chromium, Firefox, Safari) shows no placeholder on ``type=date``; one
without draws a text box and shows it. So the format is the placeholder, never the label: under a
picker, "(سنة-شهر-يوم)" in the label described a field that asks for nothing typed. Typed by hand on
an Arabic phone keyboard, a date has Arabic-Indic digits, and is read.
"""

from __future__ import annotations

import re

import pytest

from .conftest import csrf_of

PAGES = ["/inquiry", "/incidents"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_date_field_has_its_format_as_a_placeholder_and_no_format_in_its_label(
    make_client, built, lang
):
    client = make_client("reviewer")
    cid = built.claim_ids["execution"]
    for path in [*PAGES, f"/claims/{cid}"]:
        html = client.get(path, params={"lang": lang}).text
        fields = re.findall(r"<label>([^<]*)<input([^>]*type=\"date\"[^>]*)>", html)
        assert fields, path
        for text, attrs in fields:
            assert "YYYY" not in text and "سنة" not in text, (path, text)
            placeholder = re.search(r'placeholder="([^"]+)"', attrs)
            assert placeholder, (path, attrs)
            assert ("YYYY-MM-DD" if lang == "en" else "سنة-شهر-يوم") in placeholder.group(1)


def test_a_date_typed_in_arabic_indic_digits_is_read(make_client, built):
    from tawthiq.store.missing import list_inquiries

    client = make_client()
    form = {"csrf_token": csrf_of(client, "/inquiry"), "kind": "ask", "name": "سامر"}
    r = client.post("/inquiry?lang=ar", data={**form, "last_seen_date": "٢٠١٦-١٢-٠٤"})
    assert r.status_code == 200 and "ticket" in r.text
    with built.ws.session() as s:
        assert [str(i.last_seen_date) for i in list_inquiries(s)] == ["2016-12-04"]
    r = client.post("/inquiry?lang=ar", data={**form, "last_seen_date": "٢٠١٦-١٣-٠٤"})
    assert r.status_code == 400 and "last_seen_date" in r.text


def test_the_incident_filter_reads_arabic_indic_digits_too(make_client):
    client = make_client("viewer")
    latin = client.get("/incidents.json", params={"from": "2016-12-01"}).json()
    arabic = client.get("/incidents.json", params={"from": "٢٠١٦-١٢-٠١"}).json()
    assert arabic == latin


@pytest.mark.browser
def test_chromiums_date_picker_shows_no_format_and_a_text_box_shows_it(server, browser):
    """What a person sees: Chromium draws a picker and no placeholder; a browser with no picker
    draws the same field as a text box (simulated by switching its type) and shows the format."""
    context = browser.new_context(locale="ar")
    page = context.new_page()
    page.goto(f"{server.url}/inquiry?lang=ar")
    field = page.locator("input[name=last_seen_date]")
    assert field.evaluate("e => e.type") == "date"
    assert field.evaluate("e => e.matches(':placeholder-shown')") is False
    assert page.locator("label", has=field).inner_text().strip() == "تاريخ آخر مشاهدة"
    field.evaluate("e => { e.type = 'text'; }")
    assert field.evaluate("e => e.matches(':placeholder-shown')") is True
    context.close()
