"""The report pages with the personas of the shared test world (förbund A and outsider B)."""

from __future__ import annotations

from django_scopes import scopes_disabled

from core.jobs import job_url
from core.models import AuditEvent, Job
from reports.models import AdoptedVersion, Goal, Report, ReportText
from samples.testing.reports import ADOPTION_FORM

YEAR = 2024


def url(name: str, **kwargs) -> str:
    from django.urls import reverse

    return reverse(f"reports:{name}", kwargs={"forbund": "alfa", **kwargs})


def test_the_board_reads_and_downloads_but_cannot_write(clients):
    board = clients["styrelse"]
    assert board.get(url("annual", year=YEAR)).status_code == 200
    response = board.get(url("annual_pdf", year=YEAR))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="arsredovisning-2024-alfa.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    assert board.post(url("annual_texts", year=YEAR), {"ordforande": "x"}).status_code == 403
    assert board.post(url("adopt", year=YEAR), {}).status_code == 403


def test_project_leaders_and_outsiders_see_no_reports(clients):
    assert clients["insatsansvarig"].get(url("index")).status_code == 403
    assert clients["outsider"].get(url("annual", year=YEAR)).status_code == 404


def test_the_office_writes_the_texts_of_the_annual_report(world, clients):
    state = clients["kansli"].get(url("annual_texts", year=YEAR)).context["form"]["state"].initial
    response = clients["kansli"].post(
        url("annual_texts", year=YEAR),
        {
            "ordforande": "Ett **bra** år.\r\n\r\n- först\r\n- sedan",
            "handelser": "",
            "state": state,
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        report = Report.objects.get(forbund=world.a, kind="arsredovisning", year=YEAR)
        texts = dict(ReportText.objects.filter(report=report).values_list("key", "text"))
        assert texts == {"ordforande": "Ett **bra** år.\n\n- först\n- sedan"}
        assert AuditEvent.objects.filter(action="report.texts_saved", forbund=world.a).exists()
    page = clients["kansli"].get(url("annual", year=YEAR)).content.decode()
    assert "Skriven" in page


def test_the_office_adds_a_goal_and_sees_its_result(world, clients):
    response = clients["kansli"].post(
        url("goal_add", year=YEAR),
        {
            "insats": world.insats_a1.pk,
            "title": "Minst 10 deltagare",
            "indicator": "deltagare",
            "direction": "minst",
            "target": "10",
            "position": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with scopes_disabled():
        goal = Goal.objects.get(forbund=world.a, year=YEAR)
    assert goal.insats == world.insats_a1
    page = clients["styrelse"].get(url("goals", year=YEAR)).content.decode()
    assert "Minst 10 deltagare" in page
    assert "Ej uppfyllt" in page  # no participants registered in the test world


def test_a_goal_computed_from_data_refuses_a_manual_result(world, clients):
    response = clients["kansli"].post(
        url("goal_add", year=YEAR),
        {
            "title": "Hälften kvinnor",
            "indicator": "andel_kvinnor",
            "direction": "nara",
            "target": "50",
            "manual_result": "48",
            "position": "0",
        },
    )
    assert response.status_code == 200
    assert "räknas fram ur data" in response.content.decode()


def test_a_goal_of_another_forbund_cannot_be_edited(world, clients):
    with scopes_disabled():
        goal = Goal.objects.create(
            forbund=world.b, year=YEAR, title="Betas mål", indicator="manuell", target=1
        )
    assert clients["kansli"].get(url("goal_edit", year=YEAR, goal=goal.pk)).status_code == 404


def test_marking_for_publication_is_saved_and_logged(world, clients):
    response = clients["kansli"].post(
        url("annual_options", year=YEAR), {"for_publication": "on", "signing_place": "Alfaby"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        report = Report.objects.get(forbund=world.a, kind="arsredovisning", year=YEAR)
        assert report.for_publication
        assert AuditEvent.objects.filter(action="report.updated").exists()
    page = clients["ekonom"].get(url("annual", year=YEAR)).content.decode()
    assert "Ja, små antal döljs" in page


def test_the_office_records_the_boards_adoption_and_the_files_are_kept(
    world, clients, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["kansli"].post(url("adopt", year=YEAR), ADOPTION_FORM)
    assert response.status_code == 302, response.content.decode()[:3000]
    # The files are rendered and frozen by a job (reports/jobs.py); its page links on.
    with scopes_disabled():
        job = Job.objects.get(kind="reports.adopt")
    assert response["Location"] == job_url(job)
    assert (job.state, job.result_url) == ("done", url("annual", year=YEAR))
    assert "Version 1 av årsredovisningen 2024 är fastställd och låst." in job.message
    with scopes_disabled():
        version = AdoptedVersion.objects.get(report__forbund=world.a)
        assert version.for_publication  # the version that leaves the förbund
        assert version.signatories == [
            {"name": "Anna Andersson", "role": "ordförande"},
            {"name": "Bo Berg", "role": "ledamot"},
        ]
        assert AuditEvent.objects.filter(action="report.adopted").exists()
    download = clients["revisor"].get(url("version_pdf", year=YEAR, report_version=1))
    assert download.content == bytes(version.pdf)
    diff = clients["revisor"].get(url("version_diff", year=YEAR, report_version=1))
    assert "Inga skillnader" in diff.content.decode()
    page = clients["styrelse"].get(url("annual", year=YEAR)).content.decode()
    assert "Fastställd 2025-03-19, version 1" in page


def test_the_business_plan_and_a_period_report_download(clients):
    plan = clients["ekonom"].get(url("plan_docx", year=YEAR))
    assert plan.status_code == 200
    assert plan.content.startswith(b"PK")
    period = clients["ekonom"].get(url("period_pdf", year=YEAR, report_period="t2"))
    assert period.status_code == 200
    assert period.content.startswith(b"%PDF")
    assert clients["ekonom"].get(url("period", year=YEAR, report_period="q9")).status_code == 404


def test_the_start_page_shows_the_annual_report_panel(clients):
    page = clients["styrelse"].get("/f/alfa/").content.decode()
    assert "Årsredovisning" in page
    assert "Till årsredovisningen" in page
