"""PersonRecords -> one flat table of comparison features, the input splink reads.

In: ``PersonRecord`` entities. Out: a pandas DataFrame, one row per record, with only
derived keys (folded name parts, space-free name key, consonant skeletons, age, birth
year, sex, place key). Never: calls splink or a database; never logs a value.

Every feature is computed here, in Python, so that the splink settings only use exact
equality and splink's own string functions: the same settings then run unchanged on
DuckDB and on Spark.

Speed (a million records must take seconds, not a minute): the name features of a
record depend only on its six name fields, so they are computed once per *distinct*
name input and the table is assembled by index; an Arabic name is cut into
whitespace pieces whose folded tokens are cached (a list of a million names has a few
thousand distinct words), and only a name holding a compound word (عبد, ابو, الله,
الدين …) goes through :func:`tawthiq.people.names.arabic_tokens` whole. The values are
exactly those of the per-record reference implementation
(``tests/people_linkage/_reference_features.py``; ``test_link_features.py`` compares
the two tables on a varied synthetic fixture).
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from itertools import chain, pairwise
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc_

from tawthiq.entities import PersonRecord, date_text
from tawthiq.errors import TawthiqError
from tawthiq.gazetteer import Gazetteer, load_gazetteer
from tawthiq.people import names as _names
from tawthiq.people.names import (
    arabic_tokens,
    fold_arabic,
    is_arabic,
    latin_tokens,
    letter_skeleton,
    normalise_latin,
    skeleton,
)

__all__ = ["FEATURE_COLUMNS", "cross_script_keys", "place_id", "place_key", "rasm_key", "record_features"]

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
_NAME_COLUMNS = FEATURE_COLUMNS[2:13]

_NameFeatures = tuple[
    str | None, str | None, str | None, str | None, str | None, str | None, str | None, str | None,
    str | None, list[str], str | None,
]  # fmt: skip
_NameInput = tuple[str | None, str | None, str | None, str | None, str | None, str | None]

# Tokens that make ``arabic_tokens`` join a word to its neighbour: a name holding none of
# them is the plain concatenation of its pieces' tokens.
_COMPOUND_TOKENS = frozenset(_names._PREFIXES) | frozenset(_names._SUFFIXES)


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


def _by_distinct(values: list[str | None], fn: Callable[[str], str | None]) -> np.ndarray:
    """``fn`` of each value (None stays None), computed once per distinct value."""
    cache: dict[str, str | None] = {}
    out: list[str | None] = []
    for v in values:
        if not v:
            out.append(None)
            continue
        key = cache.get(v, _MISSING)
        if key is _MISSING:
            key = cache[v] = fn(v)
        out.append(key)  # type: ignore[arg-type]  # never the _MISSING sentinel here: replaced above
    return _object_array(out)


_MISSING = object()


@cache
def _gazetteer() -> Gazetteer | None:
    try:
        return load_gazetteer()
    except TawthiqError:  # pragma: no cover - a broken install: places compare as written
        return None


def place_key(place: str) -> str | None:
    """A place as written, compared: its folded words tagged with their script (``ar:``, ``la:``)."""
    if is_arabic(place):
        toks = arabic_tokens(place)
        return "ar:" + " ".join(toks) if toks else None
    words = latin_tokens(place)
    return "la:" + " ".join(words) if words else None


def place_id(place: str) -> str | None:
    """The gazetteer's id of a place (one identity in either script), or None when unknown.

    The model takes two places with one id as the same place, and two places in different
    scripts of which either has no id as unknown, not as a disagreement: a place written in
    Arabic on one list and in Latin on the other said nothing about the pair but counted
    -3.2 against it (issue 19).
    """
    gaz = _gazetteer()
    hits = gaz.lookup(place) if gaz is not None else []
    return hits[0].id if hits else None


_RASM = str.maketrans(
    {"ب": "ٮ", "ت": "ٮ", "ث": "ٮ", "ن": "ٮ", "ي": "ٮ", "ج": "ح", "خ": "ح", "ذ": "د", "ز": "ر",
     "ش": "س", "ض": "ص", "ظ": "ط", "غ": "ع", "ق": "ف"}
)  # fmt: skip
_TEETH = re.compile("[ٮر]")


def cross_script_keys(*parts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per record: the letter-by-letter skeleton of the given, father's, grandfather's and
    family names (``names.letter_skeleton``), and the script they are written in (``ar``,
    ``la``). The model compares the skeletons of two records in different scripts only
    (an Arabic name against its Latin transliteration).

    Computed once per distinct value of each part and assembled with numpy (a million names
    hold a few thousand distinct parts): per record, a dictionary of whole rows cost 0.8 CPU s of
    the 250,000-record dedup's 4.8 in the features (issue 19, session 23). The script is the
    first non-empty part's.
    """
    n = len(parts[0]) if parts else 0
    sk = np.full(n, "", dtype=object)
    script = np.full(n, None, dtype=object)
    for part in parts:
        codes, uniques = pd.factorize(part)
        values = uniques.tolist()
        # the last entry stands for a missing part (code -1)
        sk_of = _object_array([letter_skeleton(v) if v else "" for v in values] + [""])
        script_of = _object_array([("ar" if is_arabic(v) else "la") if v else None for v in values] + [None])
        sk = sk + sk_of[codes]
        first = (script == None) & (codes >= 0)  # noqa: E711  (elementwise, not identity)
        script[first] = script_of[codes[first]]
    empty = sk == ""
    sk[empty] = None
    script[empty] = None
    return sk, script


def rasm_key(key: str) -> str | None:
    """The letter shapes of an Arabic name key without their dots, and without the "teeth".

    What PDF font damage leaves intact: in the September release's unblocked true pairs the
    edits are dots (ي/ب/ن/ت/ث, س/ش, ق/ف …) and inserted or dropped teeth (ي, ن, ر); 160 of
    the 183 true pairs no other blocking rule found share this key, at about 10,700 candidate
    pairs on the hard task. A Latin key has none (None).
    """
    if not is_arabic(key):
        return None
    return _TEETH.sub("", key.translate(_RASM)) or None


def _arabic(text: str) -> list[str]:
    """Folded Arabic tokens of a name the vectorised path left (one with a compound word).

    ``arabic_tokens`` and ``fold_arabic`` keep their own caches per piece and per token.
    """
    return [fold_arabic(t) for t in arabic_tokens(text)]


def _parts_tokens(parts: tuple[str | None, ...]) -> list[str]:
    if any(parts):
        joined = " ".join(p for p in parts if p)
        return arabic_tokens(joined) if is_arabic(joined) else latin_tokens(joined)
    return []


def _tokens(inp: _NameInput) -> list[str]:
    """Name tokens of the record, preferring Arabic script (the lists' own writing)."""
    name_ar = inp[0]
    if name_ar and is_arabic(name_ar):
        return _arabic(name_ar)
    toks = _parts_tokens(inp[2:])
    if toks and is_arabic(toks[0]):
        return [fold_arabic(t) for t in toks]
    if toks:
        return [normalise_latin(t) for t in toks]
    name = inp[1] or name_ar or ""
    if is_arabic(name):
        return _arabic(name)
    return normalise_latin(name).split()


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


def _part_token(part: str | None) -> str | None:
    """One name part as one folded token (a compound part stays whole)."""
    if not part:
        return None
    if is_arabic(part):
        return fold_arabic("".join(arabic_tokens(part))) or None
    return "".join(normalise_latin(part).split()) or None


def _explicit_parts(inp: _NameInput) -> tuple[str | None, ...] | None:
    """The list's own part columns, by position, when it has them and no Arabic full name.

    Kept in place: a list that leaves the given name empty must not turn the family name
    into a given name.
    """
    if inp[0] and is_arabic(inp[0]):
        return None
    parts = inp[2:]
    if not any(parts):
        return None
    return tuple(_part_token(p) for p in parts)


def _name_features(toks: list[str], positional: tuple[str | None, ...] | None = None) -> _NameFeatures:
    if positional:
        parts = [p for p in positional if p]
        sks_pos = [skeleton(p) if p else None for p in positional]
        # the ignore: *positional has four parts, so the tuple has _NameFeatures' length
        return (
            *positional, "".join(parts) or None, sks_pos[0], sks_pos[1], sks_pos[3],
            "".join(x for x in sks_pos if x) or None, sorted(set(parts)),
            f"{sks_pos[0]}|{sks_pos[3]}" if sks_pos[0] and sks_pos[3] else None,
        )  # type: ignore[return-value]  # fmt: skip
    # A one-letter token is a stray glyph or half of a split word: it stays in the
    # space-free key but is not a name part.
    parts = [t for t in toks if len(t) > 1] or toks
    g, f, gf, fam = _split(parts)
    sks = [skeleton(t) for t in parts]
    n = len(sks)
    return (
        g,
        f,
        gf,
        fam,
        "".join(toks) or None,
        sks[0] if n else None,
        sks[1] if n > 2 else None,
        sks[-1] if n > 1 else None,
        "".join(sks) or None,
        sorted(set(parts)),
        f"{sks[0]}|{sks[-1]}" if n > 1 else None,  # for EM training only
    )


def _one_name(inp: _NameInput) -> _NameFeatures:
    positional = _explicit_parts(inp)
    if positional is not None:
        return _name_features([], positional)
    return _name_features(_tokens(inp))


def _object_array(values: Sequence[object]) -> np.ndarray:
    """A 1-d object array, even when every value is a list of one length."""
    return np.fromiter(values, dtype=object, count=len(values))


def _nonempty(arr: pa.Array) -> np.ndarray:
    """Arrow strings -> object array, the empty string as None (the reference's ``or None``)."""
    out = arr.to_numpy(zero_copy_only=False).astype(object)
    out[out == ""] = None
    return out


def _plain_arabic_names(texts: list[str]) -> tuple[np.ndarray, list[np.ndarray], np.ndarray]:
    """Name features of Arabic full names, computed on distinct words with numpy and Arrow.

    Returns a mask of the names handled (those without a compound word, whose tokens
    are the concatenation of their pieces' tokens), for every name the eleven name
    columns, and the letter shapes of its key (:func:`rasm_key`); the values of names
    outside the mask are to be ignored.

    The letter shapes are taken per distinct token and joined as the key is: :func:`rasm_key`
    maps letter by letter (a translation, then dropping the teeth), so the key's shapes are
    its tokens' shapes end to end. Per distinct key it cost 2.4 CPU s of the 500,000-record
    synthetic dedup (a key per record: the names are nearly all distinct; issue 19, session 24).
    """
    m = len(texts)
    pieces_lists = [t.split() for t in texts]
    n_pieces = np.fromiter(map(len, pieces_lists), dtype=np.int64, count=m)
    piece_codes, distinct_pieces = pd.factorize(
        pd.Series(list(chain.from_iterable(pieces_lists)), dtype=object)
    )
    # Tokens of each distinct piece, as codes into the table of distinct folded tokens.
    raw_index: dict[str, int] = {}
    piece_tokens: list[int] = []
    n_piece_tokens = np.zeros(len(distinct_pieces), dtype=np.int64)
    for i, piece in enumerate(distinct_pieces):
        toks = _names._clean_token(piece)
        n_piece_tokens[i] = len(toks)
        for t in toks:
            code = raw_index.get(t)
            if code is None:
                code = raw_index[t] = len(raw_index)
            piece_tokens.append(code)
    raw = list(raw_index)
    compound = np.fromiter((t in _COMPOUND_TOKENS for t in raw), dtype=bool, count=len(raw))
    folded_index: dict[str, int] = {}
    fold_code = np.fromiter(
        (folded_index.setdefault(fold_arabic(t), len(folded_index)) for t in raw),
        dtype=np.int64,
        count=len(raw),
    )
    folded = list(folded_index)
    sk = [skeleton(t) for t in folded]
    long = np.fromiter((len(t) > 1 for t in folded), dtype=bool, count=len(folded))
    # Expand pieces to tokens, in order.
    piece_off = np.concatenate(([0], np.cumsum(n_piece_tokens)))
    n_tok = n_piece_tokens[piece_codes]
    starts = np.repeat(piece_off[piece_codes] - (np.cumsum(n_tok) - n_tok), n_tok)
    raw_tc = np.asarray(piece_tokens, dtype=np.int64)[starts + np.arange(int(n_tok.sum()))]
    tc = fold_code[raw_tc]
    rec_tok = np.bincount(np.repeat(np.arange(m), n_pieces), weights=n_tok, minlength=m).astype(np.int64)
    tok_off = np.concatenate(([0], np.cumsum(rec_tok)))
    rec_of_tok = np.repeat(np.arange(m), rec_tok)
    ok = np.bincount(rec_of_tok, weights=compound[raw_tc], minlength=m) == 0
    # Name parts: tokens longer than one letter, or every token when none is.
    n_long = np.bincount(rec_of_tok, weights=long[tc], minlength=m)
    keep = long[tc] | (n_long[rec_of_tok] == 0)
    pc, rec_of_part = tc[keep], rec_of_tok[keep]
    n_parts = np.bincount(rec_of_part, minlength=m)
    part_off = np.concatenate(([0], np.cumsum(n_parts)))
    none = len(folded)
    f_obj = _object_array([*folded, None])
    sk_obj = _object_array([*sk, None])

    def pick(table: np.ndarray, at: np.ndarray, cond: np.ndarray) -> np.ndarray:
        codes = np.full(m, none, dtype=np.int64)
        codes[cond] = pc[at[cond]]
        return table[codes]

    first, last = part_off[:-1], part_off[1:] - 1
    cols = [
        pick(f_obj, first, n_parts >= 1),
        pick(f_obj, first + 1, n_parts >= 3),
        pick(f_obj, first + 2, n_parts >= 4),
        pick(f_obj, last, n_parts >= 2),
    ]
    f_arr, sk_arr = pa.array(folded, pa.string()), pa.array(sk, pa.string())
    tok_lists = pa.array(tok_off, pa.int64())
    key = pc_.binary_join(pa.ListArray.from_arrays(tok_lists, f_arr.take(tc)), "")
    # rasm_key of the key: its tokens' letter shapes joined, None for a key without an Arabic letter
    rasm_arr = pa.array([_TEETH.sub("", t.translate(_RASM)) for t in folded], pa.string())
    arabic_tok = np.fromiter((is_arabic(t) for t in folded), dtype=bool, count=len(folded))
    rasm = _nonempty(pc_.binary_join(pa.ListArray.from_arrays(tok_lists, rasm_arr.take(tc)), ""))
    rasm[np.bincount(rec_of_tok, weights=arabic_tok[tc], minlength=m) == 0] = None
    sk_key = pc_.binary_join(pa.ListArray.from_arrays(pa.array(part_off, pa.int64()), sk_arr.take(pc)), "")
    g_sk = pick(sk_obj, first, n_parts >= 1)
    fam_sk = pick(sk_obj, last, n_parts >= 2)
    blk = pc_.binary_join_element_wise(pa.array(g_sk, pa.string()), pa.array(fam_sk, pa.string()), "|")
    # tokens: the sorted distinct parts (ranks follow Python's string order)
    rank = np.empty(len(folded), dtype=np.int64)
    rank[sorted(range(len(folded)), key=folded.__getitem__)] = np.arange(len(folded))
    order = np.lexsort((rank[pc], rec_of_part))
    sp, sr = pc[order], rec_of_part[order]
    first_of_run = np.ones(len(sp), dtype=bool)
    first_of_run[1:] = (sp[1:] != sp[:-1]) | (sr[1:] != sr[:-1])
    up, ur = sp[first_of_run], sr[first_of_run]
    u_off = np.concatenate(([0], np.cumsum(np.bincount(ur, minlength=m)))).tolist()
    strs = f_obj[up].tolist()
    tokens = _object_array([strs[a:b] for a, b in pairwise(u_off)])
    cols += [
        _nonempty(key),
        g_sk,
        pick(sk_obj, first + 1, n_parts >= 3),
        fam_sk,
        _nonempty(sk_key),
        tokens,
        blk.to_numpy(zero_copy_only=False).astype(object),
    ]
    return ok, cols, rasm


def record_features(records: Sequence[PersonRecord]) -> pd.DataFrame:
    """One row of features per record; ``unique_id`` is ``PersonRecord.id``."""
    # Millions of small lists and strings, none cyclic: without this, the cyclic garbage
    # collector walks the whole heap (the records too) again and again.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _record_features(records)
    finally:
        if was_enabled:
            gc.enable()


def _record_features(records: Sequence[PersonRecord]) -> pd.DataFrame:
    n = len(records)
    name_cols = [np.full(n, None, dtype=object) for _ in _NAME_COLUMNS]
    arabic = [i for i, r in enumerate(records) if r.name_ar and is_arabic(r.name_ar)]
    slow = np.ones(n, dtype=bool)
    rasm = np.full(n, None, dtype=object)
    if arabic:
        at = np.asarray(arabic, dtype=np.int64)
        # name_ar is set on every record of ``arabic`` (see its test)
        ok, cols, plain_rasm = _plain_arabic_names([records[i].name_ar or "" for i in arabic])
        for dst, src in zip(name_cols, cols, strict=True):
            dst[at[ok]] = src[ok]
        rasm[at[ok]] = plain_rasm[ok]
        slow[at[ok]] = False
    index: dict[_NameInput, int] = {}
    distinct: list[_NameFeatures] = []
    slow_at = np.flatnonzero(slow)
    codes = np.empty(len(slow_at), dtype=np.int64)
    for j, i in enumerate(slow_at.tolist()):
        r = records[i]
        inp = (r.name_ar, r.name_latin, r.given_name, r.father_name, r.grandfather_name, r.family_name)
        code = index.get(inp)
        if code is None:
            code = index[inp] = len(distinct)
            distinct.append(_one_name(inp))
        codes[j] = code
    if distinct:
        for dst, values in zip(name_cols, zip(*distinct, strict=True), strict=True):
            dst[slow_at] = _object_array(values)[codes]
    columns_of: dict[str, Any] = {  # numpy and pandas arrays, one per feature column
        "unique_id": np.fromiter((r.id for r in records), dtype=np.int64, count=n),
        "source_dataset": np.fromiter((r.list_name for r in records), dtype=object, count=n),
    }
    columns_of.update(zip(_NAME_COLUMNS, name_cols, strict=True))
    columns_of["sex"] = np.fromiter((r.sex for r in records), dtype=object, count=n)
    columns_of["age"] = pd.array(_object_array([r.age for r in records]), dtype="Int64")
    births = [r.birth_date for r in records]
    columns_of["birth_year"] = pd.array(_object_array([b.year if b else None for b in births]), dtype="Int64")
    # the model weighs an exact birth date as a full date: a month or a year alone counts through
    # birth_year only, never as a date equal to the first of its month (issue 17)
    columns_of["birth_date"] = _object_array(
        [b.isoformat() if b and r.birth_date_precision in (None, "day") else None
         for b, r in zip(births, records, strict=True)]
    )  # fmt: skip
    columns_of["event_date"] = _object_array(
        [date_text(r.event_date, r.event_date_precision) for r in records]
    )
    columns_of["place"] = _by_distinct([r.place for r in records], place_key)
    columns_of["national_id"] = _by_distinct([r.national_id for r in records], _id_key)
    columns_of["address"] = _by_distinct([r.address for r in records], _address_key)
    rasm[slow_at] = _by_distinct(list(columns_of["key"][slow_at]), rasm_key)
    columns_of["rasm"] = rasm
    columns_of["place_id"] = _by_distinct([r.place for r in records], place_id)
    columns_of["x_sk"], columns_of["scr"] = cross_script_keys(
        *(columns_of[c] for c in ("g", "f", "gf", "fam"))
    )
    return pd.DataFrame(columns_of, columns=list(FEATURE_COLUMNS))
