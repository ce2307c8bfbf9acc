"""The health check behind /halsa/: database, cache, queue, disk and migrations.

Each check answers "ok" or a short Swedish reason; nothing in the answer names a host, a
version, a user or an exception (those go to the log for the operator).
"""

from __future__ import annotations

import logging
import secrets
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)

OK = "ok"
# A successful migration check is remembered this long (loading the graph reads every file).
MIGRATIONS_CACHE_SECONDS = 60
_migrations_ok_until = 0.0


class CheckFailed(Exception):
    """A check's Swedish reason for failing."""


def check_database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise CheckFailed("fel: oväntat svar")
    return OK


def check_cache() -> str:
    key = f"samordna-halsa-{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            raise CheckFailed("fel: det som skrevs gick inte att läsa tillbaka")
    finally:
        cache.delete(key)
    return OK


# A job queued longer than this means no worker takes jobs (core/jobs.py, docs/jobb.md).
QUEUE_WAIT_LIMIT_MINUTES = 10


def check_queue() -> str:
    """The job queue answers (Redis or the embedded SQLite queue) and no job has waited
    for a worker longer than QUEUE_WAIT_LIMIT_MINUTES."""
    from datetime import timedelta

    from django.utils import timezone
    from django_scopes import scopes_disabled
    from huey.contrib.djhuey import HUEY

    from .models import Job

    HUEY.pending_count()  # raises when the queue's storage cannot be reached
    limit = timezone.now() - timedelta(minutes=QUEUE_WAIT_LIMIT_MINUTES)
    with scopes_disabled():
        waiting = Job.objects.filter(state=Job.State.QUEUED, created__lt=limit).count()
    if waiting:
        raise CheckFailed(
            f"fel: {waiting} jobb har väntat mer än {QUEUE_WAIT_LIMIT_MINUTES} minuter"
        )
    return OK


def check_disk() -> str:
    folder = Path(settings.VAR_DIR)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
    if free_mb < settings.SAMORDNA_HEALTH_MIN_FREE_MB:
        raise CheckFailed(f"fel: mindre än {settings.SAMORDNA_HEALTH_MIN_FREE_MB} MB ledigt")
    return OK


def check_migrations() -> str:
    global _migrations_ok_until
    if time.monotonic() < _migrations_ok_until:
        return OK
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise CheckFailed(f"fel: {len(plan)} migreringar är inte körda")
    _migrations_ok_until = time.monotonic() + MIGRATIONS_CACHE_SECONDS
    return OK


CHECKS: dict[str, Callable[[], str]] = {
    "databas": check_database,
    "cache": check_cache,
    "ko": check_queue,
    "disk": check_disk,
    "migreringar": check_migrations,
}


def run_checks() -> tuple[bool, dict[str, str]]:
    """(all ok, check name → "ok" or "fel: …")."""
    results: dict[str, str] = {}
    healthy = True
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except CheckFailed as failure:
            results[name] = str(failure)
            healthy = False
        except Exception:
            logger.exception("Hälsokontrollen %s misslyckades", name)
            results[name] = "fel: svarar inte"
            healthy = False
    return healthy, results
