"""The built-in exporters, registered through the same hook a third-party plugin uses.

The incident formats; ``pfif`` is the people stage's own (``people/_pfif_export.py``) and
``dump`` is registered by ``_dump``, each through the same hook, in that order
(:data:`tawthiq.plugins.DEFAULT_PLUGINS`: the order ``exporters()`` lists them in).

In/out: see each writer's module. Never: holds state.
"""

from __future__ import annotations

from ._geojson import write_geojson
from ._registry import Exporter, hookimpl
from ._tabular import write_acled, write_ged, write_hxl


@hookimpl
def tawthiq_exporters() -> list[Exporter]:
    return [
        Exporter("acled", "ACLED-style CSV (event/sub-event types, precision codes)", True, write_acled),
        Exporter("ged", "UCDP-GED-style CSV (where_prec, date_prec, best/low/high)", True, write_ged),
        Exporter("geojson", "GeoJSON FeatureCollection of incidents as points", True, write_geojson),
        Exporter("hxl", "HXL-tagged CSV (#event, #date, #adm1, #geo+lat …)", True, write_hxl),
    ]
