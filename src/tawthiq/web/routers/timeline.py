"""The timeline: incidents per day by type, an SVG drawn on the server.

In: the incident filters. Out: ``timeline.html`` with the SVG, or the counts as JSON
(``[{"day", "event_type", "count"}]``). Never: needs JavaScript to draw.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from tawthiq.entities import EVENT_TYPES, GRADES
from tawthiq.store.users import User

from .._auth import require
from .._i18n import translations
from .._inline import inline
from .._labels import short_day
from .._query import filter_query, incident_filter
from .._render import language, render, type_labels
from .._timeline import timeline_svg

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/timeline")
@router.get("/timeline.json")
@inline  # counts per day from the index; the place filter goes to the pool
def timeline(request: Request, user: User = Depends(require("read"))) -> Response:
    f = incident_filter(request)
    counts = request.app.state.data.incidents.timeline(f)
    rows = [{"day": d.isoformat(), "event_type": t, "count": n} for (d, t), n in sorted(counts.items())]
    return render(
        request,
        "timeline.html",
        {
            "svg": timeline_svg(
                counts,
                labels=type_labels(request, {t for _, t in counts}),
                gettext=translations(language(request)).gettext,
                day=lambda d: short_day(language(request), d),
            ),
            "filters": f,
            "query": filter_query(f),
            "grades": GRADES,
            "event_types": EVENT_TYPES,
            "total": sum(counts.values()),
        },
        json_data={"items": rows, "filters": filter_query(f)},
    )
