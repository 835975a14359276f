"""The estimates page: the latest saved estimates of the workspace, each interval drawn as an SVG.

In: nothing but the login (``read``). Out: ``estimates.html`` with one section per saved run (what was
estimated, when, with which settings; per method a table of strata and total and the SVG interval
chart), or ``/estimates.json``: ``{"items": [saved run, …]}``, each run as saved by ``tawthiq estimate``
(``store.estimates``). Never: estimates anything itself (a run takes seconds to minutes; the CLI does it
and saves the result).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from tawthiq.app.estimate import saved_estimates
from tawthiq.store.users import User

from .._auth import require
from .._estimate_svg import interval_svg
from .._i18n import translations
from .._render import language, render

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/estimates")
@router.get("/estimates.json")
def estimates(request: Request, user: User = Depends(require("read"))) -> Response:
    runs = saved_estimates(request.app.state.workspace)
    gettext = translations(language(request)).gettext
    charts = {
        (r["file"], i): interval_svg(e, gettext=gettext)
        for r in runs
        if "estimates" in r
        for i, e in enumerate(r["estimates"])
    }
    return render(request, "estimates.html", {"runs": runs, "charts": charts}, json_data={"items": runs})
