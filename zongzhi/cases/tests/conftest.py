import datetime

import pytest
from django.utils import timezone

from zongzhi.catalog.models import Matter

from ..choices import ClueSource
from ..models import Clue
from ..services import register_clue


@pytest.fixture
def matters(world):
    agriculture = world.domains["agriculture"]
    return {
        "pesticide": Matter.objects.create(code="T-AG-1", name="经营假农药", domain=agriculture),
        "seed": Matter.objects.create(code="T-AG-2", name="销售劣种子", domain=agriculture),
    }


@pytest.fixture
def make_clue(world):
    """Register a clue through the service (township A's officer by default)."""

    def make(agency=None, by=None, days_ago=0, **fields):
        fields.setdefault("source", ClueSource.PATROL)
        fields.setdefault("description", "巡查发现门店疑似经营假农药")
        if "matter" not in fields:
            fields.setdefault("category", world.domains["agriculture"])
        clue = Clue(agency=agency or world.squad_a, received_at=timezone.now() - datetime.timedelta(days=days_ago),
                    **fields)
        return register_clue(clue, by=by or world.users["officer_a"])

    return make


@pytest.fixture
def cw(world):
    """The world with what cases need (``zongzhi.cases.testing.build_case_world``)."""
    from ..testing import build_case_world

    return build_case_world(world)
