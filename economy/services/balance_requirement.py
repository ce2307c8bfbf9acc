"""The balanskravsutredning's follow-up over the years: a negative balanskravsresultat that the
förbund's rules require to be restored, what later years restored, and what is left; and a
use of equity that the budget decision planned.

    follow_up = balance_requirement_follow_up(forbund, 2024)

Whether the three-year restoration of kommunallagen (11 kap. 12 §) binds a
samordningsförbund is the förbund's own rule (EconomySettings.deficit_restoration_years;
None: no restoration is required and no follow-up is made). Deficits are restored in the
order they arose, by later years' positive balanskravsresultat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django_scopes import scope

from budget.choices import BudgetCategory
from budget.services import budget_for_year
from core import figure_cache

from ..models import FinancialYear
from .configuration import settings_for
from .statements import NoBooksError, statements_for

ZERO = Decimal(0)


@dataclass
class Deficit:
    year: int
    amount: Decimal  # positive: the negative balanskravsresultat
    restore_by: int
    restored: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.restored

    def as_dict(self) -> dict[str, Any]:
        return {
            "ar": self.year,
            "underskott": self.amount,
            "aterstallt": self.restored,
            "kvar": self.remaining,
            "aterstalls_senast": self.restore_by,
        }


@dataclass
class FollowUp:
    year: int
    restoration_years: int | None
    deficits: list[Deficit] = field(default_factory=list)
    planned_equity_use: Decimal | None = None  # kr the year's budget takes from equity

    @property
    def remaining(self) -> Decimal:
        return sum((d.remaining for d in self.deficits), ZERO)

    @property
    def overdue(self) -> list[Deficit]:
        return [d for d in self.deficits if d.remaining > 0 and d.restore_by < self.year]

    def as_dict(self) -> dict[str, Any]:
        return {
            "ar": self.year,
            "aterstallande_inom_ar": self.restoration_years,
            "underskott": [d.as_dict() for d in self.deficits],
            "kvar_att_aterstalla": self.remaining if self.restoration_years else None,
            "planerat_ianspraktagande_eget_kapital": self.planned_equity_use,
        }


@figure_cache.kept
def balance_requirement_follow_up(forbund, year: int) -> FollowUp:
    with scope(forbund=forbund):
        settings = settings_for(forbund)
        years = sorted(
            {
                end.year
                for end in FinancialYear.objects.filter(
                    forbund=forbund, end__year__lte=year
                ).values_list("end", flat=True)
            }
        )
        budget = budget_for_year(forbund, year)
    planned = None
    if budget is not None:
        planned = Decimal(budget.total_for_category(BudgetCategory.EQUITY)) or None
    follow_up = FollowUp(year, settings.deficit_restoration_years, planned_equity_use=planned)
    if not settings.deficit_restoration_years:
        return follow_up
    for book_year in years:
        try:
            current, _previous = statements_for(forbund, book_year)
        except NoBooksError:
            continue
        result = current.balance_requirement_result
        if result < 0:
            follow_up.deficits.append(
                Deficit(book_year, -result, book_year + settings.deficit_restoration_years)
            )
            continue
        surplus = result
        for deficit in follow_up.deficits:
            if surplus <= 0:
                break
            used = min(surplus, deficit.remaining)
            deficit.restored += used
            surplus -= used
    # Deficits fully restored before this year are history; the rest stays in view.
    follow_up.deficits = [d for d in follow_up.deficits if d.remaining > 0 or d.year >= year - 1]
    return follow_up
