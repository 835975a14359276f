"""Custody of revealed values: a protected value shown on the web is an ``evidence.view`` event.

The traps: a value reaching a page without a deliberate request; a view left out of the audit
log; the value itself (or its tail) copied into the audit log; a viewer, a GET, a forged form or a
viewer's token revealing anything; a reveal without a reason, or with a reason the log loses.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tawthiq.entities import MissingNote, PersonRecord, Protected, Source

from .conftest import PLANTED_IDENTITY, PLANTED_SENDER, add_user, csrf_of

PLANTED_EMAIL = "planted-author@example.invalid"
PLANTED_PHONE = "+000 PLANTED-AUTHOR-PHONE"
PLANTED_FAMILY = "+000 PLANTED-FAMILY-7781"
PLANTED_SOURCE_CONTACT = "signal: PLANTED-SOURCE-CONTACT"
WHY = "calling back about the 14 December report"
PLANTED = (
    PLANTED_IDENTITY,
    PLANTED_SENDER,
    PLANTED_EMAIL,
    PLANTED_PHONE,
    PLANTED_FAMILY,
    PLANTED_SOURCE_CONTACT,
)


def _audit_text(ws) -> str:
    from tawthiq.store.tables import AuditEventRow

    with ws.session() as s:
        rows = s.query(AuditEventRow).all()
        return "\n".join(
            f"{r.actor} {r.action} {r.object_type} {r.object_id} {r.detail} {r.before_hash} {r.after_hash}"
            for r in rows
        )


def _views(ws, *, reason: str | None = WHY) -> list[tuple[str, str, str, str | None]]:
    """The evidence.view events (actor, object, id, detail); each must carry ``reason``."""
    from tawthiq.store import list_events

    with ws.session() as s:
        views = [e for e in list_events(s) if e.action == "evidence.view"]
    assert [e.reason for e in views] == [reason] * len(views)
    return [(e.actor, e.object_type, e.object_id, e.detail) for e in views]


def _reveal(client, path: str, *, page: str = "/incidents", reason: str | None = WHY, **headers):
    data = {"csrf_token": csrf_of(client, page)}
    if reason is not None:
        data["reason"] = reason
    return client.post(path, data=data, headers=headers)


def _chat_source_id(ws, report_id: int) -> int:
    from tawthiq.store import get_report

    with ws.session() as s:
        return get_report(s, report_id).source_id


def test_report_page_offers_reveal_to_documenters_only_and_shows_no_value(make_client, built):
    rid = built.report_ids["chat"]
    doc_html = make_client("documenter").get(f"/reports/{rid}").text
    assert f'action="/protected/report/{rid}/sender"' in doc_html
    assert f'action="/protected/source/{_chat_source_id(built.ws, rid)}/identity"' in doc_html
    for role in ("viewer", "reviewer"):
        assert "/protected/" not in make_client(role).get(f"/reports/{rid}").text
    assert not any(p in doc_html for p in PLANTED)
    assert _views(built.ws) == []  # showing the page revealed nothing, so recorded nothing


def test_revealing_a_sender_records_who_saw_which_field_and_never_the_value(make_client, built):
    from tawthiq.store import verify_chain

    rid = built.report_ids["chat"]
    doc = make_client("documenter")
    r = _reveal(doc, f"/protected/report/{rid}/sender", page=f"/reports/{rid}")
    assert r.status_code == 200 and PLANTED_SENDER in r.text
    assert r.headers["cache-control"] == "no-store"
    sid = _chat_source_id(built.ws, rid)
    r = _reveal(doc, f"/protected/source/{sid}/identity.json", page=f"/reports/{rid}")
    assert r.json() == {"object": "source", "id": sid, "field": "identity", "value": PLANTED_IDENTITY}

    assert _views(built.ws) == [
        ("documenter-user", "report", str(rid), "sender shown (web)"),
        ("documenter-user", "source", str(sid), "identity shown (web)"),
    ]
    audit = _audit_text(built.ws)
    assert not any(p in audit for p in PLANTED)
    assert not any(p[-8:] in audit for p in PLANTED)
    with built.ws.session() as s:
        assert verify_chain(s).ok


def test_htmx_reveal_swaps_only_the_value_in(make_client, built):
    rid = built.report_ids["chat"]
    doc = make_client("documenter")
    r = _reveal(doc, f"/protected/report/{rid}/sender", **{"HX-Request": "true"})
    assert r.text.strip().startswith('<span class="revealed"') and "<html" not in r.text
    assert PLANTED_SENDER in r.text


def test_nobody_else_reveals_anything_and_a_refusal_records_no_view(make_client, built):
    rid = built.report_ids["chat"]
    path = f"/protected/report/{rid}/sender"
    for role in ("viewer", "reviewer"):
        r = _reveal(make_client(role), path)
        assert r.status_code == 403 and PLANTED_SENDER not in r.text
    anonymous = make_client()
    r = anonymous.post(path, data={"csrf_token": csrf_of(anonymous, "/login")})
    assert r.status_code == 401
    doc = make_client("documenter")
    assert doc.get(path).status_code == 405  # a link or a prefetch cannot reveal
    r = doc.post(path, data={})  # no CSRF token: a forged form from another site
    assert r.status_code == 403
    assert PLANTED_SENDER not in r.text
    assert _reveal(doc, f"/protected/report/{rid}/password").status_code == 400
    assert _reveal(doc, "/protected/report/999999/sender").status_code == 400
    assert _views(built.ws) == []


def test_a_report_without_a_sender_reveals_nothing_and_records_nothing(make_client, built):
    doc = make_client("documenter")
    r = _reveal(doc, f"/protected/report/{built.report_ids['en']}/sender.json")
    assert r.status_code == 200 and r.json()["value"] is None
    assert _views(built.ws) == []


def test_api_reveal_by_token_is_recorded_as_api_and_refused_to_a_viewer_token(make_client, built):
    from tawthiq.store import tokens

    add_user(built.ws, "doc-api", "documenter")
    add_user(built.ws, "viewer-api", "viewer")
    with built.ws.session() as s:
        doc_token = tokens.create_token(s, "doc-api", "tests")
        viewer_token = tokens.create_token(s, "viewer-api", "tests")
    rid = built.report_ids["chat"]
    client = make_client()
    path = f"/api/v1/protected/report/{rid}/sender"
    r = client.post(path, json={"reason": WHY}, headers={"authorization": f"Bearer {viewer_token}"})
    assert r.status_code == 403 and PLANTED_SENDER not in r.text
    doc_auth = {"authorization": f"Bearer {doc_token}"}
    for body, status, code in (({}, 422, "invalid"), ({"reason": "  "}, 400, "bad_input")):
        r = client.post(path, json=body, headers=doc_auth)  # no reason: nothing decrypted
        assert r.status_code == status and r.json()["error"]["code"] == code
        assert r.json()["error"]["field"] == "reason" and PLANTED_SENDER not in r.text
    r = client.post(path, json={"reason": WHY}, headers=doc_auth)
    assert r.status_code == 200 and r.json()["value"] == PLANTED_SENDER
    assert _views(built.ws) == [("doc-api", "report", str(rid), "sender shown (api)")]
    assert "/api/v1/protected/{obj}/{record_id}/{field}" in client.get("/api/v1/openapi.json").json()["paths"]


@pytest.fixture
def protected_work(built):
    """A missing person's note with its author's e-mail and phone, a family's inquiry with a
    contact, and an overdue source with a protected identity and contact."""
    from tawthiq.store import get_or_create_source
    from tawthiq.store.missing import add_inquiry, save_missing
    from tawthiq.store.sources import set_checkin
    from tawthiq.store.tables import MissingNoteRow, SourceRow

    rec = PersonRecord(list_name="registry", record_id="R9", name_latin="Test Missing", status="missing")
    note = MissingNote(
        note_record_id="n9",
        status="believed_missing",
        author_name="a neighbour",
        author_email=Protected(PLANTED_EMAIL),
        author_phone=Protected(PLANTED_PHONE),
        source_date=datetime(2016, 12, 15, tzinfo=UTC),
        text="last seen at the crossing",
    )
    with built.ws.session(actor="test") as s:
        save_missing(s, "registry", [(rec, [note])])
        note_id = s.query(MissingNoteRow.id).filter_by(note_record_id="n9").scalar()
        inquiry, _ = add_inquiry(s, {"kind": "ask", "name": "Test Missing"}, PLANTED_FAMILY)
        src = get_or_create_source(
            s,
            Source(
                label="Silent contact 3",
                kind="individual",
                identity=Protected(PLANTED_IDENTITY + " 3"),
                contact=Protected(PLANTED_SOURCE_CONTACT),
            ),
        )
        set_checkin(s, src.id, 1)
        s.get(SourceRow, src.id).created_at = datetime.now(UTC) - timedelta(days=3)
    return {"note": note_id, "inquiry": inquiry.id, "source": src.id}


def test_every_protected_page_offers_reveal_and_each_view_is_recorded(make_client, built, protected_work):
    doc = make_client("documenter")
    pages = {
        "/missing": [
            ("missing_note", protected_work["note"], "author_email", PLANTED_EMAIL),
            ("missing_note", protected_work["note"], "author_phone", PLANTED_PHONE),
        ],
        "/missing/inquiries": [("inquiry", protected_work["inquiry"], "contact", PLANTED_FAMILY)],
        "/sources/overdue": [
            ("source", protected_work["source"], "identity", PLANTED_IDENTITY + " 3"),
            ("source", protected_work["source"], "contact", PLANTED_SOURCE_CONTACT),
        ],
    }
    expected = []
    for page, fields in pages.items():
        html = doc.get(page).text
        assert not any(p in html for p in PLANTED), page
        for obj, oid, field, value in fields:
            path = f"/protected/{obj}/{oid}/{field}"
            assert f'action="{path}"' in html, (page, path)
            r = _reveal(doc, path, page=page)
            assert r.status_code == 200 and value in r.text
            expected.append(("documenter-user", obj, str(oid), f"{field} shown (web)"))
        json_twin = doc.get(page + ".json").text
        assert not any(p in json_twin for p in PLANTED), page
    assert _views(built.ws) == expected
    assert not any(p in _audit_text(built.ws) for p in PLANTED)


def test_a_reveal_without_a_reason_is_refused_naming_the_field_and_decrypts_nothing(make_client, built):
    rid = built.report_ids["chat"]
    doc = make_client("documenter")
    html = doc.get(f"/reports/{rid}").text
    assert 'name="reason" required maxlength="300"' in html  # the browser asks before posting
    for reason in (None, "", "   ", "x" * 301):
        r = _reveal(doc, f"/protected/report/{rid}/sender.json", page=f"/reports/{rid}", reason=reason)
        assert r.status_code == 400, reason
        assert r.json()["error"]["field"] == "reason" and PLANTED_SENDER not in r.text
    r = _reveal(doc, f"/protected/report/{rid}/sender", page=f"/reports/{rid}", reason="")
    assert r.status_code == 400 and "reason" in r.text and PLANTED_SENDER not in r.text
    assert _views(built.ws) == []
    r = _reveal(doc, f"/protected/report/{rid}/sender.json", reason="  two\nlines  of reason ")
    assert r.status_code == 200
    assert _views(built.ws, reason="two lines of reason") == [
        ("documenter-user", "report", str(rid), "sender shown (web)")
    ]
