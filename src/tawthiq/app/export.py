"""Use cases of the export stage: export the workspace in a format, signed; and what a dossier
and a dump share (the output folder, the signature, the custody event).

In: a workspace, a format name from the registry (``tawthiq.export.exporters``), filters, an
output folder. Out: the summary the CLI prints. Never: prints (``on_writing`` hears the folder);
never formats a row itself (the exporter does) nor builds SQL (the store does).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tawthiq.errors import InputError
from tawthiq.store import Workspace

from .roles import Operator, require_role

__all__ = [
    "check_dump",
    "check_format",
    "export_workspace",
    "key_fingerprint",
    "prepare_out",
    "restore_dump",
    "sign_folder",
]


def check_format(fmt: str) -> dict[str, Any]:
    """The registry of exporters (name -> Exporter), once ``fmt`` is known to be in it."""
    from tawthiq.export import exporters

    registry = exporters()
    if fmt not in registry:
        raise InputError(f"unknown format {fmt!r}; choose one of: {', '.join(registry)}", field="FORMAT")
    return registry


def export_workspace(
    ws: Workspace,
    fmt: str,
    out: Path,
    filters: dict[str, Any],
    country: str | None = None,
    *,
    on_writing: Callable[[Path], None] | None = None,
    internal: Operator | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """Write ``fmt`` into the new (or empty) folder ``out``, sign it, log ``export.write``.

    ``filters`` are ``grade`` and ``type`` (lists), ``since`` and ``until`` (dates). An
    incident format's summary (and manifest) holds ``withheld``: how many of the selected
    incidents the policy held back, by rule (``tawthiq.policy.withheld_tally``).

    ``internal`` (the operator, documenter or admin, with a ``reason``) writes an internal
    export for a trusted partner: withheld incidents included and marked, still signed, no
    protected field; audited as ``export.internal`` with the operator and the reason.
    """
    from tawthiq.export import withheld_of

    registry = check_format(fmt)
    exporter = registry[fmt]
    if internal is not None:
        _check_internal(exporter, internal, reason)
    ctx = _context(ws, fmt, filters, country, internal=internal is not None)
    folder = prepare_out(out)
    if on_writing is not None:
        on_writing(folder)
    details = exporter.write(ctx, folder)
    details = {
        **details,
        "public": exporter.public and internal is None,
        "filters": {k: (str(v) if isinstance(v, date) else v) for k, v in ctx.filters.items()},
    }
    if exporter.incidents and exporter.public:
        details["withheld"] = withheld_of(ctx).as_dict()
    if internal is not None:
        details["internal"] = True
    return sign_folder(
        ws,
        folder,
        fmt,
        details,
        actor=internal.actor if internal is not None else None,
        internal_reason=reason if internal is not None else None,
    )


def _check_internal(exporter: Any, operator: Operator, reason: str | None) -> None:
    if not (exporter.incidents and exporter.public):
        raise InputError(f"--internal is for incident formats, not {exporter.name!r}", field="--internal")
    require_role(operator, "export_internal")
    if not reason or not reason.strip():
        raise InputError(
            "an internal export needs --reason: who it is for and why (kept in the audit log)",
            field="--reason",
        )


def prepare_out(out: Path) -> Path:
    """The output folder, created; an existing non-empty folder is refused (never mixed)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError("exists and is not an empty folder; choose a new --out", path=out)
    out.mkdir(parents=True, exist_ok=True)
    return out


def sign_folder(
    ws: Any,
    out: Path,
    export: str,
    details: dict[str, Any],
    *,
    actor: str | None = None,
    internal_reason: str | None = None,
) -> dict[str, Any]:
    """Sign ``out`` with the workspace key (manifest pins the audit head); log ``export.write``
    (and ``export.internal`` with ``actor`` and the reason, for an internal export)."""
    from tawthiq.evidence import MANIFEST_FILE, write_signed_manifest
    from tawthiq.store.custody import audit_head, record_custody

    with ws.session(actor="cli") as s:
        head = audit_head(s)
        manifest = write_signed_manifest(
            out, workspace=ws.path, export=export, audit_head=head, details=details
        )
        digest = hashlib.sha256((out / MANIFEST_FILE).read_bytes()).hexdigest()
        record_custody(
            s,
            "export.write",
            export,
            object_type="export",
            detail=f"format={export} files={len(manifest.files)} manifest_sha256={digest}",
        )
        if internal_reason is not None:
            record_custody(
                s,
                "export.internal",
                export,
                object_type="export",
                actor=actor,
                reason=internal_reason.strip()[:500],
                detail=f"format={export} rows={details.get('rows', details.get('features'))} "
                f"manifest_sha256={digest}",
            )
    return {
        "export": export,
        "out": str(out),
        "files": len(manifest.files),
        "audit_head": head,
        "manifest_sha256": digest,
        "key_fingerprint": manifest.public_key_fingerprint,
        **details,
    }


def _missing_persons(s: Any) -> tuple[list[tuple[Any, list[Any]]], dict[str, dict[str, str]]]:
    """Missing/detained person records with their notes, and the PFIF fields of those imported from
    PFIF by record id (so the signed export keeps them, as ``people pfif export`` does)."""
    from tawthiq.store.missing import notes_by_record, pfif_fields_by_record
    from tawthiq.store.people import load_records

    recs = [r for r in load_records(s) if r.status in ("missing", "detained")]
    ids = [r.id for r in recs if r.id is not None]  # stored: all have one
    notes_of = notes_by_record(s, ids)
    fields_of = pfif_fields_by_record(s, ids)
    fields = {r.record_id: fields_of[r.id] for r in recs if r.id in fields_of}
    return [(r, list(notes_of.get(r.id, []) if r.id is not None else [])) for r in recs], fields


def _context(ws: Any, fmt: str, filters: dict[str, Any], country: str | None, *, internal: bool = False):
    from tawthiq.entities import IncidentFilter
    from tawthiq.export import ExportContext, select_incidents
    from tawthiq.gazetteer import load_gazetteer
    from tawthiq.policy import load_policy
    from tawthiq.store import list_sources
    from tawthiq.store.browse import list_incidents, list_places
    from tawthiq.store.claims import claims_by_ids
    from tawthiq.store.reports import reports_by_ids

    policy = load_policy(ws.path)
    with ws.session(actor="cli") as s:
        incidents, _ = list_incidents(s, IncidentFilter(), limit=10**9)
        incidents = select_incidents(
            incidents,
            grades=filters.get("grade"),
            since=filters.get("since"),
            until=filters.get("until"),
            event_types=filters.get("type"),
        )
        ids = {i for inc in incidents for i in (*inc.claim_ids, *inc.contradicting_claim_ids)}
        claims = {c.id: c for c in claims_by_ids(s, ids) if c.id is not None}  # stored: all have one
        reports = reports_by_ids(s, {c.report_id for c in claims.values() if c.report_id is not None})
        sources = {src.id: src for src in list_sources(s) if src.id is not None}  # stored: all have one
        gazetteer = load_gazetteer()
        places = {p.id: p for p in gazetteer}  # the shipped gazetteer, then the workspace's
        # a claim stored before a UCDP twin was joined to its town still carries the twin's id
        places.update({twin: places[pid] for twin, pid in gazetteer.twin_ids().items() if pid in places})
        places.update({p.id: p for p in list_places(s, limit=10**9)[0]})
        missing, pfif_fields = _missing_persons(s) if fmt == "pfif" else ([], {})
    return ExportContext(
        incidents=incidents,
        claims=claims,
        reports=reports,
        sources=sources,
        places=places,
        missing=missing,
        pfif_fields=pfif_fields,
        policy=policy,
        now=datetime.now(UTC),
        country=country,
        filters={k: v for k, v in filters.items() if v},
        dump_writer=_dump_writer(ws),
        internal=internal,
    )


def check_dump(folder: Path, public_key: Path | None = None) -> dict[str, Any]:
    """The ``dump.json`` of a folder written by ``tawthiq export dump``, once the folder verifies
    (its manifest, hashes and signature, against ``public_key`` when given) and is a dump."""
    from tawthiq.evidence import verify_export

    check = verify_export(folder, public_key)
    if not check.ok:
        raise InputError("the dump does not verify: " + "; ".join(check.problems), path=folder)
    if check.export != "dump":
        raise InputError(f"this is a {check.export!r} export, not a dump", path=folder)
    return json.loads((folder / "dump.json").read_text(encoding="utf-8"))


def restore_dump(
    ws: Workspace, folder: Path, meta: dict[str, Any], *, source_key: Path | None = None
) -> dict[str, Any]:
    """Restore a checked dump (``meta`` from :func:`check_dump`) into the EMPTY workspace ``ws``:
    its rows in one transaction, each original opened with the dump's key (``source_key``, else
    this workspace's), re-hashed against its name and sealed with this workspace's key, and the
    redaction policy file. Returns the summary ``import-dump`` prints: ``tables`` (rows per
    table), ``rows``, ``evidence_files``, ``resealed`` (the dump had another key)."""
    from tawthiq.evidence import reseal_file, stored_files
    from tawthiq.policy import POLICY_FILE
    from tawthiq.store import Cipher, read_key_file
    from tawthiq.store.dump import load_tables

    same = meta.get("key_sha256") in (None, key_fingerprint(ws))
    src_cipher = None
    if source_key is not None:
        if not source_key.exists():
            raise InputError("no such key file", path=source_key)
        src_cipher = Cipher(read_key_file(source_key))
    with ws.session(actor="cli") as s:
        counts = load_tables(
            s,
            folder,
            source_cipher=src_cipher,
            target_cipher=ws.cipher,
            same_key=same,
            schema=meta.get("schema"),
        )
        # each original opened with the dump's key, re-hashed against its name, sealed
        # with this workspace's key (a dump from before sealing holds clear files: read too)
        stored = 0
        for sha in sorted(stored_files(folder / "evidence")):
            reseal_file(folder / "evidence", sha, ws.evidence_dir, src_cipher or ws.cipher, ws.cipher)
            stored += 1
    if (folder / POLICY_FILE).exists():
        shutil.copyfile(folder / POLICY_FILE, ws.path / POLICY_FILE)
    return {"tables": counts, "rows": sum(counts.values()), "evidence_files": stored, "resealed": not same}


def key_fingerprint(ws: Any) -> str | None:
    from tawthiq.store import load_key

    key = load_key(ws.key_file)
    return hashlib.sha256(key).hexdigest() if key else None


def _dump_writer(ws: Any):
    def write(out: Path) -> dict[str, Any]:
        from tawthiq.policy import POLICY_FILE
        from tawthiq.store.dump import dump_schema, dump_tables

        with ws.session(actor="cli") as s:
            counts = dump_tables(s, out)
        from tawthiq.evidence import file_state, reseal_file, stored_files

        # Originals go into the dump sealed, as they are in the workspace (a dump is a backup,
        # not a release): sealed files are copied as they are, clear ones sealed on the way.
        files = 0
        for sha, src in sorted(stored_files(ws.evidence_dir).items()):
            if ws.cipher is not None and file_state(src, sha, ws.cipher) == "clear":
                reseal_file(ws.evidence_dir, sha, out / "evidence", ws.cipher, ws.cipher)
            else:
                dst = out / "evidence" / src.relative_to(ws.evidence_dir)
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dst)
            files += 1
        if (ws.path / POLICY_FILE).exists():
            shutil.copyfile(ws.path / POLICY_FILE, out / POLICY_FILE)
        summary = {
            "format": "tawthiq-dump/1",
            "schema": dump_schema(),  # the migration revision: an older dump is migrated on import
            "tables": counts,
            "evidence_files": files,
            "key_sha256": key_fingerprint(ws),
            "protected_fields": "AES-256-GCM ciphertext",
            "evidence": "sealed with the workspace key (Tink AES-256-GCM-HKDF streams)",
        }
        (out / "dump.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        return {"rows": sum(counts.values()), "tables": len(counts), "evidence_files": files}

    return write
