"""Web upload and download of participant files: the same services as the commands.

The upload is checked first (a dry run); the user sees every error, or a summary of what would
change, and only then confirms. Between the two requests the file waits in a private folder
(never under MEDIA_ROOT), named by a random token that only this user's session knows; it is
deleted after the confirmation and, at the latest, a day later.
"""

from __future__ import annotations

import io
import secrets
import time
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core import jobs
from core.audit import describe_export
from organisations.access import forbund_view
from participants import jobs as participant_jobs
from participants import services
from participants.forms import ExportForm, UploadForm
from participants.models import AccessKind
from participants.services.access import participant_insats_ids
from participants.services.least_data import log_access
from participants.services.participant_export import CONTENT_TYPES, export_filename
from participants.services.participant_template import template_filename, write_import_template

SESSION_KEY = "participant_uploads"
MAX_AGE_SECONDS = 24 * 60 * 60
ERRORS_SHOWN = 1000
CHANGES_SHOWN = 200


def upload_dir() -> Path:
    path = participant_jobs.uploaded_file("x").parent
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _remove_old_uploads(folder: Path) -> None:
    limit = time.time() - MAX_AGE_SECONDS
    for path in folder.glob("deltagare-*"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def _store(request, upload) -> str:
    folder = upload_dir()
    _remove_old_uploads(folder)
    token = secrets.token_urlsafe(24)
    with open(folder / f"deltagare-{token}", "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    uploads = request.session.get(SESSION_KEY, {})
    uploads[token] = {"forbund": request.forbund.slug, "name": upload.name}
    request.session[SESSION_KEY] = uploads
    return token


def _take(request, token: str) -> tuple[Path, str]:
    """The stored file of this session's upload, or 404."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or entry["forbund"] != request.forbund.slug:
        raise Http404
    path = upload_dir() / f"deltagare-{token}"
    if not path.exists():
        raise Http404
    return path, entry["name"]


def _forget(request, token: str) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    (upload_dir() / f"deltagare-{token}").unlink(missing_ok=True)


def _remember_rows(request, token: str, rows: int) -> None:
    uploads = request.session.get(SESSION_KEY, {})
    if token in uploads:
        uploads[token]["rows"] = rows
        request.session[SESSION_KEY] = uploads


def _in_background(request, token: str, name: str):
    """A big file is written by the worker (participants/jobs.py); the user follows it on the
    job's page. The session lets go of the token: the job owns the file now."""
    job = jobs.start_for(request, participant_jobs.KIND, participant_jobs.params(token, name))
    uploads = request.session.get(SESSION_KEY, {})
    uploads.pop(token, None)
    request.session[SESSION_KEY] = uploads
    return jobs.follow(job)


def _result_page(request, result, token: str | None, form=None):
    return render(
        request,
        "participants/import_result.html",
        {
            "result": result,
            "token": token,
            "form": form or UploadForm(),
            "errors_shown": result.errors[:ERRORS_SHOWN],
            "changes_shown": result.changes[:CHANGES_SHOWN],
            "by_insats": sorted(result.by_insats.items()),
        },
    )


@forbund_view("participants.import")
def participation_import(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = _store(request, upload)
        path, name = _take(request, token)
        result = services.import_participants(
            request.forbund, path, name, request.user, dry_run=True
        )
        if not result.ok:
            _forget(request, token)
            token = None
        else:
            _remember_rows(request, token, result.rows)
        return _result_page(request, result, token)
    return render(request, "participants/import_upload.html", {"form": form})


@forbund_view("participants.import", methods=("POST",))
def participation_import_confirm(request):
    token = request.POST.get("token", "")
    if "cancel" in request.POST:
        _forget(request, token)
        messages.info(request, _("Importen är avbruten. Inget har sparats."))
        return redirect("participants:import", forbund=request.forbund.slug)
    path, name = _take(request, token)
    rows = request.session[SESSION_KEY][token].get("rows", 0)
    if rows >= participant_jobs.BACKGROUND_ROWS:
        return _in_background(request, token, name)
    result = services.import_participants(request.forbund, path, name, request.user)
    if result.busy:  # another import is being written: nothing saved, the file may be sent again
        return _result_page(request, result, token)
    _forget(request, token)
    if not result.ok:  # the data changed since the check: show why, nothing was written
        return _result_page(request, result, None)
    messages.success(request, _("Importen är klar. %(summary)s") % {"summary": result.summary()})
    if not result.created and not result.updated:
        messages.info(
            request,
            _("Filen ändrade ingenting: raderna fanns redan (den kan redan ha importerats)."),
        )
    return redirect("participants:participations", forbund=request.forbund.slug)


@forbund_view("participants.view", methods=("GET", "HEAD"))
def participation_export(request):
    form = ExportForm(request.GET if "format" in request.GET else None)
    if not form.is_valid():
        return render(request, "participants/export.html", {"form": form})
    year = form.cleaned_data["year"]
    file_format = form.cleaned_data["format"]
    insats_ids = participant_insats_ids(request.membership)
    out = io.BytesIO()
    rows = services.write_participants(request.forbund, out, file_format, year, insats_ids)
    filename = export_filename(request.forbund, year, file_format)
    log_access(
        request,
        AccessKind.EXPORT,
        _("Deltagarfil (%(format)s)") % {"format": file_format},
        rows=rows,
    )
    response = HttpResponse(out.getvalue(), content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Logged by core.private_responses.ExportAuditMiddleware.
    return describe_export(
        response, kind="deltagare", file_format=file_format, year=year, rows=rows
    )


@forbund_view("participants.import", methods=("GET", "HEAD"))
def import_template(request):
    """The participant file's template with the allowed values (participant_template.py)."""
    out = io.BytesIO()
    write_import_template(request.forbund, out, participant_insats_ids(request.membership))
    response = HttpResponse(out.getvalue(), content_type=CONTENT_TYPES["xlsx"])
    filename = template_filename(request.forbund)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return describe_export(response, kind="deltagarmall", file_format="xlsx", rows=0)
