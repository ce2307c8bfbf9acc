from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from budget.choices import BudgetCategory
from budget.models import BudgetLine
from budget.services import budget_for_year, original_budget_for_year, three_year_plan
from budget.services.editing import (
    BudgetError,
    NewLine,
    create_budget,
    create_revision,
    save_line,
)
from core.models import AuditEvent
from participants.choices import InterventionKind
from participants.models import Insats

from .factories import make_roslagen


@pytest.fixture
def budget_2023(db):
    """Roslagen's 2023 budget in outline: admin, structural and individual lines, income."""
    forbund, _members = make_roslagen()
    with scope(forbund=forbund):
        team = Insats.objects.create(
            forbund=forbund,
            code="MST",
            name="Myndighetsgemensamt samverkansteam",
            kind=InterventionKind.INDIVIDUAL,
        )
        budget = create_budget(forbund, 2023, None, adopted_on=date(2022, 11, 24))
        lines = {}
        for category, name, amount, insats in (
            (BudgetCategory.ADMINISTRATION, "Kanslipersonal", 1_700_000, None),
            (BudgetCategory.ADMINISTRATION, "Styrelse och revision", 230_000, None),
            (BudgetCategory.STRUCTURAL, "Gemensamma forum", 140_000, None),
            (BudgetCategory.INDIVIDUAL, "", 1_830_000, team),
            (BudgetCategory.MEMBER_CONTRIBUTION, "Medlemsbidrag", 6_000_000, None),
        ):
            line = save_line(
                BudgetLine(
                    budget=budget,
                    category=category,
                    name=name,
                    insats=insats,
                    original_amount=amount,
                ),
                None,
            )
            lines[line.name] = line
        yield forbund, budget, lines, team


def test_a_line_for_an_insats_is_named_after_it_and_counted_per_insats(budget_2023):
    forbund, _budget, lines, team = budget_2023
    assert "Myndighetsgemensamt samverkansteam" in lines
    snapshot = budget_for_year(forbund, 2023)
    assert snapshot.costs_by_insats() == {team.pk: 1_830_000}
    assert snapshot.costs_by_area() == {
        "administration": 1_930_000,
        "strukturinriktad": 140_000,
        "individinriktad": 1_830_000,
    }
    assert snapshot.total_income() == 6_000_000
    assert snapshot.result() == 6_000_000 - 3_900_000


def test_revisions_keep_the_original_and_apply_from_their_decision_date(budget_2023):
    forbund, budget, lines, _team = budget_2023
    create_revision(
        budget,
        None,
        decided_on=date(2023, 5, 10),
        note="Lägre kostnad för teamet.",
        changes={lines["Myndighetsgemensamt samverkansteam"]: 1_500_000},
    )
    create_revision(
        budget,
        None,
        decided_on=date(2023, 9, 20),
        note="Lumena beviljat.",
        reference="Styrelsen 2023-09-20 § 12",
        changes={lines["Styrelse och revision"]: 250_000},
        new_lines=[NewLine(BudgetCategory.INDIVIDUAL, "ESF Projekt Lumena", 900_000)],
    )
    original = original_budget_for_year(forbund, 2023)
    assert original.total_costs() == 3_900_000
    assert original.total_for_category(BudgetCategory.INDIVIDUAL) == 1_830_000

    before_first = budget_for_year(forbund, 2023, as_of=date(2023, 5, 9))
    assert before_first.total_costs() == 3_900_000 and before_first.revisions_counted == 0
    after_first = budget_for_year(forbund, 2023, as_of=date(2023, 5, 10))
    assert after_first.total_for_category(BudgetCategory.INDIVIDUAL) == 1_500_000
    latest = budget_for_year(forbund, 2023)
    assert latest.revisions_counted == 2
    assert latest.total_for_category(BudgetCategory.INDIVIDUAL) == 1_500_000 + 900_000
    assert latest.total_for_category(BudgetCategory.ADMINISTRATION) == 1_700_000 + 250_000
    lumena = next(line for line in latest.lines if line.name == "ESF Projekt Lumena")
    assert (lumena.original, lumena.amount, lumena.change) == (0, 900_000, 900_000)
    # The original amounts are never rewritten.
    assert latest.total_costs(original=True) == 3_900_000
    assert AuditEvent.objects.filter(action="budget_revision.created").count() == 2


def test_a_later_revision_changes_a_line_changed_before(budget_2023):
    forbund, budget, lines, _team = budget_2023
    kansli = lines["Kanslipersonal"]
    create_revision(budget, None, decided_on=date(2023, 3, 1), note="a", changes={kansli: 1})
    create_revision(budget, None, decided_on=date(2023, 6, 1), note="b", changes={kansli: 2})
    assert budget_for_year(forbund, 2023, as_of=date(2023, 4, 1)).lines[0].amount == 1
    assert budget_for_year(forbund, 2023).lines[0].amount == 2


def test_original_lines_cannot_be_edited_once_a_revision_exists(budget_2023):
    _forbund, budget, lines, _team = budget_2023
    kansli = lines["Kanslipersonal"]
    create_revision(budget, None, decided_on=date(2023, 3, 1), note="a", changes={kansli: 1})
    kansli.original_amount = 5
    with pytest.raises(BudgetError, match="ursprungliga budgeten ändras inte"):
        save_line(kansli, None, before={})


def test_a_revision_that_changes_nothing_or_predates_another_is_refused(budget_2023):
    _forbund, budget, lines, _team = budget_2023
    kansli = lines["Kanslipersonal"]
    with pytest.raises(BudgetError, match="ändrar ingenting"):
        create_revision(
            budget, None, decided_on=date(2023, 3, 1), note="x", changes={kansli: 1_700_000}
        )
    create_revision(budget, None, decided_on=date(2023, 6, 1), note="b", changes={kansli: 2})
    with pytest.raises(BudgetError, match="senare ändringsbeslut"):
        create_revision(budget, None, decided_on=date(2023, 3, 1), note="a", changes={kansli: 1})


def test_two_lines_with_the_same_name_in_an_area_are_refused(budget_2023):
    _forbund, budget, _lines, _team = budget_2023
    with pytest.raises(ValidationError):
        save_line(
            BudgetLine(
                budget=budget,
                category=BudgetCategory.ADMINISTRATION,
                name="Kanslipersonal",
                original_amount=1,
            ),
            None,
        )


def test_three_year_plan_sets_the_years_side_by_side_and_sums_them(budget_2023):
    forbund, budget, lines, _team = budget_2023
    create_revision(
        budget,
        None,
        decided_on=date(2023, 3, 1),
        note="a",
        changes={lines["Kanslipersonal"]: 1_800_000},
    )
    budget_2024 = create_budget(forbund, 2024, None, copy_from=budget)
    save_line(
        BudgetLine(
            budget=budget_2024,
            category=BudgetCategory.STRUCTURAL,
            name="Insatskatalog",
            original_amount=50_000,
        ),
        None,
    )
    plan = three_year_plan(forbund, 2023)
    assert plan.years == [2023, 2024, 2025]
    assert plan.present == [True, True, False]
    assert plan.adopted == [True, False, False]
    admin = next(section for section in plan.costs if section.category == "administration")
    kansli = next(row for row in admin.rows if row.name == "Kanslipersonal")
    assert kansli.amounts == [1_800_000, 1_800_000, None]  # 2024 copied the revised amount
    structural = next(section for section in plan.costs if section.category == "strukturinriktad")
    assert [row.name for row in structural.rows] == ["Gemensamma forum", "Insatskatalog"]
    assert structural.totals == [140_000, 190_000, 0]
    assert plan.total_costs == [4_000_000, 4_050_000, 0]
    assert plan.total_income == [6_000_000, 6_000_000, 0]
    assert plan.result == [2_000_000, 1_950_000, 0]


def test_equity_used_balances_the_plan_but_is_not_income_in_the_result(budget_2023):
    forbund, budget, _lines, _team = budget_2023
    save_line(
        BudgetLine(
            budget=budget,
            category=BudgetCategory.EQUITY,
            name="Ianspråktaget eget kapital",
            original_amount=500_000,
        ),
        None,
    )
    snapshot = budget_for_year(forbund, 2023)
    assert snapshot.result() == 6_500_000 - 3_900_000
    assert snapshot.result(include_equity=False) == 6_000_000 - 3_900_000
    assert snapshot.uses_equity
