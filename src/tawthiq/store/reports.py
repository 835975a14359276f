"""Reports, failed intakes, sources and evidence rows: entities in, rows written; rows in, entities out.

In: a session from ``Workspace.session`` (its ``info`` carries the cipher and the actor) and
``entities.Report`` / ``entities.Source`` / ``entities.Evidence``. Out: the same entities with
ids. Every write appends an audit event in the same transaction.
Never: returns an ORM row to a caller; never decrypts unless asked with a
:class:`~tawthiq.store.reveal.Disclosure` (``reveal=``: who is shown the values, why, where), and
then only into :class:`~tawthiq.entities.Protected`, each record shown recorded as an
``evidence.view`` custody event in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, func, insert, select
from sqlalchemy.orm import Session

from tawthiq.entities import Evidence, Protected, Report, Source
from tawthiq.errors import ProtectedDataError
from tawthiq.store._crypto import Cipher
from tawthiq.store.audit import Event, record_event, record_events
from tawthiq.store.reveal import Disclosure, check_disclosure, open_fields
from tawthiq.store.session import as_utc, chunks, session_cipher
from tawthiq.store.tables import EvidenceRow, ReportRow, SourceRow

__all__ = [
    "SENDER_MASK",
    "add_evidence",
    "add_reports",
    "count_reports",
    "find_reports_by_sha256",
    "get_or_create_source",
    "get_report",
    "list_reports",
    "list_sources",
    "page_reports",
    "report_from_row",
    "reports_by_ids",
    "source_kinds",
]


# ---------------------------------------------------------------- evidence


def add_evidence(session: Session, evidence: Evidence) -> bool:
    """Record a stored file (the bytes must already be in the evidence store). False if known."""
    if session.get(EvidenceRow, evidence.sha256) is not None:
        return False
    session.add(EvidenceRow(**evidence.model_dump()))
    session.flush()
    record_event(
        session,
        "evidence.store",
        "evidence",
        evidence.sha256,
        after=evidence,
        detail=f"{evidence.size} bytes, {evidence.media_type}",
    )
    return True


# ---------------------------------------------------------------- sources


def _source_entity(row: SourceRow, opened: dict[str, Protected | None] | None = None) -> Source:
    """The source of ``row``; identity and contact only as ``opened`` holds them (else ``None``)."""
    identity = contact = None
    if opened is not None:
        identity, contact = opened["identity"], opened["contact"]
    return Source(
        id=row.id,
        label=row.label,
        kind=row.kind,
        origin_group=row.origin_group,
        identity=identity,
        contact=contact,
        checkin_days=row.checkin_days,
    )


def _cipher_required() -> Cipher:
    raise ProtectedDataError(
        "no key: protected fields cannot be revealed without TAWTHIQ_KEY or the key file"
    )


def get_or_create_source(session: Session, source: Source) -> Source:
    """The source with ``source.label``, created (with sealed identity/contact) if new."""
    row = session.scalar(select(SourceRow).where(SourceRow.label == source.label))
    if row is None:
        cipher = session_cipher(session, needed=source.identity is not None or source.contact is not None)
        row = SourceRow(
            label=source.label,
            kind=source.kind,
            origin_group=source.origin_group,
            identity_enc=cipher.seal(source.identity, column="sources.identity") if cipher else None,
            contact_enc=cipher.seal(source.contact, column="sources.contact") if cipher else None,
            checkin_days=source.checkin_days,
            created_at=datetime.now(UTC),
        )
        session.add(row)
        session.flush()
        record_event(session, "source.create", "source", row.id, after=_source_entity(row))
    return _source_entity(row)


def list_sources(session: Session, *, reveal: Disclosure | None = None) -> list[Source]:
    """Every source by id; identities and contacts decrypted only for ``reveal``, and then each
    source that holds one is recorded as an ``evidence.view`` custody event (who, why, which fields)."""
    disclosure = check_disclosure(reveal)
    cipher = session.info.get("cipher")
    if disclosure is not None and cipher is None:
        _cipher_required()
    out = []
    for row in session.execute(select(SourceRow).order_by(SourceRow.id)).scalars().all():
        opened = None
        if disclosure is not None:
            opened = open_fields(session, disclosure, cipher, "source", row, ["identity", "contact"])
        out.append(_source_entity(row, opened))
    return out


# ---------------------------------------------------------------- reports


# Stands for "a sender exists" where the real value is not decrypted (the web's report pages).
SENDER_MASK = Protected("")


def report_from_row(
    row: ReportRow | Row[Any],  # an ORM row, or a Core row with the same names (reports_by_ids)
    source_label: str | None,
    *,
    mark_sender: bool = False,
    sender: Protected | None = None,
) -> Report:
    """A reports row as a :class:`Report`. It never decrypts: the sender is ``sender`` when the
    caller opened it (:func:`_open_sender`), else ``None``, or :data:`SENDER_MASK` with
    ``mark_sender``, to show that there is one."""
    if sender is None and mark_sender and row.sender_enc is not None:
        sender = SENDER_MASK
    return Report(
        id=row.id,
        sha256=row.sha256,
        file_name=row.file_name,
        media_type=row.media_type,
        size=row.size,
        channel=row.channel,
        source_label=source_label,
        source_id=row.source_id,
        received_at=as_utc(row.received_at),
        published_at=row.published_at,
        published_precision=row.published_precision,
        language=row.language,
        title=row.title,
        body=row.body,
        sender=sender,
        status=row.status,
        failure_reason=row.failure_reason,
        part=row.part,
        url=row.url,
        metadata=_metadata(row.header_metadata),
    )


def _metadata(pairs: list[Any] | None) -> dict[str, str]:
    """The header's other keys from their column: ``[key, value]`` pairs in order (NULL: none)."""
    return {str(k): str(v) for k, v in pairs or ()}


def add_reports(session: Session, reports: Sequence[Report]) -> list[Report]:
    """Insert reports (or one failed intake) and audit each; returns them with ids.

    One multi-row insert and one batch of audit events for the lot (a chat export is thousands
    of reports), in the caller's transaction. A ``sender`` is sealed with the workspace cipher;
    without a key it is refused (:class:`ProtectedDataError`) rather than stored in clear.
    """
    if not reports:
        return []
    cipher = session_cipher(session, needed=any(r.sender is not None for r in reports))
    now = datetime.now(UTC)
    values = [
        {
            "status": rep.status,
            "failure_reason": rep.failure_reason,
            "file_name": rep.file_name,
            "sha256": rep.sha256,
            "size": rep.size,
            "media_type": rep.media_type,
            "channel": rep.channel,
            "part": rep.part,
            "source_id": rep.source_id,
            "received_at": rep.received_at or now,
            "published_at": rep.published_at,
            "published_precision": rep.published_precision,
            "language": rep.language,
            "title": rep.title,
            "body": rep.body,
            "sender_enc": cipher.seal(rep.sender, column="reports.sender") if cipher and rep.sender else None,
            "url": rep.url,
            "header_metadata": [[k, v] for k, v in rep.metadata.items()] or None,
        }
        for rep in reports
    ]
    # One executemany through Core, then the ids by (sha256, part), which is unique: the ORM's bulk
    # path, or RETURNING in parameter order (one statement a row on SQLite), cost several times more.
    session.execute(insert(cast(Table, ReportRow.__table__)), values)
    shas = sorted({rep.sha256 for rep in reports})
    by_key: dict[tuple[Any, Any], int] = {
        (sha, part): rid
        for chunk in chunks(shas)
        for rid, sha, part in session.execute(
            select(ReportRow.id, ReportRow.sha256, ReportRow.part).where(ReportRow.sha256.in_(chunk))
        )
    }
    ids = [by_key[(v["sha256"], v["part"])] for v in values]
    wanted = {r.source_id for r in reports if r.source_id is not None}
    labels = (
        dict(session.execute(select(SourceRow.id, SourceRow.label).where(SourceRow.id.in_(wanted))).all())
        if wanted
        else {}
    )
    out: list[Report] = []
    events: list[Event] = []
    for rid, v, rep in zip(ids, values, reports, strict=True):
        fields = {k: val for k, val in v.items() if k not in ("sender_enc", "header_metadata")}
        fields["metadata"] = rep.metadata
        fields["received_at"] = as_utc(cast(datetime | None, fields["received_at"]))
        label = labels.get(rep.source_id) if rep.source_id is not None else None
        entity = Report(id=rid, source_label=label, **fields)
        action = "report.fail" if rep.status == "failed" else "report.ingest"
        events.append(
            Event(action, "report", rid, after=entity, detail=f"sha256={rep.sha256} part={rep.part}")
        )
        out.append(entity)
    record_events(session, events)
    return out


def _labels(session: Session) -> dict[int, str]:
    return {i: lbl for i, lbl in session.execute(select(SourceRow.id, SourceRow.label))}


def find_reports_by_sha256(session: Session, sha256: str) -> list[Report]:
    rows = (
        session.execute(select(ReportRow).where(ReportRow.sha256 == sha256).order_by(ReportRow.part))
        .scalars()
        .all()
    )
    labels = _labels(session) if rows else {}
    return [report_from_row(r, labels.get(r.source_id) if r.source_id is not None else None) for r in rows]


def _open_sender(session: Session, row: ReportRow, disclosure: Disclosure | None) -> Protected | None:
    """The report's sender for ``disclosure`` (its view recorded), else ``None``."""
    if disclosure is None or row.sender_enc is None:
        return None
    cipher = session.info.get("cipher") or _cipher_required()
    return open_fields(session, disclosure, cipher, "report", row, ["sender"])["sender"]


def get_report(
    session: Session, report_id: int, *, reveal: Disclosure | None = None, mark_sender: bool = False
) -> Report | None:
    """One report; its sender decrypted only for ``reveal`` (recorded as ``evidence.view``), or
    with ``mark_sender`` masked as :data:`SENDER_MASK` to show there is one (the web's pages)."""
    disclosure = check_disclosure(reveal)
    found = session.execute(
        select(ReportRow, SourceRow.label)
        .outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
        .where(ReportRow.id == report_id)
    ).first()
    if found is None:
        return None
    row, label = found
    return report_from_row(row, label, mark_sender=mark_sender, sender=_open_sender(session, row, disclosure))


def list_reports(
    session: Session,
    *,
    status: str | Iterable[str] | None = None,
    ids: Iterable[int] | None = None,
    reveal: Disclosure | None = None,
    limit: int | None = None,
    offset: int = 0,
    newest_first: bool = False,
    mark_sender: bool = False,
) -> list[Report]:
    """Reports in id order, or newest (received) first, stored and failed by default, optionally
    filtered: the one reader of reports.

    Senders are decrypted only for ``reveal``; each report whose sender is shown is recorded as
    an ``evidence.view`` custody event in this transaction. ``mark_sender`` masks them instead
    (:data:`SENDER_MASK`).
    """
    disclosure = check_disclosure(reveal)
    q = select(ReportRow, SourceRow.label).outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
    q = (
        q.order_by(ReportRow.received_at.desc(), ReportRow.id.desc())
        if newest_first
        else q.order_by(ReportRow.id)
    )
    if status is not None:
        q = q.where(ReportRow.status.in_([status] if isinstance(status, str) else list(status)))
    if ids is not None:
        q = q.where(ReportRow.id.in_(list(ids)))
    if offset:
        q = q.offset(offset)
    if limit is not None:
        q = q.limit(limit)
    if disclosure is not None and session.info.get("cipher") is None:
        _cipher_required()
    return [
        report_from_row(r, label, mark_sender=mark_sender, sender=_open_sender(session, r, disclosure))
        for r, label in session.execute(q).all()
    ]


def page_reports(
    session: Session, *, status: str | None = None, offset: int = 0, limit: int = 50
) -> tuple[list[Report], int]:
    """A page of reports newest first, senders masked (the web's list), with the total."""
    cond = [ReportRow.status == status] if status else []
    total = session.scalar(select(func.count()).select_from(ReportRow).where(*cond)) or 0
    page = list_reports(
        session, status=status or None, offset=offset, limit=limit, newest_first=True, mark_sender=True
    )
    return page, total


# Built once: building a select() costs more CPU than SQLite needs to answer these primary-key
# look-ups (the compiled SQL is cached either way).
_REPORTS_BY_IDS = (
    select(ReportRow.__table__, SourceRow.__table__.c.label)
    .outerjoin(SourceRow.__table__, SourceRow.__table__.c.id == ReportRow.__table__.c.source_id)
    .where(ReportRow.__table__.c.id.in_(bindparam("ids", expanding=True)))
)


def reports_by_ids(session: Session, ids: Iterable[int]) -> dict[int, Report]:
    """Reports by id, senders masked (the web's incident and map pages)."""
    ids = list(set(ids))
    if not ids:
        return {}
    return {
        r.id: report_from_row(r, r.label, mark_sender=True)
        for r in session.execute(_REPORTS_BY_IDS, {"ids": ids})
    }


def source_kinds(session: Session, ids: Iterable[int]) -> dict[int, tuple[str, str, str | None]]:
    """(label, kind, origin_group) of sources by id: never their protected identity."""
    ids = list(set(ids))
    if not ids:
        return {}
    q = select(SourceRow.id, SourceRow.label, SourceRow.kind, SourceRow.origin_group).where(
        SourceRow.id.in_(ids)
    )
    return {i: (label, kind, og) for i, label, kind, og in session.execute(q)}


def count_reports(session: Session) -> dict[str, int]:
    """Number of report rows by status, e.g. ``{'stored': 12, 'failed': 1}``."""
    rows = session.execute(select(ReportRow.status, func.count()).group_by(ReportRow.status))
    return {st: n for st, n in rows}
