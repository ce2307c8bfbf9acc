"""Background jobs (core/jobs.py): lifecycle, progress, failures in Swedish, who may see a
job and its file, the daily cleanup, and one job through a real Redis queue."""

from __future__ import annotations

import os
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from core import jobs
from core.models import AuditEvent, Job

STEPS: list[tuple[int, int, str, str]] = []


@jobs.register("test.echo", capability="economy.view", title=lambda p: "Eko")
def _echo(job: Job, progress: jobs.Progress) -> jobs.JobResult:
    for step in (1, 2):
        progress(step, 2, f"Steg {step}")
        # What the job's row says while it runs (another process would read the same).
        with scopes_disabled():
            row = Job.objects.get(pk=job.pk)
        STEPS.append((row.steps_done, row.steps_total, row.message, row.state))
    text = f"Hej {job.forbund.name} {job.params['n']}"
    return jobs.JobResult(
        text.encode(), "eko.txt", "text/plain", export={"kind": "eko", "file_format": "txt"}
    )


@jobs.register("test.refused", capability="economy.view", title=lambda p: "Eko")
def _refused(job: Job, progress: jobs.Progress) -> jobs.JobResult:
    raise jobs.JobFailed("Det finns ingen bokföring för 2031: läs in en SIE-fil först.")


@jobs.register("test.crash", capability="economy.view", title=lambda p: "Eko")
def _crash(job: Job, progress: jobs.Progress) -> jobs.JobResult:
    raise RuntimeError("internal detail that users never see")


def _start(world, kind="test.echo", user="kansli", n=1) -> Job:
    return jobs.start(kind, {"n": n}, forbund=world.a, user=world.users[user])


def _url(name: str, job: Job) -> str:
    return reverse(f"organisations:{name}", kwargs={"forbund": job.forbund.slug, "job": job.pk})


def test_a_job_is_queued_runs_with_progress_and_keeps_its_file(
    world, clients, django_capture_on_commit_callbacks
):
    STEPS.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = _start(world)
    job.refresh_from_db()
    assert (job.state, job.get_state_display()) == ("queued", "köad")
    assert job.capability == "economy.view"
    page = clients["kansli"].get(_url("job", job))
    assert page.status_code == 200
    assert "Köad:" in page.content.decode()
    assert '<meta http-equiv="refresh"' in page.content.decode()
    assert 'aria-live="polite"' in page.content.decode()

    for callback in callbacks:  # the commit: the task is handed to the queue (immediate here)
        callback()
    assert STEPS == [(1, 2, "Steg 1", "running"), (2, 2, "Steg 2", "running")]
    job.refresh_from_db()
    assert (job.state, job.get_state_display(), job.percent) == ("done", "klar", 100)
    assert job.started is not None and job.finished is not None
    assert job.file.name.startswith("jobb/")

    status = clients["kansli"].get(_url("job_status", job))
    assert "no-store" in status["Cache-Control"]
    body = status.json()
    assert (body["state"], body["state_label"], body["finished"]) == ("done", "klar", True)
    assert body["download_url"] == _url("job_file", job)

    download = clients["ekonom"].get(body["download_url"])
    assert download.status_code == 200
    assert download.content == "Hej Samordningsförbundet Alfa 1".encode()
    assert "no-store" in download["Cache-Control"]
    assert 'filename="eko.txt"' in download["Content-Disposition"]
    with scopes_disabled():
        event = AuditEvent.objects.filter(action__startswith="export").latest("at")
    assert event.actor == world.users["ekonom"]
    assert event.changes["typ"] == "eko"

    page = clients["kansli"].get(_url("job", job)).content.decode()
    assert "Ladda ner eko.txt" in page
    assert 'http-equiv="refresh"' not in page


def test_a_second_click_gives_the_job_under_way(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first = _start(world)
        second = _start(world)
        other = _start(world, n=2)
    assert first.pk == second.pk
    assert other.pk != first.pk


def test_other_forbund_get_404_and_roles_without_the_capability_403(
    world, clients, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = _start(world)
    for name in ("job", "job_status", "job_file"):
        assert clients["outsider"].get(_url(name, job)).status_code == 404
        # B's kansli with B's slug and A's job: not found in B either.
        b_url = reverse(f"organisations:{name}", kwargs={"forbund": "beta", "job": job.pk})
        assert clients["outsider"].get(b_url).status_code == 404
        assert clients["insatsansvarig"].get(_url(name, job)).status_code == 403
        assert clients["styrelse"].get(_url(name, job)).status_code == 200
    missing = reverse("organisations:job", kwargs={"forbund": "alfa", "job": uuid.uuid4()})
    assert clients["kansli"].get(missing).status_code == 404


def test_a_failure_is_recorded_in_swedish(world, clients, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        refused = _start(world, kind="test.refused")
        crashed = _start(world, kind="test.crash")
    refused.refresh_from_db()
    crashed.refresh_from_db()
    assert (refused.state, refused.get_state_display()) == ("failed", "misslyckad")
    assert refused.error == "Det finns ingen bokföring för 2031: läs in en SIE-fil först."
    assert crashed.state == "failed"
    assert crashed.error.startswith("Något gick fel när jobbet kördes.")
    assert "internal detail" not in crashed.error
    page = clients["kansli"].get(_url("job", refused)).content.decode()
    assert "Jobbet misslyckades." in page
    assert "läs in en SIE-fil först" in page
    assert clients["kansli"].get(_url("job_file", refused)).status_code == 404


def test_the_daily_cleanup_removes_old_jobs_and_their_files(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        old = _start(world, n=1)
        fresh = _start(world, n=2)
    with django_capture_on_commit_callbacks(execute=False):
        lost = _start(world, n=3)  # never handed to a worker
    old.refresh_from_db()
    storage, old_name = old.file.storage, old.file.name
    assert storage.exists(old_name)
    with scopes_disabled():
        Job.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=8))
        Job.objects.filter(pk=lost.pk).update(created=timezone.now() - timedelta(hours=7))
    assert jobs.cleanup in jobs.DAILY
    jobs.run_daily()
    with scopes_disabled():
        assert not Job.objects.filter(pk=old.pk).exists()
        assert Job.objects.get(pk=fresh.pk).state == "done"
        lost_row = Job.objects.get(pk=lost.pk)
    assert not storage.exists(old_name)
    assert lost_row.state == "failed"
    assert "aldrig klart" in lost_row.error


def test_a_daily_function_that_fails_does_not_stop_the_others():
    ran: list[str] = []

    def broken() -> None:
        raise RuntimeError("broken")

    def works() -> None:
        ran.append("works")

    jobs.daily(broken)
    jobs.daily(works)
    try:
        jobs.run_daily()
    finally:
        jobs.DAILY.remove(broken)
        jobs.DAILY.remove(works)
    assert ran == ["works"]


def test_a_job_goes_through_redis(world, django_capture_on_commit_callbacks, monkeypatch):
    """The production path: the task is put on a Redis queue and taken off it by a worker
    (here the consumer's own dequeue and execute, in this process)."""
    redis = pytest.importorskip("redis")
    from huey.contrib import djhuey
    from huey.contrib.djhuey import HUEY
    from huey.storage import RedisStorage

    # A worker closes stale database connections around each task; here the task runs inside
    # the test's transaction, whose connection must stay open (PostgreSQL).
    monkeypatch.setattr(djhuey, "close_old_connections", lambda: None)

    url = os.environ.get("TASK_BROKER_URL") or "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as error:
        pytest.skip(f"Redis nås inte på {url} ({error}): testet av kön i produktion hoppas över")
    HUEY.immediate = False
    HUEY.storage = RedisStorage(f"samordna-test-{uuid.uuid4().hex}", url=url)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = _start(world)
        assert HUEY.pending_count() == 1
        job.refresh_from_db()
        assert job.state == "queued"
        task = HUEY.dequeue()
        assert task is not None
        HUEY.execute(task)
        job.refresh_from_db()
        assert job.state == "done"
        assert job.file.read() == "Hej Samordningsförbundet Alfa 1".encode()
    finally:
        HUEY.storage.flush_all()
        HUEY.immediate = True
