"""Link PersonRecords into persons: splink (Fellegi–Sunter, EM) plus two documented passes.

In: ``PersonRecord`` entities (each with its ``id``), the lists known to hold duplicates,
and user labels ``(record id a, record id b, is_match)`` from the review queue.
Out: a :class:`LinkResult` with scored pairs (probability, weight, per-comparison
weights) and clusters. Never: reads or writes the project database (the caller stores
records, labels and the result), never logs a name.

Stages:
1. features (:mod:`._link_features`): folded Arabic parts, space-free key, skeletons;
   a list's systematic age offset against another, found from the data (:mod:`._link_lists`);
2. splink model (:mod:`._link_model`), DuckDB by default or Spark with the same settings;
3. labels: a user's "match" sets the pair's probability to 1, "no match" to 0 and keeps
   the two clusters apart, on every re-run;
4. clustering (:mod:`._link_cluster`): strongest links first, never two records of a
   duplicate-free list in one person.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, Literal

from tawthiq.entities import PersonRecord
from tawthiq.errors import LinkageError
from tawthiq.people._link_cluster import cluster_pairs
from tawthiq.people._link_types import AgeOffset, LinkedPair, LinkResult

__all__ = [
    "DEFAULT_MATCH_THRESHOLD",
    "DEFAULT_REVIEW_BUDGET",
    "DEFAULT_REVIEW_THRESHOLD",
    "REVIEW_FLOOR",
    "link_records",
]

DEFAULT_MATCH_THRESHOLD = 0.9
DEFAULT_REVIEW_THRESHOLD = 0.5
DEFAULT_REVIEW_BUDGET = 0.02
"""Share of the records the review queue may hold: below ``review_threshold`` the most
probable pairs fill it, down to :data:`REVIEW_FLOOR` (issue 19: the model ranks well
below 0.5, where a reviewer still finds a true pair in about one of two; an exact, rare
name whose age disagrees between two releases sits there)."""
REVIEW_FLOOR = 0.1
"""No pair the model finds less likely than this goes to review, whatever the budget."""


def _check(records: Sequence[PersonRecord]) -> None:
    seen: set[int] = set()
    for n, r in enumerate(records):
        if r.id is None:
            raise LinkageError(f"record {n} of list {r.list_name!r} (record_id {r.record_id!r}) has no id")
        if r.id in seen:
            raise LinkageError(f"record id {r.id} appears twice")
        seen.add(r.id)


def _within_budget(
    pairs: Sequence[LinkedPair], review_threshold: float, match_threshold: float, budget: int
) -> list[LinkedPair]:
    """Every pair at or above ``review_threshold``, and the most probable pairs below it while
    the review queue holds fewer than ``budget`` pairs (ties at the cut all stay out)."""
    kept = [p for p in pairs if p.probability >= review_threshold]
    room = budget - sum(1 for p in kept if p.probability < match_threshold)
    below = sorted((p for p in pairs if p.probability < review_threshold), key=lambda p: -p.probability)
    if room <= 0 or not below:
        return kept
    if room < len(below) and below[room].probability == below[room - 1].probability:
        cut = below[room].probability
        below = [p for p in below[:room] if p.probability > cut]
    return kept + below[:room]


def _need_pyspark() -> None:
    """Fail early, in one line naming the extra, when the Spark backend is asked for on an
    install without it (``pip install tawthiq`` brings DuckDB only; issue 17)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise LinkageError(
            "the Spark linkage backend needs the optional 'spark' extra: pip install 'tawthiq[spark]'"
        ) from None


def link_records(
    records: Sequence[PersonRecord],
    *,
    dedupe_lists: Collection[str] = frozenset(),
    labels: Sequence[tuple[int, int, bool]] = (),
    backend: Literal["duckdb", "spark"] = "duckdb",
    spark: Any = None,
    match_threshold: float = DEFAULT_MATCH_THRESHOLD,
    review_threshold: float = DEFAULT_REVIEW_THRESHOLD,
    review_budget: float = DEFAULT_REVIEW_BUDGET,
) -> LinkResult:
    """Score candidate pairs and cluster records into persons.

    Args:
        records: records with ``id`` set (the store's primary key); several lists.
        dedupe_lists: lists that may name one person twice; any other list is taken
            as already de-duplicated, so two of its records never join one person.
        labels: the review queue's decisions, ``(a, b, True)`` match, ``False`` no match.
        backend: ``"duckdb"`` (embedded) or ``"spark"`` (pass a ``SparkSession``).
        match_threshold: probability from which a pair is linked automatically.
        review_threshold: probability from which an unlabelled pair goes to review.
        review_budget: share of the records the review queue may hold; while there is
            room, the most probable pairs below ``review_threshold`` (down to
            :data:`REVIEW_FLOOR`) go to review too. Only for inputs large enough to train
            on (``_link_model.MIN_RECORDS_TO_TRAIN``); ``0`` turns it off.

    Returns:
        LinkResult: pairs at or above ``review_threshold``, those the review budget took,
        every labelled pair,
        the clusters (singletons included) and the systematic age offsets found.

    Raises:
        LinkageError: a record without id, a repeated id, a bad backend or thresholds; the
            Spark backend without pyspark installed (the message names the ``spark`` extra).
    """
    if backend == "spark":
        _need_pyspark()
    if not 0 < review_threshold <= match_threshold <= 1:
        raise LinkageError("thresholds must satisfy 0 < review_threshold <= match_threshold <= 1")
    _check(records)
    dedupe = frozenset(dedupe_lists)
    ids_to_list = {r.id: r.list_name for r in records if r.id is not None}
    label_map = {(min(a, b), max(a, b)): bool(m) for a, b, m in labels}

    scored: dict[tuple[int, int], LinkedPair] = {}
    offsets: list[AgeOffset] = []
    if len(records) > 1:
        from tawthiq.people._link_engine import run_engine
        from tawthiq.people._link_model import MIN_RECORDS_TO_TRAIN

        budget = int(review_budget * len(records)) if len(records) >= MIN_RECORDS_TO_TRAIN else 0
        floor = min(review_threshold, REVIEW_FLOOR) if budget > 0 else review_threshold
        engine_pairs, offsets = run_engine(records, dedupe, floor, backend, spark, match_threshold)
        for pair in _within_budget(engine_pairs, review_threshold, match_threshold, budget):
            scored[(pair.a, pair.b)] = pair

    for (a, b), is_match in label_map.items():
        if a not in ids_to_list or b not in ids_to_list:
            continue
        old = scored.get((a, b))
        scored[(a, b)] = LinkedPair(
            a=a,
            b=b,
            probability=1.0 if is_match else 0.0,
            weight=old.weight if old else 0.0,
            decision="match" if is_match else "non_match",
            weights=old.weights if old else {},
            reason="label",
        )

    pairs = sorted(scored.values(), key=lambda p: (p.a, p.b))
    clusters = cluster_pairs(
        ids_to_list,
        [(p.a, p.b, p.probability) for p in pairs],
        threshold=match_threshold,
        dedupe_lists=dedupe,
        cannot_link=[k for k, v in label_map.items() if not v],
    )
    return LinkResult(
        pairs=tuple(pairs),
        clusters=tuple(clusters),
        match_threshold=match_threshold,
        review_threshold=review_threshold,
        backend=backend,
        age_offsets=tuple(offsets),
    )
