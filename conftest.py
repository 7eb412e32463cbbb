import pytest

from zongzhi.utilities.testing import build_world


def pytest_configure(config):
    from django.conf import settings

    # Tests create many users: a fast hasher keeps them quick (production keeps Django's default).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    return build_world()
