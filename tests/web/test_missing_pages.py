"""The family inquiry form and the protected missing/sources pages (issue 8)."""

from __future__ import annotations

from datetime import UTC, datetime

from tawthiq.entities import MissingNote, PersonRecord

from .conftest import csrf_of

PLANTED_CONTACT = "+000 PLANTED-FAMILY-CONTACT"


def _register_missing(ws) -> None:
    from tawthiq.store.missing import save_missing

    rec = PersonRecord(
        list_name="registry", record_id="R1", name_latin="Hadi Planted-Missing", status="missing"
    )
    note = MissingNote(
        note_record_id="r1",
        status="believed_missing",
        author_name="doc",
        source_date=datetime(2016, 12, 15, tzinfo=UTC),
        text="crossed the line",
    )
    with ws.session(actor="test") as s:
        save_missing(s, "registry", [(rec, [note])])


def _ask(client, name: str, **extra):
    data = {"csrf_token": csrf_of(client, "/inquiry"), "kind": "ask", "name": name, **extra}
    return client.post("/inquiry", data=data)


def test_the_answer_is_the_same_whether_or_not_the_person_is_known(make_client, built):
    _register_missing(built.ws)
    client = make_client()
    known = _ask(client, "Hadi Planted-Missing")
    unknown = _ask(client, "Nobody Atall")
    assert known.status_code == unknown.status_code == 200
    strip = lambda html: html.split('<p class="ticket">')[0]  # noqa: E731 - the ticket differs, nothing else
    assert strip(known.text).replace("Hadi Planted-Missing", "") == strip(unknown.text).replace(
        "Nobody Atall", ""
    )
    assert "believed_missing" not in known.text and "crossed the line" not in known.text


def test_a_ticket_opens_its_own_inquiry_only_and_never_the_contact(make_client, built):
    client = make_client()
    r = _ask(client, "Rana Example", contact=PLANTED_CONTACT)
    ticket = r.text.split('<p class="ticket"><code>')[1].split("</code>")[0]
    _ask(client, "Other Family Person")
    mine = client.post(
        "/inquiry/status.json", data={"ticket": ticket, "csrf_token": csrf_of(client, "/inquiry")}
    )
    assert mine.json() == {"status": "open", "answer": None, "name": "Rana Example", "kind": "ask"}
    guess = client.post(
        "/inquiry/status.json", data={"ticket": "1", "csrf_token": csrf_of(client, "/inquiry")}
    )
    assert guess.json() == {"status": "unknown_ticket"}
    assert PLANTED_CONTACT not in mine.text


def test_the_form_is_rate_limited_so_it_cannot_be_used_to_enumerate(make_client):
    client = make_client()
    codes = [_ask(client, f"Person {i}").status_code for i in range(8)]
    assert codes[:5] == [200] * 5 and set(codes[5:]) == {429}
    token = csrf_of(client, "/inquiry")
    lookups = [
        client.post("/inquiry/status", data={"ticket": f"t{i}", "csrf_token": token}).status_code
        for i in range(25)
    ]
    assert 429 in lookups and lookups[0] == 200


def test_the_form_needs_its_csrf_token(make_client):
    client = make_client()
    r = client.post("/inquiry", data={"kind": "ask", "name": "X"})
    assert r.status_code == 403


def test_registry_inquiries_and_silent_sources_are_for_documenters_and_admins_only(make_client, built):
    _register_missing(built.ws)
    make_client()  # anonymous
    for role, expected in (("viewer", 403), ("reviewer", 403), ("documenter", 200), ("admin", 200)):
        client = make_client(role)
        for path in ("/missing.json", "/missing/inquiries.json", "/sources/overdue.json"):
            assert client.get(path).status_code == expected, (role, path)
    assert make_client().get("/missing.json").status_code == 401


def test_a_documenter_answers_and_takes_an_inquiry_into_the_registry(make_client, built):
    public = make_client()
    r = _ask(
        public,
        "Salma Example",
        kind="register",
        last_seen_place="Bustan al-Qasr crossing",
        contact=PLANTED_CONTACT,
    )
    ticket = r.text.split('<p class="ticket"><code>')[1].split("</code>")[0]
    doc = make_client("documenter")
    [inq] = doc.get("/missing/inquiries.json").json()["items"]
    assert PLANTED_CONTACT not in doc.get("/missing/inquiries.json").text
    token = csrf_of(doc, "/missing/inquiries")
    doc.post(
        f"/missing/inquiries/{inq['id']}/answer",
        data={"text": "We have registered her; we will write here.", "take_in": "1", "csrf_token": token},
    )
    [m] = [m for m in doc.get("/missing.json").json()["items"] if m["list"] == "family-inquiries"]
    assert m["status"] == "information_sought" and m["last_seen_place"] == "Bustan al-Qasr crossing"
    answer = public.post(
        "/inquiry/status.json", data={"ticket": ticket, "csrf_token": csrf_of(public, "/inquiry")}
    )
    assert answer.json()["answer"] == "We have registered her; we will write here."


def test_the_silent_sources_page_says_since_when_for_a_source_silent_for_years(make_client, built):
    from datetime import timedelta

    from tawthiq.app.sources import log_contact, set_checkin
    from tawthiq.entities import Source
    from tawthiq.store import get_or_create_source

    with built.ws.session(actor="test") as s:
        old = get_or_create_source(s, Source(label="Silent since 2016", kind="individual")).id
        recent = get_or_create_source(s, Source(label="Silent since Tuesday", kind="individual")).id
    for source_id in (old, recent):
        set_checkin(built.ws, source_id, 1)
    log_contact(built.ws, old, datetime(2016, 12, 14, 10, tzinfo=UTC))
    log_contact(built.ws, recent, datetime.now(UTC) - timedelta(hours=87))
    client = make_client("documenter")

    def overdue_cell(html: str, label: str) -> str:
        row = html.split(label)[1].split("</tr>")[0]
        return row.split("data-hours=")[1].split(">", 1)[1].split("</td>")[0]

    en = client.get("/sources/overdue?lang=en").text
    assert overdue_cell(en, "Silent since 2016") == "since 15 December 2016"
    assert overdue_cell(en, "Silent since Tuesday") == "2 days 15 h"
    ar = client.get("/sources/overdue?lang=ar").text
    assert overdue_cell(ar, "Silent since 2016") == "منذ 15 كانون الأول 2016"
    assert overdue_cell(ar, "Silent since Tuesday") == "يومان 15 ساعة"
