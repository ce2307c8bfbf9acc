"""A production-like installation on PostgreSQL: two roles, migrate as the owner, the app role
unable to rewrite the audit log, and a backup that restores into a new database unchanged.

Everything runs as `manage.py` in subprocesses with the production environment variables
(DATABASE_URL for the app role, DATABASE_OWNER_URL for the owner), against databases and roles
made for this module and dropped after it.
"""

from __future__ import annotations

import hashlib
import threading
import time

import psycopg
import pytest

from core.tests.installation import (
    Installation,
    admin,
    connect_as,
    fingerprints,
    postgres_available,
)

pytestmark = [
    pytest.mark.skipif(
        not postgres_available(), reason="kräver PostgreSQL (DATABASE_URL) och psql/pg_dump"
    ),
    pytest.mark.slow,
]

MEDIA_FILES = {
    "rapporter/arsredovisning-2025.pdf": b"%PDF-1.7 not really\n" * 100,
    "bilagor/å ä ö.txt": b"svenska tecken i namnet\n",
}


@pytest.fixture(scope="module")
def installation(tmp_path_factory):
    """Roles and database from deploy/roles.sql, migrated as the owner, the demo loaded by the
    application role, two uploaded files."""
    var_dir = tmp_path_factory.mktemp("var")
    inst = Installation(var_dir=var_dir)
    inst.create()
    try:
        for args in (("migrate", "--noinput"), ("load_demo",)):
            result = inst.manage(*args)
            assert result.returncode == 0, result.stderr
        for name, content in MEDIA_FILES.items():
            path = var_dir / "media" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        yield inst
    finally:
        inst.drop()


def _audit_log(role, database):
    with connect_as(role, database) as connection:
        return connection.execute(
            "SELECT action, at, object_id, changes::text FROM core_auditevent ORDER BY id"
        ).fetchall()


def _audit_rows(inst, database=None):
    with connect_as(inst.owner, database or inst.database) as connection:
        row = connection.execute("SELECT count(*) FROM core_auditevent").fetchone()
        assert row is not None
        return row[0]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE core_auditevent SET action = 'ändrad'",
        "DELETE FROM core_auditevent",
        "TRUNCATE core_auditevent",
        "ALTER TABLE core_auditevent DISABLE TRIGGER ALL",
        "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_update",
        "DROP TRIGGER core_auditevent_no_update ON core_auditevent",
        "DROP TABLE core_auditevent CASCADE",
        "INSERT INTO django_migrations (app, name, applied) VALUES ('x', 'y', now())",
        "CREATE TABLE smuggled (id int)",
    ],
)
def test_the_app_role_cannot_change_the_audit_log_or_the_schema(installation, statement):
    before = _audit_rows(installation)
    assert before > 0
    with (
        connect_as(installation.app, installation.database) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute(statement)
    assert _audit_rows(installation) == before


def test_the_app_role_writes_ordinary_tables_and_appends_to_the_audit_log(installation):
    before = _audit_rows(installation)
    result = installation.manage("create_forbund", "andra", "Andra förbundet")
    assert result.returncode == 0, result.stderr
    with connect_as(installation.app, installation.database) as connection:
        connection.execute(
            "INSERT INTO core_auditevent (at, action, object_type, object_id, object_repr, "
            "changes) VALUES (now(), 'test.appended', '', '', '', '{}')"
        )
        connection.execute("UPDATE organisations_forbund SET name = name || '!'")
        connection.execute("DELETE FROM django_session")
    assert _audit_rows(installation) >= before + 1
    with connect_as(installation.app, installation.database) as connection:
        names = connection.execute(
            "SELECT name FROM organisations_forbund WHERE slug = 'andra'"
        ).fetchone()
    assert names == ("Andra förbundet!",)


def test_the_owner_owns_every_table_and_neither_role_is_a_superuser(installation):
    with admin(installation.database) as connection:
        owners = {
            owner
            for (owner,) in connection.execute(
                "SELECT tableowner FROM pg_tables WHERE schemaname = 'public'"
            )
        }
        supers = connection.execute(
            "SELECT rolname, rolsuper FROM pg_roles WHERE rolname IN (%s, %s)",
            [installation.owner, installation.app],
        ).fetchall()
    assert owners == {installation.owner}
    assert sorted(supers) == sorted([(installation.owner, False), (installation.app, False)])


def test_setup_db_roles_refuses_a_superuser_as_the_app_role(installation):
    with admin() as connection:
        row = connection.execute("SELECT current_user").fetchone()
    assert row is not None
    result = installation.manage("setup_db_roles", "--app-role", row[0])
    assert result.returncode != 0
    assert "är superanvändare" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_owner_url_for_another_database_is_refused(installation):
    other = installation.env()
    other["DATABASE_OWNER_URL"] = other["DATABASE_OWNER_URL"].rsplit("/", 1)[0] + "/postgres"
    import subprocess
    import sys

    from core.tests.installation import BASE_DIR

    refused = subprocess.run(  # noqa: S603 (our own arguments)
        [sys.executable, str(BASE_DIR / "manage.py"), "migrate"],
        env=other,
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
    )
    assert refused.returncode != 0
    assert "DATABASE_OWNER_URL måste peka på samma databas" in refused.stderr


def test_a_backup_restores_into_a_new_database_with_every_table_and_file_equal(
    installation, tmp_path
):
    source = fingerprints(installation.owner, installation.database)
    source_log = _audit_log(installation.owner, installation.database)
    backups = tmp_path / "backups"
    result = installation.manage("backup", "-o", f"{backups}/")
    assert result.returncode == 0, result.stderr
    (archive,) = backups.glob("samordna-backup-*.tar")
    assert archive.stat().st_mode & 0o077 == 0  # personal data: only the owner may read it

    target = installation.create_empty_database(f"{installation.database}_restored")
    target_var = tmp_path / "restored-var"
    result = installation.manage("restore", str(archive), database=target, var_dir=target_var)
    assert result.returncode == 0, result.stderr
    assert "alla kontrollsummor stämmer" in result.stdout

    restored = fingerprints(installation.owner, target)
    # The backup and the restore log themselves (after the snapshot, and after the check);
    # apart from the restore's own audit row, every table is identical.
    source.pop("core_auditevent")
    restored.pop("core_auditevent")
    assert restored == source
    assert len(source) > 40
    assert sum(rows for rows, _ in source.values()) > 1000
    restored_log = _audit_log(installation.owner, target)
    assert restored_log[:-1] == source_log
    assert restored_log[-1][0] == "system.restore"
    for name, content in MEDIA_FILES.items():
        restored_file = target_var / "media" / name
        assert hashlib.sha256(restored_file.read_bytes()).digest() == (
            hashlib.sha256(content).digest()
        )

    # The restored database has the same role split: the app still cannot touch the log.
    with (
        connect_as(installation.app, target) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute("DELETE FROM core_auditevent")

    # A second restore into the now non-empty database is refused and changes nothing.
    again = installation.manage("restore", str(archive), database=target, var_dir=tmp_path / "v")
    assert again.returncode != 0
    assert "är inte tom" in again.stderr
    assert "Traceback" not in again.stderr
    after = fingerprints(installation.owner, target)
    after.pop("core_auditevent")
    assert after == source


def test_a_backup_taken_while_the_application_writes_is_consistent(installation, tmp_path):
    """The checksums and the dump come from one snapshot: the restore's own comparison of
    every table with the manifest passes although rows arrived throughout the backup."""
    stop = threading.Event()
    written = []

    def write_audit_rows():
        with connect_as(installation.app, installation.database) as connection:
            connection.autocommit = True
            deadline = time.monotonic() + 60
            while not stop.is_set() and time.monotonic() < deadline and len(written) < 5000:
                connection.execute(
                    "INSERT INTO core_auditevent (at, action, object_type, object_id, "
                    "object_repr, changes) VALUES (now(), 'test.during_backup', '', '', '', "
                    "'{}')"
                )
                written.append(1)

    writer = threading.Thread(target=write_audit_rows)
    writer.start()
    try:
        while not written:
            time.sleep(0.01)
        result = installation.manage("backup", "-o", f"{tmp_path}/")
    finally:
        stop.set()
        writer.join()
    assert result.returncode == 0, result.stderr
    during = len(written)
    (archive,) = tmp_path.glob("samordna-backup-*.tar")
    target = installation.create_empty_database(f"{installation.database}_during")
    restored = installation.manage(
        "restore", str(archive), database=target, var_dir=tmp_path / "var-during"
    )
    assert restored.returncode == 0, restored.stderr
    assert "alla kontrollsummor stämmer" in restored.stdout
    assert during > 1  # rows really were written while the backup ran
