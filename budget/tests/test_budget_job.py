"""The budget file is read by a background job (budget/jobs.py): the page checks the form and
keeps the file, the job reads and writes it all or nothing, seen only by who uploaded it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import Workbook

from budget import jobs as budget_jobs
from budget.models import BudgetLine, BudgetRevision
from budget.services import transfer
from core.jobs import job_url
from core.models import AuditEvent, Job
from samples.testing.organisations import assert_only_the_starter_finds

IMPORT_2024 = reverse("budget:budget_import", kwargs={"forbund": "alfa", "year": 2024})


@pytest.fixture(autouse=True)
def _uploads_in_the_test(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def _file(*rows) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append(["Område", "Benämning", "Insats", "Medlem", "Belopp (kr)"])
    for line in rows:
        workbook.active.append(list(line))
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("budget.xlsx", out.getvalue())


GOOD = (
    ("Administration", "Kanslipersonal", "", "", 1_700_000),
    ("Individinriktade insatser", "", "A1", "", 900_000),
)


def _lines(world) -> list[tuple[str, int]]:
    with scopes_disabled():
        return sorted(
            BudgetLine.objects.filter(budget__forbund=world.a, budget__year=2024).values_list(
                "name", "original_amount"
            )
        )


def _waiting(tmp_path) -> list[str]:
    folder = tmp_path / "uploads"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_the_file_waits_for_the_job_which_writes_it_and_links_to_the_budget(
    world, clients, tmp_path, django_capture_on_commit_callbacks
):
    client = clients["ekonom"]
    before = _lines(world)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(IMPORT_2024, {"file": _file(*GOOD)})
    with scopes_disabled():
        job = Job.objects.get(kind=budget_jobs.KIND)
    assert response.status_code == 302 and response["Location"] == job_url(job)
    assert (job.title, job.owner_only, job.capability) == (
        "Inläsning av budget 2024",
        True,
        "economy.manage",
    )
    assert (job.params["year"], job.params["name"]) == (2024, "budget.xlsx")
    assert len(_waiting(tmp_path)) == 1 and _lines(world) == before
    queued = client.get(job_url(job)).content.decode()
    assert "Köad:" in queued and "<progress" in queued
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.state == "done", job.error
    assert _lines(world) == [("FINSAM-team", 900_000), ("Kanslipersonal", 1_700_000)]
    assert _waiting(tmp_path) == []  # the job removed the file
    with scopes_disabled():
        event = AuditEvent.objects.get(forbund=world.a, action="budget.imported")
    assert event.actor == world.users["ekonom"] and event.changes["rader"] == 2
    page = client.get(job_url(job)).content.decode()
    assert "2 budgetrader är inlästa för 2024." in page
    assert reverse("budget:budget", kwargs={"forbund": "alfa", "year": 2024}) in page
    assert_only_the_starter_finds(job, clients, others=("kansli",))


def test_a_job_that_breaks_after_writing_the_lines_leaves_the_old_budget(
    world, clients, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    before = _lines(world)
    assert before  # the test world's 2024 budget has a line to lose

    def broken(budget):
        # The old lines are gone and the new ones written by now.
        assert BudgetLine.objects.filter(budget=budget).count() == len(GOOD)
        raise RuntimeError("connection lost")

    monkeypatch.setattr(transfer, "snapshot_of", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["ekonom"].post(IMPORT_2024, {"file": _file(*GOOD)})
    with scopes_disabled():
        job = Job.objects.get(kind=budget_jobs.KIND)
        assert not AuditEvent.objects.filter(forbund=world.a, action="budget.imported").exists()
    assert job.state == "failed" and job.error.startswith("Något gick fel när jobbet kördes.")
    assert _lines(world) == before
    assert _waiting(tmp_path) == []
    page = clients["ekonom"].get(response["Location"]).content.decode()
    assert "Jobbet misslyckades." in page


def test_a_revised_budget_is_refused_on_the_page_without_a_job(
    world, clients, tmp_path, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        budget = BudgetLine.objects.filter(budget__forbund=world.a).first().budget
        BudgetRevision.objects.create(
            forbund=world.a,
            budget=budget,
            decided_on=date(2024, 9, 1),
            reference="§ 7",
            note="Vakans.",
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["ekonom"].post(IMPORT_2024, {"file": _file(*GOOD)})
    assert response.status_code == 200
    assert "har ändringsbeslut och den ursprungliga budgeten kan inte ersättas" in (
        response.content.decode()
    )
    with scopes_disabled():
        assert not Job.objects.filter(kind=budget_jobs.KIND).exists()
    assert _waiting(tmp_path) == []


def test_board_members_cannot_start_the_job(clients):
    assert clients["styrelse"].post(IMPORT_2024, {"file": _file(*GOOD)}).status_code == 403
    with scopes_disabled():
        assert not Job.objects.filter(kind=budget_jobs.KIND).exists()
