"""The adoption of an annual report runs as a background job (reports/jobs.py): the page
checks the form, the job renders and freezes both files in one transaction."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django_scopes import scope, scopes_disabled

from core import audit
from core.jobs import job_url
from core.models import AuditEvent, Job
from reports import jobs as report_jobs
from reports import services
from reports.models import AdoptedVersion, Report
from samples.testing.reports import ADOPTION_FORM

YEAR = 2024
ADOPT = reverse("reports:adopt", kwargs={"forbund": "alfa", "year": YEAR})
FORM = ADOPTION_FORM


def _adopted(world) -> tuple[int, int, int]:
    with scopes_disabled():
        return (
            AdoptedVersion.objects.filter(report__forbund=world.a).count(),
            Report.objects.filter(forbund=world.a).count(),
            AuditEvent.objects.filter(forbund=world.a, action="report.adopted").count(),
        )


def _job() -> Job:
    with scopes_disabled():
        return Job.objects.get(kind=report_jobs.ADOPT_KIND)


def test_the_job_page_shows_the_adoption_under_way_then_links_to_the_report(
    world, clients, django_capture_on_commit_callbacks
):
    client = clients["kansli"]
    before = _adopted(world)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(ADOPT, FORM)
    job = _job()
    assert response.status_code == 302 and response["Location"] == job_url(job)
    assert (job.title, job.capability, job.owner_only) == (
        "Fastställande av årsredovisningen 2024",
        "reports.manage",
        False,
    )
    assert job.params["signatories"][1] == {"name": "Bo Berg", "role": "ledamot"}
    queued = client.get(job_url(job)).content.decode()
    assert "Köad:" in queued and "<progress" in queued
    assert _adopted(world) == before  # nothing frozen before the job runs
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.state == "done", job.error
    assert _adopted(world) == (before[0] + 1, before[1] + 1, before[2] + 1)
    with scopes_disabled():
        version = AdoptedVersion.objects.get(report__forbund=world.a)
        event = AuditEvent.objects.get(forbund=world.a, action="report.adopted")
    assert version.created_by == world.users["kansli"] and event.actor == world.users["kansli"]
    assert bytes(version.pdf).startswith(b"%PDF") and version.for_publication
    status = client.get(job_url(job) + "status/").json()
    assert status["state"] == "done" and status["steps_done"] == status["steps_total"] == 2
    page = client.get(job_url(job)).content.decode()
    assert "Version 1 av årsredovisningen 2024 är fastställd och låst." in page
    assert "Till årsredovisningen" in page
    # A förbund matter, not a personal one: the board reads it (403: no reports.manage),
    # another förbund does not find it.
    assert clients["styrelse"].get(job_url(job)).status_code == 403
    assert clients["outsider"].get(job_url(job)).status_code == 404
    in_b = reverse("organisations:job", kwargs={"forbund": "beta", "job": job.pk})
    assert clients["outsider"].get(in_b).status_code == 404


def test_a_version_adopted_while_the_job_waited_makes_the_job_fail_and_write_nothing(
    world, clients, django_capture_on_commit_callbacks
):
    """Someone else adopted version 1 meanwhile: this one would be version 2, which needs a
    reason. The job says so in Swedish and links back to the form."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = clients["kansli"].post(ADOPT, FORM)
    with scope(forbund=world.a):
        services.adopt_annual_report(
            world.a,
            YEAR,
            world.users["kansli"],
            adopted_on=date(2025, 3, 19),
            decision_reference="Styrelsen 2025-03-19 § 4",
            signatories=[services.SignatoryInput("Anna Andersson", "ordförande")],
        )
    before = _adopted(world)
    for callback in callbacks:
        callback()
    job = _job()
    assert job.state == "failed"
    assert job.error == (
        "Ingen version har fastställts. Skriv varför en ny version fastställs "
        "(till exempel en rättelse)."
    )
    assert job.result_url == ADOPT
    assert _adopted(world) == before
    page = clients["kansli"].get(response["Location"]).content.decode()
    assert "Jobbet misslyckades. Ingen version har fastställts." in page
    assert "Till formuläret" in page


def test_a_job_that_breaks_after_freezing_the_files_stores_no_version(
    world, clients, monkeypatch, django_capture_on_commit_callbacks
):
    """The version row and both files exist when the audit log breaks: the transaction takes
    them back (and the report row made for the adoption)."""
    before = _adopted(world)
    log = audit.log

    def broken(actor, action, *args, **kwargs):
        if action == "report.adopted":
            assert AdoptedVersion.objects.filter(report__forbund=world.a).exists()
            raise RuntimeError("audit table locked")
        return log(actor, action, *args, **kwargs)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        clients["kansli"].post(ADOPT, FORM)
    monkeypatch.setattr(audit, "log", broken)
    for callback in callbacks:
        callback()
    monkeypatch.undo()
    job = _job()
    assert job.state == "failed" and job.error.startswith("Något gick fel när jobbet kördes.")
    assert _adopted(world) == before


def test_what_the_form_can_tell_is_shown_on_the_form_and_starts_no_job(
    world, clients, django_capture_on_commit_callbacks
):
    with scope(forbund=world.a):
        services.adopt_annual_report(
            world.a,
            YEAR,
            None,
            adopted_on=date(2025, 3, 19),
            decision_reference="§ 4",
            signatories=[services.SignatoryInput("Anna Andersson")],
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["kansli"].post(ADOPT, FORM)  # version 2 without a reason
    assert response.status_code == 200
    assert "Skriv varför en ny version fastställs" in response.content.decode()
    with scopes_disabled():
        assert not Job.objects.filter(kind=report_jobs.ADOPT_KIND).exists()
    assert clients["styrelse"].post(ADOPT, FORM).status_code == 403
