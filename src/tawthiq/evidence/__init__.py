"""evidence: immutable originals (content-addressed by SHA-256), custody and signed exports.

In: bytes and a workspace's ``evidence/`` folder. Out: stored, read-only files named by their
hash. Never: writes the database itself (``store.add_evidence`` records a file's row and its
audit event). Signing, dossiers and ``evidence verify`` are added here by the evidence stage.
"""

from tawthiq.evidence._files import evidence_path, read_evidence, sha256_file, store_bytes, verify_file

__all__ = ["evidence_path", "read_evidence", "sha256_file", "store_bytes", "verify_file"]
