"""The literal strings a regular expression cannot match without, to skip patterns that cannot match.

In: compiled patterns. Out: for each, a set of literal strings at least one of which every match
contains (or ``None`` when the pattern promises none), and ``PatternSet.candidates(text)``: the
patterns worth running on a text, found by one Aho-Corasick pass (pyahocorasick) over all their
literals. Never: changes what a pattern matches — a pattern is only skipped on a text that holds
none of its required literals, which no match of it can do.

Why hand-written: Python's ``re`` skips ahead fast only for a pattern that starts with a literal or a
set of first characters; the extractor's word patterns start with a look-behind (``(?<![ء-ي])``, a
word start in Arabic script) and optional proclitics, so ``re`` tries every pattern at every position
of every sentence. The required literals are what RE2 and Hyperscan call a prefilter; no registry
package computes them for Python's own regular expressions, so this reads the parse tree that ``re``
itself builds (``re._parser``, the module behind the documented ``sre_parse``). Any construct it does
not know makes a pattern unfilterable (always run), never wrongly skipped.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any

import ahocorasick

# the parser ``re`` itself uses (Python 3.11+; ``sre_parse`` and ``sre_constants`` before): not in
# typeshed, so typed as Any
_p: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

__all__ = ["PatternSet", "required_literals"]

_MAX_EXACT = 4096  # the most strings a piece is expanded into (an automaton of thousands is cheap)
_MAX_CLASS = 12  # a character class of at most this many single characters is expanded

Exact = frozenset[str] | None  # every string a piece can match, when few and finite
Required = frozenset[str] | None  # strings one of which every match of a piece contains


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Literals one of which every match of ``pattern`` contains (lower-cased when the pattern
    ignores case), or None when the pattern guarantees none (it may match the empty string, or
    starts with what this reading does not know)."""
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # a pattern re compiled parses again; anything else: no prefilter
        return None
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    exact, required = _sequence(list(parsed), ignore_case)
    best = _best([exact, required])
    return best


def _useful(strings: frozenset[str] | None) -> bool:
    return strings is not None and "" not in strings and len(strings) <= _MAX_EXACT


def _best(candidates: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """The most selective useful candidate: the one whose shortest string is longest."""
    useful = [c for c in candidates if c is not None and _useful(c)]
    if not useful:
        return None
    return max(useful, key=lambda c: (min(len(s) for s in c), -len(c)))


def _sequence(items: list[Any], ignore_case: bool) -> tuple[Exact, Required]:
    """A concatenation: its exact strings while every piece has few; else the best requirement
    among the runs of consecutive exact pieces and the other pieces' own requirements."""
    candidates: list[frozenset[str] | None] = []
    run: frozenset[str] = frozenset({""})  # the strings the current run of exact pieces can match
    all_exact = True
    for op, av in items:
        exact, required = _node(op, av, ignore_case)
        if exact is None:
            candidates += [run, required]
            run, all_exact = frozenset({""}), False
            continue
        joined = frozenset(a + b for a in run for b in exact)
        if len(joined) <= _MAX_EXACT:
            run = joined
        else:  # too many to list: what came before is one requirement, this piece starts the next
            candidates.append(run)
            run, all_exact = exact, False
    candidates.append(run)
    return (run if all_exact else None), _best(candidates)


def _node(op: Any, av: Any, ignore_case: bool) -> tuple[Exact, Required]:
    if op is _c.LITERAL:
        ch = chr(av)
        return frozenset({ch.lower() if ignore_case else ch}), None
    if op is _c.IN:
        chars = _class(av, ignore_case)
        return chars, None
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero-width: consumes nothing
        return frozenset({""}), None
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE and not ignore_case:
            return None, None  # case ignored only inside: its literals cannot be looked up as written
        return _sequence(list(sub), ignore_case)
    if op is _c.BRANCH:
        exacts: list[Exact] = []
        requireds: list[Required] = []
        for alt in av[1]:
            e, r = _sequence(list(alt), ignore_case)
            exacts.append(e)
            requireds.append(_best([e, r]))
        exact: Exact = None
        if all(e is not None for e in exacts):
            union = frozenset().union(*(e for e in exacts if e is not None))
            exact = union if len(union) <= _MAX_EXACT else None
        required: Required = None
        if all(r is not None for r in requireds):
            union = frozenset().union(*(r for r in requireds if r is not None))
            required = union if len(union) <= _MAX_EXACT else None
        return exact, required
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, sub = av
        e, r = _sequence(list(sub), ignore_case)
        if lo == 0:
            if hi == 1 and e is not None:
                return e | {""}, None
            return None, None
        if lo == hi == 1:
            return e, r
        return None, _best([e, r])
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av), ignore_case)
    return None, None  # any character, a category, a back-reference …: matches too much to list


def _class(items: list[Any], ignore_case: bool) -> Exact:
    """A character class of a few single characters, as strings; ranges, categories and negation
    are not listed."""
    out: set[str] = set()
    for op, av in items:
        if op is not _c.LITERAL:
            return None
        ch = chr(av)
        out.add(ch.lower() if ignore_case else ch)
        if len(out) > _MAX_CLASS:
            return None
    return frozenset(out)


# Characters that ``re`` with IGNORECASE takes for an ASCII letter but ``str.lower`` does not turn
# into that letter alone (re._compiler's equivalences and the simple case mappings): U+0130 İ and
# U+0131 ı for i, U+017F ſ for s, U+212A (Kelvin sign) for k.
_ASCII_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


class PatternSet:
    """Patterns with their required literals, all found in a text by one Aho-Corasick pass.

    ``candidates(text)`` is the set of indices of the patterns that may match ``text``: those with
    no required literal (always run) and those one of whose literals the text holds. A pattern that
    ignores case is looked up in the lower-cased text; one whose literals are not all ASCII is
    always run (case folding beyond ASCII has more equivalences than ``str.lower``)."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self.patterns = list(patterns)
        always: set[int] = set()
        by_literal: dict[tuple[bool, str], set[int]] = {}
        for i, rx in enumerate(self.patterns):
            literals = required_literals(rx)
            folded = bool(rx.flags & re.IGNORECASE)
            if literals is None or (folded and not all(lit.isascii() for lit in literals)):
                always.add(i)
                continue
            for lit in literals:
                by_literal.setdefault((folded, lit), set()).add(i)
        self.unfiltered = frozenset(always)
        self._automata: dict[bool, ahocorasick.Automaton] = {}
        for folded in (False, True):
            words = {lit: frozenset(ix) for (f, lit), ix in by_literal.items() if f is folded}
            if words:
                auto = ahocorasick.Automaton()
                for lit, ix in words.items():
                    auto.add_word(lit, ix)
                auto.make_automaton()
                self._automata[folded] = auto

    def candidates(self, text: str) -> set[int]:
        """Indices of the patterns that may match ``text`` (a superset of those that do)."""
        out = set(self.unfiltered)
        exact = self._automata.get(False)
        if exact is not None:
            for _, ix in exact.iter(text):
                out |= ix
        folded = self._automata.get(True)
        if folded is not None:
            low = text.lower() if text.isascii() else text.translate(_ASCII_FOLDS).lower()
            for _, ix in folded.iter(low):
                out |= ix
        return out

    def present(self, text: str) -> set[re.Pattern[str]]:
        """The patterns that may match ``text``, as the patterns themselves (a superset of those that do)."""
        return {self.patterns[i] for i in self.candidates(text)}
