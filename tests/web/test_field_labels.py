"""An error names its field as the form labels it, in the interface's language (issue 18): the
Arabic error page never names a field by its internal English name."""

from __future__ import annotations

import re
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "src/tawthiq"
ARABIC = re.compile(r"[\u0600-\u06ff]")


# Named only by a start-up setting's check (app.accounts.check_min_length: WebSettings when the
# web starts, the CLI's --min-length), never behind a page: the web refuses to start instead.
START_UP_ONLY = {"min_password_length"}


def _fields_an_error_can_name() -> set[str]:
    """Every ``field="…"`` an error raised behind a page names (the web, its use cases, the
    override rule), and every input name of a form (a NUL in any of them is refused by name)."""
    sources = [*(WEB / "web").rglob("*.py"), *(WEB / "app").rglob("*.py"), WEB / "corroborate/_grades.py"]
    fields = {
        f
        for p in sources
        if p.name != "settings.py"  # start-up settings: refused by the CLI, before any page
        for f in re.findall(r'field="([a-z_]+)"', p.read_text("utf-8"))
    } - START_UP_ONLY
    for t in (WEB / "web/templates").glob("*.html"):
        fields |= set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([a-z_]+)"', t.read_text("utf-8")))
    return fields


def test_every_field_an_error_can_name_has_an_arabic_label():
    from tawthiq.web._i18n import translations
    from tawthiq.web._labels import FIELD_LABELS, LABELS

    ar = translations("ar")
    fields = _fields_an_error_can_name()
    assert {"reason", "decision", "grade", "page_size", "fatalities_low"} <= fields
    unlabelled = {f for f in fields if (FIELD_LABELS.get(f) or LABELS.get(f)) is None}
    assert unlabelled == set()
    english = {f for f in fields if not ARABIC.search(ar.gettext(FIELD_LABELS.get(f) or LABELS[f]))}
    assert english == set()


def test_the_arabic_error_page_names_the_field_in_arabic(make_client, built):
    client = make_client("viewer")
    r = client.get("/incidents", params={"lang": "ar", "page_size": "many"})
    assert r.status_code == 400
    assert '(الحقل: <strong data-field="page_size">عدد العناصر في الصفحة</strong>)' in r.text
    r = client.get("/incidents", params={"lang": "ar", "from": "12/12/2016"})
    assert '<strong data-field="from">من</strong>' in r.text
    # English names it by its form label too; the JSON keeps the internal name
    r = client.get("/incidents", params={"lang": "en", "from": "12/12/2016"})
    assert '<strong data-field="from">From</strong>' in r.text
    assert client.get("/incidents.json", params={"from": "12/12/2016"}).json()["error"]["field"] == "from"
