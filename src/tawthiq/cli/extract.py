"""``tawthiq extract``: claims from English and Arabic reports, one file or every report in a workspace.

In: ``FILE --published YYYY-MM-DD`` (no workspace needed), or no FILE inside a workspace.
Out: with FILE, exactly the object of ../shared/eval/CLAIMS.md on stdout (``--json``) or a table;
in a workspace, the claims are saved per report (re-runnable: unreviewed machine claims are replaced,
reviewed ones kept) and a summary printed. Progress and notices go to stderr.
Never: prints a traceback for bad input (exit 1 with a one-line error naming file and field).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tawthiq.cli._common import (
    DbOpt,
    JsonOpt,
    WorkspaceOpt,
    emit,
    err_console,
    out_console,
    progress,
)
from tawthiq.errors import EncodingError, InputError

if TYPE_CHECKING:
    from tawthiq.ingest import Header

__all__ = ["read_report_file", "register"]

MAX_FILE_BYTES = 5 * 1024 * 1024  # one report; a 20 MB file is a dump, not a report


def read_report_file(path: Path) -> tuple[str, str | None]:
    """(text, title) of a report file, decoded with charset detection.

    The title is the header block's ``TITLE:``, else the first line of the body by ingest's own
    rule (``first_line_title``: a first line over 300 characters is no headline), so a file gets
    the title ``tawthiq ingest --published-from-header`` stores for it.
    """
    text, _header, title = _read_report(path)
    return text, title


def _read_report(path: Path) -> tuple[str, Header, str | None]:
    """(text, header, title) of a report file: :func:`read_report_file` with the header block it
    read, so ``extract FILE`` takes its date from it without reading it again."""
    from charset_normalizer import from_bytes

    from tawthiq.ingest import first_line_title, read_header

    if not path.exists():
        raise InputError("no such file", path=path)
    if path.is_dir():
        raise InputError("is a folder, not a report file", path=path)
    size = path.stat().st_size
    if size == 0:  # ingest's words and exit code: a 0-byte file is no report (was "no text below the header")
        raise InputError("empty file (0 bytes)", path=path)
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"file is {size / 1e6:.1f} MB; one report may be at most {MAX_FILE_BYTES // 2**20} MB "
            "(split it, or ingest it into a workspace)",
            path=path,
        )
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise EncodingError("binary data, not text (NUL bytes)", path=path)
    best = from_bytes(data).best()
    if best is None:
        raise EncodingError("not text in any encoding we recognise", path=path)
    text = str(best)
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    if text and controls / min(len(text), 20000) > 0.05:
        raise EncodingError("binary data, not text (control characters)", path=path)
    header = read_header(text, str(path))
    return text, header, header.title or first_line_title(text[header.body_start :])


_KINDS = {
    "whatsapp": "a WhatsApp export",
    "jsonl": "a JSON-lines file",
    "email": "an e-mail",
    "html": "a web page",
}


def _one_report(path: Path) -> Any:
    """The one report ingest reads from a file that is not plain text (HTML, e-mail, a WhatsApp
    export or JSON lines), as ``tawthiq ingest --published-from-header`` stores it: the article's
    text, the message's body, never the e-mail's headers or a chat's senders (protected). None for a
    plain text (read whole, as the CLAIMS.md spans are). A file of several reports is refused,
    naming the file: the claims contract is one report's.
    """
    from tawthiq.ingest import pick_reader, read_file

    with path.open("rb") as fh:
        head = fh.read(4096)
    reader = pick_reader(path, head)
    if reader.name == "text":
        return None
    drafts = read_file(path, from_header=True)
    good = [d for d in drafts if d.failure is None]
    if len(drafts) != 1 or not good:
        raise InputError(
            f"{_KINDS.get(reader.name, reader.name)} of {len(drafts)} reports: `tawthiq extract FILE` "
            "reads one report; "
            "ingest it (`tawthiq ingest FILE`) and run `tawthiq extract` in the workspace",
            path=path,
        )
    return good[0]


def _published(value: str | None) -> date | None:
    from tawthiq.extract import parse_published

    return parse_published(value, field="--published") if value is not None else None


def extract(
    file: Annotated[
        Path | None, typer.Argument(help="A report text file. Omit inside a workspace.", show_default=False)
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published", help="Publication date YYYY-MM-DD (anchors 'yesterday', 'late on Monday')."
        ),
    ] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Extract claims (event, place, time, tolls, who says so, how sure) from English and Arabic reports.

    With a FILE, the date is --published, else the file's DATE: header; with neither, relative
    times ("on Monday") stay unknown (never today's date).
    """
    from tawthiq.app.extract import UNREAD_LANGUAGE, nothing_to_read, unread_language
    from tawthiq.entities import date_text
    from tawthiq.extract import extract_claims_in_period
    from tawthiq.ingest import Header, detect_language
    from tawthiq.text.bidi import strip_bidi

    pub = _published(published)
    if file is None:
        _extract_workspace(workspace, db, pub, json_)
        return
    text, header, title = _read_report(file)
    draft = _one_report(file)
    if draft is not None:  # HTML, e-mail, a chat export or JSON lines: the report ingest would store
        text, title = draft.body, draft.title
        header = Header(
            published_at=draft.published_at,
            published_precision=draft.published_precision or ("day" if draft.published_at else None),
            warnings=draft.warnings,
        )
    title = (strip_bidi(title) or None) if title else None  # as a workspace stores it (entities.Report)
    for warning in header.warnings:
        err_console.print(f"warning: {warning}", highlight=False, soft_wrap=True, markup=False)
    precision = "day" if pub is not None else header.published_precision
    pub = pub or header.published_at
    # what a workspace would store and read: the text below the header block (a header alone, whose
    # keys are Latin letters, made a file of dashes "English" here while a workspace said it was neither)
    body = text[header.body_start :]
    if pub is None and nothing_to_read(body) is None:  # as in a workspace: only a read text
        why = "its DATE: header is not a date" if header.warnings else "no --published, no DATE: header"
        err_console.print(
            f"{file}: no publication date ({why}): times that depend on it are unknown",
            highlight=False,
            soft_wrap=True,
            markup=False,
        )
    claims: list[Any] = []
    nothing = nothing_to_read(body)  # the words a workspace notes the same report with
    if nothing is not None:
        err_console.print(f"{file}: {nothing}", highlight=False, soft_wrap=True, markup=False)
    else:
        claims = extract_claims_in_period(text, pub, precision, title=title)
        if not claims and unread_language(text, detect_language(text)):
            err_console.print(f"{file}: {UNREAD_LANGUAGE}", highlight=False, soft_wrap=True, markup=False)
    emit(claims, json_, lambda cs: _claims_table(cs, file), as_json=lambda cs: {
        "report": {"title": title, "published": date_text(pub, precision) if pub else None},
        "claims": [c.contract() for c in cs],
    })  # fmt: skip


def _claims_table(claims: list[Any], file: Path) -> None:
    from rich.table import Table

    table = Table(title=f"{len(claims)} claim(s) in {file.name}")
    for col in ("kind", "event", "places", "time", "killed", "attributed to", "certainty"):
        table.add_column(col)
    for c in claims:
        f = c.fatalities
        table.add_row(
            c.kind,
            c.event_type,
            ", ".join(p.name for p in c.places),
            c.time.start.isoformat() if c.time.start else "",
            ""
            if f is None
            else f"{f.low if f.low is not None else ''}"
            f"{'–' + str(f.high) if f.high not in (None, f.low) else ''} ({f.qualifier})",
            c.attributed_to or "",
            c.certainty,
        )
    out_console.print(table)


def _extract_workspace(workspace: Path | None, db: str | None, pub: date | None, json_: bool) -> None:
    from tawthiq.app.extract import ReportExtraction, extract_workspace
    from tawthiq.store import open_workspace

    with open_workspace(workspace, db=db) as ws, progress("extracting claims", json_=json_) as bar:

        def done(x: ReportExtraction) -> None:
            if x.note:
                shown = f"report {x.report_id} ({x.file}): {x.note}"
                err_console.print(shown, highlight=False, soft_wrap=True)
            bar.advance()

        results = extract_workspace(ws, published=pub, on_total=lambda n: bar.update(total=n), on_report=done)
    emit([x.as_dict() for x in results], json_, _summary_lines)


def _summary_lines(summary: list[dict[str, Any]]) -> None:
    total = sum(x["claims"] for x in summary)
    err_console.print(
        f"{total} claim(s) extracted from {len(summary)} report(s)", highlight=False, soft_wrap=True
    )
    for x in summary:
        out_console.print(
            f"{x['report_id']}\t{x['claims']}\t{x['file'] or ''}", highlight=False, soft_wrap=True
        )


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
