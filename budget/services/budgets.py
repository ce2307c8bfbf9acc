"""Reading a budget as it stood: original, after revisions up to a date, the 3-year plan."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from core import figure_cache
from organisations.models import Forbund

from ..choices import COST_AREAS, INCOME_CATEGORIES, BudgetCategory, is_cost
from ..models import Budget, BudgetLine, BudgetRevisionChange


@dataclass(frozen=True)
class BudgetLineAmount:
    """One line with its original amount and its amount after the revisions counted."""

    line_id: int
    category: str
    name: str
    insats_id: int | None
    insats_code: str
    member_id: int | None
    position: int
    original: int
    amount: int

    @property
    def is_cost(self) -> bool:
        return is_cost(self.category)

    @property
    def change(self) -> int:
        return self.amount - self.original

    @property
    def category_label(self) -> str:
        return str(BudgetCategory(self.category).label)

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the line across years (the three-year plan, the import)."""
        return (self.category, self.name)


@dataclass
class BudgetSnapshot:
    """A year's budget as of a date (None: after every revision)."""

    budget: Budget
    as_of: datetime.date | None
    lines: list[BudgetLineAmount] = field(default_factory=list)
    revisions_counted: int = 0

    @property
    def year(self) -> int:
        return self.budget.year

    def lines_in(self, category: str) -> list[BudgetLineAmount]:
        return [line for line in self.lines if line.category == category]

    def total_for_category(self, category: str, *, original: bool = False) -> int:
        return sum(line.original if original else line.amount for line in self.lines_in(category))

    def costs_by_area(self, *, original: bool = False) -> dict[str, int]:
        return {area: self.total_for_category(area, original=original) for area in COST_AREAS}

    def income_by_category(self, *, original: bool = False) -> dict[str, int]:
        return {
            category: self.total_for_category(category, original=original)
            for category in INCOME_CATEGORIES
        }

    def costs_by_insats(self, *, original: bool = False) -> dict[int, int]:
        result: dict[int, int] = defaultdict(int)
        for line in self.lines:
            if line.is_cost and line.insats_id is not None:
                result[line.insats_id] += line.original if original else line.amount
        return dict(result)

    def total_costs(self, *, original: bool = False) -> int:
        return sum(self.costs_by_area(original=original).values())

    def total_income(self, *, original: bool = False, include_equity: bool = True) -> int:
        """Income lines summed; `include_equity=False` leaves out "Ianspråktaget eget
        kapital" (financing, not income, in the statements)."""
        by_category = self.income_by_category(original=original)
        if not include_equity:
            by_category.pop(BudgetCategory.EQUITY, None)
        return sum(by_category.values())

    def result(self, *, original: bool = False, include_equity: bool = True) -> int:
        """Income minus costs. With the equity used counted as income (the verksamhetsplan's
        "balans", Södra Roslagen 2018) by default; `include_equity=False` gives the result the
        driftredovisning compares with (Roslagen 2023: 6 000 + 2 200 − 8 300 = −100 tkr)."""
        income = self.total_income(original=original, include_equity=include_equity)
        return income - self.total_costs(original=original)

    @property
    def uses_equity(self) -> bool:
        return any(line.category == BudgetCategory.EQUITY for line in self.lines)


@figure_cache.kept
def budget_for_year(
    forbund: Forbund, year: int, as_of: datetime.date | None = None
) -> BudgetSnapshot | None:
    """The budget of `year` after the revisions decided on or before `as_of` (None: all).

    Each line carries `original` (as adopted) and `amount` (after those revisions). Returns
    None when the förbund has no budget for the year. Call inside scope(forbund=...).
    """
    budget = Budget.objects.filter(forbund=forbund, year=year).first()
    if budget is None:
        return None
    return snapshot_of(budget, as_of)


def original_budget_for_year(forbund: Forbund, year: int) -> BudgetSnapshot | None:
    """The budget as adopted, before any revision (`amount` == `original` on every line)."""
    budget = Budget.objects.filter(forbund=forbund, year=year).first()
    if budget is None:
        return None
    return snapshot_of(budget, as_of=None, include_revisions=False)


def snapshot_of(
    budget: Budget, as_of: datetime.date | None = None, *, include_revisions: bool = True
) -> BudgetSnapshot:
    lines = list(
        BudgetLine.objects.filter(budget=budget).select_related("insats").order_by("position", "id")
    )
    latest: dict[int, int] = {}
    revisions: set[int] = set()
    if include_revisions:
        changes = BudgetRevisionChange.objects.filter(revision__budget=budget)
        if as_of is not None:
            changes = changes.filter(revision__decided_on__lte=as_of)
        # Later decisions win; on the same date, the later-entered revision wins.
        for change in changes.order_by("revision__decided_on", "revision_id"):
            latest[change.line_id] = change.amount
            revisions.add(change.revision_id)
    snapshot = BudgetSnapshot(budget=budget, as_of=as_of, revisions_counted=len(revisions))
    order = {category: index for index, category in enumerate(BudgetCategory.values)}
    lines.sort(key=lambda line: (order[line.category], line.position, line.id))
    for line in lines:
        snapshot.lines.append(
            BudgetLineAmount(
                line_id=line.pk,
                category=line.category,
                name=line.name,
                insats_id=line.insats_id,
                insats_code=line.insats.code if line.insats else "",
                member_id=line.member_id,
                position=line.position,
                original=line.original_amount,
                amount=latest.get(line.pk, line.original_amount),
            )
        )
    return snapshot


@dataclass
class PlanRow:
    """One line of the three-year table: its amount in each of the three years (None: absent)."""

    category: str
    name: str
    insats_code: str
    amounts: list[int | None]


@dataclass
class PlanSection:
    category: str
    rows: list[PlanRow]

    @property
    def label(self) -> str:
        return str(BudgetCategory(self.category).label)

    @property
    def totals(self) -> list[int]:
        return [
            sum(row.amounts[index] or 0 for row in self.rows)
            for index in range(len(self.rows[0].amounts) if self.rows else 0)
        ]


@dataclass
class ThreeYearPlan:
    """The verksamhetsplan's budget table (Södra Roslagen's plan 2018, §3.5–3.6): years Y, Y+1, Y+2.

    Amounts are each year's budget after all its revisions. `adopted[i]` tells whether year i
    has an adopted budget (else it is a plan/prognos, or missing when `present[i]` is False).
    """

    first_year: int
    years: list[int]
    present: list[bool]
    adopted: list[bool]
    income: list[PlanSection]
    costs: list[PlanSection]

    def _sum(self, sections: list[PlanSection]) -> list[int]:
        return [
            sum(section.totals[index] for section in sections) for index in range(len(self.years))
        ]

    @property
    def total_income(self) -> list[int]:
        return self._sum(self.income)

    @property
    def total_costs(self) -> list[int]:
        return self._sum(self.costs)

    @property
    def result(self) -> list[int]:
        return [i - c for i, c in zip(self.total_income, self.total_costs, strict=True)]


def three_year_plan(forbund: Forbund, first_year: int) -> ThreeYearPlan:
    """Budget lines of `first_year` and the two following years side by side.

    Lines are matched across years on (category, name); a line missing in a year shows None.
    Call inside scope(forbund=...).
    """
    years = [first_year, first_year + 1, first_year + 2]
    snapshots = [budget_for_year(forbund, year) for year in years]
    rows: dict[tuple[str, str], PlanRow] = {}
    for index, snapshot in enumerate(snapshots):
        if snapshot is None:
            continue
        for line in snapshot.lines:
            row = rows.get(line.key)
            if row is None:
                row = rows[line.key] = PlanRow(
                    line.category, line.name, line.insats_code, [None, None, None]
                )
            row.insats_code = row.insats_code or line.insats_code
            row.amounts[index] = line.amount

    def sections(categories: tuple[str, ...]) -> list[PlanSection]:
        result = []
        for category in categories:
            section_rows = [row for row in rows.values() if row.category == category]
            if section_rows:
                result.append(PlanSection(category, section_rows))
        return result

    return ThreeYearPlan(
        first_year=first_year,
        years=years,
        present=[snapshot is not None for snapshot in snapshots],
        adopted=[bool(snapshot and snapshot.budget.adopted_on) for snapshot in snapshots],
        income=sections(INCOME_CATEGORIES),
        costs=sections(COST_AREAS),
    )
