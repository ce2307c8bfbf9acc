"""The export writes the spec's columns in canonical spelling and imports again unchanged."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django_scopes import scope
from openpyxl import load_workbook

from participants.models import Participation
from participants.services import import_participants
from participants.services.participant_export import export_participants, write_participants
from samples.participant_rows import HEADER, csv_bytes, row

ROWS = [
    row(
        deltagar_id="R-1",
        kon="K",
        inremitterande_part="Forsakringskassan",
        avslutsorsak="Fortsatt-rehabilitering",
        egen_forsorjning_12_man="ej nadd",
    ),
    row(
        deltagar_id="R-2",
        kon="m",
        utbildning="",
        inremitterande_part="arbetsformedlingen",
        avslutsorsak="arbetssokande",
        fodelsear="",
        kommun="",
    ),
    row(
        deltagar_id="R-3",
        insats="A2",
        kon="",
        startdatum="2024-05-02",
        slutdatum="",
        avslutsorsak="",
    ),
    row(deltagar_id="R-4", startdatum="2021-01-04", slutdatum="2021-12-31", avslutsorsak=""),
]


@pytest.fixture
def imported(world):
    result = import_participants(world.a, csv_bytes(ROWS), "in.csv")
    assert result.ok, result.errors
    return world


def stored_rows(world) -> list[tuple]:
    with scope(forbund=world.a):
        return sorted(
            Participation.objects.values_list(
                "participant__code",
                "insats__code",
                "start_date",
                "end_date",
                "end_reason",
                "gender",
                "birth_year",
                "education",
                "referrer",
                "municipality",
                "follow_up_12m",
                "updated_at",
            )
        )


def test_the_export_has_exactly_the_spec_columns_in_order(imported):
    out = io.BytesIO()
    write_participants(imported.a, out, "csv")
    first_line = out.getvalue().decode("utf-8-sig").splitlines()[0]
    assert first_line.split(";") == HEADER


def test_code_values_are_written_in_canonical_spelling(imported):
    rows = {r[0]: r for r in export_participants(imported.a)}
    assert rows["R-1"][2] == "kvinna"
    assert rows["R-1"][5] == "försäkringskassan"
    assert rows["R-1"][9] == "fortsatt rehabilitering"
    assert rows["R-1"][10] == "ej nådd"
    assert rows["R-2"][2] == "man"
    assert rows["R-2"][5] == "arbetsförmedlingen"
    assert rows["R-2"][9] == "arbetssökande"
    assert rows["R-3"][2] == "ej angivet"


def test_csv_export_is_utf8_with_bom_and_semicolons(imported):
    out = io.BytesIO()
    write_participants(imported.a, out, "csv")
    data = out.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "R-1;A1;kvinna;1988;gymnasium;försäkringskassan;Täby;2023-02-01;2023-10-31;" in (
        data.decode("utf-8-sig")
    )


def test_xlsx_export_has_dates_as_date_cells(imported):
    out = io.BytesIO()
    write_participants(imported.a, out, "xlsx")
    sheet = load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADER
    start = sheet.cell(row=2, column=HEADER.index("startdatum") + 1)
    assert start.is_date and start.value.date() == date(2021, 1, 4)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_imports_again_unchanged(imported, file_format):
    before = stored_rows(imported)
    out = io.BytesIO()
    write_participants(imported.a, out, file_format)
    result = import_participants(imported.a, out.getvalue(), f"export.{file_format}")
    assert result.ok, result.errors
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == len(before)
    assert stored_rows(imported) == before


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_imported_after_deleting_everything_gives_the_same_rows(imported, file_format):
    exported = list(export_participants(imported.a))
    out = io.BytesIO()
    write_participants(imported.a, out, file_format)
    with scope(forbund=imported.a):
        Participation.objects.all().delete()
    result = import_participants(imported.a, out.getvalue(), f"export.{file_format}")
    assert result.ok, result.errors
    assert result.created == len(exported)
    assert list(export_participants(imported.a)) == exported
    again = io.BytesIO()
    write_participants(imported.a, again, file_format)
    if file_format == "csv":
        assert again.getvalue() == out.getvalue()


def test_the_year_option_exports_participations_active_in_that_year(imported):
    codes = sorted(r[0] for r in export_participants(imported.a, year=2021))
    assert codes == ["R-4"]
    codes_2024 = sorted(r[0] for r in export_participants(imported.a, year=2024))
    assert codes_2024 == ["A1-0001", "A2-0001", "R-3"]


def test_an_export_for_some_insatser_holds_only_their_rows(imported):
    rows = list(export_participants(imported.a, insats_ids=[imported.insats_a2.pk]))
    assert {r[1] for r in rows} == {"A2"}


def test_the_export_never_holds_another_forbunds_rows(imported):
    assert list(export_participants(imported.b)) == []
