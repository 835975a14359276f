"""Capture histories of linked persons, for multiple systems estimation (issue 6).

In: a session on a workspace whose person lists have been imported (and, ideally, linked).
Out: a pandas DataFrame, one row per person, one 0/1 column per list (1 = one of the person's records
comes from that list) and, with ``by``, a ``stratum`` column. A record linked to no person counts as a
person of its own, seen on its list only. Never: writes, and never returns a name or any other field of a
record: only list membership and the stratum leave this module.

Strata: ``month`` is the month (YYYY-MM) of the earliest event date among the person's records;
``governorate`` and ``place`` the value ``place_stratum`` gives for the person's records' places (the
first that resolves), or the place as written when no function is passed; ``sex`` the sex the person's
records give (``m`` or ``f``; None when they disagree); ``age-group`` the value ``age_stratum`` gives for
the median of the ages the records give (the age itself when no function is passed). People whose
stratum cannot be told get ``None`` (the estimator counts them in an ``unknown`` stratum).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from statistics import median

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.errors import InputError
from tawthiq.store.tables import PersonRecordLinkRow, PersonRecordRow

__all__ = ["STRATA", "capture_histories"]

STRATA = ("month", "governorate", "place", "sex", "age-group")


def capture_histories(
    session: Session,
    by: str | None = None,
    *,
    lists: Iterable[str] | None = None,
    status: str | None = None,
    place_stratum: Callable[[str], str | None] | None = None,
    age_stratum: Callable[[float], str | None] | None = None,
) -> pd.DataFrame:
    """One row per person: 0/1 per list, plus ``stratum`` when ``by`` is one of :data:`STRATA`.

    ``lists`` restricts the lists used (others are ignored as if absent); ``status`` keeps only records
    with that status (e.g. ``killed``). Columns are the list names in alphabetical order.
    """
    if by is not None and by not in STRATA:
        raise InputError(f"cannot stratify by '{by}': use {' or '.join(STRATA)}", field="by")
    q = select(
        PersonRecordRow.id,
        PersonRecordRow.list_name,
        PersonRecordRow.event_date,
        PersonRecordRow.event_date_precision,
        PersonRecordRow.place,
        PersonRecordRow.sex,
        PersonRecordRow.age,
        PersonRecordLinkRow.person_id,
    ).outerjoin(PersonRecordLinkRow, PersonRecordLinkRow.record_id == PersonRecordRow.id)
    wanted = set(lists) if lists is not None else None
    if wanted is not None:
        q = q.where(PersonRecordRow.list_name.in_(sorted(wanted)))
    if status is not None:
        q = q.where(PersonRecordRow.status == status)
    people: dict[tuple[str, int], list] = defaultdict(list)
    names: set[str] = set()
    for rec_id, list_name, event_date, precision, place, sex, age, person_id in session.execute(q):
        key = ("p", person_id) if person_id is not None else ("r", rec_id)
        if precision == "year":  # "2016" says nothing of the month: no month stratum (issue 17)
            event_date = None
        people[key].append((list_name, event_date, place, sex, age))
        names.add(list_name)
    if wanted is not None:
        missing = sorted(wanted - names)
        if missing:
            raise InputError(f"no records on list(s) {', '.join(missing)}", field="lists")
    columns = sorted(names)
    rows = []
    for recs in people.values():
        row: dict[str, object] = dict.fromkeys(columns, 0)
        for list_name, *_ in recs:
            row[list_name] = 1
        if by == "month":
            dates = [r[1] for r in recs if r[1] is not None]
            row["stratum"] = min(dates).strftime("%Y-%m") if dates else None
        elif by in ("governorate", "place"):
            row["stratum"] = _place_stratum([r[2] for r in recs if r[2]], place_stratum)
        elif by == "sex":
            sexes = {r[3] for r in recs if r[3]}
            row["stratum"] = sexes.pop() if len(sexes) == 1 else None
        elif by == "age-group":
            ages = [r[4] for r in recs if r[4] is not None]
            middle = float(median(ages)) if ages else None
            row["stratum"] = (
                None if middle is None else (age_stratum(middle) if age_stratum else str(int(middle)))
            )
        rows.append(row)
    return pd.DataFrame(rows, columns=[*columns, *(["stratum"] if by else [])])


def _place_stratum(places: list[str], resolve: Callable[[str], str | None] | None) -> str | None:
    for p in places:
        value = resolve(p) if resolve is not None else p.strip()
        if value:
            return value
    return None
