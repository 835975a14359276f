"""`tawthiq claims …`: list claims, review them one by one, approve or reject them (one, several, all).

Thin layer: parse options, call ``tawthiq.app.claims`` (the same use cases the web's claim
review calls: same audit events, same roles), render. Data to stdout (``--json`` prints the
model the API returns), prompts and messages to stderr. Only the interactive review screen
shows a claim's quote, to the reviewer at the terminal.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table as RichTable

from tawthiq.cli._common import (
    AsOpt,
    DbOpt,
    JsonOpt,
    WorkspaceOpt,
    cli_operator,
    emit,
    err_console,
    id_parser,
    out_console,
)
from tawthiq.entities import MAX_ID, REVIEW_STATUSES, Claim, Report
from tawthiq.errors import InputError

if TYPE_CHECKING:
    from tawthiq.store import Workspace

__all__ = ["register"]
_CLAIM_ID = id_parser("claim", "tawthiq claims")

claims_app = typer.Typer(
    name="claims",
    help="Review machine-extracted claims: only accepted or corrected claims are ever published.",
    no_args_is_help=True,
)

ReviewReason = Annotated[
    str | None,
    typer.Option("--reason", help="Why (kept in the audit log with each decision).", show_default=False),
]


def _open(workspace: Path | None, db: str | None):
    from tawthiq.store import open_workspace

    return open_workspace(workspace, db)


def _when(c: Claim) -> str:
    return c.time.text()  # a span or a month as such, not only its first day


def _killed(c: Claim) -> str:
    f = c.fatalities
    if f is None:
        return ""
    if f.low is not None and f.high is not None and f.low != f.high:
        return f"{f.low}–{f.high}"
    n = f.low if f.low is not None else f.high
    return "" if n is None else (f"{n}" if f.qualifier == "exact" else f"{f.qualifier} {n}")


@claims_app.command("list")
def list_cmd(
    status: Annotated[
        str, typer.Option("--status", help=f"all, or one of: {', '.join(REVIEW_STATUSES)}.")
    ] = "unreviewed",
    limit: Annotated[int | None, typer.Option(min=0, max=MAX_ID, help="At most this many claims.")] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """List claims by review status (default: the unreviewed ones waiting for a reviewer)."""
    from tawthiq.app.claims import list_claims

    with _open(workspace, db) as ws:
        claims, total = list_claims(ws, status, limit=limit)

    def _table(claims: list[Claim]) -> None:
        table = RichTable("id", "status", "event type", "place", "date", "killed", "certainty", "report")
        for c in claims:
            place = c.places[0].name if c.places else ""
            table.add_row(str(c.id), c.review_status, c.event_type, place, _when(c), _killed(c),
                          c.certainty, str(c.report_id or ""))  # fmt: skip
        out_console.print(table)
        err_console.print(f"{len(claims)} of {total} {status} claim(s)", highlight=False)

    emit(claims, json_, _table,
         as_json=lambda cs: {"items": [c.model_dump(mode="json") for c in cs], "total": total})  # fmt: skip


def _show(n: int, total: int, c: Claim, report: Report | None) -> None:
    table = RichTable(title=f"claim {c.id} ({n} of {total})", title_justify="left", show_header=False)
    table.add_column("field", style="dim")
    table.add_column("value")
    rows = {
        "quote": c.quote,
        "report": f"{report.id}: {report.title or report.file_name or ''}" if report else "",
        "event type": c.event_type,
        "places": "; ".join(p.name for p in c.places),
        "date": _when(c),
        "killed": _killed(c),
        "attributed to": c.attributed_to or "",
        "certainty": c.certainty,
        "method": f"{c.method} (confidence {c.confidence:.2f})" if c.confidence is not None else c.method,
    }
    for k, v in rows.items():
        if v:
            table.add_row(k, escape(str(v)))
    err_console.print(table)


_ANSWERS = {"a": "accept", "r": "reject", "s": "skip", "q": "quit"}


@claims_app.command("review")
def review_cmd(
    limit: Annotated[
        int | None, typer.Option(min=0, max=MAX_ID, help="Review at most this many claims.")
    ] = None,
    reason: ReviewReason = None,
    as_user: AsOpt = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Review unreviewed claims one by one: the quote, its report and what was extracted.

    Answer a (accept), r (reject), s (skip) or q (quit). Each answer is stored at once and
    audit-logged (reviewer or above). `--json` lists the queue instead.
    """
    from tawthiq.app.claims import review_queue

    with _open(workspace, db) as ws:
        emit(review_queue(ws, limit), json_, lambda q: _review_screen(ws, q, as_user, reason),
             as_json=lambda q: [{**c.model_dump(mode="json"), "report_title": r.title if r else None}
                                for c, r in q])  # fmt: skip


def _review_screen(
    ws: Workspace, queue: list[tuple[Claim, Report | None]], as_user: str | None, reason: str | None
) -> None:
    """Without ``--json``, the review queue is rendered as the interactive screen (reviewer or above)."""
    from tawthiq.app.claims import review_claim
    from tawthiq.app.roles import require_role

    operator = cli_operator(ws, as_user)
    require_role(operator, "review_claim")
    if not queue:
        err_console.print("No claim waits for review.")
        return
    tally = {"accept": 0, "reject": 0, "skip": 0}
    for n, (claim, report) in enumerate(queue, start=1):
        _show(n, len(queue), claim, report)
        answer = typer.prompt("[a]ccept / [r]eject / [s]kip / [q]uit", default="s", err=True)
        while answer.strip().lower()[:1] not in _ANSWERS:
            answer = typer.prompt("please answer a, r, s or q", default="s", err=True)
        choice = _ANSWERS[answer.strip().lower()[:1]]
        if choice == "quit":
            break
        tally[choice] += 1
        if choice != "skip":
            assert claim.id is not None  # read from the store
            review_claim(ws, claim.id, choice, operator, reason=reason)
    out_console.print(f"{tally['accept']} accepted, {tally['reject']} rejected, {tally['skip']} skipped",
                      highlight=False)  # fmt: skip


def _need_reason(reason: str | None) -> str:
    if not reason or not reason.strip():
        raise InputError("say why with --reason (kept in the audit log)", field="--reason")
    return reason


def _decided(claims: list[Claim], verb: str, json_: bool) -> None:
    emit(claims, json_,
         lambda cs: typer.echo(f"{verb} {len(cs)} claim(s): {', '.join(str(c.id) for c in cs)}"),
         as_json=lambda cs: {"items": [c.model_dump(mode="json") for c in cs], "count": len(cs)})  # fmt: skip


@claims_app.command("approve")
def approve_cmd(
    ids: Annotated[
        list[int] | None, typer.Argument(metavar="[ID]...", help="Claim ids.", parser=_CLAIM_ID)
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Accept every unreviewed claim (a trusted batch).")
    ] = False,
    reason: ReviewReason = None,
    as_user: AsOpt = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Accept claims so they may be published: the given ids, or `--all` unreviewed ones.

    Needs `--reason`; each acceptance is audit-logged (`claim.accepted`) with it. One transaction:
    an unknown id accepts nothing.
    """
    from tawthiq.app.claims import approve_all, review_claims

    why = _need_reason(reason)
    if all_ and ids:
        raise InputError("give claim ids or --all, not both", field="--all")
    with _open(workspace, db) as ws:
        operator = cli_operator(ws, as_user)
        if all_:
            n = approve_all(ws, operator, why)
            emit({"accepted": n}, json_, lambda _: typer.echo(f"accepted {n} unreviewed claim(s)"))
            return
        _decided(review_claims(ws, ids or [], "accept", operator, reason=why), "accepted", json_)


@claims_app.command("reject")
def reject_cmd(
    ids: Annotated[list[int], typer.Argument(metavar="ID...", help="Claim ids.", parser=_CLAIM_ID)],
    reason: ReviewReason = None,
    as_user: AsOpt = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Reject claims (wrong extraction, not harm to civilians …): never published. Needs `--reason`."""
    from tawthiq.app.claims import review_claims

    why = _need_reason(reason)
    with _open(workspace, db) as ws:
        operator = cli_operator(ws, as_user)
        _decided(review_claims(ws, ids, "reject", operator, reason=why), "rejected", json_)


def register(app: typer.Typer) -> None:
    app.add_typer(claims_app, name="claims")
