"""Use cases of the people stage: store a list, link the lists into persons, review pairs, read persons.

In: a workspace or a session (``Workspace.session``) and what the caller parsed. Out: the
store's counts, persons and pairs.
Never: prints; never decides which stored person a cluster continues (``people.plan_persons``)
or what a confirmed match means for a missing person (``people.missing``): it asks the stage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from tawthiq.entities import LinkedPair, LinkResult, MissingNote, Person, PersonRecord
from tawthiq.errors import InputError
from tawthiq.store import Workspace
from tawthiq.store import missing as missing_store
from tawthiq.store import people as people_store
from tawthiq.store.people import ImportCounts, LinkCounts

__all__ = [
    "Linked",
    "apply_match_decision",
    "decide_pair",
    "import_list",
    "link",
    "load_persons",
    "records",
    "review_page",
    "review_queue",
    "save_link_result",
]


def import_list(
    ws: Workspace,
    list_name: str,
    records: Sequence[PersonRecord],
    *,
    has_duplicates: bool | None = None,
    file_name: str | None = None,
    sha256: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> tuple[ImportCounts, int]:
    """Store a list's records (one transaction) and compare the missing persons with it at once.

    Returns the import counts and how many possible matches with missing persons were queued
    for review (issue 8).
    """
    from tawthiq.app.missing import queue_missing_matches

    with ws.session() as s:
        counts = people_store.save_list(
            s, list_name, records, has_duplicates=has_duplicates, file_name=file_name, sha256=sha256,
            mapping=mapping,
        )  # fmt: skip
        return counts, queue_missing_matches(s, list_name)


@dataclass(frozen=True)
class Linked:
    counts: LinkCounts
    labels: int
    result: LinkResult


def link(
    ws: Workspace,
    *,
    match_threshold: float | None = None,
    review_threshold: float | None = None,
    on_step: Callable[[str], None] | None = None,
) -> Linked:
    """Link every imported record into persons; uncertain pairs go to the review queue.

    Idempotent: the same records and decisions give the same persons, and a person keeps its id
    while its records stay together. Review decisions are used as labels; a missing person joins
    another list's record only once a reviewer confirmed it (issue 8). ``on_step`` hears what is
    being done (for a progress display).
    """
    from tawthiq.people import DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD, link_records
    from tawthiq.people.missing import hold_missing_matches

    with ws.session() as s:
        records = people_store.load_records(s)
        labels = people_store.load_labels(s)
        queued = people_store.review_queue(s)  # missing-person pairs queued at import stay queued
        dedupe = {x.name for x in people_store.load_lists(s) if x.has_duplicates}
    if not records:
        raise InputError("no person records yet: import a list with `tawthiq people import`")
    if on_step is not None:
        on_step(f"linking {len(records):,} records (splink, DuckDB)…")
    result = link_records(
        records, dedupe_lists=dedupe, labels=labels,
        match_threshold=match_threshold or DEFAULT_MATCH_THRESHOLD,
        review_threshold=review_threshold or DEFAULT_REVIEW_THRESHOLD,
    )  # fmt: skip
    result = hold_missing_matches(result, records, [(a, b) for a, b, ok in labels if ok], queued)
    if on_step is not None:
        on_step(f"storing {len(result.clusters):,} persons…")
    with ws.session() as s:
        counts = save_link_result(s, result, records)
    return Linked(counts, len(labels), result)


def load_persons(ws: Workspace) -> tuple[list[tuple[Person, list[PersonRecord]]], int]:
    """Every person with its records, and how many records are in no person yet."""
    with ws.session() as s:
        return people_store.load_persons(s), people_store.count_unlinked(s)


def records(ws: Workspace, ids: Iterable[int]) -> dict[int, PersonRecord]:
    """The person records with these ids, by id (an unknown id is left out)."""
    with ws.session() as s:
        return people_store.records_by_ids(s, ids)


def review_queue(ws: Workspace, limit: int | None = None) -> tuple[list[LinkedPair], dict[int, PersonRecord]]:
    """The pairs waiting for a reviewer, most uncertain first (``limit`` of them), with their records."""
    with ws.session() as s:
        queue = people_store.review_queue(s)
        queue = queue[:limit] if limit else queue
        recs = people_store.records_by_ids(s, [i for p in queue for i in (p.a, p.b)])
    return [p for p in queue if p.a in recs and p.b in recs], recs


def review_page(
    ws: Workspace, *, missing: bool, offset: int = 0, limit: int | None = None
) -> tuple[list[LinkedPair], dict[int, PersonRecord], int]:
    """One page of the review queue of one kind, with its records and the kind's total.

    ``missing=True``: the pairs between a missing person and a record on another list (reason
    ``missing-person``: a family's news, for documenters); ``missing=False``: every other pair.
    Most uncertain first, as :func:`review_queue`.
    """
    from tawthiq.people.missing import MISSING_PAIR_REASON

    with ws.session() as s:
        queue = [p for p in people_store.review_queue(s) if (p.reason == MISSING_PAIR_REASON) == missing]
        shown = queue[offset : offset + limit if limit else None]
        recs = people_store.records_by_ids(s, [i for p in shown for i in (p.a, p.b)])
    return [p for p in shown if p.a in recs and p.b in recs], recs, len(queue)


def save_link_result(session: Session, result: LinkResult, records: Sequence[PersonRecord]) -> LinkCounts:
    """Replace persons and the review queue by ``result``, keeping ids of persons that persist."""
    from tawthiq.people import plan_persons

    persons = plan_persons(result, records, people_store.person_members(session))
    return people_store.save_link_result(session, result, persons, records=len(records))


def decide_pair(
    session: Session, a: int, b: int, decision: str, *, actor: str | None = None, reason: str | None = None
) -> None:
    """Store (or change) a reviewer's decision on a pair, audit-logged with ``reason``; used as a
    label by the next link.

    Issue 8: a confirmed match of a missing person adds a note to their status history.
    """
    actor = people_store.decide_pair(session, a, b, decision, actor=actor, reason=reason)
    apply_match_decision(session, a, b, decision, actor=actor)


def apply_match_decision(
    session: Session, a: int, b: int, decision: str, *, actor: str
) -> MissingNote | None:
    """After a reviewer's decision: a confirmed match between a missing person and a record on
    another list adds a note to the missing person (e.g. ``believed_dead``, citing list and record)."""
    from tawthiq.people.missing import match_note, matched_pair

    if decision != "match":
        return None
    recs = people_store.records_by_ids(session, (a, b))
    if len(recs) != 2:
        return None
    pair = matched_pair(recs[a], recs[b], decision)
    if pair is None:
        return None
    missing, other = pair
    assert missing.id is not None  # read from the store
    return missing_store.add_note(session, missing.id, match_note(missing, other, author=actor))
