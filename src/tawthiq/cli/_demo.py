"""The demo's later steps: the same use cases a user's commands run, on the demo workspace, in order.

In: a :class:`~tawthiq.demo.DemoContext` (the freshly ingested demo workspace).
Out: :data:`DEMO_STEPS`, every step of ``tawthiq demo`` (``run_demo(..., steps=DEMO_STEPS)``),
each returning its summary entries.
Never: does a stage's work itself — each step calls the use case (``tawthiq.app``) behind the
command a documenter would type (``extract``, ``corroborate``, ``people import``/``link``,
``estimate``, …), so the demo shows exactly what the commands do; never changes module state
when imported.
"""

from __future__ import annotations

import secrets
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from tawthiq.demo import STEPS, DemoContext, Step
from tawthiq.errors import InputError

__all__ = ["DEMO_LISTS", "DEMO_STEPS", "DEMO_USER"]

DEMO_USER = "demo"
# (file in tawthiq/demo/lists, list name): three lists of the killed and a missing-persons list
DEMO_LISTS = (
    ("aleppo_killed_vdc.csv", "vdc-aleppo"),
    ("aleppo_victims_en.xlsx", "victims-en"),
    ("aleppo_field_hospital.jsonl", "field-hospital"),
    ("aleppo_missing.csv", "missing-aleppo"),
)


def _extract(ctx: DemoContext) -> dict[str, Any]:
    from tawthiq.app.extract import extract_workspace

    ctx.log("extracting claims …")
    done = extract_workspace(ctx.workspace)
    return {"claims": sum(x.stored for x in done)}


def _corroborate(ctx: DemoContext) -> dict[str, Any]:
    from tawthiq.app.corroborate import corroborate, list_incidents

    ctx.log("grouping claims into incidents and grading them …")
    corroborate(ctx.workspace)
    with ctx.workspace.session(actor="cli:incidents") as s:
        found = list_incidents(s)
    grades = Counter(i.effective_grade for i in found)
    return {"incidents": len(found), "grades": dict(sorted(grades.items()))}


def _people(ctx: DemoContext) -> dict[str, Any]:
    from tawthiq.app.people import import_list, link, load_persons, review_queue
    from tawthiq.demo import LISTS
    from tawthiq.people import build_records, guess_mapping, read_table

    for file, name in DEMO_LISTS:
        ctx.log(f"importing list {name} …")
        path = LISTS / file
        table = read_table(path)
        mapping = guess_mapping(table.headers, table.rows)  # the bundled lists' headers are all known
        if not mapping:
            raise InputError(f"no column header is known (headers: {', '.join(table.headers)})", path=path)
        result = build_records(table, mapping, name)
        if not result.records:
            raise InputError(f"no good rows among {result.rows}; nothing stored", path=path)
        import_list(ctx.workspace, name, result.records, file_name=path.name, sha256=table.sha256,
                    mapping=mapping)  # fmt: skip
    ctx.log("linking records into persons (splink) …")
    linked = link(ctx.workspace)
    persons, _ = load_persons(ctx.workspace)
    queue, _ = review_queue(ctx.workspace)
    return {
        "person records": linked.counts.records,
        "unique persons": len(persons),
        "pairs to review": len(queue),
    }


def _missing_and_sources(ctx: DemoContext) -> dict[str, Any]:
    from tawthiq.app.missing import load_missing
    from tawthiq.app.sources import overdue, set_checkin
    from tawthiq.store import list_sources

    with ctx.workspace.session() as s:
        missing = load_missing(s)
        sources = list_sources(s)
    for src in sources:
        if src.kind == "individual" and src.id is not None:  # the chat senders: check in every two days
            set_checkin(ctx.workspace, src.id, 2)
    late = overdue(ctx.workspace, datetime.now(UTC))
    return {
        "missing persons": len(missing),
        "sources overdue": f"{len(late)} ({sum(o.priority == 'urgent' for o in late)} urgent)",
    }


def _estimate(ctx: DemoContext) -> dict[str, Any]:
    from tawthiq.app.estimate import estimate_tables, run_settings, save_estimates, workspace_tables
    from tawthiq.estimate import LcmcrSettings, LoglinearSettings

    ctx.log("estimating the undocumented dead (LCMCR and log-linear) …")
    tables = workspace_tables(ctx.workspace, None, None, "killed")
    # what `tawthiq estimate --method all --status killed --iterations 20000 --chains 2` runs
    lcmcr = LcmcrSettings(K=10, iterations=20_000, thin=50, chains=2, seed=0)
    loglinear = LoglinearSettings(criterion="aic", seed=0)
    fitted = estimate_tables(tables, "all", lcmcr, loglinear)
    # kept as `tawthiq estimate` keeps it, so the web's /estimates shows it (it said "no saved
    # estimate yet" on the demo)
    what = {
        "source": "workspace",
        "by": None,
        "lists": None,
        "status": "killed",
        "settings": run_settings("all", lcmcr, loglinear),
    }
    save_estimates(ctx.workspace, fitted, what)
    fits = [f.estimate for f in fitted]
    return {
        f"estimate ({f.method})": (
            f"{f.N:.0f} killed, 95% interval {f.low:.0f}–{f.high:.0f} ({f.observed} documented)"
            if f.N is not None and f.low is not None and f.high is not None
            else f"not reportable ({f.reason or 'no interval'}); {f.observed} documented"
        )
        for f in fits
    }


def _user(ctx: DemoContext) -> dict[str, Any]:
    from tawthiq.app import accounts

    password = secrets.token_urlsafe(15)  # 20 characters: over the 15 the rules ask
    accounts.add_user(ctx.workspace, DEMO_USER, "admin", password, actor="demo")
    return {"web login": f"{DEMO_USER} / {password}"}


DEMO_STEPS: tuple[Step, ...] = (
    *STEPS,
    Step("extract", _extract),
    Step("corroborate", _corroborate),
    Step("people", _people),
    Step("missing and sources", _missing_and_sources),
    Step("estimate", _estimate),
    Step("web user", _user),
)
