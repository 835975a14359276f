"""Chain of custody (issue 9): derived files, custody events and the reads a dossier needs.

In: a session from ``Workspace.session`` and evidence-stage entities (DerivedFile).
Out: entities (Evidence, DerivedFile, Source, AuditEvent) and custody events appended to the
hash-chained audit log with :func:`~tawthiq.store.audit.record_event`, in the same transaction.
Never: reads or writes file bytes (``tawthiq.evidence`` does), decrypts a protected value.

Custody actions (``object_type`` is ``evidence`` and the object id the SHA-256, or ``export``):
``evidence.derive`` (a working copy or redaction was made), ``evidence.transfer`` (an original
left the workspace, e.g. into a dossier), ``evidence.seal`` (a clear original was sealed in
place with the workspace key), ``evidence.view`` (a protected item was shown),
``export.write`` (an export folder was signed; detail names the format and manifest hash).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.entities import AuditEvent, DerivedFile, Evidence
from tawthiq.errors import InputError
from tawthiq.store.audit import record_event, to_entity
from tawthiq.store.tables import AuditEventRow, DerivedFileRow, EvidenceRow

__all__ = [
    "CUSTODY_ACTIONS",
    "add_derived_file",
    "audit_head",
    "custody_events",
    "evidence_by_sha",
    "list_derived_files",
    "list_evidence",
    "record_custody",
]

CUSTODY_ACTIONS = (
    "evidence.derive",
    "evidence.seal",
    "evidence.transfer",
    "evidence.view",
    "export.write",
    "export.internal",
)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _evidence(row: EvidenceRow) -> Evidence:
    return Evidence(
        sha256=row.sha256,
        media_type=row.media_type,
        size=row.size,
        captured_at=_aware(row.captured_at),
        file_name=row.file_name,
    )


def _derived(row: DerivedFileRow) -> DerivedFile:
    return DerivedFile(
        id=row.id,
        sha256=row.sha256,
        original_sha256=row.original_sha256,
        kind=row.kind,
        media_type=row.media_type,
        size=row.size,
        file_name=row.file_name,
        note=row.note,
        actor=row.actor,
        created_at=_aware(row.created_at),
    )


def list_evidence(session: Session) -> list[Evidence]:
    return [_evidence(r) for r in session.scalars(select(EvidenceRow).order_by(EvidenceRow.captured_at))]


def evidence_by_sha(session: Session, shas: Iterable[str]) -> dict[str, Evidence]:
    wanted = sorted(set(shas))
    if not wanted:
        return {}
    rows = session.scalars(select(EvidenceRow).where(EvidenceRow.sha256.in_(wanted)))
    return {r.sha256: _evidence(r) for r in rows}


def list_derived_files(session: Session, original_sha256: str | None = None) -> list[DerivedFile]:
    q = select(DerivedFileRow).order_by(DerivedFileRow.id)
    if original_sha256:
        q = q.where(DerivedFileRow.original_sha256 == original_sha256)
    return [_derived(r) for r in session.scalars(q)]


def add_derived_file(session: Session, derived: DerivedFile) -> DerivedFile:
    """Link a derived file (its bytes already in the evidence store) to its original; audited."""
    if session.get(EvidenceRow, derived.original_sha256) is None:
        raise InputError(
            f"no original with SHA-256 {derived.original_sha256} in this workspace", field="original"
        )
    actor = session.info.get("actor") or derived.actor
    row = DerivedFileRow(
        sha256=derived.sha256,
        original_sha256=derived.original_sha256,
        kind=derived.kind,
        media_type=derived.media_type,
        size=derived.size,
        file_name=derived.file_name,
        note=derived.note,
        actor=actor,
        created_at=derived.created_at or datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    entity = _derived(row)
    record_event(
        session,
        "evidence.derive",
        "evidence",
        derived.original_sha256,
        after=entity,
        detail=f"{derived.kind} copy {derived.sha256}",
    )
    return entity


def record_custody(
    session: Session,
    action: str,
    object_id: str,
    *,
    detail: str | None = None,
    object_type: str = "evidence",
    actor: str | None = None,
    reason: str | None = None,
) -> AuditEvent:
    """Append one custody event (``detail`` and ``reason`` must never hold a protected value).

    ``actor`` defaults to the session's; ``reason`` is why a protected item was shown
    (``evidence.view``, see :mod:`tawthiq.store.reveal`).
    """
    if action not in CUSTODY_ACTIONS:
        raise ValueError(f"unknown custody action {action!r}")  # a programming error
    return to_entity(
        record_event(session, action, object_type, object_id, detail=detail, actor=actor, reason=reason)
    )


def audit_head(session: Session) -> str | None:
    """The hash of the newest audit event: what a signed manifest pins the export to."""
    return session.scalar(select(AuditEventRow.hash).order_by(AuditEventRow.id.desc()).limit(1))


def custody_events(session: Session, objects: Iterable[tuple[str, str]]) -> list[AuditEvent]:
    """Every audit event about any of ``objects`` ((object_type, object_id) pairs), in chain order."""
    pairs = {(t, str(i)) for t, i in objects}
    if not pairs:
        return []
    types = sorted({t for t, _ in pairs})
    ids = sorted({i for _, i in pairs})
    q = (
        select(AuditEventRow)
        .where(AuditEventRow.object_type.in_(types), AuditEventRow.object_id.in_(ids))
        .order_by(AuditEventRow.id)
    )
    return [to_entity(r) for r in session.scalars(q) if (r.object_type, r.object_id) in pairs]
