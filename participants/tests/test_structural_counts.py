"""Participants of a strukturinriktad insats, entered per year (for Uppföljning Finsam)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from core.models import AuditEvent
from participants.models import Insats, StructuralParticipantCount
from participants.services.national_export import national_participants
from participants.tests.statistics_factories import make_insatser, structural


@pytest.fixture
def komp(world):
    return make_insatser(world.a, [structural("KOMP", "Kompetensutveckling")])["KOMP"]


def url(world, code):
    return reverse("participants:structural_counts", kwargs={"forbund": "alfa", "insats": code})


def test_kansli_enters_a_year_and_entering_it_again_replaces_it(world, komp, clients):
    form = {"year": 2023, "women": 12, "men": 5, "not_stated": 1}
    response = clients["kansli"].post(url(world, "KOMP"), form)
    assert response.status_code == 302
    clients["kansli"].post(url(world, "KOMP"), form | {"women": 14})
    with scopes_disabled():
        rows = list(StructuralParticipantCount.objects.filter(insats=komp))
        assert [(r.year, r.women, r.men, r.not_stated, r.total) for r in rows] == [
            (2023, 14, 5, 1, 20)
        ]
        actions = list(
            AuditEvent.objects.filter(action__startswith="structural_count.").values_list(
                "action", flat=True
            )
        )
    assert sorted(actions) == ["structural_count.created", "structural_count.updated"]
    assert national_participants(world.a, 2023).cell(komp) == {
        "kvinna": 14,
        "man": 5,
        "ej_angivet": 1,
        "totalt": 20,
    }
    page = clients["styrelse"].get(reverse("participants:insats", args=["alfa", "KOMP"]))
    assert "Antal deltagare per år" in page.content.decode()


def test_counts_are_refused_to_others_and_for_an_individual_insats(world, komp, clients):
    form = {"year": 2023, "women": 1, "men": 0, "not_stated": 0}
    assert clients["insatsansvarig"].post(url(world, "KOMP"), form).status_code == 403
    response = clients["kansli"].post(url(world, "A1"), form)
    assert response.status_code == 200
    assert "individinriktad insats" in response.content.decode()
    with scopes_disabled():
        assert not StructuralParticipantCount.objects.filter(forbund=world.a).exists()
        a1 = Insats.objects.get(forbund=world.a, code="A1")
        row = StructuralParticipantCount(forbund=world.a, insats=a1, year=2023, women=1)
        with pytest.raises(ValidationError, match="bara för strukturinriktade"):
            row.full_clean()


def test_a_negative_count_is_refused(world, komp, clients):
    form = {"year": 2023, "women": -1, "men": 0, "not_stated": 0}
    response = clients["kansli"].post(url(world, "KOMP"), form)
    assert response.status_code == 200
    with scopes_disabled():
        assert not StructuralParticipantCount.objects.filter(forbund=world.a).exists()
