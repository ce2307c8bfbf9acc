import dataclasses
from contextlib import contextmanager

import pytest
from django.test import Client, override_settings

from organisations.models import Forbund
from samples.demo.forbund import load_demo
from samples.sample_forbund import create_sample_forbund
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
def _jobs_in_the_test(settings, tmp_path):
    """Background jobs (core/jobs.py) run at once, in the test's own transaction (huey's
    immediate mode), and their files go to the test's own folder, not var/media."""
    from huey.contrib.djhuey import HUEY

    settings.MEDIA_ROOT = tmp_path / "media"
    HUEY.immediate = True


@pytest.fixture(autouse=True)
def _figures_kept_between_requests(settings):
    """Kept figures on (core/figure_cache.py), as in production, from an empty cache: a page
    that showed figures older than a write before it fails its test."""
    from django.core.cache import cache

    settings.SAMORDNA_FIGURE_CACHE = True
    cache.clear()


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


# The demo förbund and the sample förbund take seconds to build (the demo adopts a report and
# renders its PDF), so each test database (one per xdist worker) gets them once, after the
# migrations, when any selected test asks for them; every test's transaction then starts from
# a database that holds them, and its writes are rolled back. So a test must not expect an
# empty installation: it counts within its own förbund. Transactional (browser) tests end in
# a flush that empties the database; the fixtures below build again when the data is gone.
# pytest-django runs those tests after all others, so only a browser test can pay for that.
# (With --reuse-db the sample förbund of the last run would still be there: not supported.)
SAMPLE_YEARS = (2022, 2023)
_session_data: dict[str, object] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    wanted = {name for item in request.session.items for name in item.fixturenames}
    with django_db_blocker.unblock(), _fast_hashing():
        if "demo_forbund" in wanted:
            _session_data["demo"] = load_demo()[0].pk
        if "sample_forbund" in wanted:
            _session_data["sample"] = create_sample_forbund(years=SAMPLE_YEARS)


@pytest.fixture
def demo_forbund(db):
    """The demo förbund as `manage.py load_demo` builds it (shared: built once per session)."""
    forbund = Forbund.objects.filter(pk=_session_data.get("demo")).first()
    return forbund if forbund is not None else load_demo()[0]


@pytest.fixture
def sample_forbund(db):
    """`create_sample_forbund(years=(2022, 2023))` (shared: built once per session)."""
    sample = _session_data.get("sample")
    forbund = None if sample is None else Forbund.objects.filter(pk=sample.forbund.pk).first()
    if forbund is None:
        return create_sample_forbund(years=SAMPLE_YEARS)
    # A fresh förbund object and dicts: a test's changes must not reach the next test.
    return dataclasses.replace(
        sample,
        forbund=forbund,
        years=list(sample.years),
        sie_files=dict(sample.sie_files),
        book_specs=dict(sample.book_specs),
    )


@contextmanager
def _fast_hashing():
    # The session build runs before the per-test `_fast_password_hashing` (same reason).
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield
