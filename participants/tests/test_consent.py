"""Consent where the förbund asks for it (docs/personuppgifter.md): recorded per participant,
follow-ups refused without it, and withdrawal removes what depended on it in one transaction."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from core.models import AuditEvent
from participants.models import Consent, ConsentScope, Participation, PrivacySettings
from participants.services import import_participants
from participants.services.consent import give_consent, withdraw_consent
from samples.participant_rows import csv_bytes, row


@pytest.fixture
def asks_consent(world):
    with scopes_disabled():
        PrivacySettings.objects.create(forbund=world.a, consent_scopes=[ConsentScope.FOLLOW_UP_12M])


def participant_url(world) -> str:
    participant = world.extra["participation_a1"].participant
    return reverse(
        "participants:participant", kwargs={"forbund": "alfa", "participant": participant.pk}
    )


def end_url(world) -> str:
    return reverse(
        "participants:participation_end",
        kwargs={"forbund": "alfa", "participation": world.extra["participation_a1"].pk},
    )


def end_form_data(client, url, **values) -> dict:
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(values)
    return data


def refresh(world) -> Participation:
    with scopes_disabled():
        return Participation.objects.get(pk=world.extra["participation_a1"].pk)


def test_follow_up_is_refused_without_consent_when_the_forbund_asks(world, clients, asks_consent):
    client = clients["kansli"]
    url = end_url(world)
    response = client.post(url, end_form_data(client, url, follow_up_12m="ja"))
    assert response.status_code == 200
    assert "Förbundet kräver samtycke för uppföljningen" in response.content.decode()
    assert refresh(world).follow_up_12m == ""


def test_follow_up_is_accepted_without_consent_when_the_forbund_does_not_ask(world, clients):
    client = clients["kansli"]
    url = end_url(world)
    assert client.post(url, end_form_data(client, url, follow_up_12m="ja")).status_code == 302
    assert refresh(world).follow_up_12m == "ja"


def test_consent_given_on_the_participant_page_allows_the_follow_up(world, clients, asks_consent):
    client = clients["insatsansvarig"]
    response = client.post(
        participant_url(world),
        {"give": "1", "scope": "uppfoljning_12m", "given_on": "2024-02-01", "method": "muntligt"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        consent = Consent.objects.get(participant=world.extra["participation_a1"].participant)
    assert (consent.scope, consent.given_on, consent.method) == (
        "uppfoljning_12m",
        date(2024, 2, 1),
        "muntligt",
    )
    url = end_url(world)
    assert client.post(url, end_form_data(client, url, follow_up_12m="nej")).status_code == 302
    assert refresh(world).follow_up_12m == "nej"
    page = client.get(participant_url(world)).content.decode()
    assert "Uppföljning 12 månader efter avslut" in page and "2024-02-01" in page


def test_withdrawal_removes_the_follow_up_in_one_audited_step(world, clients, asks_consent):
    participation = world.extra["participation_a1"]
    with scope(forbund=world.a):
        consent = give_consent(
            participation.participant,
            world.users["kansli"],
            scope=ConsentScope.FOLLOW_UP_12M,
            given_on=date(2024, 2, 1),
            method="skriftligt",
        )
        Participation.objects.filter(pk=participation.pk).update(follow_up_12m="ja")
    response = clients["kansli"].post(
        participant_url(world),
        {"withdraw": "1", "consent": consent.pk, "withdrawn_on": "2025-01-10"},
    )
    assert response.status_code == 302
    assert refresh(world).follow_up_12m == ""
    with scopes_disabled():
        consent.refresh_from_db()
        assert consent.withdrawn_on == date(2025, 1, 10)
        event = AuditEvent.objects.filter(action="consent.withdrawn").latest("id")
        assert event.changes["borttaget"] == 1
        assert event.actor == world.users["kansli"]
        cleared = AuditEvent.objects.filter(
            action="participation.updated", object_id=str(participation.pk)
        ).latest("id")
        assert cleared.changes["follow_up_12m"] == "***"
    # And the follow-up cannot be registered again without a new consent.
    client = clients["kansli"]
    response = client.post(
        end_url(world), end_form_data(client, end_url(world), follow_up_12m="ja")
    )
    assert response.status_code == 200
    assert refresh(world).follow_up_12m == ""


def test_withdrawal_before_the_consent_was_given_is_refused_and_changes_nothing(
    world, asks_consent
):
    participation = world.extra["participation_a1"]
    with scope(forbund=world.a):
        consent = give_consent(
            participation.participant,
            None,
            scope=ConsentScope.FOLLOW_UP_12M,
            given_on=date(2024, 2, 1),
            method="skriftligt",
        )
        Participation.objects.filter(pk=participation.pk).update(follow_up_12m="ja")
        with pytest.raises(ValidationError, match="före samtycket"):
            withdraw_consent(consent, None, withdrawn_on=date(2024, 1, 1))
    assert refresh(world).follow_up_12m == "ja"


def test_a_second_active_consent_for_the_same_scope_is_refused(world, asks_consent):
    participant = world.extra["participation_a1"].participant
    with scope(forbund=world.a):
        give_consent(
            participant, None, scope="uppfoljning_12m", given_on=date(2024, 1, 1), method="digitalt"
        )
        with pytest.raises(ValidationError, match="redan ett gällande samtycke"):
            give_consent(
                participant,
                None,
                scope="uppfoljning_12m",
                given_on=date(2024, 2, 1),
                method="digitalt",
            )


def test_import_refuses_a_follow_up_without_consent_with_row_column_and_value(world, asks_consent):
    data = csv_bytes([row(egen_forsorjning_12_man="ja")])
    result = import_participants(world.a, io.BytesIO(data), "deltagare.csv")
    assert not result.ok
    [error] = result.errors
    assert (error.row, error.column, error.value) == (2, "egen_forsorjning_12_man", "ja")
    assert "samtycke" in error.reason


def test_import_accepts_the_follow_up_of_a_participant_with_consent(world, asks_consent):
    participant = world.extra["participation_a1"].participant
    with scope(forbund=world.a):
        give_consent(
            participant, None, scope="uppfoljning_12m", given_on=date(2024, 1, 1), method="digitalt"
        )
    data = csv_bytes([row(deltagar_id=participant.code, egen_forsorjning_12_man="ja")])
    result = import_participants(world.a, io.BytesIO(data), "deltagare.csv")
    assert result.ok, result.errors


def test_insatsansvarig_cannot_open_a_participant_outside_their_insatser(world, clients):
    other = world.extra["participation_a2"].participant
    url = reverse("participants:participant", kwargs={"forbund": "alfa", "participant": other.pk})
    assert clients["insatsansvarig"].get(url).status_code == 404
    assert clients["kansli"].get(url).status_code == 200
