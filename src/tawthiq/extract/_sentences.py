"""Sentences with their character spans, from syntok's segmenter.

In: a report's text. Out: ``(start, end)`` spans of sentences, in order, into that same text.
Never: changes the text (spans index the original string, so a claim's quote is ``text[s:e]``).

syntok was measured against pysbd and blingfire on the dev reports (docs/extraction.md). A line
break always ends a sentence (headlines, datelines, captions), so syntok runs line by line, and a
line with no sentence-final punctuation inside it is one sentence without asking syntok.
"""

from __future__ import annotations

import re

from syntok import segmenter

__all__ = ["split_sentences"]

_INNER_END = re.compile(r"[.!?…][\"'”’)\]]*\s+\S")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        body = line.strip()
        if not body:
            continue
        lead = len(line) - len(line.lstrip())
        if not _INNER_END.search(body):
            spans.append((start + lead, start + lead + len(body)))
            continue
        for paragraph in segmenter.analyze(line):
            for sentence in paragraph:
                toks = [t for t in sentence if t.value]
                if toks:
                    spans.append((start + toks[0].offset, start + toks[-1].offset + len(toks[-1].value)))
    return spans
