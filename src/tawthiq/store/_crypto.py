"""AES-256-GCM for protected fields: a value in, ciphertext bytes out, and back.

In: a 32-byte key (``TAWTHIQ_KEY`` as base64, or the workspace's ``key`` file written by
``tawthiq init`` with mode 0600). Out: :class:`Cipher`, which seals a ``str`` or
:class:`~tawthiq.entities.Protected` into bytes and opens bytes into ``Protected``.
Never: logs, prints or puts a plaintext into an exception message.

Why explicit store functions and not a SQLAlchemy TypeDecorator: the key belongs to a
workspace, not to the process, and a TypeDecorator can only reach it through a global.
Store functions take the cipher from ``session.info`` instead, so a row never holds the
plaintext and a session without a key cannot write one by accident.

Layout of a sealed value: ``b"\\x01" + nonce(12) + ciphertext+tag``; the column name is
bound in as associated data, so ciphertext moved to another column does not open.

Files (evidence originals) are sealed with :meth:`Cipher.file_aead`: Tink's streaming AEAD
(AES-256-GCM-HKDF, 1 MiB segments) under a key derived from the workspace key with HKDF, so
field ciphertext and file ciphertext never share a key; the file framing lives in
``tawthiq.evidence``.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tawthiq.entities import Protected
from tawthiq.errors import ProtectedDataError, WorkspaceError

__all__ = ["KEY_ENV", "Cipher", "load_key", "read_key_file", "write_key_file"]

KEY_ENV = "TAWTHIQ_KEY"
_VERSION = b"\x01"


class Cipher:
    """Seals and opens protected values with one AES-256-GCM key."""

    __slots__ = ("_aead", "_file_aead", "_file_key", "_index_key", "file_key_id")

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise WorkspaceError(f"the key must be 32 bytes (AES-256), got {len(key)}")
        self._aead = AESGCM(key)
        # A separate key for blind indexes (HKDF), so an index digest says nothing about the AES key.
        self._index_key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"tawthiq blind index v1"
        ).derive(key)
        # And one for evidence files (Tink derives a fresh AES-256 key per file from it, by HKDF).
        self._file_key = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"tawthiq evidence files v1"
        ).derive(key)
        self._file_aead = None
        # 8 bytes that name the file key (HMAC of a constant): tells "another key" from "altered".
        # A key check value: it reveals nothing usable about the key (a truncated HMAC-SHA256).
        # Computed once: the evidence check reads it several times per file.
        mac = hmac.HMAC(self._file_key, hashes.SHA256())
        mac.update(b"tawthiq evidence key id")
        self.file_key_id: bytes = mac.finalize()[:8]

    def file_aead(self):  # -> tink.streaming_aead.StreamingAead (tink imported lazily: ~0.1 s)
        """Tink streaming AEAD for files: AES-256-GCM, per-file key by HKDF-SHA256 from a random
        salt, 1 MiB segments each with its own nonce and a last-segment flag (truncation fails).

        Tink is Google's library for exactly this (the ``AES256_GCM_HKDF_1MB`` template); the
        keyset is built from our derived key rather than generated, so the workspace key stays the
        only secret to back up.
        """
        if self._file_aead is None:
            from tink import cleartext_keyset_handle, streaming_aead
            from tink.proto import aes_gcm_hkdf_streaming_pb2 as pb
            from tink.proto import common_pb2, tink_pb2

            streaming_aead.register()
            key = pb.AesGcmHkdfStreamingKey(
                version=0,
                key_value=self._file_key,
                params=pb.AesGcmHkdfStreamingParams(
                    ciphertext_segment_size=1 << 20, derived_key_size=32, hkdf_hash_type=common_pb2.SHA256
                ),
            )
            keyset = tink_pb2.Keyset(
                primary_key_id=1,
                key=[
                    tink_pb2.Keyset.Key(
                        key_data=tink_pb2.KeyData(
                            type_url="type.googleapis.com/google.crypto.tink.AesGcmHkdfStreamingKey",
                            value=key.SerializeToString(),
                            key_material_type=tink_pb2.KeyData.SYMMETRIC,
                        ),
                        status=tink_pb2.ENABLED,
                        key_id=1,
                        output_prefix_type=tink_pb2.RAW,
                    )
                ],
            )
            handle = cleartext_keyset_handle.from_keyset(keyset)
            self._file_aead = handle.primitive(streaming_aead.StreamingAead)
        return self._file_aead

    def blind_index(self, value: str | Protected, *, column: str) -> str:
        """HMAC-SHA256 of a normalised protected value: equal values match, nothing is revealed.

        Used to find the source a chat sender belongs to without comparing identities in clear.
        """
        text = value.reveal() if isinstance(value, Protected) else value
        norm = " ".join(text.casefold().split())
        mac = hmac.HMAC(self._index_key, hashes.SHA256())
        mac.update(column.encode() + b"\x00" + norm.encode("utf-8"))
        return mac.finalize().hex()

    def __repr__(self) -> str:
        return "Cipher(‹key›)"

    def seal(self, value: str | Protected | None, *, column: str) -> bytes | None:
        if value is None:
            return None
        text = value.reveal() if isinstance(value, Protected) else value
        nonce = os.urandom(12)
        return _VERSION + nonce + self._aead.encrypt(nonce, text.encode("utf-8"), column.encode())

    def open(self, blob: bytes | None, *, column: str) -> Protected | None:
        if blob is None:
            return None
        if blob[:1] != _VERSION or len(blob) < 13 + 16:
            raise ProtectedDataError(f"column {column}: not a sealed value (unknown format)")
        try:
            plain = self._aead.decrypt(blob[1:13], blob[13:], column.encode())
        except InvalidTag:
            raise ProtectedDataError(
                f"column {column}: the key does not open this value (wrong key or altered data)"
            ) from None
        return Protected(plain.decode("utf-8"))


def load_key(key_file: Path | None) -> bytes | None:
    """The key from ``TAWTHIQ_KEY`` (base64) if set, else from ``key_file``, else None."""
    env = os.environ.get(KEY_ENV)
    if env:
        try:
            key = base64.b64decode(env.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise WorkspaceError(f"{KEY_ENV} is not valid base64") from None
        if len(key) != 32:
            raise WorkspaceError(f"{KEY_ENV} must decode to 32 bytes, got {len(key)}")
        return key
    if key_file is not None and key_file.exists():
        return read_key_file(key_file)
    return None


def read_key_file(key_file: Path) -> bytes:
    """The key in ``key_file`` itself, whatever ``TAWTHIQ_KEY`` says.

    For a key named on purpose (``import-dump --source-key``): the environment variable is this
    workspace's key, and letting it win would open the dump with the wrong key.
    """
    try:
        key = base64.b64decode(key_file.read_bytes().strip(), validate=True)
    except (binascii.Error, ValueError):
        raise WorkspaceError(f"{key_file}: the key file is not valid base64") from None
    if len(key) != 32:
        raise WorkspaceError(f"{key_file}: the key must decode to 32 bytes, got {len(key)}")
    return key


def write_key_file(path: Path) -> None:
    """Create a new random key file readable by its owner only (0600, never wider)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, base64.b64encode(AESGCM.generate_key(bit_length=256)) + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(path, 0o600)
