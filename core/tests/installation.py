"""A production-like installation for tests: owner and app roles from deploy/roles.sql, a fresh
PostgreSQL database, `manage.py` run in a subprocess with the production environment variables.

Role and database names carry a random suffix, so parallel runs on one server never meet.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def postgres_available() -> bool:
    engine = settings.DATABASES["default"]["ENGINE"]
    return "postgresql" in engine and all(shutil.which(t) for t in ("psql", "pg_dump"))


def _server() -> dict:
    db = settings.DATABASES["default"]
    return {
        "host": db.get("HOST") or "127.0.0.1",
        "port": str(db.get("PORT") or 5432),
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or "",
    }


def admin(dbname: str = "postgres") -> psycopg.Connection:
    """A superuser connection (the one the test run itself uses)."""
    server = _server()
    return psycopg.connect(
        host=server["host"],
        port=server["port"],
        user=server["user"],
        password=server["password"] or None,
        dbname=dbname,
        autocommit=True,
    )


def connect_as(role: str, dbname: str) -> psycopg.Connection:
    server = _server()
    return psycopg.connect(
        host=server["host"], port=server["port"], user=role, dbname=dbname, password="test"
    )


def url(role: str, dbname: str) -> str:
    server = _server()
    return f"postgres://{role}:test@{server['host']}:{server['port']}/{dbname}"


@dataclass
class Installation:
    var_dir: Path
    suffix: str = field(default_factory=lambda: secrets.token_hex(4))
    databases: list[str] = field(default_factory=list)

    @property
    def owner(self) -> str:
        return f"sam_test_owner_{self.suffix}"

    @property
    def app(self) -> str:
        return f"sam_test_app_{self.suffix}"

    @property
    def database(self) -> str:
        return f"sam_test_db_{self.suffix}"

    def create(self) -> None:
        """Roles and database exactly as docs/drift.md says (deploy/roles.sql)."""
        server = _server()
        psql = shutil.which("psql") or "psql"
        subprocess.run(  # noqa: S603 (our own arguments)
            [
                psql,
                "-X",
                "-q",
                f"--host={server['host']}",
                f"--port={server['port']}",
                f"--username={server['user']}",
                "--dbname=postgres",
                "-v",
                f"owner={self.owner}",
                "-v",
                f"app={self.app}",
                "-v",
                f"db={self.database}",
                "-v",
                "owner_password='test'",
                "-v",
                "app_password='test'",
                "-f",
                str(BASE_DIR / "deploy" / "roles.sql"),
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "PGPASSWORD": server["password"]},
        )
        self.databases.append(self.database)

    def create_empty_database(self, name: str) -> str:
        """Another database owned by the owner role, as for a restore."""
        with admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}" OWNER "{self.owner}"')
        self.databases.append(name)
        return name

    def env(self, database: str | None = None, var_dir: Path | None = None) -> dict[str, str]:
        database = database or self.database
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "REDIS_URL"))}
        env.update(
            DATABASE_URL=url(self.app, database),
            DATABASE_OWNER_URL=url(self.owner, database),
            SAMORDNA_VAR_DIR=str(var_dir or self.var_dir),
            DJANGO_SETTINGS_MODULE="samordna.settings",
        )
        return env

    def manage(self, *args: str, database: str | None = None, var_dir: Path | None = None):
        return subprocess.run(  # noqa: S603 (our own arguments)
            [sys.executable, str(BASE_DIR / "manage.py"), *args],
            env=self.env(database, var_dir),
            capture_output=True,
            text=True,
            cwd=BASE_DIR,
            timeout=300,
        )

    def drop(self) -> None:
        with admin() as connection:
            for name in self.databases:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in (self.app, self.owner):
                connection.execute(f'DROP ROLE IF EXISTS "{role}"')


def fingerprints(role: str, dbname: str) -> dict[str, tuple[int, str]]:
    """Every table's row count and an MD5 of its rows (written apart from core.backup, so the
    test does not trust the code it checks)."""
    result = {}
    with connect_as(role, dbname) as connection:
        connection.execute("SET TimeZone = 'UTC'")
        tables = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
        for (table,) in tables:
            row = connection.execute(
                f"SELECT count(*), md5(coalesce(string_agg(r::text, '|' ORDER BY r::text "  # noqa: S608
                f'COLLATE "C"), \'-\')) FROM "{table}" r'
            ).fetchone()
            assert row is not None
            result[table] = (row[0], row[1])
    return result
