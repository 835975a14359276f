"""A saved estimate as an SVG interval chart, drawn on the server. Pure.

In: one saved Estimate as a dict (``Estimate.model_dump``). Out: an SVG document as
:class:`markupsafe.Markup` (every text escaped): one row per stratum and one for the total, each with the
95% interval as a bar, N as a dot and the documented count (people on at least one list) as a tick, on
one axis from 0, so a reader sees how much of the estimate nobody documented. A row with no number (did
not converge, not estimable) says so in words and draws no bar. Never: loads a chart library (a few
rectangles and circles; the page stays free of JavaScript and of a CDN).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

__all__ = ["interval_svg"]

_BAR = "#4a7ab5"
_DOT = "#c0392b"


def _rows(est: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    rows = [(str(s.get("stratum")), s) for s in est.get("strata") or []]
    rows.append(("total" if rows else str(est.get("stratum") or "all"), est))
    return rows


def _why(e: dict[str, Any]) -> str:
    if e.get("status") == "did_not_converge":
        return "did not converge: no number"
    return "not estimable"


def interval_svg(est: dict[str, Any], *, width: int = 760) -> Markup:
    """Rows of interval bars (stratum by stratum, then the total) on a common axis from 0."""
    rows = _rows(est)
    values = [v for _, e in rows for v in (e.get("high"), e.get("N"), e.get("observed")) if v is not None]
    top = max(values, default=1) * 1.08 or 1
    left, right, row_h, head = 130, 20, 26, 24
    plot_w = width - left - right
    height = head + row_h * len(rows) + 30

    def x(v: float) -> float:
        return left + plot_w * v / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(est.get("method", ""))} estimate: 95% intervals and documented counts" '
        'class="estimate">',
        f'<text x="{left}" y="14" font-size="11">bar: 95% interval · dot: N · tick: documented</text>',
    ]
    for i, (label, e) in enumerate(rows):
        y = head + i * row_h + row_h / 2
        weight = ' font-weight="bold"' if i == len(rows) - 1 and len(rows) > 1 else ""
        parts.append(
            f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" font-size="12"{weight}>'
            f"{escape(label)}</text>"
        )
        if e.get("N") is None or e.get("low") is None:
            parts.append(
                f'<text x="{left + 4}" y="{y + 4}" font-size="12" fill="#8a1c1c">{escape(_why(e))}</text>'
            )
        else:
            hi = e["high"] if e.get("high") is not None else top
            parts.append(
                f'<rect x="{x(e["low"]):.1f}" y="{y - 5}" width="{max(1.0, x(hi) - x(e["low"])):.1f}" '
                f'height="10" fill="{_BAR}" opacity="0.55"><title>95% interval {e["low"]:,}–'
                f"{'unbounded' if e.get('high') is None else format(e['high'], ',')}</title></rect>"
            )
            parts.append(
                f'<circle cx="{x(e["N"]):.1f}" cy="{y}" r="4" fill="{_DOT}">'
                f"<title>N = {e['N']:,}</title></circle>"
            )
        if e.get("observed") is not None:
            xo = x(e["observed"])
            parts.append(
                f'<line x1="{xo:.1f}" y1="{y - 9}" x2="{xo:.1f}" y2="{y + 9}" stroke="#000" stroke-width="2">'
                f"<title>documented {e['observed']:,}</title></line>"
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
