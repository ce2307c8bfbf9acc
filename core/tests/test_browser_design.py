"""The layout in a real browser at 1 366 and 390 px: axe finds no WCAG 2.1 AA violation on the
start page, a list, a form, the search and the 404 page; the menu fits one row on a laptop and
folds behind a keyboard-operable "Meny" button on a phone."""

import os

import pytest

from core.tests.test_browser_pages import log_in
from organisations.models import User

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PAGES = {
    "": 200,  # the start page
    "deltaganden/": 200,  # a list
    "insatser/FT/andra/": 200,  # a form
    "sok/?q=ft": 200,  # the search
    "finns-inte/": 404,  # the error page in the förbund's context
}


@pytest.fixture
def kansli_page(settings, live_server, page, demo_forbund):
    settings.SAMORDNA_DEMO_LOGINS_ALLOWED = True
    settings.SAMORDNA_REQUIRE_2FA = False
    log_in(page, live_server, User.objects.get(username="kansli"))
    return page


@pytest.mark.parametrize("width", [1366, 390])
def test_main_pages_have_no_axe_violations(kansli_page, live_server, width):
    from axe_playwright_python.sync_playwright import Axe

    page = kansli_page
    page.set_viewport_size({"width": width, "height": 900})
    problems = {}
    for path, status in PAGES.items():
        response = page.goto(f"{live_server.url}/f/demo/{path}")
        assert response.status == status, path
        results = Axe().run(page, options=WCAG)
        assert results.response["passes"], "axe checked nothing"
        found = [
            f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})"
            for v in results.response["violations"]
        ]
        if found:
            problems[path] = found
    assert problems == {}


def test_the_menu_fits_one_row_on_a_laptop(kansli_page, live_server):
    page = kansli_page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/f/demo/ekonomi/")
    for selector in (".site-nav a", ".sub-nav a"):
        tops = page.evaluate(
            "sel => new Set([...document.querySelectorAll(sel)]"
            ".map(a => Math.round(a.getBoundingClientRect().top))).size",
            selector,
        )
        assert tops == 1, selector
    link = page.locator(".site-nav a").first.bounding_box()
    search = page.locator(".site-search input").bounding_box()
    assert link and search
    assert link["y"] < search["y"] + search["height"] / 2 < link["y"] + link["height"]
    assert page.locator(".menu-button").is_hidden()


def test_on_a_phone_the_menu_folds_behind_a_button_that_the_keyboard_opens(
    kansli_page, live_server
):
    page = kansli_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/f/demo/deltaganden/")
    button = page.get_by_role("button", name="Meny")
    menu = page.get_by_role("navigation", name="Förbundets meny")
    assert button.get_attribute("aria-expanded") == "false"
    assert menu.is_hidden()
    header_height = page.evaluate("document.querySelector('header').offsetHeight")
    assert header_height < 120
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    assert (
        page.get_by_role("navigation", name="Deltagare")
        .get_by_role("link", name="Deltaganden")
        .get_attribute("aria-current")
        == "page"
    )
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and menu.is_hidden()
    assert page.evaluate("document.activeElement.textContent").strip().startswith("Meny")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_without_javascript_the_phone_menu_is_simply_shown(kansli_page, live_server):
    browser = kansli_page.context.browser
    assert browser is not None
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        context.add_cookies(kansli_page.context.cookies())
        page = context.new_page()
        page.goto(f"{live_server.url}/f/demo/deltaganden/")
        assert page.get_by_role("navigation", name="Förbundets meny").is_visible()
        assert page.get_by_role("navigation", name="Deltagare").is_visible()
        assert page.locator(".menu-button").is_hidden()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
