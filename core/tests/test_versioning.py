"""Optimistic locking (core/versioning.py) and the import lock (core/locks.py), through the
pages and the services, on SQLite and PostgreSQL. The races with real threads against a live
server are in test_concurrency.py."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django_scopes import scope, scopes_disabled

from budget.models import Budget, BudgetLine
from core.locks import ImportBusy
from core.models import AuditEvent
from core.versioning import StaleEdit, claim, fingerprint
from participants.models import Participation
from participants.services import import_participants
from samples.participant_rows import csv_bytes, row
from samples.testing.locks import import_lock_held_elsewhere

STALE = "Någon annan har ändrat"


@pytest.fixture
def line(world):
    with scopes_disabled():
        budget = Budget.objects.create(forbund=world.a, year=2025)
        return BudgetLine.objects.create(
            forbund=world.a,
            budget=budget,
            category="administration",
            name="Lokaler",
            original_amount=1000,
            position=10,
        )


def _path(line) -> str:
    return f"/f/alfa/budget/2025/rader/{line.pk}/"


def _fields(amount: int, version, name: str = "Lokaler") -> dict:
    return {
        "category": "administration",
        "name": name,
        "original_amount": str(amount),
        "position": "10",
        "version": version,
    }


def _version_in(page) -> str:
    found = re.search(r'name="version" value="(\d+)"', page.content.decode())
    assert found, "no version in the form"
    return found.group(1)


def _second_client(world) -> Client:
    client = Client()
    client.force_login(world.users["kansli"])
    return client


def test_the_form_carries_the_version_it_shows(clients, line):
    page = clients["ekonom"].get(_path(line))
    assert _version_in(page) == "1"


def test_a_stale_form_is_refused_with_what_changed_and_saving_again_overwrites(
    world, clients, line
):
    mine, theirs = clients["ekonom"], _second_client(world)
    my_version = _version_in(mine.get(_path(line)))
    assert (
        theirs.post(_path(line), _fields(2000, _version_in(theirs.get(_path(line))))).status_code
        == 302
    )

    page = mine.post(_path(line), _fields(3000, my_version, name="Hyra"))
    assert page.status_code == 200
    text = page.content.decode()
    assert STALE in text and "medan du redigerade" in text
    conflict = page.context["form"].conflict
    assert {c["field"]: (c["theirs"], c["yours"]) for c in conflict} == {
        "Benämning": ("Lokaler", "Hyra"),
        "Belopp (kr)": ("2000", "3000"),
    }
    assert "Senast sparat av kansli-a" in text  # who saved it (the audit log's last event)
    with scopes_disabled():
        line.refresh_from_db()
    assert (line.original_amount, line.version) == (2000, 2)
    # What I typed is still in the form; it now carries the version stored, so saving again
    # is a deliberate overwrite.
    assert _version_in(page) == "2"
    assert 'value="Hyra"' in text
    assert mine.post(_path(line), _fields(3000, _version_in(page), name="Hyra")).status_code == 302
    with scopes_disabled():
        line.refresh_from_db()
        events = AuditEvent.objects.filter(action="budget_line.updated", object_id=line.pk)
        chain = [e.changes["original_amount"] for e in events.order_by("id")]
    assert (line.original_amount, line.name, line.version) == (3000, "Hyra", 3)
    assert chain == [{"från": 1000, "till": 2000}, {"från": 2000, "till": 3000}]


def test_a_form_without_a_version_saves_nothing(clients, line):
    fields = _fields(5000, "")
    del fields["version"]
    page = clients["ekonom"].post(_path(line), fields)
    assert page.status_code == 200
    assert "Ladda om sidan" in page.content.decode()
    with scopes_disabled():
        line.refresh_from_db()
    assert line.original_amount == 1000


def test_the_audit_row_holds_the_stored_old_value_not_the_one_the_form_was_loaded_with(world, line):
    """claim() reads the row it has locked: the audit's old value is what was stored."""
    with scopes_disabled(), transaction.atomic():
        loaded = BudgetLine.objects.get(pk=line.pk)
        BudgetLine.objects.filter(pk=line.pk).update(original_amount=1500)  # no version bump
        loaded.original_amount = 4000
        before = claim(loaded, 1)
        assert before["original_amount"] == 1500
        assert "version" not in before
        loaded.save()
    with scopes_disabled():
        line.refresh_from_db()
    assert line.version == 2


def test_claim_refuses_a_version_that_moved_on_and_a_removed_row(world, line):
    with scopes_disabled():
        stored = BudgetLine.objects.get(pk=line.pk)
        stored.name = "Hyra"
        stored.save()
        assert stored.version == 2
        with pytest.raises(StaleEdit) as stale, transaction.atomic():
            claim(line, 1)
        assert stale.value.current.name == "Hyra"
        BudgetLine.objects.filter(pk=line.pk).delete()
        with pytest.raises(StaleEdit, match="tagit bort") as removed, transaction.atomic():
            claim(line, 2)
        assert removed.value.current is None


def test_save_with_update_fields_moves_the_version_too(world, line):
    with scopes_disabled():
        line.name = "Hyra"
        line.save(update_fields=["name"])
        line.refresh_from_db()
    assert (line.name, line.version) == ("Hyra", 2)


def test_fingerprint_changes_with_any_save_addition_or_removal(world, line):
    with scopes_disabled():
        lines = list(BudgetLine.objects.filter(budget=line.budget))
        first = fingerprint(lines)
        assert fingerprint(reversed(lines)) == first
        line.save()
        assert fingerprint([line]) != first


def test_an_edit_form_opened_before_an_import_changed_the_row_is_stale(world, clients):
    participation = world.extra["participation_a1"]
    with scopes_disabled():
        participation.refresh_from_db()
        code = participation.participant.code
    path = f"/f/alfa/deltaganden/{participation.pk}/andra/"
    page = clients["kansli"].get(path)
    assert page.status_code == 200
    version = _version_in(page)
    data = csv_bytes(
        [
            row(
                deltagar_id=code,
                insats="A1",
                startdatum=participation.start_date.isoformat(),
                slutdatum="",
                avslutsorsak="",
                kommun="Vallentuna",
                kon=participation.gender,
                fodelsear=participation.birth_year or "",
                utbildning=participation.education,
                inremitterande_part=participation.referrer,
            )
        ]
    )
    with scopes_disabled():
        result = import_participants(world.a, data, "deltagare.csv")
    assert result.ok and result.updated == 1, result.errors
    form = page.context["form"]
    fields = {name: form[name].value() or "" for name in form.fields}
    # Norrtälje is not a member municipality: written in as another one, and confirmed.
    fields.update(
        version=version, municipality="__annan__", municipality_other="Norrtälje", bekrafta="on"
    )
    answer = clients["kansli"].post(path, fields)
    assert answer.status_code == 200
    assert STALE in answer.content.decode()
    with scopes_disabled():
        participation.refresh_from_db()
    assert participation.municipality == "Vallentuna"


def test_the_audit_log_of_a_stale_participation_never_holds_personal_values(world, clients):
    participation = world.extra["participation_a1"]
    path = f"/f/alfa/deltaganden/{participation.pk}/andra/"
    page = clients["kansli"].get(path)
    form = page.context["form"]
    fields = {name: form[name].value() or "" for name in form.fields}
    with scopes_disabled():
        stored = Participation.objects.get(pk=participation.pk)
        stored.municipality = "Vallentuna"
        stored.save()
    answer = clients["kansli"].post(
        path,
        {
            **fields,
            "municipality": "__annan__",
            "municipality_other": "Norrtälje",
            "bekrafta": "on",
        },
    )
    assert STALE in answer.content.decode()
    with scopes_disabled():
        logged = str(list(AuditEvent.objects.filter(object_id=participation.pk).values()))
    assert "Norrtälje" not in logged and "Vallentuna" not in logged


# --- The import lock ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_import_while_another_holds_the_lock_is_refused_in_swedish_and_writes_nothing(world):
    if connection.vendor != "postgresql":
        pytest.skip("a second connection holding the lock: PostgreSQL")
    with import_lock_held_elsewhere(world.a, "ParticipantImport"):
        data = csv_bytes([row(deltagar_id=f"LOCK-{n}") for n in range(3)])
        with scope(forbund=world.a):
            result = import_participants(world.a, data, "deltagare.csv")
            assert not Participation.objects.filter(participant__code__startswith="LOCK-").exists()
        assert result.busy
        assert "En annan import pågår för förbundet" in result.errors[0].reason
        # Another förbund's import is not held up.
        with scope(forbund=world.b):
            other = import_participants(
                world.b, csv_bytes([row(deltagar_id="B-1", insats="B1")]), "deltagare.csv"
            )
        assert other.ok and other.created == 1
    with scope(forbund=world.a):
        again = import_participants(world.a, data, "deltagare.csv")
    assert again.ok and again.created == 3


@pytest.mark.django_db(transaction=True)
def test_a_sie_import_while_another_holds_the_lock_is_refused(world):
    if connection.vendor != "postgresql":
        pytest.skip("a second connection holding the lock: PostgreSQL")
    from economy.services import SieImportError, import_sie

    upload = world.extra["sie_upload_alfa"]
    with import_lock_held_elsewhere(world.a, "sie"):
        with pytest.raises(SieImportError) as refused:
            import_sie(world.a, bytes(upload.data), file_name="bok.se")
        assert refused.value.busy
        assert "En annan import pågår" in refused.value.problems[0]


def test_import_busy_says_so_in_swedish():
    assert "En annan import pågår för förbundet" in str(ImportBusy())


# --- Pages that edit several rows at once --------------------------------------------------


def test_a_stale_contributions_page_is_refused_with_the_cells_that_differ(world, clients):
    from budget.models import Contribution
    from organisations.choices import MemberKind
    from organisations.models import Member

    with scopes_disabled():
        fk = Member.objects.get(forbund=world.a, kind=MemberKind.FORSAKRINGSKASSAN)
    path = "/f/alfa/medlemsbidrag/2024/andra/"
    mine, theirs = clients["ekonom"], _second_client(world)
    my_state = mine.get(path).context["form"].fields["state"].initial
    their_state = theirs.get(path).context["form"].fields["state"].initial
    assert my_state == their_state
    assert (
        theirs.post(path, {f"decided_{fk.pk}": "3 000 000", "state": their_state}).status_code
        == 302
    )

    page = mine.post(path, {f"decided_{fk.pk}": "2 500 000", "state": my_state})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Någon annan har ändrat uppgifterna på sidan medan du redigerade" in text
    assert page.context["form"].conflict == [
        {"field": "Tilldelning Försäkringskassan", "theirs": "3000000", "yours": "2500000"}
    ]
    with scopes_disabled():
        assert Contribution.objects.get(member=fk, year=2024).decided == 3_000_000
    # Saving again from the conflict page (it carries the current fingerprint) goes in.
    again = page.context["form"].data["state"]
    assert mine.post(path, {f"decided_{fk.pk}": "2 500 000", "state": again}).status_code == 302
    with scopes_disabled():
        assert Contribution.objects.get(member=fk, year=2024).decided == 2_500_000


def test_a_stale_texts_page_is_refused_and_keeps_the_other_persons_text(world, clients):
    from reports.models import ReportText

    path = "/f/alfa/rapporter/arsredovisning/2024/texter/"
    mine, theirs = clients["kansli"], _second_client(world)
    my_page, their_page = mine.get(path), theirs.get(path)
    assert my_page.status_code == 200, path
    my_state = my_page.context["form"].fields["state"].initial
    their_state = their_page.context["form"].fields["state"].initial
    assert theirs.post(path, {"ordforande": "Deras text.", "state": their_state}).status_code == 302
    page = mine.post(path, {"ordforande": "Min text.", "state": my_state})
    assert page.status_code == 200
    assert {row["yours"] for row in page.context["form"].conflict} >= {"Min text."}
    with scopes_disabled():
        assert list(
            ReportText.objects.filter(forbund=world.a, key="ordforande").values_list(
                "text", flat=True
            )
        ) == ["Deras text."]


@pytest.mark.django_db(transaction=True)
def test_an_import_refuses_rows_saved_from_a_form_while_it_was_planning(world):
    """The import lock keeps other imports out, not form edits: the import locks the rows it
    changes and refuses (writing nothing) when one was saved since it read them."""
    if connection.vendor != "postgresql":
        pytest.skip("a second connection editing meanwhile: PostgreSQL")
    from participants.services.participant_import import ParticipantImport

    with scopes_disabled():
        import_participants(world.a, csv_bytes([row(deltagar_id="RACE-1")]), "f.csv")
        participation = Participation.objects.get(participant__code="RACE-1")

    def edit_from_a_form():
        try:
            with scopes_disabled(), transaction.atomic():
                stored = Participation.objects.get(pk=participation.pk)
                claim(stored, stored.version)
                stored.municipality = "Norrtälje"
                stored.save()
        finally:
            connection.close()

    class EditedWhilePlanning(ParticipantImport):
        def plan(self, items, result):
            planned = super().plan(items, result)
            editor = threading.Thread(target=edit_from_a_form)
            editor.start()
            editor.join()
            return planned

    with scope(forbund=world.a):
        result = EditedWhilePlanning(world.a, None, None).run(
            csv_bytes([row(deltagar_id="RACE-1", kommun="Vallentuna")]), "f.csv"
        )
    assert not result.ok
    assert "ändrades av någon annan medan importen pågick" in result.errors[0].reason
    with scopes_disabled():
        participation.refresh_from_db()
    assert participation.municipality == "Norrtälje"
    assert participation.version == 2


def test_a_row_changed_since_its_page_was_opened_is_not_deleted(world, clients, line):
    with scopes_disabled():
        line.name = "Hyra"
        line.save()
    answer = clients["ekonom"].post(_path(line), {"delete": "1", "version": 1}, follow=True)
    assert "inte borttagen" in answer.content.decode()
    with scopes_disabled():
        assert BudgetLine.objects.filter(pk=line.pk).exists()
    assert clients["ekonom"].post(_path(line), {"delete": "1"}).status_code == 302
    with scopes_disabled():
        assert BudgetLine.objects.filter(pk=line.pk).exists()  # no version: nothing deleted
    clients["ekonom"].post(_path(line), {"delete": "1", "version": 2})
    with scopes_disabled():
        assert not BudgetLine.objects.filter(pk=line.pk).exists()
