"""An example Tawthiq plugin (docs/plugins.md): one reader and one exporter, through the hooks.

A real plugin ships as a package whose ``pyproject.toml`` names this module in the ``tawthiq``
entry-point group::

    [project.entry-points.tawthiq]
    field_notes = "tawthiq_field_notes.plugin"
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tawthiq.export import Exporter
from tawthiq.hookspecs import hookimpl
from tawthiq.ingest import Draft, ReadContext, Reader


def _accepts(path: Path, head: bytes) -> bool:
    return path.suffix == ".fieldnote"


def _read(ctx: ReadContext) -> list[Draft]:
    title, _, body = ctx.data.decode("utf-8").partition("\n")
    return [Draft(body=body.strip(), title=title.strip(), language="en")]


FIELD_NOTES = Reader("fieldnote", "file", "text/plain", _accepts, _read, priority=10)


def _write_counts(ctx: Any, folder: Path) -> dict[str, Any]:
    (folder / "counts.json").write_text(json.dumps({"incidents": len(ctx.incidents)}), "utf-8")
    return {"incidents": len(ctx.incidents)}


COUNTS = Exporter("counts", "number of incidents, as JSON", True, _write_counts)


@hookimpl
def tawthiq_ingest_readers() -> list[Reader]:
    return [FIELD_NOTES]


@hookimpl
def tawthiq_exporters() -> list[Exporter]:
    return [COUNTS, Exporter("acled", "a plugin may not replace a built-in", True, _write_counts)]
