"""Bidirectional controls: the invisible marks that set a text's direction.

In: a string. Out: the string without them, for a display field (a report's title). Never: applied
to a report's body or its original bytes (spans index the text as stored, and the original is
evidence, hashed as received).

The marks are Unicode's bidi formatting characters (UAX #9 "Explicit Directional Formatting" and
the implicit marks): LRM U+200E, RLM U+200F, ALM U+061C, LRE/RLE/PDF/LRO/RLO U+202A–U+202E and
LRI/RLI/FSI/PDI U+2066–U+2069. A title copied from an Arabic page often starts with an RLM; kept,
it sorts and compares apart from the same title without it, and shows as a stray gap.
"""

from __future__ import annotations

import re

__all__ = ["BIDI_CONTROLS", "strip_bidi"]

BIDI_CONTROLS = (
    "\u200e\u200f\u061c" + "".join(map(chr, range(0x202A, 0x202F))) + "".join(map(chr, range(0x2066, 0x206A)))
)
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def strip_bidi(text: str) -> str:
    """``text`` without bidi controls, and without the spaces they leave at either end."""
    return _BIDI.sub("", text).strip() if _BIDI.search(text) else text
