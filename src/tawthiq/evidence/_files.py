"""The evidence store on disk: original bytes in, a content-addressed, sealed, read-only file out.

In: bytes (or a file streamed from disk), the workspace's ``evidence/`` folder and its
:class:`~tawthiq.store.Cipher`. Out: ``evidence/ab/cdef…`` named by the SHA-256 of the
*original* content, holding it sealed (see below), written atomically (temporary file in the
same folder, fsync, rename, fsync of the folder) and then made read-only (0444). Reading
(:func:`iter_evidence`, :func:`read_evidence`, :func:`copy_evidence`) opens, authenticates and
re-hashes against the name; a file in clear from before sealing existed is still read.
Never: overwrites a sealed file (same content = same name = nothing to do; :func:`seal_file`
replaces a *clear* file by its sealed form, once); touches the database (the ``evidence`` row
is written by ``store.add_evidence``); holds a whole file in memory to seal or open it.

Layout of a sealed file::

    MAGIC (16 bytes) | key id (8 bytes) | Tink streaming AEAD ciphertext

The ciphertext is Tink's AES-256-GCM-HKDF stream with 1 MiB segments (``Cipher.file_aead``):
a per-file key from a random salt, a nonce per segment and a last-segment flag, so a flipped
byte, a cut-off tail or a swapped segment fails to open. The associated data binds MAGIC, the
key id and the original's SHA-256: a sealed file copied under another name does not open.
The key id (a truncated HMAC) only tells "sealed with another key" apart from "altered".

Why the name stays the plain SHA-256 (and not a keyed digest): a hash confirms a guessed file,
but the same hash is in the database (reports, evidence, custody events) and in every signed
manifest that names an original, all of which sit in the same workspace folder; a keyed file
name would hide nothing from whoever copies the folder, and would break the one identity
that custody, claims and exports share.

Hand-written only for the framing (magic, key id, associated data) and the four POSIX steps of
an atomic write (``os.replace`` is the library); the cryptography is Tink's. A crash leaves at
most a ``.tmp-*`` file, which every reader ignores and a later write of the same content
replaces.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tawthiq.errors import ProtectedDataError, StoreError

if TYPE_CHECKING:
    from tawthiq.store import Cipher

__all__ = [
    "MAGIC",
    "copy_evidence",
    "evidence_path",
    "file_state",
    "iter_evidence",
    "read_evidence",
    "reseal_file",
    "seal_file",
    "sha256_file",
    "store_bytes",
    "store_file",
    "verify_file",
]

MAGIC = b"\x89TAWTHIQ-SEAL1\n\x00"  # 16 bytes; \x89 and \x00: no text file starts like this
_KID = 8
_HEAD = len(MAGIC) + _KID
_CHUNK = 1 << 20


def evidence_path(evidence_dir: Path, sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise StoreError(f"not a SHA-256 hex digest: {sha256[:80]!r}")
    return evidence_dir / sha256[:2] / sha256[2:]


def sha256_file(path: Path) -> tuple[str, int]:
    """(hex digest, size) of a file, read in 1 MiB chunks (a 50 MB file never sits in memory)."""
    h = hashlib.sha256()
    size = 0
    for chunk in _file_chunks(path):
        h.update(chunk)
        size += len(chunk)
    return h.hexdigest(), size


def _no_key(path: Path) -> ProtectedDataError:
    return ProtectedDataError(
        f"{path}: the original is sealed and there is no key: set TAWTHIQ_KEY or restore the "
        "workspace's key file"
    )


def _need_cipher(cipher: Cipher | None, what: str) -> Cipher:
    if cipher is None:
        raise ProtectedDataError(
            "no key: originals are stored sealed; set TAWTHIQ_KEY or restore the workspace's key "
            f"file to {what}"
        )
    return cipher


def _associated(key_id: bytes, sha256: str) -> bytes:
    return MAGIC + key_id + bytes.fromhex(sha256)


def _fsync_path(path: str | Path) -> None:
    """fsync a file or a folder through a new read-only descriptor.

    Tink's encrypting stream closes the file it writes to, and a folder has no open file;
    fsync applies to the file, not to the descriptor.
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _seal_to(tmp: str, chunks: Iterable[bytes], sha256: str, cipher: Cipher) -> int:
    """Seal ``chunks`` into the file ``tmp``; check they hash to ``sha256``; return their size."""
    h = hashlib.sha256()
    size = 0
    kid = cipher.file_key_id
    with open(tmp, "wb") as raw:
        raw.write(MAGIC + kid)
        with cipher.file_aead().new_encrypting_stream(raw, _associated(kid, sha256)) as enc:
            for chunk in chunks:
                h.update(chunk)
                size += len(chunk)
                enc.write(chunk)
    if h.hexdigest() != sha256:
        raise StoreError(f"content changed while it was being stored (expected SHA-256 {sha256})")
    _fsync_path(tmp)
    return size


def _put(evidence_dir: Path, sha256: str, chunks: Iterable[bytes], cipher: Cipher, *, replace: bool) -> Path:
    target = evidence_path(evidence_dir, sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    os.close(fd)
    try:
        _seal_to(tmp, chunks, sha256, cipher)
        os.chmod(tmp, 0o444)
        if not replace and target.exists():  # stored meanwhile by another process: same content
            Path(tmp).unlink()
        else:
            os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_path(target.parent)
    return target


def _chunks_of(data: bytes) -> Iterator[bytes]:
    view = memoryview(data)
    for i in range(0, len(view), _CHUNK):
        yield bytes(view[i : i + _CHUNK])


def _file_chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            yield chunk


def store_bytes(evidence_dir: Path, data: bytes, cipher: Cipher | None) -> tuple[str, Path, bool]:
    """Store ``data`` sealed; returns (sha256, path, created). Idempotent for the same content.

    Raises ProtectedDataError without a key, before anything is written.
    """
    cipher = _need_cipher(cipher, "store originals")
    sha = hashlib.sha256(data).hexdigest()
    target = evidence_path(evidence_dir, sha)
    if target.exists():
        return sha, target, False
    return sha, _put(evidence_dir, sha, _chunks_of(data), cipher, replace=False), True


def store_file(evidence_dir: Path, path: Path, cipher: Cipher | None) -> tuple[str, int, Path, bool]:
    """Store a file from disk sealed, streamed (two passes: hash, then seal and re-hash).

    Returns (sha256, size, path, created).
    """
    cipher = _need_cipher(cipher, "store originals")
    sha, size = sha256_file(path)
    target = evidence_path(evidence_dir, sha)
    if target.exists():
        return sha, size, target, False
    return sha, size, _put(evidence_dir, sha, _file_chunks(path), cipher, replace=False), True


def _head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(_HEAD)


def file_state(path: Path, sha256: str, cipher: Cipher | None) -> str:
    """``sealed`` (our magic and this key), ``clear`` (an original from before sealing) or
    ``other-key`` (sealed with a key that is not this workspace's, or no key to tell).

    A clear original that happens to begin with the magic is recognised by its bytes hashing to
    its name (hashed only in that rare case).
    """
    head = _head(path)
    if not head.startswith(MAGIC):
        return "clear"
    if cipher is not None and hmac.compare_digest(head[len(MAGIC) :], cipher.file_key_id):
        return "sealed"
    if sha256_file(path)[0] == sha256:
        return "clear"
    return "other-key"


def iter_evidence(evidence_dir: Path, sha256: str, cipher: Cipher | None) -> Iterator[bytes]:
    """The original's bytes, in chunks of at most 1 MiB: opened, authenticated and re-hashed.

    Raises (naming the file, never its content) ``StoreError`` when it is missing, altered or
    truncated, ``ProtectedDataError`` when it is sealed and there is no key or another key.
    Consumers must discard what they got when it raises (``copy_evidence`` does).
    """
    path = evidence_path(evidence_dir, sha256)
    if not path.is_file():
        raise StoreError(f"evidence {sha256}: file missing from the evidence store ({path})")
    state = file_state(path, sha256, cipher)
    h = hashlib.sha256()
    if state == "other-key":
        if cipher is None:
            raise _no_key(path)
        raise ProtectedDataError(
            f"{path}: sealed with another key than this workspace's (wrong TAWTHIQ_KEY or key file?)"
        )
    if state == "clear":
        for chunk in _file_chunks(path):
            h.update(chunk)
            yield chunk
    else:
        from tink import TinkError

        assert cipher is not None  # "sealed" needs the key
        try:
            with open(path, "rb") as raw:  # (the decrypting stream closes it too)
                raw.seek(_HEAD)
                ad = _associated(cipher.file_key_id, sha256)
                with cipher.file_aead().new_decrypting_stream(raw, ad) as dec:
                    while chunk := dec.read(_CHUNK):
                        h.update(chunk)
                        yield chunk
        except TinkError:
            raise StoreError(
                f"{path}: does not open with this workspace's key although sealed with it: "
                "the file was altered or truncated"
            ) from None
    if h.hexdigest() != sha256:
        raise StoreError(f"{path}: altered: its content no longer hashes to its name")


def read_evidence(evidence_dir: Path, sha256: str, cipher: Cipher | None) -> bytes:
    """The whole original in memory (for small files; stream big ones with :func:`iter_evidence`)."""
    return b"".join(iter_evidence(evidence_dir, sha256, cipher))


def copy_evidence(evidence_dir: Path, sha256: str, dst: Path, cipher: Cipher | None) -> int:
    """Write the original (in clear) to ``dst``, streamed; ``dst`` appears only when complete.

    Returns the number of bytes written. On any error nothing is left at ``dst``.
    """
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=dst.parent)
    size = 0
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in iter_evidence(evidence_dir, sha256, cipher):
                fh.write(chunk)
                size += len(chunk)
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return size


def verify_file(evidence_dir: Path, sha256: str, cipher: Cipher | None) -> bool:
    """True when the stored file exists, opens (if sealed) and its content hashes to its name."""
    try:
        for _ in iter_evidence(evidence_dir, sha256, cipher):
            pass
    except (StoreError, ProtectedDataError):
        return False
    return True


def reseal_file(
    src_dir: Path, sha256: str, dst_dir: Path, src_cipher: Cipher | None, dst_cipher: Cipher | None
) -> bool:
    """Copy an original from one evidence store to another, sealed with ``dst_cipher``, streamed.

    Opened (and re-hashed) with ``src_cipher`` on the way: a dump written under another key is
    re-sealed under this workspace's, and a clear file is sealed. False if already there.
    """
    dst_cipher = _need_cipher(dst_cipher, "store originals")
    target = evidence_path(dst_dir, sha256)
    if target.exists():
        return False
    _put(dst_dir, sha256, iter_evidence(src_dir, sha256, src_cipher), dst_cipher, replace=False)
    return True


def seal_file(evidence_dir: Path, sha256: str, cipher: Cipher | None) -> bool:
    """Replace a clear original by its sealed form, atomically; False if it already was sealed.

    The clear bytes must still hash to the name (else StoreError: an altered file is reported,
    never sealed, so sealing cannot launder a change).
    """
    cipher = _need_cipher(cipher, "seal originals")
    path = evidence_path(evidence_dir, sha256)
    if not path.is_file():
        raise StoreError(f"evidence {sha256}: file missing from the evidence store ({path})")
    state = file_state(path, sha256, cipher)
    if state == "sealed":
        return False
    if state == "other-key":
        raise ProtectedDataError(f"{path}: already sealed, with another key than this workspace's")
    try:
        _put(evidence_dir, sha256, _file_chunks(path), cipher, replace=True)
    except StoreError:
        raise StoreError(f"{path}: altered: its content no longer hashes to its name; not sealed") from None
    return True
