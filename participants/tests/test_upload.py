"""The web upload: check first (errors or a summary), then confirm; and the export download."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope
from openpyxl import load_workbook

from core.models import AuditEvent
from participants.models import Participation
from samples.participant_rows import HEADER, csv_bytes, row, xlsx_bytes

IMPORT = reverse("participants:import", kwargs={"forbund": "alfa"})
CONFIRM = reverse("participants:import_confirm", kwargs={"forbund": "alfa"})
EXPORT = reverse("participants:export", kwargs={"forbund": "alfa"})


@pytest.fixture(autouse=True)
def _private_upload_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def upload(client, data: bytes, name: str = "deltagare.csv"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data)})


def count(world) -> int:
    with scope(forbund=world.a):
        return Participation.objects.count()


def test_a_bad_file_shows_the_error_table_and_writes_nothing(world, clients):
    before = count(world)
    response = upload(
        clients["kansli"], csv_bytes([row(), row(deltagar_id="B", startdatum="2023-02-30")])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["token"] is None
    assert "Filen kan inte importeras" in page and "Inget har sparats" in page
    assert [(e.row, e.column, e.value) for e in response.context["errors_shown"]] == [
        (3, "startdatum", "2023-02-30")
    ]
    assert '<td class="num">3</td><td>startdatum</td><td><code>2023-02-30</code></td>' in page
    assert count(world) == before


def test_a_good_file_shows_a_summary_and_is_written_only_after_confirming(world, clients, tmp_path):
    client = clients["kansli"]
    before = count(world)
    response = upload(
        client, xlsx_bytes([row(), row(deltagar_id="ALFA-002", insats="A2")]), "deltagare.xlsx"
    )
    result = response.context["result"]
    assert (result.created, result.updated, result.ok) == (2, 0, True)
    assert "Bekräfta och spara" in response.content.decode()
    assert count(world) == before
    token = response.context["token"]
    assert list((tmp_path / "uploads").iterdir()) != []
    confirmed = client.post(CONFIRM, {"token": token})
    assert confirmed.status_code == 302
    assert count(world) == before + 2
    assert list((tmp_path / "uploads").iterdir()) == []
    with scope(forbund=world.a):
        event = AuditEvent.objects.get(action="participations.imported")
    assert event.actor == world.users["kansli"]
    # The file's type, size and start of its SHA-256, never its name (it may name a person).
    assert set(event.changes["fil"]) == {"typ", "storlek", "sha256"}
    assert event.changes["fil"]["typ"] == "xlsx" and "deltagare.xlsx" not in str(event.changes)
    # The token is used up.
    assert client.post(CONFIRM, {"token": token}).status_code == 404


def test_the_summary_groups_large_counts_in_thousands(world, clients):
    rows = [row(deltagar_id=f"ALFA-{n:04d}") for n in range(1000)]
    response = upload(clients["kansli"], csv_bytes(rows))
    assert response.context["result"].ok
    page = response.content.decode()
    assert "<dt>Rader</dt><dd>1\u00a0000</dd>" in page
    assert "<dt>Nya deltagare</dt><dd>1\u00a0000</dd>" in page
    assert '<th scope="row">A1</th><td class="num">1\u00a0000</td>' in page


def test_a_changed_row_is_listed_before_confirming(world, clients):
    client = clients["kansli"]
    participation = world.extra["participation_a1"]
    data = csv_bytes(
        [
            row(
                deltagar_id="A1-0001",
                startdatum="2024-02-01",
                slutdatum="2024-09-30",
                avslutsorsak="studier",
                fodelsear="1990",
            )
        ]
    )
    response = upload(client, data)
    changes = response.context["changes_shown"]
    assert [(c.row, c.participant) for c in changes] == [(2, "A1-0001")]
    assert changes[0].columns == ["avslutsorsak", "utbildning", "inremitterande_part", "kommun"]
    with scope(forbund=world.a):
        participation.refresh_from_db()
    assert participation.end_reason == "arbete"


def test_cancelling_removes_the_waiting_file(world, clients, tmp_path):
    client = clients["kansli"]
    token = upload(client, csv_bytes([row()])).context["token"]
    response = client.post(CONFIRM, {"token": token, "cancel": "1"})
    assert response.status_code == 302
    assert list((tmp_path / "uploads").iterdir()) == []


def test_another_users_token_is_not_accepted(world, clients):
    token = upload(clients["kansli"], csv_bytes([row()])).context["token"]
    assert clients["insatsansvarig"].post(CONFIRM, {"token": token}).status_code == 404


def test_an_insatsansvarig_upload_with_rows_of_other_insatser_is_refused(world, clients):
    response = upload(
        clients["insatsansvarig"], csv_bytes([row(), row(deltagar_id="X", insats="A2")])
    )
    assert [(e.row, e.column) for e in response.context["errors_shown"]] == [(3, "insats")]


def test_a_file_of_the_wrong_type_is_refused_by_the_form(world, clients):
    response = upload(clients["kansli"], b"%PDF-1.4", "deltagare.pdf")
    assert response.context["form"].errors["file"]


# --- Export download ------------------------------------------------------------------------


def test_the_export_page_offers_a_form(world, clients):
    assert "Ladda ner" in clients["kansli"].get(EXPORT).content.decode()


def test_the_csv_download_is_the_participant_file(world, clients):
    response = clients["kansli"].get(EXPORT, {"format": "csv", "year": "2024"})
    assert response["Content-Disposition"] == 'attachment; filename="deltagare-alfa-2024.csv"'
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ";".join(HEADER)
    assert sorted(line.split(";")[0] for line in lines[1:]) == ["A1-0001", "A2-0001"]
    with scope(forbund=world.a):
        event = AuditEvent.objects.get(action="export.downloaded")
    assert event.actor == world.users["kansli"] and event.forbund == world.a
    assert event.changes == {"typ": "deltagare", "format": "csv", "år": 2024, "rader": 2}


def test_an_insatsansvarig_downloads_only_their_insatser(world, clients):
    response = clients["insatsansvarig"].get(EXPORT, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["A1-0001"]
