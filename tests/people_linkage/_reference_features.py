"""Feature and clustering code as it was before the speed work: the reference the new code must equal.

Frozen copies of ``tawthiq.people._link_features.record_features`` (one Python loop per
record) and ``_link_cluster.cluster_pairs`` at commit df634cb. ``test_link_features.py``
checks that the fast implementations give the same results on varied synthetic inputs;
keep this file unchanged unless the meaning is changed on purpose (then change both, and
say so in the commit).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from tawthiq.entities import PersonRecord
from tawthiq.people._link_features import cross_script_keys, place_id, place_key, rasm_key  # issue 19
from tawthiq.people.names import (
    arabic_tokens,
    fold_arabic,
    is_arabic,
    latin_tokens,
    normalise_latin,
    skeleton,
)

__all__ = ["reference_cluster_pairs", "reference_record_features"]

FEATURE_COLUMNS = (
    "unique_id",
    "source_dataset",
    "g",
    "f",
    "gf",
    "fam",
    "key",
    "g_sk",
    "f_sk",
    "fam_sk",
    "sk_key",
    "tokens",
    "blk",
    "sex",
    "age",
    "birth_year",
    "birth_date",
    "event_date",
    "place",
    "national_id",
    "address",
    "rasm",
    "x_sk",
    "scr",
    "place_id",
)


_WORD = re.compile(r"[^\W_]+")


def _id_key(value: str | None) -> str | None:
    """A document number as compared: letters and digits only (any script's digits as 0-9), upper case."""
    if not value:
        return None
    chars = (str(unicodedata.digit(ch)) if ch.isdecimal() else ch.upper() for ch in value if ch.isalnum())
    out = "".join(chars)
    return out or None


def _address_key(value: str | None) -> str | None:
    """An address as compared: its words letter-folded (Arabic or Latin), numbers in 0-9, one space apart."""
    if not value:
        return None
    words = []
    for tok in _WORD.findall(unicodedata.normalize("NFKC", value)):
        if tok.isdecimal():
            words.append(_id_key(tok) or "")
        elif is_arabic(tok):
            words.extend(fold_arabic(t) for t in arabic_tokens(tok))
        else:
            words.append(normalise_latin(tok))
    return " ".join(w for w in words if w) or None


def _parts_tokens(r: PersonRecord) -> list[str]:
    parts = [r.given_name, r.father_name, r.grandfather_name, r.family_name]
    if any(parts):
        joined = " ".join(p for p in parts if p)
        return arabic_tokens(joined) if is_arabic(joined) else latin_tokens(joined)
    return []


def _tokens(r: PersonRecord) -> tuple[list[str], bool]:
    """Name tokens of the record, preferring Arabic script (the lists' own writing)."""
    if r.name_ar and is_arabic(r.name_ar):
        return [fold_arabic(t) for t in arabic_tokens(r.name_ar)], True
    toks = _parts_tokens(r)
    if toks and is_arabic(toks[0]):
        return [fold_arabic(t) for t in toks], True
    if toks:
        return [normalise_latin(t) for t in toks], False
    name = r.name_latin or r.name_ar or ""
    if is_arabic(name):
        return [fold_arabic(t) for t in arabic_tokens(name)], True
    return normalise_latin(name).split(), False


def _split(toks: list[str]) -> tuple[str | None, str | None, str | None, str | None]:
    n = len(toks)
    if n == 0:
        return None, None, None, None
    if n == 1:
        return toks[0], None, None, None
    if n == 2:
        return toks[0], None, None, toks[1]
    if n == 3:
        return toks[0], toks[1], None, toks[2]
    return toks[0], toks[1], toks[2], toks[-1]


_NameFeatures = tuple[
    str | None, str | None, str | None, str | None, str | None, str | None, str | None, str | None,
    str | None, list[str], str | None,
]  # fmt: skip


def _part_token(part: str | None) -> str | None:
    """One name part as one folded token (a compound part stays whole)."""
    if not part:
        return None
    if is_arabic(part):
        return fold_arabic("".join(arabic_tokens(part))) or None
    return "".join(normalise_latin(part).split()) or None


def _explicit_parts(r: PersonRecord) -> tuple[str | None, ...] | None:
    """The list's own part columns, by position, when it has them and no Arabic full name.

    Kept in place: a list that leaves the given name empty must not turn the family name
    into a given name.
    """
    if r.name_ar and is_arabic(r.name_ar):
        return None
    parts = (r.given_name, r.father_name, r.grandfather_name, r.family_name)
    if not any(parts):
        return None
    return tuple(_part_token(p) for p in parts)


def _name_features(toks: tuple[str, ...], positional: tuple[str | None, ...] | None = None) -> _NameFeatures:
    # A one-letter token is a stray glyph or half of a split word: it stays in the
    # space-free key but is not a name part.
    parts = [t for t in toks if len(t) > 1] or list(toks)
    g, f, gf, fam = positional if positional else _split(parts)
    if positional:
        parts = [p for p in positional if p]
        toks = tuple(parts)
        sks_pos = [skeleton(p) if p else None for p in positional]
        return (
            g, f, gf, fam, "".join(toks) or None, sks_pos[0], sks_pos[1], sks_pos[3],
            "".join(x for x in sks_pos if x) or None, sorted(set(parts)),
            f"{sks_pos[0]}|{sks_pos[3]}" if sks_pos[0] and sks_pos[3] else None,
        )  # fmt: skip
    sks = [skeleton(t) for t in parts]
    return (
        g,
        f,
        gf,
        fam,
        "".join(toks) or None,
        sks[0] if sks else None,
        sks[1] if len(sks) > 2 else None,
        sks[-1] if len(sks) > 1 else None,
        "".join(sks) or None,
        sorted(set(parts)),
        f"{sks[0]}|{sks[-1]}" if len(sks) > 1 else None,  # for EM training only
    )


def reference_record_features(records: Sequence[PersonRecord]) -> pd.DataFrame:
    """One row of features per record; ``unique_id`` is ``PersonRecord.id``."""
    rows = []
    cache: dict[tuple[str, ...], _NameFeatures] = {}
    place_cache: dict[str, str | None] = {}
    for r in records:
        positional = _explicit_parts(r)
        if positional is not None:
            nf = _name_features((), positional)
        else:
            toks = tuple(_tokens(r)[0])
            nf = cache.get(toks)
            if nf is None:
                nf = cache[toks] = _name_features(toks)
        place = None
        if r.place:
            place = place_cache.get(r.place)
            if place is None:
                place = place_cache[r.place] = place_key(r.place)
        rows.append(
            (
                r.id,
                r.list_name,
                *nf,
                r.sex,
                r.age,
                r.birth_date.year if r.birth_date else None,
                r.birth_date.isoformat() if r.birth_date else None,
                r.event_date.isoformat() if r.event_date else None,
                place,
                _id_key(r.national_id),
                _address_key(r.address),
                rasm_key(nf[4]) if nf[4] else None,
                *(x[0] for x in cross_script_keys(*(np.array([v], dtype=object) for v in nf[:4]))),
                place_id(r.place) if r.place else None,
            )
        )
    df = pd.DataFrame.from_records(rows, columns=list(FEATURE_COLUMNS))
    df["age"] = df["age"].astype("Int64")
    df["birth_year"] = df["birth_year"].astype("Int64")
    return df


def reference_cluster_pairs(
    ids_to_list: Mapping[int, str],
    scored: Iterable[tuple[int, int, float]],
    *,
    threshold: float,
    dedupe_lists: frozenset[str] | set[str],
    cannot_link: Iterable[tuple[int, int]] = (),
) -> list[tuple[int, ...]]:
    parent = {i: i for i in ids_to_list}
    members: dict[int, list[int]] = {i: [i] for i in ids_to_list}
    lists: dict[int, dict[str, int]] = {i: {ids_to_list[i]: 1} for i in ids_to_list}
    apart: dict[int, set[int]] = {i: set() for i in ids_to_list}
    for a, b in cannot_link:
        if a in apart and b in apart:
            apart[a].add(b)
            apart[b].add(a)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Strongest first; ties broken by ids so that re-runs give the same persons.
    for a, b, p in sorted(scored, key=lambda t: (-t[2], min(t[0], t[1]), max(t[0], t[1]))):
        if p < threshold:
            break
        if a not in parent or b not in parent:
            continue
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        la, lb = lists[ra], lists[rb]
        if any(name not in dedupe_lists and name in lb for name in la):
            continue
        if any(find(x) == rb for m in members[ra] for x in apart[m]):
            continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra].extend(members.pop(rb))
        merged = lists[ra]
        for name, c in lists.pop(rb).items():
            merged[name] = merged.get(name, 0) + c
    clusters = [tuple(sorted(m)) for m in members.values()]
    return sorted(clusters)
