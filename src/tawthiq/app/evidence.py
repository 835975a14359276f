"""Use case of the evidence stage: an incident's dossier, with its sources, hashes and custody.

In: a workspace, an incident id, an output folder. Out: the signed dossier's summary.
Never: prints (``on_writing`` hears the folder); never renders or redacts itself (``evidence``
and ``policy`` do) nor builds SQL (the store does).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tawthiq.errors import InputError
from tawthiq.store import Workspace

__all__ = ["dossier"]


def dossier(
    ws: Workspace,
    incident_id: int,
    out: Path,
    *,
    public: bool = False,
    pdf: bool = False,
    on_writing: Callable[[str, Path], None] | None = None,
) -> dict[str, Any]:
    """Write the incident's dossier (private, or ``public`` under the redaction policy) into the
    new folder ``out``, record each original copied into it, sign it; the summary the CLI prints.
    ``on_writing(variant, folder)`` hears where it is written."""
    from tawthiq.app.export import prepare_out, sign_folder
    from tawthiq.evidence import build_dossier, render_dossier
    from tawthiq.policy import load_policy
    from tawthiq.store import list_sources
    from tawthiq.store.browse import get_incident
    from tawthiq.store.claims import claims_by_ids
    from tawthiq.store.custody import custody_events, evidence_by_sha, list_derived_files, record_custody
    from tawthiq.store.reports import reports_by_ids

    policy = load_policy(ws.path)
    with ws.session() as s:
        inc = get_incident(s, incident_id)
        if inc is None:
            raise InputError(f"no incident {incident_id} in this workspace", field="INCIDENT_ID")
        ids = (*inc.claim_ids, *inc.contradicting_claim_ids, *inc.tally_claim_ids)
        claims = claims_by_ids(s, ids)
        reports = reports_by_ids(s, {c.report_id for c in claims if c.report_id is not None})
        sources = {src.id: src for src in list_sources(s)}
        evidence = evidence_by_sha(s, {r.sha256 for r in reports.values()})
        derived = [d for sha in evidence for d in list_derived_files(s, sha)]
        objects = [
            ("incident", str(inc.id)),
            *(("claim", str(c.id)) for c in claims),
            *(("report", str(r)) for r in reports),
            *(("evidence", sha) for sha in evidence),
        ]
        custody = custody_events(s, objects)
    data = build_dossier(
        inc,
        claims,
        reports,
        sources,
        evidence,
        derived,
        custody,
        policy=policy,
        public=public,
        now=datetime.now(UTC),
    )
    folder = prepare_out(out)
    if on_writing is not None:
        on_writing(data["variant"], folder)
    render_dossier(data, folder, ws.evidence_dir, ws.cipher, pdf=pdf)
    with ws.session() as s:
        for sha in data["originals"]:
            record_custody(
                s,
                "evidence.transfer",
                sha,
                detail=f"copied into the {data['variant']} dossier of incident {incident_id}",
            )
    return sign_folder(
        ws,
        folder,
        "dossier-public" if public else "dossier",
        {
            "incident": incident_id,
            "claims": len(data["claims"]),
            "originals": len(data["originals"]),
            "pdf": pdf,
        },
    )
