"""Use cases of the people stage: link the lists into persons, decide a pair in review.

In: a session (``Workspace.session``) and what the caller parsed. Out: the store's counts.
Never: prints; never decides which stored person a cluster continues (``people.plan_persons``)
or what a confirmed match means for a missing person (``people.missing``): it asks the stage.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from tawthiq.entities import LinkResult, MissingNote, PersonRecord
from tawthiq.store import missing as missing_store
from tawthiq.store import people as people_store
from tawthiq.store.people import LinkCounts

__all__ = ["apply_match_decision", "decide_pair", "save_link_result"]


def save_link_result(session: Session, result: LinkResult, records: Sequence[PersonRecord]) -> LinkCounts:
    """Replace persons and the review queue by ``result``, keeping ids of persons that persist."""
    from tawthiq.people import plan_persons

    persons = plan_persons(result, records, people_store.person_members(session))
    return people_store.save_link_result(session, result, persons, records=len(records))


def decide_pair(session: Session, a: int, b: int, decision: str, *, actor: str | None = None) -> None:
    """Store (or change) a reviewer's decision on a pair, audit-logged; used as a label by the next link.

    Issue 8: a confirmed match of a missing person adds a note to their status history.
    """
    actor = people_store.decide_pair(session, a, b, decision, actor=actor)
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
    return missing_store.add_note(session, missing.id, match_note(missing, other, author=actor))
