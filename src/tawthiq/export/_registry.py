"""The exporter registry: every format, built-in or third-party, is a pluggy plugin.

In: plugins implementing the ``tawthiq_exporters`` hook (built-ins from ``_builtin``, others
from the ``tawthiq`` setuptools entry-point group), through the one plugin manager
(:func:`tawthiq.plugins.plugin_manager`). Out: :func:`exporters` (name -> Exporter).
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

from tawthiq.hookspecs import hookimpl, hookspec
from tawthiq.plugins import plugin_manager

from ._context import ExportContext

__all__ = ["Exporter", "exporters", "hookimpl", "hookspec", "plugin_manager"]


@dataclass(frozen=True)
class Exporter:
    """One export format: ``write(context, folder)`` fills the folder and returns manifest details.

    ``public`` formats apply the redaction policy; the private ``dump`` does not. ``incidents``
    formats write one row per incident, so they report what the policy withheld and may be
    written ``--internal``; PFIF (missing persons) and the dump do not.
    """

    name: str
    description: str
    public: bool
    write: Callable[[ExportContext, Path], dict[str, Any]]
    incidents: bool = True


def exporters() -> dict[str, Exporter]:
    """Every registered exporter by name; a plugin may not replace a built-in silently."""
    out: dict[str, Exporter] = {}
    for batch in reversed(plugin_manager().hook.tawthiq_exporters()):
        for exp in batch:
            out.setdefault(exp.name, exp)
    return out
