"""The layout in a real browser at 1 366 and 390 px: the menu fits one row on a laptop and folds
behind a keyboard-operable "Meny" button on a phone. (axe on every page: test_browser_axe.py.)"""

import os

import pytest

from core.tests.test_browser_pages import log_in
from organisations.models import User

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kansli_page(settings, live_server, page, demo_forbund):
    settings.SAMORDNA_DEMO_LOGINS_ALLOWED = True
    settings.SAMORDNA_REQUIRE_2FA = False
    log_in(page, live_server, User.objects.get(username="kansli"))
    return page


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
