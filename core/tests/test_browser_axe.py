"""axe-core on every main page of the demo, in a real browser (issue 11, WCAG 2.1 AA).

Each page is its own test: as the förbund's office (kansli) at 1 366 and 390 px, and once more
at 390 px as insatsansvarig and as revisor on the pages their roles open. A test fails on any
violation of the WCAG 2.0/2.1 A and AA rules (naming each rule and the elements it found) and,
at 390 px, when the page is wider than the screen (WCAG 1.4.10 reflow; a wide table scrolls
inside its own focusable region, which axe's scrollable-region-focusable checks).

The pages only read, so the tests share what is slow to make: the demo förbund, a live server
and a browser with one logged-in context per role are built once per module (once per xdist
worker) instead of once per test. These tests therefore take no `db`/`live_server` fixture
(either would flush the database after every test and rebuild the demo for the next one, 30 s
each); the module fixture opens the database itself, starts its own server on the test
database and flushes at the end, as a transactional test does. pytest-django runs tests without
a database fixture after all others, so nothing that expects the demo runs after that flush.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

pytestmark = [pytest.mark.browser]

# Playwright's sync API runs an event loop; Django refuses ORM calls from it unless allowed.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
LAPTOP, PHONE = 1366, 390
YEAR = 2025  # the demo's last complete year: its books, statistics and reports
KANSLI, INSATS, REVISOR = "kansli", "insatsansvarig", "revisor"

# name: (path under /f/demo/, the roles besides kansli that open it). The main pages are
# bench/bench_web.py's PAGES; then the pages one level further in that office staff use.
PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "start": ("", (INSATS, REVISOR)),
    "insatser": ("insatser/", (INSATS, REVISOR)),
    "insats": ("insatser/FT/", (INSATS, REVISOR)),
    "insats-andra": ("insatser/FT/andra/", ()),
    "deltaganden": ("deltaganden/", (INSATS,)),
    "statistik": (f"statistik/{YEAR}/", (INSATS, REVISOR)),
    "medlemmar": ("medlemmar/", (INSATS, REVISOR)),
    "medlemsbidrag": (f"medlemsbidrag/{YEAR}/", (REVISOR,)),
    "idealfordelning": (f"idealfordelning/{YEAR}/", (REVISOR,)),
    "budget": (f"budget/{YEAR}/", (REVISOR,)),
    "ekonomi": ("ekonomi/", (REVISOR,)),
    "resultatrakning": (f"ekonomi/{YEAR}/", (REVISOR,)),
    "driftredovisning": (f"ekonomi/{YEAR}/driftredovisning/", (REVISOR,)),
    "kontroller": (f"ekonomi/{YEAR}/kontroller/", (REVISOR,)),
    "enkater": ("enkater/", (INSATS, REVISOR)),
    "enkatresultat": (f"enkater/NNS-DA/{YEAR}/", (INSATS, REVISOR)),
    "rapporter": ("rapporter/", (REVISOR,)),
    "arsredovisning": (f"rapporter/arsredovisning/{YEAR}/", (REVISOR,)),
    "handelselogg": ("logg/", (REVISOR,)),
    "deltagande": ("deltaganden/{participation}/", (INSATS,)),
    "deltagande-andra": ("deltaganden/{participation}/andra/", (INSATS,)),
    "ny-deltagare": ("insatser/FT/deltaganden/ny/", (INSATS,)),
    "import": ("deltaganden/importera/", (INSATS,)),
    "periodrapport": (f"rapporter/periodrapport/{YEAR}/t2/", (REVISOR,)),
    "personuppgifter": ("personuppgifter/", ()),
    "registerutdrag": ("personuppgifter/registerutdrag/?kod={participant_code}", ()),
    "lasningar": ("personuppgifter/lasningar/", ()),
    "behandlingar": ("personuppgifter/behandlingar/", (REVISOR,)),
    "deltagare": ("deltagare/{participant}/", (INSATS,)),
    "jobb-pagar": ("jobb/{running_job}/", (REVISOR,)),
    "jobb-klart": ("jobb/{done_job}/", ()),
    "budget-andra": (f"budget/{YEAR + 1}/andra/", ()),
    "medlem-andra": ("medlemmar/{member}/", ()),
    "sok": ("sok/?q=ft", (INSATS, REVISOR)),
}
# The error pages keep the förbund's menu: a page that does not exist, one the role may not see.
ERROR_PAGES = {"404": ("finns-inte/", KANSLI, 404), "403": ("ekonomi/", INSATS, 403)}


def _cases() -> list[Any]:
    cases = []
    for name, (path, roles) in PAGES.items():
        for width in (LAPTOP, PHONE):
            cases.append(pytest.param(KANSLI, width, path, 200, id=f"{KANSLI}-{width}-{name}"))
        for role in roles:
            cases.append(pytest.param(role, PHONE, path, 200, id=f"{role}-{PHONE}-{name}"))
    for name, (path, role, status) in ERROR_PAGES.items():
        for width in (LAPTOP, PHONE):
            cases.append(pytest.param(role, width, path, status, id=f"{role}-{width}-{name}"))
    return cases


@dataclass
class DemoSite:
    url: str
    values: dict[str, object]  # the ids the paths above need
    open_page: Callable[[str], Any] = field(repr=False)  # role -> its logged-in Playwright page

    def address(self, path: str) -> str:
        return f"{self.url}/f/demo/{path.format(**self.values)}"


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[DemoSite]:
    from samples.browser import chromium_available

    if not chromium_available():
        pytest.skip("chromium är inte installerat (scripts/install-system-packages.sh)")
    from django.core.management import call_command
    from django.test.utils import modify_settings, override_settings
    from huey.contrib.djhuey import HUEY
    from pytest_django.live_server_helper import LiveServer

    HUEY.immediate = True
    with (
        django_db_blocker.unblock(),
        _test_database(),
        override_settings(
            SAMORDNA_DEMO_LOGINS_ALLOWED=True,
            SAMORDNA_REQUIRE_2FA=False,
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        modify_settings(ALLOWED_HOSTS={"append": "localhost"}),
    ):
        try:
            values = _demo_with_jobs()
            server = LiveServer("localhost")
            try:
                with _Browser(server.url, _sessions()) as open_page:
                    yield DemoSite(url=server.url, values=values, open_page=open_page)
            finally:
                server.stop()
        finally:
            # What a transactional test leaves behind: an empty database.
            call_command("flush", interactive=False, verbosity=0)


@contextmanager
def _test_database() -> Iterator[None]:
    """The test database. pytest-django makes it when a selected test has a database fixture
    or mark; when only these tests are selected it has not, and this makes (and drops) it."""
    from django.db import connection
    from django.db.backends.base.creation import TEST_DATABASE_PREFIX
    from django.test.utils import setup_databases, teardown_databases

    def ready() -> bool:  # is the connection on a database that Django made for tests?
        name, test_name = connection.settings_dict["NAME"], connection.settings_dict["TEST"]["NAME"]
        if test_name:  # as pytest-xdist's workers have it: test_<name>_gw0
            return name == test_name
        if connection.vendor == "sqlite":
            return "mode=memory" in str(name)  # file:memorydb_default?mode=memory…
        return str(name).startswith(TEST_DATABASE_PREFIX)

    # (Django takes any collection of aliases; django-stubs says a mapping.)
    aliases: Any = {connection.alias}
    made = None if ready() else setup_databases(0, interactive=False, aliases=aliases)
    assert ready(), "not the test database"  # the flush at the end must never reach another
    try:
        yield
    finally:
        if made is not None:
            teardown_databases(made, verbosity=0)


def _demo_with_jobs() -> dict[str, object]:
    """The demo (built unless an earlier fixture left it), two background jobs (one under way,
    one done) and the ids of a participation, a participant and a member to show."""
    from django_scopes import scopes_disabled

    from core.models import Job
    from organisations.models import Member, User
    from participants.models import Participation
    from samples.demo.forbund import load_demo

    forbund, _ = load_demo()
    with scopes_disabled():
        kansli = User.objects.get(username=KANSLI)
        running = Job.objects.create(
            forbund=forbund,
            started_by=kansli,
            kind="reports.document",
            title=f"Årsredovisning {YEAR} (PDF)",
            capability="reports.view",
            state=Job.State.RUNNING,
            steps_done=2,
            steps_total=5,
            message="Ritar diagrammen",
        )
        done = Job.objects.create(
            forbund=forbund,
            started_by=kansli,
            kind="participants.import",
            title="Import av deltaganden",
            capability="participants.import",
            owner_only=True,
            state=Job.State.DONE,
            message="12 deltaganden importerade.",
            result_url=f"/f/{forbund.slug}/deltaganden/",
            result_label="Till deltagandena",
        )
        participation = (
            Participation.objects.filter(insats__forbund=forbund, insats__code="FT")
            .select_related("participant")
            .order_by("pk")
            .first()
        )
        assert participation is not None
        member = Member.objects.filter(forbund=forbund).order_by("pk").first()
        assert member is not None
        return {
            "participation": participation.pk,
            "participant": participation.participant_id,
            "participant_code": participation.participant.code,
            "member": member.pk,
            "running_job": running.pk,
            "done_job": done.pk,
        }


def _sessions() -> dict[str, str]:
    """A logged-in session per role (its cookie's value)."""
    from django.conf import settings
    from django.test import Client

    from organisations.models import User

    sessions = {}
    for role in (KANSLI, INSATS, REVISOR):
        client = Client()
        client.force_login(User.objects.get(username=role))
        sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


class _Browser:
    """Chromium with one logged-in context per role, made when a test first asks for it. The
    sessions are made beforehand: Playwright's sync API runs the tests' code in another context,
    where Django would open a second database connection (and leave it open)."""

    def __init__(self, url: str, sessions: dict[str, str]):
        self.url = url
        self.sessions = sessions
        self.pages: dict[str, Any] = {}

    def __enter__(self) -> Callable[[str], Any]:
        from playwright.sync_api import sync_playwright

        from samples.browser import CHROMIUM, CHROMIUM_ARGS

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        return self.open_page

    def open_page(self, role: str):
        if role not in self.pages:
            from django.conf import settings

            context = self.browser.new_context()
            name, value = settings.SESSION_COOKIE_NAME, self.sessions[role]
            context.add_cookies([{"name": name, "value": value, "url": self.url}])
            self.pages[role] = context.new_page()
        return self.pages[role]

    def __exit__(self, *exc_info) -> None:
        self.browser.close()
        self.playwright.stop()


def _violations(results: dict) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + ", ".join(" ".join(map(str, node["target"])) for node in v["nodes"])
        for v in results["violations"]
    ]


# The outermost elements that stick out to the right of the screen (for the failure message).
STICKING_OUT = """
() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > innerWidth
    && el.parentElement.getBoundingClientRect().right <= innerWidth)
  .slice(0, 5)
  .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
    + ' (' + Math.round(el.getBoundingClientRect().right) + ' px)')
"""


# A wide table's scroll region ({% tablescroll %}) shows its scroll shadows as background
# gradients, and axe cannot tell a text's background through a gradient: it would leave the
# contrast of everything in every table unmeasured ("incomplete", not a violation). The shadows
# only tint the region's outer .9 rem while there is more to scroll, so axe measures the text
# against the region's own background. (Set through the CSSOM, which the CSP allows.)
WITHOUT_SCROLL_SHADOWS = """
() => { for (const region of document.querySelectorAll('.table-wrap')) {
  region.style.backgroundImage = 'none'; } }
"""


def _axe(page, **options) -> dict:
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    page.evaluate(WITHOUT_SCROLL_SHADOWS)
    results = Axe().run(page, options={**WCAG, **options}).response
    assert results["passes"], "axe checked nothing"
    return results


@pytest.mark.parametrize("role, width, path, status", _cases())
def test_the_page_has_no_axe_violations(demo_site, role, width, path, status):
    page = demo_site.open_page(role)
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(demo_site.address(path))
    assert response is not None and response.status == status
    problems = _violations(_axe(page))
    if width == PHONE:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > PHONE:
            sticking_out = ", ".join(page.evaluate(STICKING_OUT))
            problems.append(f"{scroll_width} px wide at {PHONE} px: {sticking_out}")
    assert not problems, "\n".join(problems)


def test_the_open_phone_menu_has_no_axe_violations(demo_site):
    page = demo_site.open_page(KANSLI)
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.goto(demo_site.address(f"ekonomi/{YEAR}/"))
    page.get_by_role("button", name="Meny").click()
    from playwright.sync_api import expect

    expect(page.get_by_role("navigation", name="Ekonomi")).to_be_visible()
    problems = _violations(_axe(page))
    assert not problems, "\n".join(problems)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE


def test_the_account_name_has_enough_contrast_on_a_laptop_also_under_the_pointer(demo_site):
    """Reported at 1 366 px: the name was dark text on the old dark-blue header. The header is
    white now; axe must actually have measured the name (a pass, not only "no violation")."""
    page = demo_site.open_page(KANSLI)
    page.set_viewport_size({"width": LAPTOP, "height": 900})
    page.goto(demo_site.address(""))
    name = page.locator(".account__name")
    for state in ("still", "hovered"):
        if state == "hovered":
            name.hover()
        results = _axe(page, runOnly={"type": "rule", "values": ["color-contrast"]})
        problems = _violations(results)
        assert not problems, f"{state}: " + "\n".join(problems)
        measured = [
            node["target"]
            for rule in results["passes"]
            for node in rule["nodes"]
            if rule["id"] == "color-contrast"
        ]
        assert [".account__name"] in measured, state
