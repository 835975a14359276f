"""Records -> scored pairs: features, the splink model, then the sibling guard.

In: ``PersonRecord`` entities, the duplicate-holding lists, the review floor, backend.
Out: :class:`LinkedPair` values for every pair scored at or above the floor, and the
systematic age offsets found between the lists (:mod:`._link_lists`).
Never: clusters, applies labels or touches the project database.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from tawthiq.entities import PersonRecord
from tawthiq.people._link_features import record_features
from tawthiq.people._link_lists import add_age_shifted, age_offsets, one_to_one, scoring_floor
from tawthiq.people._link_model import MIN_RECORDS_TO_TRAIN, score_pairs
from tawthiq.people._link_types import AgeOffset, LinkedPair

__all__ = ["run_engine"]


def _link_type(lists: set[str], dedupe: frozenset[str]) -> str | None:
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
    """The scored pairs, and the systematic age offsets found between the lists."""
    lists = {r.list_name for r in records}
    link_type = _link_type(lists, dedupe)
    if link_type is None:
        return [], []
    feats = record_features(records)
    offsets = age_offsets(feats)
    feats = add_age_shifted(feats, offsets)
    # Between duplicate-free lists each record has at most one partner: the model's
    # probabilities are revised with that knowledge (``one_to_one``), which needs the
    # competing candidates below the review floor too. Not for inputs too small to train
    # on: their model runs on expert values and their overlap is too few links to count.
    one_to_one_lists = link_type == "link_only" and len(records) >= MIN_RECORDS_TO_TRAIN
    model_floor = scoring_floor(floor) if one_to_one_lists else floor
    df = score_pairs(feats, link_type=link_type, floor=model_floor, backend=backend, spark=spark)
    list_of = dict(zip(feats["unique_id"].tolist(), feats["source_dataset"].tolist(), strict=True))
    if one_to_one_lists:
        sizes = feats["source_dataset"].value_counts().to_dict()
        df["match_probability"], df["mw_one_to_one"] = one_to_one(df, list_of, sizes)
        df["match_weight"] = df["match_weight"] + df["mw_one_to_one"]
        df = df[df["match_probability"] >= floor]
    mw_cols = [c for c in df.columns if c.startswith("mw_")]
    out: list[LinkedPair] = []
    for row in df.itertuples(index=False):
        a, b = int(row.unique_id_l), int(row.unique_id_r)
        if a > b:
            a, b = b, a
        if list_of[a] == list_of[b] and list_of[a] not in dedupe:
            continue
        p = float(row.match_probability)
        weights: dict[str, float] = {}
        for c in mw_cols:  # log2 Bayes factors; the tf adjustment folds into its comparison
            v = getattr(row, c)
            if v is None or not math.isfinite(float(v)):
                continue
            name = c[len("mw_tf_adj_") :] if c.startswith("mw_tf_adj_") else c[3:]
            weights[name] = round(weights.get(name, 0.0) + float(v), 3)
        out.append(
            LinkedPair(
                a=a,
                b=b,
                probability=p,
                weight=float(row.match_weight),
                decision="match" if p >= match_threshold else "review",
                weights=weights,
                reason="model",
            )
        )
    return out, offsets
