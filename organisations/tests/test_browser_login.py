import os

import pytest
from playwright.sync_api import expect

from samples.demo.forbund import DEMO_USERS

# Playwright's sync API runs an event loop; Django refuses ORM calls from it unless allowed.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_demo_user_logs_in_with_the_keyboard_and_lands_on_the_forbund(
    settings, live_server, page, demo_forbund
):
    settings.SAMORDNA_DEMO_LOGINS_ALLOWED = True
    page.goto(f"{live_server.url}/f/demo/")
    assert page.title().startswith("Logga in")
    first_stop = page.evaluate(
        "[...document.querySelectorAll('a[href], input:not([type=hidden]), button')][0].outerHTML"
    )
    assert 'href="#main"' in first_stop  # the first keyboard stop is the skip link
    page.get_by_label("Användarnamn").focus()
    page.get_by_label("Användarnamn").fill("styrelse")
    page.get_by_label("Lösenord").fill(DEMO_USERS["styrelse"][3])
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/f/demo/")
    assert page.locator("h1").inner_text() == "Samordningsförbundet Demo"
    assert page.get_by_role("navigation", name="Förbundets meny").is_visible()
    # styrelse sees members but not the people-and-roles page or the audit log
    page.get_by_role("navigation", name="Förbundets meny").get_by_role(
        "link", name="Förbundet"
    ).click()
    # the group's link leads to its first page; wait for it before reading its sub-menu
    page.wait_for_url(f"{live_server.url}/f/demo/medlemmar/")
    group = page.get_by_role("navigation", name="Förbundet")
    expect(group.get_by_role("link", name="Medlemmar")).to_be_visible()
    assert page.get_by_role("link", name="Händelselogg").count() == 0
    assert page.get_by_role("link", name="Personer och roller").count() == 0


def test_every_form_field_on_the_login_page_has_a_label_and_the_page_works_on_a_phone(
    live_server, page
):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/konto/logga-in/")
    unlabelled = page.evaluate(
        """[...document.querySelectorAll('input:not([type=hidden])')]
             .filter(i => !(i.labels && i.labels.length)).map(i => i.name)"""
    )
    assert unlabelled == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("main#main").count() == 1 and page.locator("header").count() == 1
