"""The participation form: member municipalities as a choice; another municipality and a date
after today are saved only when the user confirms them (core.forms.WarningsForm)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from core.forms import DJANGO_EMPTY_LABEL
from participants.models import Participation


def _add_url() -> str:
    return reverse("participants:participation_add", kwargs={"forbund": "alfa", "insats": "A1"})


def _data(**values) -> dict[str, str]:
    data = {
        "participant_code": "NY-002",
        "start_date": "2024-03-01",
        "gender": "kvinna",
        "municipality": "",
        "municipality_other": "",
    }
    data.update(values)
    return data


def _saved(world) -> Participation | None:
    with scope(forbund=world.a):
        return Participation.objects.filter(participant__code="NY-002").first()


def test_the_member_municipalities_are_the_choice(world, clients):
    page = clients["kansli"].get(_add_url()).content.decode()
    assert '<optgroup label="Medlemskommuner">' in page
    assert '<option value="Samordningsförbundet Alfa">Samordningsförbundet Alfa</option>' in page
    assert "Samordningsförbundet Beta" not in page  # B's member is not offered
    assert "Annan kommun …" in page and DJANGO_EMPTY_LABEL not in page
    assert (
        'name="bekrafta"' in page
        and 'type="checkbox"' not in page.split('name="bekrafta"')[0][-80:]
    )


def test_a_member_municipality_is_saved_without_a_question(world, clients):
    response = clients["kansli"].post(_add_url(), _data(municipality="Samordningsförbundet Alfa"))
    assert response.status_code == 302
    assert _saved(world).municipality == "Samordningsförbundet Alfa"


def test_another_municipality_is_warned_about_and_saved_when_confirmed(world, clients):
    client = clients["kansli"]
    data = _data(municipality="__annan__", municipality_other="Vaxholm")
    first = client.post(_add_url(), data)
    assert first.status_code == 200 and _saved(world) is None
    page = first.content.decode()
    assert "Vaxholm är inte medlem i förbundet" in page
    assert 'type="checkbox" name="bekrafta"' in page
    confirmed = client.post(_add_url(), {**data, "bekrafta": "on"})
    assert confirmed.status_code == 302
    assert _saved(world).municipality == "Vaxholm"


def test_another_municipality_needs_a_name(world, clients):
    response = clients["kansli"].post(_add_url(), _data(municipality="__annan__", bekrafta="on"))
    assert response.status_code == 200 and "Skriv vilken kommun." in response.content.decode()
    assert _saved(world) is None


def test_a_member_typed_as_another_municipality_is_the_member(world, clients):
    data = _data(municipality="__annan__", municipality_other="samordningsförbundet alfa")
    assert clients["kansli"].post(_add_url(), data).status_code == 302
    assert _saved(world).municipality == "Samordningsförbundet Alfa"


def test_a_start_in_the_future_is_confirmed_not_silently_counted(world, clients):
    client = clients["kansli"]
    future = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()
    first = client.post(_add_url(), _data(start_date=future))
    assert first.status_code == 200 and _saved(world) is None
    assert f"Startdatumet {future} ligger i framtiden" in first.content.decode()
    assert client.post(_add_url(), _data(start_date=future, bekrafta="on")).status_code == 302
    assert _saved(world).start_date.isoformat() == future


def test_editing_keeps_another_municipality_as_written(world, clients):
    participation = world.extra["participation_a1"]
    with scope(forbund=world.a):
        participation.municipality = "Norrtälje"
        participation.save()
    url = reverse(
        "participants:participation_edit",
        kwargs={"forbund": "alfa", "participation": participation.pk},
    )
    page = clients["kansli"].get(url).content.decode()
    assert '<option value="__annan__" selected>' in page
    assert 'value="Norrtälje"' in page


# --- A quick "Ny deltagare": a suggested pseudonymous code ----------------------------------


def test_a_new_participant_gets_the_next_free_code_of_the_insats(world, clients):
    from participants.models import Participant
    from participants.services.participant_template import suggest_participant_code
    from participants.validators import looks_like_personnummer

    with scope(forbund=world.a):
        first = suggest_participant_code(world.insats_a1)
        Participant.objects.create(forbund=world.a, code="A1-004")
        Participant.objects.create(forbund=world.a, code="A1-x")
        after = suggest_participant_code(world.insats_a1)
        world.insats_a2.code = "2024"
        digits_only = suggest_participant_code(world.insats_a2)
    assert after == "A1-005" and first.startswith("A1-")
    assert digits_only == "D2024-001" and not looks_like_personnummer(digits_only)
    page = clients["kansli"].get(_add_url()).content.decode()
    assert 'value="A1-005"' in page
    assert f'value="{timezone.localdate().isoformat()}"' in page  # today as the start


def test_the_suggested_code_registers_a_new_person(world, clients):
    page = clients["kansli"].get(_add_url())
    code = page.context["form"].initial["participant_code"]
    data = _data(participant_code=code)
    assert clients["kansli"].post(_add_url(), data).status_code == 302
    with scope(forbund=world.a):
        assert Participation.objects.filter(participant__code=code).exists()


def test_an_end_in_the_future_is_confirmed(world, clients):
    participation = world.extra["participation_a1"]
    url = reverse(
        "participants:participation_end",
        kwargs={"forbund": "alfa", "participation": participation.pk},
    )
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    data = {"end_date": future, "end_reason": "arbete", "version": participation.version}
    first = clients["kansli"].post(url, data)
    assert first.status_code == 200
    assert f"Slutdatumet {future} ligger i framtiden." in first.content.decode()
    assert clients["kansli"].post(url, {**data, "bekrafta": "on"}).status_code == 302
    participation.refresh_from_db()
    assert participation.end_date.isoformat() == future
