"""Least data by default (docs/personuppgifter.md): fields switched off per förbund, the
health-word check of free text, and the log of who read participant rows."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from participants.models import ParticipantAccess, PrivacySettings
from participants.services import import_participants, write_participants
from participants.services.least_data import health_words_in
from samples.participant_rows import csv_bytes, row


@pytest.fixture
def without_municipality_and_referrer(world):
    with scopes_disabled():
        PrivacySettings.objects.create(forbund=world.a, off_fields=["municipality", "referrer"])


def test_settings_page_saves_choices_and_contacts(world, clients):
    url = reverse("participants:privacy", kwargs={"forbund": "alfa"})
    response = clients["kansli"].post(
        url,
        {
            "consent_scopes": ["uppfoljning_12m"],
            "off_fields": ["municipality"],
            "privacy_contact": "dataskydd@alfa.example.se",
            "dpo_name": "Dora Ombud",
            "dpo_contact": "dpo@alfa.example.se",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        settings = PrivacySettings.objects.get(forbund=world.a)
        world.a.refresh_from_db()
    assert settings.consent_scopes == ["uppfoljning_12m"]
    assert settings.off_fields == ["municipality"]
    assert world.a.dpo_name == "Dora Ombud"
    assert clients["styrelse"].post(url, {"off_fields": ["referrer"]}).status_code == 403


def test_switched_off_fields_are_not_in_the_participation_form(
    world, clients, without_municipality_and_referrer
):
    url = reverse("participants:participation_add", kwargs={"forbund": "alfa", "insats": "A1"})
    form = clients["kansli"].get(url).context["form"]
    assert "municipality" not in form.fields and "referrer" not in form.fields
    assert "birth_year" in form.fields and "education" in form.fields


def test_import_refuses_values_in_switched_off_columns(world, without_municipality_and_referrer):
    data = csv_bytes([row(kommun="Täby", inremitterande_part="")])
    result = import_participants(world.a, io.BytesIO(data), "deltagare.csv")
    assert not result.ok
    [error] = result.errors
    assert (error.row, error.column, error.value) == (2, "kommun", "Täby")
    assert "samlar inte in uppgiften kommun" in error.reason


def test_import_accepts_the_file_with_those_columns_empty(world, without_municipality_and_referrer):
    data = csv_bytes([row(kommun="", inremitterande_part="")])
    assert import_participants(world.a, io.BytesIO(data), "deltagare.csv").ok


def test_export_leaves_switched_off_columns_out(world, without_municipality_and_referrer):
    out = io.BytesIO()
    rows = write_participants(world.a, out, "csv")
    header = out.getvalue().decode("utf-8-sig").splitlines()[0].split(";")
    assert rows == 2
    assert "kommun" not in header and "inremitterande_part" not in header
    assert header[:3] == ["deltagar_id", "insats", "kon"] and "fodelsear" in header


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kurs i svenska", []),
        ("Arbetsträning på Coop, diagnos ADHD", ["diagnos", "adhd"]),
        ("Stöd efter utmattningssyndrom", ["utmattningssyndrom"]),
        ("Sjukskriven på halvtid", ["sjukskriv"]),
        ("Padel och badminton", []),  # "add" only as a word start
    ],
)
def test_health_words_are_found_as_words(text, found):
    assert health_words_in(text) == found


def test_activity_label_with_a_diagnosis_is_refused_with_a_warning(world, clients):
    participation = world.extra["participation_a1"]
    url = reverse(
        "participants:activity_add",
        kwargs={"forbund": "alfa", "participation": participation.pk},
    )
    page = clients["kansli"].get(url).content.decode()
    assert "Skriv aldrig diagnoser" in page
    response = clients["kansli"].post(
        url, {"kind": "kurs", "label": "Kurs trots depression", "start_date": "2024-03-01"}
    )
    assert response.status_code == 200
    assert "verkar innehålla hälsouppgifter (depression)" in response.content.decode()
    with scopes_disabled():
        assert participation.activities.count() == 1


def test_reads_of_lists_pages_and_exports_are_logged_and_shown(world, clients):
    client = clients["insatsansvarig"]
    participation = world.extra["participation_a1"]
    client.get(reverse("participants:participations", kwargs={"forbund": "alfa"}))
    client.get(
        reverse(
            "participants:participation",
            kwargs={"forbund": "alfa", "participation": participation.pk},
        )
    )
    client.get(reverse("participants:export", kwargs={"forbund": "alfa"}) + "?format=csv")
    with scopes_disabled():
        reads = list(
            ParticipantAccess.objects.filter(user=world.users["insatsansvarig"]).order_by("id")
        )
    assert [(r.kind, r.rows) for r in reads] == [("lista", 1), ("sida", None), ("export", 1)]
    assert reads[1].participant == participation.participant
    log_url = reverse("participants:access_log", kwargs={"forbund": "alfa"})
    page = clients["kansli"].get(log_url, {"kind": "export"}).content.decode()
    assert "Deltagarfil (csv)" in page and "Deltaganden" not in page.split("<tbody>")[1]
    assert "A1-0001" not in page
    assert clients["insatsansvarig"].get(log_url).status_code == 403


def test_switched_off_fields_are_not_shown_on_the_participation_page(
    world, clients, without_municipality_and_referrer
):
    participation = world.extra["participation_a1"]
    url = reverse(
        "participants:participation",
        kwargs={"forbund": "alfa", "participation": participation.pk},
    )
    text = clients["kansli"].get(url).content.decode()
    assert "<dt>Kommun</dt>" not in text and "<dt>Inremitterande part</dt>" not in text
    assert "<dt>Födelseår</dt>" in text
