"""The budget app's background jobs (core/jobs.py): reading a budget file.

The page (budget/views/budgets.py) checks the form and that the year's original budget may
still be replaced, keeps the file (core/waiting_files.py) and starts the job; the job reads,
checks and writes it with the same service as before (budget.services.transfer.import_budget):
all or nothing, under the import lock, as the person who uploaded it. The job removes the
file whatever the outcome. Only that person sees the job (the errors quote the file).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from core import jobs, waiting_files
from core.models import Job

KIND = "budget.import"
WAITING = "budget"  # the kind of waiting file (core/waiting_files.py)
ERRORS_SHOWN = 20


def params(year: int, token: str, name: str) -> dict[str, Any]:
    return {"year": year, "token": token, "name": name}


def title(p: dict[str, Any]) -> str:
    return _("Inläsning av budget %(year)s") % {"year": p["year"]}


def listed(errors: list[Any], shown: int) -> str:
    """The first `shown` errors in one Swedish sentence (and how many more there are)."""
    text = "; ".join(str(error) for error in errors[:shown])
    if len(errors) > shown:
        text += _(" (och %(count)s fel till)") % {"count": len(errors) - shown}
    return text


@jobs.register(KIND, capability="economy.manage", title=title, owner_only=True)
def budget_import(job: Job, progress: jobs.Progress) -> jobs.JobResult:
    from .services.transfer import BudgetImport

    p = job.params
    year = p["year"]
    path = waiting_files.path(WAITING, p["token"])
    again = (
        reverse("budget:budget_import", kwargs={"forbund": job.forbund.slug, "year": year}),
        _("Till inläsningen"),
    )
    if not path.exists():
        raise jobs.JobFailed(
            _("Den uppladdade filen finns inte längre. Ladda upp den igen."), link=again
        )

    def rows_checked(done: int, total: int) -> None:
        progress(
            done,
            total,
            _("Kontrollerar raderna (%(done)s av %(total)s).") % {"done": done, "total": total},
        )

    progress(0, 1, _("Läser filen."))
    try:
        importer = BudgetImport(job.forbund, year, job.started_by, progress=rows_checked)
        result = importer.run(path, p["name"])
    finally:
        path.unlink(missing_ok=True)
    if result.busy:
        raise jobs.JobFailed(
            _(
                "En annan inläsning av budgeten pågick samtidigt. Inget har sparats; ladda upp "
                "filen igen om en stund."
            ),
            link=again,
        )
    if not result.ok:
        raise jobs.JobFailed(
            _("Filen lästes inte in och inget har sparats: %(errors)s.")
            % {"errors": listed(result.errors, ERRORS_SHOWN)},
            link=again,
        )
    message = _("%(count)s budgetrader är inlästa för %(year)s.") % {
        "count": result.lines,
        "year": year,
    }
    if result.warnings:
        message += " " + listed(result.warnings, ERRORS_SHOWN) + "."
    return jobs.JobResult(
        message=message,
        link=(
            reverse("budget:budget", kwargs={"forbund": job.forbund.slug, "year": year}),
            _("Till budgeten"),
        ),
    )
