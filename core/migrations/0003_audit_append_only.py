"""Database-level guard: audit rows cannot be updated (or, on PostgreSQL, deleted).

SQLite keeps DELETE open because Django's test flush empties tables with DELETE; PostgreSQL's
flush uses TRUNCATE, which row triggers do not see.
"""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'core_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS core_auditevent_no_update ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_append_only();
"""
SQLITE_UP = """
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'core_auditevent is append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS core_auditevent_no_update;"


def forwards(apps, schema_editor):
    _run(schema_editor, POSTGRES_UP, SQLITE_UP)


def backwards(apps, schema_editor):
    _run(schema_editor, POSTGRES_DOWN, SQLITE_DOWN)


def _run(schema_editor, postgres_sql, sqlite_sql):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgres_sql)
    elif vendor == "sqlite":
        schema_editor.execute(sqlite_sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
