"""Use case of the estimate stage: how many people, documented or not, from the workspace's lists.

In: a workspace and the caller's choices (stratum, lists, status, estimator settings).
Out: the contingency tables of the linked persons and the stage's fits.
Never: prints; never estimates itself (``tawthiq.estimate`` does) nor builds SQL
(``store.capture`` does). The estimation packages import lazily (numba, statsmodels).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tawthiq.errors import InputError
from tawthiq.store import Workspace

__all__ = [
    "check_stratum",
    "estimate_tables",
    "governorate_resolver",
    "place_resolver",
    "save_estimates",
    "saved_estimates",
    "workspace_tables",
]


def _place_finder() -> Callable[[str], list[Any]]:
    """Place as written → gazetteer places, in either script.

    Only the gazetteer's own places count (not the world layer's look-alikes: a name in Arabic script has
    no Latin key there, and would match anything). A list's place column names places on their own, without
    the city around them, so Arabic names are read with every city that has neighbourhoods as context.
    """
    from tawthiq.gazetteer import load_gazetteer

    g = load_gazetteer()
    cities = sorted({p.parent_id for p in g.places.values() if p.kind == "neighbourhood" and p.parent_id})

    def find(place: str) -> list[Any]:
        found = [p for p in g.lookup(place) if p.id in g.places]
        if not found:  # names inside the text, Latin then Arabic script
            found = [m.place for m in g.match(place)] or [m.place for m in g.match_arabic(place, cities)]
        return found

    return find


def governorate_resolver() -> Callable[[str], str | None]:
    """Place as written → governorate name, through the gazetteer (None when it does not resolve)."""
    from tawthiq.gazetteer import load_gazetteer

    g = load_gazetteer()
    find = _place_finder()

    def resolve(place: str) -> str | None:
        for p in find(place):
            if p.kind == "governorate":
                return p.name_en
            for a in g.ancestors(p.id):
                if a.kind == "governorate":
                    return a.name_en
        return None

    return resolve


def place_resolver() -> Callable[[str], str | None]:
    """Place as written → the gazetteer's English name of it (neighbourhood, town, …), so that one place
    written in two scripts or spellings is one stratum; None when it does not resolve."""
    find = _place_finder()

    def resolve(place: str) -> str | None:
        found = find(place)
        return found[0].name_en if found else None

    return resolve


def check_stratum(by: str | None) -> None:
    """Refuse a stratum a workspace cannot give (see ``store.capture.STRATA``)."""
    from tawthiq.store.capture import STRATA

    if by is not None and by not in STRATA:
        raise InputError(f"in a workspace, --by is {' or '.join(STRATA)}, not '{by}'", field="--by")


def workspace_tables(ws: Workspace, by: str | None, lists: Sequence[str] | None, status: str | None) -> Any:
    """The capture histories of the workspace's linked persons as contingency tables (one per
    stratum: ``month``, ``governorate``, ``place``, ``sex`` or ``age-group``), on ``lists`` (default
    all), ``status`` (e.g. killed)."""
    from tawthiq.estimate import age_group, table_from_histories
    from tawthiq.store.capture import capture_histories

    check_stratum(by)
    resolver = {"governorate": governorate_resolver, "place": place_resolver}.get(by or "")
    wanted = list(lists) if lists is not None else None
    with ws.session(actor="cli") as s:
        df = capture_histories(
            s,
            by,
            lists=wanted,
            status=status,
            place_stratum=resolver() if resolver else None,
            age_stratum=age_group,
        )
    if df.empty:
        raise InputError("no person records in this workspace: import lists with `tawthiq people import`")
    cols = [c for c in df.columns if c != "stratum"]
    return table_from_histories(df, cols, by="stratum" if by else None)


def estimate_tables(tables: Any, method: str, lcmcr: Any, loglinear: Any) -> list[Any]:
    """Fit ``method`` (lcmcr, loglinear or all) on every table: the stage's fits, in method order.

    ``all`` fits every method the tables allow (``tawthiq.estimate.skipped_methods`` says which
    it left out and why).

    With two strata or more, each method's fit is the sum of the strata with the pooled table's estimate
    beside it (``diagnostics["unstratified"]``: the check that stratifying changed nothing it should not).
    """
    from tawthiq.estimate import METHODS, estimate_stratified, runnable_methods
    from tawthiq.estimate import estimate_tables as fit

    if len(tables) < 2 or method not in (*METHODS, "all"):
        return fit(tables, method, lcmcr, loglinear)  # one table, or a method the stage will refuse
    return [estimate_stratified(tables, m, lcmcr, loglinear) for m in runnable_methods(tables, method)]


def run_settings(method: str, lcmcr: Any, loglinear: Any) -> dict[str, Any]:
    """The settings a saved estimate records (``LcmcrSettings``, ``LoglinearSettings``): what
    ``tawthiq estimate`` and the demo keep beside the estimates, one shape for both."""
    return {
        "method": method,
        "seed": lcmcr.seed,
        "iterations": lcmcr.iterations,
        "max_iterations": lcmcr.max_iterations,
        "chains": lcmcr.chains,
        "thin": lcmcr.thin,
        "classes": lcmcr.K,
        "criterion": loglinear.criterion,
        "tempering": lcmcr.tempering,
    }


def save_estimates(ws: Workspace, fits: Sequence[Any], source: dict[str, Any], now: Any = None) -> Any:
    """Keep this run's estimates under the workspace (``store.estimates``): the Estimate of each method,
    ``source`` (what was estimated: ``by``, ``lists``, ``status``, the settings and seed), the time."""
    from datetime import UTC, datetime

    from tawthiq.store.estimates import save_estimate

    record = {**source, "estimates": [f.estimate.model_dump(mode="json") for f in fits]}
    return save_estimate(ws.path, record, now or datetime.now(UTC))


def saved_estimates(ws: Workspace, limit: int = 20) -> list[dict[str, Any]]:
    """The newest saved estimates of the workspace, newest first (see ``store.estimates``)."""
    from tawthiq.store.estimates import latest_estimates

    return latest_estimates(ws.path, limit)
