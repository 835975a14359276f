"""Rendering: one Jinja2 environment, the per-request context, and the HTML-or-JSON choice.

In: a request, a template name and its context; or data for a ``.json`` twin.
Out: an ``HTMLResponse`` (English or Arabic interface, ``dir`` set) or a ``JSONResponse``
(UTF-8, Arabic unescaped). Never: decides who may see what (routers and ``_data`` do).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pydantic import BaseModel

from tawthiq.entities import CERTAINTIES, EVENT_TYPES, REVIEW_STATUSES, Protected, is_web_address
from tawthiq.gazetteer import place_names

from ._auth import csrf_token_for, current_user
from ._estimate_reason import estimate_reason
from ._i18n import LANGUAGES, direction, pick_language, translations
from ._labels import (
    LABELS,
    as_recorded,
    command,
    credit,
    day,
    duration,
    error_text,
    field_label,
    label,
    language_name,
    overdue,
    percent,
    rationale,
    source_label,
    stratum,
    toll,
    toll_rule,
)
from ._roles import can
from ._timeline import TYPE_COLOURS

__all__ = [
    "GRADE_COLOURS",
    "JSONResponse",
    "fragment",
    "json_bytes",
    "language",
    "render",
    "template_env",
    "type_labels",
    "wants_json",
]

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Okabe & Ito's colour-blind-safe palette (blue, sky blue, orange, vermillion) and a grey; the
# map's cluster bubbles are white with a dark ring, a colour no grade has (issue 18).
GRADE_COLOURS = {
    "confirmed": "#0072b2",
    "fair": "#56b4e9",
    "weak": "#e69f00",
    "contested": "#d55e00",
    "discounted": "#6e7781",
}

_ARABIC = re.compile("[\u0600-\u06ff]")


def _is_arabic(text: Any) -> bool:
    return isinstance(text, str) and _ARABIC.search(text) is not None


def template_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        auto_reload=False,  # templates ship with the package: no stat() of every file per page
        autoescape=select_autoescape(["html", "svg"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["dir_of"] = lambda text: "rtl" if _is_arabic(text) else "auto"
    env.globals["place_names"] = place_names  # a place's English and Arabic name (not as written)
    env.tests["web_address"] = is_web_address  # a report's URL made a link only if http(s) (issue 15)
    env.globals["PROTECTED_MASK"] = Protected.MASK  # a header key naming a person: its value was never kept
    env.filters["label"] = label
    env.filters["toll"] = toll
    env.filters["error_text"] = error_text
    env.filters["field_label"] = field_label
    env.filters["day"] = day
    env.filters["language_name"] = language_name
    env.filters["duration"] = duration
    env.filters["overdue"] = overdue
    env.filters["percent"] = percent
    env.filters["rationale"] = rationale
    env.filters["estimate_reason"] = estimate_reason
    env.filters["source_label"] = source_label
    env.filters["stratum"] = stratum
    env.filters["as_recorded"] = as_recorded
    env.filters["toll_rule"] = toll_rule
    env.filters["command"] = command
    env.filters["credit"] = credit
    env.filters["page_query"] = lambda query, n: urlencode({**(query or {}), "page": n})
    env.globals.update(
        GRADE_COLOURS=GRADE_COLOURS,
        TYPE_COLOURS=TYPE_COLOURS,
        LANGUAGES=LANGUAGES,
        can=can,
        event_types=EVENT_TYPES,
        certainties=CERTAINTIES,
        review_statuses=REVIEW_STATUSES,
    )
    return env


def json_bytes(content: Any) -> bytes:
    """The web's one JSON encoding: Arabic as characters, not ``\\u`` escapes; dates as ISO text."""
    return json.dumps(content, ensure_ascii=False, default=str).encode("utf-8")


class JSONResponse(Response):
    """JSON with Arabic as characters, not ``\\u`` escapes."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json_bytes(content)


def _jsonable(data: Any) -> Any:
    if isinstance(data, BaseModel):
        return data.model_dump(mode="json")
    if isinstance(data, dict):
        return {k: _jsonable(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_jsonable(v) for v in data]
    return data


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json") or request.url.path.startswith("/api/")


def language(request: Request) -> str:
    settings = request.app.state.settings
    return pick_language(
        request.query_params.get("lang"), request.cookies.get("lang"), settings.default_language
    )


def render(
    request: Request, template: str, context: dict[str, Any], *, json_data: Any = None, status_code: int = 200
) -> Response:
    """The page, or its ``.json`` twin when the path ends in ``.json``.

    ``json_data`` may be a function of no arguments, so a page does not build its twin's data.
    """
    if wants_json(request):
        if callable(json_data):
            json_data = json_data()
        return JSONResponse(
            _jsonable(json_data if json_data is not None else context), status_code=status_code
        )
    ctx = {
        "request": request,
        "user": current_user(request),
        **_language_context(request),
        "csrf_token": csrf_token_for(request),
        **context,
    }
    html = _templates(request).get_template(template).render(ctx)
    return HTMLResponse(html, status_code=status_code)


def _templates(request: Request) -> Environment:
    return request.app.state.templates


def _language_context(request: Request) -> dict[str, Any]:
    """The request's language, its direction and its gettext functions, for a template."""
    lang = language(request)
    tr = translations(lang)
    return {"lang": lang, "dir": direction(lang), "_": tr.gettext, "ngettext": tr.ngettext}


def type_labels(request: Request, values: Iterable[str]) -> dict[str, str]:
    """Each value's label in the request's language (``web/_labels.py``), for text drawn in Python."""
    gettext = translations(language(request)).gettext
    return {v: gettext(LABELS[v]) if v in LABELS else v for v in values}


def fragment(request: Request, template: str, context: dict[str, Any]) -> Markup:
    """A part of a page rendered in the request's language only: no user, role or CSRF token.

    Such a part depends only on the data, its arguments and the language, so the web may keep
    it per data version (``data.versions.per_version``) and put it in any user's page.
    """
    ctx = {**_language_context(request), **context}
    return Markup(_templates(request).get_template(template).render(ctx))
