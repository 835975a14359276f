"""`tawthiq estimate`: how many people, including those no list documented (multiple systems estimation).

Thin layer: read a contingency table (``--table``) or the workspace's linked persons
(``store.capture``), call ``tawthiq.estimate``, render. Data to stdout (``--json`` prints the Estimate
model), progress to stderr. The estimation packages are imported inside the command so that other
commands do not pay for numba and statsmodels at start-up.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table as RichTable

from tawthiq.cli._common import (
    DbOpt,
    JsonOpt,
    WorkspaceOpt,
    emit,
    err_console,
    out_console,
    progress,
)
from tawthiq.entities import Estimate


class Method(StrEnum):
    lcmcr = "lcmcr"
    loglinear = "loglinear"
    all = "all"


class Criterion(StrEnum):
    aic = "aic"
    bic = "bic"


class Tempering(StrEnum):
    never = "never"
    continuation = "continuation"
    always = "always"


def _workspace_tables(
    workspace: Path | None, db: str | None, by: str | None, lists: str | None, status: str | None
):
    from tawthiq.app.estimate import check_stratum, workspace_tables
    from tawthiq.store import open_workspace

    check_stratum(by)
    wanted = [s.strip() for s in lists.split(",") if s.strip()] if lists else None
    with open_workspace(workspace, db) as ws:
        return workspace_tables(ws, by, wanted, status)


def _interval(e: Estimate) -> str:
    if e.N is None:
        return "not estimable"
    high = f"{e.high:,}" if e.high is not None else "unbounded"
    return f"{e.low:,} – {high}"


def _check(e: Estimate) -> str:
    d = e.diagnostics
    if e.status == "did_not_converge":
        return f"did not converge: {e.reason}"
    if e.N is None:
        return str(d.get("error", ""))
    if e.method == "lcmcr" and "convergence" in d:
        c = d["convergence"]
        return f"R-hat {c['r_hat']}, ESS {c['ess_bulk']}"
    if e.method == "loglinear" and "selected" in d:
        return f"best ({d['criterion'].upper()}): {d['selected']['model']}; {d['models_fitted']} models"
    if "max_r_hat" in d and d["max_r_hat"] is not None:
        return f"max R-hat {d['max_r_hat']}"
    return ""


def _usable(e: Estimate) -> bool:
    """A number to show: estimated, and (LCMCR) from chains that converged (issue 20)."""
    return e.N is not None and e.status != "did_not_converge"


def _shown_n(e: Estimate) -> str:
    if e.status == "did_not_converge":
        return "did not converge"
    return f"{e.N:,}" if e.N is not None else "–"


def _pooled_line(method: str, check: dict[str, Any]) -> str:
    """The check of a stratified total against the pooled table's estimate, in one line."""
    if check.get("N") is None or check.get("agree") is None:
        return f"check, {method} on the pooled table (no strata): {check['note']}"
    high = f"{check['high']:,}" if check.get("high") is not None else "unbounded"
    verdict = "agrees" if check["agree"] else "DISAGREES"
    return (
        f"check, {method} on the pooled table (no strata): {check['N']:,} ({check['low']:,} – {high}), "
        f"{verdict}: {check['note']}"
    )


def _render(fits: list[Any], source: str) -> None:
    from tawthiq.estimate import stratum_label

    for fit in fits:
        e: Estimate = fit.estimate
        t = RichTable(title=f"{e.method}: {source}", title_justify="left")
        for col in ("stratum", "observed", "N", "95% interval", "diagnostics"):
            t.add_column(col, justify="right" if col in ("observed", "N") else "left")
        for s in e.strata:
            t.add_row(
                stratum_label(s.stratum),  # "female", not "f": as the web's estimates page
                f"{s.observed:,}",
                _shown_n(s),
                _interval(s) if _usable(s) else "–",
                _check(s),
            )
        t.add_row(
            "total" if e.strata else (stratum_label(e.stratum) if e.stratum else "all"),
            f"{e.observed:,}",
            _shown_n(e),
            _interval(e) if _usable(e) else "–",
            _check(e),
            style="bold",
        )
        out_console.print(t)
        check = e.diagnostics.get("unstratified")
        if check:
            out_console.print(_pooled_line(e.method, check), highlight=False)
        if e.diagnostics.get("warning"):
            out_console.print(f"warning: {e.diagnostics['warning']}")
    e = fits[0].estimate
    d = e.diagnostics
    out_console.print("people per list: " + ", ".join(f"{k} {v:,}" for k, v in d["list_sizes"].items()))
    out_console.print("overlaps: " + ", ".join(f"{k} {v:,}" for k, v in d["overlaps"].items()))
    for note in d.get("notes", []):
        out_console.print(f"note: {note}")


def estimate(
    table: Annotated[
        Path | None,
        typer.Option(
            "--table",
            "-t",
            help="Contingency table CSV: a 0/1 column per list and 'count'. "
            "Without it, the workspace's linked persons are used.",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Stratify: a column of the table, or month|governorate|place|sex|age-group in a workspace. "
            "Each stratum is estimated on its own, the total is their sum, and the pooled table's "
            "estimate is shown beside it as a check.",
            show_default=False,
        ),
    ] = None,
    method: Annotated[Method, typer.Option("--method", "-m", help="Estimator.")] = Method.lcmcr,
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot",
            help="Write a picture (.png or .svg): the distribution of N with the documented count marked, "
            "the strata side by side, and (LCMCR, one table) the trace of every chain.",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (chains use seed, seed+1, …).")] = 0,
    iterations: Annotated[
        int,
        typer.Option(
            "--iterations",
            help=(
                "LCMCR: iterations per chain in the first run (burn-in: a quarter of the sweeps run, and at "
                "least the 1,250 that tune the proposals when the first run is 2,500 or more, so half of it "
                "at the default); chains are continued, "
                "by half to all of their length, until R-hat and ESS say they converged, else the estimate "
                "says 'did not converge'."
            ),
        ),
    ] = 2_500,
    max_iterations: Annotated[
        int,
        typer.Option(
            "--max-iterations",
            help="LCMCR: the longest a chain may be continued; an estimate still not converged then is "
            "reported as 'did not converge', with no number.",
        ),
    ] = 160_000,
    chains: Annotated[int, typer.Option("--chains", help="LCMCR chains (R-hat needs 2 or more).")] = 2,
    thin: Annotated[int, typer.Option("--thin", help="LCMCR: keep every n-th draw.")] = 5,
    classes: Annotated[int, typer.Option("--classes", help="LCMCR: maximum latent classes K.")] = 10,
    tempering: Annotated[
        Tempering,
        typer.Option(
            "--tempering",
            help="LCMCR: parallel tempering for chains stuck in one class arrangement (sparse tables): "
            "'continuation' tempers a run that fails its first convergence check, 'always' from the start; "
            "each tempered sweep costs about three plain ones (docs/estimation.md).",
        ),
    ] = Tempering.never,
    criterion: Annotated[
        Criterion, typer.Option("--criterion", help="Log-linear model selection and weights.")
    ] = Criterion.aic,
    lists: Annotated[
        str | None,
        typer.Option(
            "--lists", help="Workspace: comma-separated lists to use (default: all).", show_default=False
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", help="Workspace: only records with this status (e.g. killed).", show_default=False
        ),
    ] = None,
    save: Annotated[
        bool,
        typer.Option(
            "--save/--no-save",
            help="Workspace: keep the result under the workspace's estimates/ folder (shown at /estimates).",
        ),
    ] = True,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Estimate how many people there were, documented or not, with a 95% interval.

    Prints N and its interval per stratum and in total, with diagnostics.
    Diagnostics: people per list, overlaps, LCMCR convergence (R-hat, ESS) or the selected log-linear model.
    """
    from tawthiq.app.estimate import estimate_tables
    from tawthiq.estimate import LcmcrSettings, LoglinearSettings, read_table, skipped_methods

    if iterations < 2 or chains < 1 or thin < 1 or classes < 1:
        raise typer.BadParameter("--iterations, --chains, --thin and --classes must be positive")
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise typer.BadParameter(f"--plot writes .png or .svg, not '{plot.name}'")
    if table is not None and (lists or status):
        raise typer.BadParameter("--lists and --status choose records in a workspace; not with --table")
    if table is not None:
        tables = read_table(table, by=by)
        source = str(table)
    else:
        tables = _workspace_tables(workspace, db, by, lists, status)
        source = "workspace" + (f" by {by}" if by else "")
    err_console.print(f"estimating ({method.value}) from {len(tables)} table(s)…", highlight=False)
    lc = LcmcrSettings(
        K=classes,
        iterations=iterations,
        max_iterations=max(max_iterations, iterations),
        thin=min(thin, max(1, iterations // 4)),
        chains=chains,
        seed=seed,
        tempering=tempering.value,
    )
    ll = LoglinearSettings(criterion=criterion.value, seed=seed)
    with progress(f"estimating ({method.value})", json_=json_):
        fits = estimate_tables(tables, method.value, lc, ll)
    for skipped, why in skipped_methods(tables, method.value).items():
        err_console.print(f"skipped {skipped}: {why}", highlight=False)
    if plot is not None:
        from tawthiq.estimate.plot import plot_posterior

        plot_posterior(fits, plot, title=source)
        err_console.print(f"plot written to {plot}", highlight=False)
    if table is None and save:
        from tawthiq.app.estimate import run_settings, save_estimates
        from tawthiq.store import open_workspace

        what = {
            "source": source,
            "by": by,
            "lists": [s.strip() for s in lists.split(",") if s.strip()] if lists else None,
            "status": status,
            "settings": run_settings(method.value, lc, ll),
        }
        with open_workspace(workspace, db) as ws:
            saved = save_estimates(ws, fits, what)
        err_console.print(f"saved to {saved}", highlight=False)
    emit(fits, json_, lambda fs: _render(fs, source), as_json=lambda fs: (
        [f.estimate.model_dump(mode="json") for f in fs] if method == Method.all
        else fs[0].estimate.model_dump(mode="json")))  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("estimate")(estimate)
