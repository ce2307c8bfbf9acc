"""Report pages. Everyone with reports.view reads and downloads; reports.manage (kansli)
writes the texts and goals and records the board's adoption."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.shortcuts import render

from core.years import is_valid_year
from organisations.access import forbund_view
from organisations.roles import has_capability

from ..choices import Period, ReportKind
from ..models import AdoptedVersion, Goal, Report


def can_manage(request) -> bool:
    return has_capability(request.membership.role, "reports.manage")


def download(content: bytes, name: str, fmt: str) -> HttpResponse:
    from reports.services.generation import FORMATS

    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def report_years(forbund) -> list[int]:
    """Years worth a report: from the first year with data or a report to next year."""
    from budget.models import Budget
    from economy.models import FinancialYear
    from participants.services.statistics import years_with_participations

    this_year = date.today().year
    years = {this_year - 1, this_year}
    years.update(Report.objects.values_list("year", flat=True))
    years.update(Goal.objects.values_list("year", flat=True))
    years.update(Budget.objects.values_list("year", flat=True))
    years.update(end.year for end in FinancialYear.objects.values_list("end", flat=True))
    years.update(years_with_participations(forbund))
    return sorted((y for y in years if is_valid_year(y)), reverse=True)


@forbund_view("reports.view", methods=("GET", "HEAD"))
def index(request) -> HttpResponse:
    this_year = date.today().year
    reports = {(r.kind, r.year, r.period): r for r in Report.objects.all()}
    adopted: dict[int, list[AdoptedVersion]] = {}
    for version in AdoptedVersion.objects.defer("docx", "pdf", "data").select_related("report"):
        adopted.setdefault(version.report_id, []).append(version)
    goal_counts: dict[int, int] = {}
    for year in Goal.objects.values_list("year", flat=True):
        goal_counts[year] = goal_counts.get(year, 0) + 1
    rows = []
    for year in report_years(request.forbund):
        annual = reports.get((ReportKind.ANNUAL, year, ""))
        versions = sorted(adopted.get(annual.pk, []), key=lambda v: v.version) if annual else []
        rows.append(
            {
                "year": year,
                "annual_possible": year <= this_year,
                "latest": versions[-1] if versions else None,
                "goals": goal_counts.get(year, 0),
                "has_plan": (ReportKind.PLAN, year, "") in reports,
            }
        )
    return render(
        request,
        "reports/index.html",
        {"rows": rows, "periods": Period.choices, "can_manage": can_manage(request)},
    )
