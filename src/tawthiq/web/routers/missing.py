"""Families and the missing: the public inquiry form, the missing-persons registry, silent sources.

Public (no login): ``/inquiry`` lets a relative register a missing person or ask about one with
minimal data, and ``/inquiry/status`` shows the answer to the holder of the inquiry's ticket.
The public side never says whether anybody matching exists — every submission gets the same
answer, a ticket — so it cannot be used to enumerate records; it is rate limited per client
(no CAPTCHA: nothing is sent to a third party) and a ticket opens one inquiry and nothing else.

Documenters and admins: ``/missing`` (the registry with derived status), ``/missing/inquiries``
(the inquiries queue: answer, or take into the registry) and ``/sources/overdue`` (protected
sources that went silent, urgent first). Every write is audit-logged with the user. Protected
values (a note author's e-mail or phone, a family's contact, a source's identity or contact) are
never on these pages: a Reveal button asks ``routers/protected.py``, which records the view.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from tawthiq.store.users import User

from .._auth import require, verify_csrf
from .._errors import HTTPError
from .._forms import show_form_error
from .._query import RecordId, typed_date
from .._render import render
from .._throttle import client_key

router = APIRouter(tags=["missing"], include_in_schema=False)

# Per client: at most this many inquiry submissions, and ticket look-ups, per window.
SUBMIT_LIMIT, LOOKUP_LIMIT, WINDOW_SECONDS = 5, 20, 3600
_MAX = {"name": 200, "place": 200, "circumstances": 2000, "contact": 200}


class RateLimiter:
    """Sliding-window counter per client key (a hash of the address: addresses are not kept).

    Hand-written: the app runs as one process on a laptop or one server, and a dependency with
    a backing store (Redis) would be a service to start, against the project's rule.
    """

    def __init__(self) -> None:
        self._hits: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, bucket: str, key: str, limit: int, window: float = WINDOW_SECONDS) -> bool:
        now = time.monotonic()
        with self._lock:
            hits = self._hits[(bucket, key)]
            while hits and hits[0] <= now - window:
                hits.popleft()
            if len(hits) >= limit:
                return False
            hits.append(now)
            return True


def _limiter(request: Request) -> RateLimiter:
    state = request.app.state
    if not hasattr(state, "inquiry_limiter"):
        state.inquiry_limiter = RateLimiter()
    return state.inquiry_limiter


def _client(request: Request) -> str:
    """The connection's peer, or a configured proxy's ``X-Forwarded-For`` (``trusted_proxies``)."""
    return client_key(request.client.host if request.client else None)


def _check_rate(request: Request, bucket: str, limit: int) -> None:
    if not _limiter(request).allow(bucket, _client(request), limit):
        raise HTTPError(429, "rate_limited", "too many requests from this connection; please try again later")


def _text(value: str | None, field: str, limit: int, *, required: bool = False) -> str | None:
    value = (value or "").strip()
    if required and not value:
        raise HTTPError(400, "bad_input", "please fill this in", field=field)
    if len(value) > limit:
        raise HTTPError(
            400, "bad_input", "at most %(limit)s characters", field=field, params={"limit": limit}
        )
    return value or None


def _inquiry_fields(typed: dict[str, str | None], contact: str | None) -> tuple[dict, str | None]:
    """The inquiry's fields, checked, and its contact; an :class:`HTTPError` naming the field."""
    kind = typed["kind"]
    name, age, sex = typed["name"], typed["age"], typed["sex"]
    last_seen_date, last_seen_place = typed["last_seen_date"], typed["last_seen_place"]
    circumstances = typed["circumstances"]
    if kind not in ("ask", "register"):
        raise HTTPError(400, "bad_input", "kind must be ask or register", field="kind")
    fields: dict = {"kind": kind, "name": _text(name, "name", _MAX["name"], required=True)}
    if age:
        if not age.strip().isdigit() or int(age) > 120:
            raise HTTPError(400, "bad_input", "a whole number of years", field="age")
        fields["age"] = int(age)
    if sex:
        if sex not in ("m", "f"):
            raise HTTPError(400, "bad_input", "m or f", field="sex")
        fields["sex"] = sex
    if last_seen_date:
        try:
            fields["last_seen_date"] = typed_date(last_seen_date)
        except ValueError:
            raise HTTPError(400, "bad_input", "a date YYYY-MM-DD", field="last_seen_date") from None
    fields["last_seen_place"] = _text(last_seen_place, "last_seen_place", _MAX["place"])
    fields["circumstances"] = _text(circumstances, "circumstances", _MAX["circumstances"])
    contact_value = _text(contact, "contact", _MAX["contact"])
    return fields, contact_value


# ---------------------------------------------------------------- public


@router.get("/inquiry")
def inquiry_form(request: Request) -> Response:
    return render(request, "inquiry.html", {"done": None})


@router.post("/inquiry", dependencies=[Depends(verify_csrf)])
@router.post("/inquiry.json", dependencies=[Depends(verify_csrf)])
def inquiry_submit(
    request: Request,
    kind: str = Form("ask"),
    name: str = Form(""),
    age: str | None = Form(None),
    sex: str | None = Form(None),
    last_seen_date: str | None = Form(None),
    last_seen_place: str | None = Form(None),
    circumstances: str | None = Form(None),
    contact: str | None = Form(None),
) -> Response:
    _check_rate(request, "submit", SUBMIT_LIMIT)
    typed = {
        "kind": kind,
        "name": name,
        "age": age,
        "sex": sex,
        "last_seen_date": last_seen_date,
        "last_seen_place": last_seen_place,
        "circumstances": circumstances,
    }
    try:
        fields, contact_value = _inquiry_fields(typed, contact)
    except HTTPError as exc:
        # the form again, in place, with the message and what the family typed (the contact is
        # not written back into the page: it is protected, so it is asked for again)
        return show_form_error(
            request,
            exc,
            fragment="inquiry.html",
            page="inquiry.html",
            context={"done": None, "values": typed},
        )
    from tawthiq.app.missing import submit_inquiry

    ticket = submit_inquiry(request.app.state.workspace, fields, contact_value)
    # The same answer whoever is asked about: nothing here says whether a record exists.
    return render(
        request, "inquiry.html", {"done": ticket}, json_data={"ticket": ticket, "status": "received"}
    )


@router.get("/inquiry/status")
def inquiry_status_form(request: Request) -> Response:
    return render(request, "inquiry_status.html", {"inquiry": None, "asked": False})


@router.post("/inquiry/status", dependencies=[Depends(verify_csrf)])
@router.post("/inquiry/status.json", dependencies=[Depends(verify_csrf)])
def inquiry_status(request: Request, ticket: str = Form("")) -> Response:
    _check_rate(request, "lookup", LOOKUP_LIMIT)
    from tawthiq.app.missing import find_inquiry

    found = find_inquiry(request.app.state.workspace, ticket[:100]) if ticket.strip() else None
    # Only what the family itself sent, and the documenters' answer: no record, no other inquiry.
    shown = None
    if found is not None:
        shown = {"status": found.status, "answer": found.answer, "name": found.name, "kind": found.kind}
    return render(
        request,
        "inquiry_status.html",
        {"inquiry": shown, "asked": True},
        json_data=shown or {"status": "unknown_ticket"},
    )


# ---------------------------------------------------------------- documenters and admins


@router.get("/missing")
@router.get("/missing.json")
def missing_registry(request: Request, user: User = Depends(require("see_protected"))) -> Response:
    from tawthiq.app.missing import registry

    found = registry(request.app.state.workspace, actor=user.name)
    people, emails, phones = found.persons, found.note_emails, found.note_phones
    items = [
        {
            "record": m.record.id,
            "list": m.record.list_name,
            "record_id": m.record.record_id,
            "name": m.record.name_ar or m.record.name_latin,
            # both, for the page to put the interface language's first (templates/_names.html)
            "name_ar": m.record.name_ar,
            "name_latin": m.record.name_latin,
            "status": m.status,
            # last seen, else the list's date and place (issue 18: the column was empty)
            "last_seen_date": m.last_seen_date,
            "last_seen_place": m.last_seen_place,
            "circumstances": m.record.circumstances,
            "listed": {
                "list": m.record.list_name,
                "record_id": m.record.record_id,
                "date": m.record.event_date,
                "place": m.record.place,
            },
            "notes": [
                {
                    **n.shown_json(),
                    "has_author_email": n.id in emails,
                    "has_author_phone": n.id in phones,
                }
                for n in m.notes
            ],
        }
        for m in people
    ]
    return render(request, "missing.html", {"items": items}, json_data={"items": items})


@router.get("/missing/inquiries")
@router.get("/missing/inquiries.json")
def inquiries(request: Request, user: User = Depends(require("see_protected"))) -> Response:
    from tawthiq.app.missing import list_inquiries

    rows, contacts = list_inquiries(request.app.state.workspace, actor=user.name)
    items = [{**vars(r), "has_contact": r.id in contacts} for r in rows]
    return render(request, "inquiries.html", {"items": items}, json_data={"items": items})


@router.post("/missing/inquiries/{inquiry_id:int}/answer", dependencies=[Depends(verify_csrf)])
def answer(
    request: Request,
    inquiry_id: RecordId,
    text: str = Form(""),
    take_in: str | None = Form(None),
    user: User = Depends(require("see_protected")),
) -> Response:
    from tawthiq.app.missing import answer_inquiry

    body = _text(text, "text", 2000)
    answer_inquiry(request.app.state.workspace, inquiry_id, body, take_in=bool(take_in), actor=user.name)
    return RedirectResponse("/missing/inquiries", status_code=303)


@router.get("/sources/overdue")
@router.get("/sources/overdue.json")
def overdue(request: Request, user: User = Depends(require("see_protected"))) -> Response:
    from tawthiq.app.sources import overdue_held

    rows, identities, contacts = overdue_held(request.app.state.workspace, datetime.now(UTC), actor=user.name)
    items = [
        {
            **r.model_dump(mode="json"),
            "has_identity": r.source_id in identities,
            "has_contact": r.source_id in contacts,
        }
        for r in rows
    ]
    return render(request, "sources_overdue.html", {"items": items}, json_data={"items": items})
