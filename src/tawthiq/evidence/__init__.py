"""evidence: immutable originals (content-addressed by SHA-256), custody and signed exports.

In: bytes, a workspace's ``evidence/`` folder and its cipher; entities loaded by ``store``.
Out: stored, read-only files named by the hash of the original, sealed with the workspace key
(:func:`store_bytes`, :func:`store_file`; read back with :func:`iter_evidence`,
:func:`read_evidence`, :func:`copy_evidence`; clear files from before sealing are read and
:func:`seal_file` seals them); :func:`verify_store` (open and re-hash everything);
the workspace's Ed25519 key (:func:`ensure_signing_key`, created by ``tawthiq init``);
signed export manifests (:func:`write_signed_manifest`, :func:`verify_export`); incident
dossiers (:func:`build_dossier`, :func:`render_dossier`).
Never: writes the database itself (``store.add_evidence`` and ``store.custody`` record rows
and custody events).
"""

from tawthiq.evidence._dossier import build_dossier, render_dossier
from tawthiq.evidence._files import (
    MAGIC,
    copy_evidence,
    evidence_path,
    file_state,
    iter_evidence,
    read_evidence,
    reseal_file,
    seal_file,
    sha256_file,
    store_bytes,
    store_file,
    verify_file,
)
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
from tawthiq.evidence._verify import EvidenceCheck, FileProblem, stored_files, verify_store

__all__ = [
    "MAGIC",
    "MANIFEST_FILE",
    "PRIVATE_KEY_FILE",
    "PUBLIC_KEY_FILE",
    "SIGNATURE_FILE",
    "EvidenceCheck",
    "ExportCheck",
    "FileProblem",
    "Manifest",
    "build_dossier",
    "copy_evidence",
    "ensure_signing_key",
    "evidence_path",
    "file_state",
    "fingerprint",
    "iter_evidence",
    "load_public_key",
    "load_signing_key",
    "public_key_pem",
    "read_evidence",
    "render_dossier",
    "reseal_file",
    "seal_file",
    "sha256_file",
    "store_bytes",
    "store_file",
    "stored_files",
    "verify_export",
    "verify_file",
    "verify_store",
    "write_signed_manifest",
]
