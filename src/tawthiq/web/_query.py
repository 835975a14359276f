"""Query-string parsing shared by pages and API: pagination and incident filters.

In: query parameters as strings. Out: :class:`Page` and :class:`~tawthiq.store.browse.IncidentFilter`.
Never: trusts a value: a bad date, grade, type or bbox is an :class:`HTTPError` naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Path, Request

from tawthiq.entities import EVENT_TYPES, GRADES
from tawthiq.store.browse import IncidentFilter

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
]

# The largest id a database row can have: the tables' ids are INTEGER, a signed 32-bit
# integer on PostgreSQL (SQLite would take 64 bits). A path id past it would fail when bound to
# a statement (issue 18: a 500 with OverflowError on SQLite past 2**63, "integer out of range"
# on PostgreSQL past 2**31); as a path parameter it fails validation, which the app answers 404.
MAX_ID = 2**31 - 1
# Far past any list's last page, and small enough that page x page_size stays a 64-bit offset.
MAX_PAGE = 10**9

RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description="A record's id.")]

_FAMILIES = {t.split(".", 1)[0] for t in EVENT_TYPES}


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
            "prev": self.number - 1 if self.number > 1 else None,
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


def _date(value: str | None, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPError(
            400, "bad_input", "%(value)r is not YYYY-MM-DD", field=field, params={"value": value}
        ) from None


def incident_filter(request: Request) -> IncidentFilter:
    q = request.query_params
    grade = q.get("grade") or None
    if grade and grade not in GRADES:
        raise HTTPError(
            400,
            "bad_input",
            "%(value)r is not a grade; use one of %(choices)s",
            field="grade",
            params={"value": grade, "choices": GRADES},
        )
    etype = q.get("type") or None
    if etype and etype not in EVENT_TYPES and etype not in _FAMILIES:
        raise HTTPError(
            400, "bad_input", "%(value)r is not an event type", field="type", params={"value": etype}
        )
    f = IncidentFilter(
        grade=grade,
        event_type=etype,
        place=(q.get("place") or "").strip() or None,
        date_from=_date(q.get("from"), "from"),
        date_to=_date(q.get("to"), "to"),
    )
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise HTTPError(400, "bad_input", "'from' is after 'to'", field="from")
    return f


def filter_query(f: IncidentFilter) -> dict[str, str]:
    """The filter as query parameters, for pagination links."""
    out = {
        "grade": f.grade,
        "type": f.event_type,
        "place": f.place,
        "from": f.date_from.isoformat() if f.date_from else None,
        "to": f.date_to.isoformat() if f.date_to else None,
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
