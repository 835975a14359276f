"""The shipped prior model: m and u of every comparison level, for lists too small to train on.

In: ``people/data/link_prior.json`` (written by ``scripts/train_link_prior.py`` from the
shared victim lists' *tune* fold; versioned with the package) and a splink model dict.
Out: the model dict with the shipped m and u set on every level the file knows, and the
fixed prior of a pair (:data:`SMALL_PAIR_PRIOR`).
Never: reads the shared lists (only the script does), holds a name (only probabilities).

Why (issue 19): below ``_link_model.MIN_RECORDS_TO_TRAIN`` records, EM has a few dozen
pairs to learn from. The former expert values scored two identical records 0.86-0.88, and
the prior of a pair came from the lists' sizes, so importing two unrelated records moved
seven matched pairs under the threshold. Here every weight comes from the file and the
prior of a pair is one constant: the score of two records depends on those two alone.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["PRIOR_FILE", "SMALL_PAIR_PRIOR", "apply_prior", "load_prior"]

PRIOR_FILE = "link_prior.json"
SMALL_PAIR_PRIOR = 1e-3
"""Prior that two records of a small input are one person, whatever the lists' sizes.

Two lists below ``MIN_RECORDS_TO_TRAIN`` (500) records, half of one found in the other,
give at least 0.5/500 = 1e-3 per pair: the most cautious value over that whole range, and
one that no record outside the pair can change.
"""


@cache
def load_prior() -> dict[str, Any]:
    """The shipped file: ``{"format", "version", "trained_on", "comparisons": {name: [levels]}}``,
    each level ``{"label", "m", "u"}`` in the settings' order (null level excluded)."""
    text = resources.files("tawthiq.people").joinpath("data", PRIOR_FILE).read_text("utf-8")
    return json.loads(text)


def apply_prior(model: dict[str, Any]) -> dict[str, Any]:
    """``model`` (splink's model dict) with the shipped m and u on every level they cover.

    Levels are matched by comparison and label; a level the file lacks (one added since it
    was trained, e.g. the age offset's) keeps its starting values. The term-frequency
    adjustment is switched off (a name seen twice in forty records is not common) and the
    pair prior set to :data:`SMALL_PAIR_PRIOR`. Returns the same dict, edited.
    """
    shipped = load_prior()["comparisons"]
    for comp in model["comparisons"]:
        levels = {lv["label"]: lv for lv in shipped.get(comp.get("output_column_name"), [])}
        for lv in comp["comparison_levels"]:
            lv.pop("tf_adjustment_column", None)
            lv.pop("tf_adjustment_weight", None)
            known = levels.get(lv.get("label_for_charts"))
            if known is None or lv.get("is_null_level"):
                continue
            m, u = known["m"], known["u"]
            if lv.get("fix_m_probability"):
                # A guard (siblings, cousins) is never evidence for a match: against a prior
                # of 1e-3 its trained Bayes factor (2^6, harmless at 1e-5) would be.
                u = max(u, m)
            lv["m_probability"], lv["u_probability"] = m, u
    model["probability_two_random_records_match"] = SMALL_PAIR_PRIOR
    return model


def prior_from_model(model: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The m and u of a trained splink model dict, by comparison and level label (for the script)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for comp in model["comparisons"]:
        out[comp["output_column_name"]] = [
            {"label": lv["label_for_charts"], "m": lv["m_probability"], "u": lv["u_probability"]}
            for lv in comp["comparison_levels"]
            if not lv.get("is_null_level")
        ]
    return out
