"""Report files made in the background (reports/jobs.py): the button posts, the user lands on
the job's page, the file equals the direct download's."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scopes_disabled

from core import audit
from core.models import AuditEvent, Job

from .report_tools import docx_text

YEAR = 2024


def _post(client, **data):
    return client.post(reverse("reports:generate", kwargs={"forbund": "alfa"}), data)


def test_the_annual_report_through_a_job_equals_the_direct_download(
    world, clients, django_capture_on_commit_callbacks
):
    board = clients["styrelse"]
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(board, kind="arsredovisning", year=YEAR, format="docx")
    with scopes_disabled():
        job = Job.objects.get(forbund=world.a, started_by=world.users["styrelse"])
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "organisations:job", kwargs={"forbund": "alfa", "job": job.pk}
    )
    assert job.title == "Årsredovisning 2024 som Word"
    assert (job.state, job.capability, job.steps_done, job.steps_total) == (
        "done",
        "reports.view",
        3,
        3,
    )
    page = board.get(response["Location"]).content.decode()
    assert "Ladda ner arsredovisning-2024-alfa.docx" in page
    from_job = board.get(
        reverse("organisations:job_file", kwargs={"forbund": "alfa", "job": job.pk})
    )
    direct = board.get(reverse("reports:annual_docx", kwargs={"forbund": "alfa", "year": YEAR}))
    assert from_job.status_code == direct.status_code == 200
    assert 'filename="arsredovisning-2024-alfa.docx"' in from_job["Content-Disposition"]
    assert from_job["Content-Type"] == direct["Content-Type"]
    with scopes_disabled():
        exported = AuditEvent.objects.filter(action=audit.EXPORT_DOWNLOADED).order_by("-id")
        logged = [event.changes for event in exported[:2]]
    assert {"typ": "arsredovisning", "format": "docx", "år": YEAR}.items() <= logged[1].items()
    text = docx_text(from_job.content)
    assert "Årsredovisning" in text
    assert text == docx_text(direct.content)
    # Insatsansvarig may not read reports: neither the job's page nor its file.
    job_page = reverse("organisations:job", kwargs={"forbund": "alfa", "job": job.pk})
    assert clients["insatsansvarig"].get(job_page).status_code == 403
    assert clients["outsider"].get(job_page).status_code == 404


def test_plan_and_period_report_jobs_and_a_bad_order(
    world, clients, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(clients["ekonom"], kind="verksamhetsplan", year=YEAR, format="pdf")
        _post(clients["ekonom"], kind="periodrapport", year=YEAR, period="t2", format="docx")
        bad = _post(clients["ekonom"], kind="periodrapport", year=YEAR, period="q9", format="pdf")
    assert bad.status_code == 302
    assert bad["Location"] == reverse("reports:index", kwargs={"forbund": "alfa"})
    with scopes_disabled():
        done = {
            (job.title, job.state, job.file_name) for job in Job.objects.filter(forbund=world.a)
        }
    assert done == {
        ("Verksamhetsplan 2024 som PDF", "done", "verksamhetsplan-2024-alfa.pdf"),
        ("Tertialrapport 2 2024 som Word", "done", "periodrapport-2024-t2-alfa.docx"),
    }
    assert (
        _post(
            clients["insatsansvarig"], kind="verksamhetsplan", year=YEAR, format="pdf"
        ).status_code
        == 403
    )
    assert (
        clients["ekonom"].get(reverse("reports:generate", kwargs={"forbund": "alfa"})).status_code
        == 405
    )
