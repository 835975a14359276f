"""`tawthiq export FORMAT --out DIR` and `tawthiq import-dump DIR`.

Thin layer: load entities through ``store``, call the exporter chosen from the registry
(``tawthiq.export``), sign the folder (``tawthiq.evidence``), record the export as a custody
event. Data (the summary) to stdout, progress to stderr; exit 1 on bad input.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from tawthiq.cli._common import DbOpt, JsonOpt, WorkspaceOpt, err_console, print_json
from tawthiq.errors import InputError

__all__ = ["prepare_out", "register", "sign_folder"]

_FORMATS = ("acled", "ged", "geojson", "hxl", "pfif", "dump")


def prepare_out(out: Path) -> Path:
    """The output folder, created; an existing non-empty folder is refused (never mixed)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError("exists and is not an empty folder; choose a new --out", path=out)
    out.mkdir(parents=True, exist_ok=True)
    return out


def sign_folder(ws: Any, out: Path, export: str, details: dict[str, Any]) -> dict[str, Any]:
    """Sign ``out`` with the workspace key (manifest pins the audit head); log ``export.write``."""
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
    return {
        "export": export,
        "out": str(out),
        "files": len(manifest.files),
        "audit_head": head,
        "manifest_sha256": digest,
        "key_fingerprint": manifest.public_key_fingerprint,
        **details,
    }


def _missing_persons(s: Any) -> list[tuple[Any, list[Any]]]:
    """Missing/detained person records with their notes (notes when the people stage stores them)."""
    from tawthiq.store.missing import notes_by_record
    from tawthiq.store.people import load_records

    recs = [r for r in load_records(s) if r.status in ("missing", "detained")]
    notes_of = notes_by_record(s, [r.id for r in recs])
    return [(r, list(notes_of.get(r.id, []))) for r in recs]


def _context(ws: Any, fmt: str, filters: dict[str, Any], country: str | None):
    from tawthiq.export import ExportContext, select_incidents
    from tawthiq.gazetteer import load_gazetteer
    from tawthiq.policy import load_policy
    from tawthiq.store import list_sources
    from tawthiq.store.browse import IncidentFilter, list_incidents, list_places
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
        claims = {c.id: c for c in claims_by_ids(s, ids)}
        reports = reports_by_ids(s, {c.report_id for c in claims.values() if c.report_id is not None})
        sources = {src.id: src for src in list_sources(s)}
        places = {p.id: p for p in load_gazetteer()}  # the shipped gazetteer, then the workspace's
        places.update({p.id: p for p in list_places(s, limit=10**9)[0]})
        missing = _missing_persons(s) if fmt == "pfif" else []
    return ExportContext(
        incidents=incidents,
        claims=claims,
        reports=reports,
        sources=sources,
        places=places,
        missing=missing,
        policy=policy,
        now=datetime.now(UTC),
        country=country,
        filters={k: v for k, v in filters.items() if v},
        dump_writer=_dump_writer(ws),
    )


def _key_fingerprint(ws: Any) -> str | None:
    from tawthiq.store._crypto import load_key

    key = load_key(ws.key_file)
    return hashlib.sha256(key).hexdigest() if key else None


def _dump_writer(ws: Any):
    def write(out: Path) -> dict[str, Any]:
        from tawthiq.policy import POLICY_FILE
        from tawthiq.store.dump import dump_tables

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
            "tables": counts,
            "evidence_files": files,
            "key_sha256": _key_fingerprint(ws),
            "protected_fields": "AES-256-GCM ciphertext",
            "evidence": "sealed with the workspace key (Tink AES-256-GCM-HKDF streams)",
        }
        (out / "dump.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        return {"rows": sum(counts.values()), "tables": len(counts), "evidence_files": files}

    return write


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_cmd(
        fmt: Annotated[str, typer.Argument(metavar="FORMAT", help=f"One of: {', '.join(_FORMATS)}.")],
        out: Annotated[Path, typer.Option("--out", "-o", help="New (or empty) output folder.")],
        grade: Annotated[
            list[str] | None, typer.Option("--grade", help="Only these grades (repeat).")
        ] = None,
        since: Annotated[
            str | None, typer.Option("--since", help="Incidents ending on/after YYYY-MM-DD.")
        ] = None,
        until: Annotated[
            str | None, typer.Option("--until", help="Incidents starting on/before YYYY-MM-DD.")
        ] = None,
        type_: Annotated[
            list[str] | None, typer.Option("--type", help="Event type or its family (repeat).")
        ] = None,
        country: Annotated[
            str | None, typer.Option("--country", help="Country column when the gazetteer has none.")
        ] = None,
        workspace: WorkspaceOpt = None,
        db: DbOpt = None,
        json_: JsonOpt = False,
    ) -> None:
        """Export incidents (or missing persons, or everything) in a standard format, signed."""
        from tawthiq.export import exporters
        from tawthiq.store import open_workspace

        registry = exporters()
        if fmt not in registry:
            raise InputError(f"unknown format {fmt!r}; choose one of: {', '.join(registry)}", field="FORMAT")
        filters = {
            "grade": grade,
            "since": _day(since, "--since"),
            "until": _day(until, "--until"),
            "type": type_,
        }
        with open_workspace(workspace, db) as ws:
            ctx = _context(ws, fmt, filters, country)
            folder = prepare_out(out)
            err_console.print(f"exporting {fmt} to {folder} …")
            details = registry[fmt].write(ctx, folder)
            details = {
                **details,
                "public": registry[fmt].public,
                "filters": {k: (str(v) if isinstance(v, date) else v) for k, v in ctx.filters.items()},
            }
            summary = sign_folder(ws, folder, fmt, details)
        if json_:
            print_json(summary)
        else:
            typer.echo(
                f"{fmt}: {summary['files']} file(s) in {folder}, signed "
                f"(key {summary['key_fingerprint'][:16]}…)"
            )

    @app.command("import-dump")
    def import_dump_cmd(
        folder: Annotated[Path, typer.Argument(help="A folder written by `tawthiq export dump`.")],
        source_key: Annotated[
            Path | None,
            typer.Option(
                "--source-key", help="The dumped workspace's key file, when this workspace has another key."
            ),
        ] = None,
        public_key: Annotated[
            Path | None, typer.Option("--public-key", help="Check the dump's signature with this public key.")
        ] = None,
        workspace: WorkspaceOpt = None,
        db: DbOpt = None,
        json_: JsonOpt = False,
    ) -> None:
        """Restore a dump into an EMPTY workspace (one transaction), with its evidence files."""
        from tawthiq.evidence import reseal_file, stored_files, verify_export
        from tawthiq.policy import POLICY_FILE
        from tawthiq.store import Cipher, open_workspace
        from tawthiq.store._crypto import load_key
        from tawthiq.store.dump import load_tables

        check = verify_export(folder, public_key)
        if not check.ok:
            raise InputError("the dump does not verify: " + "; ".join(check.problems), path=folder)
        if check.export != "dump":
            raise InputError(f"this is a {check.export!r} export, not a dump", path=folder)
        meta = json.loads((folder / "dump.json").read_text(encoding="utf-8"))
        with open_workspace(workspace, db) as ws:
            same = meta.get("key_sha256") in (None, _key_fingerprint(ws))
            src_cipher = None
            if source_key is not None:
                if not source_key.exists():
                    raise InputError("no such key file", path=source_key)
                src_cipher = Cipher(load_key(source_key))
            with ws.session(actor="cli") as s:
                counts = load_tables(
                    s, folder, source_cipher=src_cipher, target_cipher=ws.cipher, same_key=same
                )
                # each original opened with the dump's key, re-hashed against its name, sealed
                # with this workspace's key (a dump from before sealing holds clear files: read too)
                stored = 0
                for sha in sorted(stored_files(folder / "evidence")):
                    reseal_file(folder / "evidence", sha, ws.evidence_dir, src_cipher or ws.cipher, ws.cipher)
                    stored += 1
            if (folder / POLICY_FILE).exists():
                shutil.copyfile(folder / POLICY_FILE, ws.path / POLICY_FILE)
        summary = {
            "tables": counts,
            "rows": sum(counts.values()),
            "evidence_files": stored,
            "resealed": not same,
        }
        if json_:
            print_json(summary)
        else:
            typer.echo(f"restored {summary['rows']} rows in {len(counts)} tables and {stored} evidence files")


def _day(value: str | None, opt: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value!r} is not YYYY-MM-DD", field=opt) from None
