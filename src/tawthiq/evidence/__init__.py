"""evidence: immutable originals (content-addressed by SHA-256), custody and signed exports.

In: bytes and a workspace's ``evidence/`` folder; entities loaded by ``store``.
Out: stored, read-only files named by their hash; :func:`verify_store` (re-hash everything);
the workspace's Ed25519 key (:func:`ensure_signing_key`, created by ``tawthiq init``);
signed export manifests (:func:`write_signed_manifest`, :func:`verify_export`); incident
dossiers (:func:`build_dossier`, :func:`render_dossier`).
Never: writes the database itself (``store.add_evidence`` and ``store.custody`` record rows
and custody events).
"""

from tawthiq.evidence._dossier import build_dossier, render_dossier
from tawthiq.evidence._files import evidence_path, read_evidence, sha256_file, store_bytes, verify_file
from tawthiq.evidence._manifest import (
    MANIFEST_FILE,
    SIGNATURE_FILE,
    ExportCheck,
    Manifest,
    verify_export,
    write_signed_manifest,
)
from tawthiq.evidence._signing import (
    PRIVATE_KEY_FILE,
    PUBLIC_KEY_FILE,
    ensure_signing_key,
    fingerprint,
    load_public_key,
    load_signing_key,
    public_key_pem,
)
from tawthiq.evidence._verify import EvidenceCheck, FileProblem, verify_store

__all__ = [
    "MANIFEST_FILE",
    "PRIVATE_KEY_FILE",
    "PUBLIC_KEY_FILE",
    "SIGNATURE_FILE",
    "EvidenceCheck",
    "ExportCheck",
    "FileProblem",
    "Manifest",
    "build_dossier",
    "ensure_signing_key",
    "evidence_path",
    "fingerprint",
    "load_public_key",
    "load_signing_key",
    "public_key_pem",
    "read_evidence",
    "render_dossier",
    "sha256_file",
    "store_bytes",
    "verify_export",
    "verify_file",
    "verify_store",
    "write_signed_manifest",
]
