"""People in the database: imported lists, persons, the review queue and its decisions.

In: a session from ``Workspace.session`` and the people stage's entities (PersonRecord,
LinkResult, LinkedPair). Out: the same entities read back, and counts of what changed.
Never: links, parses or prints; never puts a name into an audit event (ids and counts only).

Re-importing a list updates its records in place by ``(list, record_id)``, so their primary
keys, and with them every review decision on them, survive; records missing from the new file
are kept (and counted), never deleted behind the user's back. Re-linking keeps a person's id
while its records stay together: which stored person a new cluster continues is the people
stage's rule (:func:`tawthiq.people.plan_persons`); this module only writes the plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from tawthiq.entities import LinkedPair, LinkResult, Person, PersonRecord
from tawthiq.errors import InputError
from tawthiq.store.audit import record_event
from tawthiq.store.session import chunks, is_row_id
from tawthiq.store.tables import (
    PersonListRow,
    PersonPairDecisionRow,
    PersonPairRow,
    PersonRecordLinkRow,
    PersonRecordRow,
    PersonRow,
)

__all__ = [
    "ImportCounts",
    "LinkCounts",
    "PersonList",
    "count_unlinked",
    "decide_pair",
    "load_labels",
    "load_lists",
    "load_persons",
    "load_records",
    "person_members",
    "record_from_row",
    "records_by_ids",
    "review_queue",
    "save_link_result",
    "save_list",
]

_VALUE_FIELDS = tuple(
    f for f in PersonRecord.model_fields
    if f not in ("id", "list_name", "record_id") and f in PersonRecordRow.__table__.c
)  # fmt: skip
DECISIONS = ("match", "non_match")


@dataclass(frozen=True)
class ImportCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_file: int = 0  # records of this list stored before and absent from this file (kept)


@dataclass(frozen=True)
class LinkCounts:
    records: int = 0
    persons: int = 0
    kept: int = 0  # persons whose id survived from the previous run
    new: int = 0
    removed: int = 0
    review: int = 0  # pairs waiting in the review queue


@dataclass(frozen=True)
class PersonList:
    name: str
    has_duplicates: bool
    records: int
    file_name: str | None
    imported_at: datetime


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# Records are read as plain column tuples, not ORM objects: five times faster on large lists.
_RECORD_FIELDS = tuple(f for f in PersonRecord.model_fields if f in PersonRecordRow.__table__.c)
_RECORD_COLUMNS = tuple(getattr(PersonRecordRow, f) for f in _RECORD_FIELDS)


def _record(row: Sequence[Any]) -> PersonRecord:
    return PersonRecord.model_validate(dict(zip(_RECORD_FIELDS, row, strict=True)))


def record_from_row(row: PersonRecordRow) -> PersonRecord:
    """A ``person_records`` row read as an ORM object (``store.missing``) as a PersonRecord: the
    same mapping as the column tuples this module reads (every PersonRecord field is a column)."""
    return _record(tuple(getattr(row, f) for f in _RECORD_FIELDS))


# ---------------------------------------------------------------- lists and records


def save_list(
    session: Session,
    list_name: str,
    records: Sequence[PersonRecord],
    *,
    has_duplicates: bool | None = None,
    file_name: str | None = None,
    sha256: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> ImportCounts:
    """Insert or update the list's records by ``record_id`` (one transaction: the caller's).

    ``has_duplicates=None`` keeps what the list said before (False for a new list).
    """
    if any(r.list_name != list_name for r in records):
        raise InputError(f"every record must belong to list {list_name!r}")
    lst = session.get(PersonListRow, list_name)
    if lst is None:
        lst = PersonListRow(name=list_name, has_duplicates=bool(has_duplicates), imported_at=_now())
        session.add(lst)
    elif has_duplicates is not None:
        lst.has_duplicates = has_duplicates
    lst.file_name, lst.sha256, lst.mapping, lst.imported_at = file_name, sha256, dict(mapping or {}), _now()

    cols = [getattr(PersonRecordRow, f) for f in _VALUE_FIELDS]
    stored = {
        row.record_id: row
        for row in session.execute(
            select(PersonRecordRow.id, PersonRecordRow.record_id, *cols).where(
                PersonRecordRow.list_name == list_name
            )
        )
    }
    inserts, updates, unchanged = [], [], 0
    for rec in records:
        values = rec.model_dump(include=set(_VALUE_FIELDS))
        old = stored.get(rec.record_id)
        if old is None:
            inserts.append({"list_name": list_name, "record_id": rec.record_id, **values})
        elif any(getattr(old, f) != v for f, v in values.items() if f != "row"):  # moved rows are unchanged
            updates.append({"id": old.id, **values})
        else:
            unchanged += 1
    if inserts:
        session.execute(insert(PersonRecordRow), inserts)
    if updates:
        session.execute(update(PersonRecordRow), updates)
    seen = {r.record_id for r in records}
    counts = ImportCounts(len(inserts), len(updates), unchanged, sum(1 for k in stored if k not in seen))
    record_event(
        session, "people.import", "person_list", list_name,
        after={"sha256": sha256, "records": len(records)},
        detail=f"inserted {counts.inserted}, updated {counts.updated}, unchanged {counts.unchanged}, "
        f"not in file {counts.not_in_file}",
    )  # fmt: skip
    return counts


def load_lists(session: Session) -> list[PersonList]:
    counted = select(PersonRecordRow.list_name, func.count()).group_by(PersonRecordRow.list_name)
    sizes: dict[str, int] = defaultdict(int, {name: n for name, n in session.execute(counted)})
    rows = session.scalars(select(PersonListRow).order_by(PersonListRow.name))
    return [PersonList(r.name, r.has_duplicates, sizes[r.name], r.file_name, r.imported_at) for r in rows]


def load_records(session: Session, lists: Iterable[str] | None = None) -> list[PersonRecord]:
    query = select(*_RECORD_COLUMNS).order_by(PersonRecordRow.id)
    if lists is not None:
        query = query.where(PersonRecordRow.list_name.in_(list(lists)))
    return [_record(r) for r in session.execute(query)]


def records_by_ids(session: Session, ids: Iterable[int]) -> dict[int, PersonRecord]:
    out: dict[int, PersonRecord] = {}
    for chunk in chunks(sorted({i for i in ids if is_row_id(i)})):
        for row in session.execute(select(*_RECORD_COLUMNS).where(PersonRecordRow.id.in_(chunk))):
            out[row.id] = _record(row)
    return out


# ---------------------------------------------------------------- linking


def person_members(session: Session) -> dict[int, list[int]]:
    """The stored persons as ``{person id: record ids}`` (what the next link inherits from)."""
    previous: dict[int, list[int]] = defaultdict(list)
    for pid, rid in session.execute(select(PersonRecordLinkRow.person_id, PersonRecordLinkRow.record_id)):
        previous[pid].append(rid)
    return previous


def save_link_result(
    session: Session, result: LinkResult, persons: Sequence[Person], *, records: int
) -> LinkCounts:
    """Replace persons and the review queue by ``result``.

    ``persons`` are the people stage's plan, one per cluster of ``result`` in its order
    (:func:`tawthiq.people.plan_persons`): a person with an ``id`` keeps that stored person's
    row (its status updated), one without gets a new row under its ``key``; stored persons
    nobody continues are deleted. ``records`` is how many records were linked (for the counts).
    """
    old_persons = set(session.scalars(select(PersonRow.id)))
    kept = {p.id for p in persons if p.id is not None}

    best: dict[int, float] = {}
    for p in result.matches:
        for rid in (p.a, p.b):
            best[rid] = max(best.get(rid, 0.0), p.probability)

    session.execute(delete(PersonRecordLinkRow))
    gone = sorted(old_persons - kept)
    for chunk in chunks(gone):
        session.execute(delete(PersonRow).where(PersonRow.id.in_(chunk)))
    keys = set(session.scalars(select(PersonRow.key)))
    new_rows, kept_rows = [], []
    for person in persons:
        if person.id is not None:
            kept_rows.append({"id": person.id, "status": person.status})
            continue
        key = person.key
        while key in keys:  # a member set seen before under a person since re-formed
            key += "x"
        keys.add(key)
        new_rows.append({"key": key, "status": person.status})
    if kept_rows:
        session.execute(update(PersonRow), kept_rows)
    returning = insert(PersonRow).returning(PersonRow.id, sort_by_parameter_order=True)
    new_ids = iter(session.scalars(returning, new_rows).all() if new_rows else ())
    person_ids = [p.id if p.id is not None else next(new_ids) for p in persons]
    links = [
        {"person_id": pid, "record_id": r, "match_probability": best.get(r)}
        for cluster, pid in zip(result.clusters, person_ids, strict=True)
        for r in cluster
    ]
    if links:
        session.execute(insert(PersonRecordLinkRow), links)

    session.execute(delete(PersonPairRow))
    queue = [
        {"record_a": p.a, "record_b": p.b, "probability": p.probability, "weight": p.weight,
         "weights": dict(p.weights), "reason": p.reason}
        for p in result.review
    ]  # fmt: skip
    if queue:
        session.execute(insert(PersonPairRow), queue)
    counts = LinkCounts(
        records=records, persons=len(result.clusters), kept=len(kept),
        new=len(result.clusters) - len(kept), removed=len(gone), review=len(queue),
    )  # fmt: skip
    record_event(
        session, "people.link", "persons", "all",
        detail=f"records {counts.records}, persons {counts.persons} (kept {counts.kept}, new {counts.new}, "
        f"removed {counts.removed}), review {counts.review}, backend {result.backend}",
    )  # fmt: skip
    return counts


def count_unlinked(session: Session) -> int:
    """Records in no person: imported since the last ``people link``."""
    linked = select(PersonRecordLinkRow.record_id)
    query = select(func.count()).select_from(PersonRecordRow).where(PersonRecordRow.id.not_in(linked))
    return session.scalar(query) or 0


def load_persons(session: Session) -> list[tuple[Person, list[PersonRecord]]]:
    """Every person with its records, persons by id, records by list then record id."""
    members: dict[int, list[PersonRecord]] = defaultdict(list)
    rows = session.execute(
        select(PersonRecordLinkRow.person_id, *_RECORD_COLUMNS).join(
            PersonRecordRow, PersonRecordRow.id == PersonRecordLinkRow.record_id
        )
    )
    for pid, *rec in rows:
        members[pid].append(_record(rec))
    out = []
    for row in session.scalars(select(PersonRow).order_by(PersonRow.id)):
        recs = sorted(members.get(row.id, []), key=lambda r: (r.list_name, r.record_id))
        person = Person(
            id=row.id, key=row.key, record_ids=tuple(r.id for r in recs if r.id), status=row.status
        )
        out.append((person, recs))
    return out


# ---------------------------------------------------------------- review


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def review_queue(session: Session) -> list[LinkedPair]:
    """Pairs in the review band without a decision, the most uncertain (closest to 0.5) first."""
    decided = set(session.execute(select(PersonPairDecisionRow.record_a, PersonPairDecisionRow.record_b)))
    pairs = [
        LinkedPair(a=r.record_a, b=r.record_b, probability=r.probability, weight=r.weight,
                   decision="review", weights=dict(r.weights or {}), reason=r.reason)
        for r in session.scalars(select(PersonPairRow))
        if (r.record_a, r.record_b) not in decided
    ]  # fmt: skip
    return sorted(pairs, key=lambda p: (abs(p.probability - 0.5), p.a, p.b))


def decide_pair(
    session: Session, a: int, b: int, decision: str, *, actor: str | None = None, reason: str | None = None
) -> str:
    """Store (or change) a reviewer's decision on a pair, audit-logged; used as a label by the next link.

    ``reason`` (why the reviewer decided so, as they wrote it; the web asks for one) goes into the
    ``people.review`` audit event. Returns the actor the decision was recorded for. What a
    decision means for a missing person is the people stage's rule, applied by
    ``tawthiq.app.people.decide_pair``.
    """
    if decision not in DECISIONS:
        raise InputError(f"{decision!r} is not a decision ({', '.join(DECISIONS)})", field="decision")
    a, b = _pair(a, b)
    if len(records_by_ids(session, (a, b))) != 2:
        raise InputError(f"no such pair of person records: {a}, {b}", field="pair")
    actor = actor or session.info.get("actor") or "cli"
    row = session.get(PersonPairDecisionRow, (a, b))
    before: dict[str, Any] | None = {"decision": row.decision} if row else None
    if row is None:
        session.add(PersonPairDecisionRow(record_a=a, record_b=b, decision=decision, actor=actor,
                                          decided_at=_now()))  # fmt: skip
    else:
        row.decision, row.actor, row.decided_at = decision, actor, _now()
    session.flush()
    record_event(session, "people.review", "person_pair", f"{a}-{b}", before=before,
                 after={"decision": decision}, detail=decision, actor=actor, reason=reason)  # fmt: skip
    return actor


def load_labels(session: Session) -> list[tuple[int, int, bool]]:
    """Every stored decision as a linkage label ``(a, b, is_match)``."""
    rows = session.execute(
        select(PersonPairDecisionRow.record_a, PersonPairDecisionRow.record_b, PersonPairDecisionRow.decision)
    )
    return [(a, b, d == "match") for a, b, d in rows]
