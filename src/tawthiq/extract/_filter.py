"""Is a rule candidate a claim? A linear score over the candidate's words and rule features.

In: one English :class:`tawthiq.entities.Claim` the rules produced and the report's text. Out: a
probability-like score in [0, 1], and :func:`keep_claims`, which drops candidates scoring below the
shipped threshold. Never: imports scikit-learn or reads anything but the shipped parameters
(``data/claim_filter.json``, loaded once); a report whose filter file is absent keeps every claim.

The parameters are a logistic regression trained by ``scripts/train_claim_filter.py`` on the
``tune`` side of our annotated corpus (annotations/corpus/en, spans into ../shared/data/corpus; see
docs/extraction.md): a candidate is positive when its span overlaps a gold claim's span.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from tawthiq.entities import Claim

__all__ = ["claim_features", "claim_score", "keep_claims", "load_filter"]

_TOKEN = re.compile(r"[a-z]+|\d+")


def claim_features(claim: Claim, text_length: int) -> list[str]:
    """The candidate's binary features: words and word pairs of its quote (digits folded), and what
    the rules found (type, kind, toll, source, place, time, position in the report)."""
    toks = ["0" if t.isdigit() else t for t in _TOKEN.findall(claim.quote.lower())]
    feats = [f"w={t}" for t in dict.fromkeys(toks)]
    feats += [f"b={a}_{b}" for a, b in dict.fromkeys(pairwise(toks))]
    pos = claim.span[0] / max(text_length, 1)
    feats += [
        f"type={claim.event_type}",
        f"family={claim.event_type.split('.')[0]}",
        f"kind={claim.kind}",
        f"cert={claim.certainty}",
        f"toll={claim.fatalities is not None}",
        f"injured={claim.injured is not None}",
        f"party={claim.attributed_to is not None}",
        f"placed={any(p.lat is not None for p in claim.places)}",
        f"places={min(len(claim.places), 3)}",
        f"time={claim.time.precision}",
        f"pos={min(int(pos * 5), 4)}",
        f"len={min(len(toks) // 10, 5)}",
        "bias",
    ]
    return feats


@lru_cache(maxsize=1)
def load_filter() -> dict | None:
    """The shipped parameters ({"weights": {feature: w}, "threshold": t, ...}), or None if absent."""
    try:
        raw = resources.files("tawthiq.extract").joinpath("data/claim_filter.json").read_text("utf-8")
    except FileNotFoundError:
        return None
    return json.loads(raw)


def claim_score(claim: Claim, text_length: int, params: dict) -> float:
    weights = params["weights"]
    z = params.get("intercept", 0.0) + sum(weights.get(f, 0.0) for f in claim_features(claim, text_length))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def keep_claims(claims: list[Claim], text_length: int) -> list[Claim]:
    """The candidates the filter keeps (all of them when no parameters ship)."""
    params = load_filter()
    if params is None:
        return claims
    t = params["threshold"]
    return [c for c in claims if claim_score(c, text_length, params) >= t]
