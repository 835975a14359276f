"""Query-string parsing shared by pages and API: pagination and incident filters.

In: query parameters as strings. Out: :class:`Page` and :class:`~tawthiq.entities.IncidentFilter`
(the one query model of incident filters: which values it takes is its ``problem()``).
Never: trusts a value: a bad date, grade, type or bbox is an :class:`HTTPError` naming the field.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Annotated

from fastapi import Path, Request

from tawthiq.entities import GRADES, MAX_ID, IncidentFilter

from ._errors import HTTPError

__all__ = [
    "MAX_ID",
    "MAX_PAGE",
    "Page",
    "RecordId",
    "filter_query",
    "incident_filter",
    "page_of",
    "parse_bbox",
    "typed_date",
]

# A path id past entities.MAX_ID fails validation, which the app answers 404.
# Far past any list's last page, and small enough that page x page_size stays a 64-bit offset.
MAX_PAGE = 10**9

RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description="A record's id.")]

# The query parameter of each field of the query model (and back, for pagination links).
_PARAMS = {"grade": "grade", "event_type": "type", "place": "place", "date_from": "from", "date_to": "to"}


@dataclass(frozen=True)
class Page:
    number: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    def meta(self, total: int) -> dict[str, int | None]:
        last = max(1, -(-total // self.size))
        return {
            "page": self.number,
            "page_size": self.size,
            "total": total,
            "pages": last,
            "next": self.number + 1 if self.number < last else None,
            # Past the last page, "prev" is the last page: page 99 of 1 led to an empty page 98.
            "prev": min(self.number - 1, last) if self.number > 1 else None,
        }


def _int(value: str | None, field: str, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise HTTPError(
            400, "bad_input", "%(value)r is not a whole number", field=field, params={"value": value}
        ) from None


def page_of(request: Request) -> Page:
    settings = request.app.state.settings
    number = _int(request.query_params.get("page"), "page", 1)
    size = _int(request.query_params.get("page_size"), "page_size", settings.page_size)
    if number < 1:
        raise HTTPError(400, "bad_input", "pages start at 1", field="page")
    if number > MAX_PAGE:
        raise HTTPError(
            400, "bad_input", "page must be at most %(limit)s", field="page", params={"limit": MAX_PAGE}
        )
    if not 1 <= size <= settings.max_page_size:
        raise HTTPError(400, "bad_input", f"page_size must be 1..{settings.max_page_size}", field="page_size")
    return Page(number, size)


def typed_date(value: str) -> date:
    """A date as a person types it where the browser shows no date picker (the field is then a text
    box): ``YYYY-MM-DD`` in Latin or Arabic-Indic digits, as an Arabic phone keyboard writes them
    (``٢٠١٦-١٢-٣١``). :class:`ValueError` when it is no date."""
    latin = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in value.strip())
    return date.fromisoformat(latin)


def _date(value: str | None, field: str) -> date | None:
    if not value:
        return None
    try:
        return typed_date(value)
    except ValueError:
        raise HTTPError(
            400, "bad_input", "%(value)r is not YYYY-MM-DD", field=field, params={"value": value}
        ) from None


def _refuse(f: IncidentFilter) -> None:
    """An :class:`HTTPError` naming the query parameter of the query model's first problem."""
    field = f.problem()
    if field == "grade":
        raise HTTPError(
            400,
            "bad_input",
            "%(value)r is not a grade; use one of %(choices)s",
            field="grade",
            params={"value": f.grade, "choices": GRADES},
        )
    if field == "event_type":
        raise HTTPError(
            400, "bad_input", "%(value)r is not an event type", field="type", params={"value": f.event_type}
        )
    if field == "date_from":
        raise HTTPError(400, "bad_input", "'from' is after 'to'", field="from")


def incident_filter(request: Request) -> IncidentFilter:
    q = request.query_params
    f = IncidentFilter(
        grade=q.get("grade") or None,
        event_type=q.get("type") or None,
        place=(q.get("place") or "").strip() or None,
    )
    _refuse(f)  # grade and type first: a bad one is named before a bad date
    f = replace(f, date_from=_date(q.get("from"), "from"), date_to=_date(q.get("to"), "to"))
    _refuse(f)
    return f


def filter_query(f: IncidentFilter) -> dict[str, str]:
    """The filter as query parameters, for pagination links."""
    out = {
        _PARAMS[name]: value.isoformat() if isinstance(value, date) else value
        for name, value in vars(f).items()
    }
    return {k: v for k, v in out.items() if v}


def parse_bbox(value: str | None) -> tuple[float, float, float, float]:
    """``west,south,east,north`` in degrees."""
    if not value:
        raise HTTPError(400, "bad_input", "bbox is required: west,south,east,north", field="bbox")
    try:
        w, s, e, n = (float(x) for x in value.split(","))
    except ValueError:
        raise HTTPError(400, "bad_input", f"{value!r} is not west,south,east,north", field="bbox") from None
    if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
        raise HTTPError(400, "bad_input", "bbox corners out of range or crossed", field="bbox")
    return w, s, e, n
