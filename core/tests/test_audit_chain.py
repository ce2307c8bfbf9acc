"""The audit log's hash chain (core.audit_chain) and `verify_audit`."""

from __future__ import annotations

import importlib
import itertools
import threading
from contextlib import contextmanager

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections, transaction
from django_scopes import scope, scopes_disabled

from core import audit, audit_chain
from core.models import AuditEvent

TRIGGER = "core_auditevent_no_update"


@contextmanager
def append_only_trigger_off():
    """What only the table's owner can do: switch the append-only trigger off (PostgreSQL) or
    drop it (SQLite) for the block. Both are undone with the test's transaction anyway."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Deferred foreign-key checks of this transaction's inserts must run first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE core_auditevent DISABLE TRIGGER {TRIGGER}")
        else:
            cursor.execute(f"DROP TRIGGER {TRIGGER}")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE core_auditevent ENABLE TRIGGER {TRIGGER}")
        else:
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE ON core_auditevent "
                "BEGIN SELECT RAISE(ABORT, 'core_auditevent is append-only'); END;"
            )


def verify(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


def some_events(world, count: int = 4) -> list[AuditEvent]:
    with scope(forbund=world.a):
        return [
            audit.log(world.users["kansli"], "test.event", world.insats_a1, changes={"n": n})
            for n in range(count)
        ]


def test_each_event_is_chained_to_the_one_before_it(world):
    events = some_events(world)
    with scopes_disabled():
        rows = list(AuditEvent.objects.order_by("id").values("id", "prev_hash", "row_hash"))
    assert rows[0]["prev_hash"] in {audit_chain.GENESIS, *(r["row_hash"] for r in rows)}
    for before, after in itertools.pairwise(rows):
        assert after["prev_hash"] == before["row_hash"]
    assert len({row["row_hash"] for row in rows}) == len(rows)
    assert events[-1].row_hash == rows[-1]["row_hash"] and len(events[-1].row_hash) == 64


def test_a_clean_chain_passes_with_its_count_and_head(world):
    events = some_events(world)
    with scopes_disabled():
        total = AuditEvent.objects.count()
    out = verify()
    assert f"intakt: {total} händelser" in out
    assert f"{events[-1].pk}:{events[-1].row_hash}" in out
    verify("--anchor", f"{events[1].pk}:{events[1].row_hash}")


def test_bulk_created_events_are_chained_as_well(world):
    with scope(forbund=world.a):
        made = AuditEvent.objects.bulk_create(
            [AuditEvent(forbund=world.a, action="bulk.event", changes={"n": n}) for n in range(5)]
        )
    assert all(len(event.row_hash) == 64 for event in made)
    assert made[1].prev_hash == made[0].row_hash
    assert "intakt" in verify()


def test_a_changed_row_is_found_and_named(world):
    events = some_events(world)
    victim = events[1]
    with append_only_trigger_off() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET object_repr = %s WHERE id = %s", ["förfalskad", victim.pk]
        )
    with pytest.raises(CommandError) as error:
        verify()
    message = str(error.value)
    assert f"händelse {victim.pk} (" in message and "har ändrats" in message


def test_a_changed_changes_field_or_time_is_found(world):
    events = some_events(world)
    with append_only_trigger_off() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET changes = %s WHERE id = %s", ['{"n": 99}', events[2].pk]
        )
    with pytest.raises(CommandError, match=f"händelse {events[2].pk} "):
        verify()


def test_a_deleted_row_is_found_at_the_row_after_it(world):
    events = some_events(world)
    with append_only_trigger_off() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError) as error:
        verify()
    assert f"händelse {events[2].pk} (" in str(error.value)
    assert "tagits bort" in str(error.value)


def test_a_deleted_last_row_is_found_by_its_anchor(world):
    events = some_events(world)
    anchor = f"{events[-1].pk}:{events[-1].row_hash}"
    verify("--anchor", anchor)
    with append_only_trigger_off() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[-1].pk])
    verify()  # the chain alone cannot see a cut at the end…
    with pytest.raises(CommandError, match=f"händelse {events[-1].pk} finns inte längre"):
        verify("--anchor", anchor)  # …the anchor noted earlier can


def test_a_row_inserted_afterwards_between_others_is_found(world):
    events = some_events(world)
    with scopes_disabled():
        copy = AuditEvent.objects.values(*audit_chain.HASHED_FIELDS, "prev_hash", "row_hash").get(
            pk=events[1].pk
        )
    # A forged row with a free id between two events, copying a genuine row's hashes.
    with connection.cursor() as cursor:
        cursor.execute("SELECT MAX(id) FROM core_auditevent")
        top = cursor.fetchone()[0]
    forged_id = top + 100
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_auditevent (id, at, action, object_type, object_id, object_repr,"
            " changes, prev_hash, row_hash, forbund_id, actor_id)"
            " VALUES (%s, %s, %s, '', '', '', %s, %s, %s, NULL, NULL)",
            [forged_id, copy["at"], "forged", "{}", copy["prev_hash"], copy["row_hash"]],
        )
    with pytest.raises(CommandError, match=f"händelse {forged_id} "):
        verify()


def test_a_malformed_anchor_is_refused_in_swedish(world):
    with pytest.raises(CommandError, match="--anchor ska vara ID:HASH"):
        verify("--anchor", "12:abc")


def test_the_migration_chains_rows_written_before_the_chain_existed(world):
    some_events(world)
    with connection.cursor() as cursor:
        for n in range(3):
            cursor.execute(
                "INSERT INTO core_auditevent (at, action, object_type, object_id, object_repr,"
                " changes, prev_hash, row_hash, forbund_id, actor_id)"
                " VALUES (%s, %s, '', '', '', %s, '', '', NULL, NULL)",
                [f"2024-01-0{n + 1} 10:00:00+00:00", f"old.{n}", '{"gammal": true}'],
            )
    with pytest.raises(CommandError):
        verify()
    migration = importlib.import_module("core.migrations.0004_audit_hash_chain")

    class Editor:  # what the migration uses of a schema editor
        def __init__(self):
            self.connection = connection

        def execute(self, sql):
            with connection.cursor() as cursor:
                cursor.execute(sql)

    migration.chain_existing_rows(django_apps, Editor())
    assert "intakt" in verify()
    # …and the trigger is back.
    with scopes_disabled(), pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(action="old.1").update(action="forged")


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_chain(world):
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL")
    threads, per_thread = 8, 10
    barrier = threading.Barrier(threads)
    failures = []

    def append(number: int) -> None:
        try:
            barrier.wait()
            for n in range(per_thread):
                with transaction.atomic(), scope(forbund=world.a):
                    audit.log(
                        None, "parallel.event", forbund=world.a, changes={"t": number, "n": n}
                    )
        except Exception as error:  # reported below
            failures.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=append, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    with scopes_disabled():
        prevs = list(AuditEvent.objects.values_list("prev_hash", flat=True))
        assert AuditEvent.objects.filter(action="parallel.event").count() == threads * per_thread
    assert len(prevs) == len(set(prevs)), "two events claim the same predecessor: a fork"
    assert "intakt" in verify()


def test_odd_text_in_an_event_is_chained_and_verified(world):
    if connection.vendor == "postgresql":
        text = "rad\tmed\ntecken ÅÄÖ ＝ 😀"  # PostgreSQL's jsonb takes no lone surrogate
    else:
        text = "rad\tmed\ntecken ÅÄÖ ＝ 😀 \ud800"
    with scope(forbund=world.a):
        audit.log(None, "odd.text", forbund=world.a, changes={text: text, "tal": 1.0, "n": [1]})
    assert "intakt" in verify()


def test_from_the_shell_a_broken_chain_exits_1_with_only_the_swedish_message(world, capsys):
    from core.tests.test_command_errors import run_as_from_the_shell

    events = some_events(world)
    run_as_from_the_shell("core", "verify_audit", [])
    assert capsys.readouterr().out.startswith("Händelseloggen är intakt")
    with append_only_trigger_off() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[0].pk])
    with pytest.raises(SystemExit) as exit_info:
        run_as_from_the_shell("core", "verify_audit", [])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Händelseloggen är inte intakt. Första felet: händelse {events[1].pk}")
