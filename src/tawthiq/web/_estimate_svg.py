"""A saved estimate as an SVG interval chart, drawn on the server. Pure.

In: one saved Estimate as a dict (``Estimate.model_dump``). Out: an SVG document as
:class:`markupsafe.Markup` (every text escaped): one row per stratum and one for the total, each with the
95% interval as a bar, N as a dot and the documented count (people on at least one list) as a tick, on
one axis from 0, so a reader sees how much of the estimate nobody documented. A row with no number (did
not converge, not estimable) says so in words and draws no bar. Never: loads a chart library (a few
rectangles and circles; the page stays free of JavaScript and of a CDN).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from ._labels import stratum_name

__all__ = ["interval_svg"]

_BAR = "#4a7ab5"
_DOT = "#c0392b"


def _same(text: str) -> str:
    return text


def _isolated(text: str) -> str:
    """Text between Unicode's first-strong isolate and its end (U+2068, U+2069): the chart is
    drawn left to right, and an Arabic line with a Latin "N" or "95%" in it must keep its own
    order ("الخط: الموثَّقون · N :الشريط" without it). No element can isolate inside an SVG
    ``<text>`` for every viewer; these two characters do."""
    return f"\u2068{text}\u2069"


def _rows(est: dict[str, Any], _: Callable[[str], str]) -> list[tuple[str, dict[str, Any]]]:
    rows = [(stratum_name(_, s.get("stratum"), i), s) for i, s in enumerate(est.get("strata") or [], 1)]
    rows.append((_("total") if rows else str(est.get("stratum") or _("all")), est))
    return rows


def _why(e: dict[str, Any], _: Callable[[str], str]) -> str:
    if e.get("status") == "did_not_converge":
        return _("did not converge: no number")
    return _("not estimable")


def interval_svg(est: dict[str, Any], *, width: int = 760, gettext: Callable[[str], str] = _same) -> Markup:
    """Rows of interval bars (stratum by stratum, then the total) on a common axis from 0; its
    words through ``gettext`` (the page's catalogue: the Arabic page's chart in Arabic)."""
    _ = gettext
    rows = _rows(est, _)
    # the words, outside the f-strings below so that ``pybabel extract`` finds them
    aria = _("95% intervals and documented counts")
    legend = _isolated(_("bar: 95% interval · dot: N · tick: documented"))
    interval, unbounded, documented = _("95% interval"), _("unbounded"), _("Documented")
    values = [v for _, e in rows for v in (e.get("high"), e.get("N"), e.get("observed")) if v is not None]
    top = max(values, default=1) * 1.08 or 1
    left, right, row_h, head = 130, 20, 26, 24
    plot_w = width - left - right
    height = head + row_h * len(rows) + 30

    def x(v: float) -> float:
        return left + plot_w * v / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(aria)}" '
        'class="estimate">',
        f'<text x="{left}" y="14" font-size="11">{escape(legend)}</text>',
    ]
    for i, (label, e) in enumerate(rows):
        y = head + i * row_h + row_h / 2
        weight = ' font-weight="bold"' if i == len(rows) - 1 and len(rows) > 1 else ""
        parts.append(
            f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" font-size="12"{weight}>'
            f"{escape(_isolated(label))}</text>"
        )
        if e.get("N") is None or e.get("low") is None:
            parts.append(
                f'<text x="{left + 4}" y="{y + 4}" font-size="12" fill="#8a1c1c">'
                f"{escape(_isolated(_why(e, _)))}</text>"
            )
        else:
            hi = e["high"] if e.get("high") is not None else top
            parts.append(
                f'<rect x="{x(e["low"]):.1f}" y="{y - 5}" width="{max(1.0, x(hi) - x(e["low"])):.1f}" '
                f'height="10" fill="{_BAR}" opacity="0.55"><title>{escape(interval)} {e["low"]:,}–'
                f"{escape(unbounded) if e.get('high') is None else format(e['high'], ',')}</title></rect>"
            )
            parts.append(
                f'<circle cx="{x(e["N"]):.1f}" cy="{y}" r="4" fill="{_DOT}">'
                f"<title>N = {e['N']:,}</title></circle>"
            )
        if e.get("observed") is not None:
            xo = x(e["observed"])
            parts.append(
                f'<line x1="{xo:.1f}" y1="{y - 9}" x2="{xo:.1f}" y2="{y + 9}" stroke="#000" stroke-width="2">'
                f"<title>{escape(documented)} {e['observed']:,}</title></line>"
            )
    axis_y = head + row_h * len(rows) + 4
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + plot_w}" y2="{axis_y}" stroke="#444"/>')
    for k in range(5):
        v = top * k / 4
        parts.append(
            f'<text x="{x(v):.1f}" y="{axis_y + 16}" text-anchor="middle" font-size="11">{round(v):,}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
