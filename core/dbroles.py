"""Two database roles in production: an owner that migrates and an application role that cannot
rewrite history.

The owner role (DATABASE_OWNER_URL) owns every table and runs `migrate`, `backup` and
`restore`. The application role (DATABASE_URL) gets SELECT, INSERT, UPDATE and DELETE on the
ordinary tables, only SELECT and INSERT on the append-only tables (the audit log) and only
SELECT on the migration history. Not owning the audit table, it cannot TRUNCATE it or
`ALTER TABLE … DISABLE TRIGGER` either. Without DATABASE_OWNER_URL (local development, tests)
everything runs under DATABASE_URL as before and nothing here does anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import dj_database_url
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections, transaction

# The settings that say who connects; NAME, HOST and PORT must be the same for both roles.
_IDENTITY_KEYS = ("USER", "PASSWORD", "OPTIONS")
_SAME_DATABASE_KEYS = ("ENGINE", "NAME", "HOST", "PORT")


@dataclass(frozen=True)
class GrantReport:
    app_role: str
    owner_role: str
    tables: int
    append_only: tuple[str, ...]
    read_only: tuple[str, ...]


def owner_settings() -> dict | None:
    """The owner's connection settings, or None when DATABASE_OWNER_URL is not set."""
    url = getattr(settings, "DATABASE_OWNER_URL", "")
    return dict(dj_database_url.parse(url)) if url else None


@contextmanager
def as_owner(alias: str = "default") -> Iterator[str | None]:
    """Within the block, connection `alias` connects as the owner role.

    Yields the application role's user name (whose privileges the caller may then grant), or
    None when no owner is configured (the block then runs under DATABASE_URL unchanged).
    """
    owner = owner_settings()
    connection = connections[alias]
    if owner is None:
        yield None
        return
    current = connection.settings_dict
    for key in _SAME_DATABASE_KEYS:
        if str(owner.get(key) or "") != str(current.get(key) or ""):
            raise CommandError(
                "DATABASE_OWNER_URL måste peka på samma databas som DATABASE_URL "
                f"(skiljer sig i {key.lower()}); bara användaren och lösenordet får skilja."
            )
    app_user = current.get("USER") or ""
    saved = {key: current.get(key) for key in _IDENTITY_KEYS}
    connection.close()
    current.update({key: owner.get(key) for key in _IDENTITY_KEYS})
    current["OPTIONS"] = current.get("OPTIONS") or {}
    try:
        yield app_user
    finally:
        connection.close()
        current.update(saved)


def grant_app_privileges(app_role: str, alias: str = "default") -> GrantReport:
    """Gives `app_role` exactly the privileges the application needs (run as the owner).

    Also sets default privileges, so tables a later migration creates are granted too; the
    append-only and read-only tables are narrowed again on every run (`migrate` runs this).
    """
    connection = connections[alias]
    if connection.vendor != "postgresql":
        raise CommandError("Databasroller finns bara på PostgreSQL.")
    quote = connection.ops.quote_name
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_database()")
        owner_role, database = cursor.fetchone()
        if app_role == owner_role:
            raise CommandError(
                f"Programrollen {app_role} är samma som ägarrollen: sätt DATABASE_URL till "
                "programrollen och DATABASE_OWNER_URL till ägarrollen."
            )
        cursor.execute(
            "SELECT rolsuper, rolbypassrls, pg_has_role(rolname, %s, 'MEMBER') "
            "FROM pg_roles WHERE rolname = %s",
            [owner_role, app_role],
        )
        row = cursor.fetchone()
        if row is None:
            raise CommandError(f"Rollen {app_role} finns inte: skapa den först (deploy/roles.sql).")
        superuser, _bypass_rls, member_of_owner = row
        if superuser:
            raise CommandError(
                f"Programrollen {app_role} är superanvändare och kan ändra händelseloggen: "
                "använd en vanlig inloggningsroll (deploy/roles.sql)."
            )
        if member_of_owner:
            raise CommandError(
                f"Programrollen {app_role} är medlem i ägarrollen {owner_role} och får då "
                "ägarens rättigheter: ta bort medlemskapet (REVOKE)."
            )
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        tables = [name for (name,) in cursor.fetchall()]
        app = quote(app_role)
        statements = [
            f"GRANT CONNECT ON DATABASE {quote(database)} TO {app}",
            f"GRANT USAGE ON SCHEMA public TO {app}",
            f"REVOKE CREATE ON SCHEMA public FROM {app}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {app}",
        ]
        append_only = tuple(t for t in settings.SAMORDNA_APPEND_ONLY_TABLES if t in tables)
        read_only = tuple(t for t in settings.SAMORDNA_READ_ONLY_TABLES if t in tables)
        for table in append_only:
            statements.append(
                f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {quote(table)} "
                f"FROM {app}, PUBLIC"
            )
            statements.append(f"GRANT SELECT, INSERT ON {quote(table)} TO {app}")
        for table in read_only:
            statements.append(f"REVOKE ALL ON {quote(table)} FROM {app}, PUBLIC")
            statements.append(f"GRANT SELECT ON {quote(table)} TO {app}")
        for statement in statements:
            cursor.execute(statement)
    return GrantReport(app_role, owner_role, len(tables), append_only, read_only)
