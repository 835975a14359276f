"""The built-in exporters, registered through the same hook a third-party plugin uses.

In/out: see each writer's module. Never: holds state.
"""

from __future__ import annotations

from ._dump import write_dump
from ._geojson import write_geojson
from ._pfif import write_pfif_export
from ._registry import Exporter, hookimpl
from ._tabular import write_acled, write_ged, write_hxl


@hookimpl
def tawthiq_exporters() -> list[Exporter]:
    return [
        Exporter("acled", "ACLED-style CSV (event/sub-event types, precision codes)", True, write_acled),
        Exporter("ged", "UCDP-GED-style CSV (where_prec, date_prec, best/low/high)", True, write_ged),
        Exporter("geojson", "GeoJSON FeatureCollection of incidents as points", True, write_geojson),
        Exporter("hxl", "HXL-tagged CSV (#event, #date, #adm1, #geo+lat …)", True, write_hxl),
        Exporter(
            "pfif",
            "PFIF 1.4 XML of missing persons and their status notes",
            True,
            write_pfif_export,
            incidents=False,
        ),
        Exporter(
            "dump",
            "full private JSON backup, restored by `tawthiq import-dump`",
            False,
            write_dump,
            incidents=False,
        ),
    ]
