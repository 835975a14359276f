"""The readers: the built-in ones as a plugin, and the readers of every plugin in priority order.

In: plugins that implement ``tawthiq_ingest_readers()`` (this module's built-ins, and any
installed package exposing a ``tawthiq`` entry point), through :func:`tawthiq.plugins.plugin_manager`.
Out: :func:`readers` (sorted by priority) and :func:`pick_reader` (the first that accepts a file).
Never: reads a file itself.
"""

from __future__ import annotations

from pathlib import Path

from tawthiq.hookspecs import hookimpl, hookspec
from tawthiq.ingest._types import Reader
from tawthiq.plugins import plugin_manager

__all__ = ["hookimpl", "hookspec", "pick_reader", "plugin_manager", "readers", "tawthiq_ingest_readers"]


@hookimpl
def tawthiq_ingest_readers() -> list[Reader]:
    """The built-in readers (this module is one of ``tawthiq.plugins.DEFAULT_PLUGINS``)."""
    from tawthiq.ingest._chat import CHAT_READER
    from tawthiq.ingest._email import EMAIL_READER
    from tawthiq.ingest._html import HTML_READER
    from tawthiq.ingest._jsonl import JSONL_READER
    from tawthiq.ingest._plain import TEXT_READER

    return [EMAIL_READER, JSONL_READER, HTML_READER, CHAT_READER, TEXT_READER]


def readers() -> list[Reader]:
    found = [r for batch in plugin_manager().hook.tawthiq_ingest_readers() for r in batch]
    return sorted(found, key=lambda r: r.priority)


def pick_reader(path: Path, head: bytes) -> Reader:
    for reader in readers():
        if reader.accepts(path, head):
            return reader
    raise LookupError(path)  # unreachable: the text reader accepts everything
