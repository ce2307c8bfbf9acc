"""A big participant file is written in the background (participants/jobs.py): the same
all-or-nothing import, followed on the job's page, seen only by the person who started it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from core.models import AuditEvent, Job
from participants import jobs as participant_jobs
from participants.models import Participation
from samples.participant_rows import csv_bytes, row
from samples.testing.organisations import assert_only_the_starter_finds

IMPORT = reverse("participants:import", kwargs={"forbund": "alfa"})
CONFIRM = reverse("participants:import_confirm", kwargs={"forbund": "alfa"})


@pytest.fixture(autouse=True)
def _big_means_two_rows(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(participant_jobs, "BACKGROUND_ROWS", 2)


def _count(world) -> int:
    with scope(forbund=world.a):
        return Participation.objects.count()


def _checked(client, rows) -> str:
    response = client.post(IMPORT, {"file": SimpleUploadedFile("deltagare.csv", csv_bytes(rows))})
    assert response.context["result"].ok
    return response.context["token"]


def test_a_big_file_is_written_by_a_job(
    world, clients, tmp_path, django_capture_on_commit_callbacks
):
    client = clients["kansli"]
    before = _count(world)
    token = _checked(client, [row(), row(deltagar_id="ALFA-002", insats="A2")])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CONFIRM, {"token": token})
    with scopes_disabled():
        job = Job.objects.get(kind=participant_jobs.KIND)
    job_page = reverse("organisations:job", kwargs={"forbund": "alfa", "job": job.pk})
    assert response.status_code == 302 and response["Location"] == job_page
    assert (job.state, job.owner_only, job.title) == ("done", True, "Import av deltagarfilen")
    assert job.message.startswith("Importen är klar. 2 rader: 2 nya deltaganden")
    assert _count(world) == before + 2
    assert list((tmp_path / "uploads").iterdir()) == []  # the job removed the checked file
    with scope(forbund=world.a):
        assert (
            AuditEvent.objects.get(action="participations.imported").actor == world.users["kansli"]
        )
    page = client.get(job_page).content.decode()
    assert "Importen är klar." in page and "Till deltagandena" in page
    assert client.get(job_page + "fil/").status_code == 404  # an import leaves no file
    assert_only_the_starter_finds(job, clients, others=("insatsansvarig", "ekonom"))
    # The token was handed to the job: confirming again finds nothing.
    assert client.post(CONFIRM, {"token": token}).status_code == 404


def test_a_job_import_that_fails_saves_nothing_and_says_why_in_swedish(
    world, clients, django_capture_on_commit_callbacks
):
    client = clients["kansli"]
    before = _count(world)
    token = _checked(client, [row(), row(deltagar_id="ALFA-002", insats="A2")])
    # Before the job runs, insats A2 goes away: the rows checked a moment ago are now wrong.
    with scope(forbund=world.a):
        world.insats_a2.code = "A2-NY"
        world.insats_a2.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CONFIRM, {"token": token})
    with scopes_disabled():
        job = Job.objects.get(kind=participant_jobs.KIND)
    assert job.state == "failed"
    assert job.error.startswith("Inget har sparats. Rad 3, kolumn insats, värde ”A2”")
    assert job.error.endswith("Rätta filen och ladda upp den igen.")
    assert _count(world) == before


def test_a_small_file_is_still_written_in_the_request(world, clients, monkeypatch):
    monkeypatch.setattr(participant_jobs, "BACKGROUND_ROWS", 3)
    client = clients["kansli"]
    before = _count(world)
    token = _checked(client, [row(), row(deltagar_id="ALFA-002", insats="A2")])
    response = client.post(CONFIRM, {"token": token})
    assert response["Location"] == reverse(
        "participants:participations", kwargs={"forbund": "alfa"}
    )
    assert _count(world) == before + 2
    with scopes_disabled():
        assert not Job.objects.filter(kind=participant_jobs.KIND).exists()
