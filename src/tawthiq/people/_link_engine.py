"""Records -> scored pairs: features, the splink model, then the sibling guard.

In: ``PersonRecord`` entities, the duplicate-holding lists, the review floor, backend.
Out: :class:`LinkedPair` values for every pair scored at or above the floor, and the
systematic age offsets found between the lists (:mod:`._link_lists`).
Never: clusters, applies labels or touches the project database.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from tawthiq.entities import PersonRecord
from tawthiq.people._link_features import record_features
from tawthiq.people._link_lists import (
    add_age_shifted,
    age_offsets,
    name_frequencies,
    near_frequencies,
    one_per_person,
    one_to_one,
    rivals_in_turn,
    scoring_floor,
)
from tawthiq.people._link_model import MIN_RECORDS_TO_TRAIN, LinkType, score_pairs
from tawthiq.people._link_types import AgeOffset, LinkedPair

__all__ = ["run_engine"]


def _link_type(lists: set[str], dedupe: frozenset[str]) -> LinkType | None:
    if len(lists) == 1:
        return "dedupe_only" if lists <= dedupe else None
    return "link_and_dedupe" if lists & dedupe else "link_only"


def run_engine(
    records: Sequence[PersonRecord],
    dedupe: frozenset[str],
    floor: float,
    backend: str,
    spark: Any,
    match_threshold: float,
) -> tuple[list[LinkedPair], list[AgeOffset]]:
    """The scored pairs, and the systematic age offsets found between the lists.

    The cyclic garbage collector is paused meanwhile: every object built counts towards a
    collection, and the oldest generation's walks the records, the features and splink's
    objects again; what is built here (features, pairs, tables) holds no cycle, and the few
    that splink's SQL trees make are collected after. On the hard task 0.2–0.3 CPU s of
    about 2.9 (the pairs' objects alone 0.18 -> 0.04; 06:38 UTC, two runs each).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run_engine(records, dedupe, floor, backend, spark, match_threshold)
    finally:
        if was_enabled:
            gc.enable()


def _run_engine(
    records: Sequence[PersonRecord],
    dedupe: frozenset[str],
    floor: float,
    backend: str,
    spark: Any,
    match_threshold: float,
) -> tuple[list[LinkedPair], list[AgeOffset]]:
    lists = {r.list_name for r in records}
    link_type = _link_type(lists, dedupe)
    if link_type is None:
        return [], []
    feats = record_features(records)
    offsets = age_offsets(feats)
    feats = add_age_shifted(feats, offsets)
    feats, name_tf = name_frequencies(feats)
    feats, near_tf = near_frequencies(feats)
    # Between duplicate-free lists each record has at most one partner: the model's
    # probabilities are revised with that knowledge (``one_to_one``), which needs the
    # competing candidates below the review floor too. Not for inputs too small to train
    # on: their model runs on expert values and their overlap is too few links to count.
    one_to_one_lists = link_type == "link_only" and len(records) >= MIN_RECORDS_TO_TRAIN
    # One list with duplicates: a record's candidates are weighed against each other the same way.
    one_list = link_type == "dedupe_only" and len(records) >= MIN_RECORDS_TO_TRAIN
    model_floor = scoring_floor(floor) if one_to_one_lists or one_list else floor
    df = score_pairs(
        feats,
        link_type=link_type,
        floor=model_floor,
        backend=backend,
        spark=spark,
        name_tf=name_tf,
        near_tf=near_tf,
    )
    if one_to_one_lists:
        list_of = dict(zip(feats["unique_id"].tolist(), feats["source_dataset"].tolist(), strict=True))
        sizes = feats["source_dataset"].value_counts().to_dict()
        df["match_probability"], df["mw_one_to_one"] = one_to_one(df, list_of, sizes)
        df["match_weight"] = df["match_weight"] + df["mw_one_to_one"]
        df = df[df["match_probability"] >= floor]
    elif link_type == "link_only":  # small input: no pi to estimate, rivals only lower a pair
        list_of = dict(zip(feats["unique_id"].tolist(), feats["source_dataset"].tolist(), strict=True))
        df["match_probability"], df["mw_one_to_one"] = rivals_in_turn(df, list_of, match_threshold, floor)
        df["match_weight"] = df["match_weight"] + df["mw_one_to_one"]
    elif one_list:
        df["match_probability"], df["mw_one_to_one"] = one_per_person(df, len(records))
        df["match_weight"] = df["match_weight"] + df["mw_one_to_one"]
        df = df[df["match_probability"] >= floor]
    return _to_pairs(df, feats, dedupe, match_threshold), offsets


def _to_pairs(
    df: pd.DataFrame, feats: pd.DataFrame, dedupe: frozenset[str], match_threshold: float
) -> list[LinkedPair]:
    """Scored rows -> ``LinkedPair`` values, column-wise (a million rows in seconds).

    ``a < b``; a pair inside one list not named in ``dedupe`` is dropped. ``weights``
    holds each comparison's match weight (log2 Bayes factor) rounded to 3 places, its
    term-frequency adjustment added; a missing or infinite weight is left out.
    The values are validated here (ids, probabilities and weights come from the
    model as numbers), so the objects are built without pydantic's validation pass.
    """
    if df.empty:
        return []
    left = df["unique_id_l"].to_numpy(dtype=np.int64)
    right = df["unique_id_r"].to_numpy(dtype=np.int64)
    a, b = np.minimum(left, right), np.maximum(left, right)
    ids = pd.Index(feats["unique_id"].to_numpy(dtype=np.int64))
    list_codes, list_names = pd.factorize(feats["source_dataset"])
    la, lb = list_codes[ids.get_indexer(a)], list_codes[ids.get_indexer(b)]
    deduped = np.array([name in dedupe for name in list_names], dtype=bool)
    keep = (la != lb) | deduped[la]
    prob = df["match_probability"].to_numpy(dtype=np.float64)[keep]
    weight = df["match_weight"].to_numpy(dtype=np.float64)[keep]
    # log2 Bayes factors, in the frame's column order; the tf adjustment folds into its comparison
    names: list[str] = []
    sums: list[np.ndarray] = []
    for c in (c for c in df.columns if c.startswith("mw_")):
        name = c[len("mw_tf_adj_") :] if c.startswith("mw_tf_adj_") else c[3:]
        col = pd.to_numeric(df[c], errors="coerce").to_numpy(dtype=np.float64)[keep]
        col = np.where(np.isfinite(col), col, np.nan)
        if name in names:
            i = names.index(name)
            prev = sums[i]
            sums[i] = np.where(np.isnan(col), prev, np.round(np.nan_to_num(prev) + col, 3))
        else:
            names.append(name)
            sums.append(np.round(col, 3))
    rows = zip(*(x.tolist() for x in sums), strict=True) if sums else iter(() for _ in range(int(keep.sum())))
    out: list[LinkedPair] = []
    new, setattr_ = LinkedPair.__new__, object.__setattr__
    for x, y, p, w, ws in zip(
        a[keep].tolist(), b[keep].tolist(), prob.tolist(), weight.tolist(), rows, strict=True
    ):
        # What ``model_construct`` does, without its per-field loop (a fifth of the time).
        pair = new(LinkedPair)
        setattr_(
            pair,
            "__dict__",
            {
                "a": x,
                "b": y,
                "probability": p,
                "weight": w,
                "decision": "match" if p >= match_threshold else "review",
                "weights": {n: v for n, v in zip(names, ws, strict=True) if v == v},  # NaN: missing
                "reason": "model",
            },
        )
        setattr_(pair, "__pydantic_fields_set__", set(_ALL_FIELDS))
        setattr_(pair, "__pydantic_extra__", None)
        setattr_(pair, "__pydantic_private__", None)
        out.append(pair)
    return out


_ALL_FIELDS = frozenset(LinkedPair.model_fields)
