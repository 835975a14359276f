"""``evidence verify``: open and re-hash every file in the evidence store against its name and the database.

In: the workspace's ``evidence/`` folder, its cipher and the SHA-256s the database knows
(originals and derived files). Out: :class:`EvidenceCheck`, with one :class:`FileProblem` per
file that is missing, altered (it does not open, is cut short, or its content no longer hashes
to its name), sealed with another key, unregistered (no row names it) or still in clear (from
before originals were sealed: ``tawthiq evidence seal`` seals it).
Never: repairs, moves, seals or deletes a file; touches the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from tawthiq.errors import ProtectedDataError, StoreError

from ._files import evidence_path, file_state, iter_evidence

if TYPE_CHECKING:
    from tawthiq.store import Cipher

__all__ = ["EvidenceCheck", "FileProblem", "stored_files", "verify_store"]

_FAILS = ("missing", "altered", "other-key")


class FileProblem(BaseModel):
    model_config = ConfigDict(frozen=True)
    sha256: str
    problem: Literal["missing", "altered", "other-key", "unregistered", "clear"]
    path: str
    detail: str | None = None


class EvidenceCheck(BaseModel):
    """``ok`` is False when a registered file is missing, altered or sealed with another key;
    unregistered and clear files only warn. ``bytes`` counts the originals' (plaintext) bytes."""

    model_config = ConfigDict(frozen=True)
    ok: bool
    checked: int
    bytes: int
    sealed: int = 0
    clear: int = 0
    problems: tuple[FileProblem, ...] = ()


def stored_files(evidence_dir: Path) -> dict[str, Path]:
    """Every file of the evidence store by its name (SHA-256), leftovers ``.tmp-*`` aside."""
    out: dict[str, Path] = {}
    if not evidence_dir.is_dir():
        return out
    for sub in evidence_dir.iterdir():
        if not (sub.is_dir() and len(sub.name) == 2):
            continue
        for f in sub.iterdir():
            if f.is_file() and not f.name.startswith(".tmp-"):
                out[sub.name + f.name] = f
    return out


def verify_store(evidence_dir: Path, registered: Iterable[str], cipher: Cipher | None) -> EvidenceCheck:
    """Open and hash every stored file once; compare with its name; report registered ones not on disk.

    Raises ProtectedDataError when sealed files are found and there is no key to open them.
    """
    known = set(registered)
    on_disk = stored_files(evidence_dir)
    problems: list[FileProblem] = []
    total = sealed = clear = 0
    for sha, path in sorted(on_disk.items()):
        try:
            evidence_path(evidence_dir, sha)
            state = file_state(path, sha, cipher)
        except StoreError:  # a name that is not a SHA-256: nothing can vouch for it
            problems.append(FileProblem(sha256=sha, problem="unregistered", path=str(path)))
            continue
        if state == "other-key" and cipher is None:
            raise ProtectedDataError(
                f"{path}: the original is sealed and there is no key: set TAWTHIQ_KEY or restore "
                "the workspace's key file to verify the evidence store"
            )
        size = 0
        try:
            for chunk in iter_evidence(evidence_dir, sha, cipher):
                size += len(chunk)
        except ProtectedDataError as exc:
            problems.append(FileProblem(sha256=sha, problem="other-key", path=str(path), detail=str(exc)))
            continue
        except StoreError as exc:
            problems.append(FileProblem(sha256=sha, problem="altered", path=str(path), detail=str(exc)))
            continue
        total += size
        if state == "sealed":
            sealed += 1
        else:
            clear += 1
        if sha not in known:
            problems.append(FileProblem(sha256=sha, problem="unregistered", path=str(path)))
        if state == "clear":
            problems.append(
                FileProblem(
                    sha256=sha,
                    problem="clear",
                    path=str(path),
                    detail="stored in clear (before sealing); `tawthiq evidence seal` seals it",
                )
            )
    for sha in sorted(known - set(on_disk)):
        path = evidence_path(evidence_dir, sha)
        problems.append(FileProblem(sha256=sha, problem="missing", path=str(path)))
    ok = not any(p.problem in _FAILS for p in problems)
    return EvidenceCheck(
        ok=ok, checked=len(on_disk), bytes=total, sealed=sealed, clear=clear, problems=tuple(problems)
    )
