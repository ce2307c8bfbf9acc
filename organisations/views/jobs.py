"""A background job's page, its status as JSON (for the page's poll) and its file.

The job belongs to a förbund: other förbund get 404 (the scope finds no such job); members
whose role lacks the job's capability (set by its kind, core/jobs.py) get 403. Everything is
sent with `Cache-Control: private, no-store`; the file goes through the export audit.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.audit import describe_export
from core.models import Job
from organisations.access import forbund_view
from organisations.roles import has_capability

READ = ("GET", "HEAD")
# The no-JS page reloads itself this often while the job is under way (seconds).
REFRESH_SECONDS = 3


def _job(request, job) -> Job:
    found = Job.objects.filter(pk=job).first()  # scoped to the förbund: others' jobs are 404
    if found is None or (found.owner_only and found.started_by_id != request.user.pk):
        raise Http404
    if not has_capability(request.membership.role, found.capability):
        raise PermissionDenied
    return found


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def status_data(request, job: Job) -> dict[str, object]:
    slug = request.forbund.slug
    return {
        "id": str(job.pk),
        "state": job.state,
        "state_label": job.get_state_display(),
        "finished": job.is_finished,
        "steps_done": job.steps_done,
        "steps_total": job.steps_total,
        "percent": job.percent,
        "message": job.message,
        "error": job.error,
        "file_name": job.file_name,
        "result_url": job.result_url,
        "result_label": job.result_label,
        "download_url": reverse("organisations:job_file", kwargs={"forbund": slug, "job": job.pk})
        if job.state == Job.State.DONE and job.file
        else "",
    }


@forbund_view("forbund.view", methods=READ)
def job_page(request, job):
    found = _job(request, job)
    response = render(
        request,
        "organisations/job.html",
        {
            "job": found,
            "status": status_data(request, found),
            "refresh": REFRESH_SECONDS,
            "status_url": reverse(
                "organisations:job_status", kwargs={"forbund": request.forbund.slug, "job": job}
            ),
        },
    )
    return _no_store(response)


@forbund_view("forbund.view", methods=READ)
def job_status(request, job):
    return _no_store(JsonResponse(status_data(request, _job(request, job))))


@forbund_view("forbund.view", methods=READ)
def job_file(request, job):
    found = _job(request, job)
    if found.state != Job.State.DONE or not found.file:
        raise Http404(_("Filen är inte klar."))
    with found.file.open("rb") as stored:
        content = stored.read()
    response = HttpResponse(content, content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.file_name}"'
    _no_store(response)
    return describe_export(response, **found.export) if found.export else response
