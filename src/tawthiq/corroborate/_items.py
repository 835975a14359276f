"""A claim as clustering reads it: its family, place, time window, report and words.

In: one ``SourcedClaim`` (and the map of copies: a wire story and its rewrites are one report).
Out: an :class:`Item` — the claim's kind, family, type, :class:`Where`, time window, report, the
kinds of site its sentence names, whether it tells a further event; its other readings (the claim
read at another of its places, kept when its report's other claims are there); :func:`relation`
between two items' places.
Never: decides whether two claims are one event (``_fit``); never reads the database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from tawthiq.entities import PlaceRef, SourcedClaim, TimeSpan

from ._numbers import time_window
from ._origins import claim_report_key
from ._places import PLACE_RANK, Contains, Where, places_relation, where_of
from ._words import folded, read_words

__all__ = [
    "BUSY_FAMILIES",
    "Item",
    "finest_rank",
    "item_of",
    "read_time",
    "readings_of_its_report",
    "relation",
]

# Families compared as one (for blocking and the family test), so kin types can meet.
# "other" (deaths whose cause the claim does not give: bodies found, a day's toll) is
# grouped with attacks: it may be the same deaths another report gives a weapon for.
_FAMILY_GROUP = {"killing": "attack", "disappearance": "detention", "other": "attack"}
# Families where a city sees many events a day, so a place and a date alone do not identify one.
BUSY_FAMILIES = frozenset({"attack", "armed"})  # "killing" is grouped with "attack"


@dataclass(frozen=True)
class Item:
    """One claim as the pair rules read it (:func:`item_of`)."""

    kind: str
    family: str
    etype: str
    where: Where
    window: tuple[date, date, int] | None
    report: str
    denied: bool
    sites: frozenset[str]
    sc: SourcedClaim
    # the claim read at another of its places, kept when its report's other claims are there
    readings: tuple[Where, ...] = ()
    # read as of any day of the week up to its report's day (:func:`lagged_reading`)
    lagged: bool = False
    # its sentence tells it as another event than the ones told before it (:func:`told_apart`)
    another: bool = False
    # its figure is a part of a larger figure of its own report (:func:`_fit.mark_parts`): a floor
    part: bool = False


def item_of(sc: SourcedClaim, copies: dict[str, str]) -> Item:
    c = sc.claim
    sites, another = read_words(folded(c.quote))
    return Item(
        kind=c.kind,
        family=_FAMILY_GROUP.get(c.event_type.split(".")[0], c.event_type.split(".")[0]),
        etype=c.event_type,
        where=where_of(c.places),
        window=time_window(read_time(sc), sc.published),
        report=copies.get(claim_report_key(sc), claim_report_key(sc)),
        denied=c.certainty == "denied",
        sites=sites,
        sc=sc,
        readings=_other_readings(c.places),
        another=another,
    )


def read_time(sc: SourcedClaim) -> TimeSpan:
    """The claim's time as clustering reads it: a day borrowed from its report's context
    (``time_basis`` "context": the event day a follow-up report tells, lent to a sentence that names
    none) is read as its report's own day, as loosely as the day an undated claim gets
    (``_bridges.lagged_reading``): the other outlets of that event, which name no day either, still
    meet it. Issue 15: read as exact, the lent day split those incidents (measure pipeline P 0.743 ->
    0.648); read as the span from it to the report's day, tune pipeline R 0.351 -> 0.344."""
    c, pub = sc.claim, sc.published
    if c.time_basis != "context" or pub is None:
        return c.time
    return TimeSpan(start=pub, end=pub, precision="day")


def _head(where: Where) -> str | None:
    """The place a reading of a claim is about: its first finest place (gazetteer id, else skeleton)."""
    first = next(iter(where.specific or where.areas), None)
    return None if first is None else first.place_id or first.skel or first.folded


def _other_readings(places: tuple[PlaceRef, ...]) -> tuple[Where, ...]:
    """The claim read with each of its other places of the finest level first ("the church in
    Jerusalem condemned the strike on the hospital in Gaza" read at Gaza)."""
    if len(places) < 2:
        return ()
    ranks = [PLACE_RANK.get(p.precision, PLACE_RANK["town"]) for p in places]
    finest = [i for i, r in enumerate(ranks) if r == min(ranks)][1:]  # where_of reads the first one
    if not finest:
        return ()
    first = where_of(places)
    out: list[Where] = []
    for i in finest:
        w = where_of((places[i], *places[:i], *places[i + 1 :]))
        if _head(w) != _head(first) and all(_head(w) != _head(o) for o in out):
            out.append(w)
    return tuple(out)


def readings_of_its_report(items: list[Item]) -> list[Item]:
    """Keep a claim's other readings only at places its report's other claims are placed at.

    A place far from a claim's first one is a mention in passing (where the family had fled from,
    where the spokesman spoke) — unless the rest of the report is about that place: then the first
    place was the passing one (the city of a church that condemned the strike, a port the market
    is "near"), and the claim meets other claims at either."""
    heads: dict[str, list[str | None]] = defaultdict(list)
    for it in items:
        heads[it.report].append(_head(it.where))
    out = []
    for it in items:
        if it.readings:  # a reading's place is never the claim's own first one
            told = set(heads[it.report])
            it = replace(it, readings=tuple(w for w in it.readings if _head(w) in told))
        out.append(it)
    return out


def relation(a: Item, b: Item, contains: Contains | None) -> str | None:
    """:func:`places_relation` at the claims' first places, else at another reading of either."""
    rel = places_relation(a.where, b.where, contains)
    if rel is not None or not (a.readings or b.readings):
        return rel
    for wa in (a.where, *a.readings):
        for wb in (b.where, *b.readings):
            r = places_relation(wa, wb, contains)
            if r is not None and r != "unknown":
                return r
    return None


def finest_rank(it: Item) -> int | None:
    ranks = [p.rank for p in (*it.where.specific, *it.where.areas)]
    return min(ranks) if ranks else None
