"""The answer form in Chromium at phone and desktop width: axe finds no WCAG 2.1 A/AA
violation, and an answer sent from a phone shows in the results at once."""

import os

import pytest
from django.core.cache import cache
from django.utils import timezone

from surveys.services import survey_results

# Playwright's sync API runs an event loop; Django refuses ORM calls from it unless allowed.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WIDTHS = {"telefon": (375, 740), "dator": (1280, 900)}


def violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    results = Axe().run(page, options=WCAG_AA)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_form_and_thank_you_page_pass_axe(world, live_server, page, width):
    cache.clear()
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    url = f"{live_server.url}/enkat/{world.extra['survey_round'].token}/"
    page.goto(url)
    assert violations(page) == []
    # Send it empty: the error summary must pass too.
    page.get_by_role("button", name="Skicka svaren").click()
    assert "minst en fråga" in page.locator(".error-summary").inner_text()
    assert violations(page) == []
    page.get_by_label("Alltid").first.check()
    page.get_by_label("Man", exact=True).check()
    page.get_by_role("button", name="Skicka svaren").click()
    assert page.locator("h1").inner_text() == "Tack för dina svar!"
    assert violations(page) == []
    result = survey_results(world.a, timezone.localdate().year, "NNS-DA")
    assert result["svar"] == {"kvinna": 0, "man": 1, "ej_angivet": 0, "totalt": 1}


def test_a_right_to_left_translation_passes_axe(world, live_server, page):
    from django_scopes import scope

    cache.clear()
    survey_round = world.extra["survey_round"]
    with scope(forbund=world.a):
        instrument = survey_round.instrument
        instrument.translations = {
            "ar": {
                "namn": "استبيان عند انتهاء الدعم",
                "fragor": {"A1": "هل حصلت على دعم مفيد لك؟"},
                "texter": {"skicka": "إرسال"},
            }
        }
        instrument.save()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/enkat/{survey_round.token}/?sprak=ar")
    assert page.locator("h1").inner_text() == "استبيان عند انتهاء الدعم"
    assert page.locator("div[dir=rtl][lang=ar]").count() == 1
    assert violations(page) == []


def test_the_survey_pages_load_without_csp_violations(settings, world, live_server, page):
    from core.tests.test_browser_csp import violations_of
    from core.tests.test_browser_pages import log_in
    from surveys.services import import_survey_responses

    settings.SAMORDNA_REQUIRE_2FA = False
    rows = "".join(f"{n};NNS-DA;A1;2024-05-01;k;Alltid\n" for n in range(6))
    assert import_survey_responses(
        world.a, ("svar_id;enkat;insats;datum;kon;A1\n" + rows).encode(), "s.csv"
    ).ok
    round_id = world.extra["survey_round"].pk
    token = world.extra["survey_round"].token
    status, found = violations_of(page, f"{live_server.url}/enkat/{token}/")
    assert (status, found) == (200, [])
    log_in(page, live_server, world.users["kansli"])
    for path in [
        "enkater/",
        "enkater/NNS-DA/2024/",  # the charts are data: PNGs
        f"enkater/omgangar/{round_id}/",
        f"enkater/omgangar/{round_id}/utskrift/",  # the QR codes are inline SVG
        "enkater/ny/",
    ]:
        status, found = violations_of(page, f"{live_server.url}/f/alfa/{path}")
        assert (status, found) == (200, []), path
