"""The economy app's background jobs (core/jobs.py): the national export (Uppföljning Finsam).

The same file as the direct download (economy/views/national.py), made in the worker.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from core import jobs
from core.models import Job
from core.tabular.exporters import CONTENT_TYPES

KIND = "economy.national"
FORMATS = ("xlsx", "csv")


def params(year: int, file_format: str, publication: bool) -> dict[str, Any]:
    if file_format not in FORMATS:
        raise ValueError(file_format)
    return {"year": year, "format": file_format, "publicering": publication}


def title(p: dict[str, Any]) -> str:
    text = _("Uppföljning Finsam %(year)s som %(format)s") % {
        "year": p["year"],
        "format": "Excel" if p["format"] == "xlsx" else "CSV",
    }
    return text + (_(" (publiceringsversion)") if p["publicering"] else "")


@jobs.register(KIND, capability="statistics.view")
def national(job: Job, progress: jobs.Progress) -> jobs.JobResult:
    # Imported when a job runs, not at start-up (every app's jobs.py is imported then).
    from .services.national_export import NationalExporter, export_filename, national_document

    p = job.params
    progress(1, 2, _("Räknar deltagare, budget och utfall per insats."))
    document = national_document(job.forbund, p["year"], publication=p["publicering"])
    progress(2, 2, _("Skriver filen."))
    content = NationalExporter(document, publication=p["publicering"]).render(p["format"])
    return jobs.JobResult(
        content,
        export_filename(job.forbund, p["year"], p["format"]),
        CONTENT_TYPES[p["format"]],
        export={
            "kind": "uppfoljning_finsam",
            "file_format": p["format"],
            "year": p["year"],
            "rows": len(document["insatser"]),
            "publicering": p["publicering"],
        },
    )
