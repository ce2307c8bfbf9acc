"""The budget app's public API (other apps import from here).

budget_for_year(forbund, year, as_of=None) -> BudgetSnapshot | None
original_budget_for_year(forbund, year) -> BudgetSnapshot | None
"""

from .budgets import (
    BudgetLineAmount,
    BudgetSnapshot,
    budget_for_year,
    original_budget_for_year,
)

__all__ = [
    "BudgetLineAmount",
    "BudgetSnapshot",
    "budget_for_year",
    "original_budget_for_year",
]
