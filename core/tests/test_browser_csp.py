"""The Content-Security-Policy in a real browser: the main pages load without a violation.

Chromium reports every blocked script, style or image on the console ("Refused to …
Content Security Policy"); a template that slips in inline code fails here, and so would a
policy that blocks what a page needs (the charts, the QR code of the 2FA setup, the admin).
"""

import os

import pytest

from core.tests.test_browser_pages import SECTION_PAGES, log_in
from organisations.models import User

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXTRA_PAGES = ["statistik/2024/", "ekonomi/2025/", "rapporter/arsredovisning/2025/andra/"]


def violations_of(page, url: str) -> tuple[int, list[str]]:
    found: list[str] = []

    def collect(message) -> None:
        if "Content Security Policy" in message.text:
            found.append(message.text[:300])

    page.on("console", collect)
    try:
        response = page.goto(url)
        page.wait_for_load_state("load")
    finally:
        page.remove_listener("console", collect)
    return response.status, found


def test_main_pages_load_without_csp_violations(settings, live_server, page, demo_forbund):
    settings.SAMORDNA_DEMO_LOGINS_ALLOWED = True
    settings.SAMORDNA_REQUIRE_2FA = False
    problems = {}
    status, found = violations_of(page, f"{live_server.url}/konto/logga-in/")
    assert status == 200
    problems.update({"logga-in": found} if found else {})
    status, found = violations_of(page, f"{live_server.url}/admin/login/")
    problems.update({"admin": found} if found else {})
    log_in(page, live_server, User.objects.get(username="kansli"))
    for path in [*SECTION_PAGES, *EXTRA_PAGES, "../../konto/tvastegsverifiering/aktivera/"]:
        status, found = violations_of(page, f"{live_server.url}/f/demo/{path}")
        if status >= 500:
            problems[path] = [f"HTTP {status}"]
        elif found:
            problems[path] = found
    assert problems == {}
