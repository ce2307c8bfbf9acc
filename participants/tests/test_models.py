"""The models' invariants hold in the database, with Swedish messages for forms."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_scopes import scope

from participants.models import Activity, Insats, Participant, Participation


def new_participation(world, **values) -> Participation:
    participant = world.extra["participation_a1"].participant
    fields = {
        "forbund": world.a,
        "participant": participant,
        "insats": world.insats_a1,
        "start_date": date(2025, 1, 1),
    }
    fields.update(values)
    return Participation(**fields)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"end_date": date(2024, 12, 31)}, "Slutdatum kan inte ligga före startdatum."),
        ({"end_reason": "arbete"}, "Avslutsorsak kan bara anges tillsammans med slutdatum."),
        ({"birth_year": 1899}, "Födelseåret kan inte vara före 1900."),
    ],
)
def test_the_database_refuses_an_inconsistent_participation(world, values, message):
    with scope(forbund=world.a):
        participation = new_participation(world, **values)
        with pytest.raises(ValidationError) as raised:
            participation.validate_constraints()
        assert message in str(raised.value)
        with pytest.raises(IntegrityError), transaction.atomic():
            participation.save()


def test_a_participation_is_unique_per_person_insats_and_start(world):
    existing = world.extra["participation_a1"]
    with scope(forbund=world.a):
        twin = new_participation(world, start_date=existing.start_date)
        with pytest.raises(ValidationError, match="samma startdatum"):
            twin.validate_constraints()
        with pytest.raises(IntegrityError), transaction.atomic():
            twin.save()


@pytest.mark.parametrize("code", ["8501011234", "850101-1234", "19850101+1234"])
def test_a_participant_code_may_not_be_a_personnummer(world, code):
    with scope(forbund=world.a), pytest.raises(ValidationError, match="personnummer"):
        Participant(forbund=world.a, code=code).full_clean()


def test_participant_codes_are_unique_within_a_forbund_but_not_across(world):
    with scope(forbund=world.a), pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(forbund=world.a, code="A1-0001")
    with scope(forbund=world.b):
        Participant.objects.create(forbund=world.b, code="A1-0001")


def test_an_activity_cannot_end_before_it_starts(world):
    participation = world.extra["participation_a1"]
    with scope(forbund=world.a), pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.create(
            forbund=world.a,
            participation=participation,
            kind="kurs",
            start_date=date(2024, 5, 1),
            end_date=date(2024, 4, 1),
        )


def test_expected_shares_are_percentages(world):
    with scope(forbund=world.a):
        insats = Insats(
            forbund=world.a, code="X", name="X", kind="individinriktad", expected_share_women=101
        )
        with pytest.raises(ValidationError, match="mindre än eller lika med 100"):
            insats.full_clean()
        with pytest.raises(ValidationError, match="mellan 0 och 100 procent"):
            insats.validate_constraints()


def test_audit_descriptions_hold_no_personal_values(world):
    participation = world.extra["participation_a1"]
    text = participation.audit_repr() + participation.participant.audit_repr()
    assert "A1-0001" not in text and "1990" not in text
