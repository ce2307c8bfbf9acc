"""The task queue's tasks (huey; the consumer finds this module by its name). Everything
they do lives in core/jobs.py: these are only the entries the queue calls."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import jobs


@db_task()
def run_job(job_id: str) -> None:
    jobs.autodiscover()
    jobs.run(job_id)


# Once a day at 02:15 UTC (03:15 or 04:15 in Sweden): the cleanup of old job files and
# whatever else is registered with @core.jobs.daily (the retention of personal data).
@db_periodic_task(crontab(hour="2", minute="15"))
def daily() -> None:
    jobs.autodiscover()
    jobs.run_daily()


# A ping nobody answered within a minute is dropped, not run by the next worker to start.
@db_task(expires=60)
def ping() -> str:
    """Answered by a running worker: `manage.py check_worker` (deploy/smoke.sh, monitoring)."""
    return "pong"
