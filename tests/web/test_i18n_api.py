"""Interface language (English/Arabic) and the JSON API with token auth."""

from __future__ import annotations

import re

from .conftest import PLANTED_IDENTITY, PLANTED_SENDER, add_user


def test_arabic_interface_is_rtl_and_translates_navigation_and_incident_page(make_client, built):
    client = make_client("viewer")
    html = client.get(f"/incidents/{built.incident_ids['shelling-fardous']}?lang=ar").text
    assert '<html lang="ar" dir="rtl">' in html
    for word in ("الحوادث", "الخريطة", "الخط الزمني", "المبررات", "المصادر الأصلية", "درجة التحقق"):
        assert word in html
    # the choice sticks (cookie) and English comes back on request
    assert '<html lang="ar" dir="rtl">' in client.get("/incidents").text
    assert '<html lang="en" dir="ltr">' in client.get("/incidents?lang=en").text


def _arabic_catalogue_and_extracted():
    """The Arabic catalogue, and every message the interface asks for as ``pybabel extract`` finds
    it with the project's babel.cfg (templates' ``_()``, Python's ``gettext``/``ngettext``/``N_``):
    the same extraction a translator runs, so a message it cannot see is a message never translated.
    """
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg
    from babel.messages.pofile import read_po

    from tawthiq.web._i18n import _LOCALE_DIR

    web = _LOCALE_DIR.parent
    with (web / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    used: dict[str, str] = {}
    for path, line, message, _comments, _context in extract_from_dir(str(web), method_map, options_map):
        used.setdefault(message if isinstance(message, str) else message[0], f"{path}:{line}")
    with (_LOCALE_DIR / "ar/LC_MESSAGES/messages.po").open("rb") as fh:
        catalog = read_po(fh)
    return catalog, used


def test_every_interface_message_has_an_arabic_translation_and_the_catalogue_no_unused_one():
    catalog, used = _arabic_catalogue_and_extracted()
    entries = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}
    translated = {
        k
        for k, m in entries.items()
        if not m.fuzzy and (m.string if isinstance(m.string, str) else all(m.string))
    }
    assert {k: where for k, where in used.items() if k not in translated} == {}, "untranslated"
    assert set(entries) - set(used) == set(), "in the catalogue, asked for by nothing (remove it)"
    assert list(catalog.obsolete) == []


def test_the_catalogue_check_sees_messages_asked_for_outside_templates():
    """The traps of extraction: a message in an f-string or called through ``ctx["_"]`` is
    invisible to ``pybabel extract``; these are written so that it finds them."""
    from tawthiq.web._i18n import _LOCALE_DIR

    _, used = _arabic_catalogue_and_extracted()
    for message in ("no dated incidents", "since %(date)s", "(as recorded, in English)", "exactly"):
        assert message in used, message
    templates = (_LOCALE_DIR.parent / "templates").glob("*.html")
    in_templates = {
        m for t in templates for m in re.findall(r"""_\(["']([^"']+)["']\)""", t.read_text("utf-8"))
    }
    assert in_templates - set(used) == set()


def _token(ws, role: str) -> str:
    from tawthiq.store import tokens

    add_user(ws, f"{role}-api", role)
    with ws.session() as s:
        return tokens.create_token(s, f"{role}-api", "tests")


def test_api_needs_a_valid_token(make_client, built):
    client = make_client()
    assert client.get("/api/v1/incidents").status_code == 401
    r = client.get("/api/v1/incidents", headers={"authorization": "Bearer tq_not-a-token"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "bad_token"
    token = _token(built.ws, "viewer")
    r = client.get("/api/v1/incidents?grade=fair", headers={"authorization": f"Bearer {token}"})
    assert r.status_code == 200
    assert [i["id"] for i in r.json()["items"]] == [built.incident_ids["shelling-fardous"]]


def test_revoked_token_stops_working(make_client, built):
    from tawthiq.store import tokens

    token = _token(built.ws, "viewer")
    client = make_client()
    with built.ws.session() as s:
        assert tokens.revoke_token(s, token)
    assert client.get("/api/v1/reports", headers={"authorization": f"Bearer {token}"}).status_code == 401


def test_api_review_by_token_respects_roles_and_needs_no_csrf(make_client, built):
    client = make_client()
    cid = built.claim_ids["execution"]
    viewer = {"authorization": f"Bearer {_token(built.ws, 'viewer')}"}
    reviewer = {"authorization": f"Bearer {_token(built.ws, 'reviewer')}"}
    assert (
        client.post(f"/api/v1/claims/{cid}/review", json={"decision": "accept"}, headers=viewer).status_code
        == 403
    )
    r = client.post(f"/api/v1/claims/{cid}/review", json={"decision": "accept"}, headers=reviewer)
    assert r.status_code == 200 and r.json()["review_status"] == "accepted"
    r = client.post(f"/api/v1/claims/{cid}/review", json={"decision": "maybe"}, headers=reviewer)
    assert r.status_code == 422 and r.json()["error"]["field"] == "decision"


def test_api_with_a_session_cookie_still_needs_csrf_for_writes(make_client, built):
    client = make_client("reviewer")
    r = client.post(f"/api/v1/claims/{built.claim_ids['execution']}/review", json={"decision": "accept"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf"


def test_api_never_returns_protected_values(make_client, built):
    client = make_client()
    h = {"authorization": f"Bearer {_token(built.ws, 'admin')}"}
    text = "".join(
        client.get(p, headers=h).text
        for p in (
            "/api/v1/reports",
            f"/api/v1/reports/{built.report_ids['chat']}",
            "/api/v1/claims",
            f"/api/v1/incidents/{built.incident_ids['shelling-fardous']}",
            "/api/v1/places",
            "/api/v1/timeline",
            "/api/v1/incidents/bbox?bbox=36,35,40,37",
        )
    )
    assert PLANTED_SENDER not in text and PLANTED_IDENTITY not in text


def test_public_api_matches_public_page(make_client, built):
    client = make_client()
    iid = built.incident_ids["shelling-fardous"]
    assert (
        client.get(f"/api/v1/public/incidents/{iid}").json()
        == client.get(f"/public/incidents/{iid}.json").json()
    )


def test_openapi_documents_the_api_and_docs_page_loads_nothing_from_a_cdn(make_client):
    client = make_client()
    spec = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/reports",
        "/api/v1/claims",
        "/api/v1/incidents",
        "/api/v1/places",
        "/api/v1/incidents/{incident_id}/override",
        "/api/v1/public/incidents",
    ):
        assert path in spec["paths"], path
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    html = client.get("/api/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert not re.search(
        r"https?://", re.sub(r"https?://127\.0\.0\.1", "", html).replace("http://www.w3.org", "")
    )


def test_every_label_of_an_internal_value_has_an_arabic_translation():
    from tawthiq.web._i18n import translations
    from tawthiq.web._labels import LABELS

    ar = translations("ar")
    assert {v for v in LABELS.values() if ar.gettext(v) == v} == set()


def test_the_arabic_pages_ask_the_catalogue_for_nothing_it_lacks(make_client, built, monkeypatch):
    """Renders the main pages in Arabic, recording every message looked up (literal msgids and
    labels of values alike) that the Arabic catalogue does not translate."""
    from tawthiq.web import _render
    from tawthiq.web._i18n import translations

    real = translations("ar")
    untranslated: set[str] = set()

    class Recording:
        def gettext(self, message: str) -> str:
            out = real.gettext(message)
            if out == message:
                untranslated.add(message)
            return out

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            out = real.ngettext(singular, plural, n)
            if out in (singular, plural):
                untranslated.add(singular)
            return out

    monkeypatch.setattr(
        _render, "translations", lambda lang: Recording() if lang == "ar" else translations(lang)
    )
    _register_missing_and_overdue(built.ws)
    client = make_client("admin")
    ids = built.incident_ids
    pages = [
        "/reports",
        f"/reports/{built.report_ids['en']}",
        "/claims",
        f"/claims/{built.claim_ids['execution']}",
        "/incidents",
        f"/incidents/{ids['shelling-fardous']}",
        f"/incidents/{ids['execution-saliheen']}",
        "/timeline",
        "/map",
        "/people?q=Yusuf",
        "/people/review",
        "/missing",
        "/missing/inquiries",
        "/sources/overdue",
        "/places",
        "/admin",
        "/public",
        "/inquiry",
    ]
    for path in pages:
        r = client.get(path, params={"lang": "ar"})
        assert r.status_code == 200, path
        assert '<html lang="ar" dir="rtl">' in r.text, path
    assert untranslated == set()


def _register_missing_and_overdue(ws) -> None:
    """A missing person with a status note, and a source that went silent (for their pages)."""
    from datetime import UTC, datetime, timedelta

    from tawthiq.entities import MissingNote, PersonRecord
    from tawthiq.store.missing import save_missing

    rec = PersonRecord(
        list_name="registry", record_id="R9", name_latin="Test Missing Person", status="missing"
    )
    note = MissingNote(
        note_record_id="r9",
        status="believed_missing",
        author_name="doc",
        source_date=datetime(2016, 12, 15, tzinfo=UTC),
        text="crossed the line",
    )
    with ws.session(actor="test") as s:
        save_missing(s, "registry", [(rec, [note])])
    from tawthiq.app.sources import log_contact, set_checkin
    from tawthiq.entities import Source
    from tawthiq.store import get_or_create_source

    with ws.session(actor="test") as s:
        source_id = get_or_create_source(s, Source(label="Field contact (test)", kind="individual")).id
        silent_since_2016 = get_or_create_source(s, Source(label="Old contact (test)", kind="individual")).id
    set_checkin(ws, source_id, 1)
    log_contact(ws, source_id, datetime.now(UTC) - timedelta(hours=87))
    set_checkin(ws, silent_since_2016, 1)  # overdue "since 15 December 2016"
    log_contact(ws, silent_since_2016, datetime(2016, 12, 14, tzinfo=UTC))
