import os
import tempfile
from pathlib import Path

import pytest

from zongzhi.utilities.testing import build_world

# Playwright's sync API runs an event loop in the test thread; Django's async-safety check would then refuse the
# ORM in browser tests. Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def pytest_configure(config):
    from django.conf import settings

    # Tests create many users: a fast hasher keeps them quick (production keeps Django's default).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Never the installation's own audit anchors or backups.
    scratch = Path(tempfile.mkdtemp(prefix="zongzhi-tests-"))
    settings.AUDIT_ANCHOR_FILE = scratch / "audit-anchors.jsonl"
    settings.BACKUP_DIR = scratch / "backups"


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole run (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context on the live server; JavaScript errors are collected in ``page.errors``."""
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(error))
    yield page
    context.close()
