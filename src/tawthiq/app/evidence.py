"""Use cases of the evidence stage: an incident's dossier, and the custody of stored originals
(verify, seal, derive, history).

In: a workspace, an incident id, an output folder; an original's SHA-256, a derived file.
Out: the signed dossier's summary; the evidence store's check; the seal summary; the derived
file linked; an original's custody events and derived copies.
Never: prints (``on_writing`` / ``on_start`` hear what is about to happen); never renders,
redacts, hashes or seals itself (``evidence`` and ``policy`` do) nor builds SQL (the store
does). Every custody event is written in the transaction of the change it records: a seal's
event and its rename, a derived copy's row and its ``evidence.derive`` event.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from tawthiq.entities import AuditEvent, DerivedFile, Protected
from tawthiq.errors import InputError
from tawthiq.store import Workspace

if TYPE_CHECKING:
    from tawthiq.evidence import EvidenceCheck
    from tawthiq.store.reveal import Disclosure

__all__ = [
    "custody_history",
    "derive",
    "dossier",
    "public_key",
    "reveal",
    "seal_evidence",
    "verify_evidence",
]


def public_key(ws: Workspace) -> tuple[bytes, str]:
    """The workspace's Ed25519 public key that signs every export, as PEM, and its fingerprint
    (SHA-256 of the raw key); the key pair is made first if the workspace has none."""
    from tawthiq.evidence import ensure_signing_key, fingerprint, load_public_key

    pem = ensure_signing_key(ws.path).read_bytes()
    return pem, fingerprint(load_public_key(pem))


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
        sources = {src.id: src for src in list_sources(s) if src.id is not None}  # stored: all have one
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


def _registered(ws: Workspace) -> list[str]:
    from tawthiq.store.custody import list_derived_files, list_evidence

    with ws.session() as s:
        return [e.sha256 for e in list_evidence(s)] + [d.sha256 for d in list_derived_files(s)]


def verify_evidence(ws: Workspace, *, on_start: Callable[[Path], None] | None = None) -> EvidenceCheck:
    """Open and re-hash every stored file against the registered originals and derived copies:
    the :class:`~tawthiq.evidence.EvidenceCheck` (missing, altered, other-key, unregistered, clear).
    ``on_start(evidence_dir)`` hears when the re-hashing starts. Writes nothing."""
    from tawthiq.evidence import verify_store

    known = _registered(ws)
    if on_start is not None:
        on_start(ws.evidence_dir)
    return verify_store(ws.evidence_dir, known, ws.cipher)


def seal_evidence(ws: Workspace, *, on_start: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Seal originals still in clear in place with the workspace key: one ``evidence.seal``
    custody event per file, in the transaction of its rename (a failed seal logs nothing).
    Idempotent; an altered clear file is reported in ``failed`` and not sealed.
    ``on_start(clear, files)`` hears how many are to be sealed."""
    from tawthiq.errors import StoreError
    from tawthiq.evidence import file_state, seal_file, stored_files
    from tawthiq.store.custody import record_custody

    cipher = ws.require_cipher()
    files = stored_files(ws.evidence_dir)
    clear = sorted(sha for sha, path in files.items() if file_state(path, sha, cipher) == "clear")
    if on_start is not None:
        on_start(len(clear), len(files))
    sealed, failed = [], []
    for sha in clear:
        try:
            # the event and the rename in one transaction: a failed seal logs nothing
            with ws.session() as s:
                detail = "clear original sealed in place with the workspace key"
                record_custody(s, "evidence.seal", sha, detail=detail)
                seal_file(ws.evidence_dir, sha, cipher)
        except StoreError as exc:
            failed.append({"sha256": sha, "problem": str(exc)})
            continue
        sealed.append(sha)
    return {
        "files": len(files),
        "sealed": sealed,
        "already_sealed": len(files) - len(clear),
        "failed": failed,
    }


def derive(
    ws: Workspace,
    original: str,
    file: Path,
    kind: Literal["working", "redacted"],
    note: str | None = None,
) -> DerivedFile:
    """Store a working copy or redaction beside its original (sealed like it) and link it, with
    its ``evidence.derive`` custody event, in one transaction; an unknown original is refused."""
    from tawthiq.evidence import store_file
    from tawthiq.store.custody import add_derived_file

    sha, size, _, _ = store_file(ws.evidence_dir, file, ws.cipher)
    with ws.session() as s:
        return add_derived_file(
            s,
            DerivedFile(
                sha256=sha,
                original_sha256=original,
                kind=kind,
                size=size,
                file_name=file.name,
                media_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream",
                note=note,
            ),
        )


def custody_history(ws: Workspace, sha256: str) -> tuple[list[AuditEvent], list[DerivedFile]]:
    """Every custody event about one original (chain order) and its derived copies."""
    from tawthiq.store.custody import custody_events, list_derived_files

    with ws.session() as s:
        return custody_events(s, [("evidence", sha256)]), list_derived_files(s, sha256)


def reveal(ws: Workspace, key: str, record_id: int, disclosure: Disclosure) -> Protected | None:
    """The clear value of one protected field (``"report.sender"``, ``"source.contact"``, …) of
    one record, with its ``evidence.view`` custody event (actor, reason, where: ``disclosure``'s)
    in the same transaction, whose actor is the one shown it; ``None`` when the field is empty
    (nothing recorded). An unknown field or record is an :class:`InputError`."""
    from tawthiq.store.reveal import reveal_field

    with ws.session(actor=disclosure.actor) as s:
        return reveal_field(s, key, record_id, disclosure=disclosure)
