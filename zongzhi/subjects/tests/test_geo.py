import pytest
from django.core.exceptions import ValidationError

from zongzhi.subjects import geo

from .conftest import square

# The test vector of the public eviltransform project (上海): WGS84 and its GCJ-02 image.
WGS = (31.1774276, 121.5272106)
GCJ = (31.17530398364597, 121.531541859215)


def test_wgs84_to_gcj02_matches_the_published_vector():
    lat, lng = geo.wgs84_to_gcj02(*WGS)
    assert geo.distance_m(lat, lng, *GCJ) < 0.01


def test_gcj02_to_wgs84_recovers_the_point_within_a_metre():
    lat, lng = geo.gcj02_to_wgs84(*GCJ)
    assert geo.distance_m(lat, lng, *WGS) < 1
    assert geo.distance_m(*GCJ, *WGS) > 400, "the offset itself is hundreds of metres"


def test_conversion_round_trips_in_xiangcheng_and_leaves_points_outside_china_alone():
    point = (33.85, 113.49)
    assert geo.distance_m(*geo.gcj02_to_wgs84(*geo.wgs84_to_gcj02(*point)), *point) < 0.5
    assert geo.to_wgs84(48.8566, 2.3522, "gcj02") == (48.8566, 2.3522)
    assert geo.to_wgs84(33.85, 113.49, "wgs84") == (33.85, 113.49)


def test_point_in_polygon_by_ray_casting_with_a_hole():
    outline = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    polygon = {"type": "Polygon", "coordinates": [outline, hole]}
    assert geo.point_in_polygon(1, 1, polygon)
    assert not geo.point_in_polygon(5, 5, polygon)
    assert not geo.point_in_polygon(11, 5, polygon)
    concave = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [5, 2], [0, 10], [0, 0]]]}
    assert geo.point_in_polygon(1, 2, concave) and not geo.point_in_polygon(8, 5, concave)


def messages(value):
    with pytest.raises(ValidationError) as caught:
        geo.validate_polygon(value)
    return " ".join(caught.value.messages)


def test_polygon_validation_in_chinese():
    assert "多边形" in messages({"type": "Point", "coordinates": [1, 2]})
    assert "闭合" in messages({"type": "Polygon", "coordinates": [[[113, 33], [113.1, 33], [113.1, 33.1]]]})
    assert "3 个" in messages({"type": "Polygon", "coordinates": [[[113, 33], [113.1, 33], [113, 33]]]})
    assert "WGS84" in messages({"type": "Polygon", "coordinates": [[[113, 33], [213, 33], [113, 95], [113, 33]]]})
    assert "经度" in messages({"type": "Polygon", "coordinates": [[[113, 33], ["x", 33], [113, 34], [113, 33]]]})
    good = square(33.85, 113.49, 0.01)
    assert geo.validate_polygon({"type": "Feature", "geometry": good}) == good
