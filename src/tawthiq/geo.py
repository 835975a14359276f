"""Great-circle distance, the one formula every stage that compares two points uses.

Hand-written rather than a dependency: five lines of the haversine formula on a sphere of the
Earth's mean radius, which is as exact as gazetteer points (a town's centre) allow; the gazetteer,
corroboration and the tests each had their own copy.
"""

from __future__ import annotations

import math

__all__ = ["EARTH_DIAMETER_KM", "km"]

EARTH_DIAMETER_KM = 12742.0  # twice the mean radius, 6,371 km


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return EARTH_DIAMETER_KM * math.asin(min(1.0, math.sqrt(h)))
