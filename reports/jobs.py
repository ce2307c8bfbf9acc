"""The reports app's background jobs (core/jobs.py): a report file, DOCX or PDF.

The file is the one the direct download gives (reports.services.generation.report_file on
the same data); only where it is made differs: in the worker, with progress on a page.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from core import jobs
from core.models import Job

from .choices import PERIOD_TITLES, Period, ReportKind

# The renderers (WeasyPrint, matplotlib) are imported when a job runs, not when Django starts
# (every app's jobs.py is imported at start-up, core/jobs.py).

KIND = "reports.document"
FORMAT_LABELS = {"docx": "Word", "pdf": "PDF"}


def params(kind: str, year: int, fmt: str, period: str = "") -> dict[str, Any]:
    """The job's parameters; raises ValueError on a kind, period or format that is not ours."""
    from .services import generation

    kind = ReportKind(kind).value
    fmt = generation.check_format(fmt)
    period = Period(period).value if kind == ReportKind.PERIOD else ""
    return {"kind": kind, "year": year, "period": period, "format": fmt}


def title(p: dict[str, Any]) -> str:
    name = (
        PERIOD_TITLES[Period(p["period"])]
        if p["kind"] == ReportKind.PERIOD
        else ReportKind(p["kind"]).label
    )
    return _("%(name)s %(year)s som %(format)s") % {
        "name": name,
        "year": p["year"],
        "format": FORMAT_LABELS[p["format"]],
    }


def collect(forbund, p: dict[str, Any]) -> dict[str, Any]:
    from .services import generation

    if p["kind"] == ReportKind.ANNUAL:
        return generation.annual_report_data(forbund, p["year"])
    if p["kind"] == ReportKind.PLAN:
        return generation.business_plan_data(forbund, p["year"])
    return generation.period_report_data(forbund, p["year"], p["period"])


@jobs.register(KIND, capability="reports.view")
def document(job: Job, progress: jobs.Progress) -> jobs.JobResult:
    from .services import generation

    p = job.params
    progress(1, 3, _("Hämtar uppgifterna ur bokföringen, budgeten och deltagarna."))
    data = collect(job.forbund, p)
    fmt = p["format"]
    progress(2, 3, _("Skapar dokumentet (%(format)s).") % {"format": FORMAT_LABELS[fmt]})
    content = generation.report_file(data, fmt)
    return jobs.JobResult(
        content,
        generation.file_name(data, fmt),
        generation.FORMATS[fmt],
        export={"kind": p["kind"], "file_format": fmt, "year": p["year"]},
    )
