"""An import killed with SIGKILL in the middle of writing leaves nothing half-written, and the
next import of the same file succeeds (issue 12, item 9).

A real `manage.py import_participants` process runs against the PostgreSQL test database; the
test waits until that process holds the förbund's import lock and its COPY of rows is running
(it is inside its writing transaction), kills it with SIGKILL, and counts the rows. PostgreSQL
only: on SQLite there is no second connection to watch the writer from.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_scopes import scopes_disabled

from core.locks import lock_key
from participants.models import Participant, Participation
from participants.services import import_participants
from samples.participant_rows import csv_bytes, row

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ROWS = 60_000
WAIT_SECONDS = 120


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SIGKILL-testet kräver PostgreSQL (DATABASE_URL=postgres://…)")


def _database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def _writing(forbund_id: int, kind: str) -> bool:
    """Whether another connection holds the import lock and is copying rows in."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.objid = %s "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND l.classid::bigint = %s AND a.state = 'active' AND a.query ILIKE 'COPY%%'",
            [forbund_id, lock_key(kind) & 0xFFFFFFFF],
        )
        return cursor.fetchone()[0] > 0


def _lock_released(forbund_id: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            [forbund_id],
        )
        return cursor.fetchone()[0] == 0


def _counts(world) -> tuple[int, int]:
    with scopes_disabled():
        return (
            Participant.objects.filter(forbund=world.a).count(),
            Participation.objects.filter(forbund=world.a).count(),
        )


def test_an_import_killed_while_writing_leaves_nothing_and_the_next_import_succeeds(
    world, tmp_path: Path
):
    path = tmp_path / "deltagare.csv"
    path.write_bytes(
        csv_bytes([row(deltagar_id=f"KILL-{n:06d}", kommun="Täby") for n in range(ROWS)])
    )
    before = _counts(world)
    process = subprocess.Popen(  # noqa: S603 - our own manage.py, no shell
        [sys.executable, "manage.py", "import_participants", "--forbund", world.a.slug, str(path)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": _database_url()},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while not _writing(world.a.pk, "ParticipantImport"):
            assert process.poll() is None, process.communicate()[1].decode()[-2000:]
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()

    # The server ends the dead client's transaction (and its lock) once it notices.
    deadline = time.monotonic() + 30
    while not _lock_released(world.a.pk):
        assert time.monotonic() < deadline, "the killed import's lock was never released"
        time.sleep(0.05)
    assert _counts(world) == before

    with scopes_disabled():
        result = import_participants(world.a, path, path.name)
    assert result.ok, result.errors[:3]
    assert result.created == ROWS
    assert _counts(world) == (before[0] + ROWS, before[1] + ROWS)
