"""The demo's later steps: the same commands a user runs, on the demo workspace, in order.

In: a :class:`~tawthiq.demo.DemoContext` (the freshly ingested demo workspace).
Out: summary entries, appended to :data:`tawthiq.demo.STEPS` when this module is imported.
Never: does a stage's work itself — each step calls the CLI command a documenter would type
(``extract``, ``corroborate``, ``people import``/``link``, ``estimate``, …) with ``--json`` and
reads its answer, so the demo shows exactly what the commands do.
"""

from __future__ import annotations

import contextlib
import io
import json
import secrets
from collections import Counter
from collections.abc import Callable
from typing import Any

import typer

from tawthiq.demo import STEPS, DemoContext, Step
from tawthiq.errors import WorkspaceError

__all__ = ["DEMO_LISTS", "DEMO_USER"]

DEMO_USER = "demo"
# (file in tawthiq/demo/lists, list name): three lists of the killed and a missing-persons list
DEMO_LISTS = (
    ("aleppo_killed_vdc.csv", "vdc-aleppo"),
    ("aleppo_victims_en.xlsx", "victims-en"),
    ("aleppo_field_hospital.jsonl", "field-hospital"),
    ("aleppo_missing.csv", "missing-aleppo"),
)


def _json(command: Callable[..., None], **kwargs: Any) -> Any:
    """Run a CLI command function with its ``--json`` flag and return what it printed."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            command(**kwargs)
    except typer.Exit as exc:
        if exc.exit_code:
            raise WorkspaceError(f"demo step failed: {command.__name__} exited {exc.exit_code}") from None
    return json.loads(out.getvalue())


def _extract(ctx: DemoContext) -> dict[str, Any]:
    from tawthiq.cli.extract import extract

    ctx.log("extracting claims …")
    rows = _json(extract, workspace=ctx.path, json_=True)
    return {"claims": sum(r["stored"] for r in rows)}


def _corroborate(ctx: DemoContext) -> dict[str, Any]:
    from tawthiq.cli.corroborate import corroborate, incidents

    ctx.log("grouping claims into incidents and grading them …")
    _json(corroborate, workspace=ctx.path, json_=True)
    found = _json(incidents, workspace=ctx.path, json_=True)
    grades = Counter(i["grade"] for i in found)
    return {"incidents": len(found), "grades": dict(sorted(grades.items()))}


def _people(ctx: DemoContext) -> dict[str, Any]:
    from tawthiq.cli.people import import_list, link, persons, review
    from tawthiq.demo import LISTS

    for file, name in DEMO_LISTS:
        ctx.log(f"importing list {name} …")
        _json(import_list, file=LISTS / file, list_name=name, yes=True, workspace=ctx.path, as_json=True)
    ctx.log("linking records into persons (splink) …")
    linked = _json(link, workspace=ctx.path, as_json=True)
    people = _json(persons, workspace=ctx.path, as_json=True)
    queue = _json(review, workspace=ctx.path, as_json=True)
    return {
        "person records": linked["records"],
        "unique persons": len(people),
        "pairs to review": len(queue),
    }


def _missing_and_sources(ctx: DemoContext) -> dict[str, Any]:
    from tawthiq.cli.pfif import missing_list
    from tawthiq.cli.sources import checkin, list_, overdue

    missing = _json(missing_list, workspace=ctx.path, json_=True)
    for src in _json(list_, workspace=ctx.path, json_=True):
        if src["kind"] == "individual":  # the chat senders: expected to check in every two days
            checkin(source_id=src["id"], days=2, workspace=ctx.path)
    late = _json(overdue, workspace=ctx.path, json_=True)
    return {
        "missing persons": len(missing),
        "sources overdue": f"{len(late)} ({sum(o['priority'] == 'urgent' for o in late)} urgent)",
    }


def _estimate(ctx: DemoContext) -> dict[str, Any]:
    from tawthiq.cli.estimate import Method, estimate

    ctx.log("estimating the undocumented dead (LCMCR and log-linear) …")
    fits = _json(
        estimate, method=Method.all, status="killed", iterations=20_000, chains=2, workspace=ctx.path,
        json_out=True,
    )  # fmt: skip
    return {
        f"estimate ({f['method']})": f"{f['N']:.0f} killed, 95% interval {f['low']:.0f}–{f['high']:.0f} "
        f"({f['observed']} documented)"
        for f in fits
    }


def _user(ctx: DemoContext) -> dict[str, Any]:
    from tawthiq.store import users

    password = secrets.token_urlsafe(15)  # 20 characters: over the 15 the rules ask
    with ctx.workspace.session(actor="demo") as s:
        users.add_user(s, DEMO_USER, "admin", password)
    return {"web login": f"{DEMO_USER} / {password}"}


STEPS.extend(
    [
        Step("extract", _extract),
        Step("corroborate", _corroborate),
        Step("people", _people),
        Step("missing and sources", _missing_and_sources),
        Step("estimate", _estimate),
        Step("web user", _user),
    ]
)
