"""The private ``dump`` format: the whole workspace (every table, evidence files, policy).

In: an :class:`ExportContext` whose ``dump_writer`` the CLI built around an open workspace
(the database side lives in ``store.dump``; this stage never touches the database).
Out: ``dump.json`` (summary), ``tables/*.jsonl``, ``evidence/…`` and ``policy.yaml``.
Never: applies the redaction policy (it is a private backup) or writes a protected value in
clear: protected columns stay AES-GCM ciphertext.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tawthiq.errors import InputError
from tawthiq.hookspecs import Exporter, hookimpl

from ._context import ExportContext

__all__ = ["tawthiq_exporters", "write_dump"]


@hookimpl
def tawthiq_exporters() -> list[Exporter]:
    return [
        Exporter(
            "dump",
            "full private JSON backup, restored by `tawthiq import-dump`",
            False,
            write_dump,
            incidents=False,
        )
    ]


def write_dump(ctx: ExportContext, out: Path) -> dict[str, Any]:
    if ctx.dump_writer is None:
        raise InputError("the dump format needs an open workspace")
    return ctx.dump_writer(out)
