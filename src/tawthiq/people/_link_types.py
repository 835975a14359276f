"""The result types of linkage: a scored pair, and the whole result.

In: nothing (pure value types). Out: :class:`LinkedPair`, :class:`LinkResult`.
Never: holds names or other record contents, only record ids and weights, so a result
can be logged or shown without leaking who the people are.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["AgeOffset", "LinkResult", "LinkedPair", "PairDecision"]

PairDecision = Literal["match", "review", "non_match"]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class LinkedPair(BaseModel):
    """Two records (``PersonRecord.id``) and how strongly the linker thinks they are one person.

    ``weights`` are the per-comparison match weights (log2 Bayes factors, splink's ``mw_*``
    columns, term-frequency adjustment included), for the review screen; ``probability`` is the
    final match probability after the deterministic passes; ``reason`` says which stage
    decided (``model``, ``exact_key``, ``label``, ``sibling_guard`` …).
    """

    model_config = _FROZEN
    a: int
    b: int
    probability: float
    weight: float
    decision: PairDecision
    weights: dict[str, float] = {}
    reason: str = "model"


class AgeOffset(BaseModel):
    """``list_name``'s ages from ``ages_from`` to ``ages_to`` are ``years`` off ``other_list``'s.

    ``years`` is signed: such an age of ``list_name`` minus ``years`` is the age
    ``other_list`` gives. ``pairs`` confident pairs show it, out of ``large`` confident pairs whose ages
    differ by more than ``_link_lists.TOLERANCE`` years and ``confident`` confident pairs in all.
    """

    model_config = _FROZEN
    list_name: str
    other_list: str
    years: int
    ages_from: int
    ages_to: int
    pairs: int
    large: int
    confident: int


class LinkResult(BaseModel):
    """Every scored candidate pair above the review floor, and the persons (clusters) they make.

    ``clusters`` holds every record id exactly once (singletons included), each cluster
    sorted, clusters sorted by their first id, so re-runs give the same order.
    """

    model_config = _FROZEN
    pairs: tuple[LinkedPair, ...] = ()
    clusters: tuple[tuple[int, ...], ...] = ()
    match_threshold: float = 0.9
    review_threshold: float = 0.5
    backend: str = "duckdb"
    age_offsets: tuple[AgeOffset, ...] = ()
    """Systematic age offsets found between the lists (see ``docs/linkage.md``); usually none."""

    @property
    def matches(self) -> tuple[LinkedPair, ...]:
        return tuple(p for p in self.pairs if p.decision == "match")

    @property
    def review(self) -> tuple[LinkedPair, ...]:
        """Uncertain pairs for the review queue (between the two thresholds, unlabelled)."""
        return tuple(p for p in self.pairs if p.decision == "review")
