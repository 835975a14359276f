"""Arabic as a first language (issue 18 item 4): names in the interface's order, each isolated,
dates and numbers written for the interface's locale (Babel)."""

from __future__ import annotations

import re
from datetime import date

import pytest


def _rows(html: str) -> str:
    return html[html.index("<tbody>") : html.index("</tbody>")]


@pytest.mark.parametrize(
    ("lang", "first", "second"), [("ar", "الفردوس", "Fardous"), ("en", "Fardous", "الفردوس")]
)
def test_the_interface_language_name_of_a_place_leads(make_client, built, lang, first, second):
    client = make_client("viewer")
    for path in ("/incidents", f"/incidents/{built.incident_ids['shelling-fardous']}", "/public"):
        html = client.get(f"{path}?lang={lang}").text
        assert first in html and second in html, path
        assert html.index(first) < html.index(second), f"{path} ({lang}): {second} leads"


def test_each_name_in_a_line_of_the_other_script_is_isolated(make_client, built):
    rows = _rows(make_client("viewer").get("/incidents?lang=ar").text)
    assert '<bdi dir="rtl" lang="ar">الفردوس</bdi> <bdi dir="auto">Fardous</bdi>' in rows
    assert "<span dir" not in rows  # every place name in a <bdi>, none loose in the line


@pytest.mark.parametrize("path", ["/people?q=Samer+Haddad", "/missing?"])
def test_a_person_with_both_names_shows_the_arabic_first_in_arabic_only(make_client, built, path):
    from tawthiq.entities import PersonRecord
    from tawthiq.store.people import save_list

    with built.ws.session(actor="test") as s:
        record = PersonRecord(
            list_name="test-list-b",
            record_id="9",
            name_ar="سامر حداد",
            name_latin="Samer Haddad",
            status="missing",
        )
        save_list(s, "test-list-b", [record])
    client = make_client("documenter")
    ar = _rows(client.get(f"{path}&lang=ar").text)
    en = _rows(client.get(f"{path}&lang=en").text)
    assert ar.index("سامر حداد") < ar.index("Samer Haddad")
    assert en.index("Samer Haddad") < en.index("سامر حداد")
    assert '<bdi dir="ltr">Samer Haddad</bdi>' in ar and '<bdi dir="rtl" lang="ar">سامر حداد</bdi>' in en


def test_dates_and_numbers_are_written_for_the_interface_locale(make_client, built):
    from babel.dates import format_date

    client = make_client("viewer")
    day = date(2016, 12, 12)
    ar_day, en_day = format_date(day, "long", locale="ar_SY"), format_date(day, "long", locale="en_GB")
    assert "كانون الأول" in ar_day and en_day == "12 December 2016"
    for path in ("/incidents", f"/incidents/{built.incident_ids['shelling-fardous']}", "/reports", "/public"):
        ar = client.get(f"{path}?lang=ar").text
        en = client.get(f"{path}?lang=en").text
        # what a reader sees: a <time> element's datetime attribute is ISO by design
        seen_ar, seen_en = (re.sub(r"<[^>]+>", " ", page.split("<main>")[1]) for page in (ar, en))
        assert "2016-12-12" not in seen_ar and "2016-12-12" not in seen_en, path
        assert ar_day in ar or format_date(date(2016, 12, 13), "long", locale="ar_SY") in ar, path
        assert "December 2016" in en, path


def test_the_timeline_names_itself_and_isolates_its_tooltips_in_arabic(make_client, built):
    html = make_client("viewer").get("/timeline?lang=ar").text
    assert 'aria-label="الحوادث في كل يوم حسب النوع"' in html
    # an Arabic type between a Latin date and a count: each part isolated, so none swaps sides
    assert "<title>\u206812 كانون الأول 2016\u2069 · \u2068قصف" in html


def test_a_report_names_its_channel_and_language_in_the_interface_language(make_client, built):
    client = make_client("viewer")
    rid = built.report_ids["en"]  # an html report in English
    en = client.get(f"/reports/{rid}?lang=en").text
    ar = client.get(f"/reports/{rid}?lang=ar").text
    assert "<dd>web page</dd>" in en and "<dd>English</dd>" in en
    assert "<dd>صفحة ويب</dd>" in ar and "<dd>الإنجليزية</dd>" in ar
