"""PFIF 1.4 export of missing-person records, through the people stage's serialiser.

In: an :class:`ExportContext` whose ``missing`` holds (PersonRecord, notes) pairs.
Out: ``pfif.xml`` written by ``tawthiq.people.pfif`` (issue 8), which already leaves out
protected fields (author e-mail/phone) and confidential notes.
Never: serialises PFIF itself; without the people stage's module or without records, it
raises an :class:`~tawthiq.errors.InputError` that says what is missing.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from tawthiq.errors import InputError

from ._context import ExportContext

__all__ = ["write_pfif_export"]


def write_pfif_export(ctx: ExportContext, out: Path) -> dict[str, Any]:
    try:
        pfif = importlib.import_module("tawthiq.people.pfif")
    except ModuleNotFoundError:
        raise InputError(
            "PFIF export needs the missing-persons module (tawthiq.people.pfif), not installed here"
        ) from None
    if not ctx.missing:
        raise InputError(
            "PFIF export needs missing-person records: import a missing-persons list or PFIF file first"
        )
    domain = str(ctx.filters.get("pfif_domain") or "tawthiq.local")
    persons = pfif.from_records(ctx.missing, domain=domain, now=ctx.now)
    (out / "pfif.xml").write_bytes(pfif.write_pfif(persons))
    return {"persons": len(persons), "notes": sum(len(p.notes) for p in persons), "file": "pfif.xml"}
