"""`tawthiq corroborate`, `tawthiq incidents`, `tawthiq incident ID`: build, list, show, override.

Parses, calls the use cases of ``tawthiq.app.corroborate`` (load claims, the pure
``tawthiq.corroborate`` stage, save), renders. Data to stdout (a table, or ``--json``), progress to stderr.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any

import typer

from tawthiq.cli._common import (
    DbOpt,
    JsonOpt,
    WorkspaceOpt,
    emit,
    err_console,
    id_parser,
    out_console,
    progress,
)
from tawthiq.entities import GRADES, Incident
from tawthiq.errors import InputError


def _day(value: str | None, field: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value!r} is not a date YYYY-MM-DD", field=field) from None


def _grade(value: str | None, field: str) -> str | None:
    if value is not None and value not in GRADES:
        raise InputError(f"{value!r} is not a grade; one of {', '.join(GRADES)}", field=field)
    return value


def incident_json(inc: Any, members: list[Any]) -> dict[str, Any]:
    """The incident as `--json` prints it (issue 4): claims in the CLAIMS.md form plus their report."""
    from tawthiq.corroborate import shown_rationale

    def claim(m: Any) -> dict[str, Any]:
        return {
            "id": m.claim.id,
            "role": m.role,
            **m.claim.contract(),
            "report": {
                "file": m.report.file,
                "sha256": m.report.sha256,
                "title": m.report.title,
                "url": m.report.url,  # the report's URL:, as written (issue 15 item 5)
            },
        }

    return {
        "id": inc.id,
        "key": inc.key,
        "kind": inc.kind,
        "grade": inc.effective_grade,
        "computed_grade": inc.grade,
        "grade_override": inc.grade_override,
        "override_reason": inc.override_reason,
        "rationale": shown_rationale(inc),
        "event_type": inc.event_type,
        "places": [p.contract() for p in inc.places],
        "time": inc.time.contract(),
        "fatalities": {
            "best": inc.fatalities.best,
            "low": inc.fatalities.low,
            "high": inc.fatalities.high,
            "rule": inc.fatalities.rule,
        },
        "origins": list(inc.origins),
        "outlets": list(inc.outlets),
        "claims": [claim(m) for m in members if m.role != "tally"],
        "tallies": [claim(m) for m in members if m.role == "tally"],
    }


def _toll(inc: Any) -> str:
    f = inc.fatalities
    if f.best is None and f.low is None and f.high is None:
        return ""
    span = f" ({f.low}–{f.high})" if f.high is not None and f.high != f.low else ""
    return f"{f.best if f.best is not None else f.low}{span}"


def _dates(inc: Any) -> str:
    return str(inc.time.text())


def corroborate(workspace: WorkspaceOpt = None, db: DbOpt = None, json_: JsonOpt = False) -> None:
    """(Re)build the incidents of the whole workspace from its claims; idempotent.

    Incidents whose claims did not change keep their ids; analyst overrides are kept.
    """
    from tawthiq.app.corroborate import corroborate as corroborate_workspace
    from tawthiq.store import open_workspace

    def loaded(claims: Any, reports: Any) -> None:
        err_console.print(f"{len(claims)} claim(s) from {len(reports)} report(s)", highlight=False)

    with open_workspace(workspace, db=db) as ws, progress("corroborating", json_=json_) as bar:

        @contextmanager
        def step(text: str) -> Iterator[None]:
            bar.update(description=text)
            yield

        done = corroborate_workspace(ws, step=step, on_loaded=loaded)
    result = done.result
    summary = {"claims": done.claims, "incidents": done.incidents, **result.as_dict()}
    emit(summary, json_, lambda _: out_console.print(
        f"{summary['incidents']} incident(s) from {summary['claims']} claim(s): "
        f"{result.created} new, {result.updated} updated, {result.unchanged} unchanged, "
        f"{result.deleted} removed; {result.overrides_kept} analyst override(s) kept",
        highlight=False,
    ))  # fmt: skip


def incidents(
    grade: Annotated[str | None, typer.Option(help=f"Only this grade: {', '.join(GRADES)}.")] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="Event type or family, e.g. attack.air_strike or attack.")
    ] = None,
    place: Annotated[str | None, typer.Option(help="A place name, any spelling (Ferdaws: Fardous).")] = None,
    since: Annotated[str | None, typer.Option(help="Only incidents ending on/after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only incidents starting on/before YYYY-MM-DD.")] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """List incidents: grade, place, dates, fatalities, origins, outlets."""
    from tawthiq.app.corroborate import list_incidents
    from tawthiq.store import open_workspace
    from tawthiq.store.incidents import incident_members

    _grade(grade, "--grade")
    d_since, d_until = _day(since, "--since"), _day(until, "--until")
    with open_workspace(workspace, db=db) as ws, ws.session(actor="cli:incidents") as s:
        found = list_incidents(s, grade=grade, event_type=type_, place=place, since=d_since, until=d_until)
        emit(found, json_, _incidents_table,
             as_json=lambda f: [incident_json(i, incident_members(s, i)) for i in f])  # fmt: skip


def _incidents_table(found: list[Incident]) -> None:
    from rich.table import Table

    table = Table(title=f"{len(found)} incident(s)")
    for col in ("id", "grade", "type", "place", "dates", "killed", "origins", "outlets"):
        table.add_column(col, overflow="fold")
    for i in found:
        table.add_row(
            str(i.id),
            i.effective_grade + (" *" if i.grade_override else ""),
            i.event_type,
            ", ".join(p.name for p in i.places[:2]),
            _dates(i),
            _toll(i),
            "; ".join(i.origins),
            str(len(i.outlets)),
        )
    out_console.print(table)
    if any(i.grade_override for i in found):
        err_console.print("* grade set by an analyst", highlight=False)


def incident(
    incident_id: Annotated[
        int,
        typer.Argument(
            help="Incident id (from `tawthiq incidents`).", parser=id_parser("incident", "tawthiq incidents")
        ),
    ],
    override: Annotated[
        str | None, typer.Option(help=f"Set the grade by hand: {', '.join(GRADES)} (needs --reason).")
    ] = None,
    reason: Annotated[str | None, typer.Option(help="Why: kept in the audit log.")] = None,
    clear_override: Annotated[
        bool, typer.Option("--clear-override", help="Go back to the computed grade (needs --reason).")
    ] = False,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Show one incident with its claims and quotes; or override its grade with a reason."""
    from tawthiq.app.corroborate import override_grade
    from tawthiq.store import open_workspace
    from tawthiq.store.browse import get_incident
    from tawthiq.store.incidents import incident_members

    _grade(override, "--override")
    if (override or clear_override) and not (reason and reason.strip()):
        raise InputError("an override needs a reason: --reason TEXT", field="--reason")
    if override and clear_override:
        raise InputError("use either --override GRADE or --clear-override", field="--override")
    with open_workspace(workspace, db=db) as ws, ws.session(actor="cli:incident") as s:
        if override or clear_override:
            overridden = override_grade(s, incident_id, override, reason or "")
            err_console.print(
                f"incident {incident_id}: grade set to {overridden.effective_grade}", highlight=False
            )
        inc = get_incident(s, incident_id, with_kind=True)
        if inc is None:
            raise InputError(f"no incident with id {incident_id}", field="ID")
        data = incident_json(inc, incident_members(s, inc))
    emit(data, json_, _render)


def _killed(f: dict[str, Any]) -> str:
    """The toll as a reader says it: never Python's ``None`` ("best None, low None, high None")."""
    if f["best"] is None and f["low"] is None and f["high"] is None:
        return "unknown"
    return ", ".join(f"{k} {'?' if f[k] is None else f[k]}" for k in ("best", "low", "high"))


def _render(d: dict[str, Any]) -> None:
    f = d["fatalities"]
    # values are printed as written (markup=False): a reason or a source label may hold brackets
    lines = [
        f"Incident {d['id']} · {d['event_type']} · grade {d['grade']}",
        f"places: {', '.join(p['name'] for p in d['places']) or 'unknown'}",
        f"time: {d['time']['start'] or '?'} – {d['time']['end'] or '?'} ({d['time']['precision']})",
        f"killed: {_killed(f)}",
        f"  rule: {f['rule']}",
        f"why: {d['rationale']}",
        f"origins: {'; '.join(d['origins'])}",
        f"outlets: {'; '.join(d['outlets'])}",
        "",
    ]
    for line in lines:
        out_console.print(line, highlight=False, markup=False)
    for c in [*d["claims"], *d["tallies"]]:
        who = c["attributed_to"] or "(own voice)"
        out_console.print(
            f"{c['role']} claim {c['id']} · {c['certainty']} · {who} · {c['report']['file']}",
            highlight=False,
            markup=False,
        )
        out_console.print(f"  “{c['quote']}”", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    app.command("corroborate")(corroborate)
    app.command("incidents")(incidents)
    app.command("incident")(incident)


__all__ = ["incident_json", "register"]
