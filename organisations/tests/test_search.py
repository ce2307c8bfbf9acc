"""The header search: scoped to the förbund, the role and the insatsansvarig's own insatser."""

from __future__ import annotations

from datetime import date

import pytest
from django_scopes import scopes_disabled

from participants.models import Participant, Participation

pytestmark = pytest.mark.django_db

URL = "/f/alfa/sok/"


@pytest.fixture
def beta_code(world):
    """A participant of förbund B whose code matches what förbund A's users search for."""
    with scopes_disabled():
        participant = Participant.objects.create(forbund=world.b, code="A1-0777")
        Participation.objects.create(
            forbund=world.b,
            participant=participant,
            insats=world.insats_b1,
            start_date=date(2024, 1, 15),
        )
    return "A1-0777"


def test_kansli_finds_participant_codes_of_the_own_forbund_only(clients, beta_code):
    html = clients["kansli"].get(URL, {"q": "-0"}).content.decode()
    assert "A1-0001" in html and "A2-0001" in html
    assert beta_code not in html
    assert "/f/alfa/deltaganden/" in html


def test_the_outsider_searching_their_own_forbund_never_sees_forbund_a(clients, beta_code):
    html = clients["outsider"].get("/f/beta/sok/", {"q": "A1"}).content.decode()
    assert beta_code in html
    assert "A1-0001" not in html and "FINSAM-team" not in html
    assert clients["outsider"].get(URL, {"q": "A1"}).status_code == 404


def test_the_insatsansvarig_finds_only_participants_of_their_own_insatser(clients, beta_code):
    html = clients["insatsansvarig"].get(URL, {"q": "0001"}).content.decode()
    assert "A1-0001" in html
    assert "A2-0001" not in html
    # insatser as such are visible to every member
    html = clients["insatsansvarig"].get(URL, {"q": "aktivitet"}).content.decode()
    assert "Aktivitetsplatsen" in html and "A2-0001" not in html


def test_roles_without_participant_rows_find_no_participant_codes(clients, world):
    for persona in ("styrelse", "ekonom", "revisor"):
        html = clients[persona].get(URL, {"q": "A1"}).content.decode()
        assert "A1-0001" not in html, persona
        assert "FINSAM-team" in html, persona  # the insats A1 itself


def test_members_and_pages_are_found_and_pages_follow_the_role(clients):
    html = clients["kansli"].get(URL, {"q": "försäkring"}).content.decode()
    assert "Försäkringskassan" in html
    assert "/f/alfa/medlemmar/" in html
    kansli = clients["kansli"].get(URL, {"q": "logg"}).content.decode()
    assert "Händelselogg" in kansli and "/f/alfa/logg/" in kansli
    styrelse = clients["styrelse"].get(URL, {"q": "logg"}).content.decode()
    assert "/f/alfa/logg/" not in styrelse
    insats = clients["insatsansvarig"].get(URL, {"q": "sie"}).content.decode()
    assert "/f/alfa/ekonomi/sie/" not in insats
    ekonom = clients["ekonom"].get(URL, {"q": "sie"}).content.decode()
    assert "/f/alfa/ekonomi/sie/" in ekonom


def test_a_short_or_empty_query_searches_nothing(clients):
    response = clients["kansli"].get(URL, {"q": "A"})
    assert response.status_code == 200
    assert "Skriv minst 2 tecken." in response.content.decode()
    assert response.context["sections"] == []
    assert clients["kansli"].get(URL).status_code == 200


def test_no_hits_are_said_in_swedish(clients):
    html = clients["kansli"].get(URL, {"q": "zzzz-finns-inte"}).content.decode()
    assert "Inga träffar för ”zzzz-finns-inte”." in html


def test_the_number_of_queries_does_not_grow_with_the_hits(
    clients, world, django_assert_max_num_queries
):
    with scopes_disabled():
        for number in range(30):
            participant = Participant.objects.create(forbund=world.a, code=f"A1-1{number:03d}")
            Participation.objects.create(
                forbund=world.a,
                participant=participant,
                insats=world.insats_a1,
                start_date=date(2024, 3, 1),
            )
    with django_assert_max_num_queries(12):
        response = clients["kansli"].get(URL, {"q": "A1-1"})
    sections = {str(section.title): section for section in response.context["sections"]}
    assert len(sections["Deltagare"].results) == 20 and sections["Deltagare"].more
    assert "/f/alfa/deltaganden/?q=A1-1" in response.content.decode()
