"""Incidents: the filtered, paginated list and one incident with its evidence trail.

In: filters (grade, type, place, from, to) and page from the query; the override form.
Out: ``incidents.html``/``incident.html`` or their ``.json`` twins; an override (grade and a
reason, documenter or above) audit-logged with the user; without a reason the form comes back
in place with the message and the chosen grade (``web/_forms.py``). Never: hides the computed grade
behind an override: both are shown, with the override's reason.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from tawthiq.entities import EVENT_TYPES, GRADES
from tawthiq.store.users import User

from .._auth import require, verify_csrf
from .._errors import HTTPError
from .._forms import FORM_ERRORS, is_htmx, show_form_error
from .._inline import inline
from .._json import incident_json
from .._query import RecordId, filter_query, incident_filter, page_of
from .._render import JSONResponse, fragment, language, render, wants_json

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/incidents")
@router.get("/incidents.json")
@inline  # the index and per-version caches; the place filter goes to the pool (web/_inline.py)
def incident_list(request: Request, user: User = Depends(require("read"))) -> Response:
    f = incident_filter(request)
    page = page_of(request)
    data = request.app.state.data
    if wants_json(request):
        incidents, total = data.incidents.page(f, page.offset, page.size)
        meta = page.meta(total)
        items = [incident_json(i) for i in incidents]
        return JSONResponse({"items": items, **meta, "filters": filter_query(f)})

    def rows() -> tuple[Markup, int, Markup]:
        incidents, total = data.incidents.page_uncached(f, page.offset, page.size)
        filters = {"filters": f, "grades": GRADES, "event_types": EVENT_TYPES}
        return (
            fragment(request, "_incident_rows.html", {"incidents": incidents}),
            total,
            fragment(request, "_filters.html", filters),
        )

    # The rows and the filter form are the same for every user: kept per data version, filter,
    # page and language (the form, with its 20 options each labelled through the catalogue, was
    # a tenth of the page's CPU when rendered on every request, issue 18). The rest of the page
    # (user name, role, CSRF token) is rendered for this request.
    key = ("incident-rows", language(request), f, page)
    rows_html, total, filters_html = data.versions.per_version(key, rows)
    return render(
        request,
        "incidents.html",
        {
            "rows": rows_html,
            "filters_form": filters_html,
            "meta": page.meta(total),
            "filters": f,
            "query": filter_query(f),
            "grades": GRADES,
            "event_types": EVENT_TYPES,
        },
    )


@router.get("/incidents/{incident_id:int}")
@router.get("/incidents/{incident_id:int}.json")
@inline  # a few primary-key reads and one template
def incident_page(request: Request, incident_id: RecordId, user: User = Depends(require("read"))) -> Response:
    found = request.app.state.data.incidents.get(incident_id)
    if found is None:
        raise HTTPError(404, "not_found", "no incident %(id)s", params={"id": incident_id})
    incident, claims, reports = found
    return render(
        request,
        "incident.html",
        {"incident": incident, "claims": claims, "reports": reports, "grades": GRADES},
        json_data=lambda: incident_json(incident, claims, reports),
    )


@router.post("/incidents/{incident_id:int}/override", dependencies=[Depends(verify_csrf)])
def override(
    request: Request,
    incident_id: RecordId,
    grade: str = Form(...),
    reason: str = Form(""),
    user: User = Depends(require("override_grade")),
) -> Response:
    chosen = None if grade in ("", "none") else grade  # "none" clears the override
    try:
        if not reason.strip():
            raise HTTPError(400, "bad_input", "say why you override the grade", field="reason")
        request.app.state.data.incidents.override_grade(incident_id, chosen, reason, user)
    except FORM_ERRORS as exc:
        found = request.app.state.data.incidents.get(incident_id)
        if found is None:
            raise HTTPError(404, "not_found", "no incident %(id)s", params={"id": incident_id}) from None
        incident, claims, reports = found
        ctx = {
            "incident": incident,
            "claims": claims,
            "reports": reports,
            "grades": GRADES,
            "chosen": {"grade": grade, "reason": reason},
        }
        return show_form_error(request, exc, fragment="_override.html", page="incident.html", context=ctx)
    if is_htmx(request):  # the whole page changes (both grades, the reason): htmx loads it again
        return Response(status_code=204, headers={"HX-Redirect": f"/incidents/{incident_id}"})
    return RedirectResponse(f"/incidents/{incident_id}", status_code=303)
