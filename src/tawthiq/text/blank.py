"""Whether a text says anything: one letter or digit, in any script.

In: a string. Out: ``True`` when it holds no letter or digit — only whitespace, rules and marks
("----", "* * *", "═══", "•••", bidi and format marks such as U+200F). Never: I/O.

The one rule for an empty report, asked where a report is read (ingest's readers: stored as
failed, "empty report: no text below the header") and again before extraction (a report stored
before the rule: ``app.extract.nothing_to_read``). Ingest once asked only ``text.strip()``, so a
file of rules was stored with language ``und`` and no word why.
"""

from __future__ import annotations

import re

__all__ = ["is_blank"]

_WORD_CHAR = re.compile(r"[^\W_]")  # a letter or digit of any script (str patterns are Unicode)


def is_blank(text: str) -> bool:
    """No letter or digit in ``text``.

    >>> [is_blank(t) for t in ("", " \\n", "----", "* * *", "\\u200f\\u200e\\u202b", "___", "3", "حلب")]
    [True, True, True, True, True, True, False, False]
    """
    return _WORD_CHAR.search(text) is None
