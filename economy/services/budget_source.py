"""The year's budget in the driftredovisning's buckets, read from the budget app.

The one place the economy app reads budgets. Lines tied to an insats belong to that insats
(costs, and ESF or other income the insats brings); cost lines without an insats stay in
their area (as the area object of the same name, else in an "övrigt" row); income without
an insats is member contributions or other income. "Ianspråktaget eget kapital" is
financing, not income, and is left out, so the budgeted result is income minus costs as in
Roslagen's annual report 2023 (6 000 + 2 200 − 8 300 = −100).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from budget.choices import BudgetCategory
from budget.services import budget_for_year

from .outcome import ADMINISTRATION, CONTRIBUTIONS, OTHER_INCOME, Amount


def name_key(name: str) -> str:
    """A name as it is compared between budget lines and SIE objects: case and dashes aside
    (a CP437 export has no en dash: "16-29" in the file is "16–29" in the budget)."""
    return " ".join(name.replace("\u2013", "-").replace("\u2014", "-").casefold().split())


def area_rest_key(area: str) -> str:
    """The bucket of an area's cost lines that name no insats."""
    return f"omrade:{area}"


@dataclass
class BudgetBuckets:
    buckets: dict[str, Amount] = field(default_factory=lambda: defaultdict(Amount))
    revisions_counted: int = 0
    adopted_on: date | None = None

    def get(self, key: str) -> Amount | None:
        return self.buckets.get(key)

    @property
    def total(self) -> Amount:
        values = self.buckets.values()
        return Amount(
            sum((a.income for a in values), Decimal(0)), sum((a.costs for a in values), Decimal(0))
        )


def budget_buckets(
    forbund,
    year: int,
    as_of: date | None = None,
    area_objects: dict[tuple[str, str], str] | None = None,
) -> BudgetBuckets | None:
    """The budget after the revisions decided up to `as_of` (None: all), or None.

    `area_objects` maps (area, object name in lower case) to the bucket of an area's object:
    a cost line without an insats whose name is the object's name is compared with it.
    """
    area_objects = area_objects or {}
    snapshot = budget_for_year(forbund, year, as_of=as_of)
    if snapshot is None:
        return None
    result = BudgetBuckets(
        revisions_counted=snapshot.revisions_counted, adopted_on=snapshot.budget.adopted_on
    )
    for line in snapshot.lines:
        amount = Decimal(line.amount)
        if line.category == BudgetCategory.EQUITY:
            continue
        if line.is_cost:
            if line.category == BudgetCategory.ADMINISTRATION:
                key = ADMINISTRATION
            elif line.insats_code:
                key = f"insats:{line.insats_code}"
            else:
                key = area_objects.get(
                    (line.category, name_key(line.name)), area_rest_key(line.category)
                )
            result.buckets[key].costs += amount
        else:
            if line.insats_code:
                key = f"insats:{line.insats_code}"
            elif line.category == BudgetCategory.MEMBER_CONTRIBUTION:
                key = CONTRIBUTIONS
            else:
                key = OTHER_INCOME
            result.buckets[key].income += amount
    return result
