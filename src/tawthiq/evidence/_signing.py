"""The workspace's Ed25519 signing key: created once, private file 0600, public key exportable.

In: a workspace folder. Out: the private key (to sign export manifests), the public key as
PEM, and its fingerprint (SHA-256 of the raw 32-byte public key, hex).
Never: prints, logs or exports the private key; writes it with wider permissions than 0600.
Uses ``cryptography`` (Ed25519, PEM/PKCS#8): no home-made signature scheme.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from tawthiq.errors import InputError, WorkspaceError

__all__ = [
    "PRIVATE_KEY_FILE",
    "PUBLIC_KEY_FILE",
    "ensure_signing_key",
    "fingerprint",
    "load_public_key",
    "load_signing_key",
    "public_key_pem",
    "sign_bytes",
    "verify_bytes",
]

PRIVATE_KEY_FILE = "signing_key.pem"
PUBLIC_KEY_FILE = "signing_key.pub.pem"


def ensure_signing_key(workspace: str | Path) -> Path:
    """Create the workspace's Ed25519 key pair if absent (called by ``tawthiq init``); idempotent.

    Returns the path of the public key file.
    """
    ws = Path(workspace)
    priv, pub = ws / PRIVATE_KEY_FILE, ws / PUBLIC_KEY_FILE
    if not priv.exists():
        ws.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        data = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        fd = os.open(priv, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(priv, 0o600)
        pub.write_bytes(public_key_pem(key.public_key()))
    elif not pub.exists():
        pub.write_bytes(public_key_pem(load_signing_key(ws).public_key()))
    return pub


def load_signing_key(workspace: str | Path) -> Ed25519PrivateKey:
    """The private key; a missing key file is created (lazily, for workspaces made before signing)."""
    ws = Path(workspace)
    path = ws / PRIVATE_KEY_FILE
    if not path.exists():
        ensure_signing_key(ws)
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError):
        raise WorkspaceError(f"{path}: not a PEM Ed25519 private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise WorkspaceError(f"{path}: not an Ed25519 key")
    return key


def public_key_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def load_public_key(data_or_path: bytes | str | Path) -> Ed25519PublicKey:
    """A public key from PEM bytes or a PEM file; errors name the file."""
    where = None
    if isinstance(data_or_path, (str, Path)):
        where = Path(data_or_path)
        if not where.exists():
            raise InputError("no such public key file", path=where)
        data = where.read_bytes()
    else:
        data = data_or_path
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError):
        raise InputError("not a PEM public key", path=where) from None
    if not isinstance(key, Ed25519PublicKey):
        raise InputError("not an Ed25519 public key", path=where)
    return key


def fingerprint(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def sign_bytes(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def verify_bytes(key: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True
