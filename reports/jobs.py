"""The reports app's background jobs (core/jobs.py): a report file, DOCX or PDF, and the
adoption of an annual report.

The file is the one the direct download gives (reports.services.generation.report_file on
the same data); only where it is made differs: in the worker, with progress on a page.
The adoption page (reports/views/annual.py) checks the form and starts the adoption here:
rendering and freezing both files takes seconds.
"""

from __future__ import annotations

from datetime import date
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


@jobs.register(KIND, capability="reports.view", title=title)
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


ADOPT_KIND = "reports.adopt"


def adoption_params(
    year: int,
    *,
    adopted_on: date,
    decision_reference: str,
    signatories: list[Any],
    place: str,
    note: str,
    acknowledgements: dict[str, str],
    for_publication: bool | None,
) -> dict[str, Any]:
    """The adoption form's values, as the job keeps them (JSON)."""
    return {
        "year": year,
        "adopted_on": adopted_on.isoformat(),
        "decision_reference": decision_reference,
        "signatories": [{"name": s.name, "role": s.role} for s in signatories],
        "place": place,
        "note": note,
        "acknowledgements": dict(acknowledgements),
        "for_publication": for_publication,
    }


def adoption_title(p: dict[str, Any]) -> str:
    return _("Fastställande av årsredovisningen %(year)s") % {"year": p["year"]}


@jobs.register(ADOPT_KIND, capability="reports.manage", title=adoption_title)
def adoption(job: Job, progress: jobs.Progress) -> jobs.JobResult:
    """The board's adoption as the form gave it: the data frozen, both files rendered and
    stored with their hashes, the audit event (reports.services.adopt_annual_report, one
    transaction: a failure stores no version). Everyone who may adopt sees the job."""
    from django.urls import reverse

    from . import services

    p = job.params
    year, slug = p["year"], job.forbund.slug
    form = (reverse("reports:adopt", kwargs={"forbund": slug, "year": year}), _("Till formuläret"))
    progress(1, 2, _("Sammanställer årsredovisningen och skapar Word- och PDF-filerna att låsa."))
    try:
        version = services.adopt_annual_report(
            job.forbund,
            year,
            job.started_by,
            adopted_on=date.fromisoformat(p["adopted_on"]),
            decision_reference=p["decision_reference"],
            signatories=[services.SignatoryInput(**s) for s in p["signatories"]],
            place=p["place"],
            note=p["note"],
            acknowledgements=p["acknowledgements"],
            for_publication=p["for_publication"],
        )
    except services.UnacknowledgedContradictions as error:
        raise jobs.JobFailed(
            _("Ingen version har fastställts. Siffrorna eller texten har ändrats: %(error)s")
            % {"error": error},
            link=form,
        ) from None
    except services.ReportError as error:
        raise jobs.JobFailed(
            _("Ingen version har fastställts. %(error)s") % {"error": error}, link=form
        ) from None
    return jobs.JobResult(
        message=_("Version %(version)s av årsredovisningen %(year)s är fastställd och låst.")
        % {"version": version.version, "year": year},
        link=(
            reverse("reports:annual", kwargs={"forbund": slug, "year": year}),
            _("Till årsredovisningen"),
        ),
    )
