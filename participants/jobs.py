"""The participants app's background jobs (core/jobs.py): writing a big participant file.

The web import checks the file first (a dry run, in the request) and shows what would change;
when the user confirms a file of BACKGROUND_ROWS rows or more, the writing is done here, by
the same service with the same guarantees: all or nothing, under the import lock
(core/locks.py), as the person who confirmed (an insatsansvarig only for their own insatser).
The checked file waits in VAR_DIR/uploads (never under MEDIA_ROOT); the job removes it.
Only the person who started the import sees the job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from core import jobs
from core.models import Job

from .services import import_participants

KIND = "participants.import"
# A confirmed file with at least this many rows is written in the background.
BACKGROUND_ROWS = 2000
ERRORS_SHOWN = 10


def uploaded_file(token: str) -> Path:
    """Where participants/views/files.py keeps a checked upload until it is confirmed."""
    return Path(settings.VAR_DIR) / "uploads" / f"deltagare-{token}"


def params(token: str, name: str) -> dict[str, Any]:
    return {"token": token, "name": name}


def title(p: dict[str, Any]) -> str:
    # Not the file's name: it may name a person (the import's audit event leaves it out too).
    return _("Import av deltagarfilen")


@jobs.register(KIND, capability="participants.import", title=title, owner_only=True)
def participant_import(job: Job, progress: jobs.Progress) -> jobs.JobResult:
    p = job.params
    path = uploaded_file(p["token"])
    if job.started_by is None:  # never as "no user" (that is the command line: every insats)
        path.unlink(missing_ok=True)
        raise jobs.JobFailed(_("Personen som startade importen finns inte längre."))
    if not path.exists():
        raise jobs.JobFailed(_("Den kontrollerade filen finns inte längre. Ladda upp den igen."))

    def rows_checked(done: int, total: int) -> None:
        progress(
            done,
            total,
            _("Kontrollerar och skriver raderna (%(done)s av %(total)s).")
            % {
                "done": done,
                "total": total,
            },
        )

    try:
        result = import_participants(
            job.forbund, path, p["name"], job.started_by, progress=rows_checked
        )
    finally:
        path.unlink(missing_ok=True)
    if result.busy:
        raise jobs.JobFailed(
            _(
                "En annan import pågick för förbundet samtidigt. Inget har sparats; ladda upp "
                "filen igen om en stund (finns filens rader redan då, ändras ingenting)."
            )
        )
    if not result.ok:
        errors = "; ".join(str(error) for error in result.errors[:ERRORS_SHOWN])
        more = len(result.errors) - ERRORS_SHOWN
        if more > 0:
            errors += _(" (och %(count)s fel till)") % {"count": more}
        raise jobs.JobFailed(
            _("Inget har sparats. %(errors)s. Rätta filen och ladda upp den igen.")
            % {"errors": errors}
        )
    message = _("Importen är klar. %(summary)s") % {"summary": result.summary()}
    if not result.created and not result.updated:
        message += " " + _(
            "Filen ändrade ingenting: raderna fanns redan (den kan redan ha importerats)."
        )
    return jobs.JobResult(
        message=message,
        link=(
            reverse("participants:participations", kwargs={"forbund": job.forbund.slug}),
            _("Till deltagandena"),
        ),
    )


@jobs.daily
def apply_retention_everywhere() -> None:
    """Every night: each förbund's retention rule as of today (docs/gallring.md)."""
    from .services.retention import run_retention_for_all

    run_retention_for_all()
