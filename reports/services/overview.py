"""Short status of a förbund's reports for the start page (cheap: no data collection)."""

from __future__ import annotations

from datetime import date
from typing import Any

from reports.choices import ReportKind
from reports.models import AdoptedVersion, Goal, ReportText
from reports.services.sections import sections_for


def annual_status(forbund, year: int | None = None) -> dict[str, Any]:
    """The annual report of last year (or `year`): written sections, goals, adoption."""
    year = year or date.today().year - 1
    texts = ReportText.objects.filter(
        report__forbund=forbund, report__kind=ReportKind.ANNUAL, report__year=year
    ).exclude(text="")
    latest = (
        AdoptedVersion.objects.filter(report__kind=ReportKind.ANNUAL, report__year=year)
        .defer("docx", "pdf", "data")
        .order_by("-version")
        .first()
    )
    return {
        "report_year": year,
        "sections_written": texts.count(),
        "sections_total": len(sections_for(ReportKind.ANNUAL)),
        "goal_count": Goal.objects.filter(year=year).count(),
        "latest_version": latest,
    }
