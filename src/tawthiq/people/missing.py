"""Missing persons: the status history and the status derived from it. Pure; never writes.

In: a missing person's :class:`~tawthiq.entities.MissingNote` history; a confirmed match between a
missing person's record and a record on a victim or detainee list.
Out: the current status (derived, never stored over the notes) and the note a confirmed match adds.

The rule: the current status is that of the latest note (by ``source_date``, then ``entry_date``)
that carries a status; notes without a status (plain information) do not change it. With no
status note at all, a missing person is ``believed_missing``; ``information_sought`` is what a
family's first report usually says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from tawthiq.entities import LinkedPair, MissingNote, PersonRecord, date_text
from tawthiq.people._link_types import LinkResult

if TYPE_CHECKING:  # the store's read of an inquiry; this stage never imports the store
    from tawthiq.store.missing import Inquiry

__all__ = [
    "INQUIRY_LIST",
    "MISSING_PAIR_REASON",
    "STATUS_LABELS",
    "MissingPerson",
    "current_status",
    "hold_missing_matches",
    "inquiry_record",
    "match_candidates",
    "match_note",
    "matched_pair",
    "status_history",
]

# A pair between a missing person and a record on another list is never merged without a
# reviewer: the answer is news for a family. Such pairs carry this reason in the review queue.
MISSING_PAIR_REASON = "missing-person"

STATUS_LABELS = {
    "information_sought": "information sought",
    "believed_alive": "believed alive",
    "believed_missing": "believed missing",
    "believed_dead": "believed dead",
    "is_note_author": "is the note's author (alive)",
    "detained_acknowledged": "detention acknowledged",
    "detained_denied": "detention denied",
}

# The status a confirmed match with a record on a list implies for the missing person.
_STATUS_FROM_LIST = {
    "killed": "believed_dead",
    "detained": "detained_acknowledged",
    "injured": "believed_alive",
    "missing": "believed_missing",
}


def status_history(notes: Iterable[MissingNote]) -> list[MissingNote]:
    """Notes oldest first (by source date, then entry date, then id)."""
    floor = datetime.min.replace(tzinfo=UTC)
    return sorted(
        notes,
        key=lambda n: (
            _aware(n.source_date),
            _aware(n.entry_date) if n.entry_date else floor,
            n.note_record_id,
        ),
    )


def current_status(notes: Iterable[MissingNote]) -> str:
    """The status of the latest note that has one; ``believed_missing`` when none has."""
    for note in reversed(status_history(notes)):
        if note.status:
            return note.status
    return "believed_missing"


def match_note(
    missing: PersonRecord,
    matched: PersonRecord,
    *,
    author: str,
    now: datetime | None = None,
) -> MissingNote:
    """The note a reviewer's confirmed match adds: the matched list's status, citing list and record."""
    now = now or datetime.now(UTC)
    status = _STATUS_FROM_LIST.get(matched.status, "")
    on_list = matched.event_date_text  # "2016-12" for a month
    when = f" (date on the list: {on_list})" if on_list else ""
    return MissingNote(
        note_record_id=f"match.{missing.list_name}.{missing.record_id}.{matched.list_name}.{matched.record_id}",
        status=status,
        author_name=author,
        source_date=now,
        entry_date=now,
        source=f"{matched.list_name}#{matched.record_id}",
        text=f"Matched to record {matched.record_id} on list '{matched.list_name}' "
        f"(status there: {matched.status}){when}; confirmed by a reviewer.",
    )


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def hold_missing_matches(
    result: LinkResult,
    records: Sequence[PersonRecord],
    confirmed: Iterable[tuple[int, int]] = (),
    queued: Iterable[LinkedPair] = (),
) -> LinkResult:
    """Send every pair between a missing person and a record of another status to review.

    Automatic matches become review pairs; uncertain pairs keep their place in the queue under
    the reason ``missing-person`` (so they are the missing-match review, not the general one);
    and the missing-person pairs of the review queue (``queued``: the queue as stored), put
    there when a list was imported and which the linker's blocking over all lists may not
    propose again, stay queued unless a reviewer decided them or a record is gone. Pairs a
    reviewer already confirmed (``confirmed``: ``(a, b)`` with ``a < b``) stay matched. The
    clusters are split along the held pairs (connected components of the remaining matches), so
    a missing person joins a victim's person only after a reviewer said so.
    """
    missing = {r.id for r in records if r.status == "missing"}
    if not missing:
        return result
    ok = {tuple(sorted(p)) for p in confirmed}
    pairs, held, seen = [], set(), set()
    for p in result.pairs:
        crossing = (p.a in missing) != (p.b in missing)
        key = tuple(sorted((p.a, p.b)))
        seen.add(key)
        if p.decision == "match" and crossing and key not in ok:
            held.add(key)
            p = p.model_copy(update={"decision": "review", "reason": MISSING_PAIR_REASON})
        elif p.decision == "review" and crossing:
            p = p.model_copy(update={"reason": MISSING_PAIR_REASON})
        pairs.append(p)
    known = {r.id for r in records}
    for p in queued:
        key = tuple(sorted((p.a, p.b)))
        if (
            p.reason != MISSING_PAIR_REASON
            or key in seen
            or key in ok
            or not {p.a, p.b} <= known
            or (p.a in missing) == (p.b in missing)
        ):
            continue
        seen.add(key)
        pairs.append(p.model_copy(update={"decision": "review", "reason": MISSING_PAIR_REASON}))
    if not held:
        return result.model_copy(update={"pairs": tuple(pairs)})
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        if p.decision == "match":
            parent[find(p.a)] = find(p.b)
    clusters: list[tuple[int, ...]] = []
    for cluster in result.clusters:
        if not any(r in missing for r in cluster) or all(r in missing for r in cluster):
            clusters.append(cluster)
            continue
        groups: dict[int, list[int]] = {}
        for r in cluster:
            groups.setdefault(find(r), []).append(r)
        clusters.extend(tuple(sorted(g)) for g in groups.values())
    clusters.sort(key=lambda c: c[0])
    return result.model_copy(update={"pairs": tuple(pairs), "clusters": tuple(clusters)})


@dataclass(frozen=True)
class MissingPerson:
    """A missing person's record, its notes (oldest first), the status derived from them, and the
    PFIF fields kept from its import."""

    record: PersonRecord
    notes: tuple[MissingNote, ...]
    status: str
    pfif_fields: dict[str, str]

    # A list gives when and where someone disappeared as the record's date and place; a PFIF note
    # or a family's inquiry as last seen. Every reader (CLI, web, JSON) shows the one, else the other
    # — unless a later note places the person elsewhere (`people missing note --last-seen-at`):
    # that sighting is the last one (before, the record's first sighting stayed "last seen").
    def _later_sighting(self) -> MissingNote | None:
        rec = self.record
        for n in reversed(self.notes):  # oldest first: the latest located note
            if n.last_known_location:
                known = rec.last_seen_date or rec.event_date
                moved = n.last_known_location != (rec.last_seen_place or rec.place)
                return n if moved and (known is None or n.source_date.date() >= known) else None
        return None

    @property
    def last_seen_date(self) -> date | None:
        if (n := self._later_sighting()) is not None:
            return n.source_date.date()
        return self.record.last_seen_date or self.record.event_date

    @property
    def last_seen_place(self) -> str | None:
        if (n := self._later_sighting()) is not None:
            return n.last_known_location
        return self.record.last_seen_place or self.record.place

    @property
    def last_seen_text(self) -> str | None:
        """The last-seen date as text at its precision ("2016-12" when the list gives a month)."""
        if (n := self._later_sighting()) is not None:
            return date_text(n.source_date.date())
        if self.record.last_seen_date is not None:
            return date_text(self.record.last_seen_date)
        return date_text(self.record.event_date, self.record.event_date_precision)


def match_candidates(
    missing: Sequence[PersonRecord],
    others: Sequence[PersonRecord],
    threshold: float,
    *,
    list_name: str | None = None,
) -> list[LinkedPair]:
    """The pairs between a missing person and a record of another status worth a reviewer's look.

    Links both sides together (``link_records``, splink: names compared across Arabic script and
    Latin transliterations) and keeps every cross pair (one side missing, the other not) at or
    above ``threshold``; with ``list_name``, only the pairs with a record on that list (the one
    just imported). Never merges: the caller queues them.
    """
    from tawthiq.people.linkage import link_records  # heavy: splink

    result = link_records([*missing, *others], review_threshold=threshold)
    missing_ids = {r.id for r in missing}
    on_list = None if list_name is None else {r.id for r in (*missing, *others) if r.list_name == list_name}
    return [
        p
        for p in result.pairs
        if p.probability >= threshold
        and (p.a in missing_ids) != (p.b in missing_ids)
        and (on_list is None or p.a in on_list or p.b in on_list)
    ]


def matched_pair(a: PersonRecord, b: PersonRecord, decision: str) -> tuple[PersonRecord, PersonRecord] | None:
    """``(missing, other)`` when a reviewer's ``decision`` confirms that a missing person is the
    record of another status; None otherwise (no note to add)."""
    if decision != "match" or (a.status == "missing") == (b.status == "missing"):
        return None
    return (a, b) if a.status == "missing" else (b, a)


# The list a family's registration joins when a documenter takes it into the registry.
INQUIRY_LIST = "family-inquiries"


def inquiry_record(inquiry: Inquiry, now: datetime) -> tuple[PersonRecord, MissingNote]:
    """What a family's inquiry becomes in the registry: a missing-person record on the list
    :data:`INQUIRY_LIST` (``inquiry-<id>``; the name is Arabic when it holds an Arabic letter,
    else Latin) and its first note, ``information_sought``, dated when the family asked.
    ``now`` is the note's entry date (and its date when the inquiry has none)."""
    arabic = any("\u0600" <= ch <= "\u06ff" for ch in inquiry.name)
    record = PersonRecord(
        list_name=INQUIRY_LIST,
        record_id=f"inquiry-{inquiry.id}",
        name_ar=inquiry.name if arabic else None,
        name_latin=None if arabic else inquiry.name,
        sex=inquiry.sex,
        age=inquiry.age,
        status="missing",
        last_seen_date=inquiry.last_seen_date,
        last_seen_place=inquiry.last_seen_place,
        circumstances=inquiry.circumstances,
    )
    note = MissingNote(
        note_record_id=f"inquiry.{inquiry.id}",
        status="information_sought",
        author_name="family",
        source_date=inquiry.created_at or now,
        entry_date=now,
        source=f"inquiry #{inquiry.id}",
        last_known_location=inquiry.last_seen_place,
        text="Registered by a relative through the inquiry form.",
    )
    return record, note
