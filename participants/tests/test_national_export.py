"""The national export (Uppföljning Finsam): participants per insats and kön, suppressed."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from participants.services.national_export import export_csv, export_xlsx, national_export
from participants.tests.statistics_factories import add_year_2023, statistics_url

url = statistics_url


@pytest.fixture
def year_of_data(world):
    return add_year_2023(world)


def test_national_export_lists_participants_per_insats_suppressed(year_of_data):
    export = national_export(year_of_data.a, 2023)
    rows = {(row.kind, row.code): row for row in export.rows}
    assert rows[("individinriktad", "A1")].counts["man"] == 20
    assert rows[("individinriktad", "A2")].counts["kvinna"] == "<5"
    shown = [value for row in export.rows for value in row.counts.values()]
    assert not any(isinstance(v, int) and 1 <= v <= 4 for v in shown)
    assert rows[("strukturinriktad", "KOMP")].counts == {
        "kvinna": 0,
        "man": 7,
        "ej_angivet": 0,
        "totalt": 7,
    }
    assert [row.name for row in export.rows if row.is_total] == [
        "Summa individinriktade insatser",
        "Summa strukturinriktade insatser",
    ]
    # A2's women cannot be had by subtraction: their column hides one more value.
    women = [row.counts["kvinna"] for row in export.rows if row.kind == "individinriktad"]
    assert sum(isinstance(value, str) for value in women) >= 2


def test_national_export_downloads_as_xlsx_and_csv(year_of_data, clients):
    response = clients["ekonom"].get(url(year_of_data, "statistics:national_xlsx"))
    assert response.status_code == 200
    assert "uppfoljning-finsam-alfa-2023.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == [
        "Typ",
        "Kod",
        "Insats",
        "Kvinnor",
        "Män",
        "Ej angivet kön",
        "Totalt",
    ]
    assert [c.value for c in sheet[2]][:3] == ["Individinriktad", "A1", "FINSAM-team"]
    assert sheet["E2"].value == 20  # numbers stay numbers
    response = clients["kansli"].get(url(year_of_data, "statistics:national_csv"))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffTyp;Kod;Insats;")
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert lines[2][:4] == ["Individinriktad", "A2", "Aktivitetsplatsen", "<5"]


def test_national_export_is_refused_to_insatsansvarig(year_of_data, clients):
    assert (
        clients["insatsansvarig"].get(url(year_of_data, "statistics:national_csv")).status_code
        == 403
    )


def test_national_export_takes_budget_lines_when_the_economy_gives_them(year_of_data):
    def budget_lines(forbund, year):
        return {"A1": {"Budget (kr)": Decimal("3660000"), "Utfall (kr)": Decimal("4072000")}}

    export = national_export(year_of_data.a, 2023, budget_lines=budget_lines)
    assert export.header()[-2:] == ["Budget (kr)", "Utfall (kr)"]
    a1 = next(row for row in export.rows if row.code == "A1")
    assert a1.amounts["Budget (kr)"] == Decimal("3660000")
    assert "3660000;4072000" in export_csv(export).decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(export_xlsx(export))).worksheets[0]
    assert sheet["H2"].value == 3660000


def test_export_national_command_writes_the_file(year_of_data, tmp_path):
    target = tmp_path / "finsam.csv"
    call_command("export_national", "--forbund", "alfa", "--year", "2023", "-o", str(target))
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Typ;Kod;Insats;Kvinnor;Män")
    assert any(line.startswith("Individinriktad;A2;Aktivitetsplatsen;<5") for line in lines)
    with pytest.raises(CommandError, match=r"ska sluta på \.xlsx eller \.csv"):
        call_command("export_national", "--forbund", "alfa", "--year", "2023", "-o", "x.pdf")
