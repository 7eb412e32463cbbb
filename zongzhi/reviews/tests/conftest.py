import pytest

from zongzhi.cases.testing import build_case_world
from zongzhi.users import roles
from zongzhi.users.models import RoleAssignment, User


@pytest.fixture
def cw(world):
    """The case world plus a legal reviewer of township B."""
    w = build_case_world(world)
    w.users["reviewer_b"] = User.objects.create_user(username="reviewer_b", password="x")
    RoleAssignment.objects.create(user=w.users["reviewer_b"], role=roles.LEGAL_REVIEWER, agency=w.squad_b)
    return w
