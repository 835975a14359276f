"""The demo: build a workspace from the bundled corpus, step by step, and summarise it.

In: a folder (recreated) and a ``log`` callable for progress. Out: a summary dict (what each
step did). Never: touches anything outside that folder; never downloads anything.

``STEPS`` holds the steps every demo starts with (ingest); ``tawthiq demo`` runs them and the
later stages' steps (``tawthiq.cli._demo.DEMO_STEPS``: extract → corroborate → people →
estimate → web user), each a function taking the :class:`DemoContext` and returning a dict
that is merged into the summary::

    run_demo(path, steps=(*STEPS, Step("extract", lambda ctx: {"claims": run_extract(ctx.workspace)})))

Nothing is appended to a module-level list: what runs is what the caller passes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tawthiq.errors import WorkspaceError
from tawthiq.store import Workspace, count_reports, init_workspace, verify_chain
from tawthiq.store.workspace import MARKER

__all__ = ["CORPUS", "LISTS", "STEPS", "DemoContext", "Step", "corpus_files", "run_demo"]

CORPUS = Path(__file__).resolve().parent / "corpus"
LISTS = Path(__file__).resolve().parent / "lists"  # invented victim and missing lists (see lists/README)
_SUFFIXES = {".txt", ".html", ".eml", ".jsonl"}


@dataclass
class DemoContext:
    path: Path
    workspace: Workspace
    log: Callable[[str], None]
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[DemoContext], dict[str, Any]]


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in _SUFFIXES)


def _ingest(ctx: DemoContext) -> dict[str, Any]:
    from tawthiq.ingest import IngestOptions, ingest_paths

    files = corpus_files()
    ctx.log(f"ingesting {len(files)} demo files …")
    outcomes = ingest_paths(ctx.workspace, files, IngestOptions(from_header=True, actor="demo"))
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        raise WorkspaceError(f"demo corpus file failed to ingest: {failed[0].reason}")
    with ctx.workspace.session() as s:
        counts = count_reports(s)
    return {
        "files": len(files),
        "reports": counts.get("stored", 0),
        "failed intakes": counts.get("failed", 0),
    }


def _audit(ctx: DemoContext) -> dict[str, Any]:
    with ctx.workspace.session() as s:
        check = verify_chain(s)
    return {"audit events": check.events, "audit chain": "intact" if check.ok else f"BROKEN: {check.reason}"}


STEPS: tuple[Step, ...] = (Step("ingest", _ingest),)
# the audit check runs last whatever is appended: see run_demo
_FINAL: tuple[Step, ...] = (Step("audit", _audit),)


def run_demo(
    path: Path | str = "demo-workspace",
    log: Callable[[str], None] = lambda _m: None,
    steps: Sequence[Step] = STEPS,
) -> dict:
    """Recreate ``path`` as a workspace, run ``steps`` (then the audit check), return the summary."""
    folder = Path(path).expanduser().resolve()
    if folder.exists():
        if not (folder / MARKER).is_file() and any(folder.iterdir()):
            raise WorkspaceError(f"{folder}: exists and is not a Tawthiq workspace; not deleting it")
        shutil.rmtree(folder)
    with init_workspace(folder) as ws:
        ctx = DemoContext(path=folder, workspace=ws, log=log, summary={"workspace": str(folder)})
        for step in [*steps, *_FINAL]:
            log(f"demo step: {step.name}")
            ctx.summary.update(step.run(ctx))
    return ctx.summary
