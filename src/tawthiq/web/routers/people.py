"""People search and person-pair review (workspace users only).

In: ``q`` for the search; the review form (pair, decision, reason, CSRF token) for a decision.
Out: ``people.html`` or ``.json``: matching person records with list, status, date and place;
``people_review.html`` or ``.json``: the pairs waiting for a reviewer, both records side by side
with the match weights, as ``tawthiq people review`` shows them. A decision goes through
``app.people.decide_pair`` (the CLI's function) and is audit-logged with the user and the reason.
Never: open to the public view (the family inquiry is its own router, with its own rules), logs
the query (it is a name), shows a national id or address (only whether two records agree), or
shows a missing person's matches to anyone below documenter.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from tawthiq.entities import LinkedPair, PersonRecord
from tawthiq.people import names_as_written
from tawthiq.store.users import User

from .._auth import require, verify_csrf
from .._errors import HTTPError
from .._forms import FORM_ERRORS, is_htmx, show_form_error
from .._query import MAX_ID, page_of
from .._render import JSONResponse, render, wants_json
from .._roles import can

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/people")
@router.get("/people.json")
def people(request: Request, q: str = "", user: User = Depends(require("read"))) -> Response:
    q = q.strip()[:200]
    results = request.app.state.data.people.search(q) if q else []
    items = [
        {
            **r.model_dump(
                mode="json",
                include={
                    "id",
                    "list_name",
                    "record_id",
                    "name_ar",
                    "name_latin",
                    "sex",
                    "age",
                    "event_date",
                    "place",
                    "status",
                },
            ),
            "score": s,
        }
        for r, s in results
    ]
    return render(request, "people.html", {"q": q, "results": results}, json_data={"q": q, "items": items})


# ---------------------------------------------------------------- person-pair review

_KINDS = ("pairs", "missing")
_PAIR_DECISIONS = ("match", "non_match")
_REASON_MAX = 300
# Shown side by side, as `tawthiq people review` does. National ids and addresses are strong
# evidence but sensitive: the page says whether the two records agree, never the values.
_SHOWN = (
    "list_name", "record_id", "name_ar", "name_latin", "given_name", "father_name", "grandfather_name",
    "family_name", "sex", "age", "birth_date", "event_date", "place", "status", "last_seen_date",
    "last_seen_place",
)  # fmt: skip
_COMPARED_ONLY = ("national_id", "address")
_DATES = ("birth_date", "event_date", "last_seen_date")


def _kind(request: Request, user: User, kind: str) -> str:
    if kind not in _KINDS:
        raise HTTPError(
            400, "bad_input", "kind must be one of %(choices)s", field="kind", params={"choices": _KINDS}
        )
    if kind == "missing" and not can(user.role, "see_protected"):
        raise HTTPError(
            403,
            "forbidden",
            "your role (%(role)s) may not see missing-person matches",
            params={"role": user.role},
        )
    return kind


def pair_view(pair: LinkedPair, a: PersonRecord, b: PersonRecord) -> dict[str, Any]:
    """One pair as the page and its ``.json`` twin show it: both records field by field, whether
    they agree, and the match weights (log2 Bayes factors) strongest first. Names are shown as the
    lists wrote them (``names_as_written``), not as linkage's normalised tokens."""
    a, b = names_as_written(a), names_as_written(b)
    # Dates as the JSON of the record writes them, at their precision: a list's "12/2016" is
    # "2016-12", never the first of the month ("1 December 2016" on the page, "2016-12-01" in the
    # .json: a day nobody gave; session-24 walk). The page writes them with the ``day`` filter.
    json_a, json_b = a.model_dump(mode="json"), b.model_dump(mode="json")
    fields = []
    for f in _SHOWN:
        va, vb = (json_a[f], json_b[f]) if f in _DATES else (getattr(a, f), getattr(b, f))
        if va is None and vb is None:
            continue
        fields.append({"field": f, "a": va, "b": vb, "same": va == vb})
    for f in _COMPARED_ONLY:
        va, vb = getattr(a, f), getattr(b, f)
        if va is None and vb is None:
            continue
        same = None if va is None or vb is None else va == vb
        fields.append({"field": f, "a": "given" if va else None, "b": "given" if vb else None, "same": same})
    weights = sorted(pair.weights.items(), key=lambda kv: -abs(kv[1]))
    return {
        "a": a.id,
        "b": b.id,
        "probability": round(pair.probability, 4),
        "weight": round(pair.weight, 3),
        "reason": pair.reason,
        "weights": [{"comparison": k, "weight": round(v, 3)} for k, v in weights],
        "fields": fields,
    }


def _review_context(request: Request, user: User, kind: str) -> dict[str, Any]:
    from tawthiq.app.people import review_page

    page = page_of(request)
    pairs, recs, total = review_page(
        request.app.state.workspace, missing=kind == "missing", offset=page.offset, limit=page.size
    )
    meta = page.meta(total)
    return {
        "kind": kind,
        "pairs": [pair_view(p, recs[p.a], recs[p.b]) for p in pairs],
        "meta": meta,
        "query": {"kind": kind},
        "may_decide": can(user.role, "review_pair"),
        "may_see_missing": can(user.role, "see_protected"),
    }


@router.get("/people/review")
@router.get("/people/review.json")
def pair_review(request: Request, kind: str = "pairs", user: User = Depends(require("read"))) -> Response:
    ctx = _review_context(request, user, _kind(request, user, kind))
    return render(
        request,
        "people_review.html",
        ctx,
        json_data={"kind": ctx["kind"], "items": ctx["pairs"], **ctx["meta"]},
    )


def _reason(value: str) -> str:
    reason = " ".join(value.split())
    if not reason:
        raise HTTPError(400, "bad_input", "say why you decided so", field="reason")
    if len(reason) > _REASON_MAX:
        raise HTTPError(
            400,
            "bad_input",
            "a reason has at most %(limit)s characters",
            field="reason",
            params={"limit": _REASON_MAX},
        )
    return reason


@router.post("/people/review/decide", dependencies=[Depends(verify_csrf)])
@router.post("/people/review/decide.json", dependencies=[Depends(verify_csrf)])
def decide(
    request: Request,
    a: int = Form(..., ge=1, le=MAX_ID),
    b: int = Form(..., ge=1, le=MAX_ID),
    decision: str = Form(""),
    reason: str = Form(""),
    kind: str = Form("pairs"),
    user: User = Depends(require("review_pair")),
) -> Response:
    """Record a decision on a pair with its reason (``app.people.decide_pair``, as the CLI):
    audit-logged as ``people.review`` with the user and the reason; the next ``people link`` uses it."""
    from tawthiq.app.people import decide_pair, records

    kind = _kind(request, user, kind)
    ws = request.app.state.workspace
    recs = records(ws, (a, b))
    if a == b or len(recs) != 2:
        raise HTTPError(404, "not_found", "no pair of person records %(a)s, %(b)s", params={"a": a, "b": b})
    if any(r.status == "missing" for r in recs.values()) and not can(user.role, "see_protected"):
        raise HTTPError(
            403,
            "forbidden",
            "your role (%(role)s) may not decide on a missing person",
            params={"role": user.role},
        )
    chosen = {"a": a, "b": b, "decision": decision, "reason": reason}
    try:
        if decision not in _PAIR_DECISIONS:
            raise HTTPError(400, "bad_input", "choose match or no match", field="decision")
        clean = _reason(reason)
        with ws.session(actor=user.name) as s:
            decide_pair(s, a, b, decision, actor=user.name, reason=clean)
    except FORM_ERRORS as exc:
        from tawthiq.app.people import review_queue

        queue, qrecs = review_queue(ws)
        pair = next((p for p in queue if {p.a, p.b} == {a, b}), None)
        view = pair_view(pair, qrecs[pair.a], qrecs[pair.b]) if pair else None
        page_ctx = _review_context(request, user, kind)
        return show_form_error(
            request,
            exc,
            fragment="_pair.html",
            page="people_review.html",
            context={**page_ctx, "pair": view, "chosen": chosen, "may_decide": True},
        )
    done = {"a": a, "b": b, "decision": decision, "reason": clean}
    if wants_json(request):
        return JSONResponse(done)
    if is_htmx(request):
        return render(request, "_pair_decided.html", done)
    return RedirectResponse(f"/people/review?kind={kind}", status_code=303)
