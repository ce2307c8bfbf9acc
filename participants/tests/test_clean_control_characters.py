"""The data migration that cleans control characters stored before they were refused."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django_scopes import scopes_disabled

from core.stored_text import clean_stored_text
from organisations.models import Member
from participants.models import Insats, Participant, Participation


def run_migration(module: str) -> None:
    importlib.import_module(module).clean(apps, SimpleNamespace(connection=connection))


@pytest.mark.parametrize(
    ("text", "multiline", "cleaned"),
    [
        ("A1\x01-0001", False, "A1-0001"),
        ("Tä\x0bby", False, "Täby"),
        ("två\nrader\t", False, "två rader"),
        ("två\r\nrader\x7f\x85", True, "två\r\nrader"),
        ("\x00nul", True, "nul"),
        ("vanlig text", False, "vanlig text"),
    ],
)
def test_clean_stored_text(text, multiline, cleaned):
    assert clean_stored_text(text, multiline) == cleaned


def test_the_migration_cleans_participants_insatser_and_participations(world):
    participation = world.extra["participation_a1"]
    with scopes_disabled():
        Participant.objects.filter(pk=participation.participant_id).update(code="A1\x01-0001")
        Participation.objects.filter(pk=participation.pk).update(municipality="Tä\nby\x1f")
        Insats.objects.filter(pk=world.insats_a1.pk).update(
            name="Namn\x0b", description="rad ett\nrad två\x01"
        )
        untouched = Participant.objects.create(forbund=world.a, code="RÖR-EJ")
        # Cleaned, this one would be the same code as an existing participant of the förbund.
        Participant.objects.create(forbund=world.a, code="A2-000\x021")
        Participant.objects.create(forbund=world.b, code="B\x01")

    run_migration("participants.migrations.0006_clean_control_characters")

    with scopes_disabled():
        codes = set(Participant.objects.filter(forbund=world.a).values_list("code", flat=True))
        assert {"A1-0001", "A2-0001", "A2-0001 (2)", "RÖR-EJ"} <= codes
        assert Participant.objects.get(forbund=world.b, code="B")
        participation.refresh_from_db()
        assert participation.municipality == "Tä by"
        insats = Insats.objects.get(pk=world.insats_a1.pk)
        assert (insats.name, insats.description) == ("Namn", "rad ett\nrad två")
        untouched.refresh_from_db()
        assert untouched.code == "RÖR-EJ"


def test_the_migration_cleans_member_names_keeping_them_unique(world):
    with scopes_disabled():
        name = Member.objects.filter(forbund=world.a).values_list("name", flat=True).first()
        twin = Member.objects.create(forbund=world.a, name=f"{name}\x0b")
    run_migration("organisations.migrations.0003_clean_control_characters")
    twin.refresh_from_db()
    assert twin.name == f"{name} (2)"
