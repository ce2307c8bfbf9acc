"""The economy app's background jobs (core/jobs.py): the national export (Uppföljning Finsam)
and the import of a confirmed SIE file.

The national export is the same file as the direct download (economy/views/national.py), made
in the worker. The SIE import is the same service as the command, started from the preview's
Bekräfta (economy/views/manage.py).
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


@jobs.register(KIND, capability="statistics.view", title=title)
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


SIE_KIND = "economy.sie_import"


def sie_params(upload: int) -> dict[str, Any]:
    return {"upload": upload}


def sie_title(p: dict[str, Any]) -> str:
    # Not the file's name: the audit event leaves it out too (core.audit.file_facts).
    return _("Inläsning av SIE-fil")


@jobs.register(SIE_KIND, capability="economy.manage", title=sie_title, owner_only=True)
def sie_import(job: Job, progress: jobs.Progress) -> jobs.JobResult:
    """The confirmed SIE file (economy.PendingSieUpload, shown as a preview) as the förbund's
    books: the same service as the command (economy.services.import_sie), all or nothing.

    Taking the waiting file is the claim, in the import's transaction: of two confirmations
    of one file the first takes it, the other finds it gone. When another import of the
    förbund's books is being written, nothing changes and the file waits to be confirmed
    again; when the books changed since the preview, the file is dropped (as in the preview).
    """
    from django.db import transaction
    from django.urls import reverse

    from .models import PendingSieUpload
    from .services import SieImportError, import_sie

    slug = job.forbund.slug
    pending_pk = job.params["upload"]
    pending = PendingSieUpload.objects.filter(pk=pending_pk).first()
    if pending is None:
        raise jobs.JobFailed(_("Filen har redan importerats eller avbrutits."))
    progress(1, 2, _("Läser SIE-filen och skriver bokföringen."))
    try:
        with transaction.atomic():
            taken, _by_model = PendingSieUpload.objects.filter(pk=pending_pk).delete()
            if not taken:
                raise jobs.JobFailed(_("Filen har redan importerats eller avbrutits."))
            result = import_sie(
                job.forbund, bytes(pending.data), job.started_by, file_name=pending.file_name
            )
    except SieImportError as error:
        problems = " ".join(error.problems)
        if error.busy:  # rolled back: the waiting file is there again
            raise jobs.JobFailed(
                _("Inget har sparats. %(problems)s Bekräfta inläsningen igen om en stund.")
                % {"problems": problems},
                link=(
                    reverse("economy:confirm", kwargs={"forbund": slug, "upload": pending_pk}),
                    _("Till förhandsvisningen"),
                ),
            ) from None
        PendingSieUpload.objects.filter(pk=pending_pk).delete()
        raise jobs.JobFailed(
            _("Inget har sparats. %(problems)s") % {"problems": problems},
            link=(reverse("economy:upload", kwargs={"forbund": slug}), _("Ladda upp en fil")),
        ) from None
    year = result.financial_year
    return jobs.JobResult(
        message=_(
            "Räkenskapsåret %(year)s är inläst: %(vouchers)d verifikationer, "
            "%(rows)d transaktioner."
        )
        % {"year": year, "vouchers": result.vouchers, "rows": result.transactions},
        link=(
            reverse("economy:statements", kwargs={"forbund": slug, "year": year.year}),
            _("Till resultat- och balansräkningen"),
        ),
    )
