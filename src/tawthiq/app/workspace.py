"""Use case of a workspace itself: create one, ready for every command.

In: a folder and optionally a database URL. Out: the new workspace's signing key and policy
files. Never: prints (``on_created`` hears the workspace once its database and key exist).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tawthiq.store import Workspace

__all__ = ["create_workspace"]


def create_workspace(
    path: Path, db: str | None = None, *, on_created: Callable[[Workspace], None] | None = None
) -> tuple[Path, Path]:
    """Create a workspace in ``path``: folder, database, key file (0600) and evidence store
    (``store.init_workspace``), then its export signing key (``evidence.ensure_signing_key``,
    issue 9) and the default redaction policy (``policy.write_default_policy``). Returns the
    public signing key's path and the policy file's."""
    from tawthiq.evidence import ensure_signing_key
    from tawthiq.policy import write_default_policy
    from tawthiq.store import init_workspace

    with init_workspace(path, db=db) as ws:
        if on_created is not None:
            on_created(ws)
        return ensure_signing_key(ws.path), write_default_policy(ws.path)
