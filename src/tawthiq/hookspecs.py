"""The plugin hooks: what a package can add to Tawthiq without editing it (docs/plugins.md).

In: nothing (the hook specifications and the pluggy markers). Out: :data:`hookspec`,
:data:`hookimpl`, the hook functions below and :class:`Exporter`, the value an export format is
(here, below the stages, so a stage can add a format of its own: the people stage's ``pfif``).
Never: imports a stage at run time (the other types named in the hooks are for the type checker
only), so any layer may import this module.

A plugin is a module or object with ``@hookimpl`` functions named like the specs, registered
through the ``tawthiq`` setuptools entry-point group (or, for the built-ins, in
:data:`tawthiq.plugins.DEFAULT_PLUGINS`, as datasette does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from tawthiq.export import ExportContext
    from tawthiq.ingest import Reader

__all__ = ["Exporter", "hookimpl", "hookspec", "tawthiq_exporters", "tawthiq_ingest_readers"]

hookspec = pluggy.HookspecMarker("tawthiq")
hookimpl = pluggy.HookimplMarker("tawthiq")


@dataclass(frozen=True)
class Exporter:
    """One export format: ``write(context, folder)`` fills the folder and returns manifest details.

    ``public`` formats apply the redaction policy; the private ``dump`` does not. ``incidents``
    formats write one row per incident, so they report what the policy withheld and may be
    written ``--internal``; PFIF (missing persons) and the dump do not.
    (Imported by plugins as ``tawthiq.export.Exporter``.)
    """

    name: str
    description: str
    public: bool
    write: Callable[[ExportContext, Path], dict[str, Any]]
    incidents: bool = True


# A hook specification's body is never run (pluggy calls the plugins' implementations): no return.
@hookspec
def tawthiq_ingest_readers() -> list[Reader]:  # type: ignore[empty-body]
    """Return the readers this plugin adds (see ``tawthiq.ingest.Reader``): each says which files
    it accepts and turns their bytes into report drafts; the lowest ``priority`` is asked first."""


@hookspec
def tawthiq_exporters() -> list[Exporter]:  # type: ignore[empty-body]
    """Return the export formats this plugin adds (see ``tawthiq.export.Exporter``). A plugin
    never replaces a built-in format of the same name."""
