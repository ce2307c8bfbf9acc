"""The confirmed SIE file is written by a background job (economy/jobs.py): all or nothing,
followed on the job's page, seen only by the person who confirmed it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse
from django_scopes import scopes_disabled

from core.jobs import job_url
from core.models import AuditEvent, Job
from economy import jobs as economy_jobs
from economy.models import FinancialYear, PendingSieUpload, Transaction, Voucher
from economy.services import ledger_writer
from samples.testing.locks import import_lock_held_elsewhere
from samples.testing.organisations import assert_only_the_starter_finds

CONFIRM = "economy:confirm"


def _confirm_url(pending) -> str:
    return reverse(CONFIRM, kwargs={"forbund": "alfa", "upload": pending.pk})


def _counts(world) -> tuple[int, int, int, int]:
    with scopes_disabled():
        return (
            FinancialYear.objects.filter(forbund=world.a).count(),
            Voucher.objects.filter(forbund=world.a).count(),
            Transaction.objects.filter(forbund=world.a).count(),
            AuditEvent.objects.filter(forbund=world.a, action="economy.sie_imported").count(),
        )


def _confirm_queued(client, pending, capture_on_commit):
    """Confirms the file: the job is queued and not yet run. Returns the answer and the
    callbacks that would run it when the request's transaction commits."""
    with capture_on_commit(execute=False) as callbacks:
        response = client.post(_confirm_url(pending), {"confirm": ""})
    return response, callbacks


@pytest.fixture
def pending(world):
    with scopes_disabled():
        return world.extra["sie_upload_alfa"]  # uploaded by the ekonom, not yet confirmed


def test_the_job_page_shows_the_queued_import_then_its_result_to_the_owner_only(
    world, clients, pending, django_capture_on_commit_callbacks
):
    client = clients["ekonom"]
    before = _counts(world)
    response, callbacks = _confirm_queued(client, pending, django_capture_on_commit_callbacks)
    with scopes_disabled():
        job = Job.objects.get(kind=economy_jobs.SIE_KIND)
    assert response.status_code == 302 and response["Location"] == job_url(job)
    # Queued: nothing written yet, the page says so and reloads itself.
    queued = client.get(job_url(job)).content.decode()
    assert "Köad:" in queued and "Inläsning av SIE-fil" in queued
    assert "<progress" in queued and 'http-equiv="refresh"' in queued
    assert _counts(world) == before
    # A second click while it waits gives the same job.
    with django_capture_on_commit_callbacks(execute=False):
        again = client.post(_confirm_url(pending), {"confirm": ""})
    assert again["Location"] == job_url(job)
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.state == "done", job.error
    years, vouchers, transactions, imports = _counts(world)
    assert (years, imports) == (before[0] + 1, before[3] + 1)
    assert vouchers > before[1] and transactions > before[2]
    status = client.get(job_url(job) + "status/").json()
    assert status["finished"] and status["message"].startswith("Räkenskapsåret ")
    assert status["result_url"].startswith("/f/alfa/ekonomi/")
    with scopes_disabled():
        assert not PendingSieUpload.objects.filter(pk=pending.pk).exists()
        event = AuditEvent.objects.get(forbund=world.a, action="economy.sie_imported")
    assert event.actor == world.users["ekonom"]
    assert_only_the_starter_finds(job, clients, others=("kansli",))


def test_a_job_that_fails_while_writing_leaves_no_trace_of_the_books(
    world, clients, pending, monkeypatch, django_capture_on_commit_callbacks
):
    """The writer has stored the year and its vouchers when it breaks: the job's transaction
    takes them back, and the waiting file is there again to confirm once more."""
    before = _counts(world)
    write = ledger_writer.LedgerWriter.write

    def write_then_break(self, balances):
        write(self, balances)
        assert Voucher.objects.filter(financial_year=self.year).exists()  # really written
        raise RuntimeError("disk full")

    monkeypatch.setattr(ledger_writer.LedgerWriter, "write", write_then_break)
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["ekonom"].post(_confirm_url(pending), {"confirm": ""})
    with scopes_disabled():
        job = Job.objects.get(kind=economy_jobs.SIE_KIND)
        assert PendingSieUpload.objects.filter(pk=pending.pk).exists()
    assert job.state == "failed"
    assert job.error.startswith("Något gick fel när jobbet kördes.")
    assert "disk full" not in job.error
    assert _counts(world) == before
    page = clients["ekonom"].get(response["Location"]).content.decode()
    assert "Jobbet misslyckades." in page


def test_a_file_cancelled_before_the_job_ran_is_not_imported_and_the_page_says_so(
    world, clients, pending, django_capture_on_commit_callbacks
):
    client = clients["ekonom"]
    before = _counts(world)
    response, callbacks = _confirm_queued(client, pending, django_capture_on_commit_callbacks)
    # Cancelled in another tab while the job waited in the queue.
    assert client.post(_confirm_url(pending), {"cancel": ""}).status_code == 302
    for callback in callbacks:
        callback()
    page = client.get(response["Location"]).content.decode()
    assert "Jobbet misslyckades. Filen har redan importerats eller avbrutits." in page
    assert _counts(world) == before


def test_who_may_not_import_cannot_start_the_job(world, clients, pending):
    for persona in ("styrelse", "revisor"):
        response = clients[persona].post(_confirm_url(pending), {"confirm": ""})
        assert response.status_code == 403
    assert clients["outsider"].post(_confirm_url(pending), {"confirm": ""}).status_code == 404
    with scopes_disabled():
        assert not Job.objects.filter(kind=economy_jobs.SIE_KIND).exists()


@pytest.mark.django_db(transaction=True)
def test_while_another_import_holds_the_lock_the_job_fails_and_the_file_waits(world, clients):
    """PostgreSQL: a second connection holds the förbund's SIE import lock while the job runs
    (in transactional tests the job runs when the request's work is saved, in the request)."""
    if connection.vendor != "postgresql":
        pytest.skip("en andra anslutning som håller låset kräver PostgreSQL")
    pending = world.extra["sie_upload_alfa"]
    before = _counts(world)
    with import_lock_held_elsewhere(world.a, "sie"):
        response = clients["ekonom"].post(_confirm_url(pending), {"confirm": ""})
    with scopes_disabled():
        job = Job.objects.get(kind=economy_jobs.SIE_KIND)
        # The file waits to be confirmed again.
        assert PendingSieUpload.objects.filter(pk=pending.pk).exists()
    assert response["Location"] == job_url(job)
    assert job.state == "failed"
    assert job.error.startswith("Inget har sparats. En annan import pågår")
    assert job.result_url == _confirm_url(pending)
    assert _counts(world) == before
