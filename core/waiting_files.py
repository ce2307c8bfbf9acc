"""Uploaded files that wait for a background job (core/jobs.py).

A view checks an upload cheaply, keeps it here under a random token and starts a job with the
token in its parameters; the job reads the file and removes it, whatever the outcome:

    token = waiting_files.keep("budget", upload)
    job = jobs.start_for(request, "budget.import", {"token": token, ...})
    ...
    path = waiting_files.path("budget", token)    # in the job

The files lie in VAR_DIR/uploads (never under MEDIA_ROOT, so never served), readable only by
the server's user. Files older than a day (a job that never ran) go at the next upload of the
same kind. The participant import keeps its checked files in the same folder
(participants/jobs.py).
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 60 * 60


def folder() -> Path:
    path = Path(settings.VAR_DIR) / "uploads"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def path(kind: str, token: str) -> Path:
    """Where the upload of `kind` under `token` is (or was) kept."""
    if not kind.isidentifier() or not token or not all(c.isalnum() or c in "-_" for c in token):
        raise ValueError("not a kept upload")
    return folder() / f"{kind}-{token}"


def keep(kind: str, upload) -> str:
    """Store the upload (a Django UploadedFile) and return its token."""
    _remove_old(kind)
    token = secrets.token_urlsafe(24)
    with open(path(kind, token), "xb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


def _remove_old(kind: str) -> None:
    limit = time.time() - MAX_AGE_SECONDS
    for old in folder().glob(f"{kind}-*"):
        if old.stat().st_mtime < limit:
            old.unlink(missing_ok=True)
