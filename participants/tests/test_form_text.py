"""Web forms refuse control characters in every text field (core.apps installs the check of
core.tabular.text on Django's CharField), with a Swedish message, and save nothing."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope

from participants.models import Insats, Participation


def test_every_form_char_field_refuses_control_characters():
    with pytest.raises(ValidationError) as refused:
        forms.CharField().clean("Namn\x01")
    assert "U+0001 (kontrolltecken), på plats 5" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        forms.CharField(widget=forms.Textarea).clean("a\x00b")


def test_line_breaks_and_tabs_are_allowed_in_form_text():
    assert forms.CharField(widget=forms.Textarea).clean("rad ett\r\nrad\ttvå") == (
        "rad ett\r\nrad\ttvå"
    )


def insats_data(**values) -> dict:
    return {"code": "NY1", "name": "Ny insats", "kind": "individinriktad", **values}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": "Ny\x0binsats"}, "name"),
        ({"description": "Text\x1b[31m"}, "description"),
        ({"code": "NY\n1"}, "code"),
    ],
)
def test_the_insats_form_refuses_control_characters(world, clients, values, field):
    path = reverse("participants:insats_add", kwargs={"forbund": "alfa"})
    response = clients["kansli"].post(path, insats_data(**values))
    assert response.status_code == 200
    assert "otillåtet tecken" in " ".join(response.context["form"].errors[field])
    with scope(forbund=world.a):
        assert not Insats.objects.filter(name__startswith="Ny").exists()


def test_the_insats_form_keeps_line_breaks_in_the_description(world, clients):
    path = reverse("participants:insats_add", kwargs={"forbund": "alfa"})
    response = clients["kansli"].post(path, insats_data(description="Rad ett\r\nRad två"))
    assert response.status_code == 302
    with scope(forbund=world.a):
        assert Insats.objects.get(code="NY1").description == "Rad ett\r\nRad två"


def test_the_participation_form_refuses_a_control_character_in_the_municipality(world, clients):
    path = reverse("participants:participation_add", kwargs={"forbund": "alfa", "insats": "A1"})
    data = {
        "participant_code": "NY-001",
        "start_date": "2024-03-01",
        "gender": "kvinna",
        "municipality": "Vax\x7fholm",
    }
    response = clients["kansli"].post(path, data)
    assert response.status_code == 200
    assert "U+007F (DEL)" in " ".join(response.context["form"].errors["municipality"])
    with scope(forbund=world.a):
        assert not Participation.objects.filter(participant__code="NY-001").exists()


def test_a_search_with_a_control_character_is_ignored_not_an_error(world, clients):
    path = reverse("participants:participations", kwargs={"forbund": "alfa"})
    response = clients["kansli"].get(path, {"q": "A1\x01"})
    assert response.status_code == 200
    assert "A1-0001" in response.content.decode()
