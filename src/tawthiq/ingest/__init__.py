"""ingest: files in, Reports out — plain text, HTML, e-mail, WhatsApp exports, JSON lines, folders.

In: paths and a workspace. Out: ``Report`` rows (one per document or chat message), their
original bytes as evidence, and a :class:`FileOutcome` per file (stored, duplicate, failed).
Never: drops input (what cannot be parsed is stored as a failed intake with its reason),
never stores or logs a protected value in clear (chat senders, e-mail From:).

Readers are pluggy plugins (hook ``tawthiq_ingest_readers``); the built-ins are registered the
same way. :func:`read_file` is the pure part (bytes → drafts) for stages that only need text.

    from tawthiq.ingest import IngestOptions, ingest_paths
    outcomes = ingest_paths(ws, ["reports/"], IngestOptions(source="SOHR", from_header=True))
"""

from pathlib import Path

from tawthiq.errors import InputError
from tawthiq.ingest._headers import Header, parse_report_date, read_header
from tawthiq.ingest._jsonl import load_json_line
from tawthiq.ingest._plain import first_line_title
from tawthiq.ingest._plugins import hookimpl, pick_reader, readers
from tawthiq.ingest._run import (
    DEFAULT_MAX_BYTES,
    Failure,
    FileOutcome,
    IngestOptions,
    check_timezone,
    ingest_file,
    ingest_paths,
    iter_files,
)
from tawthiq.ingest._text import decode_text, detect_language
from tawthiq.ingest._types import Draft, ReadContext, Reader

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Draft",
    "Failure",
    "FileOutcome",
    "Header",
    "IngestOptions",
    "ReadContext",
    "Reader",
    "check_timezone",
    "decode_text",
    "detect_language",
    "first_line_title",
    "hookimpl",
    "ingest_file",
    "ingest_paths",
    "iter_files",
    "load_json_line",
    "parse_report_date",
    "pick_reader",
    "read_file",
    "read_header",
    "readers",
]


def read_file(path: Path | str, *, from_header: bool = False, chat_date_order: str = "auto") -> list[Draft]:
    """Parse one file without storing it (pure apart from reading the file)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or type(exc).__name__})", path=p) from None
    reader = pick_reader(p, data[:4096])
    return reader.read(
        ReadContext(path=p, data=data, from_header=from_header, chat_date_order=chat_date_order)
    )
