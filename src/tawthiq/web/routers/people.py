"""People search (workspace users only): Arabic and Latin, tolerant of spelling.

In: ``q``. Out: ``people.html`` or ``.json``: matching person records with list, status,
date and place. Never: open to the public view (the family inquiry is its own router, with its
own rules), nor logs the query (it is a name).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from tawthiq.store.users import User

from .._auth import require
from .._render import render

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/people")
@router.get("/people.json")
def people(request: Request, q: str = "", user: User = Depends(require("read"))) -> Response:
    q = q.strip()[:200]
    results = request.app.state.data.search_people(q) if q else []
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
