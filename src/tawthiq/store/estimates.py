"""Saved estimates: each `tawthiq estimate` on a workspace, one JSON file under ``<workspace>/estimates/``.

In: the workspace folder and a JSON-ready record (the estimates, where they came from, the settings).
Out: the files, newest first, as dicts, each with its ``file`` name. Never: half-written (written to a
temporary file in the same folder, then renamed into place); never a database row: an estimate is output
that can be recomputed from the lists, the settings and the seed it records, not evidence.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from tawthiq.errors import StoreError

__all__ = ["ESTIMATES_DIR", "latest_estimates", "save_estimate"]

ESTIMATES_DIR = "estimates"


def save_estimate(workspace_path: Path, record: dict[str, Any], now: datetime) -> Path:
    """Write ``record`` (with ``saved_at`` = ``now``) as a new file; return its path."""
    folder = Path(workspace_path) / ESTIMATES_DIR
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot save the estimate in {folder}: {exc.strerror}") from exc
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{stamp}.json"
    n = 1
    while path.exists():  # two saves in one microsecond: never overwrite
        path, n = folder / f"{stamp}-{n}.json", n + 1
    body = json.dumps({"saved_at": now.isoformat(), **record}, ensure_ascii=False, indent=1)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".saving-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(body)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StoreError(f"cannot save the estimate as {path}: {exc.strerror}") from exc
    return path


def latest_estimates(workspace_path: Path, limit: int = 20) -> list[dict[str, Any]]:
    """The ``limit`` newest saved estimates, newest first. A file that cannot be read is listed with
    ``error`` (and its name) instead of being skipped in silence."""
    folder = Path(workspace_path) / ESTIMATES_DIR
    if not folder.is_dir():
        return []
    files = sorted((p for p in folder.glob("*.json") if not p.name.startswith(".")), reverse=True)
    out: list[dict[str, Any]] = []
    for p in files[:limit]:
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("estimates"), list):
                raise ValueError("not a saved estimate (no 'estimates' list)")
        except (OSError, ValueError) as exc:
            out.append({"file": p.name, "error": f"{p.name}: {exc}"})
            continue
        out.append({**data, "file": p.name})
    return out
