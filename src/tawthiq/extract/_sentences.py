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


# A plain sentence end: a full stop, "!" or "?" after a lowercase word of three letters or more (not an
# abbreviation: "Dec.", "Mr.", "U.S." and initials never qualify), optional closing quotes, a space,
# then a capital letter. A line whose every candidate end is plain is split here; any other line
# goes to syntok (about a fifth of extraction time went to syntok's tokenizer, issue 15).
_CANDIDATE = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=\S)")
_PLAIN_END = re.compile(r"(?<![A-Za-z])[a-z]{3,}[.!?][\"'”’]?\s+(?=[A-Z][a-z])")
_GLUED = re.compile(r"[a-z][.!?…][\"'”’]?[A-Z]")


def _plain_split(line: str) -> list[tuple[int, int]] | None:
    """Sentence spans of one line when every sentence end in it is plain, else None (ask syntok)."""
    if _GLUED.search(line):
        return None  # "overnight.The director": syntok splits a sentence end with no space after it
    ends = []
    for m in _CANDIDATE.finditer(line):
        p = _PLAIN_END.search(line, max(0, m.start() - 40), m.end() + 2)
        if p is None or p.end() != m.end():
            return None
        ends.append(m)
    out = []
    pos = len(line) - len(line.lstrip())
    for m in ends:
        stop = m.end() - len(m.group(0)) + len(m.group(0).rstrip())
        out.append((pos, stop))
        pos = m.end()
    tail = line.rstrip()
    if pos < len(tail):
        out.append((pos, len(tail)))
    return out


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
        plain = _plain_split(line)
        if plain is not None:
            spans += [(start + a, start + b) for a, b in plain]
            continue
        for paragraph in segmenter.analyze(line):
            for sentence in paragraph:
                toks = [t for t in sentence if t.value]
                if toks:
                    spans.append((start + toks[0].offset, start + toks[-1].offset + len(toks[-1].value)))
    return spans
