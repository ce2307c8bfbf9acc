"""The hash chain over the audit log (core.audit_chain): two columns, and the chain computed
over the rows already there, in id order.

The append-only trigger refuses the UPDATE that fills them in, so it is switched off for this
migration only (PostgreSQL: DISABLE TRIGGER, which needs the table's owner, who runs the
migrations). SQLite rebuilds the table for the new columns and loses the trigger on the way:
it is created again here.
"""

import django.utils.timezone
from django.db import migrations, models
from django_scopes import scopes_disabled

from core import audit_chain

SQLITE_TRIGGER = """
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'core_auditevent is append-only'); END;
"""
BATCH = 1000


def chain_existing_rows(apps, schema_editor):
    connection = schema_editor.connection
    AuditEvent = apps.get_model("core", "AuditEvent")
    if connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending trigger events
        schema_editor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_update")
    elif connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_auditevent_no_update")
    previous = audit_chain.GENESIS
    pending = []
    with scopes_disabled(), connection.cursor() as cursor:
        rows = (
            AuditEvent.objects.using(connection.alias)
            .order_by("id")
            .values("id", *audit_chain.HASHED_FIELDS)
        )
        for row in rows.iterator(chunk_size=BATCH):
            digest = audit_chain.row_hash(row, previous)
            pending.append((previous, digest, row["id"]))
            previous = digest
            if len(pending) >= BATCH:
                _write(cursor, pending)
        _write(cursor, pending)
    if connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_no_update")
    elif connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)


def restore_sqlite_trigger(apps, schema_editor):
    """Going back: SQLite rebuilt the table while removing the columns; the trigger of 0003
    must be there again."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_auditevent_no_update")
        schema_editor.execute(SQLITE_TRIGGER)


def _write(cursor, pending):
    if pending:
        cursor.executemany(
            "UPDATE core_auditevent SET prev_hash = %s, row_hash = %s WHERE id = %s", pending
        )
        pending.clear()


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_audit_append_only'),
    ]

    operations = [
        # (Reversed last: recreates SQLite's trigger after the columns are gone.)
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_trigger),
        migrations.AddField(
            model_name='auditevent',
            name='prev_hash',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='föregående hash'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='row_hash',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='hash'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False, verbose_name='tidpunkt'),
        ),
        migrations.RunPython(chain_existing_rows, migrations.RunPython.noop),
    ]
