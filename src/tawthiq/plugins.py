"""The one plugin manager: the hooks of :mod:`tawthiq.hookspecs`, the built-ins, installed plugins.

In: :data:`DEFAULT_PLUGINS` (the built-in readers and exporters, registered through the same
hooks a third-party plugin uses; a stage may add its own, as ``people`` adds ``pfif``) and
every installed package with a ``tawthiq`` entry point.
Out: :func:`plugin_manager`, the ``pluggy.PluginManager`` named "tawthiq", built once.
Never: calls a hook itself (``ingest.readers()`` and ``export.exporters()`` do).

The built-ins are named as module paths and imported when the manager is first asked for, as in
datasette's ``DEFAULT_PLUGINS`` (``datasette/plugins.py``): no stage imports this module at
import time, so the stages stay below it.
"""

from __future__ import annotations

import importlib
from functools import cache

import pluggy

from tawthiq import hookspecs

__all__ = ["DEFAULT_PLUGINS", "plugin_manager"]

DEFAULT_PLUGINS = (
    "tawthiq.ingest._plugins",  # text, HTML, e-mail, chat export, JSON lines readers
    # the export formats, in the order `exporters()` lists them (an unknown format's message)
    "tawthiq.export._builtin",  # acled, ged, geojson, hxl
    "tawthiq.people._pfif_export",  # pfif: the people stage's PFIF 1.4 writer
    "tawthiq.export._dump",  # dump, the private backup
)


@cache
def plugin_manager() -> pluggy.PluginManager:
    """The plugin manager: hookspecs added, built-ins registered, entry points loaded (once)."""
    pm = pluggy.PluginManager("tawthiq")
    pm.add_hookspecs(hookspecs)
    for name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    pm.load_setuptools_entrypoints("tawthiq")
    return pm
