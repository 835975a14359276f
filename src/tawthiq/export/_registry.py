"""The exporter registry: every format, built-in or third-party, is a pluggy plugin.

In: plugins implementing the ``tawthiq_exporters`` hook (built-ins from ``_builtin``, others
from the ``tawthiq`` setuptools entry-point group). Out: :func:`exporters` (name -> Exporter).
Never: runs an exporter; the CLI picks one and calls it.

Why pluggy over a plain dict: STYLE.md asks that exporters plug in like datasette's
(``hookspecs.py`` + ``DEFAULT_PLUGINS``), so a team can ship a format (say, a court's own CSV)
as a package with an entry point, without editing Tawthiq; built-ins go through the same door.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pluggy

from ._context import ExportContext

__all__ = ["Exporter", "exporters", "hookimpl", "hookspec", "plugin_manager"]

hookspec = pluggy.HookspecMarker("tawthiq")
hookimpl = pluggy.HookimplMarker("tawthiq")


@dataclass(frozen=True)
class Exporter:
    """One export format: ``write(context, folder)`` fills the folder and returns manifest details.

    ``public`` formats apply the redaction policy; the private ``dump`` does not.
    """

    name: str
    description: str
    public: bool
    write: Callable[[ExportContext, Path], dict[str, Any]]


class ExporterSpec:
    @hookspec
    def tawthiq_exporters(self) -> list[Exporter]:
        """Return the exporters this plugin provides."""


_PM: pluggy.PluginManager | None = None


def plugin_manager() -> pluggy.PluginManager:
    """The one plugin manager for exporters (built-ins registered, entry points loaded)."""
    global _PM
    if _PM is None:
        from . import _builtin

        pm = pluggy.PluginManager("tawthiq")
        pm.add_hookspecs(ExporterSpec)
        pm.register(_builtin, name="tawthiq.export.builtin")
        pm.load_setuptools_entrypoints("tawthiq")
        _PM = pm
    return _PM


def exporters() -> dict[str, Exporter]:
    """Every registered exporter by name; a plugin may not replace a built-in silently."""
    out: dict[str, Exporter] = {}
    for batch in reversed(plugin_manager().hook.tawthiq_exporters()):
        for exp in batch:
            out.setdefault(exp.name, exp)
    return out
