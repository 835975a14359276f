"""`tawthiq sources …`: protected sources, their contact log, and who has gone silent.

Thin layer over ``app.sources`` (and the store's reads). Identities and contacts are read
from a hidden prompt (never from the command line, where shell history would keep them) and
are shown only with ``--reveal --reason "…"`` and the key; the store records each source shown
as an ``evidence.view`` custody event with the reason.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import typer
from rich.table import Table

from tawthiq.cli._common import (
    DbOpt,
    JsonOpt,
    ReasonOpt,
    WorkspaceOpt,
    emit,
    err_console,
    out_console,
    reveal_disclosure,
)
from tawthiq.entities import SOURCE_KINDS, Protected, Source
from tawthiq.errors import InputError

__all__ = ["register"]

sources_app = typer.Typer(
    help="Sources at risk: protected identities, contact log, overdue check-ins (admins and documenters).",
    no_args_is_help=True,
)
SOURCE_HELP = "Source id or label (exact, else case-insensitive)."


def _when(value: str | None, field: str) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"{value!r} is not an ISO date or date-time (YYYY-MM-DD[THH:MM])", field=field
        ) from None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


@sources_app.command("add")
def add(
    label: Annotated[str, typer.Argument(help="Public label (a code name, never the real name).")],
    kind: Annotated[str, typer.Option(help=f"One of {', '.join(SOURCE_KINDS)}.")] = "individual",
    checkin_days: Annotated[int | None, typer.Option(help="Expected check-in interval in days.")] = None,
    origin_group: Annotated[
        str | None, typer.Option(help="Origin group (a wire and its subscribers).")
    ] = None,
    identity: Annotated[
        bool, typer.Option("--identity", help="Prompt (hidden) for the real identity; stored encrypted.")
    ] = False,
    contact: Annotated[bool, typer.Option("--contact", help="Prompt (hidden) for contact details.")] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Register a source (or update its interval); identity and contact are prompted, hidden."""
    from tawthiq.app.sources import add_source
    from tawthiq.store import open_workspace

    if kind not in SOURCE_KINDS:
        raise InputError(f"{kind!r} is not one of {', '.join(SOURCE_KINDS)}", field="kind")
    ident = Protected(typer.prompt("identity", hide_input=True)) if identity else None
    cont = Protected(typer.prompt("contact", hide_input=True)) if contact else None
    with open_workspace(workspace, db) as ws:
        src = add_source(
            ws,
            Source(
                label=label,
                kind=kind,
                origin_group=origin_group,
                identity=ident,
                contact=cont,
                checkin_days=checkin_days,
            ),
        )
    emit(src, json_, lambda s: err_console.print(
        f"source {s.id} '{s.label}'" + (f", check-in every {checkin_days} day(s)" if checkin_days else "")
    ), as_json=lambda s: s.model_dump(mode="json"))  # fmt: skip


@sources_app.command("list")
def list_(
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    reveal: Annotated[
        bool,
        typer.Option("--reveal", help="Show identities and contacts (needs the key and --reason)."),
    ] = False,
    reason: ReasonOpt = None,
) -> None:
    """Every source with its kind, origin group and check-in interval."""
    from tawthiq.store import list_sources, open_workspace

    disclosure = reveal_disclosure(reveal, reason)
    with open_workspace(workspace, db) as ws, ws.session() as s:
        # issue 9: the store records each source shown as an evidence.view custody event
        rows = list_sources(s, reveal=disclosure)
    data = [
        {
            **r.model_dump(mode="json", exclude={"identity", "contact"}),
            **(
                {
                    "identity": r.identity.reveal() if r.identity else None,
                    "contact": r.contact.reveal() if r.contact else None,
                }
                if reveal
                else {}
            ),
        }
        for r in rows
    ]
    emit(data, json_, lambda d: _sources_table(d, reveal))


def _sources_table(data: list[dict[str, Any]], reveal: bool) -> None:
    table = Table(
        "id", "label", "kind", "origin group", "check-in (days)", *(("identity",) if reveal else ())
    )
    for d in data:
        table.add_row(
            str(d["id"]),
            d["label"],
            d["kind"],
            d["origin_group"] or "",
            str(d["checkin_days"] or ""),
            *((d["identity"] or "",) if reveal else ()),
        )
    out_console.print(table)


@sources_app.command("checkin")
def checkin(
    source: Annotated[str, typer.Argument(help=SOURCE_HELP)],
    days: Annotated[int, typer.Option(help="Expected check-in interval in days.")],
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Set how often a source is expected to check in."""
    from tawthiq.app.sources import set_checkin
    from tawthiq.store import open_workspace

    with open_workspace(workspace, db) as ws:
        source_id = set_checkin(ws, source, days)
    err_console.print(f"source {source_id}: check-in every {days} day(s)")
    emit({"source_id": source_id, "checkin_days": days}, json_, lambda _: None)


@sources_app.command("contact")
def contact(
    source: Annotated[str, typer.Argument(help=SOURCE_HELP)],
    at: Annotated[str | None, typer.Option(help="When (ISO); default now.")] = None,
    channel: Annotated[str, typer.Option(help="phone, signal, whatsapp, in person …")] = "manual",
    note: Annotated[
        bool, typer.Option("--note", help="Prompt (hidden) for a note; stored encrypted.")
    ] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Log a contact with a source (a call, a check-in): it resets the overdue clock."""
    from tawthiq.app.sources import log_contact
    from tawthiq.store import open_workspace

    text = typer.prompt("note", hide_input=True) if note else None
    with open_workspace(workspace, db) as ws:
        c = log_contact(ws, source, _when(at, "at"), channel=channel, note=text)
    err_console.print(f"contact {c.id} logged for source {c.source_id} at {c.at:%Y-%m-%d %H:%M}")
    emit({"id": c.id, "source_id": c.source_id, "at": c.at.isoformat(), "channel": c.channel,
          "farewell": c.farewell}, json_, lambda _: None)  # fmt: skip


@sources_app.command("log")
def log(
    source: Annotated[str, typer.Argument(help=SOURCE_HELP)],
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """A source's contact log, newest first (times, channels, farewell signals; never the messages)."""
    from tawthiq.app.sources import contacts
    from tawthiq.store import open_workspace

    with open_workspace(workspace, db) as ws:
        _, rows = contacts(ws, source)
    data = [
        {
            "id": c.id,
            "at": c.at.isoformat(),
            "channel": c.channel,
            "report_id": c.report_id,
            "farewell": c.farewell,
        }
        for c in rows
    ]
    emit(data, json_, _contacts_table)


def _contacts_table(data: list[dict[str, Any]]) -> None:
    table = Table("at", "channel", "report", "farewell")
    for d in data:
        table.add_row(d["at"], d["channel"], str(d["report_id"] or ""), d["farewell"] or "")
    out_console.print(table)


@sources_app.command("overdue")
def overdue(
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
    now: Annotated[str | None, typer.Option(help="Reckon as of this time (ISO); default now.")] = None,
) -> None:
    """Sources past their expected check-in: urgent (last message a farewell) first, then longest overdue."""
    from tawthiq.app.sources import overdue as overdue_sources
    from tawthiq.store import open_workspace

    with open_workspace(workspace, db) as ws:
        rows = overdue_sources(ws, _when(now, "now"))
    emit(rows, json_, _overdue_table, as_json=lambda rs: [r.model_dump(mode="json") for r in rs])


def _overdue_table(rows: list[Any]) -> None:
    table = Table("priority", "source", "label", "last heard", "expected by", "overdue", "farewell")
    for r in rows:
        table.add_row(
            r.priority,
            str(r.source_id),
            r.label,
            f"{r.last_contact:%Y-%m-%d %H:%M}" if r.last_contact else "never",
            f"{r.expected_by:%Y-%m-%d %H:%M}",
            _span(r.overdue_hours, r.expected_by),
            r.farewell or "",
        )
    out_console.print(table)
    err_console.print(f"{len(rows)} source(s) overdue")


def _span(hours: float, expected_by: datetime) -> str:
    """How late a source is; past a month, since when (a workspace of 2016 reports read today is
    not usefully "3,643.3 days" late: the date says it; ``--json`` keeps ``overdue_hours``)."""
    from tawthiq.sources import LONG_OVERDUE_DAYS

    if hours >= LONG_OVERDUE_DAYS * 24:
        return f"yes, since {expected_by:%Y-%m-%d}"
    return f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.0f} h"


def register(app: typer.Typer) -> None:
    app.add_typer(sources_app, name="sources")
