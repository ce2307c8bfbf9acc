"""The budget app's public API: other apps (economy, reports) import from here.

Call everything inside `scope(forbund=...)`. Amounts are whole kronor (int).

Contributions (services/contributions.py)
    contributions_for_year(forbund, year) -> ContributionYear
        .rows: [ContributionRow(member, requested, decided, paid, note)], .total_requested,
        .total_decided, .total_paid (None when nothing entered), .decided_by_group()
        -> {"staten": kr, "region": kr, "kommuner": kr}
    calculate_contributions(forbund, year, total) -> ContributionCalculation  (raises
        CalculationError); save_calculation(forbund, calculation, "requested"|"decided", user)

Budget (services/budgets.py)
    budget_for_year(forbund, year, as_of=None) -> BudgetSnapshot | None
        as_of=None: after every revision; a date: revisions decided on or before it.
        .lines: [BudgetLineAmount(category, name, insats_id, insats_code, member_id,
                 original, amount, is_cost)]
        .costs_by_area(), .costs_by_insats(), .income_by_category(), .total_costs(),
        .total_income(), .result()   (each takes original=True for the adopted budget;
        total_income/result take include_equity=False to leave out "Ianspråktaget eget
        kapital", which is financing rather than income)
    original_budget_for_year(forbund, year) -> BudgetSnapshot | None
    three_year_plan(forbund, first_year) -> ThreeYearPlan
        .years, .present, .adopted, .income / .costs: [PlanSection(category, label, rows:
        [PlanRow(category, name, insats_code, amounts[3])], totals[3])], .total_income,
        .total_costs, .result

Ideal allocation (services/ideal.py)
    ideal_allocation(forbund, year) -> ForbundIdeal | None
        .ideal_total, .state_ideal, .actual_total, .share_of_ideal (Fraction), .difference,
        .municipalities, .population_16_64, .forsorjningsmatt
    county_ideal_allocation(year) -> list[ForbundIdeal] | None   (installation level)
"""

from .budgets import (
    BudgetLineAmount,
    BudgetSnapshot,
    PlanRow,
    PlanSection,
    ThreeYearPlan,
    budget_for_year,
    original_budget_for_year,
    three_year_plan,
)
from .contributions import (
    CalculationError,
    ContributionCalculation,
    ContributionRow,
    ContributionYear,
    calculate_contributions,
    contributions_for_year,
    save_calculation,
)
from .ideal import ForbundIdeal, county_ideal_allocation, ideal_allocation

__all__ = [
    "BudgetLineAmount",
    "BudgetSnapshot",
    "CalculationError",
    "ContributionCalculation",
    "ContributionRow",
    "ContributionYear",
    "ForbundIdeal",
    "PlanRow",
    "PlanSection",
    "ThreeYearPlan",
    "budget_for_year",
    "calculate_contributions",
    "contributions_for_year",
    "county_ideal_allocation",
    "ideal_allocation",
    "original_budget_for_year",
    "save_calculation",
    "three_year_plan",
]
