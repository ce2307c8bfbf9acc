import pytest
from django.test import Client

from samples.testing import PERSONAS, build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def clients(world):
    """A logged-in test client per persona (force_login: axes needs a request for login)."""
    result = {}
    for persona in PERSONAS:
        client = Client()
        client.force_login(world.users[persona])
        result[persona] = client
    return result


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def page(live_server):
    """A headless Chromium page (Debian's chromium); skipped where none is installed."""
    from samples.browser import browser_page, chromium_available

    if not chromium_available():
        pytest.skip("chromium är inte installerat (scripts/install-system-packages.sh)")
    with browser_page() as browser_tab:
        yield browser_tab
