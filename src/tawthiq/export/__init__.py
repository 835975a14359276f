"""export: the standard formats (ACLED, UCDP GED, GeoJSON, HXL, PFIF) and the private dump.

In: an :class:`ExportContext` (entities loaded by ``store``, the workspace's Policy, filters).
Out: files in an output folder; the CLI then signs the folder (``tawthiq.evidence``).
Never: touches the database; public formats go through :mod:`tawthiq.policy` only.

Exporters are pluggy plugins (:func:`exporters` lists them; see ``_registry`` for why).
"""

from ._cells import neutralise_cell, write_table
from ._context import INTERNAL_MARKS, ExportContext, public_incidents, select_incidents, withheld_of
from ._registry import Exporter, exporters, hookimpl, hookspec, plugin_manager
from ._taxonomy import ACLED_TYPES

__all__ = [
    "ACLED_TYPES",
    "INTERNAL_MARKS",
    "ExportContext",
    "Exporter",
    "exporters",
    "hookimpl",
    "hookspec",
    "neutralise_cell",
    "plugin_manager",
    "public_incidents",
    "select_incidents",
    "withheld_of",
    "write_table",
]
