"""The public catalogue and the API documentation in a real browser: axe finds no accessibility
violation (WCAG 2.1 A/AA rules) at phone and desktop width, and nothing breaks the CSP."""

import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _open(page, url: str) -> list[str]:
    blocked: list[str] = []

    def collect(message) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text[:300])

    page.on("console", collect)
    try:
        response = page.goto(url)
        page.wait_for_load_state("load")
    finally:
        page.remove_listener("console", collect)
    assert response.status == 200, url
    return blocked


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 900)], ids=["telefon", "dator"])
def test_catalogue_pages_are_accessible_and_keep_the_csp(live_server, demo_forbund, width, height):
    from axe_playwright_python.sync_playwright import Axe

    from samples.browser import browser_page, chromium_available

    if not chromium_available():
        pytest.skip("chromium är inte installerat")
    base = live_server.url
    pages = [
        "/katalog/",
        f"/katalog/{demo_forbund.slug}/?q=arbete&malgrupp=vuxna",
        f"/katalog/{demo_forbund.slug}/aktivitetsplatsen/",
    ]
    problems = {}
    with browser_page(width, height) as page:
        for path in pages:
            blocked = _open(page, base + path)
            results = Axe().run(page, options=WCAG)
            assert results.response["passes"], "axe checked nothing"
            found = [
                f"{v['id']}: {v['help']} ({len(v['nodes'])})"
                for v in results.response["violations"]
            ]
            if blocked or found:
                problems[path] = blocked + found
        # The API documentation: Swagger UI from our own static files, within the CSP.
        blocked = _open(page, base + "/api/docs/")
        page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
        if blocked:
            problems["/api/docs/"] = blocked
    assert problems == {}
