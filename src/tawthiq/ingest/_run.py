"""Ingest files into a workspace: paths in, one transaction per file, outcomes out.

In: a :class:`~tawthiq.store.Workspace`, paths (files or folders, walked recursively) and
:class:`IngestOptions`. Out: one :class:`FileOutcome` per file — ``stored``, ``duplicate``
(same SHA-256 as something already ingested) or ``failed`` (with the reason; the failed
intake and its bytes are stored too).
Never: loses input. Each file's original bytes go to the evidence store first (sealed with
the workspace key, atomic, fsync'd; no key, no intake), then its rows and audit events are
written in one transaction; a crash between the two leaves an unreferenced evidence file,
never a row without its file. Files too large (``max_bytes``) are recorded as failed with
their hash and size, bytes not kept.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from tawthiq.entities import Evidence, Report, Source, SourceKind
from tawthiq.errors import InputError, TawthiqError
from tawthiq.evidence import sha256_file, store_bytes
from tawthiq.ingest._headers import read_sidecar, sidecar_for
from tawthiq.ingest._plugins import pick_reader
from tawthiq.ingest._types import Draft, ReadContext
from tawthiq.store import (
    Workspace,
    add_evidence,
    add_reports,
    find_reports_by_sha256,
    get_or_create_source,
)

__all__ = ["DEFAULT_MAX_BYTES", "FileOutcome", "IngestOptions", "ingest_paths", "iter_files"]

log = logging.getLogger(__name__)
DEFAULT_MAX_BYTES = 20_000_000  # decimal MB, as the CLI and messages say


@dataclass(frozen=True)
class IngestOptions:
    source: str | None = None
    source_kind: SourceKind = "other"
    published: date | None = None
    from_header: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    chat_date_order: str = "auto"
    actor: str = "cli"


@dataclass
class FileOutcome:
    """What happened to one file. ``reason`` never holds a protected value."""

    path: str
    status: str  # stored, duplicate, failed
    sha256: str | None = None
    reader: str | None = None
    report_ids: list[int] = field(default_factory=list)
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)  # the report was kept (a malformed header date)

    def as_dict(self) -> dict:
        return asdict(self)


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files in the order given; folders walked recursively in name order, skipping hidden
    files and ``*.meta.json`` sidecars. A missing path is yielded as is (it fails later)."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if (
                    f.is_file()
                    and not any(part.startswith(".") for part in rel)
                    and not f.name.endswith(".meta.json")
                ):
                    yield f
        else:
            yield p


def _media_type(path: Path, reader_type: str | None) -> str:
    return reader_type or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _drafts(path: Path, data: bytes, opts: IngestOptions) -> tuple[str, str, str, list[Draft]]:
    reader = pick_reader(path, data[:4096])
    if not data:
        raise InputError("empty file (0 bytes)", path=path)
    drafts = reader.read(
        ReadContext(path=path, data=data, from_header=opts.from_header, chat_date_order=opts.chat_date_order)
    )
    if opts.from_header and (side := sidecar_for(path)) is not None:
        meta = read_sidecar(side)
        drafts = [
            Draft(
                body=d.body,
                title=meta.get("title") or d.title,
                published_at=meta.get("published_at") or d.published_at,
                language=meta.get("language") or d.language,
                sender=d.sender,
                source=meta.get("source") or d.source,
                url=d.url,
                metadata=d.metadata,
                warnings=d.warnings,
            )
            for d in drafts
        ]
    return reader.name, reader.channel, reader.media_type, drafts


def _record_failure(
    ws: Workspace, path: Path, sha: str, size: int, reason: str, data: bytes | None, opts: IngestOptions
) -> FileOutcome:
    now = datetime.now(UTC)
    with ws.session(opts.actor) as s:
        if data is not None:
            add_evidence(
                s,
                Evidence(
                    sha256=sha,
                    media_type=_media_type(path, None),
                    size=size,
                    captured_at=now,
                    file_name=path.name,
                ),
            )
        source_id = (
            get_or_create_source(s, Source(label=opts.source, kind=opts.source_kind)).id
            if opts.source
            else None
        )
        rep = add_reports(
            s,
            [
                Report(
                    sha256=sha,
                    file_name=path.name,
                    size=size,
                    status="failed",
                    failure_reason=reason,
                    received_at=now,
                    source_id=source_id,
                    media_type=_media_type(path, None),
                )
            ],
        )
    return FileOutcome(str(path), "failed", sha, None, [rep[0].id], reason)


def ingest_file(ws: Workspace, path: Path, opts: IngestOptions) -> FileOutcome:
    """Ingest one file in one transaction (see the module docstring).

    Raises ProtectedDataError without a key (originals are stored sealed), before any write.
    """
    ws.require_cipher()
    if not path.is_file():
        return FileOutcome(str(path), "failed", reason=f"{path.name}: no such file")
    sha, size = sha256_file(path)
    with ws.session(opts.actor) as s:
        earlier = find_reports_by_sha256(s, sha)
    if earlier:
        first = earlier[0]
        if first.status == "failed":
            return FileOutcome(
                str(path),
                "failed",
                sha,
                None,
                [first.id],
                f"already recorded as failed intake #{first.id}: {first.failure_reason}",
            )
        return FileOutcome(
            str(path),
            "duplicate",
            sha,
            None,
            [r.id for r in earlier],
            f"same bytes as report #{first.id} ({first.file_name})",
        )
    if size > opts.max_bytes:
        reason = (
            f"{path.name}: file is {size / 1e6:.1f} MB, over the {opts.max_bytes / 1e6:g} MB limit "
            "(raise it with --max-size if this really is a report); hash and size recorded, "
            "bytes not kept"
        )
        return _record_failure(ws, path, sha, size, reason, None, opts)
    data = path.read_bytes()
    # sealed, and before the transaction: a row never lacks its file
    store_bytes(ws.evidence_dir, data, ws.cipher)
    try:
        reader, channel, media_type, drafts = _drafts(path, data, opts)
    except TawthiqError as exc:
        log.debug("ingest %s sha256=%s failed: %s", path, sha, exc)
        # the stored reason names the file as the report row does: by name, not by this machine's path
        return _record_failure(ws, path, sha, size, str(exc).replace(str(path), path.name), data, opts)
    now = datetime.now(UTC)
    try:
        with ws.session(opts.actor) as s:
            add_evidence(
                s,
                Evidence(sha256=sha, media_type=media_type, size=size, captured_at=now, file_name=path.name),
            )
            source_ids: dict[str, int] = {}
            reports = []
            for part, d in enumerate(drafts):
                label = d.source or opts.source
                if label and label not in source_ids:
                    source_ids[label] = get_or_create_source(
                        s, Source(label=label, kind=opts.source_kind if label == opts.source else "other")
                    ).id
                reports.append(
                    Report(
                        sha256=sha,
                        file_name=path.name,
                        media_type=media_type,
                        size=size,
                        channel=channel,
                        source_id=source_ids.get(label) if label else None,
                        received_at=now,
                        published_at=d.published_at or opts.published,
                        language=d.language,
                        title=d.title,
                        body=d.body,
                        sender=d.sender,
                        part=part,
                    )
                )
            stored = add_reports(s, reports)
            if any(r.sender is not None for r in reports):  # issue 8: a message is contact with its source
                from tawthiq.sources import farewell_signal
                from tawthiq.store.sources import contacts_from_reports

                contacts_from_reports(
                    s,
                    [r.model_copy(update={"id": st.id}) for r, st in zip(reports, stored, strict=True)],
                    {
                        st.id: farewell_signal(r.body)
                        for r, st in zip(reports, stored, strict=True)
                        if r.sender is not None
                    },
                )
    except IntegrityError:  # another process ingested the same bytes at the same moment
        with ws.session(opts.actor) as s:
            ids = [r.id for r in find_reports_by_sha256(s, sha)]
        return FileOutcome(str(path), "duplicate", sha, reader, ids, "ingested concurrently")
    log.debug("ingest %s sha256=%s reader=%s reports=%d", path, sha, reader, len(stored))
    warnings = [w.replace(str(path), path.name) for d in drafts for w in d.warnings]
    for w in warnings:
        log.warning("ingest %s", w)
    return FileOutcome(str(path), "stored", sha, reader, [r.id for r in stored], warnings=warnings)


def ingest_paths(
    ws: Workspace,
    paths: Iterable[Path | str],
    opts: IngestOptions | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
) -> list[FileOutcome]:
    """Ingest every file under ``paths``; one transaction per file; never stops at a bad file.

    Raises ProtectedDataError without a key before the first file: nothing is written.
    """
    ws.require_cipher()
    opts = opts or IngestOptions()
    outcomes = []
    for f in iter_files(Path(p) for p in paths):
        outcome = ingest_file(ws, f, opts)
        outcomes.append(outcome)
        if on_file:
            on_file(outcome)
    return outcomes
