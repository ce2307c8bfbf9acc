"""The national export (Uppföljning Finsam) as a download: XLSX or CSV, exact counts, or with
small counts hidden (`?publicering=1`). See economy/services/national_export.py."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core import jobs
from core.audit import describe_export
from core.tabular.exporters import CONTENT_TYPES
from organisations.access import forbund_view

from .. import jobs as economy_jobs
from ..services.national_export import NationalExporter, export_filename, national_document


def _download(request, year: int, file_format: str) -> HttpResponse:
    publication = request.GET.get("publicering") == "1"
    document = national_document(request.forbund, year, publication=publication)
    content = NationalExporter(document, publication=publication).render(file_format)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    filename = export_filename(request.forbund, year, file_format)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return describe_export(
        response,
        kind="uppfoljning_finsam",
        file_format=file_format,
        year=year,
        rows=len(document["insatser"]),
        publicering=publication,
    )


@forbund_view("statistics.view", methods=("GET", "HEAD"))
def national_xlsx(request, year: int):
    return _download(request, year, "xlsx")


@forbund_view("statistics.view", methods=("GET", "HEAD"))
def national_csv(request, year: int):
    return _download(request, year, "csv")


@forbund_view("statistics.view", methods=("POST",))
def national_generate(request, year: int):
    """Make the export in the background (core/jobs.py) and go to the job's page. The form posts
    format (xlsx, csv) and publicering (1 for the publication version)."""
    try:
        params = economy_jobs.params(
            year, request.POST.get("format", ""), request.POST.get("publicering") == "1"
        )
    except ValueError:
        messages.error(request, _("Exporten kunde inte beställas: okänt filformat."))
        return redirect("statistics:year", forbund=request.forbund.slug, year=year)
    return jobs.follow(jobs.start_for(request, economy_jobs.KIND, params))
