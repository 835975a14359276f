"""What every exporter receives: the selected entities, the policy and the time of export.

In: entities loaded by the CLI through ``store`` (incidents, claims, reports, sources, the
gazetteer, missing-person records), a :class:`~tawthiq.policy.Policy` and the filters.
Out: :class:`ExportContext` (a frozen value) and :func:`select_incidents`, and
:func:`public_incidents`, the policy applied once for every public format.
Never: touches the database; exporters get everything through the context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tawthiq.entities import Claim, Incident, MissingNote, PersonRecord, Place, PlaceRef, Report, Source
from tawthiq.policy import (
    WHOLE_RULES,
    Policy,
    WithheldTally,
    internal_policy,
    public_incident,
    withheld_reasons,
    withheld_tally,
)

__all__ = [
    "INTERNAL_MARKS",
    "ExportContext",
    "admin1_of",
    "country_of",
    "place_name",
    "public_incidents",
    "select_incidents",
    "withheld_of",
]

# The two marks every row of an internal export carries (columns, or GeoJSON properties):
# whether a person reviewed any of its claims, and "public" or "withheld: rule, rule".
INTERNAL_MARKS = ("tawthiq_reviewed", "tawthiq_publication_status")


@dataclass(frozen=True)
class ExportContext:
    """Everything an exporter may use. ``dump_writer`` is set only for the private ``dump``."""

    incidents: Sequence[Incident] = ()
    claims: Mapping[int, Claim] = field(default_factory=dict)
    reports: Mapping[int, Report] = field(default_factory=dict)
    sources: Mapping[int, Source] = field(default_factory=dict)
    places: Mapping[str, Place] = field(default_factory=dict)  # gazetteer by id
    missing: Sequence[tuple[PersonRecord, Sequence[MissingNote]]] = ()
    # the PFIF fields a missing person imported from PFIF came with, by record id (its home_city …)
    pfif_fields: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    policy: Policy = field(default_factory=Policy)
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    country: str | None = None
    filters: Mapping[str, Any] = field(default_factory=dict)
    dump_writer: Callable[[Path], dict[str, Any]] | None = None
    # An internal export for a trusted partner: incidents the policy withholds are included,
    # each marked (INTERNAL_MARKS); fields, fuzzing and suppression as in public output.
    internal: bool = False


def select_incidents(
    incidents: Iterable[Incident],
    *,
    grades: Iterable[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    event_types: Iterable[str] | None = None,
) -> list[Incident]:
    """Incidents matching the CLI filters; dates compare with the incident's start..end span."""
    g = set(grades) if grades else None
    t = set(event_types) if event_types else None
    out = []
    for inc in incidents:
        if g is not None and inc.effective_grade not in g:
            continue
        if t is not None and inc.event_type not in t and inc.event_type.split(".")[0] not in t:
            continue
        start = inc.time.start or inc.time.end
        end = inc.time.end or inc.time.start
        if since is not None and (end is None or end < since):
            continue
        if until is not None and (start is None or start > until):
            continue
        out.append(inc)
    return out


def _claims_of(ctx: ExportContext, inc: Incident) -> list[Claim]:
    ids = (*inc.claim_ids, *inc.contradicting_claim_ids)
    return [ctx.claims[i] for i in ids if i in ctx.claims]


def public_incidents(ctx: ExportContext) -> list[dict[str, Any]]:
    """Each incident in its public form (policy applied); withheld ones are left out.

    In an internal export (``ctx.internal``) withheld incidents are kept, each with the marks
    ``tawthiq_reviewed`` (bool) and ``tawthiq_publication_status`` (``public`` or
    ``withheld: unreviewed_claims, publication_delay`` …, the rules of the real policy).
    """
    policy = internal_policy(ctx.policy) if ctx.internal else ctx.policy
    out = []
    for inc in ctx.incidents:
        claims = _claims_of(ctx, inc)
        pub = public_incident(inc, claims, ctx.now, policy, reports=ctx.reports, sources=ctx.sources)
        if pub is None:
            continue
        if ctx.internal:
            reasons = [r for r in withheld_reasons(inc, claims, ctx.now, ctx.policy) if r in WHOLE_RULES]
            pub[INTERNAL_MARKS[0]] = "unreviewed_claims" not in reasons
            pub[INTERNAL_MARKS[1]] = f"withheld: {', '.join(reasons)}" if reasons else "public"
        out.append(pub)
    return out


def withheld_of(ctx: ExportContext) -> WithheldTally:
    """What a public export of ``ctx``'s incidents holds back, by rule (under the real policy)."""
    return withheld_tally(((inc, _claims_of(ctx, inc)) for inc in ctx.incidents), ctx.now, ctx.policy)


_PlaceLike = PlaceRef | Mapping[str, Any] | None


def _ancestor(place: _PlaceLike, places: Mapping[str, Place], kind: str) -> str | None:
    """The English name of the nearest gazetteer ancestor of ``kind`` (the place itself counts)."""
    if place is None:
        return None
    pid = place.get("place_id") if isinstance(place, Mapping) else place.place_id
    seen: set[str] = set()
    while pid and pid in places and pid not in seen:
        seen.add(pid)
        p = places[pid]
        if p.kind == kind:
            return p.name_en
        pid = p.parent_id
    return None


_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


def place_name(place: Mapping[str, Any] | None, places: Mapping[str, Place]) -> str | None:
    """A place's name for an export's (English) name column: as the claims wrote it, or the
    gazetteer's English name when they wrote it in Arabic script and the place is known (an ACLED
    ``location`` of "حي العامرية" for the gazetteer's Amiriyah; the Arabic form is ``place_ar``)."""
    if not place:
        return None
    name, pid = place.get("name"), place.get("place_id")
    known = places.get(pid) if isinstance(pid, str) else None
    if name and _ARABIC_LETTER.search(name) and known is not None and known.name_en:
        return known.name_en
    return name


def admin1_of(place: _PlaceLike, places: Mapping[str, Place]) -> str | None:
    """The governorate a place lies in, by walking the gazetteer's parents (None if unknown)."""
    return _ancestor(place, places, "governorate")


def country_of(place: _PlaceLike, places: Mapping[str, Place]) -> str | None:
    """The country a place lies in, by walking the gazetteer's parents (None if unknown)."""
    return _ancestor(place, places, "country")
