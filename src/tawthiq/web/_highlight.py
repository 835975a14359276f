"""A report's text with its claims' spans marked, as safe HTML. Pure.

In: the report body and ``(claim_id, start, end)`` spans. Out: :class:`markupsafe.Markup`
where each span is a ``<mark>`` linking to its claim and everything else is escaped.
Overlapping spans are cut at the boundaries so every character is marked by the claims that
cover it (a hand-written sweep: no templating library does span overlays, and this one is 30 lines).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from markupsafe import Markup, escape

__all__ = ["highlight_spans"]


def highlight_spans(text: str, spans: Iterable[tuple[int, int, int]]) -> Markup:
    """Escape ``text`` and wrap each (claim_id, start, end) span in ``<mark>``.

    Spans outside the text are clipped; empty spans are ignored.
    """
    n = len(text)
    clean = [(cid, max(0, s), min(n, e)) for cid, s, e in spans]
    clean = [(cid, s, e) for cid, s, e in clean if e > s]
    cuts = sorted({0, n, *(s for _, s, _ in clean), *(e for _, _, e in clean)})
    out: list[str] = []
    for a, b in pairwise(cuts):
        piece = escape(text[a:b])
        covering = [cid for cid, s, e in clean if s <= a and b <= e]
        if covering:
            ids = " ".join(f"claim-{c}" for c in covering)
            out.append(
                f'<mark class="claim-span {ids}" data-claims="{",".join(map(str, covering))}">'
                f'<a href="#claim-{covering[0]}">{piece}</a></mark>'
            )
        else:
            out.append(str(piece))
    return Markup("".join(out))
