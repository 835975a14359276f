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

__all__ = ["check_stratum", "estimate_tables", "governorate_resolver", "workspace_tables"]


def governorate_resolver() -> Callable[[str], str | None]:
    """Place as written → governorate name, through the gazetteer (None when it does not resolve)."""
    from tawthiq.gazetteer import load_gazetteer

    g = load_gazetteer()

    def resolve(place: str) -> str | None:
        found = g.lookup(place) or [m.place for m in g.match(place)]  # a name, else names inside the text
        for p in found:
            if p.kind == "governorate":
                return p.name_en
            for a in g.ancestors(p.id):
                if a.kind == "governorate":
                    return a.name_en
        return None

    return resolve


def check_stratum(by: str | None) -> None:
    """Refuse a stratum a workspace cannot give (``month`` or ``governorate``)."""
    from tawthiq.store.capture import STRATA

    if by is not None and by not in STRATA:
        raise InputError(f"in a workspace, --by is {' or '.join(STRATA)}, not '{by}'", field="--by")


def workspace_tables(ws: Workspace, by: str | None, lists: Sequence[str] | None, status: str | None) -> Any:
    """The capture histories of the workspace's linked persons as contingency tables (one per
    stratum: ``month`` or ``governorate``), on ``lists`` (default all), ``status`` (e.g. killed)."""
    from tawthiq.estimate import table_from_histories
    from tawthiq.store.capture import capture_histories

    check_stratum(by)
    resolver = governorate_resolver() if by == "governorate" else None
    wanted = list(lists) if lists is not None else None
    with ws.session(actor="cli") as s:
        df = capture_histories(s, by, lists=wanted, status=status, place_stratum=resolver)
    if df.empty:
        raise InputError("no person records in this workspace: import lists with `tawthiq people import`")
    cols = [c for c in df.columns if c != "stratum"]
    return table_from_histories(df, cols, by="stratum" if by else None)


def estimate_tables(tables: Any, method: str, lcmcr: Any, loglinear: Any) -> list[Any]:
    """Fit ``method`` (lcmcr, loglinear or all) on every table: the stage's fits, in method order."""
    from tawthiq.estimate import estimate_tables as fit

    return fit(tables, method, lcmcr, loglinear)
