"""Gazetteer: Syria's governorates, districts, towns and Aleppo city's neighbourhoods, shipped in the package.

In: the compiled tables in ``data/`` (built by ``scripts/build_gazetteer.py`` from
../shared/data/gazetteer; sources and licences in ``data/NOTICE.txt`` and on every row).
Out: :class:`tawthiq.entities.Place` entries, toponym matches in text, parent links for nesting tests,
the map's background layers with the area each place stands for (``_layers``), and the compass
part of a place a name means (``compass_part``: "eastern Aleppo", "حلب الشرقية").
Never: fetches a place from the network or writes anything.

>>> g = load_gazetteer()
>>> [m.place.name_en for m in g.match("shot in the neighbourhoods of Fardous and Saliheen")]
['Fardous', 'Salihin']
>>> g.contains("SY02", g.match("alFerdaws")[0].place.id)
True
"""

from tawthiq.gazetteer._compass import DIRECTIONS, CompassPart, compass_part
from tawthiq.gazetteer._display import PlaceNames, place_names
from tawthiq.gazetteer._index import PRECISION, Gazetteer, PlaceMatch, load_gazetteer
from tawthiq.gazetteer._layers import LAYERS, layer_bytes, layer_credits, place_area
from tawthiq.gazetteer._names import fold, toponym_key

__all__ = [
    "DIRECTIONS",
    "LAYERS",
    "PRECISION",
    "CompassPart",
    "Gazetteer",
    "PlaceMatch",
    "PlaceNames",
    "compass_part",
    "fold",
    "layer_bytes",
    "layer_credits",
    "load_gazetteer",
    "place_area",
    "place_names",
    "toponym_key",
]
