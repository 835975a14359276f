"""Incidents per day by type as an SVG stacked bar chart, rendered on the server. Pure.

In: ``{(day, event_type): count}``. Out: an SVG document as :class:`markupsafe.Markup`
(every text escaped). Never: reads the database or loads a chart library; a stacked bar chart
is a few rectangles, and drawing it here keeps the page free of JavaScript and of a CDN.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date, timedelta

from markupsafe import Markup, escape

__all__ = ["TYPE_COLOURS", "timeline_svg"]

# One colour per event type (issue 18: air strike, shelling and ground attack were one colour,
# the family's), from the colour-blind-safe Okabe–Ito and Paul Tol "muted" palettes; no two
# alike. Related types sit in related hues (attacks warm, detention and disappearance blue and
# purple). ``tests/web/test_labels.py`` checks every type has its own colour.
TYPE_COLOURS: dict[str, str] = {
    "attack.air_strike": "#D55E00",
    "attack.shelling": "#E69F00",
    "attack.chemical": "#999933",
    "attack.ground": "#882255",
    "attack.medical": "#CC6677",
    "killing.execution": "#000000",
    "detention.arbitrary": "#0072B2",
    "disappearance.enforced": "#AA4499",
    "displacement.forced": "#DDCC77",
    "siege.blockade": "#56B4E9",
    "evacuation": "#009E73",
    "humanitarian.access_denied": "#F0E442",
    "territory.change": "#332288",
    "armed.clash": "#44AA99",
    "other": "#BBBBBB",
}


def _colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, TYPE_COLOURS["other"])


def timeline_svg(
    counts: dict[tuple[date, str], int],
    *,
    width: int = 900,
    height: int = 260,
    labels: Mapping[str, str] | None = None,
    gettext: Callable[[str], str] = str,
    day: Callable[[date], str] = date.isoformat,
) -> Markup:
    """A stacked bar per day (every day from the first to the last, gaps drawn as empty).

    ``labels``: the name each event type is shown by (the interface's language); default the type.
    ``gettext``: translates the figure's own words (its accessible name, "no dated incidents").
    ``day``: writes a day on the axis and in the tooltips (``_labels.short_day``: "12 كانون الأول
    2016" in Arabic); ``data-day`` keeps ISO.
    """
    labels = labels or {}
    if not counts:
        empty = gettext("no dated incidents")  # outside the f-string, where ``pybabel extract`` sees it
        return Markup(
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="60" role="img">'
            f'<text x="10" y="30">{escape(empty)}</text></svg>'
        )
    days = sorted({d for d, _ in counts})
    first, last = days[0], days[-1]
    span = (last - first).days + 1
    per_day: dict[date, dict[str, int]] = defaultdict(dict)
    for (d, t), c in counts.items():
        per_day[d][t] = per_day[d].get(t, 0) + c
    peak = max(sum(v.values()) for v in per_day.values()) or 1
    types = sorted({t for _, t in counts})
    left, bottom, top = 40, 40, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    bar_w = max(1.0, plot_w / span)
    name = escape(gettext("incidents per day by type"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 20 * len(types)}" '
        f'width="100%" role="img" aria-label="{name}" class="timeline">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#444"/>',
        f'<text x="{left - 4}" y="{top + 10}" text-anchor="end" font-size="11">{peak}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    for i in range(span):
        d = first + timedelta(days=i)
        x = left + i * bar_w
        y: float = top + plot_h
        for t in types:
            c = per_day.get(d, {}).get(t, 0)
            if not c:
                continue
            h = plot_h * c / peak
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(bar_w - 1, 0.5):.1f}" height="{h:.1f}" '
                f'fill="{_colour(t)}" data-day="{d.isoformat()}" data-type="{escape(t)}" data-count="{c}">'
                # U+2068/U+2069 (first-strong isolate) keep an Arabic label and the Latin date and
                # count in order inside the tooltip, where no <bdi> can go (issue 18 item 4).
                f"<title>\u2068{escape(day(d))}\u2069 · \u2068{escape(labels.get(t, t))}\u2069: {c}"
                "</title></rect>"
            )

    # Day labels on the axis, never overlapping nor running off the right edge: a label takes
    # about 6.5 px a character at 11 px ("19 تشرين الثاني 2016" ~130 px, where eight labels on a
    # 1,230 px axis ran into each other), so every step-th day is labelled, step wide enough for the
    # widest. Each between U+2068/U+2069: in the chart's left-to-right flow an Arabic day kept
    # its year on the wrong side of the month ("19 2016 تشرين الثاني").
    def text_width(text: str) -> float:
        return 6.5 * len(text) + 12

    widest = max(text_width(day(d)) for d in (first, last))
    step = max(1, span // 8, math.ceil(widest / bar_w))
    for i in range(0, span, step):
        d = first + timedelta(days=i)
        x = left + i * bar_w
        if x + text_width(day(d)) - 12 > width:
            break
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="11" class="axis-day">'
            f"\u2068{escape(day(d))}\u2069</text>"
        )
    for j, t in enumerate(types):
        y = height + 20 * j
        parts.append(f'<rect x="{left}" y="{y}" width="12" height="12" fill="{_colour(t)}"/>')
        parts.append(f'<text x="{left + 18}" y="{y + 11}" font-size="12">{escape(labels.get(t, t))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
