"""Background jobs: long work (report files, the national export, the imports, the adoption
of an annual report) run by the task queue.

The queue is huey (`huey.contrib.djhuey`, settings.HUEY): an embedded SQLite queue in
development (`make run` starts the consumer next to runserver), Redis in production (the
samordna-worker service), and immediate mode in the tests. See docs/jobb.md.

An app registers a kind of job once, in its `jobs.py` (found by `autodiscover`):

    @jobs.register("reports.document", capability="reports.view", title=title)
    def document(job: Job, progress: Progress) -> JobResult:
        progress(1, 3, "Hämtar uppgifterna")
        ...
        return JobResult(content, "arsredovisning-2024-demo.pdf", "application/pdf")

and a view starts one and sends the user to its page (organisations/views/jobs.py):

    return jobs.follow(jobs.start_for(request, "reports.document", {...}))

The kind's `title` names a job from its parameters ("Årsredovisning 2024 som PDF"), on the
job's page and in the list of jobs. (`start` itself takes the förbund and the user, for work
started outside a request.)

The job row (core.models.Job) holds the state (köad, pågår, klar, misslyckad), the progress
(steps done of total and a Swedish message), the error in Swedish when it failed and the file
it made, in the default storage. A job raises JobFailed with a Swedish message for a failure
the user can act on; any other exception is recorded as a general Swedish error (and logged).

Daily work: functions decorated with `@jobs.daily` run once a day (core/tasks.py schedules
`run_daily` at 02:15 UTC); `cleanup` is one of them. A retention job hooks in the same way:

    @jobs.daily
    def remove_expired_participants() -> None: ...
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from .models import Job

logger = logging.getLogger(__name__)

# Finished jobs and their files are removed this long after they were created.
KEEP_FOR = timedelta(days=7)
# A job still "köad" or "pågår" after this long is taken as lost (a worker was killed).
LOST_AFTER = timedelta(hours=6)


class JobFailed(Exception):
    """A failure to show the user as it is: the message is Swedish and says what to do.
    `link` (address, Swedish label) is where to go to try again, shown with the error."""

    def __init__(self, message: str, *, link: tuple[str, str] | None = None) -> None:
        super().__init__(message)
        self.link = link


@dataclass(frozen=True)
class JobResult:
    """A file (content, its name and type), or for a job that makes none (an import) only
    a message and where to go next."""

    content: bytes | None = None
    file_name: str = ""
    content_type: str = ""
    # Details for the export audit when the file is downloaded (core.audit.describe_export).
    export: Mapping[str, Any] = field(default_factory=dict)
    message: str = ""
    link: tuple[str, str] | None = None  # (address, Swedish label)


Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class JobKind:
    name: str
    capability: str
    run: Callable[[Job, Progress], JobResult]
    title: Callable[[dict[str, Any]], str]
    owner_only: bool = False


KINDS: dict[str, JobKind] = {}
DAILY: list[Callable[[], Any]] = []


def register(
    name: str,
    *,
    capability: str,
    title: Callable[[dict[str, Any]], str],
    owner_only: bool = False,
) -> Callable:
    """Register a kind of job; `capability` (organisations/roles.py) guards its page and file,
    `title` names a job of the kind from its parameters, in Swedish, and `owner_only` shows it
    only to the person who started it."""

    def decorator(
        run: Callable[[Job, Progress], JobResult],
    ) -> Callable[[Job, Progress], JobResult]:
        KINDS[name] = JobKind(name, capability, run, title, owner_only)
        return run

    return decorator


def daily(function: Callable[[], Any]) -> Callable[[], Any]:
    """Run `function` once a day in the worker (core/tasks.py: 02:15 UTC)."""
    if function not in DAILY:
        DAILY.append(function)
    return function


def autodiscover() -> None:
    """Import every app's `jobs` module so its kinds are registered (web and worker alike)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("jobs")


def start(kind: str, params: Mapping[str, Any], *, forbund, user) -> Job:
    """Create the job and queue it when the transaction commits (so the worker finds the row).

    A second click while the same job by the same person is still queued or running gives the
    job already under way instead of a new one.
    """
    registered = KINDS[kind]
    with scopes_disabled():
        under_way = Job.objects.filter(
            forbund=forbund,
            started_by=user,
            kind=kind,
            params=dict(params),
            state__in=(Job.State.QUEUED, Job.State.RUNNING),
            created__gte=timezone.now() - LOST_AFTER,
        ).first()
        if under_way is not None:
            return under_way
        job = Job.objects.create(
            forbund=forbund,
            started_by=user,
            kind=kind,
            title=registered.title(dict(params)),
            capability=registered.capability,
            owner_only=registered.owner_only,
            params=dict(params),
            message=_("Väntar på sin tur."),
        )
    job_id = str(job.pk)
    transaction.on_commit(lambda: _enqueue(job_id))
    return job


def start_for(request, kind: str, params: Mapping[str, Any]) -> Job:
    """`start` for the member behind a request: their förbund, by them."""
    return start(kind, params, forbund=request.forbund, user=request.user)


def follow(job: Job) -> HttpResponseRedirect:
    """Send the user to the job's page, where its progress shows."""
    return HttpResponseRedirect(job_url(job))


def job_url(job: Job) -> str:
    """The job's page (organisations/views/jobs.py)."""
    return reverse("organisations:job", kwargs={"forbund": job.forbund.slug, "job": job.pk})


def _enqueue(job_id: str) -> None:
    from .tasks import run_job

    run_job(job_id)


def run(job_id: str) -> None:
    """The worker's side: run a queued job and record how it went (never raises)."""
    with scopes_disabled():
        job = Job.objects.select_related("forbund").filter(pk=job_id).first()
    if job is None or job.state != Job.State.QUEUED:
        return  # removed, or already taken (a task delivered twice)
    _update(job, state=Job.State.RUNNING, started=timezone.now(), message=_("Arbetet har börjat."))

    def progress(done: int, total: int, message: str) -> None:
        _update(job, steps_done=done, steps_total=total, message=message)

    try:
        registered = KINDS.get(job.kind)
        if registered is None:
            raise JobFailed(_("Okänt slags jobb: %(kind)s.") % {"kind": job.kind})
        with scope(forbund=job.forbund):
            result = registered.run(job, progress)
        if result.content is not None:
            stored = ContentFile(result.content, name=result.file_name)
            job.file.save(result.file_name, stored, save=False)
        url, label = result.link or ("", "")
        _update(
            job,
            state=Job.State.DONE,
            file=job.file.name or "",
            file_name=result.file_name,
            content_type=result.content_type,
            export=dict(result.export),
            result_url=url,
            result_label=label,
            steps_done=job.steps_total,
            message=result.message or _("Klart."),
            finished=timezone.now(),
        )
    except JobFailed as failure:
        _fail(job, str(failure), failure.link)
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _fail(
            job,
            _(
                "Något gick fel när jobbet kördes. Försök igen; händer det igen, kontakta "
                "den som sköter Samordna (felet finns i serverns logg, jobb %(id)s)."
            )
            % {"id": job.pk},
        )


def _fail(job: Job, error: str, link: tuple[str, str] | None = None) -> None:
    url, label = link or ("", "")
    _update(
        job,
        state=Job.State.FAILED,
        error=error,
        result_url=url,
        result_label=label,
        message=_("Misslyckades."),
        finished=timezone.now(),
    )


def _update(job: Job, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    with scopes_disabled():
        Job.objects.filter(pk=job.pk).update(**fields)


@daily
def cleanup(now=None) -> int:
    """Remove jobs (and their files) created more than KEEP_FOR ago; mark lost ones failed.

    Returns the number of jobs removed.
    """
    now = now or timezone.now()
    with scopes_disabled():
        lost = Job.objects.filter(
            state__in=(Job.State.QUEUED, Job.State.RUNNING), created__lt=now - LOST_AFTER
        )
        lost.update(
            state=Job.State.FAILED,
            error=_("Jobbet blev aldrig klart (arbetsprocessen stoppades). Försök igen."),
            finished=now,
        )
        old = list(Job.objects.filter(created__lt=now - KEEP_FOR))
        for job in old:
            if job.file:
                job.file.delete(save=False)
            job.delete()
    return len(old)


def run_daily() -> None:
    """Every daily function in turn; one that fails does not stop the others."""
    for function in list(DAILY):
        try:
            function()
        except Exception:
            logger.exception("Daily job %s failed", getattr(function, "__name__", function))
