"""Claims of a report dated only to a month or a year (issue 17 item 5). Pure.

In: a report's text, the first day of the period it is dated to, the period's precision
(``month``, ``year``) and its title. Out: the claims :func:`extract_claims` finds, each with a time
no more precise than what is known. Never: invents a day the report does not give.

A relative time ("yesterday", "on Monday", a claim with no time that takes the report's date) is
resolved against a date the report does not give. So the text is read against the first and the
last day of the period: a claim whose time is the same both ways (an absolute "12 December 2016")
keeps it; one whose time moves with the anchor gets the union of the two readings at the period's
precision (``2016-12``, ``month``). When the two readings do not even find the same claims, the
report is read as undated (relative times unknown), as a report with no date is.
"""

from __future__ import annotations

from datetime import date, timedelta

from tawthiq.entities import Claim, DatePrecision, TimeSpan
from tawthiq.extract._claims import extract_claims

__all__ = ["extract_claims_in_period", "period_end"]


def period_end(start: date, precision: DatePrecision) -> date:
    """The last day of the month or year that starts on ``start`` (``start`` itself for a day)."""
    if precision == "year":
        return date(start.year, 12, 31)
    if precision == "month":
        first_next = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return first_next - timedelta(days=1)
    return start


def extract_claims_in_period(
    text: str,
    start: date | None,
    precision: DatePrecision | None,
    title: str | None = None,
    *,
    outlet: str | None = None,
) -> list[Claim]:
    """:func:`extract_claims` for a report dated to ``start``'s month or year (see the module)."""
    if start is None or precision in (None, "day"):
        return extract_claims(text, start, title=title, outlet=outlet)
    assert precision is not None
    first = extract_claims(text, start, title=title, outlet=outlet)
    last = extract_claims(text, period_end(start, precision), title=title, outlet=outlet)
    if len(first) != len(last) or any(a.span != b.span for a, b in zip(first, last, strict=True)):
        return extract_claims(text, None, title=title, outlet=outlet)
    out = []
    for a, b in zip(first, last, strict=True):
        if a.time == b.time:
            out.append(a)
            continue
        starts = [d for d in (a.time.start, b.time.start) if d is not None]
        ends = [d for d in (a.time.end, b.time.end) if d is not None]
        span = TimeSpan(start=min(starts, default=None), end=max(ends, default=None), precision=precision)
        out.append(a.model_copy(update={"time": span}))
    return out
