"""The ``pfif`` export format: missing persons as PFIF 1.4 XML, the people stage's own exporter.

In: an :class:`~tawthiq.export.ExportContext` whose ``missing`` holds (PersonRecord, notes) pairs.
Out: ``pfif.xml`` written by :mod:`tawthiq.people.pfif` (issue 8), which already leaves out
protected fields (author e-mail/phone) and confidential notes; the manifest's details.
Never: writes anything without missing-person records (an :class:`~tawthiq.errors.InputError`
says what is needed).

Registered through the ``tawthiq_exporters`` hook like every format (:data:`tawthiq.plugins.DEFAULT_PLUGINS`):
the export stage does not import the people stage (the stages are independent layers).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tawthiq.errors import InputError
from tawthiq.hookspecs import Exporter, hookimpl

from . import pfif

if TYPE_CHECKING:
    from tawthiq.export import ExportContext

__all__ = ["tawthiq_exporters", "write_pfif_export"]


def write_pfif_export(ctx: ExportContext, out: Path) -> dict[str, Any]:
    if not ctx.missing:
        raise InputError(
            "PFIF export needs missing-person records: import a missing-persons list or PFIF file first"
        )
    domain = str(ctx.filters.get("pfif_domain") or "tawthiq.local")
    fields = {k: dict(v) for k, v in ctx.pfif_fields.items()}  # an import's own fields, kept
    persons = pfif.from_records(ctx.missing, domain=domain, now=ctx.now, original_fields=fields)
    (out / "pfif.xml").write_bytes(pfif.write_pfif(persons))
    return {"persons": len(persons), "notes": sum(len(p.notes) for p in persons), "file": "pfif.xml"}


@hookimpl
def tawthiq_exporters() -> list[Exporter]:
    return [
        Exporter(
            "pfif",
            "PFIF 1.4 XML of missing persons and their status notes",
            True,
            write_pfif_export,
            incidents=False,
        )
    ]
