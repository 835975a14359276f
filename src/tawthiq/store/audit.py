"""The audit log: a hash chain of AuditEvents, appended in the same transaction as each write.

In: a session (from ``Workspace.session``) and what was done. Out: a new ``audit_events``
row whose ``hash`` is SHA-256 over a canonical JSON of its fields, including the previous
event's hash; :func:`verify_chain` recomputes the whole chain and names the first broken link.
Never: updates or deletes an event; never hashes or stores a protected value in clear
(entities serialise :class:`~tawthiq.entities.Protected` as a mask).

Call :func:`record_event` *after* your write in the same session, so on SQLite the
transaction already holds the write lock when it reads the chain's tail. On PostgreSQL an
advisory transaction lock serialises appenders. ``prev_hash`` is unique, so the chain can
never fork: a racing second appender fails its transaction rather than branch.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from pydantic import BaseModel
from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from tawthiq.entities import AuditEvent
from tawthiq.store.tables import AuditEventRow

__all__ = [
    "GENESIS",
    "ChainCheck",
    "Event",
    "content_hash",
    "list_events",
    "record_event",
    "record_events",
    "verify_chain",
]

GENESIS = "0" * 64
_PG_LOCK_ID = 0x7A77_7468  # any constant: "one audit appender at a time" on PostgreSQL


def canonical_json(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def content_hash(obj: BaseModel | Mapping[str, Any] | None) -> str | None:
    """SHA-256 of an entity or a dict in canonical JSON (for before/after hashes)."""
    if obj is None:
        return None
    data = obj.model_dump(mode="json") if isinstance(obj, BaseModel) else dict(obj)
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def _iso(at: datetime) -> str:
    if at.tzinfo is not None:  # PostgreSQL gives aware datetimes, SQLite naive UTC ones
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds") + "Z"


_HASHED = ("actor", "action", "object_type", "object_id", "before_hash", "after_hash", "detail", "prev_hash")


def _values_hash(values: Mapping[str, Any]) -> str:
    payload = {"at": _iso(values["at"]), **{k: values[k] for k in _HASHED}}
    if values.get("reason") is not None:  # only in events that have one, so older chains keep their hashes
        payload["reason"] = values["reason"]
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def _event_hash(row: AuditEventRow) -> str:
    return _values_hash({"at": row.at, "reason": row.reason, **{k: getattr(row, k) for k in _HASHED}})


def _tail(session: Session) -> str:
    """The hash of the chain's last event (locking the chain on PostgreSQL), or GENESIS."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_ID})
    return session.scalar(select(AuditEventRow.hash).order_by(AuditEventRow.id.desc()).limit(1)) or GENESIS


@dataclass(frozen=True)
class Event:
    """One event for :func:`record_events` (the arguments of :func:`record_event`)."""

    action: str
    object_type: str
    object_id: str | int
    before: BaseModel | Mapping[str, Any] | None = None
    after: BaseModel | Mapping[str, Any] | None = None
    detail: str | None = None
    actor: str | None = None
    reason: str | None = None


def record_events(session: Session, events: Sequence[Event]) -> None:
    """Append ``events`` to the chain in order, in ``session``'s transaction: one lock, one read
    of the tail and one multi-row insert instead of one round trip each (a chat export of 50,000
    messages is 100,000 events). The chain is the one :func:`record_event` builds, event by event.
    """
    if not events:
        return
    prev = _tail(session)
    default_actor = session.info.get("actor") or "unknown"
    rows = []
    for ev in events:
        values = {
            "at": datetime.now(UTC),
            "actor": ev.actor or default_actor,
            "action": ev.action,
            "object_type": ev.object_type,
            "object_id": str(ev.object_id),
            "before_hash": content_hash(ev.before),
            "after_hash": content_hash(ev.after),
            "detail": ev.detail,
            "reason": ev.reason,
            "prev_hash": prev,
        }
        prev = values["hash"] = _values_hash(values)
        rows.append(values)
    # ids in parameter order: the chain is read back by id
    session.execute(insert(cast(Table, AuditEventRow.__table__)), rows)


def record_event(
    session: Session,
    action: str,
    object_type: str,
    object_id: str | int,
    *,
    before: BaseModel | Mapping[str, Any] | None = None,
    after: BaseModel | Mapping[str, Any] | None = None,
    detail: str | None = None,
    actor: str | None = None,
    reason: str | None = None,
) -> AuditEventRow:
    """Append one event to the chain in ``session``'s transaction and return its row.

    ``actor`` defaults to ``session.info['actor']``. ``detail`` and ``reason`` (why a protected
    value was shown, as the person wrote it) must not hold protected values.
    """
    prev = _tail(session)
    row = AuditEventRow(
        at=datetime.now(UTC),
        actor=actor or session.info.get("actor") or "unknown",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        before_hash=content_hash(before),
        after_hash=content_hash(after),
        detail=detail,
        reason=reason,
        prev_hash=prev,
    )
    row.hash = _event_hash(row)
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class ChainCheck:
    """The result of :func:`verify_chain`; ``broken_id`` is the first bad event, if any."""

    ok: bool
    events: int
    broken_id: int | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "events": self.events, "broken_id": self.broken_id, "reason": self.reason}


def verify_chain(session: Session) -> ChainCheck:
    """Recompute every event's hash and link, in id order; stop at the first broken link."""
    prev = GENESIS
    count = 0
    q = select(AuditEventRow).order_by(AuditEventRow.id).execution_options(yield_per=1000)
    for row in session.execute(q).scalars():
        count += 1
        if row.prev_hash != prev:
            return ChainCheck(
                False,
                count,
                row.id,
                f"event {row.id}: prev_hash does not match the hash of the event before it "
                "(an event was deleted, inserted or reordered)",
            )
        if _event_hash(row) != row.hash:
            return ChainCheck(
                False, count, row.id, f"event {row.id}: its content does not match its hash (edited)"
            )
        prev = row.hash
    return ChainCheck(True, count)


def to_entity(row: AuditEventRow) -> AuditEvent:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC)
    return AuditEvent(
        id=row.id,
        at=at,
        actor=row.actor,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        before_hash=row.before_hash,
        after_hash=row.after_hash,
        detail=row.detail,
        reason=row.reason,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def list_events(
    session: Session,
    object_type: str | None = None,
    object_id: str | None = None,
    limit: int | None = None,
    *,
    action: str | None = None,
    last: int | None = None,
) -> list[AuditEvent]:
    """Events in chain order, optionally for one object (e.g. the custody trail of a file) or one
    action (``evidence.view``: who saw protected values, and why). ``limit`` keeps the first
    events, ``last`` the newest ones (still in chain order)."""
    q = select(AuditEventRow)
    if object_type:
        q = q.where(AuditEventRow.object_type == object_type)
    if object_id is not None:
        q = q.where(AuditEventRow.object_id == str(object_id))
    if action:
        q = q.where(AuditEventRow.action == action)
    if last:
        newest = q.order_by(AuditEventRow.id.desc()).limit(last)
        return [to_entity(r) for r in reversed(session.execute(newest).scalars().all())]
    q = q.order_by(AuditEventRow.id)
    if limit:
        q = q.limit(limit)
    return [to_entity(r) for r in session.execute(q).scalars()]
