"""Every cell, value and heading takes the page's direction; a value in the other script is
isolated inside it (issue 18, a user's walk). A ``dir`` on the cell itself set it apart: an English
value in an Arabic table stood at the left of its cell while the Arabic ones stood at the right
(person pairs' "field-hospital", "36", "al-Mashhad"), a phone card's "Arabic:" label went to the far
side of its value (places), an English report title on the Arabic report page stood across the page."""

from __future__ import annotations

import re

import pytest

from .conftest import add_user
from .test_people_review import pairs  # noqa: F401  (the fixture: pairs the linker left)

# a table cell, a description's value or a heading with its own dir: the element takes the
# direction of its content, not of the page (quotes and report bodies, blocks of text, may)
OWN_DIRECTION = re.compile(r"<(?:td|th|dd|dt|h1|h2|h3)\b[^>]*\sdir=")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_no_cell_value_or_heading_takes_its_contents_direction(make_client, built, pairs, lang):  # noqa: F811
    add_user(built.ws, "root", "admin")
    from .conftest import PASSWORD, login

    client = make_client("documenter")
    admin = make_client()
    login(admin, "root", PASSWORD)
    iid = built.incident_ids["shelling-fardous"]
    pages = [
        "/incidents",
        f"/incidents/{iid}",
        "/reports",
        f"/reports/{built.report_ids['en']}",
        f"/reports/{built.report_ids['ar']}",
        "/claims?status=all",
        f"/claims/{built.claim_ids['shelling']}",
        "/people?q=Yusuf",
        "/people?q=محمد",
        "/people/review",
        "/missing",
        "/missing/inquiries",
        "/places",
        "/sources/overdue",
        "/estimates",
        f"/public/incidents/{iid}",
        "/public",
    ]
    own = {}
    for path in pages:
        html = client.get(path, params={"lang": lang}).text
        assert "<main" in html, path
        if found := OWN_DIRECTION.findall(html):
            own[path] = found[:3]
    admin_html = admin.get("/admin", params={"lang": lang}).text
    if found := OWN_DIRECTION.findall(admin_html):
        own["/admin"] = found[:3]
    assert own == {}


def test_a_persons_date_in_the_people_search_is_written_per_locale(make_client, built):
    client = make_client("documenter")
    ar = client.get("/people", params={"q": "محمد عبد الله", "lang": "ar"}).text
    assert '<time class="nowrap" datetime="2016-12-12">12 كانون الأول 2016</time>' in ar
    assert ">2016-12-12<" not in ar
    en = client.get("/people", params={"q": "محمد عبد الله", "lang": "en"}).text
    assert '<time class="nowrap" datetime="2016-12-12">12 December 2016</time>' in en


def test_a_date_known_to_the_month_is_its_month_and_year_in_the_pages_language():
    from tawthiq.web._i18n import translations
    from tawthiq.web._render import template_env

    def render(lang: str, value: str) -> str:
        tr = translations(lang)
        return template_env().from_string("{{ v|day }}").render(lang=lang, _=tr.gettext, v=value)

    assert render("ar", "2016-12") == '<time class="nowrap" datetime="2016-12">كانون الأول 2016</time>'
    assert render("en", "2016-12") == '<time class="nowrap" datetime="2016-12">December 2016</time>'
    assert render("en", "2016") == "2016"  # a year is written as it is


def test_an_inquirys_last_seen_date_is_written_per_locale_beside_its_place(make_client, built):
    from .test_missing_pages import _ask

    _ask(make_client(), "Rami Test-Inquiry", last_seen_date="2016-12-10", last_seen_place="Bustan al-Qasr")
    html = make_client("documenter").get("/missing/inquiries", params={"lang": "ar"}).text
    when = '<time class="nowrap" datetime="2016-12-10">10 كانون الأول 2016</time>'
    assert f'{when}، <bdi dir="auto">Bustan al-Qasr</bdi>' in html
