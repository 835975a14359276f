"""The readers registry: pluggy, with the built-in readers registered like any plugin.

In: plugins that implement ``tawthiq_ingest_readers()`` (this module's built-ins, and any
installed package exposing a ``tawthiq`` entry point). Out: :func:`readers` (sorted by
priority) and :func:`pick_reader` (the first that accepts a file).
Never: reads a file itself.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pluggy

from tawthiq.ingest._types import Reader

__all__ = ["hookimpl", "hookspec", "pick_reader", "plugin_manager", "readers"]

hookspec = pluggy.HookspecMarker("tawthiq")
hookimpl = pluggy.HookimplMarker("tawthiq")


class IngestSpec:
    @hookspec
    def tawthiq_ingest_readers(self) -> list[Reader]:
        """Return the readers this plugin adds (see ``tawthiq.ingest.Reader``)."""


class _BuiltIns:
    @hookimpl
    def tawthiq_ingest_readers(self) -> list[Reader]:
        from tawthiq.ingest._chat import CHAT_READER
        from tawthiq.ingest._email import EMAIL_READER
        from tawthiq.ingest._html import HTML_READER
        from tawthiq.ingest._jsonl import JSONL_READER
        from tawthiq.ingest._plain import TEXT_READER

        return [EMAIL_READER, JSONL_READER, HTML_READER, CHAT_READER, TEXT_READER]


@cache
def plugin_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager("tawthiq")
    pm.add_hookspecs(IngestSpec)
    pm.register(_BuiltIns(), name="tawthiq.ingest.builtins")
    pm.load_setuptools_entrypoints("tawthiq")
    return pm


def readers() -> list[Reader]:
    found = [r for batch in plugin_manager().hook.tawthiq_ingest_readers() for r in batch]
    return sorted(found, key=lambda r: r.priority)


def pick_reader(path: Path, head: bytes) -> Reader:
    for reader in readers():
        if reader.accepts(path, head):
            return reader
    raise LookupError(path)  # unreachable: the text reader accepts everything
