"""Entities -> their public form, under a :class:`Policy`. The one redaction implementation.

In: seam entities (Incident, Claim, Report, Source, PersonRecord, Person, PlaceRef) and a Policy.
Out: plain JSON-ready dicts, or ``None`` when the entity must not be published at all.
Never: reads the database or files, reveals a :class:`~tawthiq.entities.Protected` value,
or returns a field the policy does not list. The web public view, the JSON API and every
public export call these functions, so what one shows the others show.

Coordinate fuzzing is hand-written (a dozen lines) because it must be deterministic per
place and keyed by a workspace secret; geodesy libraries offer random jitter, not that.
The offset for a place is HMAC-SHA256(secret, place key): the same on every export, so
averaging many exports converges on the fuzzed point, never on the true one.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from tawthiq.entities import (
    Claim,
    Count,
    Incident,
    Person,
    PersonRecord,
    PlaceRef,
    Protected,
    Report,
    Source,
    is_web_address,
)

from ._model import Policy
from ._withheld import WHOLE_RULES, _last_day, fatalities_suppressed, withheld_reasons

__all__ = [
    "fuzz_point",
    "incident_date",
    "incident_perpetrators",
    "is_private_report",
    "is_publishable",
    "public_claim",
    "public_count",
    "public_incident",
    "public_person",
    "public_place",
    "public_report",
    "public_source",
    "public_url",
]

_M_PER_DEG_LAT = 111_320.0


def _policy(policy: Policy | None) -> Policy:
    return policy if policy is not None else Policy()


def _pick(data: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    wanted = fields if isinstance(fields, frozenset) else frozenset(fields)
    return {k: v for k, v in data.items() if k in wanted}


@lru_cache(maxsize=64)
def _public(policy: Policy, entity: str) -> frozenset[str]:
    """The public fields of an entity under a policy, protected ones removed (cached: policies are frozen)."""
    return frozenset(f for f in getattr(policy.public_fields, entity) if policy.is_public_field(entity, f))


@lru_cache(maxsize=64)
def _front_names(policy: Policy) -> frozenset[str]:
    return frozenset(n.strip().casefold() for n in policy.front_line.places)


# ---------------------------------------------------------------- places


def _place_key(place: PlaceRef) -> str:
    return (place.place_id or place.name).strip().casefold()


def _near_front_line(place: PlaceRef, policy: Policy) -> bool:
    fl = policy.front_line
    if place.precision in fl.precisions:
        return True
    names = _front_names(policy)
    if place.place_id:  # resolved against the gazetteer: the id decides, not a homonym
        return place.place_id.strip().casefold() in names
    return any(k and k.strip().casefold() in names for k in (place.name, place.name_ar))


@lru_cache(maxsize=65536)
def fuzz_point(lat: float, lon: float, key: str, radius_m: float, secret: str) -> tuple[float, float]:
    """Move (lat, lon) by a fixed pseudo-random offset between 0.3 and 1.0 × ``radius_m``.

    The offset depends only on ``key`` and ``secret``: never random between calls.
    """
    if radius_m <= 0:
        return lat, lon
    digest = hmac.new(secret.encode(), key.encode(), hashlib.sha256).digest()
    u1 = int.from_bytes(digest[:8], "big") / 2**64
    u2 = int.from_bytes(digest[8:16], "big") / 2**64
    bearing = 2 * math.pi * u1
    # sqrt keeps the point uniform over the annulus; 0.3 keeps it off the true point.
    dist = radius_m * math.sqrt(0.09 + 0.91 * u2)
    dlat = dist * math.cos(bearing) / _M_PER_DEG_LAT
    dlon = dist * math.sin(bearing) / (_M_PER_DEG_LAT * max(math.cos(math.radians(lat)), 1e-6))
    return round(lat + dlat, 4), round(lon + dlon, 4)


def public_place(place: PlaceRef, policy: Policy | None = None) -> dict[str, Any]:
    """A place as published: coordinates fuzzed when it is near a front line."""
    pol = _policy(policy)
    out: dict[str, Any] = {
        "name": place.name,
        "name_ar": place.name_ar,
        "place_id": place.place_id,
        "precision": place.precision,
        "lat": place.lat,
        "lon": place.lon,
        "fuzzed_within_m": None,
    }
    if place.lat is not None and place.lon is not None and _near_front_line(place, pol):
        r = pol.front_line.radius_m
        out["lat"], out["lon"] = fuzz_point(place.lat, place.lon, _place_key(place), r, pol.fuzz_secret)
        out["fuzzed_within_m"] = r
    return out


# ---------------------------------------------------------------- counts


def _suppressed(n: int | None, policy: Policy) -> bool:
    return n is not None and 0 < n < policy.suppress_counts_below


def public_count(count: Count | None, policy: Policy | None = None) -> dict[str, Any] | None:
    """A claim's number, or ``{"suppressed_below": N}`` when it is a small count."""
    if count is None:
        return None
    pol = _policy(policy)
    top = max((v for v in (count.low, count.high) if v is not None), default=None)
    if _suppressed(top, pol):
        return {
            "low": None,
            "high": None,
            "qualifier": count.qualifier,
            "suppressed_below": pol.suppress_counts_below,
        }
    return {**count.contract(), "suppressed_below": None}


def _public_fatalities(incident: Incident, policy: Policy) -> dict[str, Any]:
    f = incident.fatalities
    if fatalities_suppressed(incident, policy):
        return {
            "best": None,
            "low": None,
            "high": None,
            "rule": f.rule,
            "suppressed_below": policy.suppress_counts_below,
        }
    return {"best": f.best, "low": f.low, "high": f.high, "rule": f.rule, "suppressed_below": None}


# ---------------------------------------------------------------- sources and reports


def public_source(source: Source, policy: Policy | None = None) -> dict[str, Any]:
    """A source as published: never identity or contact; individuals only as their kind."""
    pol = _policy(policy)
    label = source.label
    if source.kind in pol.anonymous_source_kinds:
        label = f"{source.kind} source"
    data = {"id": source.id, "label": label, "kind": source.kind, "origin_group": source.origin_group}
    if source.kind in pol.anonymous_source_kinds:
        data["origin_group"] = None
    return _pick(data, _public(pol, "source"))


def is_private_report(report: Report | None, policy: Policy | None = None) -> bool:
    """A report whose content may identify someone: a private channel or a protected sender."""
    if report is None:
        return False
    pol = _policy(policy)
    return report.channel in pol.private_channels or report.sender is not None


def public_report(
    report: Report, policy: Policy | None = None, source: Source | None = None
) -> dict[str, Any]:
    """A report as published. Private reports keep only their id, channel and date."""
    pol = _policy(policy)
    label = report.source_label
    if source is not None and source.kind in pol.anonymous_source_kinds:
        label = f"{source.kind} source"
    data: dict[str, Any] = {
        "id": report.id,
        "title": report.title,
        "source_label": label,
        "published_at": report.published_text,  # at its precision: "2016-12" for a month
        "channel": report.channel,
        "language": report.language,
        "sha256": report.sha256,
        "url": public_url(report.url),
        # the header's other keys; a person's (ingest: "‹protected›", never its value) left out
        "metadata": {k: v for k, v in report.metadata.items() if v != Protected.MASK},
        "private": False,
    }
    if is_private_report(report, pol):
        data.update(title=None, source_label=None, sha256=None, url=None, metadata={}, private=True)
    return {**_pick(data, _public(pol, "report")), "private": data["private"]}


def public_url(url: str | None) -> str | None:
    """A report's URL as published: an ``http(s)://`` address, else ``None`` (a ``mailto:`` or
    ``tel:`` address may name a person, a ``javascript:`` one must not run; docs/ingest.md)."""
    return url if is_web_address(url) else None


# ---------------------------------------------------------------- claims and incidents


def public_claim(
    claim: Claim,
    policy: Policy | None = None,
    report: Report | None = None,
    source: Source | None = None,
) -> dict[str, Any] | None:
    """A claim as published, or ``None`` when not reviewed as the policy requires (or rejected).

    No quote or attribution from a private report.
    """
    pol = _policy(policy)
    if claim.review_status == "rejected" or claim.review_status not in pol.public_review_statuses:
        return None
    private = is_private_report(report, pol)
    data: dict[str, Any] = {
        "id": claim.id,
        "kind": claim.kind,
        "event_type": claim.event_type,
        "quote": None if private else claim.quote,
        "places": [public_place(p, pol) for p in claim.places],
        "time": claim.time.contract(),
        "fatalities": public_count(claim.fatalities, pol),
        "injured": public_count(claim.injured, pol),
        "attributed_to": None if private else claim.attributed_to,
        "certainty": claim.certainty,
        "report": public_report(report, pol, source) if report is not None else None,
    }
    return _pick(data, _public(pol, "claim"))


def incident_date(incident: Incident, claims: Iterable[Claim] = ()) -> date | None:
    """The last day the incident is known to have happened on (its end, else start, else claims')."""
    return _last_day(incident, claims)


def is_publishable(
    incident: Incident, claims: Iterable[Claim], now: datetime | date, policy: Policy | None = None
) -> bool:
    """Grade is public, and the publication delay has passed (or the policy publishes undated)."""
    reasons = withheld_reasons(incident, claims, now, _policy(policy))
    return not any(r in ("grade", "publication_delay", "undated") for r in reasons)


def public_incident(
    incident: Incident,
    claims: Iterable[Claim],
    now: datetime | date,
    policy: Policy | None = None,
    *,
    reports: Mapping[int, Report] | None = None,
    sources: Mapping[int, Source] | None = None,
) -> dict[str, Any] | None:
    """An incident as published, with its public claims; ``None`` when it must not be shown.

    ``claims`` may hold more than the incident's own: only those it lists are used.
    ``reports``/``sources`` (by id) let each claim name its report, redacted by the same rules.
    """
    pol = _policy(policy)
    claims = list(claims)
    own = set(incident.claim_ids) | set(incident.contradicting_claim_ids)
    mine = [c for c in claims if c.id in own] if own else claims
    # held back whole by a rule (nothing reviewed, grade, delay, no date): the public sees nothing
    if any(r in WHOLE_RULES for r in withheld_reasons(incident, mine, now, pol)):
        return None
    reports = reports or {}
    sources = sources or {}
    out_claims = []
    named: list[tuple[str, ...]] = []
    hidden: dict[str, str] = {}  # an anonymous source's label -> what the public sees of it
    for c in mine:
        rep = reports.get(c.report_id) if c.report_id is not None else None
        src = sources.get(rep.source_id) if rep is not None and rep.source_id is not None else None
        if src is not None and src.kind in pol.anonymous_source_kinds and src.label:
            hidden[src.label] = f"{src.kind} source"
        pc = public_claim(c, pol, rep, src)
        if pc is not None:
            supporting = c.id not in incident.contradicting_claim_ids
            pc["role"] = "supporting" if supporting else "contradicting"
            out_claims.append(pc)
            if supporting and not is_private_report(rep, pol):
                named.append(c.perpetrators)
    data: dict[str, Any] = {
        "id": incident.id,
        "key": incident.key,
        "event_type": incident.event_type,
        "places": [public_place(p, pol) for p in incident.places],
        "time": incident.time.contract(),
        "fatalities": _public_fatalities(incident, pol),
        "grade": incident.effective_grade,
        # an origin or outlet named after an individual's source is that source's label, which a
        # documenter may have set to the person's name: the public sees its kind, as public_source
        "rationale": _unnamed(incident.rationale, hidden),
        "origins": [_unnamed(o, hidden) for o in incident.origins],
        "outlets": [_unnamed(o, hidden) for o in incident.outlets],
        "claims": out_claims,
        "perpetrators": incident_perpetrators(named),
    }
    return _pick(data, _public(pol, "incident"))


def _unnamed(text: str | None, hidden: Mapping[str, str]) -> str | None:
    """``text`` with every whole-word occurrence of a hidden label replaced by its public form."""
    if not text or not hidden:
        return text
    for label in sorted(hidden, key=len, reverse=True):
        public = hidden[label]
        text = re.sub(rf"(?<!\w){re.escape(label)}(?!\w)", lambda _m: public, text)  # noqa: B023
    return text


def incident_perpetrators(named: Iterable[Iterable[str]]) -> list[str]:
    """The perpetrators an incident's public supporting claims name, most often named first.

    ``named`` holds each claim's perpetrators; names equal but for case and spaces count as one
    (the first spelling kept); a tie keeps the order the claims name them in. The caller leaves
    out claims of private reports (no text of a chat or e-mail is published) and contradicting
    claims (a denial's "not us" is not an attribution).
    """
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for perps in named:
        for name in dict.fromkeys(" ".join(p.split()) for p in perps if p and p.strip()):
            key = name.casefold()
            spelling.setdefault(key, name)
            counts[key] = counts.get(key, 0) + 1
    order = {k: i for i, k in enumerate(spelling)}
    return [spelling[k] for k in sorted(counts, key=lambda k: (-counts[k], order[k]))]


def public_person(person: PersonRecord | Person, policy: Policy | None = None) -> dict[str, Any]:
    """A person record (or linked person) with only the policy's public person fields."""
    pol = _policy(policy)
    data = person.model_dump(mode="json")
    return _pick(data, _public(pol, "person"))
