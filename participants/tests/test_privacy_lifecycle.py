"""Extract, consent and erasure together (docs/personuppgifter.md, docs/gallring.md): after
erasure, the register extract for that code says that nothing is held, while another
participant's extract is untouched; the register of processing states the förbund's rule."""

from __future__ import annotations

import io
import json
from datetime import date

from django.core.management import call_command
from django_scopes import scopes_disabled

from organisations.models import Forbund
from participants.models import Consent, ConsentScope, Participant
from participants.services.processing_register import retention_description
from participants.services.retention import set_retention_years


def extract(code: str) -> dict:
    out = io.StringIO()
    call_command(
        "participant_extract",
        "--forbund",
        "alfa",
        "--deltagare",
        code,
        stdout=out,
        stderr=io.StringIO(),
    )
    return json.loads(out.getvalue())


def test_after_erasure_the_extract_says_nothing_is_held(world):
    with scopes_disabled():
        person = Participant.objects.get(forbund__slug="alfa", code="A1-0001")
        Consent.objects.create(
            forbund=person.forbund,
            participant=person,
            scope=ConsentScope.FOLLOW_UP_12M,
            given_on=date(2024, 2, 1),
            method="skriftligt",
        )
        others = sorted(
            Participant.objects.filter(forbund__slug="alfa")
            .exclude(pk=person.pk)
            .values_list("code", flat=True)
        )
    before = extract("A1-0001")
    assert before["deltagare"]["deltagar-id"] == "A1-0001"
    assert len(before["samtycken"]) == 1
    other_before = extract(others[0])

    call_command(
        "erase_participant",
        forbund="alfa",
        deltagare="A1-0001",
        skal="Begäran",
        stdout=io.StringIO(),
    )

    after = extract("A1-0001")
    assert after["deltagare"] is None
    assert "Inga uppgifter finns" in after["meddelande"]
    with scopes_disabled():
        assert not Consent.objects.filter(participant_id=person.pk).exists()
        assert (
            sorted(Participant.objects.filter(forbund__slug="alfa").values_list("code", flat=True))
            == others
        )
    other_after = extract(others[0])
    assert other_after["deltaganden"] == other_before["deltaganden"]


def test_register_of_processing_states_the_forbunds_retention_years(world):
    with scopes_disabled():
        forbund = Forbund.objects.get(slug="alfa")
    set_retention_years(forbund, 7, None)
    assert "7 år efter" in retention_description(forbund)
    set_retention_years(forbund, 3, None)
    assert "3 år efter" in retention_description(forbund)
