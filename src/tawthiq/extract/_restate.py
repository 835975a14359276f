"""One claim for one assertion: a toll the report restates (headline, lede, body, quote) is one claim.

In: the claims of one report, in reading order. Out: the same claims less restatements; of each group
of restatements the most complete one is kept (a named source, a located place, a manner of death, the
body rather than the headline). Never: merges two claims that give different tolls, different places,
different days or different named sources (CLAIMS.md: "the same event asserted by another source, or
with another number, is another claim").

A restatement is a claim whose death toll (or, when it gives no dead, whose count of wounded) has the
same number as an earlier claim's ("At least 15
civilians killed" in the headline, "Fifteen people were killed" in the lede, "'Fifteen people are
dead,' the governor said" in the body), whose event type is of the same family or says nothing of the
manner of death (``other``), whose places overlap or are missing on one side, whose day is the same
(or the next: "on Thursday night" in the body, the report's day in the headline), and whose source is
the same or not given on one side — except that once another source has spoken in between, a named
source's toll told again in the report's own voice is the report's own account, another claim.
"""

from __future__ import annotations

import re
from datetime import date

from tawthiq.entities import Claim, Count

__all__ = ["drop_bare_retellings", "merge_restatements"]


def _number(c: Count | None) -> int | None:
    if c is None:
        return None
    return c.low if c.low is not None else c.high


def _family(t: str) -> str:
    return t.split(".")[0]


def _types_agree(a: Claim, b: Claim) -> bool:
    return (
        a.event_type == b.event_type
        or "other" in (a.event_type, b.event_type)
        or (_family(a.event_type) == _family(b.event_type))
    )


def _places_agree(a: Claim, b: Claim) -> bool:
    if not a.places or not b.places:
        return True
    ka = {p.place_id or p.name.lower() for p in a.places}
    kb = {p.place_id or p.name.lower() for p in b.places}
    return bool(ka & kb)


def _days_agree(a: Claim, b: Claim, anchor: date | None) -> bool:
    if a.time.start is None or b.time.start is None or anchor in (a.time.start, b.time.start):
        return True  # a sentence that names no day is dated on the report's day by default
    return abs((a.time.start - b.time.start).days) <= 1


def _words(party: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", party.lower()) if w not in {"the", "a", "an", "of", "for"}}


def _same_party(a: str, b: str) -> bool:
    if a == b:
        return True
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.6


def _sources_agree(a: Claim, b: Claim, speaker: str | None) -> bool:
    """Can ``b``, told after ``a``, be ``a``'s source saying it again?

    ``speaker`` is the last source the report named before ``b``. A toll in the report's own voice
    carries on the account of that speaker ("the Observatory said 14 were killed. Fourteen people
    died when rockets hit the market": one claim). Once another source has spoken in between, the
    report telling a named source's toll again in its own voice is its own account, another claim
    (CLAIMS.md: the same event asserted by another source is another claim).
    """
    if a.attributed_to is not None and b.attributed_to is None:
        return speaker is None or _same_party(a.attributed_to, speaker)
    if a.attributed_to is None or b.attributed_to is None:
        return True
    return _same_party(a.attributed_to, b.attributed_to)


def _toll(c: Claim) -> tuple[str, int] | None:
    """The claim's toll as a key: its dead, else (a claim with only wounded) its wounded."""
    n = _number(c.fatalities)
    if n is not None:
        return ("dead", n)
    m = _number(c.injured)
    return ("hurt", m) if m is not None and c.fatalities is None else None


def _restates(a: Claim, b: Claim, anchor: date | None, speaker: str | None = None) -> bool:
    n = _toll(a)
    return (
        n is not None
        and n == _toll(b)
        and _types_agree(a, b)
        and _places_agree(a, b)
        and _days_agree(a, b, anchor)
        and _sources_agree(a, b, speaker)
    )


def _completeness(c: Claim, headline: bool) -> tuple:
    return (
        c.attributed_to is not None,
        not headline,
        c.event_type != "other",
        any(p.lat is not None for p in c.places),
        len(c.places),
    )


def _headline(c: Claim, headline_end: int) -> bool:
    """The report's headline, or a line written like one (no sentence-final punctuation)."""
    return c.span[1] <= headline_end or not re.search(r"[.!?\"”’'»]\s*$", c.quote)


_NEARBY = 16


def merge_restatements(
    claims: list[Claim], anchor: date | None = None, headline_end: int = -1
) -> list[Claim]:
    """The claims with every restated toll kept once, as its most complete statement.

    ``anchor`` is the day a sentence naming no day is dated on; ``headline_end`` is the offset where
    the headline ends (claims before it are the headline's).
    """
    groups: list[list[Claim]] = []
    # only claims with the same toll can restate each other: groups are indexed by toll, and a claim
    # is compared with the latest _NEARBY groups of its toll, each of at most _NEARBY claims (a real
    # report restates a toll a handful of times; a 1 MB text repeating one toll must stay linear)
    by_toll: dict[tuple[str, int] | None, list[list[Claim]]] = {}
    speaker: str | None = None  # the last source named before c
    for c in claims:
        n = _toll(c)
        same = by_toll.setdefault(n, []) if n is not None else []
        home = next(
            (
                g
                for g in same[-_NEARBY:]
                if len(g) < _NEARBY and all(_restates(m, c, anchor, speaker) for m in g)
            ),
            None,
        )
        speaker = c.attributed_to or speaker
        if home is None:
            groups.append([c])
            if n is not None:
                same.append(groups[-1])
        else:
            home.append(c)
    out = []
    for g in groups:
        best = max(g, key=lambda c: _completeness(c, _headline(c, headline_end)))
        if best.event_type == "other":
            typed = next((c for c in g if c.event_type != "other"), None)
            if typed is not None:
                best = best.model_copy(update={"event_type": typed.event_type})
        out.append(best)
    return sorted(out, key=lambda c: c.span)


def _within_places(toll: Claim, bare: Claim) -> bool:
    """Does ``bare`` name no place that ``toll`` lacks (a detail inside the same ground)?"""
    if not bare.places:
        return True
    kt = {p.place_id or p.name.lower() for p in toll.places}
    return all((p.place_id or p.name.lower()) in kt for p in bare.places)


def drop_bare_retellings(claims: list[Claim], anchor: date | None = None) -> list[Claim]:
    """The claims less the accounts that only tell again, without any number, an event the report has
    just given with its toll: "Warplanes struck the market of Saraqib, killing 12. One of the strikes
    hit a bakery, the monitor said." is one claim (annotation.md: the same assertion repeated by the
    same source is one claim). The later account must be of the toll claim's event type and kind, name
    no place the toll claim lacks, fall on its day (a sentence naming no day agrees), and come from its
    source or from none (from none only, when the toll is the report's own); another source's account
    of the event stays a claim of its own ("MSF said it was shocked by the attack" after the report's
    own toll), and so does an account told before the toll, or of another target (an attack on a health
    centre after the shelling's toll) (the Arabic rules' twin: `_arabic_merge._bare_restatement`).
    """
    out: list[Claim] = []
    tolls: list[Claim] = []  # the latest toll claims, newest last
    speaker: str | None = None
    for c in claims:
        bare = c.fatalities is None and c.injured is None
        if bare and c.kind == "incident":
            x = next(
                (
                    t
                    for t in reversed(tolls[-_NEARBY:])
                    if t.event_type == c.event_type
                    and t.kind == c.kind
                    and _within_places(t, c)
                    and _days_agree(t, c, anchor)
                    and (
                        c.attributed_to is None
                        if t.attributed_to is None
                        else c.attributed_to is None or _same_party(t.attributed_to, c.attributed_to)
                    )
                    and _sources_agree(t, c, speaker)
                ),
                None,
            )
            if x is not None:
                speaker = c.attributed_to or speaker
                continue
        if not bare:
            tolls.append(c)
        speaker = c.attributed_to or speaker
        out.append(c)
    return out
