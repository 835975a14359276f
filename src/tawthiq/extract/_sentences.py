"""Sentences with their character spans, from syntok's segmenter.

In: a report's text. Out: ``(start, end)`` spans of sentences, in order, into that same text.
Never: changes the text (spans index the original string, so a claim's quote is ``text[s:e]``).

syntok was measured against pysbd and blingfire on the dev reports (docs/extraction.md). A line
break always ends a sentence (headlines, datelines, captions), so syntok runs line by line, and a
line with no sentence-final punctuation inside it is one sentence without asking syntok.
"""

from __future__ import annotations

import re
from itertools import pairwise

from syntok import segmenter

__all__ = ["split_sentences", "unwrap"]

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


# A hard-wrapped paragraph (wire copy, e-mail, text from a PDF: "A senior official at the Houthi-run\n
# Yemeni Health Ministry said ... more than 450\npeople had been injured"): its line breaks are not
# sentence ends. A paragraph is read as wrapped when it has three lines or more, none longer than
# 100 characters, and at least half of its breaks are soft: the line does not end a sentence and the
# next goes on in lowercase, or the line stops on a comma, a hyphen or a short function word. A
# paragraph of two lines (a short e-mail, a chat message typed on two lines: "killed in al-Mashhad
# this morning\nand many more were wounded, the civil defence said") has one break to judge, so it
# is joined only on the stronger sign: the first line does not end a sentence and the second goes
# on in lowercase (a title over its first sentence starts the sentence with a capital).
_HARD_END = re.compile(r"[.!?:;\"'”’)\]]\s*$")
_SOFT_TAIL = re.compile(
    r"(?:[,-]|\b(?:the|a|an|of|in|on|at|to|and|or|by|for|from|with|that|had|has|have|was|were)\b)\s*$"
)
_BULLET = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s")
_WRAP_WIDTH = 100


def unwrap(text: str) -> str:
    """``text`` with the soft line breaks of hard-wrapped paragraphs made spaces (same length)."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out = list(lines)
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].strip():
            j += 1
        para = lines[i:j]  # one paragraph: lines i .. j-1
        if len(para) == 2 and _two_line_wrap(*para):
            out[i] = lines[i] + "\x00"
        elif (
            len(para) >= 3
            and max(len(ln) for ln in para[:-1]) <= _WRAP_WIDTH
            and not any(_BULLET.match(ln) for ln in para)
        ):
            breaks = [
                not _HARD_END.search(a)
                and (b.lstrip()[:1].islower() or b.lstrip()[:1].isdigit() or bool(_SOFT_TAIL.search(a)))
                for a, b in pairwise(para)
            ]
            if sum(breaks) * 2 >= len(breaks):
                for k in range(i, j - 1):
                    if not _HARD_END.search(lines[k]):
                        out[k] = lines[k] + "\x00"  # marks a break to join
        i = j
    return _join(out) if out != lines else text


def _two_line_wrap(first: str, second: str) -> bool:
    """Whether a two-line paragraph is one sentence wrapped: no sentence end, then lowercase."""
    return (
        not _BULLET.match(first)
        and not _BULLET.match(second)
        and not _HARD_END.search(first)
        and second.lstrip()[:1].islower()
    )


def _join(out: list[str]) -> str:
    parts = []
    for k, ln in enumerate(out):
        if ln.endswith("\x00"):
            parts.append(ln[:-1] + " ")  # the break itself becomes a space: same length
        else:
            parts.append(ln + ("\n" if k < len(out) - 1 else ""))
    return "".join(parts)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    text = unwrap(text)
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
