"""The import template (deltagarmall.xlsx): the allowed values as lists, and a filled-in
template imports without an error."""

from __future__ import annotations

import datetime
import io

from django.urls import reverse
from django_scopes import scope
from openpyxl import load_workbook

from participants.models import Participation
from participants.rules import FILE_SPELLING, PARTICIPANT_HEADERS
from participants.services import import_participants
from participants.services.participant_template import CODE_SHEET, DATA_SHEET

URL = reverse("participants:import_template", kwargs={"forbund": "alfa"})


def _download(client) -> bytes:
    response = client.get(URL)
    assert response.status_code == 200
    assert 'filename="deltagarmall-alfa.xlsx"' in response["Content-Disposition"]
    return response.content


def _lists(workbook) -> dict[str, list[str]]:
    sheet = workbook[CODE_SHEET]
    columns: dict[str, list[str]] = {}
    for column in sheet.iter_cols(values_only=True):
        columns[column[0]] = [value for value in column[1:] if value is not None]
    return columns


def test_the_template_has_the_columns_and_the_allowed_values(world, clients):
    workbook = load_workbook(io.BytesIO(_download(clients["kansli"])))
    assert workbook.sheetnames[0] == DATA_SHEET  # the sheet the import reads
    header = [cell.value for cell in workbook[DATA_SHEET][1]]
    assert tuple(header) == PARTICIPANT_HEADERS
    lists = _lists(workbook)
    assert lists["insats"] == ["A1", "A2"]  # the förbund's own, not B1
    assert lists["kon"] == ["kvinna", "man", "ej angivet"]
    assert lists["avslutsorsak"] == list(FILE_SPELLING["avslutsorsak"].values())
    assert lists["kommun"] == ["Samordningsförbundet Alfa"]
    validations = {
        str(validation.sqref).split(":")[0]: validation
        for validation in workbook[DATA_SHEET].data_validations.dataValidation
    }
    column_of = {name: chr(ord("A") + index) for index, name in enumerate(PARTICIPANT_HEADERS)}
    kon = validations[f"{column_of['kon']}2"]
    assert kon.type == "list" and kon.formula1 == f"'{CODE_SHEET}'!$B$2:$B$4"
    assert validations[f"{column_of['kommun']}2"].errorStyle == "information"
    assert validations[f"{column_of['fodelsear']}2"].type == "whole"
    assert validations[f"{column_of['startdatum']}2"].type == "date"


def test_an_insatsansvarig_gets_only_their_insatser(world, clients):
    workbook = load_workbook(io.BytesIO(_download(clients["insatsansvarig"])))
    assert _lists(workbook)["insats"] == ["A1"]


def test_a_filled_in_template_imports_cleanly(world, clients):
    workbook = load_workbook(io.BytesIO(_download(clients["kansli"])))
    sheet = workbook[DATA_SHEET]
    lists = _lists(workbook)
    values = {
        "deltagar_id": "MALL-001",
        "insats": lists["insats"][0],
        "kon": lists["kon"][0],
        "fodelsear": 1988,
        "utbildning": lists["utbildning"][1],
        "inremitterande_part": lists["inremitterande_part"][0],
        "kommun": lists["kommun"][0],
        "startdatum": datetime.date(2024, 2, 1),
        "slutdatum": datetime.date(2024, 11, 30),
        "avslutsorsak": lists["avslutsorsak"][0],
        "egen_forsorjning_12_man": lists["egen_forsorjning_12_man"][0],
    }
    for index, column in enumerate(PARTICIPANT_HEADERS, start=1):
        sheet.cell(row=2, column=index, value=values[column])
    filled = io.BytesIO()
    workbook.save(filled)
    result = import_participants(world.a, filled.getvalue(), "deltagarmall-alfa.xlsx")
    assert result.errors == [] and result.warnings == []
    with scope(forbund=world.a):
        stored = Participation.objects.get(participant__code="MALL-001")
        assert (stored.insats.code, stored.gender, stored.education) == (
            "A1",
            "kvinna",
            "gymnasium",
        )
        assert (stored.start_date, stored.end_reason) == (datetime.date(2024, 2, 1), "arbete")
        assert stored.municipality == "Samordningsförbundet Alfa"


def test_the_import_page_links_the_template(world, clients):
    page = clients["kansli"].get(reverse("participants:import", kwargs={"forbund": "alfa"}))
    assert URL in page.content.decode()
