"""The register extract (docs/personuppgifter.md): the command `participant_extract`, the
kansli's page with JSON and PDF, what it lists and that it is logged."""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
from collections import defaultdict
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from core.models import AuditEvent
from participants.choices import InterventionKind
from participants.models import Insats, ParticipantAccess, Participation
from participants.services import import_participants
from participants.services.extract import participant_extract
from samples.participant_rows import csv_bytes, insatser, participant_rows


def extract_json(*args) -> dict:
    out = io.StringIO()
    call_command("participant_extract", *args, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def test_command_lists_participation_activity_and_events_with_swedish_labels(world):
    document = extract_json("--forbund", "alfa", "--deltagare", "A1-0001")
    assert document["deltagare"]["deltagar-id"] == "A1-0001"
    [row] = document["deltaganden"]
    assert row["insats"] == "A1 FINSAM-team"
    assert row["startdatum"] == "2024-02-01"
    assert row["slutdatum"] == "2024-09-30"
    assert row["avslutsorsak"] == "Arbete"
    assert row["kön"] == "Kvinna"
    assert row["födelseår"] == 1990
    [activity] = row["aktiviteter"]
    assert activity["typ av aktivitet"] == "Arbetsträning"
    assert activity["startdatum"] == "2024-03-01"
    assert document["samtycken"] == []
    assert document["förbund"]["namn"] == "Samordningsförbundet Alfa"


def test_command_for_unknown_code_says_nothing_is_held_and_exits_zero(world):
    document = extract_json("--forbund", "alfa", "--deltagare", "FINNS-INTE")
    assert document["deltagare"] is None
    assert "Inga uppgifter finns om deltagar-id FINNS-INTE" in document["meddelande"]


def test_command_does_not_reach_another_forbunds_participant(world):
    # A1-0001 is förbund A's; förbund B holds nothing under that code.
    document = extract_json("--forbund", "beta", "--deltagare", "A1-0001")
    assert document["deltagare"] is None


def test_command_refuses_unknown_forbund(world):
    with pytest.raises(CommandError, match="inget förbund"):
        extract_json("--forbund", "finns-inte", "--deltagare", "A1-0001")


def test_command_is_logged_as_an_export_and_appears_in_the_next_extract(world):
    extract_json("--forbund", "alfa", "--deltagare", "A1-0001")
    with scopes_disabled():
        event = AuditEvent.objects.filter(forbund=world.a, action="export.written").latest("id")
    assert event.changes["typ"] == "registerutdrag"
    assert event.changes["rader"] == 1
    assert event.changes["via"] == "kommandorad"
    assert "A1-0001" not in json.dumps(event.changes)
    again = extract_json("--forbund", "alfa", "--deltagare", "A1-0001")
    assert "Uppgifterna lämnades ut (kommandorad)" in [e["händelse"] for e in again["händelser"]]


def test_edits_are_listed_as_events_with_fields_not_values(world, clients):
    participation = world.extra["participation_a1"]
    url = reverse(
        "participants:participation_edit",
        kwargs={"forbund": "alfa", "participation": participation.pk},
    )
    form = clients["kansli"].get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    # Solna is not a member municipality: written in as another one, and confirmed.
    data.update(municipality="__annan__", municipality_other="Solna", bekrafta="on")
    response = clients["kansli"].post(url, data)
    assert response.status_code == 302
    document = extract_json("--forbund", "alfa", "--deltagare", "A1-0001")
    changed = [e for e in document["händelser"] if e["händelse"] == "Deltagandet ändrades"]
    assert changed and changed[-1]["ändrade uppgifter"] == ["kommun"]
    assert changed[-1]["utförd av"] == str(world.users["kansli"])
    assert "Solna" not in json.dumps(document["händelser"])
    assert document["deltaganden"][0]["kommun"] == "Solna"


def test_random_multi_year_history_every_participation_of_a_person_is_listed(world):
    specs = [s for s in insatser(6, 2019) if s.kind == InterventionKind.INDIVIDUAL]
    with scopes_disabled():
        for spec in specs:
            Insats.objects.create(forbund=world.a, code=spec.code, name=spec.name, kind=spec.kind)
    rows = participant_rows(rows=400, insats_count=6, years=5, first_year=2019, seed=13)
    result = import_participants(world.a, io.BytesIO(csv_bytes(rows)), "deltagare.csv")
    assert result.ok, result.errors[:3]
    by_person: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for values in rows:
        by_person[values["deltagar_id"]].append((values["insats"], values["startdatum"]))
    rng = random.Random(13)
    several = [code for code, found in by_person.items() if len(found) > 1]
    assert several, "the sample has people in more than one insats"
    for code in rng.sample(several, 5) + rng.sample(sorted(by_person), 5):
        document = participant_extract(world.a, code)
        listed = sorted((r["insats"].split()[0], r["startdatum"]) for r in document["deltaganden"])
        assert listed == sorted(by_person[code])
        with scope(forbund=world.a):
            assert len(listed) == Participation.objects.filter(participant__code=code).count()


# --- The page --------------------------------------------------------------------------------


def page_url(**query) -> str:
    url = reverse("participants:extract", kwargs={"forbund": "alfa"})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_page_shows_the_extract_and_logs_the_read(world, clients):
    response = clients["kansli"].get(page_url(kod="A1-0001"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "A1 FINSAM-team" in text and "Arbetsträning" in text
    with scopes_disabled():
        read = ParticipantAccess.objects.filter(forbund=world.a).latest("id")
    assert read.kind == "registerutdrag"
    assert read.participant == world.extra["participation_a1"].participant
    assert read.user == world.users["kansli"]


def test_page_says_clearly_when_nothing_is_held(world, clients):
    response = clients["kansli"].get(page_url(kod="X-999"))
    assert "Inga uppgifter finns om deltagar-id X-999" in response.content.decode()


def test_json_download_is_the_extract_and_is_logged(world, clients):
    response = clients["kansli"].get(page_url(kod="A1-0001", format="json"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"].count("no-store") == 1
    document = json.loads(response.content)
    assert document["deltagare"]["deltagar-id"] == "A1-0001"
    with scopes_disabled():
        event = AuditEvent.objects.filter(forbund=world.a, action="export.downloaded").latest("id")
    assert event.changes["typ"] == "registerutdrag"
    assert event.changes["format"] == "json"
    assert event.changes["deltagare"] == world.extra["participation_a1"].participant_id


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext saknas (poppler-utils)")
def test_pdf_download_is_a_pdf_with_the_participation(world, clients, tmp_path):
    response = clients["kansli"].get(page_url(kod="A1-0001", format="pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    path = tmp_path / "utdrag.pdf"
    path.write_bytes(response.content)
    executable = shutil.which("pdftotext")
    assert executable is not None
    text = subprocess.run(  # noqa: S603  (a fixed tool; the argument is our own temp path)
        [executable, str(path), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    assert "Registerutdrag" in text and "A1-0001" in text and "FINSAM-team" in text


@pytest.mark.parametrize("persona", ["insatsansvarig", "styrelse", "ekonom", "revisor"])
def test_only_the_kansli_makes_extracts(world, clients, persona):
    assert clients[persona].get(page_url(kod="A1-0001")).status_code == 403


def test_extract_lists_consents_and_reads_of_the_participant_page(world, clients):
    participant = world.extra["participation_a1"].participant
    url = reverse(
        "participants:participant", kwargs={"forbund": "alfa", "participant": participant.pk}
    )
    clients["kansli"].post(
        url,
        {"give": "1", "scope": "uppfoljning_12m", "given_on": "2024-02-01", "method": "skriftligt"},
    )
    clients["insatsansvarig"].get(url)
    document = participant_extract(world.a, "A1-0001")
    [consent] = document["samtycken"]
    assert consent["omfattning"] == "Uppföljning 12 månader efter avslut"
    assert consent["lämnat"] == "2024-02-01"
    assert consent["återkallat"] is None
    assert "Samtycke registrerades" in [e["händelse"] for e in document["händelser"]]
    readers = {row["läst av"] for row in document["läsningar"]}
    assert str(world.users["insatsansvarig"]) in readers
    assert date.today().isoformat() in document["utdraget skapat"]


def test_pdf_for_a_code_with_nothing_held_is_still_a_pdf_to_hand_over(world, clients):
    response = clients["kansli"].get(page_url(kod="X-999", format="pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
