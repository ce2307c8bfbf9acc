"""The economic checks, each at its threshold: a value exactly at the limit meets it."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from django_scopes import scopes_disabled

from economy.choices import CheckBasis, CheckStatus
from economy.models import EconomySettings, EquityGuidelineStep
from economy.services import run_checks
from economy.services.checks import (
    admin_share_check,
    balance_requirement_check,
    equity_check,
    solidity_check,
    split_checks,
)
from economy.services.equity_guideline import (
    DEFAULT_STEPS,
    Step,
    falling_steps,
    recommended_max_equity,
)
from economy.services.ledger_figures import YearBooks
from economy.services.mapping import AccountMapping
from economy.services.operating import OperatingRow, OperatingStatement
from economy.services.outcome import Amount
from economy.services.statements import year_statements

D = Decimal
MET, NOT_MET, NO_DATA = CheckStatus.MET, CheckStatus.NOT_MET, CheckStatus.NO_DATA


def operating(admin, structural, individual, *, budget=None) -> OperatingStatement:
    """A driftredovisning with these area costs (and budgeted costs, if given)."""
    costs = {"administration": admin, "strukturinriktad": structural, "individinriktad": individual}
    rows = []
    for key, amount in costs.items():
        planned = Amount(costs=D(budget[key])) if budget else None
        rows.append(OperatingRow(key, key, 0, Amount(costs=D(amount)), planned, None))
    total_budget = Amount(costs=sum((D(v) for v in budget.values()), D(0))) if budget else None
    rows.append(
        OperatingRow(
            "resultat",
            "",
            0,
            Amount(costs=sum((D(v) for v in costs.values()), D(0))),
            total_budget,
            None,
        )
    )
    return OperatingStatement(year=2023, until=None, rows=rows, has_budget=bool(budget))


def statements(result: dict[str, str], closing: dict[str, str]):
    books = YearBooks(
        year=2023,
        opening=None,
        closing={k: D(v) for k, v in closing.items()},
        result={k: D(v) for k, v in result.items()},
    )
    return year_statements(books, AccountMapping())


@pytest.mark.parametrize(
    ("admin", "other", "expected"),
    [("10", "90", MET), ("10.01", "90", NOT_MET), ("9.99", "90.01", MET)],
)
def test_admin_share_of_costs_at_ten_percent(admin, other, expected):
    check = admin_share_check(operating(admin, "0", other), EconomySettings())
    assert check.status == expected
    assert check.limit == D(10) and check.comparison == "<="


def test_admin_share_can_be_measured_on_the_budget_as_a_third():
    settings = EconomySettings(admin_share_basis=CheckBasis.BUDGET)
    budget = {"administration": 1000, "strukturinriktad": 1000, "individinriktad": 1000}
    statement = operating("5000", "0", "0", budget=budget)  # the outcome does not count
    settings.admin_share_max_percent = D("33.34")
    assert admin_share_check(statement, settings).status == MET
    settings.admin_share_max_percent = D("33.33")
    assert admin_share_check(statement, settings).status == NOT_MET


def test_admin_share_without_costs_has_no_data():
    assert admin_share_check(operating("0", "0", "0"), EconomySettings()).status == NO_DATA


@pytest.mark.parametrize(
    ("individual", "structural", "expected"),
    [("70", "30", (MET, MET)), ("69.99", "30.01", (NOT_MET, NOT_MET)), ("100", "0", (MET, MET))],
)
def test_individual_and_structural_split_of_what_is_left_after_administration(
    individual, structural, expected
):
    results = split_checks(operating("500", structural, individual), EconomySettings())
    assert tuple(result.status for result in results) == expected
    assert [result.key for result in results] == ["individandel", "strukturandel"]


def test_split_on_the_budget_uses_budgeted_insats_costs():
    settings = EconomySettings(split_basis=CheckBasis.BUDGET)
    budget = {"administration": 0, "strukturinriktad": 300, "individinriktad": 700}
    individual, structural = split_checks(operating("0", "900", "100", budget=budget), settings)
    assert individual.value == D(70) and individual.status == MET
    assert structural.value == D(30) and structural.status == MET


@pytest.mark.parametrize(("result", "expected"), [("0", MET), ("-0.01", NOT_MET), ("0.01", MET)])
def test_balance_requirement_result_not_below_zero(result, expected):
    books = statements({"3510": "-100", "4010": str(D(100) - D(result))}, {})
    assert balance_requirement_check(books, EconomySettings()).status == expected


@pytest.mark.parametrize(("equity", "expected"), [("50", MET), ("49.99", NOT_MET)])
def test_solidity_at_its_minimum(equity, expected):
    books = statements({}, {"1930": "100", "2010": f"-{equity}", "2440": f"-{D(100) - D(equity)}"})
    settings = EconomySettings(solidity_min_percent=D(50))
    assert solidity_check(books, settings).status == expected


def test_the_default_guideline_passes_through_the_seeds_points():
    assert recommended_max_equity(D(6_000_000), list(DEFAULT_STEPS)) == D(1_200_000)
    assert recommended_max_equity(D(14_600_000), list(DEFAULT_STEPS)) == D(2_500_000)
    # 004: "cirka 4 300 tkr" for 32 000 tkr.
    assert recommended_max_equity(D(32_000_000), list(DEFAULT_STEPS)) == D(4_299_160)
    # 1 200 000 + 4 000 000 × 15,116 %.
    assert recommended_max_equity(D(10_000_000), list(DEFAULT_STEPS)) == D("1804640.000")


@pytest.mark.parametrize(("equity", "expected"), [("1200000", MET), ("1200000.01", NOT_MET)])
def test_equity_at_the_recommendation_for_6_000_tkr_of_contributions(world, equity, expected):
    books = statements(
        {"3510": "-6000000", "4010": "6000000"}, {"1930": equity, "2010": f"-{equity}"}
    )
    check = equity_check(world.a, books, EconomySettings(forbund=world.a))
    assert check.status == expected
    assert check.limit == D(1_200_000)


def test_a_forbund_can_enter_its_own_guideline_steps(world):
    with scopes_disabled():
        EquityGuidelineStep.objects.create(
            forbund=world.a, contributions_from=0, base_amount=2_000_000, marginal_percent=0
        )
    books = statements(
        {"3510": "-6000000", "4010": "6000000"}, {"1930": "1500000", "2010": "-1500000"}
    )
    check = equity_check(world.a, books, EconomySettings(forbund=world.a))
    assert (check.status, check.limit) == (MET, D(2_000_000))


def test_equity_without_contributions_has_no_data(world):
    books = statements({"4010": "100"}, {"1930": "-100"})
    assert equity_check(world.a, books, EconomySettings(forbund=world.a)).status == NO_DATA


def test_checks_of_the_hand_made_books(books, forbund):
    results = {check.key: check for check in run_checks(forbund, 2023)}
    assert list(results) == [
        "administrationsandel",
        "individandel",
        "strukturandel",
        "eget_kapital",
        "balanskrav",
        "soliditet",
    ]
    # Administration 175 000 of 785 000 in costs = 22,3 %.
    assert results["administrationsandel"].status == NOT_MET
    assert results["administrationsandel"].value.quantize(D("0.01")) == D("22.29")
    assert results["individandel"].value == D(80)  # FT 400 000 of 500 000
    # Contributions 1 200 000 -> at most 240 000 of equity; the books have 1 630 000.
    assert results["eget_kapital"].limit == D(240_000)
    assert results["eget_kapital"].status == NOT_MET
    assert results["balanskrav"].status == MET and results["soliditet"].status == MET
    assert "22,3 %" in results["administrationsandel"].explanation


# --- Issue 15: rules as exact fractions, equity steps that never fall ------------------------


@pytest.mark.parametrize(
    ("admin", "fraction", "expected"),
    [
        ("1000", "1/3", MET),  # exactly a third of 3 000
        ("1000.01", "1/3", NOT_MET),
        ("999.99", "1/3", MET),
    ],
)
def test_a_third_is_a_third_exactly(admin, fraction, expected):
    """Seed 003: "inte överstiga en tredjedel av budget". A share of exactly a third fails any
    two-decimal percentage (33,33 %), and a share between 33,33 and 33,333… % fails it too."""
    other = str(D(3000) - D(admin))
    settings = EconomySettings(admin_share_max_fraction=fraction, admin_share_max_percent=D(0))
    check = admin_share_check(operating(admin, "0", other), settings)
    assert check.status == expected
    assert check.limit == D("33.33") and "högst 1/3 (33,33 %)" in check.explanation
    stored_as_percent = EconomySettings(admin_share_max_percent=D("33.33"))
    assert admin_share_check(operating("1000", "0", "2000"), stored_as_percent).status == NOT_MET


def test_a_fraction_rule_must_be_a_fraction_from_0_to_1():
    from django.core.exceptions import ValidationError

    from economy.models.configuration import fraction_validator, parse_fraction

    assert parse_fraction(" 1 / 3 ") == Fraction(1, 3)
    for bad in ("4/3", "1/0", "en tredjedel", "0,33"):
        with pytest.raises(ValidationError, match="bråk mellan 0 och 1"):
            fraction_validator(bad)


def test_shares_are_compared_exactly_not_rounded():
    # 2 of 3 = 66,666…% against "minst 66,67 %": short, though it rounds to 66,67.
    settings = EconomySettings(individual_share_min_percent=D("66.67"))
    individual, _structural = split_checks(operating("0", "1", "2"), settings)
    assert individual.status == NOT_MET


def test_the_default_steps_never_fall_at_a_step():
    below = recommended_max_equity(D(14_599_999), list(DEFAULT_STEPS))
    at = recommended_max_equity(D(14_600_000), list(DEFAULT_STEPS))
    assert below <= at == D(2_500_000)
    assert round(below) == 2_499_976
    assert falling_steps(list(DEFAULT_STEPS)) == []
    previous = D(0)
    for contributions in range(0, 40_000_001, 50_000):
        value = recommended_max_equity(D(contributions), list(DEFAULT_STEPS))
        assert value >= previous
        previous = value


def test_steps_that_would_fall_are_refused_when_entered():
    old = [
        Step(D(0), D(0), D(20)),
        Step(D(6_000_000), D(1_200_000), D("15.120")),  # reaches 2 500 320 at 14 600 000
        Step(D(14_600_000), D(2_500_000), D("10.340")),
    ]
    assert recommended_max_equity(D(14_599_999), old) > recommended_max_equity(D(14_600_000), old)
    (problem,) = falling_steps(old)
    problem = problem.replace("\xa0", " ")
    assert "Steget från 14 600 000 kr börjar på 2 500 000 kr" in problem
    assert "2 500 320 kr" in problem


def test_the_settings_page_refuses_falling_steps(world, clients):
    from django.urls import reverse

    from economy.services.equity_guideline import create_default_steps

    with scopes_disabled():
        create_default_steps(world.a)
        steps = list(EquityGuidelineStep.objects.filter(forbund=world.a))
    data = {
        "settings-object_dimension": 6,
        "settings-contribution_accounts": "3510-3539",
        "settings-admin_share_max_percent": "10",
        "settings-admin_share_max_fraction": "1/3",
        "settings-admin_share_basis": "utfall",
        "settings-individual_share_min_percent": "70",
        "settings-structural_share_max_percent": "30",
        "settings-split_basis": "utfall",
        "settings-balance_requirement_min": "0",
        "settings-solidity_min_percent": "0",
        "steps-TOTAL_FORMS": len(steps) + 1,
        "steps-INITIAL_FORMS": len(steps),
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
    }
    for index, step in enumerate(steps):
        data |= {
            f"steps-{index}-id": step.pk,
            f"steps-{index}-contributions_from": step.contributions_from,
            f"steps-{index}-base_amount": step.base_amount,
            f"steps-{index}-marginal_percent": step.marginal_percent,
        }
    data[f"steps-{len(steps) - 1}-base_amount"] = "2400000"  # below what the step before reaches
    url = reverse("economy:settings", kwargs={"forbund": "alfa"})
    response = clients["ekonom"].post(url, data)
    assert response.status_code == 200
    assert "rekommendationen får inte sjunka" in response.content.decode()
    data[f"steps-{len(steps) - 1}-base_amount"] = "2500000"
    assert clients["ekonom"].post(url, data).status_code == 302
    with scopes_disabled():
        saved = EconomySettings.objects.get(forbund=world.a)
    assert saved.admin_share_max_fraction_value() == Fraction(1, 3)
