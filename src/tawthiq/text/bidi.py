"""Bidirectional controls: the invisible marks that set a text's direction.

In: a string. Out: the string without them, for a display field (a report's title: ``strip_bidi``),
or a copy to read with the map back to the string (``without_bidi``: extraction reads a report's
body without them, and its spans index the body as stored). Never: changes a stored body or its
original bytes (the original is evidence, hashed as received).

The marks are Unicode's bidi formatting characters (UAX #9 "Explicit Directional Formatting" and
the implicit marks): LRM U+200E, RLM U+200F, ALM U+061C, LRE/RLE/PDF/LRO/RLO U+202A–U+202E and
LRI/RLI/FSI/PDI U+2066–U+2069. A title copied from an Arabic page often starts with an RLM; kept,
it sorts and compares apart from the same title without it, and shows as a stray gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["BIDI_CONTROLS", "Unmarked", "strip_bidi", "without_bidi"]

BIDI_CONTROLS = (
    "\u200e\u200f\u061c" + "".join(map(chr, range(0x202A, 0x202F))) + "".join(map(chr, range(0x2066, 0x206A)))
)
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def strip_bidi(text: str) -> str:
    """``text`` without bidi controls, and without the spaces they leave at either end."""
    return _BIDI.sub("", text).strip() if _BIDI.search(text) else text


@dataclass(frozen=True)
class Unmarked:
    """A text without its bidi controls (``text``) and the offset in the original of each of its
    characters (``offsets``; ``None``: the text had none, and the offsets are the same)."""

    text: str
    offsets: tuple[int, ...] | None
    length: int  # of the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original's span of ``text[start:end]``: from its first character to its last, so a
        mark before the first or after the last is left out, and the marks inside are kept."""
        if self.offsets is None:
            return start, end
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else self.length
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


def without_bidi(text: str) -> Unmarked:
    """``text`` without bidi controls, with the map back to it.

    >>> u = without_bidi("12\u200f killed in \u202bحلب\u202c")
    >>> u.text, u.span(13, 16), "12\u200f killed in \u202bحلب\u202c"[slice(*u.span(13, 16))]
    ('12 killed in حلب', (15, 18), 'حلب')
    """
    if not _BIDI.search(text):
        return Unmarked(text, None, len(text))
    offsets: list[int] = []
    kept = 0
    for m in _BIDI.finditer(text):
        offsets.extend(range(kept, m.start()))
        kept = m.end()
    offsets.extend(range(kept, len(text)))
    return Unmarked(_BIDI.sub("", text), tuple(offsets), len(text))
