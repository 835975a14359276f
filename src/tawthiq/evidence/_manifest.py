"""Signed export manifests: every file of an export folder, hashed, and a detached signature.

In: a folder an exporter has filled, the workspace (for its signing key) and the audit-chain head.
Out: ``manifest.json`` (files with SHA-256 and size, time, tool version, audit head, the
public key and its fingerprint) and ``manifest.json.sig`` (base64 Ed25519 signature over
the exact bytes of ``manifest.json``); :func:`verify_export` checks both.
Never: signs a folder it has not hashed; trusts the key embedded in a manifest without saying so.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tawthiq import __version__
from tawthiq.errors import InputError

from ._signing import fingerprint, load_public_key, load_signing_key, public_key_pem, verify_bytes

__all__ = [
    "MANIFEST_FILE",
    "SIGNATURE_FILE",
    "ExportCheck",
    "Manifest",
    "ManifestFile",
    "sha256_file",
    "verify_export",
    "write_signed_manifest",
]

MANIFEST_FILE = "manifest.json"
SIGNATURE_FILE = "manifest.json.sig"
_FORMAT = "tawthiq-export/1"


class ManifestFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    path: str
    sha256: str
    size: int


class Manifest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    format: str = _FORMAT
    export: str
    created_at: datetime
    tool: str = "tawthiq"
    tool_version: str = __version__
    audit_head: str | None = None
    public_key_fingerprint: str
    public_key_pem: str
    details: dict[str, Any] = Field(default_factory=dict)
    files: tuple[ManifestFile, ...] = ()


class ExportCheck(BaseModel):
    """The answer of ``tawthiq verify-export``: ``ok`` only if the signature and every file check."""

    model_config = ConfigDict(frozen=True)
    ok: bool
    folder: str
    export: str | None = None
    created_at: datetime | None = None
    audit_head: str | None = None
    key_fingerprint: str | None = None
    key_source: Literal["given", "embedded"] | None = None
    signature_ok: bool = False
    files_checked: int = 0
    problems: tuple[str, ...] = ()


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def _payload_files(folder: Path) -> list[Path]:
    skip = {MANIFEST_FILE, SIGNATURE_FILE}
    return sorted(p for p in folder.rglob("*") if p.is_file() and not (p.parent == folder and p.name in skip))


def write_signed_manifest(
    folder: str | Path,
    *,
    workspace: str | Path,
    export: str,
    audit_head: str | None,
    details: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> Manifest:
    """Hash every file under ``folder``, write ``manifest.json`` and sign it with the workspace key."""
    out = Path(folder)
    key = load_signing_key(workspace)
    pub = key.public_key()
    files = tuple(
        ManifestFile(path=p.relative_to(out).as_posix(), sha256=sha256_file(p), size=p.stat().st_size)
        for p in _payload_files(out)
    )
    manifest = Manifest(
        export=export,
        created_at=now or datetime.now(UTC),
        audit_head=audit_head,
        public_key_fingerprint=fingerprint(pub),
        public_key_pem=public_key_pem(pub).decode("ascii"),
        details=details or {},
        files=files,
    )
    data = (json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n").encode()
    (out / MANIFEST_FILE).write_bytes(data)
    (out / SIGNATURE_FILE).write_bytes(base64.b64encode(key.sign(data)) + b"\n")
    return manifest


def _safe_rel(rel: str) -> bool:
    p = PurePosixPath(rel)
    return not p.is_absolute() and ".." not in p.parts and rel != ""


def verify_export(folder: str | Path, public_key: str | Path | None = None) -> ExportCheck:
    """Check the signature of ``manifest.json`` and every file it lists (and none it does not).

    Without ``public_key`` the key embedded in the manifest is used, which proves integrity
    but not authorship: compare ``key_fingerprint`` with the one the publisher announced.
    """
    root = Path(folder)
    mpath, spath = root / MANIFEST_FILE, root / SIGNATURE_FILE
    if not root.is_dir():
        raise InputError("not a folder", path=root)
    if not mpath.exists():
        raise InputError("no manifest.json here: not a Tawthiq export", path=root)
    data = mpath.read_bytes()
    try:
        manifest = Manifest.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(first["msg"], path=mpath, field=".".join(map(str, first["loc"]))) from None
    problems: list[str] = []
    if public_key is not None:
        key, source = load_public_key(public_key), "given"
    else:
        key, source = load_public_key(manifest.public_key_pem.encode()), "embedded"
    fp = fingerprint(key)
    sig_ok = False
    if not spath.exists():
        problems.append(f"{SIGNATURE_FILE}: missing")
    else:
        try:
            sig = base64.b64decode(spath.read_bytes().strip(), validate=True)
        except (binascii.Error, ValueError):
            sig = b""
        sig_ok = verify_bytes(key, sig, data)
        if not sig_ok:
            problems.append(f"{SIGNATURE_FILE}: the signature does not verify with key {fp[:16]}…")
    if source == "given" and fp != manifest.public_key_fingerprint:
        problems.append("manifest.json: names a different signing key than the one given")
    listed = set()
    for f in manifest.files:
        if not _safe_rel(f.path):
            problems.append(f"{f.path}: unsafe path in manifest")
            continue
        listed.add(f.path)
        p = root / f.path
        if not p.is_file():
            problems.append(f"{f.path}: missing")
        elif p.stat().st_size != f.size:
            problems.append(f"{f.path}: size {p.stat().st_size} != {f.size} in manifest")
        elif sha256_file(p) != f.sha256:
            problems.append(f"{f.path}: SHA-256 differs from the manifest")
    for p in _payload_files(root):
        rel = p.relative_to(root).as_posix()
        if rel not in listed:
            problems.append(f"{rel}: not listed in the manifest")
    return ExportCheck(
        ok=not problems,
        folder=str(root),
        export=manifest.export,
        created_at=manifest.created_at,
        audit_head=manifest.audit_head,
        key_fingerprint=fp,
        key_source=source,
        signature_ok=sig_ok,
        files_checked=len(manifest.files),
        problems=tuple(problems),
    )
