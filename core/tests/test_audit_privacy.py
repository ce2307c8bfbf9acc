"""The audit log keeps no file names and logs every export written from the command line."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from core import audit
from core.models import AuditEvent
from economy.services import import_sie
from participants.services import import_participants
from samples.participant_rows import csv_bytes, row
from samples.testing.economy import HANDMADE

# A file name as people name files: a person's name and personnummer.
PERSONAL_NAME = "Anna Andersson 850101-1234 ansökan"


def events_after(before: set[int]) -> list[AuditEvent]:
    with scopes_disabled():
        return list(AuditEvent.objects.exclude(pk__in=before).order_by("id"))


def event_ids() -> set[int]:
    with scopes_disabled():
        return set(AuditEvent.objects.values_list("pk", flat=True))


def test_file_facts_are_the_same_for_bytes_a_path_and_an_open_file(tmp_path):
    data = b"deltagar_id;insats\n" * 1000
    path = tmp_path / f"{PERSONAL_NAME}.csv"
    path.write_bytes(data)
    handle = io.BytesIO(data)
    handle.read(10)
    facts = audit.file_facts(path.name, data)
    assert facts == {
        "typ": "csv",
        "storlek": len(data),
        "sha256": hashlib.sha256(data).hexdigest()[: audit.FILE_HASH_CHARS],
    }
    assert audit.file_facts(path.name, path) == facts
    assert audit.file_facts(path.name, handle) == facts
    assert handle.tell() == 0  # rewound for the reader
    assert audit.file_facts("namn.med konstig ändelse/..", b"")["typ"] == "okänd"
    assert audit.file_facts(path.name) == {"typ": "csv"}  # the name alone: only its type


def test_a_participant_import_logs_no_file_name(world):
    data = csv_bytes([row(), row(deltagar_id="ALFA-002")])
    import_participants(world.a, data, f"{PERSONAL_NAME}.csv", world.users["kansli"])
    before = event_ids()
    # Again with one change: the per-row events name their source too.
    data = csv_bytes([row(), row(deltagar_id="ALFA-002", kommun="Danderyd")])
    result = import_participants(world.a, data, f"{PERSONAL_NAME}.csv", world.users["kansli"])
    assert result.ok and result.updated == 1, result.errors
    new = events_after(before)
    assert {event.action for event in new} == {"participation.updated", "participations.imported"}
    text = json.dumps([event.changes for event in new], ensure_ascii=False)
    assert "Anna" not in text and "850101" not in text
    summary = next(event for event in new if event.action == "participations.imported")
    assert summary.changes["fil"] == audit.file_facts("x.csv", data)
    update = next(event for event in new if event.action == "participation.updated")
    assert summary.changes["fil"]["sha256"] in update.changes["källa"]


def test_a_sie_import_logs_no_file_name(world):
    before = event_ids()
    import_sie(world.a, HANDMADE, world.users["ekonom"], file_name=f"{PERSONAL_NAME}.se")
    (event,) = [e for e in events_after(before) if e.action == "economy.sie_imported"]
    assert event.changes["fil"] == audit.file_facts("x.se", HANDMADE.read_bytes())
    assert "Anna" not in json.dumps(event.changes, ensure_ascii=False)


def test_every_export_command_is_logged_with_kind_format_year_and_rows(world, tmp_path):
    before = event_ids()
    out = io.StringIO()
    call_command(
        "export_participants", "--forbund", "alfa", "--year", "2024",
        "-o", str(tmp_path / "d.csv"), stdout=out,
    )  # fmt: skip
    call_command(
        "export_national", "--forbund", "alfa", "--year", "2024",
        "-o", str(tmp_path / "n.xlsx"), stdout=out,
    )  # fmt: skip
    call_command("participant_stats", "--forbund", "alfa", "--year", "2024", stdout=out)
    new = events_after(before)
    assert [event.action for event in new] == [audit.EXPORT_WRITTEN] * 3
    assert all(event.forbund == world.a and event.actor is None for event in new)
    participants, national, stats = (event.changes for event in new)
    assert (participants["typ"], participants["format"], participants["år"]) == (
        "deltagare",
        "csv",
        2024,
    )
    assert participants["rader"] == 2 and participants["via"] == "kommandorad"
    assert (national["typ"], national["format"]) == ("uppfoljning_finsam", "xlsx")
    assert (stats["typ"], stats["format"]) == ("deltagarstatistik", "json")
    # What was written is never in the log.
    assert "A1-0001" not in json.dumps([e.changes for e in new])
    with scope(forbund=world.a):
        assert Path(tmp_path / "d.csv").exists()


def test_deleting_the_books_logs_no_file_name(world, clients):
    import_sie(world.a, HANDMADE, world.users["ekonom"], file_name=f"{PERSONAL_NAME}.se")
    before = event_ids()
    response = clients["ekonom"].post(
        reverse("economy:delete_year", kwargs={"forbund": "alfa", "year": 2023})
    )
    assert response.status_code == 302
    (event,) = [e for e in events_after(before) if e.action == "economy.books_deleted"]
    assert event.changes["fil"] == {"typ": "se"}
    assert "Anna" not in json.dumps(event.changes, ensure_ascii=False)
