"""What the policy holds back, and why: per incident, and tallied for a whole public output.

In: incidents with their claims (or, for a whole workspace at once, the few facts about each
that the rules read: :class:`PublicationFacts`), the time of publication and a :class:`Policy`.
Out: :func:`withheld_reasons` (the rules that hold an incident back, in :data:`WITHHELD_RULES`
order; :func:`facts_withheld_reasons` on facts) and :func:`withheld_tally` (a frozen
:class:`WithheldTally`; :func:`facts_withheld_tally` on facts), which every public output
reports: exports on stderr and in their manifest, ``dossier --public`` in its refusal, the
public web view and the API beside their items (issue 17: an empty export must say why).
Never: reads the database; decides differently from :func:`tawthiq.policy.public_incident`,
which asks this module whether an incident is published.

The rules:

- ``unreviewed_claims``: none of the incident's claims is reviewed as the policy requires
  (``public_review_statuses``: accepted or corrected); machine extractions are never published
  unread.
- ``grade``: the incident's grade is not one of ``public_grades`` (discounted, by default).
- ``publication_delay``: it ended fewer than ``publication_delay_days`` days ago.
- ``undated``: it has no date at all, and the policy does not publish undated incidents.
- ``small_count``: published, but its toll is below ``suppress_counts_below`` and shown only
  as "fewer than N". The only rule that holds back part of an incident, not all of it.

An incident held back by several rules counts under each; ``withheld`` counts it once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any, Protocol

from tawthiq.entities import GRADES, REVIEW_STATUSES, Claim, Incident

from ._model import Policy

__all__ = [
    "RULE_TEXT",
    "WHOLE_RULES",
    "WITHHELD_RULES",
    "PublicationFacts",
    "WithheldTally",
    "facts_withheld_reasons",
    "facts_withheld_tally",
    "fatalities_suppressed",
    "internal_policy",
    "is_reviewed",
    "withheld_reasons",
    "withheld_tally",
]

WHOLE_RULES: tuple[str, ...] = ("unreviewed_claims", "grade", "publication_delay", "undated")
WITHHELD_RULES: tuple[str, ...] = (*WHOLE_RULES, "small_count")

# what each rule means, for a message a documenter reads (CLI, dossier refusal)
RULE_TEXT = {
    "unreviewed_claims": "no reviewed claim",
    "grade": "grade not published",
    "publication_delay": "within the publication delay",
    "undated": "no date",
    "small_count": "count below the small-count threshold",
}


class PublicationFacts(Protocol):
    """What the rules read of one incident, and nothing else.

    ``grade`` is the grade shown (the override, else the computed grade); ``review_statuses``
    the review statuses of its own claims (supporting and contradicting); ``last_claim_day``
    the latest day among those claims (each its end, else its start), used only when the
    incident has no date of its own. ``tawthiq.store.browse.publication_facts`` reads these for
    every incident of a workspace in two queries, without loading a claim (issue 18: the public
    view's first request after a change took 28.9 s at 100,000 incidents loading them all).
    """

    @property
    def grade(self) -> str: ...
    @property
    def time_start(self) -> date | None: ...
    @property
    def time_end(self) -> date | None: ...
    @property
    def last_claim_day(self) -> date | None: ...
    @property
    def review_statuses(self) -> Collection[str]: ...
    @property
    def fatalities_best(self) -> int | None: ...
    @property
    def fatalities_low(self) -> int | None: ...
    @property
    def fatalities_high(self) -> int | None: ...


@dataclass(frozen=True)
class _Facts:
    grade: str
    time_start: date | None
    time_end: date | None
    last_claim_day: date | None
    review_statuses: frozenset[str]
    fatalities_best: int | None
    fatalities_low: int | None
    fatalities_high: int | None


def _own(incident: Incident, claims: Iterable[Claim]) -> list[Claim]:
    claims = list(claims)
    own = set(incident.claim_ids) | set(incident.contradicting_claim_ids)
    return [c for c in claims if c.id in own] if own else claims


def _facts(incident: Incident, claims: Iterable[Claim]) -> _Facts:
    """The facts of ``incident`` given claims that may hold more than its own."""
    mine = _own(incident, claims)
    f = incident.fatalities
    return _Facts(
        grade=incident.effective_grade,
        time_start=incident.time.start,
        time_end=incident.time.end,
        last_claim_day=_latest_claim_day(mine),
        review_statuses=frozenset(c.review_status for c in mine),
        fatalities_best=f.best,
        fatalities_low=f.low,
        fatalities_high=f.high,
    )


def _statuses_reviewed(statuses: Iterable[str], policy: Policy) -> bool:
    ok = policy.public_review_statuses
    return any(s in ok and s != "rejected" for s in statuses)


def is_reviewed(claims: Iterable[Claim], policy: Policy) -> bool:
    """True when at least one claim is reviewed as the policy requires (rejected never counts)."""
    return _statuses_reviewed((c.review_status for c in claims), policy)


def _facts_last_day(facts: PublicationFacts) -> date | None:
    return facts.time_end or facts.time_start or facts.last_claim_day


def _latest_claim_day(claims: Iterable[Claim]) -> date | None:
    """The latest day among ``claims`` (each its end, else its start)."""
    return max((d for c in claims if (d := c.time.end or c.time.start) is not None), default=None)


def _last_day(incident: Incident, claims: Iterable[Claim]) -> date | None:
    return incident.time.end or incident.time.start or _latest_claim_day(claims)


def _count_suppressed(best: int | None, low: int | None, high: int | None, policy: Policy) -> bool:
    top = best if best is not None else max((v for v in (low, high) if v is not None), default=None)
    return top is not None and 0 < top < policy.suppress_counts_below


def fatalities_suppressed(incident: Incident, policy: Policy) -> bool:
    """True when the incident's toll is published only as "fewer than N"."""
    f = incident.fatalities
    return _count_suppressed(f.best, f.low, f.high, policy)


def withheld_reasons(
    incident: Incident, claims: Iterable[Claim], now: datetime | date, policy: Policy
) -> tuple[str, ...]:
    """The rules that hold the incident (or its count) back, in :data:`WITHHELD_RULES` order.

    ``()`` means published whole. Any of :data:`WHOLE_RULES` means not published at all;
    ``small_count`` alone means published with the toll withheld. ``claims`` may hold more
    than the incident's own: only those it lists are used.
    """
    return facts_withheld_reasons(_facts(incident, claims), now, policy)


def facts_withheld_reasons(facts: PublicationFacts, now: datetime | date, policy: Policy) -> tuple[str, ...]:
    """:func:`withheld_reasons` on an incident's :class:`PublicationFacts`: the one decision."""
    out = []
    if not _statuses_reviewed(facts.review_statuses, policy):
        out.append("unreviewed_claims")
    if facts.grade not in policy.public_grades:
        out.append("grade")
    day = _facts_last_day(facts)
    if day is None:
        if not policy.publish_undated:
            out.append("undated")
    else:
        today = now.date() if isinstance(now, datetime) else now
        if (today - day).days < policy.publication_delay_days:
            out.append("publication_delay")
    if _count_suppressed(facts.fatalities_best, facts.fatalities_low, facts.fatalities_high, policy):
        out.append("small_count")
    return tuple(r for r in WITHHELD_RULES if r in out)


@dataclass(frozen=True)
class WithheldTally:
    """How many incidents a public output looked at, published, and held back by each rule."""

    incidents: int = 0
    published: int = 0
    withheld: int = 0
    unreviewed_claims: int = 0
    grade: int = 0
    publication_delay: int = 0
    undated: int = 0
    small_count: int = 0

    def by_rule(self) -> dict[str, int]:
        return {r: getattr(self, r) for r in WITHHELD_RULES}

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape every output uses: ``{"incidents", "published", "withheld", "by_rule"}``."""
        d = asdict(self)
        return {k: d[k] for k in ("incidents", "published", "withheld")} | {"by_rule": self.by_rule()}

    def summary(self) -> str:
        """One line for a person: ``withheld 3 of 5 incidents: 2 no reviewed claim (…), 1 …``."""
        parts = [f"{n} {RULE_TEXT[r]}" for r, n in self.by_rule().items() if n and r in WHOLE_RULES]
        head = f"published {self.published} of {self.incidents} incident(s); withheld {self.withheld}"
        line = head + (f" ({'; '.join(parts)})" if parts else "")
        if self.small_count:
            line += f"; {self.small_count} published with the count withheld (fewer than the threshold)"
        return line


def withheld_tally(
    items: Iterable[tuple[Incident, Sequence[Claim]]], now: datetime | date, policy: Policy
) -> WithheldTally:
    """The tally over ``(incident, its claims)`` pairs: what a public output of them holds back."""
    return facts_withheld_tally((_facts(inc, claims) for inc, claims in items), now, policy)


def facts_withheld_tally(
    items: Iterable[PublicationFacts], now: datetime | date, policy: Policy
) -> WithheldTally:
    """:func:`withheld_tally` over incidents' :class:`PublicationFacts`."""
    counts = dict.fromkeys(WITHHELD_RULES, 0)
    total = published = 0
    for facts in items:
        total += 1
        reasons = facts_withheld_reasons(facts, now, policy)
        whole = any(r in WHOLE_RULES for r in reasons)
        published += not whole
        for r in reasons:
            if r == "small_count" and whole:
                continue  # a count is "held back" only from an incident that is published
            counts[r] += 1
    return WithheldTally(incidents=total, published=published, withheld=total - published, **counts)


def internal_policy(policy: Policy) -> Policy:
    """The policy of an internal export for a trusted partner (``export FORMAT --internal``).

    Every incident is let through — unreviewed claims, any grade, within the delay, undated —
    so the partner sees what the public does not, each row marked with its
    :func:`withheld_reasons` under the real ``policy``. Everything else stays: the public
    fields, coordinate fuzzing near front lines, small-count suppression, private reports'
    quotes withheld; protected fields are never published under any policy.
    """
    return policy.model_copy(
        update={
            "public_review_statuses": tuple(s for s in REVIEW_STATUSES if s != "rejected"),
            "public_grades": GRADES,
            "publication_delay_days": 0,
            "publish_undated": True,
        }
    )
