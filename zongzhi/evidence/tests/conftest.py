import pytest

from zongzhi.cases.testing import build_case_world


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Evidence files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def cw(world):
    return build_case_world(world)
