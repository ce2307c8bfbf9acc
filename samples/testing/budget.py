"""The budget app's objects in the shared test world (see samples/testing/__init__.py)."""

from __future__ import annotations

from datetime import date

from budget.choices import BudgetCategory
from budget.models import Budget, BudgetLine
from samples.testing import URL_KWARGS, WORLD_EXTENSIONS, World


def add_budget_objects(world: World) -> None:
    """A 2024 budget in förbund A (with a line for insats A1) and one in B."""
    for forbund, insats in ((world.a, world.insats_a1), (world.b, world.insats_b1)):
        budget = Budget.objects.create(forbund=forbund, year=2024, adopted_on=date(2023, 11, 20))
        line = BudgetLine.objects.create(
            forbund=forbund,
            budget=budget,
            category=BudgetCategory.INDIVIDUAL,
            name=insats.name,
            insats=insats,
            original_amount=1_000_000,
            position=10,
        )
        world.extra[f"budget_line_{forbund.slug}"] = line


WORLD_EXTENSIONS.append(add_budget_objects)
URL_KWARGS["budget_line"] = lambda w: w.extra["budget_line_alfa"].pk
