"""The economy pages: who may read and who may change, the upload with its preview, and the
figures as the pages show them (Swedish number format, tkr)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from core.formatting import NBSP
from core.jobs import job_url
from core.models import AuditEvent, Job
from economy import jobs as economy_jobs
from economy.models import (
    AccountLineOverride,
    BalanceAdjustment,
    EconomySettings,
    EquityGuidelineStep,
    FinancialYear,
    PendingSieUpload,
    StaffYear,
)
from economy.tests.sie_files import SIE_SAMPLES as SAMPLES

READ_PAGES = ("economy:statements", "economy:operating", "economy:checks", "economy:overview")


def url(name: str, **kwargs) -> str:
    return reverse(name, kwargs={"forbund": "alfa", **kwargs})


def upload(client, path, name=None):
    file = SimpleUploadedFile(name or path.name, path.read_bytes())
    return client.post(url("economy:upload"), {"file": file})


@pytest.mark.parametrize("persona", ["styrelse", "revisor", "kansli", "ekonom"])
def test_board_auditor_office_and_economist_read_every_economy_page(books, clients, persona):
    for name in READ_PAGES:
        response = clients[persona].get(url(name, year=2023))
        assert response.status_code == 200, (name, persona)
    assert clients[persona].get(url("economy:home")).status_code == 200


@pytest.mark.parametrize("persona", ["styrelse", "revisor"])
def test_board_and_auditor_cannot_upload_or_configure(books, clients, persona, handmade_path):
    client = clients[persona]
    assert upload(client, handmade_path).status_code == 403
    for name in (
        "economy:upload",
        "economy:mapping",
        "economy:settings",
        "economy:staff",
        "economy:adjustments",
    ):
        assert client.get(url(name)).status_code == 403, name
        assert client.post(url(name), {}).status_code == 403, name
    assert client.post(url("economy:delete_year", year=2023)).status_code == 403
    with scopes_disabled():
        assert PendingSieUpload.objects.filter(uploaded_by__username=f"{persona}-a").count() == 0


def test_insatsansvarig_sees_no_economy_page(books, clients):
    for name in READ_PAGES:
        assert clients["insatsansvarig"].get(url(name, year=2023)).status_code == 403
    assert clients["insatsansvarig"].get(url("economy:home")).status_code == 403


def test_outsider_gets_404(books, clients):
    assert clients["outsider"].get(url("economy:statements", year=2023)).status_code == 404


def test_statements_page_shows_the_figures_in_tkr_or_kronor(books, clients):
    page = clients["revisor"].get(url("economy:statements", year=2023)).content.decode()
    assert f"1{NBSP}545" in page  # kassa och bank, tkr
    assert f"92,88{NBSP}%" in page  # soliditet
    assert "Medlemsbidrag staten" in page  # a note
    in_kronor = clients["revisor"].get(url("economy:statements", year=2023) + "?enhet=kr")
    assert f"1{NBSP}545{NBSP}000" in in_kronor.content.decode()


def test_statements_page_needs_few_queries(books, clients, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        clients["styrelse"].get(url("economy:statements", year=2023))


def test_pages_for_a_year_without_books_say_so(clients, world):
    page = clients["kansli"].get(url("economy:statements", year=2019)).content.decode()
    assert "ingen inläst bokföring för 2019" in page


def test_operating_page_shows_insatser_and_a_period(books, clients):
    page = clients["styrelse"].get(url("economy:operating", year=2023)).content.decode()
    assert "FINSAM-team (FT)" in page and "Kompetensutveckling (KOMP)" in page
    period = clients["styrelse"].get(url("economy:operating", year=2023) + "?till=2023-06-30")
    assert "Utfall till och med 2023-06-30" in period.content.decode()
    wrong = clients["styrelse"].get(url("economy:operating", year=2023) + "?till=2022-06-30")
    assert "Datumet ska ligga i 2023" in wrong.content.decode()


def test_checks_page_shows_each_status(books, clients):
    page = clients["revisor"].get(url("economy:checks", year=2023)).content.decode()
    assert "Ej uppfyllt" in page and "Uppfyllt" in page
    assert "Administrationens andel av kostnaderna" in page


def test_upload_shows_a_preview_and_imports_only_when_confirmed(
    forbund, clients, handmade_path, django_capture_on_commit_callbacks
):
    client = clients["ekonom"]
    response = upload(client, handmade_path)
    assert response.status_code == 302
    with scopes_disabled():
        assert not FinancialYear.objects.filter(forbund=forbund, end__year=2023).exists()
        pending = PendingSieUpload.objects.get(forbund=forbund, file_name=handmade_path.name)
    preview = client.get(response["Location"]).content.decode()
    assert "2023-01-01–2023-12-31" in preview and "Filen lästes utan varningar." in preview
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(response["Location"], {"confirm": ""})
    # The books are written by a job (economy/jobs.py); its page links to the statements.
    with scopes_disabled():
        job = Job.objects.get(kind=economy_jobs.SIE_KIND)
        year = FinancialYear.objects.get(forbund=forbund, end__year=2023)
        assert not PendingSieUpload.objects.filter(pk=pending.pk).exists()
        assert (
            AuditEvent.objects.get(forbund=forbund, action="economy.sie_imported").actor
            == year.imported_by
        )
    assert done.status_code == 302 and done["Location"] == job_url(job)
    assert (job.state, job.owner_only, job.result_url) == (
        "done",
        True,
        url("economy:statements", year=2023),
    )
    assert year.imported_by.username == "ekonom-a"
    page = client.get(done["Location"]).content.decode()
    assert "Räkenskapsåret 2023-01-01–2023-12-31 är inläst" in page
    assert "Till resultat- och balansräkningen" in page


def test_preview_groups_large_counts_in_thousands(world, clients):
    response = upload(clients["ekonom"], SAMPLES / "Test4.SE")  # 1 464 #TRANS lines
    assert response.status_code == 302
    preview = clients["ekonom"].get(response["Location"]).content.decode()
    transactions = re.search(r"<dt>Transaktioner</dt><dd>([^<]*)</dd>", preview)
    assert transactions is not None
    assert re.fullmatch(r"\d{1,3}(\u00a0\d{3})+", transactions.group(1)), transactions.group(1)


def test_preview_lists_the_warnings_of_the_file(world, clients):
    response = upload(clients["kansli"], SAMPLES / "LON Lönekörning.SI")
    preview = clients["kansli"].get(response["Location"]).content.decode()
    assert "konto 1940 saknar #KONTO" in preview


def test_a_refused_file_shows_its_errors_with_line_numbers_and_nothing_is_saved(world, clients):
    response = upload(clients["ekonom"], SAMPLES / "transaktioner_ovnbolag-bad-balance.se")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Inget sparades" in page and "Rad 3905:" in page
    with scopes_disabled():
        assert not FinancialYear.objects.filter(forbund=world.a, end__year=2011).exists()
        assert PendingSieUpload.objects.filter(uploaded_by=world.users["ekonom"]).count() == 1


def test_cancelling_a_preview_deletes_the_upload(world, clients):
    with scopes_disabled():
        pending = world.extra["sie_upload_alfa"]
    response = clients["ekonom"].post(url("economy:confirm", upload=pending.pk), {"cancel": ""})
    assert response.status_code == 302
    with scopes_disabled():
        assert not PendingSieUpload.objects.filter(pk=pending.pk).exists()
        assert not FinancialYear.objects.filter(forbund=world.a, end__year=2023).exists()


def test_mapping_page_adds_and_removes_an_override(books, forbund, clients):
    client = clients["ekonom"]
    response = client.post(
        url("economy:mapping"), {"account": "8410", "line": "verksamhetens_intakter", "note": ""}
    )
    assert response.status_code == 302
    with scopes_disabled():
        override = AccountLineOverride.objects.get(forbund=forbund, account="8410")
    duplicate = client.post(
        url("economy:mapping"), {"account": "8410", "line": "kassa_och_bank", "note": ""}
    )
    assert "har redan en egen mappning" in duplicate.content.decode()
    page = client.get(url("economy:mapping")).content.decode()
    assert "Ränteintäkter" in page and "Verksamhetens intäkter" in page
    client.post(url("economy:mapping"), {"delete": override.pk})
    with scopes_disabled():
        assert not AccountLineOverride.objects.filter(forbund=forbund).exists()


def test_settings_page_saves_thresholds_and_makes_the_equity_steps_editable(forbund, clients):
    client = clients["kansli"]
    data = {
        "settings-object_dimension": "1",
        "settings-admin_object_codes": "KANSLI",
        "settings-contribution_accounts": "3510-3539",
        "settings-admin_share_max_percent": "33.33",
        "settings-admin_share_basis": "budget",
        "settings-individual_share_min_percent": "70",
        "settings-structural_share_max_percent": "30",
        "settings-split_basis": "utfall",
        "settings-balance_requirement_min": "0",
        "settings-solidity_min_percent": "0",
        "steps-TOTAL_FORMS": "0",
        "steps-INITIAL_FORMS": "0",
    }
    assert client.post(url("economy:settings"), data).status_code == 302
    with scopes_disabled():
        saved = EconomySettings.objects.get(forbund=forbund)
    assert (saved.object_dimension, saved.admin_share_max_percent) == (1, Decimal("33.33"))
    client.post(url("economy:settings"), {"own_steps": ""})
    with scopes_disabled():
        assert EquityGuidelineStep.objects.filter(forbund=forbund).count() == 3
    bad = client.post(url("economy:settings"), {**data, "settings-contribution_accounts": "x"})
    assert "Skriv konton eller intervall" in bad.content.decode()


def test_staff_and_adjustment_pages_save_what_the_books_do_not_hold(forbund, clients):
    client = clients["ekonom"]
    client.post(
        url("economy:staff"),
        {"year": "2023", "administration": "1.8", "structural": "0.8", "individual": "8.7"},
    )
    again = client.post(url("economy:staff"), {"year": "2023", "total_entered": "11"})
    assert "finns redan" in again.content.decode()
    client.post(
        url("economy:adjustments"),
        {
            "year": "2023",
            "kind": "realisationsvinster",
            "description": "Realisationsvinst",
            "amount": "-5000",
        },
    )
    with scopes_disabled():
        assert StaffYear.objects.get(forbund=forbund, year=2023).total == Decimal("11.3")
        adjustment = BalanceAdjustment.objects.get(forbund=forbund)
        assert (adjustment.amount, adjustment.kind) == (Decimal("-5000"), "realisationsvinster")


def test_deleting_a_year_removes_its_books(books, forbund, clients):
    assert clients["ekonom"].get(url("economy:delete_year", year=2023)).status_code == 200
    assert clients["ekonom"].post(url("economy:delete_year", year=2023)).status_code == 302
    with scopes_disabled():
        assert not FinancialYear.objects.filter(forbund=forbund, end__year=2023).exists()


def test_start_page_shows_the_economy_panel_to_economy_readers(books, clients):
    page = clients["styrelse"].get(reverse("organisations:home", kwargs={"forbund": "alfa"}))
    assert "Räkenskapsår 2024" in page.content.decode()
    assert (
        "Ekonomi"
        not in clients["insatsansvarig"]
        .get(reverse("organisations:home", kwargs={"forbund": "alfa"}))
        .content.decode()
        .split("<main")[1]
    )


@time_machine.travel(datetime(2025, 6, 15, 12, tzinfo=UTC), tick=False)
def test_an_upload_removes_files_nobody_confirmed_within_a_day(world, clients, handmade_path):
    with scopes_disabled():
        stale = world.extra["sie_upload_alfa"]  # uploaded by the ekonom
        PendingSieUpload.objects.filter(pk=stale.pk).update(
            created_at=timezone.now() - timedelta(days=2)
        )
    upload(clients["kansli"], handmade_path)
    with scopes_disabled():
        assert not PendingSieUpload.objects.filter(pk=stale.pk).exists()
        assert PendingSieUpload.objects.filter(uploaded_by=world.users["kansli"]).count() == 1
