"""Driftredovisning of the hand-made books: outcome by SIE object, budget from the budget app.

Outcome 2023 (see test_statements.py for the file): member contributions 1 200 000;
interest 5 000 (other income); ADM-tagged salaries 150 000 + 25 000 = 175 000
(administration); FT: ESF income 150 000 and purchased services 400 000; KOMP: 100 000;
untagged rent 90 000 and depreciation 20 000 (not allocated). Net = 570 000 = årets resultat.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from budget.choices import BudgetCategory
from budget.models import Budget, BudgetLine, BudgetRevision, BudgetRevisionChange
from economy.models import EconomySettings
from economy.services import NoBooksError, import_sie, operating_statement
from participants.choices import InterventionKind
from participants.models import Insats

D = Decimal


def amounts(statement, key):
    row = statement.row(key)
    return row.outcome.income, row.outcome.costs, row.net


@pytest.fixture
def budget_2023(forbund):
    """Budget 2023 with a revision that lowers FT's costs from 450 000 to 420 000."""
    with scopes_disabled():
        ft = Insats.objects.get(forbund=forbund, code="FT")
        komp = Insats.objects.get(forbund=forbund, code="KOMP")
        member = forbund.members.first()
        budget = Budget.objects.create(forbund=forbund, year=2023, adopted_on=date(2022, 11, 20))

        def line(category, name, amount, insats=None, member=None):
            return BudgetLine.objects.create(
                forbund=forbund,
                budget=budget,
                category=category,
                name=name,
                insats=insats,
                member=member,
                original_amount=amount,
            )

        line(BudgetCategory.MEMBER_CONTRIBUTION, "Medlemsbidrag", 1_200_000, member=member)
        line(BudgetCategory.ESF, "ESF FINSAM-team", 140_000, insats=ft)
        line(BudgetCategory.EQUITY, "Ianspråktaget eget kapital", 100_000)
        line(BudgetCategory.ADMINISTRATION, "Kansli", 200_000)
        line(BudgetCategory.STRUCTURAL, "Kompetensdagar", 150_000, insats=komp)
        line(BudgetCategory.STRUCTURAL, "Gemensamma forum", 20_000)
        ft_costs = line(BudgetCategory.INDIVIDUAL, "FINSAM-team", 450_000, insats=ft)
        revision = BudgetRevision.objects.create(
            forbund=forbund, budget=budget, decided_on=date(2023, 9, 1), note="Vakans"
        )
        BudgetRevisionChange.objects.create(
            forbund=forbund, revision=revision, line=ft_costs, amount=420_000
        )
    return budget


def test_outcome_is_split_by_insats_object_and_adds_up_to_the_result(books, forbund):
    statement = operating_statement(forbund, 2023)
    assert [row.key for row in statement.rows] == [
        "medlemsbidrag",
        "ovriga_intakter",
        "administration",
        "strukturinriktad",
        "insats:KOMP",
        "individinriktad",
        "insats:FT",
        "ej_fordelat_omrade",
        "ej_fordelat",
        "resultat",
    ]
    assert amounts(statement, "medlemsbidrag") == (D(1_200_000), D(0), D(1_200_000))
    assert amounts(statement, "ovriga_intakter") == (D(5_000), D(0), D(5_000))
    assert amounts(statement, "administration") == (D(0), D(175_000), D(-175_000))
    assert amounts(statement, "insats:FT") == (D(150_000), D(400_000), D(-250_000))
    assert amounts(statement, "individinriktad") == (D(150_000), D(400_000), D(-250_000))
    assert amounts(statement, "insats:KOMP") == (D(0), D(100_000), D(-100_000))
    assert amounts(statement, "ej_fordelat") == (D(0), D(110_000), D(-110_000))
    assert amounts(statement, "resultat") == (D(1_355_000), D(785_000), D(570_000))
    assert statement.has_budget is False and statement.row("insats:FT").deviation is None


def test_budget_after_revisions_gives_the_deviation_per_row(books, forbund, budget_2023):
    statement = operating_statement(forbund, 2023)
    ft = statement.row("insats:FT")
    assert (ft.budget.income, ft.budget.costs, ft.budget_net) == (
        D(140_000),
        D(420_000),
        D(-280_000),
    )
    assert ft.deviation == D(30_000)
    assert statement.row("insats:KOMP").deviation == D(50_000)
    assert statement.row("administration").deviation == D(25_000)
    assert statement.row("medlemsbidrag").deviation == D(0)
    structural = statement.row("strukturinriktad")
    assert structural.budget.costs == D(170_000)  # KOMP 150 000 + Gemensamma forum 20 000
    assert statement.row("omrade:strukturinriktad").net == D(0)
    total = statement.row("resultat")
    # Income 1 200 000 + 140 000 (equity used is not income); costs 200+150+20+420 tkr.
    assert (total.budget.income, total.budget.costs) == (D(1_340_000), D(790_000))
    assert total.deviation == D(570_000) - D(550_000)
    assert statement.budget_revisions_counted == 1


def test_a_period_counts_vouchers_and_revisions_up_to_its_last_day(books, forbund, budget_2023):
    statement = operating_statement(forbund, 2023, until=date(2023, 6, 30))
    assert amounts(statement, "ej_fordelat") == (D(0), D(60_000), D(-60_000))
    assert amounts(statement, "administration") == (D(0), D(150_000), D(-150_000))
    assert statement.row("insats:FT").budget.costs == D(450_000)
    assert statement.budget_revisions_counted == 0
    assert statement.row("resultat").net == D(1_200_000 + 150_000 - 400_000 - 100_000 - 210_000)


def test_objects_that_are_no_insats_are_shown_as_not_allocated(world, handmade_path):
    with scopes_disabled():
        Insats.objects.create(
            forbund=world.a, code="FT", name="FINSAM-team", kind=InterventionKind.INDIVIDUAL
        )
    import_sie(world.a, handmade_path)
    statement = operating_statement(world.a, 2023)
    unknown = statement.row("objekt:KOMP")
    assert unknown.label.startswith("Objekt KOMP Kompetensutveckling")
    assert unknown.outcome.costs == D(100_000) and unknown.level == 1
    assert statement.row("ej_fordelat_omrade").outcome.costs == D(210_000)
    assert statement.row("strukturinriktad").outcome.costs == D(0)


def test_the_forbund_chooses_the_dimension_and_how_untagged_costs_count(books, forbund):
    with scopes_disabled():
        EconomySettings.objects.create(
            forbund=forbund, object_dimension=1, untagged_costs_are_admin=True
        )
    statement = operating_statement(forbund, 2023)
    assert statement.row("individinriktad").outcome.costs == D(0)
    assert statement.row("administration").outcome.costs == D(785_000)
    assert statement.row("ovriga_intakter").outcome.income == D(155_000)


def test_previous_year_outcome_comes_from_the_previous_imported_year(
    forbund, tmp_path, handmade_path
):
    text = handmade_path.read_bytes().decode("cp437")
    next_year = text.replace("#RAR 0 20230101 20231231", "#RAR 0 20240101 20241231")
    next_year = "\r\n".join(
        line
        for line in next_year.split("\r\n")
        if " -1 " not in line and "#RES 0" not in line and "#UB 0" not in line
    ).replace(" 2023", " 2024")
    path = tmp_path / "2024.se"
    path.write_bytes(next_year.encode("cp437"))
    import_sie(forbund, handmade_path)
    import_sie(forbund, path)
    statement = operating_statement(forbund, 2024)
    assert statement.previous_year == 2023
    assert statement.row("insats:FT").previous_net == D(-250_000)
    assert statement.row("insats:FT").net == D(-250_000)


def test_the_previous_year_column_keeps_rows_that_only_last_year_booked(
    forbund, tmp_path, handmade_path
):
    # 2024 books KOMP's costs on FT: KOMP has an outcome only in 2023 (as an insats or an
    # object that ended), and its row must still carry the 2023 figure, or the column
    # "Utfall 2023" does not add up to its result.
    text = handmade_path.read_bytes().decode("cp437")
    next_year = text.replace("#RAR 0 20230101 20231231", "#RAR 0 20240101 20241231")
    next_year = "\r\n".join(
        line
        for line in next_year.split("\r\n")
        if " -1 " not in line and "#RES 0" not in line and "#UB 0" not in line
    ).replace(" 2023", " 2024")
    next_year = next_year.replace('{6 "KOMP"}', '{6 "FT"}')
    path = tmp_path / "2024.se"
    path.write_bytes(next_year.encode("cp437"))
    import_sie(forbund, handmade_path)
    import_sie(forbund, path)
    statement = operating_statement(forbund, 2024)
    assert statement.row("insats:KOMP").previous_net == D(-100_000)
    assert statement.row("insats:KOMP").net == D(0)
    rows = [row for row in statement.rows if row.level == 0 and not row.is_total]
    added = sum((row.previous_net or D(0) for row in rows if not row.is_area), D(0)) + sum(
        (row.previous_net or D(0) for row in rows if row.is_area), D(0)
    )
    assert added == statement.row("resultat").previous_net


def test_driftredovisning_needs_books(forbund):
    with pytest.raises(NoBooksError):
        operating_statement(forbund, 2023)


def test_an_area_object_is_compared_with_the_budget_line_of_the_same_name(world, handmade_path):
    with scopes_disabled():
        Insats.objects.create(
            forbund=world.a, code="FT", name="FINSAM-team", kind=InterventionKind.INDIVIDUAL
        )
        EconomySettings.objects.create(forbund=world.a, structural_object_codes="komp")
        budget = Budget.objects.create(forbund=world.a, year=2023)
        for name, amount in (("Kompetensutveckling", 120_000), ("Gemensamma forum", 20_000)):
            BudgetLine.objects.create(
                forbund=world.a,
                budget=budget,
                category=BudgetCategory.STRUCTURAL,
                name=name,
                original_amount=amount,
            )
    import_sie(world.a, handmade_path)
    statement = operating_statement(world.a, 2023)
    row = statement.row("omrade:strukturinriktad:KOMP")
    assert row.label == "Kompetensutveckling" and row.level == 1
    assert (row.outcome.costs, row.budget.costs, row.deviation) == (
        D(100_000),
        D(120_000),
        D(20_000),
    )
    assert statement.row("omrade:strukturinriktad").budget.costs == D(20_000)
    assert statement.row("strukturinriktad").outcome.costs == D(100_000)
