"""Incident dossier: one incident with its grade, claims, reports, origins, files and custody.

In: the entities the CLI loaded through ``store`` (an Incident, its Claims, their Reports and
Sources, the Evidence and DerivedFile rows, the custody AuditEvents) and a Policy.
Out: :func:`build_dossier` -> a JSON-ready dict (the same data for HTML, PDF and JSON);
:func:`render_dossier` writes ``dossier.json``, ``dossier.html`` (Jinja2) and ``dossier.pdf``
(WeasyPrint, from the same HTML). ``public=True`` builds the redacted variant with the policy
functions of :mod:`tawthiq.policy` (no protected value, no quote or original from a private
report, actors of custody events withheld).
Never: touches the database; reveals a :class:`~tawthiq.entities.Protected` value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape

from tawthiq import __version__
from tawthiq.entities import AuditEvent, Claim, DerivedFile, Evidence, Incident, Report, Source
from tawthiq.errors import InputError, TawthiqError
from tawthiq.policy import (
    RULE_TEXT,
    WHOLE_RULES,
    Policy,
    is_private_report,
    public_incident,
    withheld_reasons,
)

from ._files import copy_evidence

if TYPE_CHECKING:
    from tawthiq.store import Cipher

__all__ = ["build_dossier", "render_dossier"]


def _event(e: AuditEvent, public: bool) -> dict[str, Any]:
    return {
        "at": e.at.isoformat(),
        "actor": None if public else e.actor,
        "action": e.action,
        "object": f"{e.object_type}:{e.object_id}",
        "after_hash": e.after_hash,
        "detail": None if public else e.detail,
        "reason": None if public else e.reason,  # why a protected value was shown (evidence.view)
        "hash": e.hash,
    }


def _file(ev: Evidence, derived: Sequence[DerivedFile], public: bool) -> dict[str, Any]:
    return {
        "sha256": ev.sha256,
        "media_type": ev.media_type,
        "size": ev.size,
        "captured_at": ev.captured_at.isoformat(),
        "file_name": ev.file_name,
        "derived": [
            {
                "sha256": d.sha256,
                "kind": d.kind,
                "size": d.size,
                "media_type": d.media_type,
                "created_at": d.created_at.isoformat() if d.created_at else None,
                "note": None if public else d.note,
            }
            for d in derived
            if not public or d.kind == "redacted"
        ],
    }


def _withheld_file(report: Report, sources: Mapping[int, Source], policy: Policy) -> bool:
    """Whether a public dossier leaves out this report's original (see :func:`build_dossier`)."""
    if is_private_report(report, policy):
        return True
    src = sources.get(report.source_id) if report.source_id is not None else None
    return src is not None and src.kind in policy.anonymous_source_kinds


def build_dossier(
    incident: Incident,
    claims: Sequence[Claim],
    reports: Mapping[int, Report],
    sources: Mapping[int, Source],
    evidence: Mapping[str, Evidence],
    derived: Sequence[DerivedFile],
    custody: Sequence[AuditEvent],
    *,
    policy: Policy,
    public: bool,
    now: datetime,
) -> dict[str, Any]:
    """The dossier's data. Raises InputError when a public dossier is asked of a withheld incident."""
    own = set(incident.claim_ids) | set(incident.contradicting_claim_ids) | set(incident.tally_claim_ids)
    mine = [c for c in claims if c.id in own]
    if public:
        inc = public_incident(incident, mine, now, policy, reports=reports, sources=sources)
        if inc is None:
            rules = [r for r in withheld_reasons(incident, mine, now, policy) if r in WHOLE_RULES]
            hint = "; review its claims: `tawthiq claims review`" if "unreviewed_claims" in rules else ""
            raise InputError(
                f"incident {incident.id} is withheld by the redaction policy "
                f"({'; '.join(RULE_TEXT[r] for r in rules)}): no public dossier{hint}",
                field="incident",
            )
        claim_rows = inc.pop("claims", [])
    else:
        inc = incident.model_dump(mode="json")
        inc["grade"] = incident.effective_grade
        claim_rows = []
        for c in mine:
            rep = reports.get(c.report_id) if c.report_id is not None else None
            src = sources.get(rep.source_id) if rep and rep.source_id is not None else None
            row = {
                **c.contract(),
                "id": c.id,
                "review_status": c.review_status,
                "method": c.method,
                "confidence": c.confidence,
            }
            row["role"] = incident.claim_role(c.id)
            row["report"] = (
                None
                if rep is None
                else {
                    "id": rep.id,
                    "title": rep.title,
                    "file_name": rep.file_name,
                    "channel": rep.channel,
                    "published_at": rep.published_at.isoformat() if rep.published_at else None,
                    "received_at": rep.received_at.isoformat() if rep.received_at else None,
                    "source_label": rep.source_label,
                    "sha256": rep.sha256,
                    "url": rep.url,  # the header's URL:, as written (issue 15 item 5)
                    "private": is_private_report(rep, policy),
                    "source": None
                    if src is None
                    else {
                        "id": src.id,
                        "label": src.label,
                        "kind": src.kind,
                        "origin_group": src.origin_group,
                    },
                }
            )
            claim_rows.append(row)
    # Files: a public dossier lists only files of reports that are not private, and none of a
    # source the policy keeps anonymous: its label is replaced by its kind, and its original (a
    # signed statement, a letterhead) would name it again.
    shas: list[str] = []
    for c in mine:
        rep = reports.get(c.report_id) if c.report_id is not None else None
        if rep is None or (public and _withheld_file(rep, sources, policy)):
            continue
        if rep.sha256 in evidence and rep.sha256 not in shas:
            shas.append(rep.sha256)
    by_orig: dict[str, list[DerivedFile]] = {}
    for d in derived:
        by_orig.setdefault(d.original_sha256, []).append(d)
    files = [_file(evidence[s], by_orig.get(s, []), public) for s in shas]
    allowed = {f"evidence:{s}" for s in shas} | {f"incident:{incident.id}"} | {f"claim:{c.id}" for c in mine}
    if public:
        allowed |= {f"report:{r['report']['id']}" for r in claim_rows if r.get("report")}
    else:
        allowed |= {f"report:{c.report_id}" for c in mine}
    events = [_event(e, public) for e in custody if f"{e.object_type}:{e.object_id}" in allowed]
    return {
        "variant": "public" if public else "private",
        "generated_at": now.isoformat(),
        "tool_version": __version__,
        "incident": inc,
        "claims": claim_rows,
        "files": files,
        "custody": events,
        "originals": list(shas),
    }


_ENV = Environment(
    loader=PackageLoader("tawthiq.evidence", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_dossier(
    data: dict[str, Any],
    out: Path,
    evidence_dir: Path | None = None,
    cipher: Cipher | None = None,
    *,
    pdf: bool = True,
) -> list[Path]:
    """Write the JSON, HTML and (optionally) PDF of a dossier, and the original files.

    Originals are opened from ``evidence_dir`` (sealed ones with ``cipher``), authenticated,
    re-hashed and written in clear, streamed, to ``originals/SHA256``: the dossier is the output
    the user asked for. Without ``evidence_dir`` no originals are written.
    """
    out.mkdir(parents=True, exist_ok=True)
    written = []
    p = out / "dossier.json"
    p.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(p)
    html = _ENV.get_template("dossier.html").render(d=data)
    p = out / "dossier.html"
    p.write_text(html, encoding="utf-8")
    written.append(p)
    if pdf:
        try:
            from weasyprint import HTML  # heavy import: only when a PDF is asked for
        except ImportError as exc:
            raise TawthiqError(
                "a PDF dossier needs the optional 'pdf' extra: pip install 'tawthiq[pdf]' "
                "(the HTML and JSON dossier were written)"
            ) from exc

        p = out / "dossier.pdf"
        HTML(string=html, base_url=str(out)).write_pdf(p)
        written.append(p)
    if evidence_dir is not None and data.get("originals"):
        folder = out / "originals"
        folder.mkdir(exist_ok=True)
        for sha in data["originals"]:
            dst = folder / sha
            copy_evidence(evidence_dir, sha, dst, cipher)
            written.append(dst)
    return written
