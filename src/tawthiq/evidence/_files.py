"""The evidence store on disk: original bytes in, a content-addressed, read-only file out.

In: bytes (or a file streamed from disk) and the workspace's ``evidence/`` folder.
Out: ``evidence/ab/cdef…`` named by the SHA-256 of the content, written atomically
(temporary file in the same folder, fsync, rename, fsync of the folder) and then made
read-only (0444); :func:`verify_file` re-hashes a stored file.
Never: overwrites or edits a stored file (same content = same name = nothing to do), and
never touches the database: the ``evidence`` row is written by ``store.add_evidence``.

Hand-written rather than a library because it is the four POSIX steps of an atomic write
(``os.replace`` is the library); a crash between them leaves at most a ``.tmp-*`` file,
which :func:`store_bytes` ignores and a later write of the same content replaces.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from tawthiq.errors import StoreError

__all__ = ["evidence_path", "read_evidence", "sha256_file", "store_bytes", "verify_file"]

_CHUNK = 1 << 20


def evidence_path(evidence_dir: Path, sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise StoreError(f"not a SHA-256 hex digest: {sha256[:80]!r}")
    return evidence_dir / sha256[:2] / sha256[2:]


def sha256_file(path: Path) -> tuple[str, int]:
    """(hex digest, size) of a file, read in 1 MiB chunks (a 50 MB file never sits in memory)."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def store_bytes(evidence_dir: Path, data: bytes) -> tuple[str, Path, bool]:
    """Store ``data``; returns (sha256, path, created). Idempotent for the same content."""
    sha = hashlib.sha256(data).hexdigest()
    target = evidence_path(evidence_dir, sha)
    if target.exists():
        return sha, target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o444)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)
    return sha, target, True


def read_evidence(evidence_dir: Path, sha256: str) -> bytes:
    path = evidence_path(evidence_dir, sha256)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"evidence {sha256}: file missing from the evidence store ({path})") from None


def verify_file(evidence_dir: Path, sha256: str) -> bool:
    """True when the stored file exists and its content still hashes to its name."""
    path = evidence_path(evidence_dir, sha256)
    return path.is_file() and sha256_file(path)[0] == sha256
