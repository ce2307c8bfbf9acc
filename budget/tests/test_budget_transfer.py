import io
from datetime import date

import pytest
from django_scopes import scope
from openpyxl import Workbook, load_workbook

from budget.choices import BudgetCategory
from budget.models import BudgetLine
from budget.services import budget_for_year
from budget.services.editing import create_budget, create_revision, save_line
from budget.services.transfer import (
    HEADERS,
    BudgetImportError,
    export_budget_xlsx,
    import_budget,
)
from participants.choices import InterventionKind
from participants.models import Insats

from .factories import make_roslagen


def xlsx(rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def roslagen(db):
    forbund, members = make_roslagen()
    with scope(forbund=forbund):
        Insats.objects.create(
            forbund=forbund, code="LUM", name="Lumena", kind=InterventionKind.INDIVIDUAL
        )
        yield forbund, members


GOOD_ROWS = [
    ("Administration", "Kanslipersonal", "", "", 1_700_000),
    ("Administration", "Styrelse och revision", "", "", "230 000"),
    ("Strukturinriktade insatser", "Gemensamma forum", "", "", 140_000.0),
    ("Individ", "", "lum", "", 900_000),
    ("Medlemsbidrag", "", "", "Täby", 366_000),
    ("ESF-medel", "ESF Lumena", "LUM", "", 2_200_000),
]


def test_import_creates_the_budget_with_every_line(roslagen):
    forbund, members = roslagen
    result = import_budget(forbund, 2024, xlsx(GOOD_ROWS), "budget.xlsx", None)
    assert result.lines == 6
    assert result.total_costs == 1_700_000 + 230_000 + 140_000 + 900_000
    assert result.total_income == 366_000 + 2_200_000
    snapshot = budget_for_year(forbund, 2024)
    lumena = next(line for line in snapshot.lines if line.insats_code == "LUM" and line.is_cost)
    assert lumena.name == "Lumena" and lumena.category == BudgetCategory.INDIVIDUAL
    taby = next(line for line in snapshot.lines if line.member_id == members["Täby"].pk)
    assert taby.name == "Täby" and taby.category == BudgetCategory.MEMBER_CONTRIBUTION


def test_import_refuses_the_whole_file_with_swedish_row_column_value_reasons(roslagen):
    forbund, _members = roslagen
    rows = [
        ("Administration", "Kanslipersonal", "", "", 1_700_000),
        ("Resor", "Bussar", "", "", 10),
        ("Administration", "Revision", "X9", "", 90_000),
        ("Administration", "Lokal", "", "Solna", -5),
        ("Administration", "Kanslipersonal", "", "", 1),
        ("Administration", "Bidrag", "", "", 12.5),
        ("Administration", "", "", "", 5),
    ]
    with pytest.raises(BudgetImportError) as error:
        import_budget(forbund, 2024, xlsx(rows), "budget.xlsx", None)
    messages = [str(e) for e in error.value.errors]
    assert messages[0].startswith("Rad 3, kolumn Område, värde ”Resor”: Okänt värde.")
    assert messages[1:] == [
        "Rad 4, kolumn Insats, värde ”X9”: Förbundet har ingen insats med den koden.",
        "Rad 5, kolumn Medlem, värde ”Solna”: Förbundet har ingen medlem med det namnet.",
        "Rad 5, kolumn Belopp (kr), värde ”-5”: Talet är för litet (minst 0).",
        "Rad 6, kolumn Benämning, värde ”Kanslipersonal”: "
        "Samma benämning finns redan under området på rad 2.",
        "Rad 7, kolumn Belopp (kr), värde ”12.5”: Inte ett heltal.",
        "Rad 8, kolumn Benämning: Benämning saknas (den kan bara utelämnas när raden har "
        "insats eller medlem).",
    ]
    assert budget_for_year(forbund, 2024) is None  # nothing saved


def test_import_names_a_missing_column(roslagen):
    forbund, _members = roslagen
    data = xlsx([("Administration", "Kansli")], headers=["Område", "Benämning"])
    with pytest.raises(BudgetImportError) as error:
        import_budget(forbund, 2024, data, "budget.xlsx", None)
    assert [str(e) for e in error.value.errors] == [
        "Rad 1, kolumn Belopp (kr): Obligatorisk kolumn saknas."
    ]


def test_import_reads_a_swedish_excel_csv(roslagen):
    forbund, _members = roslagen
    text = "Område;Benämning;Insats;Medlem;Belopp (kr)\nAdministration;Kansli;;;1 250 000\n"
    result = import_budget(forbund, 2024, text.encode("cp1252"), "budget.csv", None)
    assert result.total_costs == 1_250_000


def test_import_replaces_the_original_lines_until_a_revision_exists(roslagen):
    forbund, _members = roslagen
    import_budget(forbund, 2024, xlsx(GOOD_ROWS), "budget.xlsx", None)
    result = import_budget(forbund, 2024, xlsx(GOOD_ROWS[:2]), "budget.xlsx", None)
    assert result.lines == 2
    budget = result.budget
    line = BudgetLine.objects.get(budget=budget, name="Kanslipersonal")
    create_revision(budget, None, decided_on=date(2024, 5, 1), note="x", changes={line: 1})
    with pytest.raises(BudgetImportError, match="har ändringsbeslut"):
        import_budget(forbund, 2024, xlsx(GOOD_ROWS), "budget.xlsx", None)


def test_export_then_import_gives_back_the_same_budget(roslagen):
    forbund, _members = roslagen
    imported = import_budget(forbund, 2024, xlsx(GOOD_ROWS), "budget.xlsx", None).budget
    line = BudgetLine.objects.get(budget=imported, name="Kanslipersonal")
    create_revision(
        imported, None, decided_on=date(2024, 5, 1), note="Ny ekonom.", changes={line: 1_900_000}
    )
    exported = export_budget_xlsx(imported)
    import_budget(forbund, 2025, exported, "export.xlsx", None)

    def lines(year):
        snapshot = budget_for_year(forbund, year)
        return [
            (line.category, line.name, line.insats_code, line.member_id, line.original)
            for line in snapshot.lines
        ]

    assert lines(2025) == lines(2024)
    workbook = load_workbook(io.BytesIO(exported))
    assert workbook.sheetnames == ["Budget", "Efter ändringsbeslut", "Ändringsbeslut"]
    revised = {
        row[1]: row[6]
        for row in workbook["Efter ändringsbeslut"].iter_rows(min_row=2, values_only=True)
    }
    assert revised["Kanslipersonal"] == 1_900_000
    decision = list(workbook["Ändringsbeslut"].iter_rows(min_row=2, values_only=True))
    assert decision[0][2] == "Ny ekonom." and decision[0][5] == 1_900_000


def test_copying_a_budget_to_a_new_year_takes_the_latest_amounts(roslagen):
    forbund, _members = roslagen
    budget = import_budget(forbund, 2024, xlsx(GOOD_ROWS), "budget.xlsx", None).budget
    copy = create_budget(forbund, 2025, None, copy_from=budget)
    save_line(
        BudgetLine(
            budget=copy,
            category=BudgetCategory.OTHER_INCOME,
            name="Utlånad personal",
            original_amount=200_000,
        ),
        None,
    )
    assert budget_for_year(forbund, 2025).total_income() == 2_566_000 + 200_000
