"""Error messages in the interface's language (issue 18 item 4).

A family member using the Arabic interface who leaves the name empty must read why in Arabic;
a JSON client keeps the English message and the stable code. Every message the web layer writes
without a value in it is listed in ``FIXED_MESSAGES`` and translated; one added to a router and
forgotten there fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import csrf_of

WEB = Path(__file__).resolve().parents[2] / "src" / "tawthiq" / "web"
# HTTPError(400, "bad_input", "literal", ...), _error(request, 404, "code", "literal"), error_body(...)
_LITERAL = re.compile(
    r"""(?:HTTPError\(\s*\d+,\s*"[a-z_]+",|_error\(\s*request,\s*\d+,\s*"[a-z_]+",|error_body\(\s*\d+,\s*"[a-z_]+",)"""
    r"""\s*"([^"]+)\""""
)


# The account rules the admin page shows the refusals of (app.accounts, and the store's under it)
ACCOUNT_RULES = ("app/accounts.py", "store/users.py", "store/tokens.py", "store/_accounts.py")


def _account_templates() -> set[str]:
    """The message of every ``InputError``/``UnknownAccount`` the account rules raise; fails on
    an f-string one (its values baked in, it cannot be translated)."""
    import ast

    found = set()
    for rel in ACCOUNT_RULES:
        path = WEB.parent / rel
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            called = getattr(node, "func", None)
            if isinstance(node, ast.Call) and getattr(called, "id", None) in ("InputError", "UnknownAccount"):
                first = node.args[0]
                assert not isinstance(first, ast.JoinedStr), f"{rel}:{node.lineno}: an f-string message"
                if isinstance(first, ast.Constant):
                    found.add(first.value)
    return found


def _arabic_catalogue() -> dict[str, tuple[str, ...]]:
    """Each message's Arabic forms: one, or the six plural forms of an entry with a plural (keyed
    by its English plural, the message as raised)."""
    from babel.messages.pofile import read_po

    with (WEB / "locale/ar/LC_MESSAGES/messages.po").open("rb") as fh:
        entries = [m for m in read_po(fh) if m.id and m.string]
    return {
        m.id[1] if isinstance(m.id, tuple) else m.id: m.string if isinstance(m.string, tuple) else (m.string,)
        for m in entries
    }


def _context(lang: str) -> dict:
    """What a page's template gives the filters: its language and its gettext functions."""
    from tawthiq.web._i18n import translations

    tr = translations(lang)
    return {"lang": lang, "_": tr.gettext, "ngettext": tr.ngettext}


def test_every_fixed_error_message_is_listed_and_translated():
    from tawthiq.web._errors import FIXED_MESSAGES, PLURAL_MESSAGES

    written = {m for p in WEB.rglob("*.py") for m in _LITERAL.findall(p.read_text("utf-8"))}
    assert len(written) > 10  # the pattern still finds the raise sites
    accounts = _account_templates()
    assert len(accounts) >= 15  # the account rules' refusals, shown on the admin page (issue 18)
    written |= accounts
    assert written - FIXED_MESSAGES == set(), "an error message missing from FIXED_MESSAGES"
    assert FIXED_MESSAGES - written == set(), "FIXED_MESSAGES lists a message no longer written"
    arabic = _arabic_catalogue()
    assert FIXED_MESSAGES - set(arabic) == set(), "untranslated error messages"
    assert all(all(forms) for forms in arabic.values()), "an empty form"
    slots = re.compile(r"%\(\w+\)[rs]")
    lost = {
        m: arabic[m]
        for m in FIXED_MESSAGES - set(PLURAL_MESSAGES)
        if sorted(slots.findall(m)) != sorted(slots.findall(arabic[m][0]))
    }
    assert lost == {}, "a translation that drops or adds a value"
    # a plural form may leave its number out ("حرفان": two characters), never add a value
    added = {
        m: f for m in PLURAL_MESSAGES for f in arabic[m] if set(slots.findall(f)) - set(slots.findall(m))
    }
    assert added == {}
    assert {m for m in PLURAL_MESSAGES if len(arabic[m]) != 6} == set(), "Arabic has six plural forms"


def test_a_family_leaving_the_name_empty_reads_why_in_arabic(make_client):
    client = make_client()
    client.get("/inquiry?lang=ar")
    r = client.post("/inquiry", data={"csrf_token": csrf_of(client, "/inquiry"), "kind": "ask", "name": " "})
    assert r.status_code == 400
    assert '<html lang="ar" dir="rtl">' in r.text
    assert "<strong>الاسم</strong>: يرجى ملء هذا الحقل" in r.text
    assert "please fill this in" not in r.text and "bad_input" not in r.text


def test_json_keeps_the_english_message_and_the_code_in_the_arabic_interface(make_client):
    client = make_client()
    client.get("/inquiry?lang=ar")
    token = csrf_of(client, "/inquiry")
    r = client.post("/inquiry.json", data={"csrf_token": token, "kind": "ask", "name": ""})
    assert r.status_code == 400
    assert r.json()["error"] == {
        "status": 400,
        "code": "bad_input",
        "message": "please fill this in",
        "field": "name",
    }


def test_a_message_with_an_id_in_it_is_translated_and_filled(make_client):
    client = make_client("viewer")
    r = client.get("/incidents/987654?lang=ar")
    assert r.status_code == 404
    assert "لا توجد حادثة رقم 987654" in r.text and "غير موجود" in r.text
    assert "no incident" not in r.text
    assert client.get("/incidents/987654.json?lang=ar").json()["error"]["message"] == "no incident 987654"


def test_a_family_writing_too_long_a_place_reads_the_limit_in_arabic(make_client):
    client = make_client()
    client.get("/inquiry?lang=ar")
    token = csrf_of(client, "/inquiry")
    r = client.post(
        "/inquiry", data={"csrf_token": token, "kind": "ask", "name": "س", "last_seen_place": "x" * 201}
    )
    assert r.status_code == 400
    # 200 takes the singular noun in Arabic (as 100 and 1000 do): "200 حرف", not "200 حرفاً"
    assert "200 حرف على الأكثر" in r.text and "حرفاً" not in r.text and "characters" not in r.text


@pytest.mark.parametrize(
    ("limit", "arabic"),
    [
        (1, "حرف واحد على الأكثر"),
        (2, "حرفان على الأكثر"),
        (3, "3 أحرف على الأكثر"),
        (10, "10 أحرف على الأكثر"),
        (11, "11 حرفاً على الأكثر"),
        (99, "99 حرفاً على الأكثر"),
        (100, "100 حرف على الأكثر"),
        (200, "200 حرف على الأكثر"),
        (2000, "2,000 حرف على الأكثر"),
        (103, "103 أحرف على الأكثر"),
        (111, "111 حرفاً على الأكثر"),
    ],
)
def test_a_limit_of_characters_takes_the_arabic_plural_its_number_needs(limit, arabic):
    """Arabic's six plural forms (CLDR): the noun after 200 is not the noun after 11 or after 3."""
    from tawthiq.web._labels import error_text

    ctx = _context("ar")
    english = f"at most {limit:,} characters"  # as the raise writes it (english_params)
    assert error_text(ctx, english, "at most %(limit)s characters", {"limit": limit}) == arabic
    reason = error_text(ctx, "", "a reason has at most %(limit)s characters", {"limit": limit})
    assert reason.startswith("السبب لا يتجاوز") and "characters" not in reason
    # the English page: the message as raised, in the singular for one
    shown = error_text(_context("en"), english, "at most %(limit)s characters", {"limit": limit})
    assert shown == (english if limit != 1 else "at most 1 character")


def test_a_refusal_names_the_role_and_the_action_in_arabic(make_client, built):
    client = make_client("viewer")
    r = client.get("/people/review?kind=missing&lang=ar")
    assert r.status_code == 403
    assert "دورك (مطّلع) لا يسمح برؤية المطابقات" in r.text and "غير مسموح" in r.text
    r = client.get("/missing?lang=ar")
    assert r.status_code == 403
    assert "دورك (مطّلع) لا يسمح بهذا: الاطلاع على البيانات المحمية" in r.text
    assert "your role" not in r.text and "see protected" not in r.text
    assert (
        client.get("/missing.json?lang=ar").json()["error"]["message"]
        == "your role (viewer) may not see protected"
    )


def test_every_action_a_role_may_be_refused_has_a_label():
    from tawthiq.app.roles import NEEDS
    from tawthiq.web._labels import LABELS

    assert {a.replace("_", " ") for a in NEEDS} - set(LABELS) == set()


def test_an_english_page_keeps_the_english_message(make_client):
    client = make_client()
    r = client.post(
        "/inquiry?lang=en", data={"csrf_token": csrf_of(client, "/inquiry"), "kind": "ask", "name": ""}
    )
    assert "<strong>name</strong>: please fill this in" in r.text


def test_the_inquiry_form_comes_back_with_what_the_family_wrote_but_not_their_contact(make_client, built):
    from tawthiq.store.missing import list_inquiries

    client = make_client()
    typed = {
        "kind": "register",
        "name": "سامر حداد",
        "age": "34",
        "sex": "m",
        "last_seen_date": "2016-12-12",
        "last_seen_place": "x" * 201,
        "circumstances": "خرج من حي الفردوس صباحاً ولم يعد",
        "contact": "+000 FAMILY-CONTACT 55",
    }
    r = client.post("/inquiry?lang=ar", data={"csrf_token": csrf_of(client, "/inquiry"), **typed})
    assert r.status_code == 400
    html = r.text
    assert '<form method="post" action="/inquiry" class="inquiry">' in html  # the form, not an error page
    assert "<strong>شوهد آخر مرة في</strong>: 200 حرف على الأكثر" in html
    assert 'value="سامر حداد"' in html and 'value="34"' in html and 'value="2016-12-12"' in html
    assert '<option value="m" selected>' in html and 'value="register" checked' in html
    assert ">خرج من حي الفردوس صباحاً ولم يعد</textarea>" in html
    assert 'name="last_seen_place" maxlength="200" dir="auto" value="' + "x" * 201 in html
    assert 'aria-invalid="true"' in html.split('name="last_seen_place"')[1].split(">")[0]
    assert "FAMILY-CONTACT" not in html  # protected: asked for again, never written back
    with built.ws.session() as s:
        assert list_inquiries(s) == []  # nothing stored from a refused form


def test_a_wrong_status_lists_the_accepted_statuses_by_their_arabic_labels(make_client):
    client = make_client("viewer")
    r = client.get("/claims?status=bogus&lang=ar")
    assert r.status_code == 400
    assert "يجب أن تكون الحالة واحدة من: الكل أو غير مراجَع أو مقبول أو مصحَّح أو مرفوض" in r.text
    assert "must be one of" not in r.text and "unreviewed" not in r.text
    r = client.get("/reports?status=bogus&lang=ar")
    assert "يجب أن تكون الحالة واحدة من: محفوظ أو فشل أو مكرر" in r.text and "stored" not in r.text
    # the English page and the JSON keep the values a URL takes
    en = client.get("/claims?status=bogus&lang=en").text
    assert "status must be one of all, unreviewed, accepted, corrected, rejected" in en
    assert client.get("/reports.json?status=bogus&lang=ar").json()["error"] == {
        "status": 400,
        "code": "bad_input",
        "message": "status must be one of stored, failed, duplicate",
        "field": "status",
    }


def test_a_wrong_grade_or_event_type_in_the_arabic_filter_reads_in_arabic_with_what_was_typed(
    make_client,
):
    client = make_client("viewer")
    r = client.get("/incidents?grade=bogus&lang=ar")
    assert r.status_code == 400
    assert "&#39;bogus&#39; ليست درجة تحقق؛ اختر واحدة من: مؤكدة أو مرجّحة" in r.text
    assert "is not a grade" not in r.text and "confirmed" not in r.text
    r = client.get("/incidents?type=bogus&lang=ar")
    assert "&#39;bogus&#39; ليس نوعاً من أنواع الأحداث" in r.text and "event type" not in r.text
    assert client.get("/incidents.json?grade=bogus").json()["error"]["message"] == (
        "'bogus' is not a grade; use one of confirmed, fair, weak, contested, discounted"
    )
    r = client.get("/people/review?kind=bogus&lang=ar")
    assert "يجب أن يكون النوع واحداً من: أزواج سجلات الأشخاص أو مفقود" in r.text
    assert "must be one of" not in r.text


def test_a_correction_with_an_unknown_event_type_is_refused_in_arabic_in_place(make_client, built):
    cid = built.claim_ids["execution"]
    client = make_client("reviewer")
    client.get(f"/claims/{cid}?lang=ar")
    form = {"csrf_token": csrf_of(client, f"/claims/{cid}"), "decision": "correct", "event_type": "bogus"}
    r = client.post(f"/claims/{cid}/review", data=form, headers={"HX-Request": "true"})
    assert r.status_code == 422
    assert "&#39;bogus&#39; ليس نوعاً من أنواع الأحداث" in r.text and "is not an event type" not in r.text
    form["event_type"], form["certainty"] = "", "bogus"
    r = client.post(f"/claims/{cid}/review", data=form, headers={"HX-Request": "true"})
    assert "&#39;bogus&#39; ليست درجة يقين" in r.text and "is not a certainty" not in r.text


def test_a_toll_past_the_limit_is_refused_with_the_limit_written_when_the_page_is(make_client, built):
    """The limit travels as a number and is written when the message is (Babel, the page's
    locale); given pre-formatted ("10,000,000", English grouping) no other language could write it."""
    from babel.numbers import format_decimal

    from tawthiq.web._errors import HTTPError
    from tawthiq.web.routers.claims import MAX_COUNT, _opt_int

    with pytest.raises(HTTPError) as refused:
        _opt_int(str(MAX_COUNT + 1), "fatalities_low")
    assert refused.value.params == {"limit": MAX_COUNT} and isinstance(refused.value.params["limit"], int)
    assert refused.value.message == "at most 10,000,000"  # the English message (JSON) as before

    cid = built.claim_ids["execution"]
    client = make_client("reviewer")
    for lang, shown in (
        ("ar", f"{format_decimal(MAX_COUNT, locale='ar_SY')} على الأكثر"),
        ("en", f"at most {format_decimal(MAX_COUNT, locale='en_GB')}"),
    ):
        client.get(f"/claims/{cid}?lang={lang}")
        form = {
            "csrf_token": csrf_of(client, f"/claims/{cid}"),
            "decision": "correct",
            "fatalities_low": str(MAX_COUNT * 2),
        }
        r = client.post(f"/claims/{cid}/review", data=form, headers={"HX-Request": "true"})
        assert r.status_code == 422 and shown in r.text, lang
