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

from tawthiq.hookspecs import Exporter, hookimpl, hookspec
from tawthiq.plugins import plugin_manager

__all__ = ["Exporter", "exporters", "hookimpl", "hookspec", "plugin_manager"]


def exporters() -> dict[str, Exporter]:
    """Every registered exporter by name; a plugin may not replace a built-in silently."""
    out: dict[str, Exporter] = {}
    for batch in reversed(plugin_manager().hook.tawthiq_exporters()):
        for exp in batch:
            out.setdefault(exp.name, exp)
    return out
