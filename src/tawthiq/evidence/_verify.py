"""``evidence verify``: re-hash every file in the evidence store against its name and the database.

In: the workspace's ``evidence/`` folder and the SHA-256s the database knows (originals and
derived files). Out: :class:`EvidenceCheck`, with one :class:`FileProblem` per file that is
missing, altered (its bytes no longer hash to its name) or unregistered (no row names it).
Never: repairs, moves or deletes a file; touches the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ._files import evidence_path, sha256_file

__all__ = ["EvidenceCheck", "FileProblem", "verify_store"]


class FileProblem(BaseModel):
    model_config = ConfigDict(frozen=True)
    sha256: str
    problem: Literal["missing", "altered", "unregistered"]
    path: str
    actual_sha256: str | None = None


class EvidenceCheck(BaseModel):
    """``ok`` is False when a registered file is missing or altered; unregistered files only warn."""

    model_config = ConfigDict(frozen=True)
    ok: bool
    checked: int
    bytes: int
    problems: tuple[FileProblem, ...] = ()


def _stored(evidence_dir: Path) -> dict[str, Path]:
    out = {}
    if not evidence_dir.is_dir():
        return out
    for sub in evidence_dir.iterdir():
        if not (sub.is_dir() and len(sub.name) == 2):
            continue
        for f in sub.iterdir():
            if f.is_file() and not f.name.startswith(".tmp-"):
                out[sub.name + f.name] = f
    return out


def verify_store(evidence_dir: Path, registered: Iterable[str]) -> EvidenceCheck:
    """Hash every stored file once; compare with its name; report registered ones not on disk."""
    known = set(registered)
    on_disk = _stored(evidence_dir)
    problems: list[FileProblem] = []
    total = 0
    for sha, path in sorted(on_disk.items()):
        actual, size = sha256_file(path)
        total += size
        if actual != sha:
            problems.append(FileProblem(sha256=sha, problem="altered", path=str(path), actual_sha256=actual))
        elif sha not in known:
            problems.append(FileProblem(sha256=sha, problem="unregistered", path=str(path)))
    for sha in sorted(known - set(on_disk)):
        path = evidence_path(evidence_dir, sha)
        problems.append(FileProblem(sha256=sha, problem="missing", path=str(path)))
    ok = not any(p.problem in ("missing", "altered") for p in problems)
    return EvidenceCheck(ok=ok, checked=len(on_disk), bytes=total, problems=tuple(problems))
