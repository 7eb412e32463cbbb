import pytest

from zongzhi.cases.testing import build_case_world


@pytest.fixture
def cw(world):
    return build_case_world(world)
