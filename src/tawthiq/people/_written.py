"""A PersonRecord's name parts as the list wrote them, for showing (JSON, review pages).

In: a :class:`~tawthiq.entities.PersonRecord`. Out: the same record, its given, father,
grandfather and family names spelled as in its full name when import split them out of it.
Never: changes what is stored or what linkage compares (it reads the normalised parts).

Why: a list with one full-name column gets its parts from
:func:`tawthiq.people.names.split_name`, which gives linkage's normalised tokens
(``Karim Nader al-Farra`` -> ``karim`` / ``nader`` / ``alfarra``; ``عبد الله`` -> ``عبدالله``).
Those are comparison keys, not names: a documenter reading ``people persons --json`` or the
API wants ``Karim`` / ``Nader`` / ``al-Farra``. The written words that make each normalised
token are found by tokenising the full name a word at a time (compounds such as ``Abd
al-Rahman`` or ``نور الدين`` are two written words, one token), then placed as
:func:`split_name` places tokens. Parts a list gave in their own columns are already as
written and are left alone.
"""

from __future__ import annotations

from tawthiq.entities import PersonRecord
from tawthiq.people.names import arabic_tokens, is_arabic, latin_tokens, split_name

__all__ = ["names_as_written"]

_PARTS = ("given_name", "father_name", "grandfather_name", "family_name")
# between names, not of them: "al-Farra, Karim" keeps "al-Farra"; a full stop stays ("Jr.")
_SEPARATORS = " ,;:/|-،؛"  # ، and ؛ too


def _written_words(full: str) -> list[str] | None:
    """The full name's written words, one group per normalised token, or ``None`` when there is
    no faithful grouping (a written word that makes two tokens): the caller keeps what it has."""
    tokens_of = arabic_tokens if is_arabic(full) else latin_tokens
    target = tokens_of(full)
    words = full.split()
    groups: list[str] = []
    start = 0
    for token in target:
        end, got = start, list[str]()
        while got != [token]:
            if end == len(words) or len(got) > 1:
                return None
            end += 1
            got = tokens_of(" ".join(words[start:end]))
        # a word that makes no token (a dash, a comma) goes with the token before it
        while end < len(words) and not tokens_of(words[end]):
            end += 1
        groups.append(" ".join(words[start:end]).strip(_SEPARATORS) or " ".join(words[start:end]))
        start = end
    return groups


def _positions(n: int) -> tuple[int | None, ...]:
    """Which of ``n`` tokens :func:`split_name` takes as given, father, grandfather, family."""
    if n <= 3:
        return ((), (0, None, None, None), (0, None, None, 1), (0, 1, None, 2))[n] or (None,) * 4
    return (0, 1, 2, n - 1)


def names_as_written(record: PersonRecord) -> PersonRecord:
    """``record`` with its name parts spelled as its full name writes them, when import derived
    the parts from the full name; else ``record`` itself."""
    full = record.name_ar or record.name_latin
    if not full:
        return record
    derived = split_name(full)
    stored = tuple(getattr(record, f) for f in _PARTS)
    if stored != (derived.given, derived.father, derived.grandfather, derived.family) or not any(stored):
        return record  # the list's own part columns: as written already
    words = _written_words(full)
    if words is None:
        return record
    placed = _positions(len(words))
    parts = {f: None if i is None else words[i] for f, i in zip(_PARTS, placed, strict=True)}
    return record.model_copy(update=parts)
