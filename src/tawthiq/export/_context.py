"""What every exporter receives: the selected entities, the policy and the time of export.

In: entities loaded by the CLI through ``store`` (incidents, claims, reports, sources, the
gazetteer, missing-person records), a :class:`~tawthiq.policy.Policy` and the filters.
Out: :class:`ExportContext` (a frozen value) and :func:`select_incidents`, and
:func:`public_incidents`, the policy applied once for every public format.
Never: touches the database; exporters get everything through the context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tawthiq.entities import Claim, Incident, MissingNote, PersonRecord, Place, PlaceRef, Report, Source
from tawthiq.policy import Policy, public_incident

__all__ = ["ExportContext", "admin1_of", "country_of", "public_incidents", "select_incidents"]


@dataclass(frozen=True)
class ExportContext:
    """Everything an exporter may use. ``dump_writer`` is set only for the private ``dump``."""

    incidents: Sequence[Incident] = ()
    claims: Mapping[int, Claim] = field(default_factory=dict)
    reports: Mapping[int, Report] = field(default_factory=dict)
    sources: Mapping[int, Source] = field(default_factory=dict)
    places: Mapping[str, Place] = field(default_factory=dict)  # gazetteer by id
    missing: Sequence[tuple[PersonRecord, Sequence[MissingNote]]] = ()
    policy: Policy = field(default_factory=Policy)
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    country: str | None = None
    filters: Mapping[str, Any] = field(default_factory=dict)
    dump_writer: Callable[[Path], dict[str, Any]] | None = None


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


def public_incidents(ctx: ExportContext) -> list[dict[str, Any]]:
    """Each incident in its public form (policy applied); withheld ones are left out."""
    out = []
    for inc in ctx.incidents:
        ids = (*inc.claim_ids, *inc.contradicting_claim_ids)
        claims = [ctx.claims[i] for i in ids if i in ctx.claims]
        pub = public_incident(inc, claims, ctx.now, ctx.policy, reports=ctx.reports, sources=ctx.sources)
        if pub is not None:
            out.append(pub)
    return out


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


def admin1_of(place: _PlaceLike, places: Mapping[str, Place]) -> str | None:
    """The governorate a place lies in, by walking the gazetteer's parents (None if unknown)."""
    return _ancestor(place, places, "governorate")


def country_of(place: _PlaceLike, places: Mapping[str, Place]) -> str | None:
    """The country a place lies in, by walking the gazetteer's parents (None if unknown)."""
    return _ancestor(place, places, "country")
