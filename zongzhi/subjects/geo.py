"""Coordinates without GIS libraries: GCJ-02 to WGS84, polygon checks and point in polygon.

GCJ-02 ("Mars coordinates") is the obfuscated system required of maps published in China (Amap, Tencent).
The forward formula is the public one of the ``eviltransform`` project; the inverse is found by fixed-point
iteration on it (accurate to well under a metre). Outside China's bounding box GCJ-02 equals WGS84.

Polygons are GeoJSON geometries: ``{"type": "Polygon", "coordinates": [ring, ...]}`` with rings of
``[longitude, latitude]`` pairs, the first ring the outline and any further rings holes.
"""

import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

A = 6378245.0  # Krasovsky 1940 semi-major axis
EE = 0.00669342162296594323  # its eccentricity squared


def out_of_china(lat, lng):
    return not (72.004 <= lng <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _transform(x, y):
    xy, abs_x, x_pi, y_pi = x * y, math.sqrt(abs(x)), x * math.pi, y * math.pi
    d = 20.0 * math.sin(6.0 * x_pi) + 20.0 * math.sin(2.0 * x_pi)
    lat = d + 20.0 * math.sin(y_pi) + 40.0 * math.sin(y_pi / 3.0)
    lng = d + 20.0 * math.sin(x_pi) + 40.0 * math.sin(x_pi / 3.0)
    lat += 160.0 * math.sin(y_pi / 12.0) + 320 * math.sin(y_pi / 30.0)
    lng += 150.0 * math.sin(x_pi / 12.0) + 300.0 * math.sin(x_pi / 30.0)
    lat = lat * 2.0 / 3.0 - 100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * xy + 0.2 * abs_x
    lng = lng * 2.0 / 3.0 + 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * xy + 0.1 * abs_x
    return lat, lng


def wgs84_to_gcj02(lat, lng):
    if out_of_china(lat, lng):
        return lat, lng
    d_lat, d_lng = _transform(lng - 105.0, lat - 35.0)
    rad = lat / 180.0 * math.pi
    magic = 1 - EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((A * (1 - EE)) / (magic * sqrt_magic) * math.pi)
    d_lng = (d_lng * 180.0) / (A / sqrt_magic * math.cos(rad) * math.pi)
    return lat + d_lat, lng + d_lng


def gcj02_to_wgs84(lat, lng):
    """The WGS84 point whose GCJ-02 image is (lat, lng)."""
    if out_of_china(lat, lng):
        return lat, lng
    w_lat, w_lng = lat, lng
    for _i in range(10):
        g_lat, g_lng = wgs84_to_gcj02(w_lat, w_lng)
        d_lat, d_lng = g_lat - lat, g_lng - lng
        w_lat, w_lng = w_lat - d_lat, w_lng - d_lng
        if abs(d_lat) < 1e-10 and abs(d_lng) < 1e-10:
            break
    return w_lat, w_lng


def to_wgs84(lat, lng, system):
    """(lat, lng) given in ``system`` ("wgs84" or "gcj02") as WGS84, rounded to 6 decimals (about 0.1 m)."""
    if system == "gcj02":
        lat, lng = gcj02_to_wgs84(lat, lng)
    return round(lat, 6), round(lng, 6)


def distance_m(lat1, lng1, lat2, lng2):
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


# --- polygons -----------------------------------------------------------------------------------------
def _number(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def validate_polygon(geometry):
    """Check a GeoJSON polygon; raise ValidationError with every problem, in the user's language."""
    if isinstance(geometry, dict) and geometry.get("type") == "Feature":
        geometry = geometry.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") != "Polygon" \
            or not isinstance(geometry.get("coordinates"), list) or not geometry["coordinates"]:
        raise ValidationError(_("The boundary must be a GeoJSON polygon."), code="not_polygon")
    errors = []
    for i, ring in enumerate(geometry["coordinates"]):
        label = _("The outline") if i == 0 else _("Hole %(number)d") % {"number": i}
        if not isinstance(ring, list) or not all(
                isinstance(p, list | tuple) and len(p) == 2 and all(_number(v) for v in p) for p in ring):
            errors.append(_("%(ring)s: every vertex must be a pair of numbers [longitude, latitude].")
                          % {"ring": label})
            continue
        if any(not (-180 <= lng <= 180 and -90 <= lat <= 90) for lng, lat in ring):
            errors.append(_("%(ring)s: a vertex lies outside the WGS84 range (longitude −180 to 180, latitude −90 "
                            "to 90).") % {"ring": label})
        if len(ring) < 2 or list(ring[0]) != list(ring[-1]):
            errors.append(_("%(ring)s is not closed: its last vertex must repeat the first.") % {"ring": label})
        if len({tuple(p) for p in ring}) < 3:
            errors.append(_("%(ring)s needs at least 3 different vertices.") % {"ring": label})
    if errors:
        raise ValidationError(errors, code="invalid_polygon")
    return {"type": "Polygon", "coordinates": [[[float(lng), float(lat)] for lng, lat in ring]
                                               for ring in geometry["coordinates"]]}


def _in_ring(lat, lng, ring):
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lng < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_polygon(lat, lng, geometry):
    """Ray casting (even-odd rule): inside the outline and outside every hole."""
    rings = geometry["coordinates"]
    return _in_ring(lat, lng, rings[0]) and not any(_in_ring(lat, lng, hole) for hole in rings[1:])


def bounds(geometry):
    """(min_lat, min_lng, max_lat, max_lng) of a polygon's outline."""
    lngs = [p[0] for p in geometry["coordinates"][0]]
    lats = [p[1] for p in geometry["coordinates"][0]]
    return min(lats), min(lngs), max(lats), max(lngs)


def planar_area(geometry):
    """The outline's area in square degrees (shoelace): enough to tell the smaller of two nested areas."""
    ring = geometry["coordinates"][0]
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))) / 2
