"""The upload flow in a real browser: an error table first, then a good file confirmed."""

import os

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django_scopes import scope

from participants.models import Participation
from samples.participant_rows import csv_bytes, row, xlsx_bytes

# Playwright's sync API runs an event loop; Django refuses ORM calls from it unless allowed.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_upload_shows_the_errors_then_a_summary_and_saves_after_confirmation(
    settings, tmp_path, world, live_server, page
):
    settings.SAMORDNA_REQUIRE_2FA = False
    settings.VAR_DIR = tmp_path
    log_in(page, live_server, world.users["insatsansvarig"])
    page.goto(f"{live_server.url}/f/alfa/deltaganden/importera/")
    assert page.locator("h1").inner_text() == "Importera deltagarfil"

    bad = csv_bytes([row(), row(deltagar_id="ALFA-002", startdatum="2023-02-30")])
    page.get_by_label("Deltagarfil (.xlsx eller .csv)").set_input_files(
        {"name": "deltagare.csv", "mimeType": "text/csv", "buffer": bad}
    )
    page.get_by_role("button", name="Kontrollera filen").click()
    assert page.locator("h1").inner_text() == "Filen kan inte importeras"
    table = page.get_by_role("table", name="Fel i filen")
    assert table.locator("tbody tr").count() == 1
    assert table.locator("tbody tr td").all_inner_texts() == [
        "3",
        "startdatum",
        "2023-02-30",
        "Datumet finns inte i kalendern.",
    ]
    with scope(forbund=world.a):
        assert not Participation.objects.filter(participant__code="ALFA-001").exists()

    good = xlsx_bytes([row(), row(deltagar_id="ALFA-002", startdatum="2023-03-01")])
    page.get_by_label("Deltagarfil (.xlsx eller .csv)").set_input_files(
        {"name": "deltagare.xlsx", "mimeType": "application/octet-stream", "buffer": good}
    )
    page.get_by_role("button", name="Kontrollera filen").click()
    assert page.locator("h1").inner_text() == "Kontrollerad fil – bekräfta importen"
    assert "2 nya deltaganden" in page.get_by_role("status").first.inner_text()
    with scope(forbund=world.a):
        assert not Participation.objects.filter(participant__code="ALFA-001").exists()

    page.get_by_role("button", name="Bekräfta och spara").click()
    page.wait_for_url(f"{live_server.url}/f/alfa/deltaganden/")
    assert "Importen är klar" in page.locator(".messages").inner_text()
    assert page.get_by_role("link", name="ALFA-002").is_visible()
    with scope(forbund=world.a):
        assert Participation.objects.filter(participant__code__startswith="ALFA-").count() == 2
