"""Ingest files into a workspace: paths in, one transaction per file, outcomes out.

In: a :class:`~tawthiq.store.Workspace`, paths (files or folders, walked recursively) and
:class:`IngestOptions`. Out: one :class:`FileOutcome` per file — ``stored``, ``duplicate``
(same SHA-256 as something already ingested) or ``failed`` (with the reason; the failed
intake and its bytes are stored too) — each with its :class:`Failure` list (file, line, field,
reason): a bad record of a multi-record file (a JSON line) is a failed intake of its own in its
place among the file's reports, and the good records are stored.
Never: loses input, never stops a batch at a bad file (unless ``strict``). Each file is parsed
first; then its original bytes go to the evidence store (sealed with the workspace key, atomic,
fsync'd; no key, no intake), then its rows and audit events are written in one transaction; a
crash between the two leaves an unreferenced evidence file, never a row without its file.
Whatever a reader raises, and a value the database refuses, ends as a failed intake that
points to the sealed bytes. With ``strict`` the batch stops at the first failure and a file
that failed to parse leaves nothing behind. Files too large (``max_bytes``) are recorded as
failed with their hash and size, bytes not kept.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from glob import escape as glob_escape
from pathlib import Path

from sqlalchemy.exc import DataError, IntegrityError, StatementError

from tawthiq.entities import DatePrecision, Evidence, Report, Source, SourceKind
from tawthiq.errors import InputError, ParseError, TawthiqError
from tawthiq.evidence import sha256_file, store_bytes
from tawthiq.ingest._headers import read_sidecar, sidecar_for, url_warning
from tawthiq.ingest._plugins import pick_reader
from tawthiq.ingest._types import Draft, ReadContext
from tawthiq.store import (
    Workspace,
    add_evidence,
    add_reports,
    find_reports_by_sha256,
    get_or_create_source,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Failure",
    "FileOutcome",
    "IngestOptions",
    "check_timezone",
    "ingest_file",
    "ingest_paths",
    "iter_files",
]

log = logging.getLogger(__name__)
DEFAULT_MAX_BYTES = 20_000_000  # decimal MB, as the CLI and messages say


@dataclass(frozen=True)
class IngestOptions:
    source: str | None = None
    source_kind: SourceKind = "other"
    published: date | None = None
    published_precision: DatePrecision | None = None  # of --published: "month" for 2016-12
    from_header: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    chat_date_order: str = "auto"
    chat_timezone: str = "UTC"  # IANA zone of a chat export's clock (check_timezone)
    actor: str = "cli"
    # Stop at the first file that fails, writing nothing of it (no row, no evidence file); the
    # files before it stay stored. A multi-record file with one bad record fails whole.
    strict: bool = False

    def __post_init__(self) -> None:
        check_timezone(self.chat_timezone)  # before any file is read: one clear error, not one per file


def check_timezone(name: str, *, field: str = "chat_timezone") -> str:
    """``name`` if it is an IANA time zone this machine knows (``Asia/Damascus``, ``UTC``), else an
    :class:`InputError` naming ``field``. The zone data comes from the system or the ``tzdata``
    package, never from the network."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            f"{name!r} is not a time zone name this machine knows "
            "(an IANA name such as Asia/Damascus or UTC)",
            field=field,
        ) from None
    return name


@dataclass
class Failure:
    """One thing that could not be ingested: a file, or one record (``line``) of it.

    ``report_id`` is its failed intake (``None`` when nothing was written: ``--strict``).
    ``reason`` names no protected value and no path of this machine (the file by name only).
    """

    file: str
    reason: str
    line: int | None = None
    field: str | None = None
    report_id: int | None = None


@dataclass
class FileOutcome:
    """What happened to one file. ``reason`` never holds a protected value.

    ``status`` is the file's: ``stored`` (possibly with some of its records in ``failures``),
    ``duplicate`` or ``failed``; ``stopped`` is set on the file ``--strict`` stopped at.
    """

    path: str
    status: str  # stored, duplicate, failed
    sha256: str | None = None
    reader: str | None = None
    report_ids: list[int] = field(default_factory=list)
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)  # the report was kept (a malformed header date)
    failures: list[Failure] = field(default_factory=list)
    stopped: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def _is_sidecar_of_a_report(path: Path) -> bool:
    """``report.txt.meta.json`` (or ``report.meta.json``) beside the report it describes."""
    if not path.name.endswith(".meta.json") or not path.is_file():
        return False
    stem = path.name[: -len(".meta.json")]
    siblings = [path.with_name(stem), *path.parent.glob(f"{glob_escape(stem)}.*")]
    return any(s != path and s.is_file() and sidecar_for(s) == path for s in siblings)


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files in the order given; folders walked recursively in name order, skipping hidden
    files and ``*.meta.json`` sidecars. A sidecar named on the command line beside its report
    (``ingest corpus/*`` passes both) is skipped too: it is the report's metadata, not a report.
    A missing path is yielded as is (it fails later)."""
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
        elif not _is_sidecar_of_a_report(p):
            yield p


def _media_type(path: Path, reader_type: str | None) -> str:
    return reader_type or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _drafts(path: Path, data: bytes, opts: IngestOptions) -> tuple[str, str, str, list[Draft]]:
    if not data:
        raise InputError("empty file (0 bytes)", path=path)
    reader = pick_reader(path, data[:4096])
    ctx = ReadContext(
        path=path,
        data=data,
        from_header=opts.from_header,
        chat_date_order=opts.chat_date_order,
        chat_timezone=opts.chat_timezone,
        per_record=not opts.strict,
    )
    try:
        drafts = reader.read(ctx)
    except TawthiqError:
        raise
    except Exception as exc:
        # A reader is plugin code (ours or a third party's): whatever else it raises on a hostile
        # file is a bug in that reader, but must not stop a batch or leave its bytes orphaned, so
        # it becomes a failed intake here. Only the exception's type is kept: its message may
        # quote the file (a sender's name).
        log.debug("reader %s raised %s on %s", reader.name, type(exc).__name__, path.name)
        raise ParseError(
            f"the {reader.name} reader could not read this file ({type(exc).__name__}); "
            "its bytes are kept as evidence",
            path=path,
        ) from None
    if opts.from_header and (side := sidecar_for(path)) is not None:
        meta = read_sidecar(side)
        side_url = meta.get("url") and url_warning(meta["url"], path=str(side), field="url")
        side_warnings = (side_url,) if side_url else ()
        drafts = [
            d
            if d.failure is not None
            else Draft(
                body=d.body,
                title=meta.get("title") or d.title,
                published_at=meta.get("published_at") or d.published_at,
                published_precision=(
                    meta.get("published_precision") if meta.get("published_at") else d.published_precision
                ),
                language=meta.get("language") or d.language,
                sender=d.sender,
                # the message's own time goes with its own day, not with a day the sidecar gives
                sent_at=None if meta.get("published_at") else d.sent_at,
                source=meta.get("source") or d.source,
                url=meta.get("url") or d.url,
                metadata=d.metadata,
                warnings=d.warnings + side_warnings,
            )
            for d in drafts
        ]
    return reader.name, reader.channel, reader.media_type, drafts


def _local(text: str, path: Path) -> str:
    """``text`` with this machine's path of the file replaced by the file's name."""
    return text.replace(str(path), path.name)


def _failures(exc: InputError, path: Path, report_id: int | None) -> list[Failure]:
    """One :class:`Failure` per problem in ``exc`` (an ``InputErrors`` holds several)."""
    errors = getattr(exc, "errors", None) or [exc]
    return [
        Failure(str(path), _local(e.message, path), e.line, e.field, report_id)
        for e in errors
        if isinstance(e, InputError)
    ]


def _ids(reports: Iterable[Report]) -> list[int]:
    """The ids of reports read from or written to the store (each has one: the store set it)."""
    return [r.id for r in reports if r.id is not None]


def _record_failure(
    ws: Workspace, path: Path, sha: str, size: int, reason: str, data: bytes | None, opts: IngestOptions
) -> FileOutcome:
    """One transaction: the file's evidence row (its bytes, sealed just before, unless too large)
    and its failed intake."""
    now = datetime.now(UTC)
    if data is not None:
        store_bytes(ws.evidence_dir, data, ws.cipher)
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
    return FileOutcome(str(path), "failed", sha, None, _ids(rep[:1]), reason)


def _failed_file(
    ws: Workspace, path: Path, sha: str, size: int, exc: InputError, data: bytes, opts: IngestOptions
) -> FileOutcome:
    """A file no reader could read: a failed intake with its sealed bytes, or with ``strict``
    nothing written at all."""
    log.debug("ingest %s sha256=%s failed: %s", path.name, sha, type(exc).__name__)
    reason = _local(str(exc), path)  # the stored reason names the file by name, not by this machine's path
    if opts.strict:
        out = FileOutcome(str(path), "failed", sha, None, [], reason, stopped=True)
    else:
        out = _record_failure(ws, path, sha, size, reason, data, opts)
    out.failures = _failures(exc, path, out.report_ids[0] if out.report_ids else None)
    return out


# What a database raises on a value it cannot hold (a lone surrogate SQLite cannot encode, a NUL
# PostgreSQL refuses) once a reader let it through: that file fails, the batch goes on.
_REFUSED_VALUE = (DataError, ValueError)  # UnicodeEncodeError is a ValueError


def _refused_value(exc: Exception) -> bool:
    if isinstance(exc, StatementError) and not isinstance(exc, IntegrityError):
        return isinstance(exc, DataError) or isinstance(exc.orig, _REFUSED_VALUE)
    return isinstance(exc, ValueError)


def ingest_file(ws: Workspace, path: Path, opts: IngestOptions) -> FileOutcome:
    """Ingest one file in one transaction (see the module docstring).

    The file is parsed before its bytes are sealed, so a file that fails under ``strict`` leaves
    nothing behind. Raises ProtectedDataError without a key (originals are stored sealed), before
    any write.
    """
    ws.require_cipher()
    if not path.is_file():
        reason = f"{path.name}: no such file"
        return FileOutcome(
            str(path),
            "failed",
            reason=reason,
            failures=[Failure(str(path), "no such file")],
            stopped=opts.strict,
        )
    sha, size = sha256_file(path)
    with ws.session(opts.actor) as s:
        earlier = find_reports_by_sha256(s, sha)
    if earlier:
        kept = [r for r in earlier if r.status != "failed"]
        if not kept:
            first = earlier[0]
            reason = f"already recorded as failed intake #{first.id}: {first.failure_reason}"
            return FileOutcome(
                str(path),
                "failed",
                sha,
                None,
                _ids([first]),
                reason,
                failures=[Failure(str(path), reason, report_id=first.id)],
                stopped=opts.strict,
            )
        return FileOutcome(
            str(path),
            "duplicate",
            sha,
            None,
            _ids(earlier),
            f"same bytes as report #{kept[0].id} ({kept[0].file_name})",
        )
    if size > opts.max_bytes:
        reason = (
            f"{path.name}: file is {size / 1e6:.1f} MB, over the {opts.max_bytes / 1e6:g} MB limit "
            "(raise it with --max-size if this really is a report); hash and size recorded, "
            "bytes not kept"
        )
        if opts.strict:
            return FileOutcome(
                str(path), "failed", sha, reason=reason, failures=[Failure(str(path), reason)], stopped=True
            )
        out = _record_failure(ws, path, sha, size, reason, None, opts)
        out.failures = [Failure(str(path), reason, report_id=out.report_ids[0])]
        return out
    data = path.read_bytes()
    try:
        reader, channel, media_type, drafts = _drafts(path, data, opts)
    except InputError as exc:
        return _failed_file(ws, path, sha, size, exc, data, opts)
    # sealed, and before the transaction: a row never lacks its file
    store_bytes(ws.evidence_dir, data, ws.cipher)
    try:
        stored = _write(ws, path, sha, size, channel, media_type, drafts, opts)
    except IntegrityError:  # another process ingested the same bytes at the same moment
        with ws.session(opts.actor) as s:
            ids = _ids(find_reports_by_sha256(s, sha))
        return FileOutcome(str(path), "duplicate", sha, reader, ids, "ingested concurrently")
    except (StatementError, ValueError) as exc:
        if not _refused_value(exc):
            raise
        err = ParseError(
            f"the database refused a value this file holds ({type(exc).__name__}); "
            "its bytes are kept as evidence",
            path=path,
        )
        # the bytes are sealed already: recorded as a failed intake even under strict, never orphaned
        out = _failed_file(ws, path, sha, size, err, data, replace(opts, strict=False))
        out.stopped = opts.strict
        return out
    log.debug("ingest %s sha256=%s reader=%s reports=%d", path.name, sha, reader, len(stored))
    warnings = [_local(w, path) for d in drafts for w in d.warnings]
    for w in warnings:
        log.warning("ingest %s", w)
    failures = [
        f
        for d, st in zip(drafts, stored, strict=True)
        if d.failure is not None
        for f in _failures(d.failure, path, st.id)
    ]
    for f in failures:
        log.warning(
            "ingest %s:%s: record not read, kept as failed intake #%s", path.name, f.line, f.report_id
        )
    return FileOutcome(
        str(path),
        "stored",
        sha,
        reader,
        _ids(st for d, st in zip(drafts, stored, strict=True) if d.failure is None),
        warnings=warnings,
        failures=failures,
    )


def _write(
    ws: Workspace,
    path: Path,
    sha: str,
    size: int,
    channel: str,
    media_type: str,
    drafts: list[Draft],
    opts: IngestOptions,
) -> list[Report]:
    """The file's evidence row, its reports (a bad record as a failed intake in its place), the
    sources they name and the contacts they are: one transaction."""
    now = datetime.now(UTC)
    with ws.session(opts.actor) as s:
        add_evidence(
            s,
            Evidence(sha256=sha, media_type=media_type, size=size, captured_at=now, file_name=path.name),
        )
        source_ids: dict[str, int] = {}
        reports = []
        for part, d in enumerate(drafts):
            if d.failure is not None:
                reports.append(
                    Report(
                        sha256=sha,
                        file_name=path.name,
                        media_type=media_type,
                        size=size,
                        channel=channel,
                        received_at=now,
                        status="failed",
                        failure_reason=_local(str(d.failure), path),
                        part=part,
                    )
                )
                continue
            label = d.source or opts.source
            if label and label not in source_ids:
                made = get_or_create_source(
                    s, Source(label=label, kind=opts.source_kind if label == opts.source else "other")
                )
                assert made.id is not None  # found or stored just now
                source_ids[label] = made.id
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
                    published_precision=(
                        d.published_precision
                        if d.published_at
                        else (opts.published_precision if opts.published else None)
                    ),
                    language=d.language,
                    title=d.title,
                    body=d.body,
                    sender=d.sender,
                    part=part,
                    url=d.url,
                    metadata=d.metadata,
                )
            )
        stored = add_reports(s, reports)
        if any(r.sender is not None for r in reports):  # issue 8: a message is contact with its source
            from tawthiq.sources import message_contacts
            from tawthiq.store.sources import save_message_contacts

            sent = [(r, st, drafts[r.part].sent_at) for r, st in zip(reports, stored, strict=True)]
            save_message_contacts(
                s,
                message_contacts(
                    stored,
                    {st.id: r.sender for r, st, _ in sent if r.sender is not None and st.id is not None},
                    {st.id: at for _, st, at in sent if st.id is not None},
                ),
            )
    return stored


def ingest_paths(
    ws: Workspace,
    paths: Iterable[Path | str],
    opts: IngestOptions | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
) -> list[FileOutcome]:
    """Ingest every file under ``paths``; one transaction per file; a bad file (or a bad record
    of a multi-record file) is recorded as a failed intake and the batch goes on, unless
    ``opts.strict``: then it stops at the first, whose outcome has ``stopped`` set.

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
        if outcome.stopped:
            break
    return outcomes
