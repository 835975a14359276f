"""Sources at risk: registration with protected identity, the contact log, check-in state.

In: a session (with the workspace cipher in ``session.info``), :class:`~tawthiq.entities.Source`,
:class:`~tawthiq.entities.MessageContact` s (which messages are contact is the sources stage's
rule). Out: sources, contacts and
:class:`~tawthiq.entities.SourceCheckin` rows for the overdue list.
Never: compares or stores an identity in clear — a chat sender is matched to its source through
the keyed blind index (``Cipher.blind_index``) — and never puts a message or identity in a log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from tawthiq.entities import MessageContact, Protected, Source, SourceCheckin, sender_label
from tawthiq.errors import InputError
from tawthiq.store.audit import Event, record_event, record_events
from tawthiq.store.reports import get_or_create_source
from tawthiq.store.session import as_utc, chunks, is_row_id, session_cipher
from tawthiq.store.tables import SourceContactRow, SourceIndexRow, SourceRow

__all__ = [
    "Contact",
    "list_contacts",
    "log_contact",
    "register_source",
    "resolve_source",
    "save_message_contacts",
    "set_checkin",
    "source_checkins",
]

_INDEX_COLUMN = "sources.identity"


@dataclass(frozen=True)
class Contact:
    id: int
    source_id: int
    at: datetime
    channel: str
    report_id: int | None
    farewell: str | None


# A check-in interval past a century means nothing, and past ~2.7 million days the overdue list's
# date arithmetic overflows (a 30-digit --checkin-days was an OverflowError, issue 21).
MAX_CHECKIN_DAYS = 36_525


def _check_days(days: int | None) -> None:
    if days is not None and not 0 < days <= MAX_CHECKIN_DAYS:
        said = f"{days} is not a positive number of days up to {MAX_CHECKIN_DAYS:,} (a century)"
        raise InputError(said, field="checkin_days")


def register_source(session: Session, source: Source) -> Source:
    """Create (or find by label) a source; index its identity so its chat messages count as contact."""
    _check_days(source.checkin_days)
    stored = get_or_create_source(session, source)
    row = session.get(SourceRow, stored.id)
    assert row is not None and stored.id is not None  # found or created just above
    if source.checkin_days is not None and row.checkin_days != source.checkin_days:
        set_checkin(session, stored.id, source.checkin_days)
    if source.identity is not None:
        digest = session_cipher(session).blind_index(source.identity, column=_INDEX_COLUMN)
        if session.get(SourceIndexRow, digest) is None:
            session.add(SourceIndexRow(digest=digest, source_id=stored.id))
            session.flush()
    return stored.model_copy(update={"checkin_days": row.checkin_days})


def resolve_source(session: Session, ref: int | str) -> int:
    """The id of the source ``ref`` names: its id, else its label (exact, then case-insensitive).

    An id wins over a label made of digits; a number no row id can be (past 2**31 - 1) is looked
    up as a label only. A case-insensitive label matching several sources is
    an :class:`InputError` listing their ids (labels and protected identities are not repeated:
    a label typed by mistake may be a real name). Identities are never searched.
    """
    text = str(ref).strip()
    # isdecimal, not isdigit: int() refuses "²", which isdigit accepts
    if text.isdecimal() and is_row_id(int(text)) and session.get(SourceRow, int(text)) is not None:
        return int(text)
    exact = session.scalar(select(SourceRow.id).where(SourceRow.label == text))
    if exact is not None:
        return exact
    folded = text.casefold()
    # casefold in Python (lower() in SQL differs between SQLite and PostgreSQL outside ASCII)
    ids = sorted(
        i for i, label in session.execute(select(SourceRow.id, SourceRow.label)) if label.casefold() == folded
    )
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise InputError(
            f"{len(ids)} sources have this label in another case (ids {', '.join(map(str, ids))}); "
            "give the id or the exact label",
            field="source",
        )
    raise InputError("no source has this id or label (see `tawthiq sources list`)", field="source")


def set_checkin(session: Session, source_id: int, days: int | None) -> None:
    row = session.get(SourceRow, source_id)
    if row is None:
        raise InputError(f"no source {source_id}", field="source")
    _check_days(days)
    before = {"checkin_days": row.checkin_days}
    row.checkin_days = days
    session.flush()
    record_event(
        session, "source.checkin_interval", "source", source_id, before=before, after={"checkin_days": days}
    )


def log_contact(
    session: Session,
    source_id: int,
    at: datetime,
    *,
    channel: str = "manual",
    report_id: int | None = None,
    farewell: str | None = None,
    note: str | None = None,
) -> Contact:
    if session.get(SourceRow, source_id) is None:
        raise InputError(f"no source {source_id}", field="source")
    row = SourceContactRow(
        source_id=source_id,
        at=as_utc(at),
        channel=channel,
        report_id=report_id,
        farewell=farewell,
        note_enc=session_cipher(session).seal(note, column="source_contacts.note") if note else None,
    )
    session.add(row)
    session.flush()
    record_event(
        session,
        "source.contact",
        "source",
        source_id,
        detail=f"{channel}{' (farewell: ' + farewell + ')' if farewell else ''}",
    )
    return Contact(row.id, source_id, as_utc(row.at), channel, report_id, farewell)


def save_message_contacts(session: Session, contacts: Iterable[MessageContact]) -> list[Contact]:
    """Log each message's contact (``sources.message_contacts`` says which messages are contact,
    and when) with its sender's source, found through the keyed blind index of the sender.

    A sender no source is registered for becomes a new ``individual`` source, labelled by a short
    digest (never by the name), so the documenter can name it and set its check-in interval.
    """
    cipher = None
    source_of: dict[str, int] = {}  # blind index -> source id, looked up once per sender
    values: list[dict] = []
    for c in contacts:
        cipher = cipher or session_cipher(session)
        digest = cipher.blind_index(c.sender, column=_INDEX_COLUMN)
        if digest not in source_of:
            idx = session.get(SourceIndexRow, digest)
            if idx is None:
                new = register_source(
                    session,
                    Source(
                        label=sender_label(c.channel, digest),
                        kind="individual",
                        identity=Protected(c.sender.reveal()),
                    ),
                )
                assert new.id is not None  # stored just now
                source_of[digest] = new.id
            else:
                source_of[digest] = idx.source_id
        values.append(
            {
                "source_id": source_of[digest],
                "at": as_utc(c.at),
                "channel": c.channel,
                "report_id": c.report_id,
                "farewell": c.farewell,
                "note_enc": None,
            }
        )
    return _add_contacts(session, values)


def _add_contacts(session: Session, values: list[dict]) -> list[Contact]:
    """Contacts in one multi-row insert, each audited as ``source.contact`` (one batch of events)."""
    if not values:
        return []
    # one executemany through Core (see add_reports), then the ids by report: each report is new
    session.execute(insert(cast(Table, SourceContactRow.__table__)), values)
    by_report = {
        rid: cid
        for chunk in chunks([v["report_id"] for v in values])
        for cid, rid in session.execute(
            select(SourceContactRow.id, SourceContactRow.report_id).where(
                SourceContactRow.report_id.in_(chunk)
            )
        )
    }
    ids = [by_report[v["report_id"]] for v in values]
    record_events(
        session,
        [
            Event(
                "source.contact",
                "source",
                v["source_id"],
                detail=f"{v['channel']}{' (farewell: ' + v['farewell'] + ')' if v['farewell'] else ''}",
            )
            for v in values
        ],
    )
    return [
        Contact(i, v["source_id"], as_utc(v["at"]), v["channel"], v["report_id"], v["farewell"])
        for i, v in zip(ids, values, strict=True)
    ]


def list_contacts(session: Session, source_id: int) -> list[Contact]:
    rows = session.scalars(
        select(SourceContactRow)
        .where(SourceContactRow.source_id == source_id)
        .order_by(SourceContactRow.at.desc())
    )
    return [Contact(r.id, r.source_id, as_utc(r.at), r.channel, r.report_id, r.farewell) for r in rows]


def source_checkins(session: Session) -> list[SourceCheckin]:
    """One check-in state per source: interval, last contact, and the farewell of the last message."""
    last = dict(
        session.execute(
            select(SourceContactRow.source_id, func.max(SourceContactRow.at)).group_by(
                SourceContactRow.source_id
            )
        ).all()
    )
    out = []
    for s in session.scalars(select(SourceRow).order_by(SourceRow.id)):
        latest = None
        if s.id in last:
            latest = session.scalars(
                select(SourceContactRow)
                .where(SourceContactRow.source_id == s.id)
                .order_by(SourceContactRow.at.desc(), SourceContactRow.id.desc())
                .limit(1)
            ).first()
        out.append(
            SourceCheckin(
                source_id=s.id,
                label=s.label,
                kind=s.kind,
                checkin_days=s.checkin_days,
                registered_at=as_utc(s.created_at),
                last_contact=as_utc(latest.at) if latest else None,
                last_channel=latest.channel if latest else None,
                farewell=latest.farewell if latest else None,
            )
        )
    return out
