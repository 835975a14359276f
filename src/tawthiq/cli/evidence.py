"""`tawthiq evidence …` (verify, seal, public-key, derive, history), `verify-export` and `dossier`.

Thin layer: call the use cases of ``tawthiq.app.evidence`` (verify, seal, derive, history,
dossier; each writes its custody events), or ``tawthiq.evidence`` for what needs no workspace
(public key, verify-export), and print. Data to stdout, progress
to stderr; exit 1 when a check fails or the input is bad.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from tawthiq.cli._common import DbOpt, JsonOpt, WorkspaceOpt, emit, err_console, id_parser
from tawthiq.errors import InputError

__all__ = ["register"]

evidence_app = typer.Typer(
    name="evidence",
    help="The evidence store: verify or seal every file, the signing key, derived copies, custody history.",
    no_args_is_help=True,
)


def _open(workspace: Path | None, db: str | None):
    from tawthiq.store import open_workspace

    return open_workspace(workspace, db)


@evidence_app.command("verify")
def verify_cmd(workspace: WorkspaceOpt = None, db: DbOpt = None, json_: JsonOpt = False) -> None:
    """Open and re-hash every stored file; report missing, altered, other-key, unregistered or
    clear ones (exit 1 if a registered file is missing, altered or sealed with another key)."""
    from tawthiq.app.evidence import verify_evidence

    def starting(evidence_dir: Path) -> None:
        err_console.print(f"opening and re-hashing the evidence store in {evidence_dir} …")

    with _open(workspace, db) as ws:
        check = verify_evidence(ws, on_start=starting)
    emit(check, json_, _verify_lines, as_json=lambda c: c.model_dump(mode="json"))
    if not check.ok:
        raise typer.Exit(1)


def _verify_lines(check: Any) -> None:
    typer.echo(
        f"{check.checked} file(s) ({check.sealed} sealed, {check.clear} clear), {check.bytes} bytes "
        f"re-hashed: {'ok' if check.ok else 'FAILED'}"
    )
    for p in check.problems:
        detail = (p.detail or "").removeprefix(f"{p.path}: ")  # the path is already on the line
        typer.echo(f"  {p.problem}: {p.sha256} ({p.path})" + (f": {detail}" if detail else ""))


@evidence_app.command("seal")
def seal_cmd(workspace: WorkspaceOpt = None, db: DbOpt = None, json_: JsonOpt = False) -> None:
    """Seal originals still in clear (from before sealing) in place with the workspace key.

    One custody event (``evidence.seal``) per file; idempotent (sealed files are left alone);
    an altered clear file is reported and not sealed (exit 1).
    """
    from tawthiq.app.evidence import seal_evidence

    with _open(workspace, db) as ws:

        def starting(clear: int, files: int) -> None:
            err_console.print(f"sealing {clear} clear file(s) of {files} in {ws.evidence_dir} …")

        summary = seal_evidence(ws, on_start=starting)
    emit(summary, json_, _sealed_lines)
    if summary["failed"]:
        raise typer.Exit(1)


def _sealed_lines(summary: dict[str, Any]) -> None:
    sealed, failed = summary["sealed"], summary["failed"]
    typer.echo(
        f"{len(sealed)} file(s) sealed, {summary['already_sealed']} already sealed, {len(failed)} failed"
    )
    for f in failed:
        typer.echo(f"  not sealed: {f['problem']}")


@evidence_app.command("public-key")
def public_key_cmd(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Also write the PEM to this file.")] = None,
    workspace: WorkspaceOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Print the workspace's Ed25519 public key (PEM) that signs every export."""
    from tawthiq.app.evidence import public_key

    with _open(workspace, None) as ws:
        pem, fp = public_key(ws)
    if out is not None:
        out.write_bytes(pem)

    def pem_lines(key: dict[str, str]) -> None:
        typer.echo(key["pem"], nl=False)
        err_console.print(f"fingerprint (SHA-256 of the raw key): {key['fingerprint_sha256']}")

    emit({"algorithm": "Ed25519", "fingerprint_sha256": fp, "pem": pem.decode("ascii")}, json_, pem_lines)


@evidence_app.command("derive")
def derive_cmd(
    original: Annotated[str, typer.Argument(help="SHA-256 of the original in the evidence store.")],
    file: Annotated[Path, typer.Argument(help="The working copy or redaction to store.")],
    kind: Annotated[str, typer.Option("--kind", help="working or redacted.")] = "working",
    note: Annotated[str | None, typer.Option("--note", help="What was done (no protected values).")] = None,
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """Store a working copy or redaction beside its original and link it (a custody event)."""
    from tawthiq.app.evidence import derive

    if kind not in ("working", "redacted"):
        raise InputError("must be 'working' or 'redacted'", field="--kind")
    if not file.is_file():
        raise InputError("no such file", path=file)
    with _open(workspace, db) as ws:
        d = derive(ws, original, file, _kind(kind), note)
    emit(d, json_, lambda d: typer.echo(f"{d.kind} copy {d.sha256} linked to original {d.original_sha256}"),
         as_json=lambda d: d.model_dump(mode="json"))  # fmt: skip


def _kind(kind: str) -> Literal["working", "redacted"]:
    return "redacted" if kind == "redacted" else "working"


@evidence_app.command("history")
def history_cmd(
    sha256: Annotated[str, typer.Argument(help="SHA-256 of an original.")],
    workspace: WorkspaceOpt = None,
    db: DbOpt = None,
    json_: JsonOpt = False,
) -> None:
    """The custody history of one original (every event about it, in chain order)."""
    from tawthiq.app.evidence import custody_history

    with _open(workspace, db) as ws:
        events, derived = custody_history(ws, sha256)
    emit((events, derived), json_, _history_lines, as_json=lambda h: {
        "sha256": sha256,
        "events": [e.model_dump(mode="json") for e in h[0]],
        "derived": [d.model_dump(mode="json") for d in h[1]],
    })  # fmt: skip


def _history_lines(history: tuple[list[Any], list[Any]]) -> None:
    events, derived = history
    for e in events:
        reason = f" (reason: {e.reason})" if e.reason else ""
        typer.echo(f"{e.at.isoformat()}  {e.action:<18} {e.actor:<12} {e.detail or ''}{reason}")
    for d in derived:
        typer.echo(f"derived {d.kind}: {d.sha256}")


def _verify_export(folder: Path, public_key: Path | None, json_: bool) -> None:
    from tawthiq.evidence import verify_export

    check = verify_export(folder, public_key)
    emit(check, json_, _export_check_lines, as_json=lambda c: c.model_dump(mode="json"))
    if not check.ok:
        raise typer.Exit(1)


def _export_check_lines(check: Any) -> None:
    status = "ok" if check.ok else "FAILED"
    typer.echo(
        f"{check.folder}: {status} ({check.export}, {check.files_checked} files, "
        f"key {check.key_fingerprint} [{check.key_source}])"
    )
    for p in check.problems:
        typer.echo(f"  {p}")
    if check.key_source == "embedded":
        err_console.print(
            "note: checked with the key inside the manifest; pass --public-key to prove who signed it"
        )


def _dossier(incident_id: int, out: Path, public: bool, pdf: bool, ws: Any) -> dict[str, Any]:
    from tawthiq.app.evidence import dossier

    def writing(variant: str, folder: Path) -> None:
        err_console.print(f"writing the {variant} dossier of incident {incident_id} to {folder} …")

    return dossier(ws, incident_id, out, public=public, pdf=pdf, on_writing=writing)


def register(app: typer.Typer) -> None:
    app.add_typer(evidence_app)

    @app.command("verify-export")
    def verify_export_cmd(
        folder: Annotated[Path, typer.Argument(help="A folder written by `tawthiq export` or `dossier`.")],
        public_key: Annotated[
            Path | None,
            typer.Option(
                "--public-key", help="The publisher's public key (PEM); default: the manifest's own."
            ),
        ] = None,
        json_: JsonOpt = False,
    ) -> None:
        """Check an export's signature and every file's SHA-256 (exit 1 if anything differs)."""
        _verify_export(folder, public_key, json_)

    @app.command("dossier")
    def dossier_cmd(
        incident_id: Annotated[
            int,
            typer.Argument(
                metavar="INCIDENT_ID",
                help="The incident's id.",
                parser=id_parser("incident", "tawthiq incidents"),
            ),
        ],
        out: Annotated[Path, typer.Option("--out", "-o", help="New (or empty) output folder.")],
        public: Annotated[
            bool, typer.Option("--public", help="The redacted variant, under the policy.")
        ] = False,
        pdf: Annotated[
            bool, typer.Option("--pdf/--no-pdf", help="Also render dossier.pdf (WeasyPrint).")
        ] = True,
        workspace: WorkspaceOpt = None,
        db: DbOpt = None,
        json_: JsonOpt = False,
    ) -> None:
        """An incident dossier (HTML, PDF, JSON, original files, custody), signed."""
        with _open(workspace, db) as ws:
            summary = _dossier(incident_id, out, public, pdf, ws)
        emit(
            summary,
            json_,
            lambda d: typer.echo(f"dossier of incident {incident_id}: {d['files']} file(s) in {out}, signed"),
        )
