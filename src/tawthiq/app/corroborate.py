"""Use cases of the corroborate stage: rebuild the incidents from the claims, list and show them,
override an incident's grade.

In: a workspace or a session and what the caller parsed (filters, ids). Out: incidents, their
member claims, and the :class:`~tawthiq.store.incidents.RebuildResult` of a rebuild.
Never: prints; never clusters, grades or decides which stored incident a rebuilt one continues
(``tawthiq.corroborate`` does) nor builds SQL (the store does).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from tawthiq.entities import GRADES, Incident, IncidentFilter, Report, SourcedClaim
from tawthiq.errors import InputError
from tawthiq.store import Workspace
from tawthiq.store import browse as reader
from tawthiq.store import incidents as incident_store
from tawthiq.store.incidents import RebuildResult

__all__ = ["Corroborated", "corroborate", "list_incidents", "override_grade", "rebuild_incidents"]

Step = Callable[[str], AbstractContextManager[object]]


def _quiet(_: str) -> AbstractContextManager[object]:
    return nullcontext()


@dataclass(frozen=True)
class Corroborated:
    claims: int
    reports: int
    incidents: int
    result: RebuildResult


def rebuild_incidents(session: Session, incidents: Sequence[Incident]) -> RebuildResult:
    """Replace the workspace's incidents by ``incidents``, keeping ids and overrides: each keeps
    the id of the stored incident it continues (``corroborate.inherit_incident_ids``)."""
    from tawthiq.corroborate import inherit_incident_ids

    keys, links = incident_store.incident_memberships(session)
    matched = inherit_incident_ids(incidents, keys, links)
    return incident_store.save_incidents(session, incidents, matched)


def corroborate(
    ws: Workspace,
    *,
    actor: str = "cli:corroborate",
    step: Step = _quiet,
    on_loaded: Callable[[Sequence[SourcedClaim], Sequence[Report]], None] | None = None,
) -> Corroborated:
    """(Re)build the incidents of the whole workspace from its claims; idempotent.

    ``step(text)`` wraps each long step (the CLI shows a spinner); ``on_loaded`` hears how many
    claims and reports were loaded before the clustering starts.
    """
    from tawthiq.corroborate import build_incidents
    from tawthiq.gazetteer import load_gazetteer

    with step("loading claims"), ws.session(actor=actor) as s:
        claims, reports = incident_store.load_sourced_claims(s)
    if on_loaded is not None:
        on_loaded(claims, reports)
    with step("clustering and grading"):
        # the gazetteer's parent links tell which neighbourhood lies in which town
        contains = load_gazetteer().contains if claims else None
        incidents = build_incidents(claims, reports, contains=contains)
    with ws.session(actor=actor) as s:
        result = rebuild_incidents(s, incidents)
    return Corroborated(len(claims), len(reports), len(incidents), result)


def list_incidents(
    session: Session,
    *,
    grade: str | None = None,
    event_type: str | None = None,
    place: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[Incident]:
    """Incidents in id order, filtered. ``grade`` is the grade shown (an override wins);
    ``event_type`` matches the type or its family ("attack"); ``place`` any spelling of a
    place name (``corroborate.places_match``'s name folding)."""
    if grade is not None and grade not in GRADES:  # any type is taken: an unknown one matches nothing
        raise InputError(f"unknown grade {grade!r}; one of {', '.join(GRADES)}", field="grade")
    f = IncidentFilter(grade=grade, event_type=event_type, date_from=since, date_to=until)
    found = reader.find_incidents(session, f, order="id", with_kind=True)
    if place:
        from tawthiq.corroborate import places_match

        found = [i for i in found if any(places_match(p.name, place) for p in i.places)]
    return found


def override_grade(session: Session, incident_id: int, grade: str | None, reason: str) -> Incident:
    """Set (``grade=None``: clear) an analyst's grade of an incident with the reason, audit-logged
    under the session's actor (``tawthiq incident --override``, the web's form and the API alike).
    Returns the incident as it now is; its shown grade is :attr:`Incident.effective_grade`."""
    return incident_store.override_incident_grade(session, incident_id, grade, reason)
